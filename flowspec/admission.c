/*
 * Admission control over the router's capacity, with preemption by
 * RSVP-TE priorities (RFC 3209 4.7).  docs/admission.md explains it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "flowspec/admission.h"
#include "flowspec/intserv.h"
#include "flowspec/resource.h"

#define US_PER_S	1e6
/* Sums of doubles that should meet a limit exactly may miss it by a
 * rounding error; allow this fraction of the limit. */
#define ADM_SLACK	1e-9

static const char *const adm_reason_names[] = {
	[ADM_OK] = "ok",
	[ADM_E_DELAY] = "delay bound cannot be met",
	[ADM_E_BANDWIDTH] = "requested bandwidth unavailable",
	[ADM_E_MTU] = "packet size larger than the line card's MTU",
	[ADM_E_CPU] = "routelet CPU budget exhausted",
	[ADM_E_MEMORY] = "routelet memory budget exhausted",
	[ADM_E_POOL] = "no routelet left in the pool",
	[ADM_E_SERVICE] = "service unsupported",
	[ADM_E_BAD_TSPEC] = "bad sender TSpec value",
	[ADM_E_BAD_FLOWSPEC] = "bad flowspec value",
	[ADM_E_LINK] = "no such line card",
	[ADM_E_PRIORITY] = "bad setup or holding priority",
	[ADM_E_EXISTS] = "flow already admitted",
	[ADM_E_UNKNOWN] = "no such flow",
	[ADM_E_NOMEM] = "out of memory",
};

const char *
adm_reason_str(enum adm_reason reason)
{
	if ((unsigned)reason >= sizeof(adm_reason_names) /
	    sizeof(adm_reason_names[0]))
		return "unknown reason";
	return adm_reason_names[reason];
}

int
adm_errspec(enum adm_reason reason, uint8_t *code_r, uint16_t *value_r)
{
	uint8_t code = ADM_RSVP_ERR_ADMISSION;
	uint16_t value;

	switch (reason) {
	case ADM_E_DELAY:
		value = ADM_AC_DELAY;
		break;
	case ADM_E_BANDWIDTH:
		value = ADM_AC_BANDWIDTH;
		break;
	case ADM_E_MTU:
		value = ADM_AC_MTU;
		break;
	case ADM_E_CPU:
		value = ADM_AC_CPU;
		break;
	case ADM_E_MEMORY:
		value = ADM_AC_MEMORY;
		break;
	case ADM_E_POOL:
		value = ADM_AC_POOL;
		break;
	case ADM_E_SERVICE:
		code = IS_RSVP_ERR_TRAFFIC_CONTROL;
		value = IS_TC_SERVICE_UNSUPPORTED;
		break;
	case ADM_E_BAD_TSPEC:
		code = IS_RSVP_ERR_TRAFFIC_CONTROL;
		value = IS_TC_BAD_TSPEC;
		break;
	case ADM_E_BAD_FLOWSPEC:
		code = IS_RSVP_ERR_TRAFFIC_CONTROL;
		value = IS_TC_BAD_FLOWSPEC;
		break;
	case ADM_E_PRIORITY:
		code = ADM_RSVP_ERR_POLICY;
		value = ADM_POLICY_GENERIC;
		break;
	default:
		return -1;
	}
	*code_r = code;
	*value_r = value;
	return 0;
}

int
adm_init(struct adm *a, const struct adm_capacity *cap,
    const struct rs_params *params)
{
	unsigned i;

	memset(a, 0, sizeof(*a));
	if (cap->n_links > ADM_MAX_LINKS)
		return -1;
	for (i = 0; i < cap->n_links; i++)
		if (!(cap->link[i].reservable >= 0 &&
		    cap->link[i].reservable <= 1))
			return -1;
	a->cap = *cap;
	a->params = *params;
	return 0;
}

void
adm_dispose(struct adm *a)
{
	free(a->flow);
	memset(a, 0, sizeof(*a));
}

void
adm_victims_dispose(struct adm_victims *v)
{
	free(v->key);
	v->key = NULL;
	v->n = 0;
}

static ssize_t
flow_index(const struct adm *a, uint64_t key)
{
	size_t i;

	for (i = 0; i < a->n_flow; i++)
		if (a->flow[i].key == key)
			return (ssize_t)i;
	return -1;
}

const struct adm_flow *
adm_flow_find(const struct adm *a, uint64_t key)
{
	ssize_t i = flow_index(a, key);

	return i < 0 ? NULL : &a->flow[i];
}

/* Add (sign 1) or take away (sign -1) flow 'f' from usage 'u'. */
static void
usage_add(struct adm_usage *u, const struct adm_flow *f, int sign)
{
	u->cpu += sign * f->need.cpu;
	u->link_bw[f->link] += sign * f->need.bw;
	if (sign > 0) {
		u->n_flows++;
		u->mem += f->need.mem;
	} else {
		u->n_flows--;
		u->mem -= f->need.mem;
	}
}

/* Recount what the flow table uses (no rounding drift). */
static void
usage_recount(struct adm *a)
{
	size_t i;

	memset(&a->used, 0, sizeof(a->used));
	for (i = 0; i < a->n_flow; i++)
		usage_add(&a->used, &a->flow[i], 1);
}

static bool
fits(double used, double need, double limit)
{
	return used + need <= limit + limit * ADM_SLACK;
}

/*
 * What of the capacity is short when 'f' joins usage 'u': ADM_OK, or the
 * first short resource in the order bandwidth, CPU, memory, pool.
 */
static enum adm_reason
short_of(const struct adm *a, const struct adm_usage *u,
    const struct adm_flow *f)
{
	const struct adm_link_cap *l = &a->cap.link[f->link];
	double cpu_budget = a->cap.cores - a->cap.dom0_reserve;

	if (!fits(u->link_bw[f->link], f->need.bw, l->rate * l->reservable))
		return ADM_E_BANDWIDTH;
	if (!fits(u->cpu, f->need.cpu, cpu_budget))
		return ADM_E_CPU;
	if (f->need.mem > a->cap.mem_budget ||
	    u->mem > a->cap.mem_budget - f->need.mem)
		return ADM_E_MEMORY;
	if (u->n_flows >= a->cap.pool_size)
		return ADM_E_POOL;
	return ADM_OK;
}

/*
 * Build the flow record for 'req' into 'f': the need from the resource
 * model, the line card and priorities checked, for Guaranteed service
 * the C and D terms, RFC 2212's buffer and the delay bound.
 */
static enum adm_reason
flow_prepare(const struct adm *a, const struct adm_request *req,
    struct adm_flow *f)
{
	const struct adm_link_cap *l;
	struct rs_link link;
	double buf;
	int tc;

	memset(f, 0, sizeof(*f));
	tc = rs_need_compute(&a->params, req->sender, req->flowspec, &f->need);
	if (tc == IS_TC_SERVICE_UNSUPPORTED)
		return ADM_E_SERVICE;
	if (tc == IS_TC_BAD_TSPEC)
		return ADM_E_BAD_TSPEC;
	if (tc != 0)
		return ADM_E_BAD_FLOWSPEC;
	if (req->link >= a->cap.n_links)
		return ADM_E_LINK;
	/* RFC 3209 4.7.4: priorities 0-7, and a holding priority never
	 * worse (numerically higher) than the setup priority. */
	if (req->setup_prio > ADM_PRIO_WORST ||
	    req->hold_prio > ADM_PRIO_WORST ||
	    req->hold_prio > req->setup_prio)
		return ADM_E_PRIORITY;
	l = &a->cap.link[req->link];
	/* RFC 2205 App. B, code 1 value 3; RFC 2210 3.1: M is the
	 * largest packet the flow sends. */
	if (f->need.max_pkt > l->mtu)
		return ADM_E_MTU;
	f->key = req->key;
	f->link = req->link;
	f->setup_prio = req->setup_prio;
	f->hold_prio = req->hold_prio;
	if (f->need.service != IS_SVC_GUARANTEED)
		return ADM_OK;

	link.rate = l->rate;
	link.mtu = l->mtu;
	rs_guaranteed_terms(&a->params, &link, &f->need, &f->c, &f->d);
	/* RFC 2212, "Guidelines for Implementors": a hop needs b + C +
	 * R * D bytes of buffer; the model counted b + M already. */
	buf = (double)f->c + f->need.bw * f->d / US_PER_S -
	    (double)f->need.max_pkt;
	if (buf > 0) {
		if ((double)f->need.mem + buf >= 18446744073709549568.0)
			f->need.mem = UINT64_MAX;
		else
			f->need.mem += (uint64_t)buf;
	}
	if (a->cap.max_delay_us != 0 &&
	    rs_guaranteed_delay_us(req->flowspec, f->c, f->d) >
	    a->cap.max_delay_us)
		return ADM_E_DELAY;
	return ADM_OK;
}

/* Whether taking flow 'v' away helps with the shortage 'why' of 'f'. */
static bool
helps(const struct adm_flow *v, const struct adm_flow *f,
    enum adm_reason why)
{
	switch (why) {
	case ADM_E_BANDWIDTH:
		return v->link == f->link && v->need.bw > 0;
	case ADM_E_CPU:
		return v->need.cpu > 0;
	case ADM_E_MEMORY:
		return v->need.mem > 0;
	default:
		return true;	/* ADM_E_POOL: every flow holds a routelet */
	}
}

/* A measure of how much of the shortage 'why' taking 'v' away covers. */
static double
cover(const struct adm_flow *v, enum adm_reason why)
{
	switch (why) {
	case ADM_E_BANDWIDTH:
		return v->need.bw;
	case ADM_E_CPU:
		return v->need.cpu;
	case ADM_E_MEMORY:
		return (double)v->need.mem;
	default:
		return 1;
	}
}

/*
 * Choose flows to preempt so that 'f' fits on usage 'u' (which 'skip',
 * the flow being changed, is already out of).  Only flows whose holding
 * priority is worse than f's setup priority may go (RFC 3209 4.7.4).
 * Greedy: while something is short, take, from the worst holding
 * priority that has a flow helping with it, the flow that covers most
 * of it; then put back any chosen flow, best priority first, that is
 * not needed after all.  Marks 'chosen' and returns ADM_OK, or returns
 * the resource still short with every candidate gone.
 */
static enum adm_reason
choose_victims(const struct adm *a, struct adm_usage u,
    const struct adm_flow *f, ssize_t skip, bool *chosen, size_t *order,
    size_t *n_order)
{
	struct adm_usage all = u;
	enum adm_reason why;
	size_t i, k, best;
	bool found;

	*n_order = 0;
	for (i = 0; i < a->n_flow; i++)
		if ((ssize_t)i != skip && a->flow[i].hold_prio > f->setup_prio)
			usage_add(&all, &a->flow[i], -1);
	if ((why = short_of(a, &all, f)) != ADM_OK)
		return why;

	while ((why = short_of(a, &u, f)) != ADM_OK) {
		found = false;
		best = 0;
		for (i = 0; i < a->n_flow; i++) {
			const struct adm_flow *v = &a->flow[i];

			if ((ssize_t)i == skip || chosen[i] ||
			    v->hold_prio <= f->setup_prio || !helps(v, f, why))
				continue;
			if (!found || v->hold_prio > a->flow[best].hold_prio ||
			    (v->hold_prio == a->flow[best].hold_prio &&
			    cover(v, why) > cover(&a->flow[best], why))) {
				best = i;
				found = true;
			}
		}
		if (!found)	/* cannot happen: 'all' fits */
			return why;
		chosen[best] = true;
		order[(*n_order)++] = best;
		usage_add(&u, &a->flow[best], -1);
	}

	/* Put back what is not needed, latest (best priority) first. */
	for (k = *n_order; k-- > 0;) {
		i = order[k];
		usage_add(&u, &a->flow[i], 1);
		if (short_of(a, &u, f) == ADM_OK)
			chosen[i] = false;
		else
			usage_add(&u, &a->flow[i], -1);
	}
	return ADM_OK;
}

/* Remove the flow at index 'i' (the last one takes its place). */
static void
flow_remove(struct adm *a, size_t i)
{
	a->flow[i] = a->flow[--a->n_flow];
}

/*
 * Admit 'f' into the table, at index 'self' (a change) or as a new
 * entry (self < 0), preempting as needed.
 */
static enum adm_reason
admit_at(struct adm *a, const struct adm_flow *f, ssize_t self,
    struct adm_victims *victims)
{
	struct adm_usage u = a->used;
	enum adm_reason rc;
	bool *chosen = NULL;
	size_t *order = NULL, n_order, i, n;
	struct adm_flow *grown;

	if (self >= 0)
		usage_add(&u, &a->flow[self], -1);
	if (self < 0 && a->n_flow == a->cap_flow) {
		n = a->cap_flow ? a->cap_flow * 2 : 16;
		if ((grown = reallocarray(a->flow, n, sizeof(*grown))) == NULL)
			return ADM_E_NOMEM;
		a->flow = grown;
		a->cap_flow = n;
	}
	if (short_of(a, &u, f) == ADM_OK) {
		n_order = 0;
		goto commit;
	}
	chosen = calloc(a->n_flow, sizeof(*chosen));
	order = calloc(a->n_flow, sizeof(*order));
	if (chosen == NULL || order == NULL) {
		rc = ADM_E_NOMEM;
		goto out;
	}
	if ((rc = choose_victims(a, u, f, self, chosen, order, &n_order)) !=
	    ADM_OK)
		goto out;
	n = 0;
	for (i = 0; i < n_order; i++)
		n += chosen[order[i]];
	if ((victims->key = calloc(n ? n : 1, sizeof(*victims->key))) == NULL) {
		rc = ADM_E_NOMEM;
		goto out;
	}
	for (i = 0; i < n_order; i++)
		if (chosen[order[i]])
			victims->key[victims->n++] = a->flow[order[i]].key;

commit:
	if (self >= 0)
		a->flow[self] = *f;
	else
		a->flow[a->n_flow++] = *f;
	for (i = 0; i < victims->n; i++)
		flow_remove(a, (size_t)flow_index(a, victims->key[i]));
	usage_recount(a);
	rc = ADM_OK;
out:
	free(chosen);
	free(order);
	return rc;
}

enum adm_reason
adm_admit(struct adm *a, const struct adm_request *req,
    struct adm_victims *victims)
{
	struct adm_flow f;
	enum adm_reason rc;

	victims->n = 0;
	victims->key = NULL;
	if (flow_index(a, req->key) >= 0)
		return ADM_E_EXISTS;
	if ((rc = flow_prepare(a, req, &f)) != ADM_OK)
		return rc;
	return admit_at(a, &f, -1, victims);
}

enum adm_reason
adm_change(struct adm *a, const struct adm_request *req,
    struct adm_victims *victims)
{
	struct adm_flow f;
	enum adm_reason rc;
	ssize_t self;

	victims->n = 0;
	victims->key = NULL;
	if ((self = flow_index(a, req->key)) < 0)
		return ADM_E_UNKNOWN;
	if ((rc = flow_prepare(a, req, &f)) != ADM_OK)
		return rc;
	return admit_at(a, &f, self, victims);
}

enum adm_reason
adm_release(struct adm *a, uint64_t key)
{
	ssize_t i;

	if ((i = flow_index(a, key)) < 0)
		return ADM_E_UNKNOWN;
	flow_remove(a, (size_t)i);
	usage_recount(a);
	return ADM_OK;
}
