#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(link_suite());
	int failed;

	srunner_add_suite(sr, ipv4_suite());
	srunner_add_suite(sr, dissect_suite());
	srunner_add_suite(sr, print_text_suite());
	srunner_add_suite(sr, print_json_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
