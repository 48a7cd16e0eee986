/*
 * STYLE (RFC 2205 A.7): flags and a 24-bit option vector whose low five
 * bits name the reservation style.
 */
#include "rsvp/rsvp_local.h"

#define STYLE_LEN		4
#define STYLE_OPTIONS_MASK	0x00ffffffu

int
rsvp_style_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	uint32_t v = 0;

	if (rsvp_body_len(c, STYLE_LEN, err) == -1)
		return -1;
	(void)cur_u32(c, &v);
	o->u.style.flags = (uint8_t)(v >> 24);
	o->u.style.options = v & STYLE_OPTIONS_MASK;
	return 0;
}

bool
rsvp_style_encode(struct writer *w, const struct rsvp_obj *o)
{
	if (o->u.style.options & ~STYLE_OPTIONS_MASK)
		return false;
	return w_u32(w, (uint32_t)o->u.style.flags << 24 | o->u.style.options);
}
