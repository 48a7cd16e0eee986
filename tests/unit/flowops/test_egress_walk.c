/*
 * demux/egress_htb.c egress_flow_walk: the flow classes a restarted
 * control plane finds again on a line card.  Needs root: each test
 * (forked by Check) makes its own network namespace and veth; without
 * root it says so and checks nothing.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "demux/egress_htb.h"
#include "lib/log.h"
#include "suites.h"

struct found {
	unsigned	n;
	uint32_t	classid[8];
	uint64_t	rate[8];
};

static void
collect(void *arg, const struct egress_class *c)
{
	struct found *f = arg;

	if (f->n < 8) {
		f->classid[f->n] = c->classid;
		f->rate[f->n] = c->rate;
		f->n++;
	}
}

/* A namespace of this test's own with veth egwA-egwB; false if not root. */
static bool
own_netns(void)
{
	if (geteuid() != 0 || unshare(CLONE_NEWNET) != 0) {
		fprintf(stderr, "test_egress_walk: not root, not run\n");
		return false;
	}
	ck_assert_int_eq(system("ip link add egwA type veth peer name egwB && "
	    "ip link set egwA up && ip link set egwB up"), 0);
	return true;
}

START_TEST(walk_finds_flows_again)
{
	struct egress *eg;
	struct found f = { 0 };
	uint32_t c1, c2;

	log_init("test_flowops", LOG_LVL_WARN, false);
	if (!own_netns())
		return;
	ck_assert_int_eq(egress_open("egwA", 12500000, &eg), 0);
	ck_assert_int_eq(egress_flow_walk(eg, collect, &f), 0);
	ck_assert_uint_eq(f.n, 0);	/* parent and best effort are not */
	ck_assert_int_eq(egress_flow_add(eg, 250000, 3000, &c1), 0);
	ck_assert_int_eq(egress_flow_add(eg, 500000, 3000, &c2), 0);
	egress_close(eg);

	/* A restarted control plane opens the same tree and finds both. */
	ck_assert_int_eq(egress_open("egwA", 12500000, &eg), 0);
	ck_assert_int_eq(egress_flow_walk(eg, collect, &f), 0);
	ck_assert_uint_eq(f.n, 2);
	ck_assert(f.classid[0] == c1 || f.classid[1] == c1);
	ck_assert(f.classid[0] == c2 || f.classid[1] == c2);
	ck_assert_uint_eq(f.rate[0] + f.rate[1], 750000);
	/* One its flows no longer use goes; the walk then finds one. */
	ck_assert_int_eq(egress_flow_del(eg, c1), 0);
	f.n = 0;
	ck_assert_int_eq(egress_flow_walk(eg, collect, &f), 0);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_uint_eq(f.classid[0], c2);
	ck_assert_int_eq(egress_teardown(eg), 0);
	egress_close(eg);
}
END_TEST

Suite *
egress_walk_suite(void)
{
	Suite *s = suite_create("egress_walk");
	TCase *tc = tcase_create("egress_walk");

	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, walk_finds_flows_again);
	suite_add_tcase(s, tc);
	return s;
}
