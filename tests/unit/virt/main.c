#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(virt_xml_suite());
	int failed;

	srunner_add_suite(sr, virt_sched_suite());
	srunner_add_suite(sr, virt_err_suite());
	srunner_add_suite(sr, pool_virt_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
