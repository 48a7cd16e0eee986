/*
 * The log-bucketed latency histogram (hist.h).
 */
#include <math.h>
#include <string.h>

#include "testbed/traffic/hist.h"

void
tr_hist_init(struct tr_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

unsigned
tr_hist_bucket(uint64_t v)
{
	unsigned e, m;

	if (v < TR_HIST_SUB)
		return (unsigned)v;
	e = 63u - (unsigned)__builtin_clzll(v);
	if (e > TR_HIST_EXP_MAX)
		return TR_HIST_BUCKETS - 1;
	/* The TR_HIST_SUB_BITS bits after the leading one. */
	m = (unsigned)(v >> (e - TR_HIST_SUB_BITS)) & (TR_HIST_SUB - 1);
	return TR_HIST_SUB + (e - TR_HIST_SUB_BITS) * TR_HIST_SUB + m;
}

uint64_t
tr_hist_bucket_low(unsigned i)
{
	unsigned e, m;

	if (i < TR_HIST_SUB)
		return i;
	e = (i - TR_HIST_SUB) / TR_HIST_SUB + TR_HIST_SUB_BITS;
	m = (i - TR_HIST_SUB) % TR_HIST_SUB;
	return (uint64_t)(TR_HIST_SUB + m) << (e - TR_HIST_SUB_BITS);
}

uint64_t
tr_hist_bucket_high(unsigned i)
{
	if (i >= TR_HIST_BUCKETS - 1)
		return UINT64_MAX;
	return tr_hist_bucket_low(i + 1) - 1;
}

void
tr_hist_add(struct tr_hist *h, uint64_t v)
{
	h->buckets[tr_hist_bucket(v)]++;
	h->count++;
	h->sum += (double)v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
}

uint64_t
tr_hist_quantile(const struct tr_hist *h, double q)
{
	uint64_t rank, seen = 0, v;
	unsigned i;

	if (h->count == 0)
		return 0;
	/* Less a hair, so that 0.999 * 1000 is rank 999, not 1000. */
	rank = (uint64_t)ceil(q * (double)h->count - 1e-9);
	if (rank < 1)
		rank = 1;
	if (rank > h->count)
		rank = h->count;
	for (i = 0; i < TR_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank)
			break;
	}
	v = tr_hist_bucket_high(i < TR_HIST_BUCKETS ? i : TR_HIST_BUCKETS - 1);
	if (v > h->max)
		v = h->max;
	if (v < h->min)
		v = h->min;
	return v;
}

double
tr_hist_mean(const struct tr_hist *h)
{
	return h->count == 0 ? 0 : h->sum / (double)h->count;
}
