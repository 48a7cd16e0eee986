#include <stdlib.h>
#include <string.h>

#include "lib/inet.h"
#include "lib/log.h"
#include "suites.h"

void
test_config(struct rl_config *cfg)
{
	static const uint8_t nh[ETH_ALEN_] = { 0x02, 0, 0, 0, 0, 0x02 };
	static const uint8_t src[ETH_ALEN_] = { 0x02, 0, 0, 0, 0, 0x01 };

	memset(cfg, 0, sizeof(*cfg));
	cfg->generation = 1;
	cfg->flow_id = 7;
	strcpy(cfg->name, "flow-7");
	cfg->in_label = 1000;
	cfg->out_label = 2000;
	memcpy(cfg->nexthop_mac, nh, sizeof(nh));
	memcpy(cfg->source_mac, src, sizeof(src));
	cfg->tspec.rate = 1000;
	cfg->tspec.bucket = 3000;
	cfg->tspec.peak = POLICER_RATE_INF;
	cfg->tspec.min_unit = 64;
	cfg->tspec.max_size = 1500;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	/* Warnings from the refusals under test still show; chatter not. */
	log_init("test_routelet", LOG_LVL_WARN, false);
	sr = srunner_create(policer_suite());

	srunner_add_suite(sr, forward_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, counters_suite());
	srunner_add_suite(sr, proto_suite());
	srunner_add_suite(sr, chan_sock_suite());
	srunner_add_suite(sr, chan_xs_suite());
	srunner_add_suite(sr, meminfo_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
