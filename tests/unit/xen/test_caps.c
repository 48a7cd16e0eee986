#include <errno.h>

#include "dom0/pool_xen_local.h"
#include "suites.h"

START_TEST(cap_from_quota)
{
	ck_assert_uint_eq(xen_caps_cap_pct(0, 100000), 0);
	ck_assert_uint_eq(xen_caps_cap_pct(20000, 0), 0);
	ck_assert_uint_eq(xen_caps_cap_pct(20000, 100000), 20);
	ck_assert_uint_eq(xen_caps_cap_pct(5000, 10000), 50);
	/* rounded up: never less than the quota */
	ck_assert_uint_eq(xen_caps_cap_pct(1, 100000), 1);
	ck_assert_uint_eq(xen_caps_cap_pct(20001, 100000), 21);
	/* one vCPU: at most one CPU */
	ck_assert_uint_eq(xen_caps_cap_pct(150000, 100000), 100);
	ck_assert_uint_eq(xen_caps_cap_pct(UINT32_MAX, 1), 100);
}
END_TEST

START_TEST(weight_from_cap)
{
	ck_assert_uint_eq(xen_caps_weight(0), 256);
	/* share w / (w + 256) = cap against one default domain */
	ck_assert_uint_eq(xen_caps_weight(20), 64);
	ck_assert_uint_eq(xen_caps_weight(50), 256);
	ck_assert_uint_eq(xen_caps_weight(1), 2);
	ck_assert_uint_eq(xen_caps_weight(99), 25344);
	ck_assert_uint_eq(xen_caps_weight(100), 65535);
}
END_TEST

START_TEST(memory_target)
{
	const uint64_t guest = 71072;	/* measured: 96 MiB booted, 27232 free */

	/* no cap: all of it */
	ck_assert_uint_eq(xen_caps_mem_kb(0, 96, guest), 96 * 1024);
	/* the guest + the cap + the margin */
	ck_assert_uint_eq(xen_caps_mem_kb(12649948, 96, guest),
	    guest + 12354 + XEN_MEMORY_MARGIN_KB);
	ck_assert_uint_eq(xen_caps_mem_kb(10ull << 20, 256, guest),
	    guest + 10240 + XEN_MEMORY_MARGIN_KB);
	/* never above what the domain booted with */
	ck_assert_uint_eq(xen_caps_mem_kb(80ull << 20, 96, guest), 96 * 1024);
	ck_assert_uint_eq(xen_caps_mem_kb(UINT64_MAX, 96, guest), 96 * 1024);
	/* a guest not yet measured, or one that takes it all: no balloon */
	ck_assert_uint_eq(xen_caps_mem_kb(1ull << 20, 96, 0), 96 * 1024);
	ck_assert_uint_eq(xen_caps_mem_kb(1ull << 20, 96, 96 * 1024),
	    96 * 1024);
	ck_assert_uint_eq(xen_caps_mem_kb(1ull << 20, 96, 200 * 1024),
	    96 * 1024);
}
END_TEST

START_TEST(cpusets)
{
	uint64_t m = 1;

	ck_assert_int_eq(xen_caps_cpuset("", &m), 0);
	ck_assert_uint_eq(m, 0);
	ck_assert_int_eq(xen_caps_cpuset("0-1,3", &m), 0);
	ck_assert_uint_eq(m, 0xb);
	ck_assert_int_eq(xen_caps_cpuset("63", &m), 0);
	ck_assert_uint_eq(m, 1ull << 63);
	m = 5;
	ck_assert_int_eq(xen_caps_cpuset("3-1", &m), -EINVAL);
	ck_assert_int_eq(xen_caps_cpuset("64", &m), -EINVAL);
	ck_assert_int_eq(xen_caps_cpuset("1,", &m), -EINVAL);
	ck_assert_int_eq(xen_caps_cpuset("1-", &m), -EINVAL);
	ck_assert_int_eq(xen_caps_cpuset("a", &m), -EINVAL);
	ck_assert_int_eq(xen_caps_cpuset("1 2", &m), -EINVAL);
	ck_assert_uint_eq(m, 5);	/* untouched on failure */
}
END_TEST

Suite *
caps_suite(void)
{
	Suite *s = suite_create("caps");
	TCase *tc = tcase_create("arithmetic");

	tcase_add_test(tc, cap_from_quota);
	tcase_add_test(tc, weight_from_cap);
	tcase_add_test(tc, memory_target);
	tcase_add_test(tc, cpusets);
	suite_add_tcase(s, tc);
	return s;
}
