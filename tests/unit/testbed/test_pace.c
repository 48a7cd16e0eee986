#include "testbed/traffic/pace.h"
#include "suites.h"

#define MS	1000000ull

START_TEST(constant_rate)
{
	struct tr_pace p = { .rate_pps = 1000 };

	ck_assert_uint_eq(tr_pace_due(&p, 0), 0);
	ck_assert_uint_eq(tr_pace_due(&p, 1), MS);
	ck_assert_uint_eq(tr_pace_due(&p, 1500), 1500 * MS);
	ck_assert_uint_eq(tr_pace_count(&p, 1000 * MS), 1000);
	ck_assert_uint_eq(tr_pace_count(&p, 1000 * MS + 1), 1001);
	ck_assert_uint_eq(tr_pace_count(&p, 0), 0);
	p.rate_pps = 3;		/* not a divisor of 1e9 */
	ck_assert_uint_eq(tr_pace_due(&p, 1), 333333333);
	ck_assert_uint_eq(tr_pace_due(&p, 4), 1333333333);
	ck_assert_uint_eq(tr_pace_count(&p, 10000 * MS), 30);
}
END_TEST

START_TEST(on_off_bursts)
{
	/* 1000 pps for 10 ms, then 40 ms of silence: 10 packets a burst. */
	struct tr_pace p = { .rate_pps = 1000, .on_ns = 10 * MS,
	    .off_ns = 40 * MS };
	uint64_t k;

	for (k = 0; k < 10; k++)
		ck_assert_uint_eq(tr_pace_due(&p, k), k * MS);
	ck_assert_uint_eq(tr_pace_due(&p, 10), 50 * MS);
	ck_assert_uint_eq(tr_pace_due(&p, 25), 105 * MS);
	ck_assert_uint_eq(tr_pace_count(&p, 10 * MS), 10);
	ck_assert_uint_eq(tr_pace_count(&p, 49 * MS), 10);
	ck_assert_uint_eq(tr_pace_count(&p, 50 * MS + 1), 11);
	ck_assert_uint_eq(tr_pace_count(&p, 1000 * MS), 200);
	/* Counting and scheduling agree everywhere. */
	for (k = 0; k < 100; k++) {
		ck_assert_uint_eq(tr_pace_count(&p, tr_pace_due(&p, k)), k);
		ck_assert_uint_eq(tr_pace_count(&p, tr_pace_due(&p, k) + 1),
		    k + 1);
	}
}
END_TEST

Suite *
pace_suite(void)
{
	Suite *s = suite_create("pace");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, constant_rate);
	tcase_add_test(tc, on_off_bursts);
	suite_add_tcase(s, tc);
	return s;
}
