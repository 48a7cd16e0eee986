/*
 * Admission control over the router's capacity.  One 'struct adm' holds
 * the capacity (each line card's reservable bandwidth, the CPU left to
 * routelets, the memory budget, the pool size) and the flows admitted
 * against it.  adm_admit() takes a flow in, preempting flows of worse
 * holding priority when it must (RFC 3209 4.7.4); adm_change() re-admits
 * a flow whose FLOWSPEC grew or shrank; adm_release() gives its share
 * back.  A refusal names its reason, which adm_errspec() maps to the
 * RFC 2205 ERROR_SPEC code and value.  No I/O, no timers, no global
 * state.  docs/admission.md explains the model.
 */
#ifndef QUASAR_ADMISSION_H
#define QUASAR_ADMISSION_H

#include <stddef.h>
#include <stdint.h>

#include "flowspec/intserv.h"
#include "flowspec/resource.h"

/* RFC 2205 App. B, code 1 (Admission Control Failure): ssur = 0000,
 * globally defined sub-codes. */
#define ADM_RSVP_ERR_ADMISSION		1
#define ADM_AC_DELAY			1	/* delay bound cannot be met */
#define ADM_AC_BANDWIDTH		2	/* requested bandwidth unavailable */
#define ADM_AC_MTU			3	/* MTU in flowspec > interface MTU */
/* ss = 10: organization-specific sub-codes, ours (RFC 2205 App. B). */
#define ADM_AC_ORG			0x8000
#define ADM_AC_CPU			(ADM_AC_ORG | 1)
#define ADM_AC_MEMORY			(ADM_AC_ORG | 2)
#define ADM_AC_POOL			(ADM_AC_ORG | 3)
/* The error a preempted flow's ends get: code 2, Policy Control Failure,
 * value 5, "Flow was preempted" (RFC 2750 4, RFC 3209 4.7.4). */
#define ADM_RSVP_ERR_POLICY		2
#define ADM_POLICY_PREEMPTED		5
/* Code 2 value 3, "Generic Policy Rejection" (RFC 2750 4): the refusal of
 * priorities RFC 3209 4.7 does not allow. */
#define ADM_POLICY_GENERIC		3

/* RFC 3209 4.7: priorities 0 (best) to 7 (worst). */
#define ADM_PRIO_BEST			0
#define ADM_PRIO_WORST			7

#define ADM_MAX_LINKS			32

/* Why a request was refused. */
enum adm_reason {
	ADM_OK = 0,
	ADM_E_DELAY,		/* Guaranteed: hop delay over the bound */
	ADM_E_BANDWIDTH,	/* line card's reservable rate exhausted */
	ADM_E_MTU,		/* M larger than the line card's MTU */
	ADM_E_CPU,		/* routelet CPU budget exhausted */
	ADM_E_MEMORY,		/* routelet memory budget exhausted */
	ADM_E_POOL,		/* every routelet of the pool is taken */
	ADM_E_SERVICE,		/* service other than Guaranteed or CL */
	ADM_E_BAD_TSPEC,	/* sender TSpec values broken */
	ADM_E_BAD_FLOWSPEC,	/* FLOWSPEC values broken, or R < r */
	ADM_E_LINK,		/* no such line card */
	ADM_E_PRIORITY,		/* priority over 7, or setup worse than hold */
	ADM_E_EXISTS,		/* adm_admit: key already admitted */
	ADM_E_UNKNOWN,		/* adm_change/adm_release: key not admitted */
	ADM_E_NOMEM,		/* out of memory for the flow table */
};

/* One line card: rate and how much of it flows may reserve. */
struct adm_link_cap {
	double		rate;		/* bytes/s */
	double		reservable;	/* fraction of 'rate', 0..1 */
	uint32_t	mtu;		/* bytes */
};

/* The router's capacity. */
struct adm_capacity {
	unsigned		n_links;
	struct adm_link_cap	link[ADM_MAX_LINKS];
	double			cores;		/* CPUs in the box */
	double			dom0_reserve;	/* cores kept for dom0 */
	uint64_t		mem_budget;	/* bytes for all routelets */
	unsigned		pool_size;	/* routelets at most */
	uint64_t		max_delay_us;	/* Guaranteed hop bound; 0: none */
};

/* A flow to admit: its key (the caller's handle for the reservation),
 * the line card it leaves by and its RSVP-TE priorities. */
struct adm_request {
	uint64_t			key;
	unsigned			link;		/* index in capacity */
	uint8_t				setup_prio;	/* RFC 3209 4.7 */
	uint8_t				hold_prio;
	const struct is_tspec		*sender;	/* may be NULL */
	const struct is_flowspec	*flowspec;
};

/* An admitted flow. */
struct adm_flow {
	uint64_t	key;
	unsigned	link;
	uint8_t		setup_prio;
	uint8_t		hold_prio;
	struct rs_need	need;
	uint32_t	c;		/* Guaranteed error terms, else 0 */
	uint32_t	d;
};

/* Flows preempted to make room: the caller tears them down and sends
 * their ends ADM_RSVP_ERR_POLICY / ADM_POLICY_PREEMPTED. */
struct adm_victims {
	size_t		n;
	uint64_t	*key;		/* n keys, owned by the caller of
					 * adm_admit/adm_change; free with
					 * adm_victims_dispose() */
};

/* What is in use, for show commands and tests. */
struct adm_usage {
	size_t		n_flows;
	double		cpu;			/* cores */
	uint64_t	mem;			/* bytes */
	double		link_bw[ADM_MAX_LINKS];	/* bytes/s reserved */
};

struct adm {
	struct adm_capacity	cap;
	struct rs_params	params;
	struct adm_flow		*flow;
	size_t			n_flow;
	size_t			cap_flow;
	struct adm_usage	used;
};

/* Start admission 'a' over capacity 'cap' with model 'params' (both
 * copied).  Returns 0, or -1 when 'cap' has more than ADM_MAX_LINKS
 * links or a fraction outside 0..1. */
int adm_init(struct adm *a, const struct adm_capacity *cap,
    const struct rs_params *params);
/* Free what 'a' holds; 'a' may then be initialised again. */
void adm_dispose(struct adm *a);

/*
 * Admit the flow 'req'.  When capacity is short and flows with a worse
 * holding priority than req->setup_prio would leave enough room if gone,
 * those flows are released and their keys returned in 'victims' (worst
 * holding priority first, as few as the choice can make them).  Returns
 * ADM_OK (flow admitted, 'victims' filled, perhaps empty), or the reason
 * of the refusal with nothing changed and 'victims' empty.
 */
enum adm_reason adm_admit(struct adm *a, const struct adm_request *req,
    struct adm_victims *victims);

/*
 * Re-admit the flow req->key with its new FLOWSPEC, line card and
 * priorities (a Resv that grows or shrinks it).  Its old share counts as
 * free while the new one is checked, and preemption works as in
 * adm_admit().  On refusal the old reservation stays as it was.
 */
enum adm_reason adm_change(struct adm *a, const struct adm_request *req,
    struct adm_victims *victims);

/* Release the flow 'key'.  Returns ADM_OK or ADM_E_UNKNOWN. */
enum adm_reason adm_release(struct adm *a, uint64_t key);

/* The admitted flow 'key', or NULL. */
const struct adm_flow *adm_flow_find(const struct adm *a, uint64_t key);

/* Free the keys in 'v' and empty it. */
void adm_victims_dispose(struct adm_victims *v);

/* A short English description of 'reason'. */
const char *adm_reason_str(enum adm_reason reason);

/*
 * The RFC 2205 ERROR_SPEC that refuses for 'reason': code 1 (Admission
 * Control Failure) with the App. B value, code 21 (Traffic Control
 * Error) with its value for a bad FLOWSPEC, TSpec or service, code 2
 * (Policy Control Failure) value 3 for priorities out of range or a
 * setup priority better than the holding one (RFC 3209 4.7.4).  Returns 0 and
 * fills *code_r and *value_r, or -1 for reasons that are not sent (ADM_OK
 * and the caller's mistakes: no such line card, unknown key, existing
 * key, no memory).
 */
int adm_errspec(enum adm_reason reason, uint8_t *code_r, uint16_t *value_r);

#endif
