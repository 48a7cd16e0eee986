/* rsvp/err.c: PathErr and ResvErr grammars. */
#include <check.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(error_messages_round_trip)
{
	struct rsvp_sender_desc sd;
	struct rsvp_flow_desc fd[4];
	size_t n;

	sample_patherr(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_uint_eq(out.objs[1].u.error_spec.code, RSVP_ERR_ROUTING);
	ck_assert_int_eq(rsvp_path_sender(&out, &sd), 1);
	ck_assert_int_eq(sd.tspec, 3);
	sample_resverr(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 4, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fd[0].label, 6);
}
END_TEST

/* RFC 2205 3.1.7: PathErr needs SESSION and ERROR_SPEC. */
START_TEST(patherr_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_patherr(&msg);
		msg_remove(&msg, req[i]);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
		/* Errors are not answered with errors. */
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
	sample_patherr(&msg);
	add_hop(&msg);
	expect_invalid(&msg, RSVP_E_ILLEGAL_CLASS, RSVP_CLASS_RSVP_HOP, &err);
}
END_TEST

/* RFC 2205 3.1.8: ResvErr needs SESSION, RSVP_HOP, ERROR_SPEC, STYLE. */
START_TEST(resverr_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_ERROR_SPEC,
		RSVP_CLASS_STYLE,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_resverr(&msg);
		msg_remove(&msg, req[i]);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
	}
	/* The error flow descriptor is optional... */
	sample_resverr(&msg);
	msg_remove(&msg, RSVP_CLASS_FLOWSPEC);
	msg_remove(&msg, RSVP_CLASS_FILTER_SPEC);
	msg_remove(&msg, RSVP_CLASS_LABEL);
	ck_assert_int_eq(rsvp_validate(&msg, &err), 0);
	/* ...but there is at most one FF descriptor. */
	sample_resverr(&msg);
	add_filter_lsp(&msg, RSVP_CLASS_FILTER_SPEC, 2);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FILTER_SPEC, &err);
}
END_TEST

Suite *
err_suite(void)
{
	Suite *s = suite_create("rsvp_err");
	TCase *tc = tcase_create("err");

	tcase_add_test(tc, error_messages_round_trip);
	tcase_add_test(tc, patherr_required_objects);
	tcase_add_test(tc, resverr_required_objects);
	suite_add_tcase(s, tc);
	return s;
}
