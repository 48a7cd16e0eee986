/* rsvp/names.c: name tables. */
#include <check.h>

#include "rsvp/rsvp.h"
#include "suites.h"

START_TEST(message_and_class_names)
{
	ck_assert_str_eq(rsvp_msg_type_name(RSVP_MSG_PATH), "Path");
	ck_assert_str_eq(rsvp_msg_type_name(RSVP_MSG_RESVCONF), "ResvConf");
	ck_assert_str_eq(rsvp_msg_type_name(RSVP_MSG_HELLO), "Hello");
	ck_assert_ptr_null(rsvp_msg_type_name(8));
	ck_assert_str_eq(rsvp_class_name(RSVP_CLASS_SESSION_ATTRIBUTE),
	    "SESSION_ATTRIBUTE");
	ck_assert_str_eq(rsvp_class_name(RSVP_CLASS_EXPLICIT_ROUTE),
	    "EXPLICIT_ROUTE");
	ck_assert_ptr_null(rsvp_class_name(0xc7));
	ck_assert_str_eq(rsvp_ctype_name(RSVP_CLASS_SESSION, 7),
	    "LSP_TUNNEL_IPv4");
	ck_assert_str_eq(rsvp_ctype_name(RSVP_CLASS_HELLO, 2), "ACK");
	ck_assert_str_eq(rsvp_ctype_name(RSVP_CLASS_FLOWSPEC, 2), "IntServ");
	ck_assert_ptr_null(rsvp_ctype_name(RSVP_CLASS_SESSION, 2));
}
END_TEST

START_TEST(error_names)
{
	ck_assert_str_eq(rsvp_error_code_name(RSVP_ERR_UNKNOWN_CLASS),
	    "Unknown object class");
	ck_assert_str_eq(rsvp_error_code_name(RSVP_ERR_ROUTING),
	    "Routing Problem");
	ck_assert_ptr_null(rsvp_error_code_name(10));
	ck_assert_str_eq(rsvp_error_value_name(RSVP_ERR_ROUTING, 1),
	    "Bad EXPLICIT_ROUTE object");
	ck_assert_str_eq(rsvp_error_value_name(RSVP_ERR_ADMISSION, 2),
	    "Requested bandwidth unavailable");
	/* ssur bits: u=1 (0x1000) still a global sub-code... */
	ck_assert_str_eq(rsvp_error_value_name(RSVP_ERR_ADMISSION, 0x1002),
	    "Requested bandwidth unavailable");
	/* ...an organization-specific one (ss=10) is not named. */
	ck_assert_ptr_null(rsvp_error_value_name(RSVP_ERR_ADMISSION, 0x8002));
	ck_assert_str_eq(rsvp_error_value_name(RSVP_ERR_TRAFFIC_CONTROL, 4),
	    "Bad Tspec value");
	ck_assert_ptr_null(rsvp_error_value_name(RSVP_ERR_UNKNOWN_CLASS,
	    0x4001));
}
END_TEST

START_TEST(style_subobject_reason_names)
{
	ck_assert_str_eq(rsvp_style_name(RSVP_STYLE_FF), "FF");
	ck_assert_str_eq(rsvp_style_name(0xffff00 | RSVP_STYLE_SE), "SE");
	ck_assert_str_eq(rsvp_style_name(RSVP_STYLE_WF), "WF");
	ck_assert_ptr_null(rsvp_style_name(0x13));
	ck_assert_str_eq(rsvp_subobj_name(RSVP_SUBOBJ_AS), "AS");
	ck_assert_str_eq(rsvp_subobj_name(RSVP_SUBOBJ_IPV6), "IPv6");
	ck_assert_ptr_null(rsvp_subobj_name(4));
	ck_assert_str_eq(rsvp_reason_name(RSVP_E_CHECKSUM), "bad checksum");
	ck_assert_str_eq(rsvp_reason_name(RSVP_E_ROUTE),
	    "bad EXPLICIT_ROUTE");
	ck_assert_str_eq(rsvp_reason_name(RSVP_E_PORT), "bad source port");
}
END_TEST

Suite *
names_suite(void)
{
	Suite *s = suite_create("rsvp_names");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, message_and_class_names);
	tcase_add_test(tc, error_names);
	tcase_add_test(tc, style_subobject_reason_names);
	suite_add_tcase(s, tc);
	return s;
}
