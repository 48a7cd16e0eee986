#include <stdio.h>
#include <stdlib.h>

#include "suites.h"

/*
 * These tests change qdiscs, classes and filters, so they run as root in
 * a network namespace of their own (made here, gone with the process);
 * the interfaces they make are called egr*.
 */
int
main(void)
{
	SRunner *sr;
	int failed;

	if (netns_enter() != 0) {
		fprintf(stderr, "test_egress: needs root to make a network "
		    "namespace\n");
		return EXIT_FAILURE;
	}
	sr = srunner_create(egress_speed_suite());
	srunner_add_suite(sr, egress_htb_suite());
	srunner_add_suite(sr, dp_u32_suite());
	srunner_add_suite(sr, nl_util_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
