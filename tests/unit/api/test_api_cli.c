/* host/api_cli.c: option parsing and JSON pieces of send and recv. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "host/api_cli.h"
#include "suites.h"

START_TEST(numbers)
{
	unsigned long v;

	ck_assert(api_cli_parse_ulong("65535", 65535, &v));
	ck_assert_uint_eq(v, 65535);
	ck_assert(api_cli_parse_ulong("0", 1, &v));
	ck_assert(!api_cli_parse_ulong("65536", 65535, &v));
	ck_assert(!api_cli_parse_ulong("-1", 65535, &v));
	ck_assert(!api_cli_parse_ulong(" 1", 65535, &v));
	ck_assert(!api_cli_parse_ulong("1x", 65535, &v));
	ck_assert(!api_cli_parse_ulong("", 65535, &v));
	ck_assert(!api_cli_parse_ulong("99999999999999999999999", ~0UL, &v));
}
END_TEST

START_TEST(seconds)
{
	uint32_t ms;

	ck_assert(api_cli_parse_seconds("30", &ms));
	ck_assert_uint_eq(ms, 30000);
	ck_assert(api_cli_parse_seconds("0.5", &ms));
	ck_assert_uint_eq(ms, 500);
	ck_assert(api_cli_parse_seconds(".25", &ms));
	ck_assert_uint_eq(ms, 250);
	ck_assert(api_cli_parse_seconds("86400", &ms));
	ck_assert(!api_cli_parse_seconds("86401", &ms));
	ck_assert(!api_cli_parse_seconds("0", &ms));
	ck_assert(!api_cli_parse_seconds("0.0001", &ms));
	ck_assert(!api_cli_parse_seconds("-1", &ms));
	ck_assert(!api_cli_parse_seconds("nan", &ms));
	ck_assert(!api_cli_parse_seconds("1s", &ms));
}
END_TEST

START_TEST(json_hop_and_error)
{
	struct rsvp_api_rr_hop hop = { .has_label = true, .label = 16 };
	struct rsvp_error_spec e = { .code = RSVP_ERR_ADMISSION,
	    .value = 77 };
	json_t *o;
	char *s;

	hop.addr = fake_addr("10.0.1.2");
	o = api_cli_json_hop(&hop);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_str_eq(s, "{\"addr\":\"10.0.1.2\",\"label\":16}");
	free(s);
	json_decref(o);
	hop.has_label = false;
	o = api_cli_json_hop(&hop);
	ck_assert_ptr_null(json_object_get(o, "label"));
	json_decref(o);

	e.node = fake_addr("10.0.12.1");
	o = json_object();
	api_cli_json_error(o, &e);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_str_eq(s, "{\"code\":1,\"code_name\":\"Admission Control "
	    "failure\",\"node\":\"10.0.12.1\",\"value\":77,\"value_name\":"
	    "null}");
	free(s);
	json_decref(o);
}
END_TEST

Suite *
api_cli_suite(void)
{
	Suite *s = suite_create("api_cli");
	TCase *tc = tcase_create("cli");

	tcase_add_test(tc, numbers);
	tcase_add_test(tc, seconds);
	tcase_add_test(tc, json_hop_and_error);
	suite_add_tcase(s, tc);
	return s;
}
