#include "writer.h"

#include <string.h>

/* Reserve 'n' bytes at '*at_r'; false (and sticky overflow) if no room. */
static bool
w_take(struct writer *w, size_t n, size_t *at_r)
{
	if (!w_room(w, n))
		return false;
	*at_r = w->len;
	w->len += n;
	return true;
}

bool
w_bytes(struct writer *w, const void *src, size_t n)
{
	size_t at;

	if (!w_take(w, n, &at))
		return false;
	if (n > 0)
		memcpy(w->buf + at, src, n);
	return true;
}

bool
w_zero(struct writer *w, size_t n)
{
	size_t at;

	if (!w_take(w, n, &at))
		return false;
	if (n > 0)
		memset(w->buf + at, 0, n);
	return true;
}

bool
w_patch_u16(struct writer *w, size_t at, uint16_t v)
{
	if (w->overflow || at > w->len || w->len - at < 2)
		return false;
	w->buf[at] = (uint8_t)(v >> 8);
	w->buf[at + 1] = (uint8_t)v;
	return true;
}
