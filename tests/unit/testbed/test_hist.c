#include <stdlib.h>

#include "testbed/traffic/hist.h"
#include "suites.h"

static struct tr_hist *
new_hist(void)
{
	struct tr_hist *h = malloc(sizeof(*h));

	ck_assert_ptr_nonnull(h);
	tr_hist_init(h);
	return h;
}

START_TEST(buckets_tile_the_line)
{
	unsigned i;

	/* Every bucket starts right after the one before, and is at most
	 * 1/64 of its values wide. */
	ck_assert_uint_eq(tr_hist_bucket_low(0), 0);
	for (i = 1; i < TR_HIST_BUCKETS - 1; i++) {
		ck_assert_uint_eq(tr_hist_bucket_low(i),
		    tr_hist_bucket_high(i - 1) + 1);
		ck_assert_uint_eq(tr_hist_bucket(tr_hist_bucket_low(i)), i);
		ck_assert_uint_eq(tr_hist_bucket(tr_hist_bucket_high(i)), i);
		ck_assert(tr_hist_bucket_high(i) - tr_hist_bucket_low(i) <=
		    tr_hist_bucket_low(i) / 64);
	}
	ck_assert_uint_eq(tr_hist_bucket(63), 63);
	ck_assert_uint_eq(tr_hist_bucket(64), 64);
	ck_assert_uint_eq(tr_hist_bucket(UINT64_MAX), TR_HIST_BUCKETS - 1);
	ck_assert_uint_eq(tr_hist_bucket(1ull << 50), TR_HIST_BUCKETS - 1);
}
END_TEST

START_TEST(quantiles_of_a_uniform_spread)
{
	struct tr_hist *h = new_hist();
	uint64_t v, q;

	/* 1..100000 us: p50 ~ 50 ms, p99 ~ 99 ms, p99.9 ~ 99.9 ms. */
	for (v = 1; v <= 100000; v++)
		tr_hist_add(h, v * 1000);
	ck_assert_uint_eq(h->count, 100000);
	ck_assert_uint_eq(h->min, 1000);
	ck_assert_uint_eq(h->max, 100000000);
	q = tr_hist_quantile(h, 0.5);
	ck_assert(q >= 50000000 && q <= 50000000 + 50000000 / 64);
	q = tr_hist_quantile(h, 0.99);
	ck_assert(q >= 99000000 && q <= 99000000 + 99000000 / 64);
	q = tr_hist_quantile(h, 0.999);
	ck_assert(q >= 99900000 && q <= 100000000);
	ck_assert_uint_eq(tr_hist_quantile(h, 1.0), 100000000);
	ck_assert_double_eq_tol(tr_hist_mean(h), 50000500.0, 0.5);
	free(h);
}
END_TEST

START_TEST(quantiles_stay_within_min_and_max)
{
	struct tr_hist *h = new_hist();
	int i;

	ck_assert_uint_eq(tr_hist_quantile(h, 0.5), 0);	/* empty */
	ck_assert_double_eq(tr_hist_mean(h), 0);
	for (i = 0; i < 10; i++)
		tr_hist_add(h, 1000001);	/* inside a wide bucket */
	ck_assert_uint_eq(tr_hist_quantile(h, 0.5), 1000001);
	ck_assert_uint_eq(tr_hist_quantile(h, 0.0), 1000001);
	/* One outlier in 1000 moves p99.9 but not p99. */
	for (i = 0; i < 989; i++)
		tr_hist_add(h, 10);
	tr_hist_add(h, 5000000000ull);
	ck_assert_uint_le(tr_hist_quantile(h, 0.99), 1000001 + 1000001 / 64);
	/* 1000001 is in [999424, 1007615]: 2^19 cut in 64. */
	ck_assert_uint_eq(tr_hist_quantile(h, 0.999), 1007615);
	ck_assert_uint_eq(tr_hist_quantile(h, 1), 5000000000ull);
	free(h);
}
END_TEST

START_TEST(small_values_are_exact)
{
	struct tr_hist *h = new_hist();
	uint64_t v;

	for (v = 0; v < 100; v++)
		tr_hist_add(h, v);
	ck_assert_uint_eq(tr_hist_quantile(h, 0.5), 49);
	ck_assert_uint_eq(tr_hist_quantile(h, 0.01), 0);
	ck_assert_uint_eq(tr_hist_quantile(h, 0.6), 59);
	free(h);
}
END_TEST

Suite *
hist_suite(void)
{
	Suite *s = suite_create("hist");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, buckets_tile_the_line);
	tcase_add_test(tc, quantiles_of_a_uniform_spread);
	tcase_add_test(tc, quantiles_stay_within_min_and_max);
	tcase_add_test(tc, small_values_are_exact);
	suite_add_tcase(s, tc);
	return s;
}
