/* rsvp/obj_opaque.c: IntServ bodies and POLICY_DATA kept as bytes. */
#include <check.h>
#include <string.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(opaque_bodies_round_trip)
{
	static const uint8_t classes[] = {
		RSVP_CLASS_FLOWSPEC, RSVP_CLASS_SENDER_TSPEC, RSVP_CLASS_ADSPEC,
	};
	size_t i;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	for (i = 0; i < sizeof(classes); i++)
		add_opaque(&msg, classes[i], RSVP_CTYPE_INTSERV,
		    (uint16_t)(4 * (i + 1)), (uint8_t)i);
	add_opaque(&msg, RSVP_CLASS_POLICY_DATA, 1, 0, 0);
	add_opaque(&msg, RSVP_CLASS_POLICY_DATA, 1, RSVP_OPAQUE_MAX, 0x77);
	roundtrip(&msg, false, &out);
	for (i = 0; i < sizeof(classes); i++) {
		ck_assert_uint_eq(out.objs[i].u.opaque.len, 4 * (i + 1));
		ck_assert_uint_eq(out.objs[i].u.opaque.data[1], i + 1);
	}
	ck_assert_uint_eq(out.objs[3].u.opaque.len, 0);
	ck_assert_uint_eq(out.objs[4].u.opaque.len, RSVP_OPAQUE_MAX);
}
END_TEST

START_TEST(opaque_bounds)
{
	static uint8_t body[RSVP_OPAQUE_MAX + 4], b[1024];

	ck_assert_int_eq(parse_one(RSVP_CLASS_SENDER_TSPEC, 2, body,
	    sizeof(body), &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_uint_eq(err.class_num, RSVP_CLASS_SENDER_TSPEC);
	/* FLOWSPEC C-Type 1 is not the IntServ one. */
	ck_assert_int_eq(parse_one(RSVP_CLASS_FLOWSPEC, 1, body, 8, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_UNKNOWN_CTYPE);
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_opaque(&msg, RSVP_CLASS_ADSPEC, 2, 6, 0);
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	msg.objs[0].u.opaque.len = RSVP_OPAQUE_MAX + 4;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
}
END_TEST

Suite *
obj_opaque_suite(void)
{
	Suite *s = suite_create("rsvp_obj_opaque");
	TCase *tc = tcase_create("opaque");

	tcase_add_test(tc, opaque_bodies_round_trip);
	tcase_add_test(tc, opaque_bounds);
	suite_add_tcase(s, tc);
	return s;
}
