/*
 * pool-xen-drive: drives the Xen backend's ops one line at a time, inside
 * dom0, for tests/xen/checks/50-pool-xen.sh (protocol:
 * tests/tools/drive_core.h).
 *
 *   pool-xen-drive KERNEL RAMDISK NAME_PREFIX MEMORY_MB [CPUPOOL [CPUS]]
 *
 * The routelet's command line is "console=hvc0 quiet", the vif script
 * vif-quasar; QUASAR_XEN_DEBUG=1 logs at debug level;
 * QUASAR_XEN_CONFIG_MS sets how long configure waits for the routelet's
 * answer (emulated guests are slow).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/pool_xen.h"
#include "lib/log.h"
#include "tests/tools/drive_core.h"

int
main(int argc, char **argv)
{
	struct pool_xen_conf conf;
	struct drive_core d;
	struct event_base *base;
	const char *dbg = getenv("QUASAR_XEN_DEBUG");
	const char *cfg_ms = getenv("QUASAR_XEN_CONFIG_MS");
	void *be;
	int rc;

	if (argc < 5 || argc > 7) {
		fprintf(stderr, "usage: %s KERNEL RAMDISK NAME_PREFIX "
		    "MEMORY_MB [CPUPOOL [CPUS]]\n", argv[0]);
		return 2;
	}
	log_init("pool-xen-drive", dbg != NULL && strcmp(dbg, "1") == 0 ?
	    LOG_LVL_DEBUG : LOG_LVL_INFO, false);
	base = event_base_new();
	if (base == NULL)
		return 1;
	conf = (struct pool_xen_conf){ .kernel = argv[1], .ramdisk = argv[2],
	    .cmdline = "console=hvc0 quiet", .name_prefix = argv[3],
	    .vif_script = "vif-quasar",
	    .cpupool = argc > 5 ? argv[5] : "",
	    .cpupool_cpus = argc > 6 ? argv[6] : "",
	    .memory_mb = (unsigned)strtoul(argv[4], NULL, 10),
	    .config_ms = cfg_ms != NULL ? (unsigned)strtoul(cfg_ms, NULL, 10) :
	    0, .base = base };
	rc = pool_xen_init(&conf, &be);
	if (rc != 0) {
		fprintf(stderr, "init: %s\n", strerror(-rc));
		return 1;
	}
	d = (struct drive_core){ &pool_xen_ops, be, pool_xen_cleanup };
	rc = drive_core_run(base, &d);
	pool_xen_dispose(be);
	event_base_free(base);
	return rc == 0 ? 0 : 1;
}
