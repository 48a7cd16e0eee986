/*
 * LABEL_REQUEST without label range (RFC 3209 4.2.1) and LABEL, C-Type 1
 * (RFC 3209 4.1.1).
 */
#include "rsvp/rsvp_local.h"

#define LABEL_REQUEST_LEN	4
#define LABEL_LEN		4

/* Reserved (16 bits), L3PID (an ethertype). */
int
rsvp_label_request_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	if (rsvp_body_len(c, LABEL_REQUEST_LEN, err) == -1)
		return -1;
	(void)cur_skip(c, 2);
	(void)cur_u16(c, &o->u.label_request.l3pid);
	return 0;
}

bool
rsvp_label_request_encode(struct writer *w, const struct rsvp_obj *o)
{
	w_u16(w, 0);
	return w_u16(w, o->u.label_request.l3pid);
}

/* A 32-bit label, right-justified. */
int
rsvp_label_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	if (rsvp_body_len(c, LABEL_LEN, err) == -1)
		return -1;
	(void)cur_u32(c, &o->u.label.label);
	return 0;
}

bool
rsvp_label_encode(struct writer *w, const struct rsvp_obj *o)
{
	return w_u32(w, o->u.label.label);
}
