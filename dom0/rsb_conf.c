/*
 * Reservation confirmation (RFC 2205 2.6, 3.1.9): the ResvConf a router
 * sends itself when a Resv asking for one merges into a reservation that
 * is already in place upstream and is not larger, so that the Resv sent
 * upstream does not carry the request; and the ResvConf that reaches us.
 */
#include <string.h>

#include "dom0/engine_local.h"
#include "flowspec/intserv.h"

/* Whether FLOWSPEC 'a' asks for no more than 'b' in any parameter. */
static bool
flowspec_not_larger(const struct rsvp_opaque *a, const struct rsvp_opaque *b)
{
	struct is_flowspec fa, fb;
	struct is_err err;

	if (a == NULL || (a->len == b->len &&
	    memcmp(a->data, b->data, a->len) == 0))
		return true;
	if (is_flowspec_decode(a->data, a->len, &fa, &err) < 0 ||
	    is_flowspec_decode(b->data, b->len, &fb, &err) < 0 ||
	    fa.service != fb.service)
		return false;
	if (fa.tspec.rate > fb.tspec.rate || fa.tspec.bucket > fb.tspec.bucket ||
	    fa.tspec.peak > fb.tspec.peak ||
	    fa.tspec.max_size > fb.tspec.max_size)
		return false;
	return fa.service != IS_SVC_GUARANTEED ||
	    fa.rspec.rate <= fb.rspec.rate;
}

/*
 * Whether the reservation that flow descriptor FLOWSPEC 'fs' asks for 'p'
 * is already in place upstream: our Resv to p's previous hop already
 * lists p (FF) or a sender of the same shared reservation (SE), with a
 * FLOWSPEC at least as large.  Call it before the descriptor is applied.
 */
bool
rsb_in_place(const struct session *s, const struct psb *p, uint32_t style,
    const struct rsvp_opaque *fs)
{
	const struct psb *q;

	TAILQ_FOREACH(q, &s->psbs, entry) {
		if (q->phop.s_addr != p->phop.s_addr || q->rsb == NULL ||
		    !q->has_in_label || q->state != LSP_UP ||
		    q->rsb->style != style)
			continue;
		if (style == RSVP_STYLE_FF && q != p)
			continue;
		if (flowspec_not_larger(fs, &q->rsb->flowspec))
			return true;
	}
	return false;
}

/*
 * Confirm the flow descriptors 'fd[0..n)' of the Resv 'resv' ourselves
 * (RFC 2205 2.6): a ResvConf with 'me' in ERROR_SPEC (code and value 0),
 * the Resv's RESV_CONFIRM and STYLE, and those descriptors (one FLOWSPEC
 * for SE), sent to the receiver's address in RESV_CONFIRM by unicast.
 *   <ResvConf> ::= <Common Header> <SESSION> <ERROR_SPEC> <RESV_CONFIRM>
 *       <STYLE> <flow descriptor list>   (RFC 2205 3.1.9)
 */
void
rsb_send_resvconf(struct engine *e, const struct rsvp_msg *resv,
    const struct rsvp_flow_desc *fd, size_t n, struct in_addr me)
{
	const struct rsvp_obj *rc = rsvp_msg_find(resv, RSVP_CLASS_RESV_CONFIRM);
	const struct rsvp_obj *st = rsvp_msg_find(resv, RSVP_CLASS_STYLE);
	const struct rsvp_obj *so = rsvp_msg_find(resv, RSVP_CLASS_SESSION);
	struct rsvp_msg *m = e->out;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;
	bool shared = (st->u.style.options & RSVP_STYLE_MASK) != RSVP_STYLE_FF;
	size_t i;

	rsvp_msg_init(m, RSVP_MSG_RESVCONF);
	m->send_ttl = ENGINE_RESV_TTL;
	if (rsvp_msg_add_copy(m, so) == NULL ||
	    (o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC,
	    RSVP_CTYPE_IPV4)) == NULL)
		return;
	o->u.error_spec.node = me;
	o->u.error_spec.code = RSVP_ERR_CONFIRM;
	if (rsvp_msg_add_copy(m, rc) == NULL ||
	    rsvp_msg_add_copy(m, st) == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (fd[i].flowspec >= 0 && (!shared || i == 0) &&
		    rsvp_msg_add_copy(m, &resv->objs[fd[i].flowspec]) == NULL)
			return;
		if (rsvp_msg_add_copy(m, &resv->objs[fd[i].filter]) == NULL ||
		    (fd[i].label >= 0 &&
		    rsvp_msg_add_copy(m, &resv->objs[fd[i].label]) == NULL))
			return;
	}
	memset(&out, 0, sizeof(out));
	out.src = me;
	out.dst = rc->u.resv_confirm.receiver;
	out.ttl = ENGINE_RESV_TTL;
	(void)engine_send_msg(e, m, &out);
}

/*
 * A ResvConf addressed to us (RFC 2205 3.1.9).  We never ask for one of
 * our own (a receiver's RESV_CONFIRM travels on upstream in our Resv, and
 * one passing through to its receiver is IP-forwarded, never seen here),
 * so it is counted.
 */
void
engine_resvconf(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	(void)pkt;
	(void)msg;
	engine_count(e, ENGINE_C_NOT_OURS);
}
