/* rsvp/obj_hop.c: RSVP_HOP and TIME_VALUES. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(hop_and_time_round_trip)
{
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_hop(&msg);
	add_time(&msg);
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].u.hop.addr.s_addr,
	    ip("198.51.100.1").s_addr);
	ck_assert_uint_eq(out.objs[0].u.hop.lih, 0x01020304);
	ck_assert_uint_eq(out.objs[1].u.time.refresh_ms, 30000);
}
END_TEST

START_TEST(hop_and_time_wrong_lengths)
{
	static const uint8_t body[12];

	ck_assert_int_eq(parse_one(RSVP_CLASS_RSVP_HOP, 1, body, 4, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_TIME_VALUES, 1, body, 8, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_TIME_VALUES, 1, body, 0, &out,
	    &err), -1);
}
END_TEST

Suite *
obj_hop_suite(void)
{
	Suite *s = suite_create("rsvp_obj_hop");
	TCase *tc = tcase_create("hop");

	tcase_add_test(tc, hop_and_time_round_trip);
	tcase_add_test(tc, hop_and_time_wrong_lengths);
	suite_add_tcase(s, tc);
	return s;
}
