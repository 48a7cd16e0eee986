#include "routelet/policer.h"

#define NS_PER_S	1000000000ull

/* Add 'dt' ns at 'rate' bytes/s to 'tokens', never beyond 'depth' bytes. */
static uint64_t
refill(uint64_t tokens, uint64_t dt, uint64_t rate, uint64_t depth)
{
	unsigned __int128 sum;
	uint64_t cap = depth * NS_PER_S;

	sum = (unsigned __int128)dt * rate + tokens;
	return sum >= cap ? cap : (uint64_t)sum;
}

void
policer_init(struct policer *pol, const struct policer_params *tspec,
    uint64_t now)
{
	pol->tspec = *tspec;
	pol->tokens = tspec->bucket * NS_PER_S;
	pol->peak_tokens = (uint64_t)tspec->max_size * NS_PER_S;
	pol->last = now;
}

bool
policer_conform(struct policer *pol, uint32_t size, uint64_t now)
{
	const struct policer_params *t = &pol->tspec;
	bool has_peak = t->peak != POLICER_RATE_INF;
	uint64_t dt, need;

	/* RFC 2211 3.3: packets larger than M are not conforming. */
	if (size > t->max_size)
		return false;
	/* A clock that goes back adds nothing. */
	dt = now > pol->last ? now - pol->last : 0;
	pol->last = now > pol->last ? now : pol->last;
	pol->tokens = refill(pol->tokens, dt, t->rate, t->bucket);
	if (has_peak)
		pol->peak_tokens = refill(pol->peak_tokens, dt, t->peak,
		    t->max_size);

	/* RFC 2210 3.1: packets smaller than m count as m bytes. */
	need = (uint64_t)(size < t->min_unit ? t->min_unit : size) * NS_PER_S;
	if (pol->tokens < need)
		return false;
	if (has_peak && pol->peak_tokens < need)
		return false;
	pol->tokens -= need;
	if (has_peak)
		pol->peak_tokens -= need;
	return true;
}

bool
policer_params_equal(const struct policer_params *a,
    const struct policer_params *b)
{
	return a->rate == b->rate && a->bucket == b->bucket &&
	    a->peak == b->peak && a->min_unit == b->min_unit &&
	    a->max_size == b->max_size;
}
