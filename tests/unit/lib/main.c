#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(cursor_suite());
	int failed;

	srunner_add_suite(sr, writer_suite());
	srunner_add_suite(sr, mpls_suite());
	srunner_add_suite(sr, inet_suite());
	srunner_add_suite(sr, log_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
