#include <string.h>

#include "flowspec/intserv.h"
#include "suites.h"

START_TEST(every_reason_has_its_own_name)
{
	const char *names[IS_E_TOO_MANY + 1];
	int i, j;

	for (i = IS_OK; i <= IS_E_TOO_MANY; i++) {
		names[i] = is_reason_str((enum is_reason)i);
		ck_assert_ptr_nonnull(names[i]);
		ck_assert_uint_gt(strlen(names[i]), 0);
		ck_assert_str_ne(names[i], "unknown reason");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(names[i], names[j]);
	}
	ck_assert_str_eq(is_reason_str((enum is_reason)(IS_E_TOO_MANY + 1)),
	    "unknown reason");
}
END_TEST

Suite *
err_suite(void)
{
	Suite *s = suite_create("err");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, every_reason_has_its_own_name);
	suite_add_tcase(s, tc);
	return s;
}
