/*
 * The xenstore channel of the Xen backend.  The routelet watches
 * quasar/config under its domain's home (relative paths resolve to
 * /local/domain/<domid>/): one node holding the whole config text, whose
 * "generation" line names it.  A single node is read whole in one
 * request, so neither side needs a transaction for it.  When the
 * generation changes the routelet applies the config between two frames
 * and writes quasar/status ("ok N" or "error N: why").  Every second it
 * writes its counters to quasar/counters/<name>, and what its system has
 * free to quasar/counters/mem-available-kb (dom0 sizes the guest's memory
 * by it).
 *
 * The channel talks to xenstore through an ops table: xs_ops_xen.c is the
 * real one on libxenstore; the unit test uses a recording fake.
 */
#ifndef ROUTELET_CHAN_XS_H
#define ROUTELET_CHAN_XS_H

#include <stdbool.h>
#include <stdint.h>

#include "routelet/forward.h"

/* A transaction id; 0 is none (libxenstore's XBT_NULL). */
typedef uint32_t xs_tx_t;

struct xs_ops {
	/* The descriptor to poll for watch events. */
	int (*fileno)(void *h);
	/* Watch 'path', reporting 'token'; false with errno on failure. */
	bool (*watch)(void *h, const char *path, const char *token);
	/* Take one pending watch event; false if there was none. */
	bool (*read_watch)(void *h);
	/* Start a transaction; 0 with errno on failure. */
	xs_tx_t (*tx_start)(void *h);
	/* The value at 'path' (malloc'd, NUL-terminated) or NULL, errno. */
	char *(*read)(void *h, xs_tx_t tx, const char *path);
	bool (*write)(void *h, xs_tx_t tx, const char *path, const char *val);
	/* Commit (or abort) 'tx'; false with errno EAGAIN means retry. */
	bool (*tx_end)(void *h, xs_tx_t tx, bool abort);
};

struct chan_xs {
	const struct xs_ops *ops;
	void *h;
	bool have_generation;	/* a generation was read, good or bad */
	uint64_t seen_generation;
};

/* Serve over 'ops' on handle 'h': set the watch.  Returns 0 or -1. */
int chan_xs_init(struct chan_xs *ch, const struct xs_ops *ops, void *h);
/*
 * Handle a watch event: if quasar/config holds a new generation, apply it
 * to 'fwd' at 'now'.
 */
void chan_xs_input(struct chan_xs *ch, struct rl_fwd *fwd, uint64_t now);
/* Read and apply the config if its generation is new (also at start). */
void chan_xs_load(struct chan_xs *ch, struct rl_fwd *fwd, uint64_t now);
/*
 * Write the counters of 'fwd' under quasar/counters/ in one transaction,
 * with the guest's free memory, 'mem_available_kb' (0: unknown, not
 * written), as quasar/counters/mem-available-kb.
 */
void chan_xs_push_counters(struct chan_xs *ch, const struct rl_fwd *fwd,
    uint64_t mem_available_kb);

#endif
