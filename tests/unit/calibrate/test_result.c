/*
 * dom0/calibrate_result.c: the arithmetic from two samples and the checks
 * a stored result must pass.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dom0/calibrate.h"
#include "suites.h"

static const struct calib_sample a0 = {
	.wall_ns = 1000000000ull, .cpu_ns = 500000000ull, .frames = 1000,
};

START_TEST(compute_divides)
{
	struct calib_sample b = {
		.wall_ns = 3000000000ull,
		.cpu_ns = 500000000ull + 170000000ull,
		.frames = 101000,
	};
	struct calib_result r;

	ck_assert_int_eq(calib_result_compute(&a0, &b, 64, &r), 0);
	ck_assert_uint_eq(r.frames, 100000);
	ck_assert_uint_eq(r.frame_len, 64);
	ck_assert_double_eq_tol(r.seconds, 2.0, 1e-12);
	ck_assert_double_eq_tol(r.cpu_seconds, 0.17, 1e-12);
	ck_assert_double_eq_tol(r.pkt_cost_ns, 1700.0, 1e-9);
	ck_assert_int_eq(calib_result_check(&r), 0);
}
END_TEST

START_TEST(compute_large_counters)
{
	struct calib_sample a = {
		.wall_ns = UINT64_MAX - 2000000000ull,
		.cpu_ns = UINT64_MAX - 1000,
		.frames = UINT64_MAX - 4,
	};
	struct calib_sample b = {
		.wall_ns = UINT64_MAX, .cpu_ns = UINT64_MAX,
		.frames = UINT64_MAX,
	};
	struct calib_result r;

	/* differences are taken before any conversion: nothing is lost */
	ck_assert_int_eq(calib_result_compute(&a, &b, 1514, &r), 0);
	ck_assert_uint_eq(r.frames, 4);
	ck_assert_double_eq_tol(r.pkt_cost_ns, 250.0, 1e-9);
	ck_assert_double_eq_tol(r.seconds, 2.0, 1e-12);
}
END_TEST

START_TEST(compute_refuses)
{
	struct calib_result r, keep;
	struct calib_sample b;

	memset(&keep, 0x5a, sizeof(keep));
	r = keep;
	b = a0;
	b.wall_ns += 1000000000ull;
	b.cpu_ns += 1000;
	b.frames += 10;
	/* frame lengths out of range */
	ck_assert_int_eq(calib_result_compute(&a0, &b, 59, &r), -EINVAL);
	ck_assert_int_eq(calib_result_compute(&a0, &b, 1515, &r), -EINVAL);
	/* a counter or a clock going back: the routelet restarted */
	b.frames = a0.frames - 1;
	ck_assert_int_eq(calib_result_compute(&a0, &b, 64, &r), -EINVAL);
	b.frames = a0.frames + 10;
	b.cpu_ns = a0.cpu_ns - 1;
	ck_assert_int_eq(calib_result_compute(&a0, &b, 64, &r), -EINVAL);
	b.cpu_ns = a0.cpu_ns + 1000;
	b.wall_ns = a0.wall_ns;
	ck_assert_int_eq(calib_result_compute(&a0, &b, 64, &r), -EINVAL);
	/* nothing forwarded, or no CPU charged: nothing to divide */
	b.wall_ns = a0.wall_ns + 1;
	b.frames = a0.frames;
	ck_assert_int_eq(calib_result_compute(&a0, &b, 64, &r), -ENODATA);
	b.frames = a0.frames + 10;
	b.cpu_ns = a0.cpu_ns;
	ck_assert_int_eq(calib_result_compute(&a0, &b, 64, &r), -ENODATA);
	/* the result is written only on success */
	ck_assert_mem_eq(&r, &keep, sizeof(r));
}
END_TEST

/* A valid result: 100,000 frames at 1.7 us in 2 s. */
static struct calib_result
good(void)
{
	struct calib_result r = {
		.pkt_cost_ns = 1700.0, .frame_len = 64, .frames = 100000,
		.seconds = 2.0, .cpu_seconds = 0.17,
	};

	return r;
}

START_TEST(check_ranges)
{
	struct calib_result r;

	r = good();
	ck_assert_int_eq(calib_result_check(&r), 0);
	/* consistent within 1e-3 */
	r.pkt_cost_ns = 1700.0 * (1 + 5e-4);
	ck_assert_int_eq(calib_result_check(&r), 0);
	r.pkt_cost_ns = 1700.0 * (1 + 2e-3);
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	r = good();
	r.pkt_cost_ns = NAN;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	r = good();
	r.cpu_seconds = INFINITY;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	r = good();
	r.seconds = -2.0;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	r = good();
	r.frames = 0;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	r = good();
	r.frame_len = 1515;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	r = good();
	r.frame_len = 59;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	/* a CPU time too small to be printed is no measurement */
	r = good();
	r.cpu_seconds = 1e-7;
	r.pkt_cost_ns = 1e-7 * 1e9 / 100000;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
	/* over a second per frame */
	r = good();
	r.frames = 1;
	r.cpu_seconds = 2.0;
	r.pkt_cost_ns = 2e9;
	ck_assert_int_eq(calib_result_check(&r), -EINVAL);
}
END_TEST

Suite *
calibrate_result_suite(void)
{
	Suite *s = suite_create("calibrate_result");
	TCase *tc = tcase_create("arithmetic");

	tcase_add_test(tc, compute_divides);
	tcase_add_test(tc, compute_large_counters);
	tcase_add_test(tc, compute_refuses);
	tcase_add_test(tc, check_ranges);
	suite_add_tcase(s, tc);
	return s;
}
