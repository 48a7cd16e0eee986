/*
 * The box's one MPLS label allocator (seed 001: one label space shared by
 * every label user).  Labels come from a configured range [min, max]
 * inside 16..2^20-1 (RFC 3032 2.1 reserves 0-15), lowest free first or
 * highest free first (vendors differ: seed 003).  A freed label is held
 * down for 'holddown_ms' before it can be handed out again, so that a
 * label still in an upstream's forwarding table does not reach a new LSP;
 * held labels come back in the order they were freed (FIFO).
 *
 * Allocation, freeing and reservation cost O(range / 4096) at worst (a
 * two-level bitmap), independent of how many labels are in use.  Time is
 * the caller's monotonic milliseconds.
 */
#ifndef QUASAR_DOM0_LABELS_H
#define QUASAR_DOM0_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LABELS_MIN	16u		/* lowest label we ever allocate */
#define LABELS_MAX	1048575u	/* 2^20 - 1 */

enum labels_order {
	LABELS_ASCENDING = 0,
	LABELS_DESCENDING,
};

struct labels_params {
	uint32_t min;
	uint32_t max;
	enum labels_order order;
	uint32_t holddown_ms;
};

enum label_state {
	LABEL_FREE = 0,
	LABEL_USED,
	LABEL_HELD,	/* freed, waiting for its hold-down to end */
};

struct labels;

/* Create an allocator for 'p'.  -EINVAL if the range is outside
 * [LABELS_MIN, LABELS_MAX] or empty, -ENOMEM. */
int labels_create(const struct labels_params *p, struct labels **l_r);
/* Free 'l'; NULL is a no-op. */
void labels_destroy(struct labels *l);

/* Take the next free label (order as configured) at time 'now_ms'.
 * -ENOSPC when none is free (held labels do not count). */
int labels_alloc(struct labels *l, uint64_t now_ms, uint32_t *label_r);
/* Give back 'label' at 'now_ms': it is held down, then free again.
 * -EINVAL if it is not in use. */
int labels_free(struct labels *l, uint32_t label, uint64_t now_ms);
/*
 * Take a given free 'label' (re-adopting what a previous run programmed).
 * -ERANGE outside the range, -EBUSY if it is in use or held down.
 */
int labels_reserve(struct labels *l, uint32_t label);

/* 'label''s state at 'now_ms' (LABEL_FREE outside the range). */
enum label_state labels_state(struct labels *l, uint32_t label,
    uint64_t now_ms);
/* Labels in use; labels held down at 'now_ms'. */
size_t labels_used(const struct labels *l);
size_t labels_held(struct labels *l, uint64_t now_ms);
/* The parameters 'l' was created with. */
const struct labels_params *labels_params(const struct labels *l);

/*
 * Call 'cb' for each label in use, lowest first, until it returns
 * non-zero (which labels_walk then returns).  'cb' must not change 'l'.
 */
typedef int (*labels_walk_cb)(uint32_t label, void *arg);
int labels_walk(const struct labels *l, labels_walk_cb cb, void *arg);

const char *labels_order_name(enum labels_order o);

#endif
