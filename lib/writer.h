/*
 * A bounded writer: encoders write into (buf, cap) and fail cleanly when it
 * is full.  Overflow is sticky: after the first write that does not fit,
 * every write is refused, so an encoder may check once, at the end.
 * Multi-byte values are written in network order.
 */
#ifndef QUASAR_WRITER_H
#define QUASAR_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct writer {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool overflow;
};

/* Start writing into 'cap' bytes at 'buf'. */
static inline void
w_init(struct writer *w, void *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->overflow = false;
}

/* True while every write so far fitted. */
static inline bool
w_ok(const struct writer *w)
{
	return !w->overflow;
}

bool w_bytes(struct writer *w, const void *src, size_t n);

/* The integer writers are inline: encoders call them for every field. */
static inline bool
w_room(struct writer *w, size_t n)
{
	if (w->overflow || w->cap - w->len < n) {
		w->overflow = true;
		return false;
	}
	return true;
}

static inline bool
w_u8(struct writer *w, uint8_t v)
{
	if (!w_room(w, 1))
		return false;
	w->buf[w->len++] = v;
	return true;
}

static inline bool
w_u16(struct writer *w, uint16_t v)
{
	if (!w_room(w, 2))
		return false;
	w->buf[w->len] = (uint8_t)(v >> 8);
	w->buf[w->len + 1] = (uint8_t)v;
	w->len += 2;
	return true;
}

static inline bool
w_u32(struct writer *w, uint32_t v)
{
	if (!w_room(w, 4))
		return false;
	w->buf[w->len] = (uint8_t)(v >> 24);
	w->buf[w->len + 1] = (uint8_t)(v >> 16);
	w->buf[w->len + 2] = (uint8_t)(v >> 8);
	w->buf[w->len + 3] = (uint8_t)v;
	w->len += 4;
	return true;
}
/* Write 'n' zero bytes. */
bool w_zero(struct writer *w, size_t n);
/* Overwrite two bytes already written at offset 'at'. */
bool w_patch_u16(struct writer *w, size_t at, uint16_t v);

#endif
