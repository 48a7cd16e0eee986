#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(wire_suite());
	int failed;

	srunner_add_suite(sr, err_suite());
	srunner_add_suite(sr, tspec_suite());
	srunner_add_suite(sr, sender_tspec_suite());
	srunner_add_suite(sr, flowspec_suite());
	srunner_add_suite(sr, adspec_suite());
	srunner_add_suite(sr, units_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
