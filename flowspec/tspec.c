/*
 * The token bucket TSpec (parameter 127) and the Guaranteed RSpec
 * (parameter 130): value rules and their parameter bodies.
 */
#include "flowspec/wire.h"

#include <math.h>

/* A float on the wire must be a number, not below zero, and finite
 * unless 'inf_ok' (RFC 2210 3.1, RFC 2215 3.6). */
static enum is_reason
is_float_check(float f, bool inf_ok)
{
	if (isnan(f))
		return IS_E_NAN;
	if (f < 0)
		return IS_E_NEGATIVE;
	if (isinf(f) && !inf_ok)
		return IS_E_INFINITE;
	return IS_OK;
}

/*
 * RFC 2215 3.6: r and b are finite and non-negative; p may also be
 * +infinity, which means the peak rate is unknown or unbounded; p >= r
 * and m <= M are the token bucket's own consistency rules.
 */
enum is_reason
is_tspec_check(const struct is_tspec *t)
{
	enum is_reason rc;

	if ((rc = is_float_check(t->rate, false)) != IS_OK ||
	    (rc = is_float_check(t->bucket, false)) != IS_OK ||
	    (rc = is_float_check(t->peak, true)) != IS_OK)
		return rc;
	if (t->min_unit > t->max_size)
		return IS_E_MIN_GT_MAX;
	if (t->peak < t->rate)
		return IS_E_PEAK_LT_RATE;
	return IS_OK;
}

/*
 * RFC 2212 (Invocation Information): R is a rate in bytes/s, finite and
 * non-negative.  "R >= r" is left to admission control: a FLOWSPEC with
 * R < r is well-formed and is refused there, with the reason, rather
 * than here.
 */
enum is_reason
is_rspec_check(const struct is_rspec *r)
{
	return is_float_check(r->rate, false);
}

int
is_tspec_param_read(struct is_dec *d, const struct is_param *p,
    struct is_tspec *t)
{
	uint32_t v[5];
	enum is_reason rc;

	if (is_param_words(d, p, v, 5) == -1)
		return -1;
	t->rate = is_float_from_bits(v[0]);
	t->bucket = is_float_from_bits(v[1]);
	t->peak = is_float_from_bits(v[2]);
	t->min_unit = v[3];
	t->max_size = v[4];
	if ((rc = is_tspec_check(t)) != IS_OK)
		return is_fail(d, rc, p->at);
	return 0;
}

bool
is_tspec_param_write(struct writer *w, const struct is_tspec *t)
{
	is_param_hdr(w, IS_PARAM_TOKEN_BUCKET, 0, 5);
	is_w_float(w, t->rate);
	is_w_float(w, t->bucket);
	is_w_float(w, t->peak);
	w_u32(w, t->min_unit);
	return w_u32(w, t->max_size);
}

int
is_rspec_param_read(struct is_dec *d, const struct is_param *p,
    struct is_rspec *r)
{
	uint32_t v[2];
	enum is_reason rc;

	if (is_param_words(d, p, v, 2) == -1)
		return -1;
	r->rate = is_float_from_bits(v[0]);
	r->slack = v[1];
	if ((rc = is_rspec_check(r)) != IS_OK)
		return is_fail(d, rc, p->at);
	return 0;
}

bool
is_rspec_param_write(struct writer *w, const struct is_rspec *r)
{
	is_param_hdr(w, IS_PARAM_GUAR_RSPEC, 0, 2);
	is_w_float(w, r->rate);
	return w_u32(w, r->slack);
}
