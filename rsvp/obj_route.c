/*
 * EXPLICIT_ROUTE (RFC 3209 4.3) and RECORD_ROUTE (RFC 3209 4.4), C-Type 1:
 * a list of subobjects.  Decoded: ERO IPv4 prefix (4.3.3.3) and AS number
 * (4.3.3.5), each with the L (loose) bit; RRO IPv4 address with flags
 * (4.4.1.1) and label with the global flag (4.4.1.3).  Any other subobject
 * (IPv6, unnumbered interface of RFC 3477, ...) is carried as bytes, so
 * that it is passed on unchanged (RFC 3209 4.3.6, 4.4.5) and the node that
 * has to use it decides.
 */
#include "rsvp/rsvp_local.h"

#include <string.h>

#define SUB_HDR_LEN		2
#define SUB_MIN_LEN		4
#define SUB_IPV4_LEN		8
#define SUB_AS_LEN		4
#define SUB_LABEL_LEN		8
#define SUB_TYPE_MASK		0x7f
#define IPV4_PREFIX_MAX		32

/*
 * Read the next subobject from 'c': its first byte (type, and the L bit in
 * an ERO) into 'type_r', its contents into 'body'.  RFC 3209 4.3.3 and
 * 4.4.1: Length counts the whole subobject, at least 4, a multiple of 4.
 */
static int
sub_next(struct cursor *c, uint8_t *type_r, struct cursor *body,
    struct rsvp_error *err)
{
	uint8_t len;

	if (!cur_peek_u8(c, 1, &len) || len < SUB_MIN_LEN || len % 4 != 0) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off,
		    "subobject length less than 4 or not a multiple of 4");
		return -1;
	}
	if (cur_left(c) < len) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off,
		    "subobject runs past the object");
		return -1;
	}
	(void)cur_u8(c, type_r);
	(void)cur_skip(c, 1);
	(void)cur_sub(c, (size_t)len - SUB_HDR_LEN, body);
	return 0;
}

/* A zeroed slot for the subobject at 'at', or NULL when full. */
static struct rsvp_subobj *
sub_add(struct rsvp_route *r, size_t at, struct rsvp_error *err)
{
	struct rsvp_subobj *s;

	if (r->nsub >= RSVP_ROUTE_MAX) {
		rsvp_err_set(err, RSVP_E_BOUND, at,
		    "more than RSVP_ROUTE_MAX subobjects");
		return NULL;
	}
	s = &r->sub[r->nsub++];
	memset(s, 0, sizeof(*s));
	return s;
}

/* The IPv4 subobject contents: address, prefix length, one more byte. */
static int
sub_ipv4_decode(struct cursor *b, size_t at, struct rsvp_subobj *s,
    struct rsvp_error *err)
{
	if (cur_left(b) != SUB_IPV4_LEN - SUB_HDR_LEN) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, at,
		    "IPv4 subobject length is not 8");
		return -1;
	}
	(void)cur_bytes(b, &s->addr, sizeof(s->addr));
	(void)cur_u8(b, &s->prefix_len);
	(void)cur_u8(b, &s->flags);
	if (s->prefix_len > IPV4_PREFIX_MAX) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, at,
		    "IPv4 prefix length over 32");
		return -1;
	}
	return 0;
}

/* Keep the contents of a subobject we do not decode in r->raw. */
static int
sub_raw_decode(struct cursor *b, size_t at, struct rsvp_route *r,
    struct rsvp_subobj *s, struct rsvp_error *err)
{
	size_t n = cur_left(b);

	if (n > (size_t)(RSVP_ROUTE_RAW_MAX - r->raw_used)) {
		rsvp_err_set(err, RSVP_E_BOUND, at,
		    "subobjects kept as bytes exceed RSVP_ROUTE_RAW_MAX");
		return -1;
	}
	s->raw_off = (uint8_t)r->raw_used;
	s->raw_len = (uint8_t)n;
	(void)cur_bytes(b, r->raw + r->raw_used, n);
	r->raw_used = (uint16_t)(r->raw_used + n);
	return 0;
}

/* Write a subobject kept as bytes; 'first' is its type byte. */
static bool
sub_raw_encode(struct writer *w, const struct rsvp_route *r,
    const struct rsvp_subobj *s, uint8_t first)
{
	size_t len = SUB_HDR_LEN + (size_t)s->raw_len;

	if ((size_t)s->raw_off + s->raw_len > r->raw_used ||
	    r->raw_used > RSVP_ROUTE_RAW_MAX || len % 4 != 0)
		return false;
	w_u8(w, first);
	w_u8(w, (uint8_t)len);
	return w_bytes(w, r->raw + s->raw_off, s->raw_len);
}

int
rsvp_ero_decode(struct cursor *c, struct rsvp_obj *o, struct rsvp_error *err)
{
	struct rsvp_route *r = &o->u.route;
	struct rsvp_subobj *s;
	struct cursor b;
	uint8_t tl;
	size_t at;

	while (cur_left(c) > 0) {
		at = c->off;
		if (sub_next(c, &tl, &b, err) == -1 ||
		    (s = sub_add(r, at, err)) == NULL)
			goto bad;
		s->type = tl & SUB_TYPE_MASK;
		s->loose = (tl & RSVP_ERO_L_BIT) != 0;
		switch (s->type) {
		case RSVP_SUBOBJ_IPV4:
			if (sub_ipv4_decode(&b, at, s, err) == -1)
				goto bad;
			/* The last byte is reserved in an ERO. */
			s->flags = 0;
			break;
		case RSVP_SUBOBJ_AS:
			if (cur_left(&b) != SUB_AS_LEN - SUB_HDR_LEN) {
				rsvp_err_set(err, RSVP_E_OBJ_BODY, at,
				    "AS subobject length is not 4");
				goto bad;
			}
			(void)cur_u16(&b, &s->asn);
			break;
		default:
			if (sub_raw_decode(&b, at, r, s, err) == -1)
				goto bad;
			break;
		}
	}
	return 0;
bad:
	/* RFC 3209 4.3.4, 4.5: PathErr "Bad EXPLICIT_ROUTE object". */
	if (err->reason != RSVP_E_BOUND)
		err->reason = RSVP_E_ROUTE;
	err->err_code = RSVP_ERR_ROUTING;
	err->err_value = RSVP_ERRV_RT_BAD_ERO;
	return -1;
}

bool
rsvp_ero_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_route *r = &o->u.route;
	const struct rsvp_subobj *s;
	uint8_t first;
	uint16_t i;

	if (r->nsub > RSVP_ROUTE_MAX)
		return false;
	for (i = 0; i < r->nsub; i++) {
		s = &r->sub[i];
		if (s->type & ~SUB_TYPE_MASK)
			return false;
		first = (uint8_t)((s->loose ? RSVP_ERO_L_BIT : 0) | s->type);
		switch (s->type) {
		case RSVP_SUBOBJ_IPV4:
			if (s->prefix_len > IPV4_PREFIX_MAX)
				return false;
			w_u8(w, first);
			w_u8(w, SUB_IPV4_LEN);
			w_bytes(w, &s->addr, sizeof(s->addr));
			w_u8(w, s->prefix_len);
			w_u8(w, 0);
			break;
		case RSVP_SUBOBJ_AS:
			w_u8(w, first);
			w_u8(w, SUB_AS_LEN);
			w_u16(w, s->asn);
			break;
		default:
			if (!sub_raw_encode(w, r, s, first))
				return false;
			break;
		}
	}
	return w_ok(w);
}

int
rsvp_rro_decode(struct cursor *c, struct rsvp_obj *o, struct rsvp_error *err)
{
	struct rsvp_route *r = &o->u.route;
	struct rsvp_subobj *s;
	struct cursor b;
	uint8_t type;
	size_t at;

	while (cur_left(c) > 0) {
		at = c->off;
		if (sub_next(c, &type, &b, err) == -1 ||
		    (s = sub_add(r, at, err)) == NULL)
			return -1;
		s->type = type;
		switch (type) {
		case RSVP_SUBOBJ_IPV4:
			if (sub_ipv4_decode(&b, at, s, err) == -1)
				return -1;
			break;
		case RSVP_SUBOBJ_LABEL:
			/* Flags, C-Type, then a LABEL object's contents. */
			if (cur_left(&b) != SUB_LABEL_LEN - SUB_HDR_LEN) {
				rsvp_err_set(err, RSVP_E_OBJ_BODY, at,
				    "label subobject length is not 8");
				return -1;
			}
			(void)cur_u8(&b, &s->flags);
			(void)cur_u8(&b, &s->label_ctype);
			(void)cur_u32(&b, &s->label);
			if (s->label_ctype != RSVP_CTYPE_1) {
				rsvp_err_set(err, RSVP_E_OBJ_BODY, at,
				    "label subobject of unknown C-Type");
				return -1;
			}
			break;
		default:
			if (sub_raw_decode(&b, at, r, s, err) == -1)
				return -1;
			break;
		}
	}
	return 0;
}

bool
rsvp_rro_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_route *r = &o->u.route;
	const struct rsvp_subobj *s;
	uint16_t i;

	if (r->nsub > RSVP_ROUTE_MAX)
		return false;
	for (i = 0; i < r->nsub; i++) {
		s = &r->sub[i];
		switch (s->type) {
		case RSVP_SUBOBJ_IPV4:
			if (s->prefix_len > IPV4_PREFIX_MAX)
				return false;
			w_u8(w, RSVP_SUBOBJ_IPV4);
			w_u8(w, SUB_IPV4_LEN);
			w_bytes(w, &s->addr, sizeof(s->addr));
			w_u8(w, s->prefix_len);
			w_u8(w, s->flags);
			break;
		case RSVP_SUBOBJ_LABEL:
			if (s->label_ctype != RSVP_CTYPE_1)
				return false;
			w_u8(w, RSVP_SUBOBJ_LABEL);
			w_u8(w, SUB_LABEL_LEN);
			w_u8(w, s->flags);
			w_u8(w, s->label_ctype);
			w_u32(w, s->label);
			break;
		default:
			if (!sub_raw_encode(w, r, s, s->type))
				return false;
			break;
		}
	}
	return w_ok(w);
}
