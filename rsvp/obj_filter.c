/*
 * FILTER_SPEC and SENDER_TEMPLATE, which share their layouts: IPv4
 * (RFC 2205 A.9, A.10) and LSP_TUNNEL_IPv4 (RFC 3209 4.6.2.1, 4.6.3.1).
 */
#include "rsvp/rsvp_local.h"

#define FILTER_IPV4_LEN		8
#define FILTER_LSP_LEN		8

/* IPv4 SrcAddress, (unused 16 bits), SrcPort. */
int
rsvp_filter_ipv4_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_filter_ipv4 *f = &o->u.filter_ipv4;

	if (rsvp_body_len(c, FILTER_IPV4_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &f->src, sizeof(f->src));
	(void)cur_skip(c, 2);
	(void)cur_u16(c, &f->sport);
	return 0;
}

bool
rsvp_filter_ipv4_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_filter_ipv4 *f = &o->u.filter_ipv4;

	w_bytes(w, &f->src, sizeof(f->src));
	w_u16(w, 0);
	return w_u16(w, f->sport);
}

/* IPv4 tunnel sender address, MUST be zero (16 bits), LSP ID. */
int
rsvp_filter_lsp_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_filter_lsp *f = &o->u.filter_lsp;

	if (rsvp_body_len(c, FILTER_LSP_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &f->sender, sizeof(f->sender));
	(void)cur_skip(c, 2);
	(void)cur_u16(c, &f->lsp_id);
	return 0;
}

bool
rsvp_filter_lsp_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_filter_lsp *f = &o->u.filter_lsp;

	w_bytes(w, &f->sender, sizeof(f->sender));
	w_u16(w, 0);
	return w_u16(w, f->lsp_id);
}
