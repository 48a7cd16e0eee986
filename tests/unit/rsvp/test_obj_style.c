/* rsvp/obj_style.c: STYLE. */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(styles_round_trip)
{
	static const uint32_t styles[] = {
		RSVP_STYLE_WF, RSVP_STYLE_FF, RSVP_STYLE_SE, 0xabcdef
	};
	size_t i;

	for (i = 0; i < 4; i++) {
		rsvp_msg_init(&msg, RSVP_MSG_RESV);
		add_style(&msg, styles[i])->u.style.flags = 0x5a;
		roundtrip(&msg, false, &out);
		ck_assert_uint_eq(out.objs[0].u.style.options, styles[i]);
		ck_assert_uint_eq(out.objs[0].u.style.flags, 0x5a);
	}
}
END_TEST

START_TEST(style_malformed)
{
	static uint8_t body[8], b[64];

	ck_assert_int_eq(parse_one(RSVP_CLASS_STYLE, 1, body, 8, &out, &err),
	    -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	/* The option vector has 24 bits. */
	rsvp_msg_init(&msg, RSVP_MSG_RESV);
	add_style(&msg, 0x1000000);
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	msg.objs[0].u.style.options = 0xffffff;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), 16);
}
END_TEST

Suite *
obj_style_suite(void)
{
	Suite *s = suite_create("rsvp_obj_style");
	TCase *tc = tcase_create("style");

	tcase_add_test(tc, styles_round_trip);
	tcase_add_test(tc, style_malformed);
	suite_add_tcase(s, tc);
	return s;
}
