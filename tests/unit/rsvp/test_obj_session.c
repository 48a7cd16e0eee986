/* rsvp/obj_session.c: SESSION IPv4 and LSP_TUNNEL_IPv4. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(session_ipv4_round_trips)
{
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_session_ipv4(&msg);
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.dst.s_addr,
	    ip("10.0.0.9").s_addr);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.proto, 17);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.flags, 1);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.dport, 5001);
}
END_TEST

START_TEST(session_lsp_round_trips)
{
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_session_lsp(&msg);
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].c_type, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	ck_assert_uint_eq(out.objs[0].u.session_lsp.endpoint.s_addr,
	    ip("192.0.2.9").s_addr);
	ck_assert_uint_eq(out.objs[0].u.session_lsp.tunnel_id, 42);
	ck_assert_uint_eq(out.objs[0].u.session_lsp.ext_tunnel_id.s_addr,
	    ip("192.0.2.1").s_addr);
}
END_TEST

START_TEST(session_wrong_lengths)
{
	static const uint8_t body[16];

	ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION, 1, body, 4, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_uint_eq(err.offset, 12);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION, 1, body, 12, &out,
	    &err), -1);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION, 7, body, 8, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION, 7, body, 16, &out,
	    &err), -1);
	ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION, 7, body, 12, &out,
	    &err), 0);
}
END_TEST

Suite *
obj_session_suite(void)
{
	Suite *s = suite_create("rsvp_obj_session");
	TCase *tc = tcase_create("session");

	tcase_add_test(tc, session_ipv4_round_trips);
	tcase_add_test(tc, session_lsp_round_trips);
	tcase_add_test(tc, session_wrong_lengths);
	suite_add_tcase(s, tc);
	return s;
}
