/*
 * dom0/hello_ctl.c: the "neighbor list" reply.
 */
#include <string.h>

#include "dom0/ctl_local.h"
#include "dom0/hello.h"
#include "lib/log.h"
#include "rsvp/rsvp.h"
#include "fake.h"
#include "suites.h"

START_TEST(neighbor_list)
{
	static const struct hello_conf conf = {
		.interval_ms = 1000, .dead_ms = 3500, .instance_seed = 77,
	};
	struct hello_env env;
	struct hello *h;
	struct fake f;
	struct ctl c;
	char err[128];
	json_t *args = json_object(), *r, *n, *cnt;

	log_init("test_hello", LOG_LVL_WARN, false);
	fake_env(&f, &env);
	env.if_name = fake_if_name;
	ck_assert_int_eq(hello_create(NULL, &conf, &env, &h), 0);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(hello_ctl_register(h, &c), 0);
	hello_nbr_add(h, fake_addr(9), 4);
	fake_hello(h, fake_addr(2), 3, RSVP_CTYPE_HELLO_REQUEST, 0x1234, 0,
	    1, 1);
	f.now += 250;
	ck_assert_int_eq(ctl_cmd_run(&c, "neighbor list", args, &r, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(r,
	    "interval_ms")), 1000);
	ck_assert_int_eq(json_integer_value(json_object_get(r, "dead_ms")),
	    3500);
	ck_assert_uint_eq(json_array_size(json_object_get(r, "neighbors")),
	    2);
	n = json_array_get(json_object_get(r, "neighbors"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(n, "address")),
	    "10.0.12.2");
	ck_assert_int_eq(json_integer_value(json_object_get(n, "ifindex")), 3);
	ck_assert_str_eq(json_string_value(json_object_get(n, "interface")),
	    "r1-r2");
	ck_assert_str_eq(json_string_value(json_object_get(n, "state")), "up");
	ck_assert_int_eq(json_integer_value(json_object_get(n,
	    "src_instance")), 78);
	ck_assert_int_eq(json_integer_value(json_object_get(n,
	    "dst_instance")), 0x1234);
	ck_assert_int_eq(json_integer_value(json_object_get(n,
	    "last_seen_ms")), 250);
	ck_assert_int_eq(json_integer_value(json_object_get(n, "up_ms")),
	    250);
	n = json_array_get(json_object_get(r, "neighbors"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(n, "state")),
	    "init");
	ck_assert(json_is_null(json_object_get(n, "interface")));
	ck_assert(json_is_null(json_object_get(n, "last_seen_ms")));
	ck_assert(json_is_null(json_object_get(n, "up_ms")));
	cnt = json_object_get(r, "counters");
	ck_assert_int_eq(json_integer_value(json_object_get(cnt,
	    "tx_request")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(cnt, "tx_ack")),
	    1);
	ck_assert_int_eq(json_integer_value(json_object_get(cnt,
	    "rx_request")), 1);
	ck_assert_uint_eq(json_object_size(cnt), 11);
	json_decref(r);
	json_decref(args);
	ctl_cmd_free_all(&c);
	hello_destroy(h);
}
END_TEST

Suite *
hello_ctl_suite(void)
{
	Suite *s = suite_create("hello_ctl");
	TCase *tc = tcase_create("ctl");

	tcase_add_test(tc, neighbor_list);
	suite_add_tcase(s, tc);
	return s;
}
