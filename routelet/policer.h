/*
 * The flow's policer: a token bucket (r, b) and, when the peak rate is
 * finite, a peak bucket (p, M), from the IntServ TSpec (RFC 2210 3.1 and
 * RFC 2211 3.3).  Time is a monotonic clock in nanoseconds passed in by the
 * caller, so tests control it.
 */
#ifndef ROUTELET_POLICER_H
#define ROUTELET_POLICER_H

#include <stdbool.h>
#include <stdint.h>

/* The peak rate of a TSpec that has none (RFC 2210 3.1: positive infinity). */
#define POLICER_RATE_INF	UINT64_MAX

/* Largest bucket depth and rates accepted; tokens are kept in nanobytes. */
#define POLICER_BUCKET_MAX	4000000000ull
#define POLICER_RATE_MAX	1000000000000ull

struct policer_params {
	uint64_t rate;		/* r, bytes per second */
	uint64_t bucket;	/* b, bytes */
	uint64_t peak;		/* p, bytes per second, or POLICER_RATE_INF */
	uint32_t min_unit;	/* m, bytes */
	uint32_t max_size;	/* M, bytes */
};

struct policer {
	struct policer_params tspec;
	uint64_t tokens;	/* in the (r, b) bucket, nanobytes */
	uint64_t peak_tokens;	/* in the (p, M) bucket, nanobytes */
	uint64_t last;		/* clock of the last refill, ns */
};

/* Start policing with 'tspec' at time 'now', both buckets full. */
void policer_init(struct policer *pol, const struct policer_params *tspec,
    uint64_t now);
/*
 * True if a packet of 'size' bytes arriving at 'now' conforms, and then
 * take its tokens; false (nothing taken) if it does not.
 */
bool policer_conform(struct policer *pol, uint32_t size, uint64_t now);
/* True if 'a' and 'b' describe the same traffic. */
bool policer_params_equal(const struct policer_params *a,
    const struct policer_params *b);

#endif
