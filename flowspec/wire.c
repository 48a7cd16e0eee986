/*
 * IntServ framing (RFC 2210 3).  Every object body is a message header
 * (4-bit version 0, 12 reserved bits, overall length in 32-bit words not
 * counting the header), then per-service fragments (service number, break
 * bit, 7 reserved bits, length in words), each holding parameters
 * (parameter number, flags, length in words).  Reserved bits are ignored
 * on input and sent as zero.
 */
#include "flowspec/wire.h"

#include <string.h>

void
is_dec_init(struct is_dec *d, const void *body, uint16_t tc_value,
    struct is_err *err)
{
	d->body = body;
	d->tc_value = tc_value;
	d->err = err;
	err->reason = IS_OK;
	err->tc_value = 0;
	err->offset = 0;
}

int
is_fail_value(struct is_dec *d, enum is_reason reason, uint16_t value,
    const uint8_t *at)
{
	d->err->reason = reason;
	d->err->tc_value = value;
	d->err->offset = (size_t)(at - d->body);
	return -1;
}

int
is_fail(struct is_dec *d, enum is_reason reason, const uint8_t *at)
{
	return is_fail_value(d, reason, d->tc_value, at);
}

/* Read one header of any level: a byte, a byte, a length in words; then
 * the data it announces, which must be in 'c'. */
static int
is_hdr_read(struct is_dec *d, struct cursor *c, uint8_t *a_r, uint8_t *b_r,
    struct cursor *data)
{
	const uint8_t *at = cur_pos(c);
	uint16_t words;

	if (!cur_u8(c, a_r) || !cur_u8(c, b_r) || !cur_u16(c, &words))
		return is_fail(d, IS_E_TRUNCATED, at);
	if (!cur_sub(c, (size_t)words * 4, data))
		return is_fail(d, IS_E_LENGTH, at);
	return 0;
}

int
is_msg_open(struct is_dec *d, struct cursor *c, struct cursor *msg)
{
	const uint8_t *at = cur_pos(c);
	uint8_t vers, reserved;

	if (cur_left(c) < IS_HDR_LEN)
		return is_fail(d, IS_E_TRUNCATED, at);
	if (cur_pos(c)[0] >> 4 != IS_VERSION)
		return is_fail(d, IS_E_VERSION, at);
	if (is_hdr_read(d, c, &vers, &reserved, msg) == -1)
		return -1;
	if (cur_left(c) != 0)
		return is_fail(d, IS_E_LENGTH, at);
	return 0;
}

int
is_svc_next(struct is_dec *d, struct cursor *msg, struct is_svc *s)
{
	s->at = cur_pos(msg);
	return is_hdr_read(d, msg, &s->service, &s->flags, &s->data);
}

int
is_param_next(struct is_dec *d, struct cursor *svc, struct is_param *p)
{
	p->at = cur_pos(svc);
	return is_hdr_read(d, svc, &p->id, &p->flags, &p->data);
}

int
is_param_words(struct is_dec *d, const struct is_param *p, uint32_t *v,
    size_t n)
{
	struct cursor c = p->data;
	size_t i;

	for (i = 0; i < n; i++)
		if (!cur_u32(&c, &v[i]))
			return is_fail(d, IS_E_PARAM_LEN, p->at);
	if (cur_left(&c) != 0)
		return is_fail(d, IS_E_PARAM_LEN, p->at);
	return 0;
}

float
is_float_from_bits(uint32_t bits)
{
	float f;

	memcpy(&f, &bits, sizeof(f));
	return f;
}

uint32_t
is_float_to_bits(float f)
{
	uint32_t bits;

	memcpy(&bits, &f, sizeof(bits));
	return bits;
}

/* Write a header of any level with a zero length, remembering where. */
static bool
is_hdr_begin(struct writer *w, uint8_t a, uint8_t b, size_t *at_r)
{
	*at_r = w->len;
	w_u8(w, a);
	w_u8(w, b);
	return w_u16(w, 0);
}

bool
is_msg_begin(struct writer *w, size_t *at_r)
{
	return is_hdr_begin(w, IS_VERSION << 4, 0, at_r);
}

bool
is_svc_begin(struct writer *w, uint8_t service, uint8_t flags, size_t *at_r)
{
	return is_hdr_begin(w, service, flags & IS_SVC_BREAK, at_r);
}

bool
is_hdr_end(struct writer *w, size_t at)
{
	size_t words;

	if (!w_ok(w) || w->len < at + IS_HDR_LEN)
		return false;
	words = (w->len - at - IS_HDR_LEN) / 4;
	if (words > UINT16_MAX)
		return false;
	return w_patch_u16(w, at + 2, (uint16_t)words);
}

bool
is_param_hdr(struct writer *w, uint8_t id, uint8_t flags, uint16_t words)
{
	w_u8(w, id);
	w_u8(w, flags);
	return w_u16(w, words);
}

bool
is_w_float(struct writer *w, float f)
{
	return w_u32(w, is_float_to_bits(f));
}

int
is_single_svc(struct is_dec *d, const void *buf, size_t len, struct is_svc *s)
{
	struct cursor c, msg;

	cur_init(&c, buf, len);
	if (is_msg_open(d, &c, &msg) == -1)
		return -1;
	if (cur_left(&msg) == 0)
		return is_fail(d, IS_E_MISSING, d->body);
	if (is_svc_next(d, &msg, s) == -1)
		return -1;
	if (cur_left(&msg) != 0)
		return is_fail(d, IS_E_LENGTH, s->at);
	return 0;
}
