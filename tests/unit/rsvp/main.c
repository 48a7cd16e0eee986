#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	Suite *(*const suites[])(void) = {
		unknown_suite, validate_suite, path_suite, resv_suite,
		err_suite, tear_suite, conf_suite, hello_suite,
		obj_session_suite, obj_filter_suite, obj_hop_suite,
		obj_error_suite, obj_style_suite, obj_integrity_suite,
		obj_label_suite, obj_route_suite, obj_session_attr_suite,
		obj_hello_suite, obj_opaque_suite, obj_table_suite, names_suite,
		vectors_suite,
	};
	SRunner *sr = srunner_create(packet_suite());
	size_t i;
	int failed;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
