/*
 * EXPLICIT_ROUTE processing at a transit node (RFC 3209 4.3.4.1) and the
 * plain routing decision when there is none: where a Path goes next.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/engine_local.h"

static bool
prefix_contains(struct in_addr prefix, uint8_t plen, struct in_addr a)
{
	uint32_t mask;

	if (plen == 0)
		return true;
	mask = plen >= 32 ? 0xffffffffu : ~(0xffffffffu >> plen);
	return ((ntohl(prefix.s_addr) ^ ntohl(a.s_addr)) & mask) == 0;
}

/*
 * Is this node part of the abstract node 'so' (RFC 3209 4.3.4.1 step 1):
 * one of our addresses, or a prefix holding the address of the arrival
 * interface or the router ID.
 */
static bool
ero_hop_is_us(struct engine *e, const struct rsvp_subobj *so,
    unsigned in_ifindex)
{
	struct in_addr a;

	if (so->type != RSVP_SUBOBJ_IPV4)
		return false;
	if (e->env.is_local(e->env.arg, so->addr))
		return true;
	if (so->prefix_len >= 32)
		return false;
	if (e->env.if_addr(e->env.arg, in_ifindex, &a) == 0 &&
	    prefix_contains(so->addr, so->prefix_len, a))
		return true;
	return e->env.router_id.s_addr != 0 &&
	    prefix_contains(so->addr, so->prefix_len, e->env.router_id);
}

/* Remove the first subobject of 'ero' (its raw bytes stay unused). */
static void
ero_shift(struct rsvp_route *ero)
{
	memmove(&ero->sub[0], &ero->sub[1],
	    (ero->nsub - 1) * sizeof(ero->sub[0]));
	ero->nsub--;
}

/* The next hop towards the session endpoint from the routing table. */
static int
route_endpoint(struct engine *e, struct in_addr endpoint,
    struct ero_result *res, uint16_t *errv_r)
{
	struct engine_route rt;

	if (e->env.is_local(e->env.arg, endpoint)) {
		res->egress = true;
		return 0;
	}
	if (e->env.route(e->env.arg, endpoint, &rt) < 0) {
		*errv_r = RSVP_ERRV_RT_NO_ROUTE;
		return -1;
	}
	res->ifindex = rt.ifindex;
	res->nhop = rt.gateway.s_addr != 0 ? rt.gateway : endpoint;
	return 0;
}

/*
 * Decide where a Path for 'endpoint' that arrived on 'in_ifindex' goes:
 * by 'ero' (NULL: none) as RFC 3209 4.3.4.1 says, else by the routing
 * table.  'ero' is rewritten into the EXPLICIT_ROUTE to send on (nsub 0:
 * send none).  Returns 0 with '*res_r', or -1 with the Routing Problem
 * error value (RFC 3209 4.5) in '*errv_r'.
 */
int
ero_process(struct engine *e, struct rsvp_route *ero, unsigned in_ifindex,
    struct in_addr endpoint, struct ero_result *res_r, uint16_t *errv_r)
{
	struct rsvp_subobj *next;
	struct engine_route rt;

	memset(res_r, 0, sizeof(*res_r));
	if (ero == NULL)
		return route_endpoint(e, endpoint, res_r, errv_r);
	/* Step 1: the first subobject must be us. */
	if (ero->nsub == 0) {
		*errv_r = RSVP_ERRV_RT_BAD_ERO;
		return -1;
	}
	if (!ero_hop_is_us(e, &ero->sub[0], in_ifindex)) {
		*errv_r = RSVP_ERRV_RT_BAD_INITIAL;
		return -1;
	}
	/* Steps 2 and 3: drop our own hops; at the end, route normally. */
	for (;;) {
		if (ero->nsub == 1) {
			ero->nsub = 0;
			return route_endpoint(e, endpoint, res_r, errv_r);
		}
		if (!ero_hop_is_us(e, &ero->sub[1], in_ifindex))
			break;
		ero_shift(ero);
	}
	/* Step 4: a next hop towards the second subobject. */
	next = &ero->sub[1];
	if (next->type != RSVP_SUBOBJ_IPV4) {
		*errv_r = RSVP_ERRV_RT_BAD_ERO;	/* AS, IPv6: not supported */
		return -1;
	}
	if (!next->loose) {
		if (!e->env.adjacent(e->env.arg, next->addr, &res_r->ifindex)) {
			*errv_r = RSVP_ERRV_RT_BAD_STRICT;
			return -1;
		}
		res_r->nhop = next->addr;
		ero_shift(ero);
		return 0;
	}
	if (e->env.route(e->env.arg, next->addr, &rt) < 0) {
		*errv_r = RSVP_ERRV_RT_BAD_LOOSE;
		return -1;
	}
	res_r->ifindex = rt.ifindex;
	res_r->nhop = rt.gateway.s_addr != 0 ? rt.gateway : next->addr;
	if (res_r->nhop.s_addr == next->addr.s_addr) {
		ero_shift(ero);
		return 0;
	}
	/*
	 * Step 5: replace our subobject with one naming the next hop, so
	 * that it finds itself first (strict: it is adjacent).
	 */
	memset(&ero->sub[0], 0, sizeof(ero->sub[0]));
	ero->sub[0].type = RSVP_SUBOBJ_IPV4;
	ero->sub[0].addr = res_r->nhop;
	ero->sub[0].prefix_len = 32;
	ero->sub[0].loose = false;
	return 0;
}
