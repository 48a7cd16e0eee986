#include <math.h>

#include "flowspec/intserv.h"
#include "suites.h"

static const struct is_tspec good = { 125000, 4096, 250000, 64, 1500 };

START_TEST(good_tspec_passes)
{
	struct is_tspec t = good;

	ck_assert_int_eq(is_tspec_check(&t), IS_OK);
	/* Zeroes are fine: an idle flow. */
	t = (struct is_tspec){ 0, 0, 0, 0, 0 };
	ck_assert_int_eq(is_tspec_check(&t), IS_OK);
	/* p = +infinity: no peak rate (RFC 2215 3.6). */
	t = good;
	t.peak = INFINITY;
	ck_assert_int_eq(is_tspec_check(&t), IS_OK);
	/* m == M is allowed. */
	t = good;
	t.min_unit = t.max_size;
	ck_assert_int_eq(is_tspec_check(&t), IS_OK);
	/* -0 is not below zero. */
	t = good;
	t.bucket = -0.0f;
	ck_assert_int_eq(is_tspec_check(&t), IS_OK);
}
END_TEST

/* One row per rule: a field set to a bad value and the reason. */
struct bad_row {
	const char	*what;
	struct is_tspec	 t;
	enum is_reason	 want;
};

START_TEST(each_rule_is_enforced)
{
	static const struct bad_row rows[] = {
		{ "r NaN", { NAN, 4096, 250000, 64, 1500 }, IS_E_NAN },
		{ "b NaN", { 1, NAN, 250000, 64, 1500 }, IS_E_NAN },
		{ "p NaN", { 1, 4096, NAN, 64, 1500 }, IS_E_NAN },
		{ "r < 0", { -1, 4096, 250000, 64, 1500 }, IS_E_NEGATIVE },
		{ "b < 0", { 1, -1e-30f, 250000, 64, 1500 }, IS_E_NEGATIVE },
		{ "p < 0", { 0, 4096, -5, 64, 1500 }, IS_E_NEGATIVE },
		{ "p -inf", { 0, 4096, -INFINITY, 64, 1500 }, IS_E_NEGATIVE },
		{ "r inf", { INFINITY, 4096, INFINITY, 64, 1500 },
		    IS_E_INFINITE },
		{ "b inf", { 1, INFINITY, 250000, 64, 1500 }, IS_E_INFINITE },
		{ "m > M", { 1, 4096, 250000, 1501, 1500 }, IS_E_MIN_GT_MAX },
		{ "p < r", { 250001, 4096, 250000, 64, 1500 },
		    IS_E_PEAK_LT_RATE },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert_msg(is_tspec_check(&rows[i].t) == rows[i].want,
		    "%s: got %s", rows[i].what,
		    is_reason_str(is_tspec_check(&rows[i].t)));
}
END_TEST

START_TEST(rspec_rules)
{
	struct is_rspec r = { 250000, 0 };

	ck_assert_int_eq(is_rspec_check(&r), IS_OK);
	r.slack = 0xffffffffU;
	ck_assert_int_eq(is_rspec_check(&r), IS_OK);
	r.rate = NAN;
	ck_assert_int_eq(is_rspec_check(&r), IS_E_NAN);
	r.rate = -1;
	ck_assert_int_eq(is_rspec_check(&r), IS_E_NEGATIVE);
	r.rate = INFINITY;
	ck_assert_int_eq(is_rspec_check(&r), IS_E_INFINITE);
}
END_TEST

Suite *
tspec_suite(void)
{
	Suite *s = suite_create("tspec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, good_tspec_passes);
	tcase_add_test(tc, each_rule_is_enforced);
	tcase_add_test(tc, rspec_rules);
	suite_add_tcase(s, tc);
	return s;
}
