/* rsvp/obj_hello.c: HELLO REQUEST and ACK. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(hello_objects_round_trip)
{
	rsvp_msg_init(&msg, RSVP_MSG_HELLO);
	add_hello(&msg, RSVP_CTYPE_HELLO_REQUEST);
	add_hello(&msg, RSVP_CTYPE_HELLO_ACK)->u.hello.dst_instance = 7;
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].c_type, RSVP_CTYPE_HELLO_REQUEST);
	ck_assert_uint_eq(out.objs[0].u.hello.src_instance, 0x11111111);
	ck_assert_uint_eq(out.objs[0].u.hello.dst_instance, 0x22222222);
	ck_assert_uint_eq(out.objs[1].c_type, RSVP_CTYPE_HELLO_ACK);
	ck_assert_uint_eq(out.objs[1].u.hello.dst_instance, 7);
}
END_TEST

START_TEST(hello_object_malformed)
{
	static const uint8_t body[8];

	ck_assert_int_eq(parse_one(RSVP_CLASS_HELLO, 1, body, 4, &out, &err),
	    -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_HELLO, 3, body, 8, &out, &err),
	    -1);
	ck_assert_int_eq(err.reason, RSVP_E_UNKNOWN_CTYPE);
}
END_TEST

Suite *
obj_hello_suite(void)
{
	Suite *s = suite_create("rsvp_obj_hello");
	TCase *tc = tcase_create("hello");

	tcase_add_test(tc, hello_objects_round_trip);
	tcase_add_test(tc, hello_object_malformed);
	suite_add_tcase(s, tc);
	return s;
}
