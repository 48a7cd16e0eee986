#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(ctl_proto_suite());
	int failed;

	srunner_add_suite(sr, ctl_suite());
	srunner_add_suite(sr, ctl_cmd_suite());
	srunner_add_suite(sr, quasarctl_cmds_suite());
	srunner_add_suite(sr, quasarctl_print_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
