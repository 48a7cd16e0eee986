/* rsvp/obj_label.c: LABEL_REQUEST and LABEL. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(labels_round_trip)
{
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_label_request(&msg);
	add_label(&msg, 0xfffff);
	add_label(&msg, 3);
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].u.label_request.l3pid, 0x0800);
	ck_assert_uint_eq(out.objs[1].u.label.label, 0xfffff);
	ck_assert_uint_eq(out.objs[2].u.label.label, 3);
}
END_TEST

START_TEST(labels_malformed)
{
	static const uint8_t body[8];

	ck_assert_int_eq(parse_one(RSVP_CLASS_LABEL_REQUEST, 1, body, 8, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_LABEL, 1, body, 0, &out, &err),
	    -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	/* Label request with ATM or frame relay range: not ours. */
	ck_assert_int_eq(parse_one(RSVP_CLASS_LABEL_REQUEST, 2, body, 8, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_UNKNOWN_CTYPE);
}
END_TEST

Suite *
obj_label_suite(void)
{
	Suite *s = suite_create("rsvp_obj_label");
	TCase *tc = tcase_create("label");

	tcase_add_test(tc, labels_round_trip);
	tcase_add_test(tc, labels_malformed);
	suite_add_tcase(s, tc);
	return s;
}
