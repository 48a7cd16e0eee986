/*
 * HELLO REQUEST (C-Type 1) and HELLO ACK (C-Type 2), RFC 3209 5.2 and 5.3:
 * Src_Instance and Dst_Instance.
 */
#include "rsvp/rsvp_local.h"

#define HELLO_LEN		8

int
rsvp_hello_obj_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	if (rsvp_body_len(c, HELLO_LEN, err) == -1)
		return -1;
	(void)cur_u32(c, &o->u.hello.src_instance);
	(void)cur_u32(c, &o->u.hello.dst_instance);
	return 0;
}

bool
rsvp_hello_obj_encode(struct writer *w, const struct rsvp_obj *o)
{
	w_u32(w, o->u.hello.src_instance);
	return w_u32(w, o->u.hello.dst_instance);
}
