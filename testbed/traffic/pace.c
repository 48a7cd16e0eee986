/*
 * The generator's schedule (pace.h).
 */
#include "testbed/traffic/pace.h"

#define NS_PER_S	1000000000ull

/* k / rate seconds in ns, without overflow for any k below 2^64 / 1e9. */
static uint64_t
on_time(uint64_t rate, uint64_t k)
{
	return k / rate * NS_PER_S + k % rate * NS_PER_S / rate;
}

uint64_t
tr_pace_due(const struct tr_pace *p, uint64_t k)
{
	uint64_t t = on_time(p->rate_pps, k);

	if (p->on_ns == 0)
		return t;
	return t / p->on_ns * (p->on_ns + p->off_ns) + t % p->on_ns;
}

uint64_t
tr_pace_count(const struct tr_pace *p, uint64_t ns)
{
	uint64_t on = ns, period, lo, hi, mid;

	if (p->on_ns != 0) {
		period = p->on_ns + p->off_ns;
		on = ns / period * p->on_ns;
		on += ns % period < p->on_ns ? ns % period : p->on_ns;
	}
	/* The number of k with on_time(k) < on: search, on_time grows. */
	lo = 0;
	hi = on / NS_PER_S * p->rate_pps + p->rate_pps + 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (on_time(p->rate_pps, mid) < on)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
