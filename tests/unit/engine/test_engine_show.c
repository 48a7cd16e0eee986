/* The show commands' JSON. */
#include <string.h>

#include "fake.h"
#include "suites.h"

static json_t *
query(const char *cmd, json_t *args)
{
	char err[128];
	json_t *r = NULL;

	ck_assert_msg(engine_query(F.e, cmd, args, &r, err, sizeof(err)) == 0,
	    "%s: %s", cmd, err);
	ck_assert_ptr_nonnull(r);
	return r;
}

static void
lsp_up(void)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	ps.sa = true;
	ps.name = "video";
	ps.rro = true;
	send_path(&ps);
	resv_spec_default(&rs);
	rs.rro = true;
	send_resv(&rs);
}

START_TEST(lsp_list_shows_labels_and_route)
{
	json_t *r, *l;

	lsp_up();
	r = query("lsp list", NULL);
	ck_assert_uint_eq(json_array_size(r), 1);
	l = json_array_get(r, 0);
	ck_assert_str_eq(json_string_value(json_object_get(l, "name")),
	    "video");
	ck_assert_int_eq(json_integer_value(json_object_get(l, "tunnel_id")),
	    7);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "in_label")),
	    16);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "out_label")),
	    100);
	ck_assert_str_eq(json_string_value(json_object_get(l, "state")), "up");
	ck_assert_str_eq(json_string_value(json_object_get(l, "phop")),
	    ADDR_A);
	ck_assert_str_eq(json_string_value(json_object_get(l, "nhop")),
	    ADDR_R2);
	ck_assert_str_eq(json_string_value(json_object_get(l, "style")), "FF");
	ck_assert_str_eq(json_string_value(json_object_get(l,
	    "in_interface")), "r1-a");
	ck_assert_str_eq(json_string_value(json_object_get(l,
	    "out_interface")), "r1-r2");
	ck_assert_uint_eq(json_array_size(json_object_get(l, "rro")), 3);
	ck_assert_str_eq(json_string_value(json_array_get(
	    json_object_get(l, "rro"), 1)), "label 100");
	json_decref(r);
}
END_TEST

START_TEST(session_list_and_show)
{
	json_t *r, *args;
	char err[128];

	lsp_up();
	r = query("session list", NULL);
	ck_assert_uint_eq(json_array_size(r), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_array_get(r, 0), "lsps_up")), 1);
	json_decref(r);
	args = json_pack("{s:s, s:i}", "endpoint", ADDR_B, "tunnel_id", 7);
	r = query("session show", args);
	ck_assert_uint_eq(json_array_size(json_object_get(r, "lsp")), 1);
	json_decref(r);
	json_decref(args);
	args = json_pack("{s:s, s:i}", "endpoint", ADDR_B, "tunnel_id", 8);
	ck_assert_int_eq(engine_query(F.e, "session show", args, &r, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "no such session");
	json_decref(args);
	args = json_object();
	ck_assert_int_eq(engine_query(F.e, "session show", args, &r, err,
	    sizeof(err)), -1);
	json_decref(args);
}
END_TEST

START_TEST(label_list_and_stats)
{
	json_t *r, *l;

	lsp_up();
	r = query("label list", NULL);
	ck_assert_int_eq(json_integer_value(json_object_get(r, "used")), 1);
	l = json_array_get(json_object_get(r, "labels"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "label")), 16);
	ck_assert_str_eq(json_string_value(json_object_get(l, "action")),
	    "swap");
	json_decref(r);
	r = query("stats", NULL);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(r, "rx"), "Path")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(r, "drops"), "ttl_mismatch")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(r, "lsps")), 1);
	json_decref(r);
}
END_TEST

START_TEST(unknown_command)
{
	char err[128];
	json_t *r;

	ck_assert_int_eq(engine_query(F.e, "lsp frob", NULL, &r, err,
	    sizeof(err)), -1);
	ck_assert_ptr_null(r);
}
END_TEST

Suite *
engine_show_suite(void)
{
	Suite *s = suite_create("engine_show");
	TCase *tc = tcase_create("json");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, lsp_list_shows_labels_and_route);
	tcase_add_test(tc, session_list_and_show);
	tcase_add_test(tc, label_list_and_stats);
	tcase_add_test(tc, unknown_command);
	suite_add_tcase(s, tc);
	return s;
}
