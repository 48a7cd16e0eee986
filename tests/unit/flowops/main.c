#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(pool_claim_suite());
	int failed;

	srunner_add_suite(sr, pool_ctl_suite());
	srunner_add_suite(sr, flows_rec_suite());
	srunner_add_suite(sr, flows_rehome_suite());
	srunner_add_suite(sr, flows_state_suite());
	srunner_add_suite(sr, flows_ctl_suite());
	srunner_add_suite(sr, quasarctl_flowops_suite());
	srunner_add_suite(sr, egress_walk_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
