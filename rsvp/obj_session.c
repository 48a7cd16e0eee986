/*
 * SESSION: IPv4 (RFC 2205 A.1) and LSP_TUNNEL_IPv4 (RFC 3209 4.6.1.1).
 */
#include "rsvp/rsvp_local.h"

#define SESSION_IPV4_LEN	8
#define SESSION_LSP_LEN		12

/* IPv4 DestAddress, Protocol Id, Flags, DstPort. */
int
rsvp_session_ipv4_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_session_ipv4 *s = &o->u.session_ipv4;

	if (rsvp_body_len(c, SESSION_IPV4_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &s->dst, sizeof(s->dst));
	(void)cur_u8(c, &s->proto);
	(void)cur_u8(c, &s->flags);
	(void)cur_u16(c, &s->dport);
	return 0;
}

bool
rsvp_session_ipv4_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_session_ipv4 *s = &o->u.session_ipv4;

	w_bytes(w, &s->dst, sizeof(s->dst));
	w_u8(w, s->proto);
	w_u8(w, s->flags);
	return w_u16(w, s->dport);
}

/* Tunnel end point, MUST be zero (16 bits), Tunnel ID, Extended Tunnel ID. */
int
rsvp_session_lsp_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_session_lsp *s = &o->u.session_lsp;

	if (rsvp_body_len(c, SESSION_LSP_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &s->endpoint, sizeof(s->endpoint));
	(void)cur_skip(c, 2);
	(void)cur_u16(c, &s->tunnel_id);
	(void)cur_bytes(c, &s->ext_tunnel_id, sizeof(s->ext_tunnel_id));
	return 0;
}

bool
rsvp_session_lsp_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_session_lsp *s = &o->u.session_lsp;

	w_bytes(w, &s->endpoint, sizeof(s->endpoint));
	w_u16(w, 0);
	w_u16(w, s->tunnel_id);
	return w_bytes(w, &s->ext_tunnel_id, sizeof(s->ext_tunnel_id));
}
