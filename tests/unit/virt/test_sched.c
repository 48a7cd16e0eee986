/*
 * dom0/pool_virt_sched.c: the scheduler parameters for each scheduler
 * type libvirt's drivers report, and cpu lists as cpumaps.
 */
#include <errno.h>
#include <string.h>

#include "dom0/pool_virt_local.h"
#include "suites.h"

static virTypedParameterPtr p;
static int n;

/* libvirt's calls need it first (its thread-local errors) */
static void
init_libvirt(void)
{
	ck_assert_int_eq(virInitialize(), 0);
}

static void
teardown(void)
{
	virTypedParamsFree(p, n);
	p = NULL;
	n = 0;
}

static struct pool_caps
caps_of(uint32_t quota, uint32_t period)
{
	struct pool_caps c;

	memset(&c, 0, sizeof(c));
	c.cpu_quota_us = quota;
	c.cpu_period_us = period;
	return c;
}

/* LXC's "posix": the CFS quota and period as they are. */
START_TEST(test_posix)
{
	struct pool_caps c = caps_of(20000, 50000);
	unsigned long long period;
	long long quota;

	ck_assert_int_eq(virt_sched_params("posix", &c, 256, &p, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(virTypedParamsGetULLong(p, n,
	    VIR_DOMAIN_SCHEDULER_VCPU_PERIOD, &period), 1);
	ck_assert_int_eq(virTypedParamsGetLLong(p, n,
	    VIR_DOMAIN_SCHEDULER_VCPU_QUOTA, &quota), 1);
	ck_assert_uint_eq(period, 50000);
	ck_assert_int_eq(quota, 20000);
}
END_TEST

/* No quota lifts it (-1) with the default period. */
START_TEST(test_posix_lift)
{
	struct pool_caps c = caps_of(0, 0);
	unsigned long long period;
	long long quota;

	ck_assert_int_eq(virt_sched_params("posix", &c, 256, &p, &n), 0);
	ck_assert_int_eq(virTypedParamsGetULLong(p, n,
	    VIR_DOMAIN_SCHEDULER_VCPU_PERIOD, &period), 1);
	ck_assert_int_eq(virTypedParamsGetLLong(p, n,
	    VIR_DOMAIN_SCHEDULER_VCPU_QUOTA, &quota), 1);
	ck_assert_uint_eq(period, 100000);
	ck_assert_int_eq(quota, -1);
}
END_TEST

/* Xen's credit: cap in percent of one CPU, rounded up; the weight. */
START_TEST(test_credit)
{
	const struct { uint32_t q, per; unsigned cap; } v[] = {
		{ 20000, 100000, 20 }, { 20001, 100000, 21 },
		{ 1, 100000, 1 }, { 150000, 100000, 150 },
		{ 5000, 0, 5 }, { 0, 100000, 0 },
	};
	unsigned cap, weight;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct pool_caps c = caps_of(v[i].q, v[i].per);

		ck_assert_int_eq(virt_sched_params(i % 2 ? "credit2" : "credit",
		    &c, 512, &p, &n), 0);
		ck_assert_int_eq(virTypedParamsGetUInt(p, n,
		    VIR_DOMAIN_SCHEDULER_CAP, &cap), 1);
		ck_assert_int_eq(virTypedParamsGetUInt(p, n,
		    VIR_DOMAIN_SCHEDULER_WEIGHT, &weight), 1);
		ck_assert_uint_eq(cap, v[i].cap);
		ck_assert_uint_eq(weight, 512);
		teardown();
	}
}
END_TEST

/* A weight alone caps nothing: a quota is refused, no quota is nothing. */
START_TEST(test_weight_only)
{
	struct pool_caps c = caps_of(20000, 100000);

	ck_assert_int_eq(virt_sched_params("fair", &c, 256, &p, &n), -ENOTSUP);
	ck_assert_int_eq(n, 0);
	c = caps_of(0, 0);
	ck_assert_int_eq(virt_sched_params("fair", &c, 256, &p, &n), 0);
	ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_cpumap)
{
	unsigned char map[2];

	ck_assert_int_eq(virt_cpumap("0", map, sizeof(map)), 0);
	ck_assert_uint_eq(map[0], 0x01);
	ck_assert_int_eq(virt_cpumap("1-3,8,15", map, sizeof(map)), 0);
	ck_assert_uint_eq(map[0], 0x0e);
	ck_assert_uint_eq(map[1], 0x81);
	ck_assert_int_eq(virt_cpumap("0-15", map, sizeof(map)), 0);
	ck_assert_uint_eq(map[0], 0xff);
	ck_assert_uint_eq(map[1], 0xff);
}
END_TEST

START_TEST(test_cpumap_bad)
{
	const char *bad[] = { "", "16", "0-16", "3-1", "1,", ",1", "1--2",
	    "a", "1 2", "-1", "0-", "99999999999" };
	unsigned char map[2];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(virt_cpumap(bad[i], map, sizeof(map)) == -EINVAL,
		    "'%s' accepted", bad[i]);
}
END_TEST

Suite *
virt_sched_suite(void)
{
	Suite *s = suite_create("virt_sched");
	TCase *tc = tcase_create("sched");

	tcase_add_unchecked_fixture(tc, init_libvirt, NULL);
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_posix);
	tcase_add_test(tc, test_posix_lift);
	tcase_add_test(tc, test_credit);
	tcase_add_test(tc, test_weight_only);
	tcase_add_test(tc, test_cpumap);
	tcase_add_test(tc, test_cpumap_bad);
	suite_add_tcase(s, tc);
	return s;
}
