#include "routelet/policer.h"
#include "suites.h"

#define MS	1000000ull
#define SEC	1000000000ull

static const struct policer_params tb = {
	.rate = 1000, .bucket = 3000, .peak = POLICER_RATE_INF,
	.min_unit = 100, .max_size = 1500,
};

START_TEST(burst_then_rate)
{
	struct policer p;
	uint64_t t = 5 * SEC;
	int i;

	policer_init(&p, &tb, t);
	/* A full bucket passes b bytes at once, and no more. */
	for (i = 0; i < 3; i++)
		ck_assert(policer_conform(&p, 1000, t));
	ck_assert(!policer_conform(&p, 1000, t));
	/* Then r bytes per second: 1000 bytes after a second, not before. */
	ck_assert(!policer_conform(&p, 1000, t + 999 * MS));
	ck_assert(policer_conform(&p, 1000, t + SEC));
	ck_assert(!policer_conform(&p, 500, t + SEC + 400 * MS));
	ck_assert(policer_conform(&p, 500, t + SEC + 500 * MS));
}
END_TEST

START_TEST(bucket_never_overfills)
{
	struct policer p;

	policer_init(&p, &tb, 0);
	ck_assert(policer_conform(&p, 1000, 0));
	/* An hour idle refills to b, not to r * 3600. */
	ck_assert(policer_conform(&p, 1500, 3600 * SEC));
	ck_assert(policer_conform(&p, 1500, 3600 * SEC));
	ck_assert(!policer_conform(&p, 100, 3600 * SEC));
}
END_TEST

START_TEST(small_packets_count_as_m)
{
	struct policer p;
	int i;

	policer_init(&p, &tb, 0);
	/* 3000 bytes of bucket hold 30 packets of m = 100 bytes, not 3000. */
	for (i = 0; i < 30; i++)
		ck_assert(policer_conform(&p, 1, 0));
	ck_assert(!policer_conform(&p, 1, 0));
	ck_assert(policer_conform(&p, 1, 100 * MS));
}
END_TEST

START_TEST(larger_than_M_never_conforms)
{
	struct policer p;

	policer_init(&p, &tb, 0);
	ck_assert(!policer_conform(&p, 1501, 0));
	/* And takes no tokens. */
	ck_assert(policer_conform(&p, 1500, 0));
	ck_assert(policer_conform(&p, 1500, 0));
}
END_TEST

START_TEST(peak_rate_limits_bursts)
{
	struct policer_params pk = tb;
	struct policer p;

	pk.peak = 10000;	/* 1500 bytes every 150 ms at most */
	policer_init(&p, &pk, 0);
	ck_assert(policer_conform(&p, 1500, 0));
	/* The token bucket has 1500 left, but the peak bucket is empty. */
	ck_assert(!policer_conform(&p, 1500, 100 * MS));
	ck_assert(policer_conform(&p, 1500, 150 * MS));
	/* Now the token bucket is what stops it: 150 + 150 bytes refilled. */
	ck_assert(!policer_conform(&p, 1500, 300 * MS));
}
END_TEST

START_TEST(clock_going_back_adds_nothing)
{
	struct policer p;

	policer_init(&p, &tb, 10 * SEC);
	ck_assert(policer_conform(&p, 1500, 10 * SEC));
	ck_assert(policer_conform(&p, 1500, 10 * SEC));
	ck_assert(!policer_conform(&p, 100, 1 * SEC));
	ck_assert(!policer_conform(&p, 100, 10 * SEC + 99 * MS));
	ck_assert(policer_conform(&p, 100, 10 * SEC + 100 * MS));
}
END_TEST

START_TEST(largest_values_do_not_overflow)
{
	struct policer_params big = {
		.rate = POLICER_RATE_MAX, .bucket = POLICER_BUCKET_MAX,
		.peak = POLICER_RATE_MAX, .min_unit = 0, .max_size = 65535,
	};
	struct policer p;

	policer_init(&p, &big, 0);
	ck_assert(policer_conform(&p, 65535, 0));
	ck_assert(policer_conform(&p, 65535, UINT64_MAX));
	/* The peak bucket holds one M, even after the longest wait. */
	ck_assert(!policer_conform(&p, 1, UINT64_MAX));
}
END_TEST

Suite *
policer_suite(void)
{
	Suite *s = suite_create("policer");
	TCase *tc = tcase_create("token bucket");

	tcase_add_test(tc, burst_then_rate);
	tcase_add_test(tc, bucket_never_overfills);
	tcase_add_test(tc, small_packets_count_as_m);
	tcase_add_test(tc, larger_than_M_never_conforms);
	tcase_add_test(tc, peak_rate_limits_bursts);
	tcase_add_test(tc, clock_going_back_adds_nothing);
	tcase_add_test(tc, largest_values_do_not_overflow);
	suite_add_tcase(s, tc);
	return s;
}
