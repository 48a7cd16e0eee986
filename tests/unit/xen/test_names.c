/*
 * What list and the death watch decide from names and domain lists:
 * which domains are routelets (dom0/pool_xen.c) and which watched
 * routelets are still alive (dom0/pool_xen_watch.c).
 */
#include <string.h>

#include "dom0/pool_xen_local.h"
#include "suites.h"

START_TEST(routelet_names)
{
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-3"), 3);
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-0"), 0);
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-4095"), 4095);
	/* the harness's own domain, prefixes, other domains */
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-test"), -1);
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-"), -1);
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-3a"), -1);
	ck_assert_int_eq(xen_id_of("quasar-rl-", "Domain-0"), -1);
	ck_assert_int_eq(xen_id_of("quasar-rl-", "x-quasar-rl-3"), -1);
	/* one spelling per id, and no overflow */
	ck_assert_int_eq(xen_id_of("quasar-rl-", "quasar-rl-03"), -1);
	ck_assert_int_eq(xen_id_of("quasar-rl-",
	    "quasar-rl-99999999999999999999"), -1);
}
END_TEST

static struct xen_rl rl;
static libxl_dominfo doms[3];

static void
setup(void)
{
	int i;

	memset(&rl, 0, sizeof(rl));
	rl.domid = 7;
	libxl_uuid_generate(&rl.uuid);
	for (i = 0; i < 3; i++) {
		libxl_dominfo_init(&doms[i]);
		doms[i].domid = (uint32_t)i * 7;	/* 0, 7, 14 */
		libxl_uuid_generate(&doms[i].uuid);
	}
	libxl_uuid_copy(NULL, &doms[1].uuid, &rl.uuid);
}

static void
teardown(void)
{
	int i;

	for (i = 0; i < 3; i++)
		libxl_dominfo_dispose(&doms[i]);
}

START_TEST(alive_while_listed)
{
	ck_assert(xen_watch_alive_in(&rl, doms, 3));
	doms[1].blocked = true;		/* idle is alive */
	ck_assert(xen_watch_alive_in(&rl, doms, 3));
}
END_TEST

START_TEST(dead_when_gone)
{
	ck_assert(!xen_watch_alive_in(&rl, doms, 1));
	doms[1].domid = 8;
	ck_assert(!xen_watch_alive_in(&rl, doms, 3));
}
END_TEST

START_TEST(dead_when_domid_reused)
{
	libxl_uuid_generate(&doms[1].uuid);
	ck_assert(!xen_watch_alive_in(&rl, doms, 3));
}
END_TEST

START_TEST(dead_when_shut_down_or_dying)
{
	doms[1].shutdown = true;	/* crashed, on_crash preserve */
	ck_assert(!xen_watch_alive_in(&rl, doms, 3));
	doms[1].shutdown = false;
	doms[1].dying = true;
	ck_assert(!xen_watch_alive_in(&rl, doms, 3));
}
END_TEST

Suite *
names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("names");
	TCase *tw = tcase_create("watch");

	tcase_add_test(tc, routelet_names);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tw, setup, teardown);
	tcase_add_test(tw, alive_while_listed);
	tcase_add_test(tw, dead_when_gone);
	tcase_add_test(tw, dead_when_domid_reused);
	tcase_add_test(tw, dead_when_shut_down_or_dying);
	suite_add_tcase(s, tw);
	return s;
}
