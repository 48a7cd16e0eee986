/*
 * Object bodies kept as bytes: the IntServ bodies of FLOWSPEC (class 9),
 * SENDER_TSPEC (12) and ADSPEC (13) that flowspec/ reads (RFC 2210),
 * POLICY_DATA (RFC 2205 A.13, RFC 2750) and the unknown 11bbbbbb objects
 * forwarded unexamined (RFC 2205 3.10).
 */
#include "rsvp/rsvp_local.h"

int
rsvp_opaque_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	size_t n = cur_left(c);

	if (n > RSVP_OPAQUE_MAX) {
		rsvp_err_set(err, RSVP_E_BOUND, c->off,
		    "opaque object body longer than RSVP_OPAQUE_MAX");
		return -1;
	}
	o->u.opaque.len = (uint16_t)n;
	(void)cur_bytes(c, o->u.opaque.data, n);
	return 0;
}

bool
rsvp_opaque_encode(struct writer *w, const struct rsvp_obj *o)
{
	if (o->u.opaque.len > RSVP_OPAQUE_MAX || o->u.opaque.len % 4 != 0)
		return false;
	return w_bytes(w, o->u.opaque.data, o->u.opaque.len);
}
