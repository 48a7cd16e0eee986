#include <stdlib.h>

#include "lib/log.h"
#include "suites.h"

int
main(void)
{
	SRunner *sr;
	int failed;

	/* Warnings from the refusals under test still show; chatter not. */
	log_init("test_xen", LOG_LVL_WARN, false);
	sr = srunner_create(caps_suite());
	srunner_add_suite(sr, dom_suite());
	srunner_add_suite(sr, chan_suite());
	srunner_add_suite(sr, names_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
