#include "cursor.h"

#include <string.h>

bool
cur_bytes(struct cursor *c, void *dst, size_t n)
{
	if (cur_left(c) < n)
		return false;
	memcpy(dst, c->buf + c->off, n);
	c->off += n;
	return true;
}

bool
cur_skip(struct cursor *c, size_t n)
{
	if (cur_left(c) < n)
		return false;
	c->off += n;
	return true;
}

bool
cur_sub(struct cursor *c, size_t n, struct cursor *sub)
{
	if (cur_left(c) < n)
		return false;
	cur_init(sub, c->buf + c->off, n);
	c->off += n;
	return true;
}

bool
cur_peek_u8(const struct cursor *c, size_t off, uint8_t *v)
{
	if (cur_left(c) < off || cur_left(c) - off < 1)
		return false;
	*v = c->buf[c->off + off];
	return true;
}

bool
cur_peek_u16(const struct cursor *c, size_t off, uint16_t *v)
{
	const uint8_t *p;

	if (cur_left(c) < off || cur_left(c) - off < 2)
		return false;
	p = c->buf + c->off + off;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return true;
}
