/* host/api_text.c: errors, routes and styles as people read them. */
#include <check.h>
#include <string.h>

#include "fake.h"
#include "suites.h"

START_TEST(error_with_and_without_names)
{
	struct rsvp_error_spec e = { .code = RSVP_ERR_ROUTING,
	    .value = RSVP_ERRV_RT_BAD_STRICT };
	char buf[128];

	e.node = fake_addr("10.0.12.2");
	ck_assert_str_eq(rsvp_api_error_text(&e, buf, sizeof(buf)),
	    "Routing Problem (24) / Bad strict node (2) from 10.0.12.2");
	e.value = 999;
	ck_assert_str_eq(rsvp_api_error_text(&e, buf, sizeof(buf)),
	    "Routing Problem (24) / value 999 from 10.0.12.2");
	e.code = 99;
	ck_assert_str_eq(rsvp_api_error_text(&e, buf, sizeof(buf)),
	    "unknown error (99) / value 999 from 10.0.12.2");
	/* Cut to the buffer, still a string. */
	ck_assert_uint_eq(strlen(rsvp_api_error_text(&e, buf, 8)), 7);
}
END_TEST

START_TEST(route_with_labels)
{
	struct rsvp_api_rr_hop hops[2];
	char buf[64];

	memset(hops, 0, sizeof(hops));
	hops[0].addr = fake_addr("10.0.1.2");
	hops[0].has_label = true;
	hops[0].label = 1000;
	hops[1].addr = fake_addr("10.0.2.2");
	ck_assert_str_eq(rsvp_api_route_text(hops, 2, buf, sizeof(buf)),
	    "10.0.1.2 label 1000, 10.0.2.2");
	ck_assert_str_eq(rsvp_api_route_text(hops, 0, buf, sizeof(buf)), "");
	ck_assert_uint_eq(strlen(rsvp_api_route_text(hops, 2, buf, 12)), 11);
}
END_TEST

START_TEST(styles)
{
	char buf[16];

	ck_assert_str_eq(rsvp_api_style_text(RSVP_STYLE_FF, buf, sizeof(buf)),
	    "FF");
	ck_assert_str_eq(rsvp_api_style_text(RSVP_STYLE_SE, buf, sizeof(buf)),
	    "SE");
	ck_assert_str_eq(rsvp_api_style_text(0x1f, buf, sizeof(buf)), "0x1f");
}
END_TEST

Suite *
api_text_suite(void)
{
	Suite *s = suite_create("api_text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, error_with_and_without_names);
	tcase_add_test(tc, route_with_labels);
	tcase_add_test(tc, styles);
	suite_add_tcase(s, tc);
	return s;
}
