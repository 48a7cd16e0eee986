/*
 * The generator's schedule: packets at a constant rate, or at that rate
 * during 'on' periods separated by silent 'off' periods (bursts).
 */
#ifndef QUASAR_TRAFFIC_PACE_H
#define QUASAR_TRAFFIC_PACE_H

#include <stdint.h>

struct tr_pace {
	uint64_t rate_pps;	/* > 0 */
	uint64_t on_ns;		/* 0: always on */
	uint64_t off_ns;
};

/* When packet 'k' (from 0) is due, in ns from the start. */
uint64_t tr_pace_due(const struct tr_pace *p, uint64_t k);

/*
 * How many packets are due in the first 'ns' ns from the start (those
 * with tr_pace_due < ns).
 */
uint64_t tr_pace_count(const struct tr_pace *p, uint64_t ns);

#endif
