/*
 * pool-netns-drive: drives the netns backend's ops one line at a time, for
 * tests/integration/pool_netns.sh (protocol: tests/tools/drive_core.h).
 *
 *   pool-netns-drive ROUTELET NS_PREFIX IF_PREFIX CG_PARENT RUN_DIR
 */
#include <stdio.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/pool_netns.h"
#include "lib/log.h"
#include "tests/tools/drive_core.h"

int
main(int argc, char **argv)
{
	struct pool_netns_conf conf;
	struct drive_core d;
	struct event_base *base;
	void *be;
	int rc;

	if (argc != 6) {
		fprintf(stderr, "usage: %s ROUTELET NS_PREFIX IF_PREFIX "
		    "CG_PARENT RUN_DIR\n", argv[0]);
		return 2;
	}
	log_init("pool-netns-drive", LOG_LVL_DEBUG, false);
	base = event_base_new();
	if (base == NULL)
		return 1;
	conf = (struct pool_netns_conf){ .routelet = argv[1], .ip = "ip",
	    .ns_prefix = argv[2], .if_prefix = argv[3],
	    .cgroup_parent = argv[4], .run_dir = argv[5],
	    .mounts = "/proc/mounts", .base = base };
	rc = pool_netns_init(&conf, &be);
	if (rc != 0) {
		fprintf(stderr, "init: %s\n", strerror(-rc));
		event_base_free(base);
		return 1;
	}
	d = (struct drive_core){ .ops = &pool_netns_ops, .be = be,
	    .cleanup = pool_netns_cleanup };
	rc = drive_core_run(base, &d);
	if (rc != 0)
		fprintf(stderr, "driver: %s\n", strerror(-rc));
	pool_netns_dispose(be);
	event_base_free(base);
	return rc == 0 ? 0 : 1;
}
