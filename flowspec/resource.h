/*
 * The resource model: what one IntServ flow needs at this hop.  From the
 * sender's TSpec, the receiver's FLOWSPEC and its service, compute the
 * egress bandwidth, the worst-case packet rate, the routelet's CPU share,
 * its memory, and, for Guaranteed service, the C and D error terms this
 * hop exports in ADSPEC.  Pure arithmetic: no state, no I/O.
 * docs/admission.md explains every formula and its reference.
 *
 * Units follow the wire (flowspec/intserv.h): rates in bytes/s, sizes in
 * bytes, times in microseconds.  Results that do not fit their type
 * saturate at the type's maximum, so that admission refuses them instead
 * of wrapping.
 */
#ifndef QUASAR_RESOURCE_H
#define QUASAR_RESOURCE_H

#include <stdint.h>

#include "flowspec/intserv.h"

/*
 * Parameters of the model.  rs_params_default() fills in the defaults;
 * the per-packet cost is the figure `quasard --calibrate` measures.
 */
struct rs_params {
	double		pkt_cost_ns;	/* routelet CPU per packet, ns */
	double		base_cpu;	/* routelet CPU at no traffic, cores */
	double		cpu_headroom;	/* multiplier on CPU, >= 1 */
	uint32_t	cpu_period_us;	/* CPU cap period (CFS / credit) */
	uint32_t	min_quota_us;	/* smallest quota the cap accepts */
	uint32_t	min_unit_floor;	/* m below this counts as this, bytes */
	uint64_t	mem_base;	/* routelet without buffers, bytes */
	uint64_t	mem_rings;	/* receive and send rings, bytes */
	uint32_t	hop_latency_us;	/* fixed latency through the box */
};

/* What a flow needs here. */
struct rs_need {
	uint8_t		service;	/* IS_SVC_GUARANTEED or _CONTROLLED_LOAD */
	double		bw;		/* egress bytes/s: r (CL) or R (G) */
	double		pps;		/* worst-case packets/s in one period */
	double		cpu;		/* cores (0.25 = a quarter of a core) */
	uint32_t	cpu_period_us;	/* the cap: quota_us per period_us */
	uint64_t	cpu_quota_us;
	uint64_t	mem;		/* bytes: base + rings + buffer */
	uint32_t	max_pkt;	/* M, bytes */
};

/* The egress link the flow leaves by, as the C and D terms see it. */
struct rs_link {
	double		rate;		/* bytes/s */
	uint32_t	mtu;		/* bytes */
};

/* Fill 'p' with the default model parameters (docs/admission.md). */
void rs_params_default(struct rs_params *p);

/*
 * Compute into 'need' what the flow with FLOWSPEC 'fs' needs, the
 * packet rate bounded also by the sender's TSpec 'sender' when it is not
 * NULL.  Returns 0, or the RFC 2205 App. B code 21 (Traffic Control
 * Error) value that refuses the request: IS_TC_SERVICE_UNSUPPORTED for
 * a service other than 2 or 5, IS_TC_BAD_TSPEC for a sender TSpec that
 * breaks RFC 2210 3.1, IS_TC_BAD_FLOWSPEC for a FLOWSPEC whose values
 * are broken or whose Guaranteed rate R is below its r (RFC 2212,
 * "Policing": R >= r).  'need' is zeroed on refusal.
 */
int rs_need_compute(const struct rs_params *p, const struct is_tspec *sender,
    const struct is_flowspec *fs, struct rs_need *need);

/*
 * The Guaranteed service error terms of this hop (RFC 2212, "Exported
 * Information"): C (bytes) into *c_r and D (microseconds) into *d_r, for
 * a flow whose need is 'need' leaving by 'link'.  C is the flow's M (one
 * packet of the flow at rate R); D is one link MTU at the link's rate,
 * the time the routelet can be held off by its CPU cap (period - quota)
 * and the box's fixed latency.  Both saturate at UINT32_MAX.
 */
void rs_guaranteed_terms(const struct rs_params *p, const struct rs_link *link,
    const struct rs_need *need, uint32_t *c_r, uint32_t *d_r);

/*
 * The delay bound this hop alone gives a Guaranteed flow 'fs' with error
 * terms C = 'c' bytes and D = 'd' us, by RFC 2212's bound ("Policing"
 * and the delay formulas: the p > R >= r and R >= p cases), in
 * microseconds, saturating at UINT64_MAX (for R = 0).
 */
uint64_t rs_guaranteed_delay_us(const struct is_flowspec *fs, uint32_t c,
    uint32_t d);

/*
 * Add this hop's terms to a Guaranteed ADSPEC fragment 'g' (RFC 2212,
 * "Exported Information": Ctot/Dtot end to end, Csum/Dsum since the last
 * reshaping point, which a QuaSAR hop never is).  Absent values count as
 * 0 and become present; sums saturate at UINT32_MAX.  Does nothing when
 * 'g' is not present.
 */
void rs_adspec_add(struct is_ad_guaranteed *g, uint32_t c, uint32_t d);

#endif
