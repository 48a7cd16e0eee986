#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(api_timer_suite());
	int failed;

	srunner_add_suite(sr, api_host_suite());
	srunner_add_suite(sr, api_sender_suite());
	srunner_add_suite(sr, api_receiver_suite());
	srunner_add_suite(sr, api_text_suite());
	srunner_add_suite(sr, api_sock_suite());
	srunner_add_suite(sr, api_cli_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
