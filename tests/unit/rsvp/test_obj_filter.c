/* rsvp/obj_filter.c: FILTER_SPEC and SENDER_TEMPLATE. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(filter_and_template_round_trip)
{
	static const uint8_t classes[] = {
		RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_SENDER_TEMPLATE
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		rsvp_msg_init(&msg, RSVP_MSG_PATH);
		add_filter_ipv4(&msg, classes[i], 4000);
		add_filter_lsp(&msg, classes[i], 77);
		roundtrip(&msg, false, &out);
		ck_assert_uint_eq(out.objs[0].u.filter_ipv4.src.s_addr,
		    ip("10.0.0.1").s_addr);
		ck_assert_uint_eq(out.objs[0].u.filter_ipv4.sport, 4000);
		ck_assert_uint_eq(out.objs[1].u.filter_lsp.sender.s_addr,
		    ip("192.0.2.1").s_addr);
		ck_assert_uint_eq(out.objs[1].u.filter_lsp.lsp_id, 77);
	}
}
END_TEST

START_TEST(filter_wrong_lengths)
{
	static const uint8_t body[12];

	ck_assert_int_eq(parse_one(RSVP_CLASS_FILTER_SPEC, 1, body, 4, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SENDER_TEMPLATE, 7, body, 12,
	    &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_uint_eq(err.class_num, RSVP_CLASS_SENDER_TEMPLATE);
}
END_TEST

Suite *
obj_filter_suite(void)
{
	Suite *s = suite_create("rsvp_obj_filter");
	TCase *tc = tcase_create("filter");

	tcase_add_test(tc, filter_and_template_round_trip);
	tcase_add_test(tc, filter_wrong_lengths);
	suite_add_tcase(s, tc);
	return s;
}
