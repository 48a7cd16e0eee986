#include <stdlib.h>

#include "lib/log.h"
#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(engine_suite());
	int failed;

	log_init("test_engine", LOG_LVL_WARN, false);
	srunner_add_suite(sr, engine_timer_suite());
	srunner_add_suite(sr, session_suite());
	srunner_add_suite(sr, psb_suite());
	srunner_add_suite(sr, rsb_suite());
	srunner_add_suite(sr, rsb_conf_suite());
	srunner_add_suite(sr, ero_suite());
	srunner_add_suite(sr, rro_suite());
	srunner_add_suite(sr, lsp_dp_suite());
	srunner_add_suite(sr, engine_show_suite());
	srunner_add_suite(sr, engine_flow_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
