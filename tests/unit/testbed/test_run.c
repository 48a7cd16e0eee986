#include <stdlib.h>
#include <string.h>

#include "testbed/run.h"
#include "suites.h"

#define GOLDEN	"tests/unit/testbed/golden"

static struct topo *
load(const char *name)
{
	char path[256], err[TOPO_ERR_MAX];
	struct topo *t;

	snprintf(path, sizeof(path), GOLDEN "/%s.topo", name);
	ck_assert_msg(topo_load(path, &t, err, sizeof(err)) == 0, "%s", err);
	return t;
}

START_TEST(prefixes)
{
	char buf[TB_PREFIX_MAX];

	ck_assert(tb_prefix_valid("exp4"));
	ck_assert(tb_prefix_valid("t-1_x"));
	ck_assert(tb_prefix_valid("123456789012345"));
	ck_assert(!tb_prefix_valid(""));
	ck_assert(!tb_prefix_valid("-x"));
	ck_assert(!tb_prefix_valid("a/b"));
	ck_assert(!tb_prefix_valid("a b"));
	ck_assert(!tb_prefix_valid("1234567890123456"));
	tb_prefix_from_path("testbed/topologies/line3.topo", buf, sizeof(buf));
	ck_assert_str_eq(buf, "line3");
	tb_prefix_from_path("/x/my topo.v2.topo", buf, sizeof(buf));
	ck_assert_str_eq(buf, "my_topo_v2");
	tb_prefix_from_path("averyveryverylongname.topo", buf, sizeof(buf));
	ck_assert_str_eq(buf, "averyveryverylo");
	tb_prefix_from_path(".topo", buf, sizeof(buf));
	ck_assert_str_eq(buf, "tb");
	tb_prefix_from_path("dir/", buf, sizeof(buf));
	ck_assert_str_eq(buf, "tb");
	ck_assert(tb_prefix_valid(buf));
}
END_TEST

START_TEST(bad_prefix_is_refused)
{
	struct topo *t = load("line3");
	struct tb_run run;
	char err[128];

	ck_assert_int_eq(tb_run_init(&run, t, "../x", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "prefix '../x': need 1-15 of [A-Za-z0-9_-], a "
	    "letter or digit first");
	topo_free(t);
}
END_TEST

START_TEST(quasard_conf_of_a_router)
{
	static const char want[] =
	    "router-id 10.255.0.1\n"
	    "interface e1 rate 1500000bit\n"
	    "interface e2\n"
	    "dataplane u32\n"
	    "dataplane-instance x7-R1\n"
	    "control-socket /run/quasar-testbed/x7/R1.sock\n"
	    "state-dir /run/quasar-testbed/x7/R1\n"
	    "refresh-interval 1s\n"
	    "log-level debug\n";
	struct topo *t = load("full");
	struct tb_run run;
	char err[128], *out = NULL, ns[TB_NETNS_MAX];
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(tb_run_init(&run, t, "x7", err, sizeof(err)), 0);
	ck_assert_str_eq(run.dir, "/run/quasar-testbed/x7");
	f = open_memstream(&out, &len);
	ck_assert_int_eq(tb_quasard_conf(&run, topo_node_find(t, "R1"), f), 0);
	fclose(f);
	/* Only the line cards: e3 is a link of R1 but not one of them. */
	ck_assert_str_eq(out, want);
	free(out);
	tb_netns_name(&run, topo_node_find(t, "h2"), ns, sizeof(ns));
	ck_assert_str_eq(ns, "x7-h2");
	topo_free(t);
}
END_TEST

START_TEST(json_for_the_runner)
{
	struct topo *t = load("line3");
	struct tb_run run;
	char err[128];
	json_t *j, *r, *ifc;

	ck_assert_int_eq(tb_run_init(&run, t, "p1", err, sizeof(err)), 0);
	j = tb_json(&run);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "prefix")), "p1");
	ck_assert(json_is_false(json_object_get(j, "needs_netem")));
	r = json_array_get(json_object_get(j, "nodes"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(r, "netns")),
	    "p1-R");
	ck_assert(json_is_true(json_object_get(r, "forward")));
	ifc = json_array_get(json_object_get(r, "interfaces"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(ifc, "mac")),
	    "02:51:00:01:01:00");
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_object_get(ifc, "peer"), "mac")), "02:51:00:02:00:00");
	ck_assert_int_eq(json_integer_value(json_object_get(ifc,
	    "rate_bps")), 20000000);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(ifc,
	    "addrs"), 0)), "10.1.2.1/24");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r,
	    "router"), "conf_path")), "/run/quasar-testbed/p1/R.conf");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
	    json_object_get(r, "router"), "quasard_conf")),
	    "dataplane-instance p1-R\n"));
	ck_assert_ptr_null(json_object_get(json_array_get(json_object_get(j,
	    "nodes"), 0), "router"));
	json_decref(j);
	topo_free(t);
}
END_TEST

Suite *
run_suite(void)
{
	Suite *s = suite_create("run");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, prefixes);
	tcase_add_test(tc, bad_prefix_is_refused);
	tcase_add_test(tc, quasard_conf_of_a_router);
	tcase_add_test(tc, json_for_the_runner);
	suite_add_tcase(s, tc);
	return s;
}
