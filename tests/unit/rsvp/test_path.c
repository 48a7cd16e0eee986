/* rsvp/path.c: the Path grammar and sender descriptor. */
#include <check.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(path_round_trips)
{
	struct rsvp_sender_desc sd;

	sample_path(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_int_eq(rsvp_path_sender(&out, &sd), 1);
	ck_assert_int_eq(sd.tmpl, 8);
	ck_assert_int_eq(sd.tspec, 9);
	ck_assert_int_eq(sd.adspec, 10);
	ck_assert_int_eq(sd.rro, 11);
	sample_path_ipv4(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_int_eq(rsvp_path_sender(&out, &sd), 1);
	ck_assert_int_eq(sd.adspec, -1);
	ck_assert_int_eq(sd.rro, -1);
}
END_TEST

/* RFC 2205 3.1.3: SESSION, RSVP_HOP, TIME_VALUES are required. */
START_TEST(path_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_path_ipv4(&msg);
		ck_assert_int_eq(msg_remove(&msg, req[i]), 1);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
}
END_TEST

/* RFC 3209 3.1.1: an LSP tunnel Path needs LABEL_REQUEST and a sender. */
START_TEST(lsp_path_needs_label_request_and_sender)
{
	sample_path(&msg);
	msg_remove(&msg, RSVP_CLASS_LABEL_REQUEST);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_LABEL_REQUEST, &err);
	sample_path(&msg);
	msg_remove(&msg, RSVP_CLASS_SENDER_TEMPLATE);
	msg_remove(&msg, RSVP_CLASS_SENDER_TSPEC);
	msg_remove(&msg, RSVP_CLASS_ADSPEC);
	msg_remove(&msg, RSVP_CLASS_RECORD_ROUTE);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_SENDER_TEMPLATE, &err);
	/* An RFC 2205 session may omit both. */
	sample_path_ipv4(&msg);
	msg_remove(&msg, RSVP_CLASS_SENDER_TEMPLATE);
	msg_remove(&msg, RSVP_CLASS_SENDER_TSPEC);
	ck_assert_int_eq(rsvp_validate(&msg, &err), 0);
}
END_TEST

START_TEST(sender_descriptor_rules)
{
	struct rsvp_sender_desc sd;

	/* SENDER_TSPEC is required with a SENDER_TEMPLATE. */
	sample_path(&msg);
	msg_remove(&msg, RSVP_CLASS_SENDER_TSPEC);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_SENDER_TSPEC, &err);
	/* TSPEC without a template. */
	sample_path_ipv4(&msg);
	msg_remove(&msg, RSVP_CLASS_SENDER_TEMPLATE);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_SENDER_TSPEC, &err);
	ck_assert_int_eq(rsvp_path_sender(&msg, &sd), -1);
	/* Order: TEMPLATE TSPEC ADSPEC RRO; the TSPEC is now early. */
	sample_path(&msg);
	msg_remove(&msg, RSVP_CLASS_SENDER_TEMPLATE);
	add_filter_lsp(&msg, RSVP_CLASS_SENDER_TEMPLATE, 1);
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_SENDER_TSPEC, &err);
	/* rsvp_path_sender() on an unchecked message with two. */
	sample_path(&msg);
	add_opaque(&msg, RSVP_CLASS_ADSPEC, RSVP_CTYPE_INTSERV, 8, 0);
	ck_assert_int_eq(rsvp_path_sender(&msg, &sd), -1);
	/* Two sender descriptors. */
	sample_path(&msg);
	add_filter_lsp(&msg, RSVP_CLASS_SENDER_TEMPLATE, 2);
	expect_invalid(&msg, RSVP_E_DUPLICATE, RSVP_CLASS_SENDER_TEMPLATE,
	    &err);
}
END_TEST

START_TEST(path_illegal_objects)
{
	static const uint8_t illegal[] = {
		RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC, RSVP_CLASS_LABEL,
		RSVP_CLASS_ERROR_SPEC, RSVP_CLASS_HELLO, RSVP_CLASS_SCOPE,
	};
	size_t i;

	for (i = 0; i < sizeof(illegal); i++) {
		sample_path(&msg);
		switch (illegal[i]) {
		case RSVP_CLASS_STYLE:
			add_style(&msg, RSVP_STYLE_FF);
			break;
		case RSVP_CLASS_FLOWSPEC:
			add_opaque(&msg, illegal[i], 2, 8, 0);
			break;
		case RSVP_CLASS_LABEL:
			add_label(&msg, 16);
			break;
		case RSVP_CLASS_ERROR_SPEC:
			add_error_spec(&msg, 1, 1);
			break;
		case RSVP_CLASS_HELLO:
			add_hello(&msg, 1);
			break;
		default:
			add_scope(&msg, 1);
			break;
		}
		expect_invalid(&msg, RSVP_E_ILLEGAL_CLASS, illegal[i], &err);
	}
}
END_TEST

Suite *
path_suite(void)
{
	Suite *s = suite_create("rsvp_path");
	TCase *tc = tcase_create("path");

	tcase_add_test(tc, path_round_trips);
	tcase_add_test(tc, path_required_objects);
	tcase_add_test(tc, lsp_path_needs_label_request_and_sender);
	tcase_add_test(tc, sender_descriptor_rules);
	tcase_add_test(tc, path_illegal_objects);
	suite_add_tcase(s, tc);
	return s;
}
