/*
 * The dom0 side of the xenstore channel (dom0/pool_xen_chan.c) against a
 * fake store, with the routelet's own side (routelet/chan_xs.c) as the
 * guest: the key layout and permissions, the generation protocol and the
 * counters are checked end to end.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dom0/pool_xen_local.h"
#include "fake_xs.h"
#include "routelet/forward.h"
#include "suites.h"

#define Q	"/local/domain/7/quasar"

static const char flow[] =
    "generation 99\n"
    "flow-id 7\n"
    "name flow-7\n"
    "in-label 1000\n"
    "out-label 2000\n"
    "nexthop-mac 02:00:00:00:00:02\n"
    "source-mac 02:00:00:00:00:01\n"
    "rate 1000\n"
    "bucket 3000\n"
    "peak inf\n"
    "min-unit 64\n"
    "max-size 1500\n";

static struct chan_xs ch;
static struct rl_fwd fwd;
static char err[160];

/* The routelet's turn: what its watch on quasar/config would do. */
static void
guest_turn(void)
{
	chan_xs_load(&ch, &fwd, 0);
}

static void
setup(void)
{
	fake_reset();
	rl_fwd_init(&fwd);
	err[0] = '\0';
	ck_assert_int_eq(chan_xs_init(&ch, &fake_guest_ops, NULL), 0);
	ck_assert_int_eq(xen_chan_prepare(&fake_dom0_ops, NULL, FAKE_DOMID),
	    0);
}

static int
write_flow(const char *text, uint64_t gen)
{
	return xen_chan_write(&fake_dom0_ops, NULL, FAKE_DOMID, text,
	    text != NULL ? strlen(text) : 0, gen, err, sizeof(err));
}

START_TEST(layout_and_permissions)
{
	const struct fake_node *q = fake_node(Q), *st = fake_node(Q "/status");
	const struct fake_node *ct = fake_node(Q "/counters");

	/* the config is dom0's, the guest reads it */
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(q->owner, 0);
	ck_assert_uint_eq(q->guest, FAKE_DOMID);
	ck_assert_uint_eq(q->guest_perm, XEN_PERM_READ);
	/* status and counters are the guest's */
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(st->owner, FAKE_DOMID);
	ck_assert_ptr_nonnull(ct);
	ck_assert_uint_eq(ct->owner, FAKE_DOMID);
	/* the guest cannot rewrite its own config, nor make one */
	ck_assert_int_eq(write_flow(flow, 1), 0);
	ck_assert(!fake_guest_ops.write(NULL, 0, "quasar/config", "x"));
	ck_assert(!fake_guest_ops.write(NULL, 0, "quasar/other", "5"));
	ck_assert_int_eq(fx.denied, 2);
	/* the config node inherits quasar/'s permissions */
	ck_assert_uint_eq(fake_node(Q "/config")->owner, 0);
	ck_assert_uint_eq(fake_node(Q "/config")->guest_perm, XEN_PERM_READ);
}
END_TEST

START_TEST(prepare_twice_keeps_values)
{
	fake_put(Q "/status", "ok 4");
	ck_assert_int_eq(xen_chan_prepare(&fake_dom0_ops, NULL, FAKE_DOMID),
	    0);
	ck_assert_str_eq(fake_val(Q "/status"), "ok 4");
}
END_TEST

START_TEST(one_node_with_our_generation)
{
	char want[RL_CONFIG_TEXT_MAX + 1];
	struct rl_config cfg;

	ck_assert_int_eq(write_flow(flow, 5), 0);
	/* the text's generation 99 gives way to the backend's own */
	ck_assert_int_eq(rl_config_parse(flow, strlen(flow), &cfg, err,
	    sizeof(err)), 0);
	cfg.generation = 5;
	ck_assert_int_gt(rl_config_format(&cfg, want, sizeof(want)), 0);
	ck_assert_str_eq(fake_val(Q "/config"), want);
	/* a single write: no transaction but prepare's */
	ck_assert_int_eq(fx.commits, 1);
	ck_assert_ptr_null(fake_val(Q "/generation"));
	ck_assert_ptr_null(fake_val(Q "/in-label"));
}
END_TEST

START_TEST(bad_text_refused_before_xenstore)
{
	ck_assert_int_eq(write_flow("generation 1\nin-label 3\n", 1), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "in-label"));
	ck_assert_ptr_null(fake_val(Q "/config"));
}
END_TEST

START_TEST(routelet_applies_and_answers)
{
	fx.on_status_read = guest_turn;
	ck_assert_int_eq(write_flow(flow, 1), 0);
	ck_assert_int_eq(xen_chan_wait(&fake_dom0_ops, NULL, FAKE_DOMID, 1,
	    100, err, sizeof(err)), 0);
	ck_assert(fwd.configured);
	ck_assert_uint_eq(fwd.cfg.generation, 1);
	ck_assert_uint_eq(fwd.cfg.in_label, 1000);
	ck_assert_uint_eq(fwd.cfg.out_label, 2000);
	ck_assert_str_eq(fake_val(Q "/status"), "ok 1");
	ck_assert_int_eq(fx.denied, 0);

	/* the next generation replaces it */
	ck_assert_int_eq(write_flow(flow, 2), 0);
	ck_assert_int_eq(xen_chan_wait(&fake_dom0_ops, NULL, FAKE_DOMID, 2,
	    100, err, sizeof(err)), 0);
	ck_assert_uint_eq(fwd.cfg.generation, 2);
}
END_TEST

START_TEST(null_config_forwards_nothing)
{
	fx.on_status_read = guest_turn;
	ck_assert_int_eq(write_flow(flow, 1), 0);
	ck_assert_int_eq(xen_chan_wait(&fake_dom0_ops, NULL, FAKE_DOMID, 1,
	    100, err, sizeof(err)), 0);
	ck_assert_int_eq(write_flow(NULL, 2), 0);
	ck_assert_int_eq(xen_chan_wait(&fake_dom0_ops, NULL, FAKE_DOMID, 2,
	    100, err, sizeof(err)), 0);
	ck_assert_ptr_null(strstr(fake_val(Q "/config"), "name "));
	ck_assert_ptr_nonnull(strstr(fake_val(Q "/config"), "flow-id 0\n"));
	ck_assert_uint_eq(fwd.cfg.in_label, 1048575);
	/* any frame is longer than max-size: policed, never sent */
	ck_assert_uint_eq(fwd.cfg.tspec.max_size, 1);
}
END_TEST

START_TEST(routelet_refusal_reported)
{
	fx.on_status_read = guest_turn;
	ck_assert_int_eq(write_flow(flow, 1), 0);
	/* spoilt between dom0's write and the routelet's read */
	fake_put(Q "/config", "generation 1\nmax-size 0\n");
	ck_assert_int_eq(xen_chan_wait(&fake_dom0_ops, NULL, FAKE_DOMID, 1,
	    100, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "max-size"));
	ck_assert(!fwd.configured);
}
END_TEST

START_TEST(no_answer_times_out)
{
	ck_assert_int_eq(write_flow(flow, 1), 0);
	ck_assert_int_eq(xen_chan_wait(&fake_dom0_ops, NULL, FAKE_DOMID, 1,
	    20, err, sizeof(err)), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(err, "generation 1"));
}
END_TEST

START_TEST(status_forms)
{
	fake_put(Q "/status", "ok 3");
	ck_assert_int_eq(xen_chan_status(&fake_dom0_ops, NULL, FAKE_DOMID, 3,
	    err, sizeof(err)), 1);
	ck_assert_int_eq(xen_chan_status(&fake_dom0_ops, NULL, FAKE_DOMID, 4,
	    err, sizeof(err)), 0);
	/* another generation's error is not this one's */
	fake_put(Q "/status", "error 3: line 2: bad value");
	ck_assert_int_eq(xen_chan_status(&fake_dom0_ops, NULL, FAKE_DOMID, 4,
	    err, sizeof(err)), 0);
	fake_put(Q "/status", "error 4: line 2: \x1b[2J");
	ck_assert_int_eq(xen_chan_status(&fake_dom0_ops, NULL, FAKE_DOMID, 4,
	    err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 2: ?[2J");	/* the guest's words, tamed */
	fake_put(Q "/status", "ok x");
	ck_assert_int_eq(xen_chan_status(&fake_dom0_ops, NULL, FAKE_DOMID, 4,
	    err, sizeof(err)), -EPROTO);
}
END_TEST

START_TEST(last_generation)
{
	ck_assert_uint_eq(xen_chan_last_generation(&fake_dom0_ops, NULL,
	    FAKE_DOMID), 0);
	fake_put(Q "/config", "generation 6\nin-label 1000\n");
	fake_put(Q "/status", "ok 5");
	ck_assert_uint_eq(xen_chan_last_generation(&fake_dom0_ops, NULL,
	    FAKE_DOMID), 6);
	fake_put(Q "/status", "error 9: x");
	ck_assert_uint_eq(xen_chan_last_generation(&fake_dom0_ops, NULL,
	    FAKE_DOMID), 9);
}
END_TEST

START_TEST(counters_from_the_routelet)
{
	char buf[1024];
	int len;

	ck_assert(!xen_chan_alive(&fake_dom0_ops, NULL, FAKE_DOMID));
	ck_assert_int_eq(xen_chan_counters(&fake_dom0_ops, NULL, FAKE_DOMID,
	    buf, sizeof(buf)), -ENOENT);
	fwd.cnt.rx_packets = 12;
	fwd.cnt.tx_packets = 11;
	chan_xs_push_counters(&ch, &fwd, 0);
	ck_assert_int_eq(fx.denied, 0);
	ck_assert(xen_chan_alive(&fake_dom0_ops, NULL, FAKE_DOMID));
	len = xen_chan_counters(&fake_dom0_ops, NULL, FAKE_DOMID, buf,
	    sizeof(buf));
	ck_assert_int_gt(len, 0);
	ck_assert_uint_eq(strlen(buf), (size_t)len);
	ck_assert_ptr_nonnull(strstr(buf, "generation 0\n"));
	ck_assert_ptr_nonnull(strstr(buf, "rx-packets 12\n"));
	ck_assert_ptr_nonnull(strstr(buf, "tx-packets 11\n"));
	ck_assert_int_eq(xen_chan_counters(&fake_dom0_ops, NULL, FAKE_DOMID,
	    buf, 20), -ENOSPC);
	/* the guest's own nodes: it may write anything there */
	ck_assert(fake_guest_ops.write(NULL, 0, "quasar/counters/rx-packets",
	    "-1"));
	ck_assert_int_eq(xen_chan_counters(&fake_dom0_ops, NULL, FAKE_DOMID,
	    buf, sizeof(buf)), -EPROTO);
}
END_TEST

START_TEST(guest_memory_from_the_routelet)
{
	uint64_t kb = 0;

	ck_assert_int_eq(xen_chan_mem_available(&fake_dom0_ops, NULL,
	    FAKE_DOMID, &kb), -ENOENT);
	chan_xs_push_counters(&ch, &fwd, 27232);
	ck_assert_int_eq(fx.denied, 0);
	ck_assert_int_eq(xen_chan_mem_available(&fake_dom0_ops, NULL,
	    FAKE_DOMID, &kb), 0);
	ck_assert_uint_eq(kb, 27232);
	/* the guest writes there what it likes: a number or nothing */
	ck_assert(fake_guest_ops.write(NULL, 0,
	    "quasar/counters/mem-available-kb", "27 MB"));
	ck_assert_int_eq(xen_chan_mem_available(&fake_dom0_ops, NULL,
	    FAKE_DOMID, &kb), -EPROTO);
}
END_TEST

Suite *
chan_suite(void)
{
	Suite *s = suite_create("chan");
	TCase *tc = tcase_create("xenstore");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, layout_and_permissions);
	tcase_add_test(tc, prepare_twice_keeps_values);
	tcase_add_test(tc, one_node_with_our_generation);
	tcase_add_test(tc, bad_text_refused_before_xenstore);
	tcase_add_test(tc, routelet_applies_and_answers);
	tcase_add_test(tc, null_config_forwards_nothing);
	tcase_add_test(tc, routelet_refusal_reported);
	tcase_add_test(tc, no_answer_times_out);
	tcase_add_test(tc, status_forms);
	tcase_add_test(tc, last_generation);
	tcase_add_test(tc, counters_from_the_routelet);
	tcase_add_test(tc, guest_memory_from_the_routelet);
	suite_add_tcase(s, tc);
	return s;
}
