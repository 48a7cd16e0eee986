/*
 * Per-flow accounting of the sink: packets, bytes, loss, duplicates,
 * reordering, one-way latency (tr_hist) and interarrival jitter.
 *
 * Sequence numbers: the highest seen so far marks the front.  A number
 * above it moves the front (the numbers skipped are missing, for now); a
 * number below it is late: reordered if it was missing, a duplicate if it
 * was seen, both told apart by a bitmap of the TR_FLOW_WINDOW numbers
 * below the front.  A late number older than the window counts as
 * reordered (and as "too_old"): it cannot be told from a duplicate.
 * Loss is expected - (packets - duplicates), where expected spans the
 * lowest to the highest number seen, so packets lost before the first
 * one that arrived are not counted.
 *
 * Jitter is RFC 3550 6.4.1 (appendix A.8): J += (|D(i-1,i)| - J) / 16,
 * with D the change in transit time (receive time - send time) between
 * consecutive arrivals, here in ns.
 */
#ifndef QUASAR_TRAFFIC_FLOW_H
#define QUASAR_TRAFFIC_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "testbed/traffic/hist.h"

#define TR_FLOW_WINDOW		4096	/* sequence numbers; a power of 2 */
#define TR_FLOWS_MAX		4096

struct tr_flow {
	uint32_t id;
	uint64_t packets;	/* every arrival, duplicates included */
	uint64_t bytes;
	uint64_t duplicates;
	uint64_t reordered;
	uint64_t too_old;	/* of reordered: older than the window */
	uint64_t negative;	/* latencies below 0 (clocks), counted as 0 */
	uint64_t lowest;
	uint64_t highest;
	uint64_t first_rx_ns;
	uint64_t last_rx_ns;
	bool have_transit;
	int64_t last_transit;
	double jitter_ns;
	uint64_t window[TR_FLOW_WINDOW / 64];	/* bit per number */
	struct tr_hist latency;
};

/* What a flow's counters come to. */
struct tr_flow_summary {
	uint32_t id;
	uint64_t packets;
	uint64_t bytes;
	uint64_t expected;
	uint64_t lost;
	double loss_pct;
	uint64_t duplicates;
	uint64_t reordered;
	double duration_s;	/* first to last arrival */
	double throughput_bps;	/* bits of the frames over that time */
	double jitter_us;
	double lat_min_us, lat_mean_us, lat_p50_us, lat_p99_us, lat_p999_us;
	double lat_max_us;
};

/* Start flow 'id' afresh. */
void tr_flow_init(struct tr_flow *f, uint32_t id);

/*
 * Count one arrival: sequence number 'seq' sent at 'tx_ns' and received
 * at 'rx_ns' (the same clock), 'bytes' long.
 */
void tr_flow_add(struct tr_flow *f, uint64_t seq, uint64_t tx_ns,
    uint64_t rx_ns, uint64_t bytes);

/* Sum 'f' up into 's'. */
void tr_flow_summarize(const struct tr_flow *f, struct tr_flow_summary *s);

/* The flows of one sink, found by id (open addressing). */
struct tr_flows {
	struct tr_flow *by_slot[2 * TR_FLOWS_MAX];
	struct tr_flow *list[TR_FLOWS_MAX];	/* in order of arrival */
	size_t n;
	uint64_t refused;	/* arrivals of flows past TR_FLOWS_MAX */
};

void tr_flows_init(struct tr_flows *fs);
/* The flow 'id', made on its first arrival; NULL when the table is full
 * or memory is short. */
struct tr_flow *tr_flows_get(struct tr_flows *fs, uint32_t id);
void tr_flows_dispose(struct tr_flows *fs);

#endif
