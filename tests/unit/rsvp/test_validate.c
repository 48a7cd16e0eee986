/* rsvp/validate.c: rules every message grammar shares. */
#include <check.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg;
static struct rsvp_error err;

/* RFC 2205 3.1: [<INTEGRITY>] comes right after the common header. */
START_TEST(integrity_must_come_first)
{
	struct rsvp_obj integ;

	sample_path(&msg);
	integ = msg.objs[0];
	memmove(&msg.objs[0], &msg.objs[1], sizeof(msg.objs[0]) * 2);
	msg.objs[2] = integ;
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_INTEGRITY, &err);
	ck_assert_int_eq(err.action, RSVP_ACT_DROP);
}
END_TEST

START_TEST(fixed_objects_in_any_order)
{
	struct rsvp_obj tmp;

	/* RFC 2205 3.1: accept objects in any permissible order. */
	sample_path_ipv4(&msg);
	tmp = msg.objs[0];
	msg.objs[0] = msg.objs[2];
	msg.objs[2] = tmp;
	ck_assert_int_eq(rsvp_validate(&msg, &err), 0);
}
END_TEST

START_TEST(duplicates_refused)
{
	static const uint8_t once[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES,
	};
	size_t i;

	for (i = 0; i < sizeof(once); i++) {
		sample_path_ipv4(&msg);
		msg.objs[msg.nobjs] = msg.objs[msg_pos(&msg, once[i])];
		msg.nobjs++;
		expect_invalid(&msg, RSVP_E_DUPLICATE, once[i], &err);
	}
}
END_TEST

/* RFC 3209 4.6: LSP_TUNNEL session, LSP_TUNNEL sender template. */
START_TEST(ctype_mismatch_refused)
{
	sample_path(&msg);
	msg.objs[msg_pos(&msg, RSVP_CLASS_SENDER_TEMPLATE)].c_type =
	    RSVP_CTYPE_IPV4;
	expect_invalid(&msg, RSVP_E_CTYPE_MISMATCH,
	    RSVP_CLASS_SENDER_TEMPLATE, &err);
	sample_path_ipv4(&msg);
	msg.objs[msg_pos(&msg, RSVP_CLASS_SENDER_TEMPLATE)].c_type =
	    RSVP_CTYPE_LSP_TUNNEL_IPV4;
	expect_invalid(&msg, RSVP_E_CTYPE_MISMATCH,
	    RSVP_CLASS_SENDER_TEMPLATE, &err);
}
END_TEST

/* RFC 2205 Appendix B "Bad source port": DstPort 0, SrcPort set. */
START_TEST(source_port_needs_destination_port)
{
	sample_path_ipv4(&msg);
	msg.objs[msg_pos(&msg, RSVP_CLASS_SESSION)].u.session_ipv4.dport = 0;
	expect_invalid(&msg, RSVP_E_PORT, RSVP_CLASS_SENDER_TEMPLATE, &err);
	ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	msg.objs[msg_pos(&msg, RSVP_CLASS_SENDER_TEMPLATE)].u.filter_ipv4.sport
	    = 0;
	ck_assert_int_eq(rsvp_validate(&msg, &err), 0);
	sample_resv_wf(&msg);
	msg.objs[msg_pos(&msg, RSVP_CLASS_SESSION)].u.session_ipv4.dport = 0;
	msg.objs[msg_pos(&msg, RSVP_CLASS_STYLE)].u.style.options =
	    RSVP_STYLE_FF;
	add_filter_ipv4(&msg, RSVP_CLASS_FILTER_SPEC, 9);
	expect_invalid(&msg, RSVP_E_PORT, RSVP_CLASS_FILTER_SPEC, &err);
}
END_TEST

START_TEST(bad_message_struct_refused)
{
	sample_path(&msg);
	msg.type = 42;
	ck_assert_int_eq(rsvp_validate(&msg, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_MSG_TYPE);
	sample_path(&msg);
	msg.nobjs = RSVP_MAX_OBJECTS + 1;
	ck_assert_int_eq(rsvp_validate(&msg, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
}
END_TEST

START_TEST(every_sample_is_valid)
{
	size_t i;

	for (i = 0; i < nsamples; i++) {
		samples[i](&msg);
		ck_assert_msg(rsvp_validate(&msg, &err) == 0,
		    "sample %zu: %s", i, err.text);
		ck_assert_int_eq(err.reason, RSVP_E_NONE);
	}
}
END_TEST

Suite *
validate_suite(void)
{
	Suite *s = suite_create("rsvp_validate");
	TCase *tc = tcase_create("validate");

	tcase_add_test(tc, integrity_must_come_first);
	tcase_add_test(tc, fixed_objects_in_any_order);
	tcase_add_test(tc, duplicates_refused);
	tcase_add_test(tc, ctype_mismatch_refused);
	tcase_add_test(tc, source_port_needs_destination_port);
	tcase_add_test(tc, bad_message_struct_refused);
	tcase_add_test(tc, every_sample_is_valid);
	suite_add_tcase(s, tc);
	return s;
}
