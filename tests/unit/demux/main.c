#include <stdlib.h>

#include "lib/log.h"
#include "harness.h"
#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(linecard_suite());
	int failed;

	log_init("test_demux", LOG_LVL_WARN, false);
	srunner_add_suite(sr, vif_suite());
	srunner_add_suite(sr, ftn_suite());
	srunner_add_suite(sr, dp_suite());
	srunner_add_suite(sr, dp_bpf_suite());
	srunner_add_suite(sr, lsp_suite());
	srunner_run_all(sr, CK_NORMAL);
	harness_sweep();
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
