/*
 * A bounds-checked read cursor over untrusted bytes.  Every getter checks
 * that the bytes are there before it reads; on failure it returns false and
 * the cursor does not move.  Multi-byte values are read in network order and
 * returned in host order, through memcpy, never through a cast pointer.
 */
#ifndef QUASAR_CURSOR_H
#define QUASAR_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cursor {
	const uint8_t *buf;
	size_t len;
	size_t off;
};

/* Start reading 'len' bytes at 'buf'. */
static inline void
cur_init(struct cursor *c, const void *buf, size_t len)
{
	c->buf = buf;
	c->len = len;
	c->off = 0;
}

/* Bytes not yet read. */
static inline size_t
cur_left(const struct cursor *c)
{
	return c->len - c->off;
}

/* Where the next read starts. */
static inline const uint8_t *
cur_pos(const struct cursor *c)
{
	return c->buf + c->off;
}

/* The getters are inline: the RSVP decoder calls them for every field. */
static inline bool
cur_u8(struct cursor *c, uint8_t *v)
{
	if (cur_left(c) < 1)
		return false;
	*v = c->buf[c->off++];
	return true;
}

static inline bool
cur_u16(struct cursor *c, uint16_t *v)
{
	const uint8_t *p;

	if (cur_left(c) < 2)
		return false;
	p = c->buf + c->off;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	c->off += 2;
	return true;
}

static inline bool
cur_u32(struct cursor *c, uint32_t *v)
{
	const uint8_t *p;

	if (cur_left(c) < 4)
		return false;
	p = c->buf + c->off;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	c->off += 4;
	return true;
}

/* Copy 'n' bytes to 'dst'. */
bool cur_bytes(struct cursor *c, void *dst, size_t n);
bool cur_skip(struct cursor *c, size_t n);
/* Read the next 'n' bytes through a cursor of their own, 'sub'. */
bool cur_sub(struct cursor *c, size_t n, struct cursor *sub);
/* Like cur_u16/cur_u32 at 'off' bytes ahead, without moving. */
bool cur_peek_u16(const struct cursor *c, size_t off, uint16_t *v);
bool cur_peek_u8(const struct cursor *c, size_t off, uint8_t *v);

#endif
