/*
 * The engine's deadlines: a binary min-heap of (deadline, timer) slots;
 * each timer knows its place so that stopping or re-arming one costs
 * O(log n).  One libevent timer (engine.c) waits for the earliest.
 */
#include <errno.h>
#include <stdlib.h>

#include "dom0/engine_local.h"

#define ETIMER_IDLE	SIZE_MAX
#define HEAP_MIN_CAP	64

/* A stopped timer that will call 'fn'. */
void
etimer_init(struct etimer *t, etimer_fn fn)
{
	t->due = 0;
	t->idx = ETIMER_IDLE;
	t->fn = fn;
}

/* Is 't' waiting in the heap? */
bool
etimer_armed(const struct etimer *t)
{
	return t->idx != ETIMER_IDLE;
}

/* An empty heap; 0 or -ENOMEM. */
int
etimer_heap_init(struct engine *e)
{
	e->heap = calloc(HEAP_MIN_CAP, sizeof(*e->heap));
	if (e->heap == NULL)
		return -ENOMEM;
	e->heap_cap = HEAP_MIN_CAP;
	e->nheap = 0;
	return 0;
}

/* Free the heap (its timers belong to their owners). */
void
etimer_heap_dispose(struct engine *e)
{
	free(e->heap);
	e->heap = NULL;
	e->nheap = e->heap_cap = 0;
}

static void
heap_place(struct engine *e, size_t i, struct etimer_slot slot)
{
	e->heap[i] = slot;
	slot.t->idx = i;
}

static void
heap_up(struct engine *e, size_t i)
{
	struct etimer_slot slot = e->heap[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (e->heap[parent].due <= slot.due)
			break;
		heap_place(e, i, e->heap[parent]);
		i = parent;
	}
	heap_place(e, i, slot);
}

static void
heap_down(struct engine *e, size_t i)
{
	struct etimer_slot slot = e->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= e->nheap)
			break;
		if (c + 1 < e->nheap && e->heap[c + 1].due < e->heap[c].due)
			c++;
		if (slot.due <= e->heap[c].due)
			break;
		heap_place(e, i, e->heap[c]);
		i = c;
	}
	heap_place(e, i, slot);
}

/* Take 't' out of the heap; nothing if it is not armed. */
void
etimer_stop(struct engine *e, struct etimer *t)
{
	size_t i = t->idx;
	struct etimer_slot last;

	if (i == ETIMER_IDLE)
		return;
	t->idx = ETIMER_IDLE;
	last = e->heap[--e->nheap];
	if (i == e->nheap)
		return;
	heap_place(e, i, last);
	heap_up(e, i);
	heap_down(e, last.t->idx);
}

/* (Re-)arm 't' for monotonic time 'due'; 0 or -ENOMEM. */
int
etimer_arm(struct engine *e, struct etimer *t, uint64_t due)
{
	if (t->idx != ETIMER_IDLE) {
		t->due = due;
		e->heap[t->idx].due = due;
		heap_up(e, t->idx);
		heap_down(e, t->idx);
		return 0;
	}
	if (e->nheap == e->heap_cap) {
		size_t cap = e->heap_cap * 2;
		struct etimer_slot *h = realloc(e->heap, cap * sizeof(*h));

		if (h == NULL) {
			engine_count(e, ENGINE_C_NO_MEMORY);
			return -ENOMEM;
		}
		e->heap = h;
		e->heap_cap = cap;
	}
	t->due = due;
	heap_place(e, e->nheap++, (struct etimer_slot){ .due = due, .t = t });
	heap_up(e, t->idx);
	return 0;
}

/* The earliest timer due at or before 'now', taken out; or NULL. */
struct etimer *
etimer_pop_due(struct engine *e, uint64_t now)
{
	struct etimer *t;

	if (e->nheap == 0 || e->heap[0].due > now)
		return NULL;
	t = e->heap[0].t;
	etimer_stop(e, t);
	return t;
}
