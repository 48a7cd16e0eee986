#include <stdlib.h>

#include "lib/log.h"
#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(flows_suite());
	int failed;

	log_init("test_flows", LOG_LVL_WARN, false);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
