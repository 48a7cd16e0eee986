/* rsvp/hello.c: the Hello grammar (RFC 3209 5.1). */
#include <check.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(hello_round_trips)
{
	sample_hello(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_uint_eq(out.send_ttl, 1);
	rsvp_msg_init(&msg, RSVP_MSG_HELLO);
	add_integrity(&msg);
	add_hello(&msg, RSVP_CTYPE_HELLO_ACK);
	roundtrip(&msg, true, &out);
	ck_assert_uint_eq(out.objs[1].c_type, RSVP_CTYPE_HELLO_ACK);
}
END_TEST

START_TEST(hello_rules)
{
	sample_hello(&msg);
	msg_remove(&msg, RSVP_CLASS_HELLO);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_HELLO, &err);
	sample_hello(&msg);
	add_hello(&msg, RSVP_CTYPE_HELLO_ACK);
	expect_invalid(&msg, RSVP_E_DUPLICATE, RSVP_CLASS_HELLO, &err);
	sample_hello(&msg);
	add_session_lsp(&msg);
	expect_invalid(&msg, RSVP_E_ILLEGAL_CLASS, RSVP_CLASS_SESSION, &err);
}
END_TEST

Suite *
hello_suite(void)
{
	Suite *s = suite_create("rsvp_hello");
	TCase *tc = tcase_create("hello");

	tcase_add_test(tc, hello_round_trips);
	tcase_add_test(tc, hello_rules);
	suite_add_tcase(s, tc);
	return s;
}
