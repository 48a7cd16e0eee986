/*
 * pool-virt-drive: drives the libvirt backend's ops one line at a time,
 * for tests/integration/pool_virt_lxc.sh (protocol:
 * tests/tools/drive_core.h).
 *
 *   pool-virt-drive URI NAME_PREFIX IF_PREFIX RUN_DIR ROUTELET [KERNEL INITRD]
 */
#include <stdio.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/pool_virt.h"
#include "lib/log.h"
#include "tests/tools/drive_core.h"

int
main(int argc, char **argv)
{
	struct pool_virt_conf conf;
	struct drive_core d;
	struct event_base *base;
	void *be;
	int rc;

	if (argc != 6 && argc != 8) {
		fprintf(stderr, "usage: %s URI NAME_PREFIX IF_PREFIX RUN_DIR "
		    "ROUTELET [KERNEL INITRD]\n", argv[0]);
		return 2;
	}
	log_init("pool-virt-drive", LOG_LVL_DEBUG, false);
	base = event_base_new();
	if (base == NULL)
		return 1;
	conf = (struct pool_virt_conf){ .uri = argv[1],
	    .name_prefix = argv[2], .if_prefix = argv[3], .run_dir = argv[4],
	    .routelet = argv[5], .kernel = argc == 8 ? argv[6] : NULL,
	    .initrd = argc == 8 ? argv[7] : NULL, .base = base };
	rc = pool_virt_init(&conf, &be);
	if (rc != 0) {
		fprintf(stderr, "init: %s\n", strerror(-rc));
		event_base_free(base);
		return 1;
	}
	d = (struct drive_core){ .ops = &pool_virt_ops, .be = be,
	    .cleanup = pool_virt_cleanup };
	rc = drive_core_run(base, &d);
	if (rc != 0)
		fprintf(stderr, "driver: %s\n", strerror(-rc));
	pool_virt_dispose(be);
	event_base_free(base);
	return rc == 0 ? 0 : 1;
}
