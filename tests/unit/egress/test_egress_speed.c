#include <errno.h>

#include "demux/egress_htb.h"
#include "suites.h"

static void
veth_up(void)
{
	sh("(ip link del egrs0 2>/dev/null; true) && "
	    "ip link add egrs0 type veth peer name egrs1");
}

static void
veth_down(void)
{
	sh("ip link del egrs0");
}

START_TEST(veth_up_reports_speed)
{
	uint64_t rate = 0;

	sh("ip link set egrs0 up && ip link set egrs1 up");
	/* veth says 10000 Mb/s once it is up. */
	ck_assert_int_eq(egress_link_speed("egrs0", &rate), 0);
	ck_assert_uint_eq(rate, UINT64_C(10000) * 1000000 / 8);
}
END_TEST

START_TEST(down_link_has_no_speed)
{
	uint64_t rate = 7;

	ck_assert_int_eq(egress_link_speed("egrs0", &rate), -ENODATA);
	ck_assert_uint_eq(rate, 7);
}
END_TEST

START_TEST(missing_link_has_no_speed)
{
	uint64_t rate = 7;

	ck_assert_int_eq(egress_link_speed("egrnone", &rate), -ENODATA);
	ck_assert_int_eq(egress_link_speed(
	    "egr-a-name-much-longer-than-any-path-should-ever-be-allowed-to-"
	    "be-in-sysfs-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	    &rate), -ENAMETOOLONG);
}
END_TEST

Suite *
egress_speed_suite(void)
{
	Suite *s = suite_create("egress_speed");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, veth_up, veth_down);
	tcase_add_test(tc, veth_up_reports_speed);
	tcase_add_test(tc, down_link_has_no_speed);
	tcase_add_test(tc, missing_link_has_no_speed);
	suite_add_tcase(s, tc);
	return s;
}
