/*
 * dp.c: the checks every backend relies on (labels, actions, FTN rules,
 * DSCP, instance names), run against the bpf backend; and dp_bpf's
 * limits that need no interface (rule slots, pin directory).
 */
#include <arpa/inet.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/mpls.h"
#include "harness.h"
#include "suites.h"

START_TEST(bad_arguments_refused)
{
	struct dp_ilm e = { .in_label = 100, .action = DP_ILM_SWAP,
	    .out_label = 200, .out_ifindex = 3 };
	struct dp_ftn f = { .plen = 8, .port_max = 65535, .label = 100 };
	struct dp_vif v = { .vif_ifindex = 3, .out_ifindex = 3 };

	e.in_label = MPLS_LABEL_ROUTER_ALERT;
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), -EINVAL);
	e.in_label = MPLS_LABEL_MAX + 1;
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), -EINVAL);
	e.in_label = 100;
	e.out_label = MPLS_LABEL_IMPLICIT_NULL;
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), -EINVAL);
	e.out_label = 200;
	e.out_ifindex = 0;
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), -EINVAL);
	e.action = DP_ILM_ROUTELET;
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), -EINVAL);
	e.action = 9;
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), -EINVAL);
	f.plen = 33;
	ck_assert_int_eq(dp_ftn_set(H.dp, &f), -EINVAL);
	f.plen = 8;
	f.port_min = 10;
	f.port_max = 9;
	ck_assert_int_eq(dp_ftn_set(H.dp, &f), -EINVAL);
	f.port_max = 10;
	f.label = 15;
	ck_assert_int_eq(dp_ftn_set(H.dp, &f), -EINVAL);
	ck_assert_int_eq(dp_ftn_dscp_tc(H.dp, 64, 0), -EINVAL);
	ck_assert_int_eq(dp_ftn_dscp_tc(H.dp, 0, 8), -EINVAL);
	ck_assert_int_eq(dp_vif_attach(H.dp, &v), -EINVAL);
	ck_assert_int_eq(dp_linecard_attach(H.dp, 0), -EINVAL);
}
END_TEST

START_TEST(bad_instance_refused)
{
	struct dp_params p = { .backend = DP_BACKEND_BPF };
	struct dp *dp = NULL;

	p.instance = "";
	ck_assert_int_eq(dp_open(&p, &dp), -EINVAL);
	p.instance = "a/b";
	ck_assert_int_eq(dp_open(&p, &dp), -EINVAL);
	p.instance = "0123456789012345678901234567890123";
	ck_assert_int_eq(dp_open(&p, &dp), -EINVAL);
	p.backend = 7;
	p.instance = "dmx";
	ck_assert_int_eq(dp_open(&p, &dp), -EOPNOTSUPP);
	ck_assert_ptr_null(dp);
}
END_TEST

START_TEST(pin_dir_off_bpffs_refused)
{
	struct dp_params p = { .backend = DP_BACKEND_BPF, .instance = "dmx" };
	struct dp *dp = NULL;
	char dir[64];

	snprintf(dir, sizeof(dir), "/tmp/dmx-nobpf-%d/pins", (int)getpid());
	p.pin_dir = dir;
	ck_assert_int_eq(dp_open(&p, &dp), -ENOTSUP);
	ck_assert_ptr_null(dp);
	/* Nothing made on the way. */
	*strrchr(dir, '/') = '\0';
	ck_assert_int_eq(access(dir, F_OK), -1);
}
END_TEST

START_TEST(ftn_rules_fill_one_prefix)
{
	struct dp_ftn f = { .dst = htonl(0x0a000000), .plen = 8,
	    .proto = 17, .label = 100 };
	int i;

	for (i = 0; i < 8; i++) {
		f.port_min = f.port_max = (uint16_t)(1000 + i);
		ck_assert_int_eq(dp_ftn_set(H.dp, &f), 0);
	}
	f.port_min = f.port_max = 2000;
	ck_assert_int_eq(dp_ftn_set(H.dp, &f), -ENOSPC);
	/* The same rule again replaces its label. */
	f.port_min = f.port_max = 1003;
	f.label = 101;
	ck_assert_int_eq(dp_ftn_set(H.dp, &f), 0);
}
END_TEST

struct seen {
	uint32_t labels[4];
	int n;
	bool delete;
};

static int
collect(const struct dp_ilm *e, const struct dp_counters *c, void *arg)
{
	struct seen *s = arg;

	ck_assert_int_lt(s->n, 4);
	ck_assert_uint_eq(c->packets, 0);
	s->labels[s->n++] = e->in_label;
	if (e->in_label == 101) {
		ck_assert_int_eq(e->action, DP_ILM_SWAP);
		ck_assert_uint_eq(e->out_label, 201);
		ck_assert_uint_eq(e->out_ifindex, 4);
		ck_assert_uint_eq(e->dst_mac[5], 0x0c);
	}
	if (e->in_label == 100) {
		ck_assert_int_eq(e->action, DP_ILM_ROUTELET);
		ck_assert_uint_eq(e->vif_ifindex, 9);
	}
	if (s->delete)
		ck_assert_int_eq(dp_ilm_del(H.dp, e->in_label), 0);
	return 0;
}

static int
stop_at_first(const struct dp_ilm *e, const struct dp_counters *c, void *arg)
{
	(void)e;
	(void)c;
	(void)arg;
	return 7;
}

START_TEST(ilm_walk_lists_and_deletes)
{
	struct dp_ilm steer = { .in_label = 100, .action = DP_ILM_ROUTELET,
	    .vif_ifindex = 9 };
	struct dp_ilm swap = { .in_label = 101, .action = DP_ILM_SWAP,
	    .out_label = 201, .out_ifindex = 4, .dst_mac = { 2, 0, 0, 0, 0,
	    0x0c } };
	struct dp_ilm pop = { .in_label = 102, .action = DP_ILM_POP,
	    .out_ifindex = 4 };
	struct seen s = { .n = 0 };
	int i, sum = 0;

	ck_assert_int_eq(dp_ilm_set(H.dp, &steer), 0);
	ck_assert_int_eq(dp_ilm_set(H.dp, &swap), 0);
	ck_assert_int_eq(dp_ilm_set(H.dp, &pop), 0);
	ck_assert_int_eq(dp_ilm_walk(H.dp, stop_at_first, NULL), 7);
	s.delete = true;
	ck_assert_int_eq(dp_ilm_walk(H.dp, collect, &s), 0);
	ck_assert_int_eq(s.n, 3);
	for (i = 0; i < 3; i++)
		sum += (int)s.labels[i];
	ck_assert_int_eq(sum, 100 + 101 + 102);
	s.n = 0;
	ck_assert_int_eq(dp_ilm_walk(H.dp, collect, &s), 0);
	ck_assert_int_eq(s.n, 0);
}
END_TEST

Suite *
dp_suite(void)
{
	Suite *s = suite_create("dp");
	TCase *tc = tcase_create("args");

	tcase_add_checked_fixture(tc, harness_setup, harness_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, bad_arguments_refused);
	tcase_add_test(tc, bad_instance_refused);
	tcase_add_test(tc, pin_dir_off_bpffs_refused);
	tcase_add_test(tc, ftn_rules_fill_one_prefix);
	tcase_add_test(tc, ilm_walk_lists_and_deletes);
	suite_add_tcase(s, tc);
	return s;
}
