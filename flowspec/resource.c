/*
 * The resource model: IntServ flow -> bandwidth, packet rate, CPU,
 * memory, Guaranteed error terms.  docs/admission.md has the formulas.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "flowspec/resource.h"

#define US_PER_S	1e6
#define NS_PER_S	1e9

/* Defaults (docs/admission.md): a frame through the routelet, with the
 * vif's return path, costs about 3 us on these machines and an idle
 * routelet's ring wake-ups about 0.9% of a core (docs/calibrate.md);
 * CFS's own default period and minimum quota; 64-byte frames. */
#define RS_DEF_PKT_COST_NS	3000.0
#define RS_DEF_BASE_CPU		0.01
#define RS_DEF_HEADROOM		1.25
#define RS_DEF_PERIOD_US	100000
#define RS_DEF_MIN_QUOTA_US	1000
#define RS_DEF_MIN_UNIT		64
#define RS_DEF_MEM_BASE		(8ULL << 20)
#define RS_DEF_MEM_RINGS	(4ULL << 20)
#define RS_DEF_HOP_LATENCY_US	50

void
rs_params_default(struct rs_params *p)
{
	memset(p, 0, sizeof(*p));
	p->pkt_cost_ns = RS_DEF_PKT_COST_NS;
	p->base_cpu = RS_DEF_BASE_CPU;
	p->cpu_headroom = RS_DEF_HEADROOM;
	p->cpu_period_us = RS_DEF_PERIOD_US;
	p->min_quota_us = RS_DEF_MIN_QUOTA_US;
	p->min_unit_floor = RS_DEF_MIN_UNIT;
	p->mem_base = RS_DEF_MEM_BASE;
	p->mem_rings = RS_DEF_MEM_RINGS;
	p->hop_latency_us = RS_DEF_HOP_LATENCY_US;
}

/* A non-negative double rounded up into a uint64_t, saturating; a
 * fraction within floating-point error (1e-9 of the value) is dropped,
 * so that 3500.0000000000005 us of quota is 3500. */
static uint64_t
sat_u64(double v)
{
	uint64_t u;

	if (!(v > 0))
		return 0;
	if (v >= 18446744073709549568.0)	/* largest double < 2^64 */
		return UINT64_MAX;
	u = (uint64_t)v;
	if (v - (double)u > v * 1e-9)
		u++;
	return u;
}

/* The same into a uint32_t. */
static uint32_t
sat_u32(double v)
{
	uint64_t u = sat_u64(v);

	return u > UINT32_MAX ? UINT32_MAX : (uint32_t)u;
}

/*
 * Packets per second that a flow conforming to 't' can send at most, on
 * average over any window of 'win' seconds (RFC 2212 and RFC 2211: the
 * bytes sent in a window of length T are at most min(M + pT, b + rT);
 * a packet smaller than m counts as m when policed, so the number of
 * packets is that over max(m, floor)).
 */
static double
tspec_pps(const struct is_tspec *t, double win, uint32_t floor)
{
	double bytes, unit;

	bytes = (double)t->bucket + (double)t->rate * win;
	if (!isinf(t->peak) && (double)t->max_size + (double)t->peak * win <
	    bytes)
		bytes = (double)t->max_size + (double)t->peak * win;
	unit = t->min_unit > floor ? t->min_unit : floor;
	if (unit < 1)
		unit = 1;
	return bytes / (unit * win);
}

int
rs_need_compute(const struct rs_params *p, const struct is_tspec *sender,
    const struct is_flowspec *fs, struct rs_need *need)
{
	const struct is_tspec *t = &fs->tspec;
	double win, pps, cpu, buf;

	memset(need, 0, sizeof(*need));
	if (fs->service != IS_SVC_GUARANTEED &&
	    fs->service != IS_SVC_CONTROLLED_LOAD)
		return IS_TC_SERVICE_UNSUPPORTED;
	if (sender != NULL && is_tspec_check(sender) != IS_OK)
		return IS_TC_BAD_TSPEC;
	if (is_tspec_check(t) != IS_OK)
		return IS_TC_BAD_FLOWSPEC;
	if (fs->service == IS_SVC_GUARANTEED &&
	    (is_rspec_check(&fs->rspec) != IS_OK ||
	    fs->rspec.rate < t->rate))	/* RFC 2212, "Policing": R >= r */
		return IS_TC_BAD_FLOWSPEC;

	win = (p->cpu_period_us > 0 ? p->cpu_period_us : 1) / US_PER_S;
	pps = tspec_pps(t, win, p->min_unit_floor);
	if (sender != NULL && tspec_pps(sender, win, p->min_unit_floor) < pps)
		pps = tspec_pps(sender, win, p->min_unit_floor);
	cpu = (p->base_cpu + pps * p->pkt_cost_ns / NS_PER_S) *
	    (p->cpu_headroom > 1 ? p->cpu_headroom : 1);

	need->service = fs->service;
	need->bw = fs->service == IS_SVC_GUARANTEED ? fs->rspec.rate : t->rate;
	need->pps = pps;
	need->cpu = cpu;
	need->cpu_period_us = p->cpu_period_us;
	need->cpu_quota_us = sat_u64(cpu * p->cpu_period_us);
	if (need->cpu_quota_us < p->min_quota_us)
		need->cpu_quota_us = p->min_quota_us;
	need->max_pkt = t->max_size;

	/* The bucket plus one packet in flight (Controlled-Load); for
	 * Guaranteed, RFC 2212's buffer at a hop, b + C + R * D, is added
	 * by admission once C and D are known (it knows the link). */
	buf = (double)t->bucket + t->max_size;
	need->mem = sat_u64((double)p->mem_base + (double)p->mem_rings + buf);
	return 0;
}

void
rs_guaranteed_terms(const struct rs_params *p, const struct rs_link *link,
    const struct rs_need *need, uint32_t *c_r, uint32_t *d_r)
{
	double d, held;

	*c_r = need->max_pkt;
	d = p->hop_latency_us;
	if (link->rate > 0)
		d += (double)link->mtu / link->rate * US_PER_S;
	else
		d = INFINITY;
	held = (double)need->cpu_period_us - (double)need->cpu_quota_us;
	if (held > 0)
		d += held;
	*d_r = sat_u32(d);
}

uint64_t
rs_guaranteed_delay_us(const struct is_flowspec *fs, uint32_t c, uint32_t d)
{
	double R = fs->rspec.rate, r = fs->tspec.rate, p = fs->tspec.peak;
	double b = fs->tspec.bucket, M = fs->tspec.max_size, delay;

	if (!(R > 0))
		return UINT64_MAX;
	/* RFC 2212, "Policing"/delay bound: with p > R >= r,
	 * (b - M)/R * (p - R)/(p - r) + (M + C)/R + D; with R >= p,
	 * (M + C)/R + D.  Infinite p makes the first factor 1. */
	delay = (M + c) / R;
	if (isinf(p))
		delay += (b - M > 0 ? b - M : 0) / R;
	else if (p > R && p > r)
		delay += (b - M > 0 ? b - M : 0) / R * (p - R) / (p - r);
	return sat_u64(delay * US_PER_S + d);
}

/* Add 'v' to the ADSPEC value 'a', saturating; absent counts as 0. */
static void
ad_add(struct is_ad_u32 *a, uint32_t v)
{
	uint64_t sum;

	sum = (a->present ? (uint64_t)a->value : 0) + v;
	a->value = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
	a->present = true;
}

void
rs_adspec_add(struct is_ad_guaranteed *g, uint32_t c, uint32_t d)
{
	if (!g->present)
		return;
	ad_add(&g->ctot, c);
	ad_add(&g->dtot, d);
	ad_add(&g->csum, c);
	ad_add(&g->dsum, d);
}
