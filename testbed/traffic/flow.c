/*
 * Per-flow accounting (flow.h).
 */
#include <stdlib.h>
#include <string.h>

#include "testbed/traffic/flow.h"

#define WINDOW_MASK	(TR_FLOW_WINDOW - 1)
#define NS_PER_US	1000.0
#define SLOTS		(2 * TR_FLOWS_MAX)

void
tr_flow_init(struct tr_flow *f, uint32_t id)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
	tr_hist_init(&f->latency);
}

static bool
bit_get(const struct tr_flow *f, uint64_t seq)
{
	uint64_t b = seq & WINDOW_MASK;

	return (f->window[b / 64] >> (b % 64)) & 1;
}

static void
bit_set(struct tr_flow *f, uint64_t seq, bool on)
{
	uint64_t b = seq & WINDOW_MASK, m = 1ull << (b % 64);

	if (on)
		f->window[b / 64] |= m;
	else
		f->window[b / 64] &= ~m;
}

/* Sequence accounting; false for a duplicate. */
static bool
count_seq(struct tr_flow *f, uint64_t seq)
{
	uint64_t s;

	if (f->packets == 1) {
		f->lowest = f->highest = seq;
		bit_set(f, seq, true);
		return true;
	}
	if (seq > f->highest) {
		if (seq - f->highest >= TR_FLOW_WINDOW)
			memset(f->window, 0, sizeof(f->window));
		else
			for (s = f->highest + 1; s < seq; s++)
				bit_set(f, s, false);
		bit_set(f, seq, true);
		f->highest = seq;
		return true;
	}
	if (seq < f->lowest)
		f->lowest = seq;
	if (f->highest - seq >= TR_FLOW_WINDOW) {
		f->reordered++;
		f->too_old++;
		return true;
	}
	if (bit_get(f, seq)) {
		f->duplicates++;
		return false;
	}
	bit_set(f, seq, true);
	f->reordered++;
	return true;
}

void
tr_flow_add(struct tr_flow *f, uint64_t seq, uint64_t tx_ns, uint64_t rx_ns,
    uint64_t bytes)
{
	int64_t transit = (int64_t)(rx_ns - tx_ns), d;

	f->packets++;
	f->bytes += bytes;
	if (f->packets == 1)
		f->first_rx_ns = rx_ns;
	if (rx_ns > f->last_rx_ns)
		f->last_rx_ns = rx_ns;
	if (!count_seq(f, seq))
		return;
	if (transit < 0) {
		f->negative++;
		tr_hist_add(&f->latency, 0);
	} else
		tr_hist_add(&f->latency, (uint64_t)transit);
	/* RFC 3550 A.8, on every arrival that is not a duplicate. */
	if (f->have_transit) {
		d = transit - f->last_transit;
		if (d < 0)
			d = -d;
		f->jitter_ns += ((double)d - f->jitter_ns) / 16.0;
	}
	f->last_transit = transit;
	f->have_transit = true;
}

void
tr_flow_summarize(const struct tr_flow *f, struct tr_flow_summary *s)
{
	uint64_t unique = f->packets - f->duplicates;
	const struct tr_hist *h = &f->latency;

	memset(s, 0, sizeof(*s));
	s->id = f->id;
	s->packets = f->packets;
	s->bytes = f->bytes;
	s->duplicates = f->duplicates;
	s->reordered = f->reordered;
	if (f->packets == 0)
		return;
	s->expected = f->highest - f->lowest + 1;
	s->lost = s->expected > unique ? s->expected - unique : 0;
	s->loss_pct = 100.0 * (double)s->lost / (double)s->expected;
	s->duration_s = (double)(f->last_rx_ns - f->first_rx_ns) / 1e9;
	if (s->duration_s > 0)
		s->throughput_bps = (double)f->bytes * 8 / s->duration_s;
	s->jitter_us = f->jitter_ns / NS_PER_US;
	s->lat_min_us = (double)h->min / NS_PER_US;
	s->lat_mean_us = tr_hist_mean(h) / NS_PER_US;
	s->lat_p50_us = (double)tr_hist_quantile(h, 0.5) / NS_PER_US;
	s->lat_p99_us = (double)tr_hist_quantile(h, 0.99) / NS_PER_US;
	s->lat_p999_us = (double)tr_hist_quantile(h, 0.999) / NS_PER_US;
	s->lat_max_us = (double)h->max / NS_PER_US;
}

void
tr_flows_init(struct tr_flows *fs)
{
	memset(fs, 0, sizeof(*fs));
}

static size_t
slot_of(uint32_t id)
{
	/* Fibonacci hashing: flows numbered 1, 2, 3... spread out. */
	return (size_t)((id * 2654435761u) % SLOTS);
}

struct tr_flow *
tr_flows_get(struct tr_flows *fs, uint32_t id)
{
	size_t i = slot_of(id);
	struct tr_flow *f;

	while (fs->by_slot[i] != NULL) {
		if (fs->by_slot[i]->id == id)
			return fs->by_slot[i];
		i = (i + 1) % SLOTS;
	}
	if (fs->n == TR_FLOWS_MAX || (f = malloc(sizeof(*f))) == NULL) {
		fs->refused++;
		return NULL;
	}
	tr_flow_init(f, id);
	fs->by_slot[i] = f;
	fs->list[fs->n++] = f;
	return f;
}

void
tr_flows_dispose(struct tr_flows *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		free(fs->list[i]);
	tr_flows_init(fs);
}
