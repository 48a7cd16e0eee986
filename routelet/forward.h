/*
 * The routelet's forwarding element, in the manner of a Click element: one
 * frame in, a verdict out, counters you can read.  It accepts only its
 * flow's in-label as the top label, polices, swaps (or pops, for implicit
 * null), decrements the TTL and rewrites both MAC addresses.  No sockets
 * here: the I/O layer hands it frames and sends what it keeps.
 */
#ifndef ROUTELET_FORWARD_H
#define ROUTELET_FORWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routelet/config.h"
#include "routelet/counters.h"
#include "routelet/policer.h"

enum rl_verdict {
	RL_DROP,	/* counted; do not send */
	RL_SEND,	/* send the frame out of the same interface */
};

struct rl_fwd {
	bool configured;
	struct rl_config cfg;
	struct policer pol;
	struct rl_counters cnt;
};

/* Start with no flow: every frame is dropped until rl_fwd_apply. */
void rl_fwd_init(struct rl_fwd *f);
/*
 * Switch to 'cfg' at time 'now'.  The policer keeps its tokens if the TSpec
 * is unchanged and starts with full buckets otherwise.  Call it between
 * frames; counters carry on.
 */
void rl_fwd_apply(struct rl_fwd *f, const struct rl_config *cfg, uint64_t now);
/*
 * Forward the Ethernet frame of 'len' bytes at 'frame', rewriting it in
 * place, at monotonic time 'now' (ns).  On RL_SEND the frame to send is
 * '*len_r' bytes at 'frame + *off_r' (a pop moves its start 4 bytes on).
 */
enum rl_verdict rl_forward(struct rl_fwd *f, uint8_t *frame, size_t len,
    uint64_t now, size_t *off_r, size_t *len_r);
/* Count a received frame of 'len' bytes that arrived cut short. */
void rl_fwd_drop_truncated(struct rl_fwd *f, size_t len);
/* Count the outcome of sending a frame of 'len' bytes. */
void rl_fwd_sent(struct rl_fwd *f, size_t len, bool ok);

#endif
