#include <stdlib.h>

#include "lib/log.h"
#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(calibrate_result_suite());
	int failed;

	/* hostile files are refused with a warning naming the line */
	log_init("test_calibrate", LOG_LVL_WARN, false);
	srunner_add_suite(sr, calibrate_file_suite());
	srunner_add_suite(sr, calibrate_run_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
