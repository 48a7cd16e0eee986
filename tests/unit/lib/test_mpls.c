#include "lib/mpls.h"
#include "suites.h"

START_TEST(make_and_split)
{
	__u32 lse = mpls_lse_make(1000, 5, 1, 64);

	ck_assert_uint_eq(lse, (1000u << 12) | (5u << 9) | (1u << 8) | 64u);
	ck_assert_uint_eq(mpls_lse_label(lse), 1000);
	ck_assert_uint_eq(mpls_lse_tc(lse), 5);
	ck_assert(mpls_lse_bottom(lse));
	ck_assert_uint_eq(mpls_lse_ttl(lse), 64);
}
END_TEST

START_TEST(fields_do_not_bleed)
{
	__u32 lse = mpls_lse_make(0xFFFFFFFF, 0xFF, 0, 0xFF);

	ck_assert_uint_eq(mpls_lse_label(lse), MPLS_LABEL_MAX);
	ck_assert_uint_eq(mpls_lse_tc(lse), 7);
	ck_assert(!mpls_lse_bottom(lse));
	ck_assert_uint_eq(mpls_lse_ttl(lse), 255);
}
END_TEST

START_TEST(set_keeps_other_fields)
{
	__u32 lse = mpls_lse_make(16, 3, 1, 10);

	lse = mpls_lse_set_label(lse, 99999);
	ck_assert_uint_eq(mpls_lse_label(lse), 99999);
	ck_assert_uint_eq(mpls_lse_tc(lse), 3);
	ck_assert(mpls_lse_bottom(lse));
	lse = mpls_lse_set_ttl(lse, 9);
	ck_assert_uint_eq(mpls_lse_ttl(lse), 9);
	ck_assert_uint_eq(mpls_lse_label(lse), 99999);
}
END_TEST

START_TEST(reserved_range)
{
	ck_assert(mpls_label_is_reserved(MPLS_LABEL_IPV4_EXPLICIT_NULL));
	ck_assert(mpls_label_is_reserved(MPLS_LABEL_IMPLICIT_NULL));
	ck_assert(mpls_label_is_reserved(15));
	ck_assert(!mpls_label_is_reserved(16));
}
END_TEST

Suite *
mpls_suite(void)
{
	Suite *s = suite_create("mpls");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, make_and_split);
	tcase_add_test(tc, fields_do_not_bleed);
	tcase_add_test(tc, set_keeps_other_fields);
	tcase_add_test(tc, reserved_range);
	suite_add_tcase(s, tc);
	return s;
}
