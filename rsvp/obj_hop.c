/*
 * RSVP_HOP, IPv4 (RFC 2205 A.2), and TIME_VALUES (A.4): where a message
 * came from and how often it is refreshed.
 */
#include "rsvp/rsvp_local.h"

#define HOP_IPV4_LEN		8
#define TIME_VALUES_LEN		4

/* IPv4 Next/Previous Hop Address, Logical Interface Handle. */
int
rsvp_hop_decode(struct cursor *c, struct rsvp_obj *o, struct rsvp_error *err)
{
	struct rsvp_hop_ipv4 *h = &o->u.hop;

	if (rsvp_body_len(c, HOP_IPV4_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &h->addr, sizeof(h->addr));
	(void)cur_u32(c, &h->lih);
	return 0;
}

bool
rsvp_hop_encode(struct writer *w, const struct rsvp_obj *o)
{
	w_bytes(w, &o->u.hop.addr, sizeof(o->u.hop.addr));
	return w_u32(w, o->u.hop.lih);
}

/* Refresh Period R in milliseconds. */
int
rsvp_time_decode(struct cursor *c, struct rsvp_obj *o, struct rsvp_error *err)
{
	if (rsvp_body_len(c, TIME_VALUES_LEN, err) == -1)
		return -1;
	(void)cur_u32(c, &o->u.time.refresh_ms);
	return 0;
}

bool
rsvp_time_encode(struct writer *w, const struct rsvp_obj *o)
{
	return w_u32(w, o->u.time.refresh_ms);
}
