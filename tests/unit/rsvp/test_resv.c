/* rsvp/resv.c: the Resv grammar and flow descriptor lists. */
#include <check.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(resv_ff_round_trips_with_descriptors)
{
	struct rsvp_flow_desc fd[8];
	size_t n;

	sample_resv_ff(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 8, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(fd[0].flowspec, 5);
	ck_assert_int_eq(fd[0].filter, 6);
	ck_assert_int_eq(fd[0].label, 7);
	ck_assert_int_eq(fd[0].rro, 8);
	/* The second descriptor reuses the first FLOWSPEC. */
	ck_assert_int_eq(fd[1].flowspec, 5);
	ck_assert_int_eq(fd[1].filter, 9);
	ck_assert_int_eq(fd[1].label, 10);
	ck_assert_int_eq(fd[1].rro, -1);
	ck_assert_int_eq(fd[2].flowspec, 11);
	ck_assert_int_eq(fd[2].label, 13);
	ck_assert_uint_eq(out.objs[fd[2].label].u.label.label, 1003);
	/* Too small an array is an error, not an overflow. */
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 2, &n), -1);
}
END_TEST

START_TEST(resv_se_and_wf_round_trip)
{
	struct rsvp_flow_desc fd[8];
	size_t n;

	sample_resv_se(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 8, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(fd[0].flowspec, 4);
	ck_assert_int_eq(fd[1].flowspec, 4);
	ck_assert_int_eq(fd[1].filter, 7);
	ck_assert_int_eq(fd[1].label, 8);
	ck_assert_int_eq(fd[1].rro, 9);
	sample_resv_wf(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 8, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fd[0].flowspec, 5);
	ck_assert_int_eq(fd[0].filter, -1);
}
END_TEST

/* RFC 2205 3.1.4: SESSION, RSVP_HOP, TIME_VALUES, STYLE are required. */
START_TEST(resv_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES,
		RSVP_CLASS_STYLE,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_resv_wf(&msg);
		ck_assert_int_eq(msg_remove(&msg, req[i]), 1);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
	/* And a flow descriptor. */
	sample_resv_wf(&msg);
	msg_remove(&msg, RSVP_CLASS_FLOWSPEC);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_FLOWSPEC, &err);
	sample_resv_se(&msg);
	msg_remove(&msg, RSVP_CLASS_FLOWSPEC);
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_FILTER_SPEC, &err);
	sample_resv_se(&msg);
	msg_remove(&msg, RSVP_CLASS_FILTER_SPEC);
	msg_remove(&msg, RSVP_CLASS_LABEL);
	msg_remove(&msg, RSVP_CLASS_RECORD_ROUTE);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FLOWSPEC, &err);
}
END_TEST

/* RFC 3209 3.2.1: each FF or SE FILTER_SPEC of an LSP tunnel has a LABEL. */
START_TEST(lsp_resv_needs_label_per_filter)
{
	int i;

	sample_resv_ff(&msg);
	i = msg_pos(&msg, RSVP_CLASS_LABEL);
	msg.objs[i].class_num = RSVP_CLASS_POLICY_DATA;
	msg.objs[i].u.opaque.len = 4;
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_LABEL, &err);
	ck_assert_uint_eq(err.offset, 8 + 16 + 12 + 8 + 8 + 8 + 40);
	sample_resv_se(&msg);
	msg_remove(&msg, RSVP_CLASS_LABEL);
	msg_remove(&msg, RSVP_CLASS_RECORD_ROUTE);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_LABEL, &err);
}
END_TEST

START_TEST(unknown_style_is_answered)
{
	sample_resv_wf(&msg);
	msg.objs[msg_pos(&msg, RSVP_CLASS_STYLE)].u.style.options = 0x13;
	expect_invalid(&msg, RSVP_E_STYLE, RSVP_CLASS_STYLE, &err);
	/* RFC 2205 Appendix B: code 6, "Unknown reservation style". */
	ck_assert_int_eq(err.action, RSVP_ACT_SEND_ERROR);
	ck_assert_uint_eq(err.err_code, RSVP_ERR_UNKNOWN_STYLE);
}
END_TEST

START_TEST(flow_descriptor_order)
{
	int i;

	/* A LABEL with no FILTER_SPEC before it. */
	sample_resv_ff(&msg);
	add_label(&msg, 99);
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_LABEL, &err);
	/* A FILTER_SPEC in a WF reservation. */
	sample_resv_wf(&msg);
	add_filter_ipv4(&msg, RSVP_CLASS_FILTER_SPEC, 1);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FILTER_SPEC, &err);
	/* Two FLOWSPECs in an SE reservation. */
	sample_resv_se(&msg);
	add_opaque(&msg, RSVP_CLASS_FLOWSPEC, 2, 8, 0);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FLOWSPEC, &err);
	/* A trailing FF FLOWSPEC with no FILTER_SPEC. */
	sample_resv_ff(&msg);
	add_opaque(&msg, RSVP_CLASS_FLOWSPEC, 2, 8, 0);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FLOWSPEC, &err);
	/* An FF list that starts with a FILTER_SPEC. */
	sample_resv_ff(&msg);
	i = msg_pos(&msg, RSVP_CLASS_FLOWSPEC);
	msg.objs[i].class_num = RSVP_CLASS_POLICY_DATA;
	msg.objs[i].c_type = 1;
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_FILTER_SPEC, &err);
	/* Two LABELs after one FILTER_SPEC. */
	sample_resv_se(&msg);
	msg_remove(&msg, RSVP_CLASS_RECORD_ROUTE);
	add_label(&msg, 7);
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_LABEL, &err);
}
END_TEST

START_TEST(resv_ctype_mismatch)
{
	sample_resv_ff(&msg);
	msg_remove(&msg, RSVP_CLASS_SESSION);
	add_session_ipv4(&msg);
	expect_invalid(&msg, RSVP_E_CTYPE_MISMATCH, RSVP_CLASS_FILTER_SPEC,
	    &err);
}
END_TEST

START_TEST(flow_descriptor_binding)
{
	struct rsvp_flow_desc fd[8];
	size_t n;
	int i;

	/* A LABEL before any FILTER_SPEC. */
	sample_resv_ff(&msg);
	i = msg_pos(&msg, RSVP_CLASS_FLOWSPEC);
	msg.objs[i + 1] = msg.objs[i + 2];
	msg.objs[i + 1].class_num = RSVP_CLASS_LABEL;
	msg.objs[i + 1].c_type = 1;
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_LABEL, &err);
	/* A LABEL after the RECORD_ROUTE of its FILTER_SPEC. */
	sample_resv_se(&msg);
	add_label(&msg, 2003);
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_LABEL, &err);
	/* Two FF FLOWSPECs in a row. */
	sample_resv_ff(&msg);
	i = msg_pos(&msg, RSVP_CLASS_FLOWSPEC);
	msg.objs[i + 1] = msg.objs[i];
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FLOWSPEC, &err);
	/* A forwarded unknown object in the list is passed over. */
	sample_resv_wf(&msg);
	add_opaque(&msg, 0xd0, 1, 4, 0)->kind = RSVP_OBJ_FORWARD;
	add_opaque(&msg, RSVP_CLASS_POLICY_DATA, 1, 4, 0);
	ck_assert_int_eq(rsvp_validate(&msg, &err), 0);
	ck_assert_int_eq(rsvp_resv_flows(&msg, fd, 8, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fd[0].flowspec, msg_pos(&msg, RSVP_CLASS_FLOWSPEC));
}
END_TEST

START_TEST(resv_flows_on_unchecked_messages)
{
	struct rsvp_flow_desc fd[1];
	size_t n;

	sample_resv_wf(&msg);
	ck_assert_int_eq(rsvp_resv_flows(&msg, fd, 0, &n), -1);
	ck_assert_int_eq(rsvp_resv_flows(&msg, fd, 1, &n), 0);
	msg_remove(&msg, RSVP_CLASS_STYLE);
	ck_assert_int_eq(rsvp_resv_flows(&msg, fd, 1, &n), -1);
	ck_assert_uint_eq(n, 0);
}
END_TEST

Suite *
resv_suite(void)
{
	Suite *s = suite_create("rsvp_resv");
	TCase *tc = tcase_create("resv");

	tcase_add_test(tc, resv_ff_round_trips_with_descriptors);
	tcase_add_test(tc, resv_se_and_wf_round_trip);
	tcase_add_test(tc, resv_required_objects);
	tcase_add_test(tc, lsp_resv_needs_label_per_filter);
	tcase_add_test(tc, unknown_style_is_answered);
	tcase_add_test(tc, flow_descriptor_order);
	tcase_add_test(tc, resv_ctype_mismatch);
	tcase_add_test(tc, flow_descriptor_binding);
	tcase_add_test(tc, resv_flows_on_unchecked_messages);
	suite_add_tcase(s, tc);
	return s;
}
