/* rsvp/obj_error.c: ERROR_SPEC, SCOPE, RESV_CONFIRM. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(error_objects_round_trip)
{
	rsvp_msg_init(&msg, RSVP_MSG_RESVERR);
	add_error_spec(&msg, RSVP_ERR_ADMISSION, RSVP_ERRV_ADM_BANDWIDTH);
	add_scope(&msg, 1);
	add_scope(&msg, RSVP_SCOPE_MAX);
	add_resv_confirm(&msg);
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].u.error_spec.node.s_addr,
	    ip("198.51.100.7").s_addr);
	ck_assert_uint_eq(out.objs[0].u.error_spec.flags,
	    RSVP_ERRSPEC_F_INPLACE | RSVP_ERRSPEC_F_NOTGUILTY);
	ck_assert_uint_eq(out.objs[0].u.error_spec.code, RSVP_ERR_ADMISSION);
	ck_assert_uint_eq(out.objs[0].u.error_spec.value, 2);
	ck_assert_uint_eq(out.objs[1].u.scope.naddrs, 1);
	ck_assert_uint_eq(out.objs[2].u.scope.naddrs, RSVP_SCOPE_MAX);
	ck_assert_uint_eq(out.objs[2].u.scope.addrs[RSVP_SCOPE_MAX - 1].s_addr,
	    ip("10.0.0.32").s_addr);
	ck_assert_uint_eq(out.objs[3].u.resv_confirm.receiver.s_addr,
	    ip("10.0.0.9").s_addr);
}
END_TEST

START_TEST(error_objects_malformed)
{
	static uint8_t body[4 * (RSVP_SCOPE_MAX + 1)];

	ck_assert_int_eq(parse_one(RSVP_CLASS_ERROR_SPEC, 1, body, 12, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SCOPE, 1, body, 0, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SCOPE, 1, body, sizeof(body),
	    &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_int_eq(parse_one(RSVP_CLASS_RESV_CONFIRM, 1, body, 8, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	/* Encoder refuses an empty or oversized SCOPE. */
	rsvp_msg_init(&msg, RSVP_MSG_RESV);
	add_scope(&msg, 0);
	ck_assert_int_eq(rsvp_encode(&msg, body, sizeof(body)), -1);
	msg.objs[0].u.scope.naddrs = RSVP_SCOPE_MAX + 1;
	ck_assert_int_eq(rsvp_encode(&msg, body, sizeof(body)), -1);
}
END_TEST

Suite *
obj_error_suite(void)
{
	Suite *s = suite_create("rsvp_obj_error");
	TCase *tc = tcase_create("error");

	tcase_add_test(tc, error_objects_round_trip);
	tcase_add_test(tc, error_objects_malformed);
	suite_add_tcase(s, tc);
	return s;
}
