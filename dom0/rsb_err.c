/*
 * ResvErr messages this node originates (RFC 2205 3.1.7): towards the
 * next hop that sent the Resv, with our RSVP_HOP, the ERROR_SPEC naming
 * us, the STYLE and the flow descriptor in error.
 */
#include <string.h>

#include "dom0/engine_local.h"

/*
 * Answer the Resv 'resv' that came in 'pkt' with a ResvErr of
 * 'code'/'value'.  'fd' names the flow descriptor in error; NULL sends
 * every FLOWSPEC and FILTER_SPEC of the Resv.
 */
void
rsb_send_resverr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *resv, const struct rsvp_flow_desc *fd,
    uint8_t code, uint16_t value)
{
	const struct rsvp_obj *so, *hop, *st;
	struct rsvp_msg *m = e->out;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;
	struct rsvp_error verr;
	struct in_addr me;
	uint16_t i, nbase;

	so = rsvp_msg_find(resv, RSVP_CLASS_SESSION);
	st = rsvp_msg_find(resv, RSVP_CLASS_STYLE);
	hop = rsvp_msg_find(resv, RSVP_CLASS_RSVP_HOP);
	if (so == NULL || st == NULL)
		return;
	/*
	 * A STYLE no decoder can read (RFC 2205 App. B code 6 asks for a
	 * ResvErr, but one carrying that STYLE is refused as malformed by
	 * the next hop itself): the refusal stays counted here.
	 */
	if (rsvp_style_name(st->u.style.options) == NULL)
		return;
	memset(&out, 0, sizeof(out));
	if (e->env.if_addr(e->env.arg, pkt->ifindex, &me) < 0)
		me = e->env.router_id;
	out.dst = hop != NULL && hop->c_type == RSVP_CTYPE_IPV4 ?
	    hop->u.hop.addr : pkt->src;
	out.src = me;
	out.ifindex = pkt->ifindex;
	out.ttl = ENGINE_RESV_TTL;
	rsvp_msg_init(m, RSVP_MSG_RESVERR);
	m->send_ttl = out.ttl;
	if (rsvp_msg_add_copy(m, so) == NULL)
		return;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4)) == NULL)
		return;
	o->u.hop.addr = me;
	o->u.hop.lih = pkt->ifindex;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4)) ==
	    NULL)
		return;
	o->u.error_spec.node = me;
	o->u.error_spec.code = code;
	o->u.error_spec.value = value;
	if (rsvp_msg_add_copy(m, st) == NULL)
		return;
	nbase = m->nobjs;
	/* The error flow descriptor: a FLOWSPEC first, or none at all. */
	if (fd != NULL && fd->flowspec >= 0) {
		if (rsvp_msg_add_copy(m, &resv->objs[fd->flowspec]) == NULL)
			return;
		if (fd->filter >= 0 &&
		    rsvp_msg_add_copy(m, &resv->objs[fd->filter]) == NULL)
			return;
	} else if (fd == NULL) {
		bool flowspec = false;

		for (i = 0; i < resv->nobjs; i++) {
			const struct rsvp_obj *io = &resv->objs[i];

			if (io->class_num == RSVP_CLASS_FLOWSPEC)
				flowspec = true;
			else if (io->class_num != RSVP_CLASS_FILTER_SPEC ||
			    !flowspec)
				continue;
			if (rsvp_msg_add_copy(m, io) == NULL)
				return;
		}
	}
	/* What the Resv left us may not make a descriptor: send none. */
	if (rsvp_validate(m, &verr) < 0)
		m->nobjs = nbase;
	engine_send_msg(e, m, &out);
}

/*
 * A ResvErr of 'code'/'value' about the reservation of 'p' (no Resv in
 * hand: a flow taken down by preemption, RFC 3209 4.7.4 and RFC 2750 4),
 * towards the next hop that sent it: SESSION, our RSVP_HOP, ERROR_SPEC,
 * STYLE and its flow descriptor.
 */
void
rsb_send_resverr_state(struct engine *e, struct psb *p, uint8_t code,
    uint16_t value)
{
	struct rsvp_msg *m = e->out;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;

	if (p->rsb == NULL)
		return;
	memset(&out, 0, sizeof(out));
	out.src = p->out_addr;
	out.dst = p->rsb->nhop;
	out.ifindex = p->out_ifindex;
	out.ttl = ENGINE_RESV_TTL;
	rsvp_msg_init(m, RSVP_MSG_RESVERR);
	m->send_ttl = out.ttl;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_SESSION,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return;
	session_key(p->session, &o->u.session_lsp);
	if ((o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4)) == NULL)
		return;
	o->u.hop.addr = p->out_addr;
	o->u.hop.lih = p->out_ifindex;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4)) ==
	    NULL)
		return;
	o->u.error_spec.node = p->out_addr;
	o->u.error_spec.code = code;
	o->u.error_spec.value = value;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1)) == NULL)
		return;
	o->u.style.options = p->rsb->style;
	if (p->rsb->flowspec.len > 0) {
		if ((o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC,
		    RSVP_CTYPE_INTSERV)) == NULL)
			return;
		o->u.opaque = p->rsb->flowspec;
		if ((o = rsvp_msg_add(m, RSVP_CLASS_FILTER_SPEC,
		    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
			return;
		o->u.filter_lsp.sender = p->sender;
		o->u.filter_lsp.lsp_id = p->lsp_id;
	}
	engine_send_msg(e, m, &out);
}
