/*
 * A latency histogram in the manner of HdrHistogram: values (ns) below
 * 64 are counted exactly; above, every power of two is cut into 64
 * buckets, so a bucket is at most 1/64 (1.6%) of its values wide.
 * Values of 2^TR_HIST_EXP_MAX ns (about 73 minutes) and more share the
 * last bucket.  Memory is fixed (TR_HIST_BUCKETS counters), whatever the
 * number of samples.
 */
#ifndef QUASAR_TRAFFIC_HIST_H
#define QUASAR_TRAFFIC_HIST_H

#include <stdint.h>

#define TR_HIST_SUB_BITS	6
#define TR_HIST_SUB		(1u << TR_HIST_SUB_BITS)
#define TR_HIST_EXP_MAX		42
#define TR_HIST_BUCKETS		(TR_HIST_SUB + \
	(TR_HIST_EXP_MAX - TR_HIST_SUB_BITS + 1) * TR_HIST_SUB)

struct tr_hist {
	uint64_t count;
	uint64_t min;
	uint64_t max;
	double sum;
	uint64_t buckets[TR_HIST_BUCKETS];
};

/* Empty 'h'. */
void tr_hist_init(struct tr_hist *h);

/* Count one value 'v' (ns). */
void tr_hist_add(struct tr_hist *h, uint64_t v);

/*
 * The value at quantile 'q' (0 < q <= 1): the highest value of the
 * bucket that holds the ceil(q * count)-th smallest sample, kept within
 * [min, max].  0 for an empty histogram.
 */
uint64_t tr_hist_quantile(const struct tr_hist *h, double q);

/* The mean, 0 for an empty histogram. */
double tr_hist_mean(const struct tr_hist *h);

/* The bucket of 'v', and the lowest and highest value of bucket 'i'. */
unsigned tr_hist_bucket(uint64_t v);
uint64_t tr_hist_bucket_low(unsigned i);
uint64_t tr_hist_bucket_high(unsigned i);

#endif
