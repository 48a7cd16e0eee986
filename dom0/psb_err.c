/*
 * PathErr messages this node originates (RFC 2205 3.1.7): towards the
 * previous hop of a Path it refused, with the ERROR_SPEC naming us and
 * the sender descriptor of that Path.
 */
#include <string.h>

#include "dom0/engine_local.h"

/*
 * Answer the Path (or what parsed of it) 'path' that came in 'pkt' with a
 * PathErr of 'code'/'value' (RFC 2205 App. B, RFC 3209 4.5), sent to its
 * RSVP_HOP (or its IP source when it has none).
 */
void
psb_send_patherr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *path, uint8_t code, uint16_t value)
{
	struct rsvp_msg *m = e->out;
	const struct rsvp_obj *hop, *tmpl, *tspec;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;
	struct rsvp_error verr;
	struct in_addr me;
	uint16_t i, nbase;

	memset(&out, 0, sizeof(out));
	if (e->env.if_addr(e->env.arg, pkt->ifindex, &me) < 0)
		me = e->env.router_id;
	hop = rsvp_msg_find(path, RSVP_CLASS_RSVP_HOP);
	out.dst = hop != NULL && hop->c_type == RSVP_CTYPE_IPV4 ?
	    hop->u.hop.addr : pkt->src;
	out.src = me;
	out.ifindex = pkt->ifindex;
	out.ttl = ENGINE_RESV_TTL;
	rsvp_msg_init(m, RSVP_MSG_PATHERR);
	m->send_ttl = out.ttl;
	for (i = 0; i < path->nobjs; i++) {
		const struct rsvp_obj *io = &path->objs[i];

		if (io->class_num != RSVP_CLASS_SESSION)
			continue;
		if ((o = rsvp_msg_add_copy(m, io)) == NULL)
			return;
		o->offset = 0;
		break;
	}
	if ((o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4)) ==
	    NULL)
		return;
	o->u.error_spec.node = me;
	o->u.error_spec.code = code;
	o->u.error_spec.value = value;
	nbase = m->nobjs;
	/* The sender descriptor: SENDER_TEMPLATE, then its TSPEC. */
	tmpl = rsvp_msg_find(path, RSVP_CLASS_SENDER_TEMPLATE);
	tspec = rsvp_msg_find(path, RSVP_CLASS_SENDER_TSPEC);
	if (tmpl != NULL) {
		if (rsvp_msg_add_copy(m, tmpl) == NULL)
			return;
	}
	if (tmpl != NULL && tspec != NULL) {
		if (rsvp_msg_add_copy(m, tspec) == NULL)
			return;
	}
	/* What the Path left us may not make a descriptor: send none. */
	if (rsvp_validate(m, &verr) < 0)
		m->nobjs = nbase;
	engine_send_msg(e, m, &out);
}

/*
 * A PathErr of 'code'/'value' about the path state 'p' (no Path in hand:
 * a flow taken down by preemption, RFC 3209 4.7.4), towards its previous
 * hop: SESSION, ERROR_SPEC, and the sender descriptor (SENDER_TEMPLATE,
 * SENDER_TSPEC of the Path we keep).
 */
void
psb_send_patherr_state(struct engine *e, struct psb *p, uint8_t code,
    uint16_t value)
{
	struct rsvp_msg *m = e->out;
	const struct rsvp_obj *tspec;
	struct rsvp_opaque ts;
	uint8_t ts_ctype = 0;
	struct rsvp_pkt_out out;
	struct rsvp_error perr;
	struct rsvp_obj *o;
	struct in_addr me;

	if (p->path_in == NULL ||
	    rsvp_parse(p->path_in, p->path_in_len, m, &perr) < 0)
		return;
	tspec = rsvp_msg_find(m, RSVP_CLASS_SENDER_TSPEC);
	if (tspec != NULL) {
		ts_ctype = tspec->c_type;
		ts = tspec->u.opaque;
	}
	if (e->env.if_addr(e->env.arg, p->in_ifindex, &me) < 0)
		me = e->env.router_id;
	memset(&out, 0, sizeof(out));
	out.src = me;
	out.dst = p->phop;
	out.ifindex = p->in_ifindex;
	out.ttl = ENGINE_RESV_TTL;
	rsvp_msg_init(m, RSVP_MSG_PATHERR);
	m->send_ttl = out.ttl;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_SESSION,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return;
	session_key(p->session, &o->u.session_lsp);
	if ((o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4)) ==
	    NULL)
		return;
	o->u.error_spec.node = me;
	o->u.error_spec.code = code;
	o->u.error_spec.value = value;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TEMPLATE,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return;
	o->u.filter_lsp.sender = p->sender;
	o->u.filter_lsp.lsp_id = p->lsp_id;
	if (tspec != NULL) {
		if ((o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TSPEC,
		    ts_ctype)) == NULL)
			return;
		o->u.opaque = ts;
	}
	engine_send_msg(e, m, &out);
}
