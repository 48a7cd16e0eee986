#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(topo_suite());
	int failed;

	srunner_add_suite(sr, run_suite());
	srunner_add_suite(sr, payload_suite());
	srunner_add_suite(sr, hist_suite());
	srunner_add_suite(sr, flow_suite());
	srunner_add_suite(sr, pace_suite());
	srunner_add_suite(sr, labelfile_suite());
	srunner_add_suite(sr, report_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
