/*
 * The label allocator: a two-level bitmap of free labels (one bit per
 * label, one summary bit per 64-label word that has a free label), a
 * per-label state byte, and a FIFO ring of held-down labels with the time
 * each may come back.  Every label is in at most one of: the free bitmap,
 * the ring, in use.
 */
#include <errno.h>
#include <stdlib.h>

#include "dom0/labels.h"

struct held {
	uint32_t label;
	uint64_t until_ms;
};

struct labels {
	struct labels_params p;
	uint32_t n;		/* labels in the range */
	uint8_t *state;		/* enum label_state, by label - min */
	uint64_t *free;		/* bit set: free */
	uint64_t *summary;	/* bit set: free[i] != 0 */
	size_t n_words;
	size_t n_summary;
	size_t used;
	struct held *ring;	/* capacity n: each label at most once */
	size_t head;
	size_t count;
};

static void
bit_set(struct labels *l, uint32_t i)
{
	size_t w = i / 64;

	l->free[w] |= UINT64_C(1) << (i % 64);
	l->summary[w / 64] |= UINT64_C(1) << (w % 64);
}

static void
bit_clear(struct labels *l, uint32_t i)
{
	size_t w = i / 64;

	l->free[w] &= ~(UINT64_C(1) << (i % 64));
	if (l->free[w] == 0)
		l->summary[w / 64] &= ~(UINT64_C(1) << (w % 64));
}

/* Index of the lowest free label, or -1. */
static int64_t
first_free(const struct labels *l)
{
	size_t s, w;

	for (s = 0; s < l->n_summary; s++) {
		if (l->summary[s] == 0)
			continue;
		w = s * 64 + (size_t)__builtin_ctzll(l->summary[s]);
		return (int64_t)(w * 64 +
		    (size_t)__builtin_ctzll(l->free[w]));
	}
	return -1;
}

/* Index of the highest free label, or -1. */
static int64_t
last_free(const struct labels *l)
{
	size_t s, w;

	for (s = l->n_summary; s-- > 0;) {
		if (l->summary[s] == 0)
			continue;
		w = s * 64 + 63 - (size_t)__builtin_clzll(l->summary[s]);
		return (int64_t)(w * 64 + 63 -
		    (size_t)__builtin_clzll(l->free[w]));
	}
	return -1;
}

/* Give back to the free bitmap every held label whose time has come. */
static void
release_held(struct labels *l, uint64_t now_ms)
{
	struct held *h;

	while (l->count > 0) {
		h = &l->ring[l->head];
		if (h->until_ms > now_ms)
			break;
		l->state[h->label - l->p.min] = LABEL_FREE;
		bit_set(l, h->label - l->p.min);
		l->head = (l->head + 1) % l->n;
		l->count--;
	}
}

int
labels_create(const struct labels_params *p, struct labels **l_r)
{
	struct labels *l;
	uint32_t i;
	int rc = -ENOMEM;

	if (p->min < LABELS_MIN || p->max > LABELS_MAX || p->min > p->max ||
	    (p->order != LABELS_ASCENDING && p->order != LABELS_DESCENDING))
		return -EINVAL;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return -ENOMEM;
	l->p = *p;
	l->n = p->max - p->min + 1;
	l->n_words = (l->n + 63) / 64;
	l->n_summary = (l->n_words + 63) / 64;
	l->state = calloc(l->n, 1);
	l->free = calloc(l->n_words, sizeof(*l->free));
	l->summary = calloc(l->n_summary, sizeof(*l->summary));
	l->ring = calloc(l->n, sizeof(*l->ring));
	if (l->state == NULL || l->free == NULL || l->summary == NULL ||
	    l->ring == NULL)
		goto out;
	for (i = 0; i < l->n; i++)
		bit_set(l, i);
	*l_r = l;
	l = NULL;
	rc = 0;
out:
	labels_destroy(l);
	return rc;
}

void
labels_destroy(struct labels *l)
{
	if (l == NULL)
		return;
	free(l->state);
	free(l->free);
	free(l->summary);
	free(l->ring);
	free(l);
}

int
labels_alloc(struct labels *l, uint64_t now_ms, uint32_t *label_r)
{
	int64_t i;

	release_held(l, now_ms);
	if (l->p.order == LABELS_ASCENDING)
		i = first_free(l);
	else
		i = last_free(l);
	if (i < 0)
		return -ENOSPC;
	bit_clear(l, (uint32_t)i);
	l->state[i] = LABEL_USED;
	l->used++;
	*label_r = l->p.min + (uint32_t)i;
	return 0;
}

int
labels_free(struct labels *l, uint32_t label, uint64_t now_ms)
{
	uint32_t i;

	if (label < l->p.min || label > l->p.max)
		return -EINVAL;
	i = label - l->p.min;
	if (l->state[i] != LABEL_USED)
		return -EINVAL;
	l->used--;
	if (l->p.holddown_ms == 0) {
		l->state[i] = LABEL_FREE;
		bit_set(l, i);
		return 0;
	}
	l->state[i] = LABEL_HELD;
	l->ring[(l->head + l->count) % l->n] = (struct held){
		.label = label,
		.until_ms = now_ms + l->p.holddown_ms,
	};
	l->count++;
	return 0;
}

int
labels_reserve(struct labels *l, uint32_t label)
{
	uint32_t i;

	if (label < l->p.min || label > l->p.max)
		return -ERANGE;
	i = label - l->p.min;
	if (l->state[i] != LABEL_FREE)
		return -EBUSY;
	bit_clear(l, i);
	l->state[i] = LABEL_USED;
	l->used++;
	return 0;
}

enum label_state
labels_state(struct labels *l, uint32_t label, uint64_t now_ms)
{
	if (label < l->p.min || label > l->p.max)
		return LABEL_FREE;
	release_held(l, now_ms);
	return l->state[label - l->p.min];
}

size_t
labels_used(const struct labels *l)
{
	return l->used;
}

size_t
labels_held(struct labels *l, uint64_t now_ms)
{
	release_held(l, now_ms);
	return l->count;
}

const struct labels_params *
labels_params(const struct labels *l)
{
	return &l->p;
}

int
labels_walk(const struct labels *l, labels_walk_cb cb, void *arg)
{
	uint32_t i;
	int r;

	for (i = 0; i < l->n; i++) {
		if (l->state[i] != LABEL_USED)
			continue;
		if ((r = cb(l->p.min + i, arg)) != 0)
			return r;
	}
	return 0;
}

const char *
labels_order_name(enum labels_order o)
{
	return o == LABELS_DESCENDING ? "descending" : "ascending";
}
