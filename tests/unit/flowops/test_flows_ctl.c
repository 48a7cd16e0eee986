/*
 * dom0/flows_ctl.c: "flow list" and the flows' "routelet list" over the
 * fake pool (with a counters op) and the fake plane.
 */
#include <string.h>

#include "dom0/ctl_local.h"
#include "dom0/flows_ctl.h"
#include "dom0/pool_ctl.h"
#include "rig.h"
#include "suites.h"

static struct rig r;
static struct ctl c;

static int
rl_counters(void *be, void *h, char *buf, size_t len)
{
	(void)be;
	(void)h;
	return snprintf(buf, len, "rx-packets 20\ntx-packets 18\ntx-bytes "
	    "1800\npoliced-packets 2\npoliced-bytes 200\n");
}

static void
setup(void)
{
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	fake_init(&r.f);
	plane_init(&r.plane);
}

static void
teardown(void)
{
	ctl_cmd_free_all(&c);
	rig_down(&r, false);
	ck_assert_uint_eq(fake_live(&r.f), 0);
	fake_fini(&r.f);
}

static json_int_t
ival(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", key);
	return json_integer_value(v);
}

static const char *
sval(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_string(v), "%s is not a string", key);
	return json_string_value(v);
}

START_TEST(flow_list)
{
	struct flow_req req;
	struct flow_err fe;
	char err[128];
	json_t *args = json_object(), *l, *e;

	rig_up(&r, 1, 2, 4, false);
	rig_ops.counters = rl_counters;	/* the pool holds &rig_ops */
	ck_assert_int_eq(flows_ctl_register(&c, r.flows), 0);
	ck_assert_int_eq(pool_ctl_register(&c, r.pool), 0);
	rig_req(&r, &req, 5, 3, 1001, 2000);
	ck_assert_int_eq(flows_set(r.flows, &req, &fe), 0);

	ck_assert_int_eq(ctl_cmd_run(&c, "flow list", args, &l, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(json_array_size(l), 1);
	e = json_array_get(l, 0);
	ck_assert_str_eq(sval(e, "endpoint"), "10.0.2.2");
	ck_assert_int_eq(ival(e, "tunnel_id"), 7);
	ck_assert_int_eq(ival(e, "lsp_id"), 3);
	ck_assert_str_eq(sval(e, "sender"), "10.0.0.1");
	ck_assert_str_eq(sval(e, "name"), "flow3");
	ck_assert_str_eq(sval(e, "service"), "controlled-load");
	ck_assert(json_real_value(json_object_get(e, "rate")) == 250000);
	ck_assert_int_eq(ival(e, "in_label"), 1001);
	ck_assert_int_eq(ival(e, "out_label"), 3);
	ck_assert_int_eq(ival(e, "routelet"), 0);
	ck_assert_str_eq(sval(e, "interface"), "rl0");
	ck_assert_str_eq(sval(e, "class"), "1:10");
	ck_assert(json_is_false(json_object_get(e, "restored")));
	ck_assert_int_eq(ival(e, "steered_packets"), 10);
	ck_assert_int_eq(ival(e, "delivered_packets"), 18);
	ck_assert_int_eq(ival(e, "delivered_bytes"), 1800);
	ck_assert_int_eq(ival(e, "policed_packets"), 2);
	json_decref(l);

	/* routelet list names the flow of routelet 0. */
	ck_assert_int_eq(ctl_cmd_run(&c, "routelet list", args, &l, err,
	    sizeof(err)), 0);
	ck_assert_uint_ge(json_array_size(l), 2);
	e = json_array_get(l, 0);
	ck_assert_str_eq(sval(e, "flow"), "10.0.2.2 7/3");
	ck_assert_int_eq(ival(e, "flow_label"), 1001);
	ck_assert(json_is_null(json_object_get(json_array_get(l, 1), "flow")));
	json_decref(l);
	json_decref(args);
	rig_ops.counters = NULL;
}
END_TEST

START_TEST(empty_and_order)
{
	char err[128];
	json_t *args = json_object(), *l;

	rig_up(&r, 1, 1, 2, false);
	/* pool_ctl first, then flows_ctl replaces its routelet list. */
	ck_assert_int_eq(pool_ctl_register(&c, r.pool), 0);
	ck_assert_int_eq(flows_ctl_register(&c, r.flows), 0);
	ck_assert_uint_eq(c.ncmds, 4);
	ck_assert_int_eq(ctl_cmd_run(&c, "flow list", args, &l, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(json_array_size(l), 0);
	json_decref(l);
	ck_assert_int_eq(ctl_cmd_run(&c, "routelet list", args, &l, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(json_array_size(l), 1);
	json_decref(l);
	json_decref(args);
}
END_TEST

Suite *
flows_ctl_suite(void)
{
	Suite *s = suite_create("flows_ctl");
	TCase *tc = tcase_create("flows_ctl");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, flow_list);
	tcase_add_test(tc, empty_and_order);
	suite_add_tcase(s, tc);
	return s;
}
