/* rsvp/tear.c: PathTear and ResvTear grammars. */
#include <check.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(teardowns_round_trip)
{
	struct rsvp_flow_desc fd[4];
	size_t n;

	sample_pathtear(&msg);
	roundtrip(&msg, true, &out);
	sample_resvtear(&msg);
	roundtrip(&msg, true, &out);
	/* RFC 2205 3.1.6: FLOWSPECs may be omitted from a ResvTear. */
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 4, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(fd[0].flowspec, -1);
	ck_assert_int_eq(fd[1].filter, 4);
}
END_TEST

/* RFC 2205 3.1.5: PathTear needs SESSION and RSVP_HOP. */
START_TEST(pathtear_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_pathtear(&msg);
		msg_remove(&msg, req[i]);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
	sample_pathtear(&msg);
	add_time(&msg);
	expect_invalid(&msg, RSVP_E_ILLEGAL_CLASS, RSVP_CLASS_TIME_VALUES,
	    &err);
}
END_TEST

/* RFC 2205 3.1.6: ResvTear needs SESSION, RSVP_HOP, STYLE, descriptors. */
START_TEST(resvtear_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_STYLE,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_resvtear(&msg);
		msg_remove(&msg, req[i]);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
	}
	sample_resvtear(&msg);
	msg_remove(&msg, RSVP_CLASS_FILTER_SPEC);
	expect_invalid(&msg, RSVP_E_MISSING, RSVP_CLASS_FILTER_SPEC, &err);
	/* An SE FLOWSPEC, when there is one, comes before the filters. */
	sample_resvtear(&msg);
	add_opaque(&msg, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 8, 0);
	expect_invalid(&msg, RSVP_E_ORDER, RSVP_CLASS_FLOWSPEC, &err);
	sample_resvtear(&msg);
	add_label(&msg, 16);
	expect_invalid(&msg, RSVP_E_ILLEGAL_CLASS, RSVP_CLASS_LABEL, &err);
}
END_TEST

Suite *
tear_suite(void)
{
	Suite *s = suite_create("rsvp_tear");
	TCase *tc = tcase_create("tear");

	tcase_add_test(tc, teardowns_round_trip);
	tcase_add_test(tc, pathtear_required_objects);
	tcase_add_test(tc, resvtear_required_objects);
	suite_add_tcase(s, tc);
	return s;
}
