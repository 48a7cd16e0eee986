/*
 * dom0/calibrate.c without root: the defaults, and the refusals that
 * come before anything is made (bad parameters, no routelet program).
 * The measurement itself is tests/integration/calibrate.sh.
 */
#include <errno.h>
#include <string.h>

#include "dom0/calibrate.h"
#include "suites.h"

START_TEST(defaults)
{
	struct calib_params p;

	calib_params_default(&p);
	ck_assert_str_eq(p.routelet, "quasar-routelet");
	ck_assert_str_eq(p.ip, "ip");
	ck_assert_uint_eq(p.seconds, 3);
	ck_assert_uint_eq(p.frame_len, 64);
	ck_assert_uint_eq(p.rate, 50000);
}
END_TEST

START_TEST(refuses_params)
{
	struct calib_params p;
	struct calib_result r;
	char err[160];

	calib_params_default(&p);
	p.seconds = 0;
	ck_assert_int_eq(calibrate_run(&p, &r, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "seconds 1-"));
	calib_params_default(&p);
	p.frame_len = CALIB_FRAME_MAX + 1;
	ck_assert_int_eq(calibrate_run(&p, &r, err, sizeof(err)), -EINVAL);
	calib_params_default(&p);
	p.rate = 0;
	ck_assert_int_eq(calibrate_run(&p, &r, err, sizeof(err)), -EINVAL);
	calib_params_default(&p);
	p.seconds = CALIB_SECONDS_MAX + 1;
	ck_assert_int_eq(calibrate_run(&p, &r, err, sizeof(err)), -EINVAL);
}
END_TEST

START_TEST(refuses_missing_routelet)
{
	struct calib_params p;
	struct calib_result r;
	char err[160];

	calib_params_default(&p);
	p.routelet = "/nonexistent/quasar-routelet";
	ck_assert_int_eq(calibrate_run(&p, &r, err, sizeof(err)), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/quasar-routelet"));
	p.routelet = "no-such-quasar-routelet";
	ck_assert_int_eq(calibrate_run(&p, &r, err, sizeof(err)), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err, "no-such-quasar-routelet"));
}
END_TEST

Suite *
calibrate_run_suite(void)
{
	Suite *s = suite_create("calibrate_run");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, refuses_params);
	tcase_add_test(tc, refuses_missing_routelet);
	suite_add_tcase(s, tc);
	return s;
}
