/*
 * INTEGRITY, C-Type 1 (RFC 2747 2.1): Flags, a reserved byte, a 48-bit Key
 * Identifier, a 64-bit Sequence Number and the Keyed Message Digest.  The
 * digest is kept as bytes; computing and checking it is not done here.
 */
#include "rsvp/rsvp_local.h"

#define INTEGRITY_FIXED_LEN	16

int
rsvp_integrity_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_integrity *in = &o->u.integrity;
	uint32_t hi = 0, lo = 0;	/* set below: the length was checked */
	size_t n;

	if (cur_left(c) < INTEGRITY_FIXED_LEN + 4) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off,
		    "INTEGRITY shorter than its fixed part and a digest");
		return -1;
	}
	n = cur_left(c) - INTEGRITY_FIXED_LEN;
	if (n > RSVP_DIGEST_MAX) {
		rsvp_err_set(err, RSVP_E_BOUND, c->off + INTEGRITY_FIXED_LEN,
		    "INTEGRITY digest longer than RSVP_DIGEST_MAX");
		return -1;
	}
	(void)cur_u8(c, &in->flags);
	(void)cur_skip(c, 1);
	(void)cur_bytes(c, in->key_id, sizeof(in->key_id));
	(void)cur_u32(c, &hi);
	(void)cur_u32(c, &lo);
	in->seq = (uint64_t)hi << 32 | lo;
	in->digest_len = (uint16_t)n;
	(void)cur_bytes(c, in->digest, n);
	return 0;
}

bool
rsvp_integrity_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_integrity *in = &o->u.integrity;

	if (in->digest_len == 0 || in->digest_len > RSVP_DIGEST_MAX ||
	    in->digest_len % 4 != 0)
		return false;
	w_u8(w, in->flags);
	w_u8(w, 0);
	w_bytes(w, in->key_id, sizeof(in->key_id));
	w_u32(w, (uint32_t)(in->seq >> 32));
	w_u32(w, (uint32_t)in->seq);
	return w_bytes(w, in->digest, in->digest_len);
}
