/* rsvp/conf.c: the ResvConf grammar. */
#include <check.h>

#include "helpers.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(resvconf_round_trips)
{
	sample_resvconf(&msg);
	roundtrip(&msg, true, &out);
	ck_assert_uint_eq(out.objs[2].u.resv_confirm.receiver.s_addr,
	    ip("10.0.0.9").s_addr);
}
END_TEST

/* RFC 2205 3.1.9: SESSION, ERROR_SPEC, RESV_CONFIRM, STYLE, descriptors. */
START_TEST(resvconf_required_objects)
{
	static const uint8_t req[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC,
		RSVP_CLASS_RESV_CONFIRM, RSVP_CLASS_STYLE,
	};
	size_t i;

	for (i = 0; i < sizeof(req); i++) {
		sample_resvconf(&msg);
		msg_remove(&msg, req[i]);
		expect_invalid(&msg, RSVP_E_MISSING, req[i], &err);
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
	sample_resvconf(&msg);
	msg_remove(&msg, RSVP_CLASS_FILTER_SPEC);
	msg_remove(&msg, RSVP_CLASS_LABEL);
	expect_invalid(&msg, RSVP_E_DESCRIPTOR, RSVP_CLASS_FLOWSPEC, &err);
}
END_TEST

/* RFC 2205 Appendix B: code 0 is the ResvConf code. */
START_TEST(resvconf_error_code_must_be_zero)
{
	sample_resvconf(&msg);
	msg.objs[1].u.error_spec.code = RSVP_ERR_ADMISSION;
	expect_invalid(&msg, RSVP_E_OBJ_BODY, RSVP_CLASS_ERROR_SPEC, &err);
}
END_TEST

Suite *
conf_suite(void)
{
	Suite *s = suite_create("rsvp_conf");
	TCase *tc = tcase_create("conf");

	tcase_add_test(tc, resvconf_round_trips);
	tcase_add_test(tc, resvconf_required_objects);
	tcase_add_test(tc, resvconf_error_code_must_be_zero);
	suite_add_tcase(s, tc);
	return s;
}
