/*
 * The libxl domain config of a routelet: what images/routelet.cfg says
 * for xl, built in C.  A PV guest with one vCPU, the conf's memory, kernel,
 * initramfs and command line, one vif whose hotplug script only brings
 * dom0's end up, and destroy on every kind of shutdown.  Those actions are
 * carried out by whoever handles the domain's death in libxl (xl's
 * background process for domains xl made); quasard does not: its watch
 * (pool_xen_watch.c) counts any shutdown as death and the pool destroys
 * the remains and makes another.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/pool_xen_local.h"

/* strdup that keeps NULL; false when out of memory. */
static bool
dup_str(char **dst, const char *src)
{
	if (src == NULL || src[0] == '\0') {
		*dst = NULL;
		return true;
	}
	*dst = strdup(src);
	return *dst != NULL;
}

int
xen_dom_config(const struct pool_xen_conf *conf, const char *name,
    uint32_t poolid, libxl_domain_config *dc)
{
	libxl_domain_create_info *c = &dc->c_info;
	libxl_domain_build_info *b = &dc->b_info;
	libxl_device_nic *nic;

	c->type = LIBXL_DOMAIN_TYPE_PV;
	c->poolid = poolid;
	if (!dup_str(&c->name, name))
		return -ENOMEM;

	libxl_domain_build_info_init_type(b, LIBXL_DOMAIN_TYPE_PV);
	b->max_vcpus = 1;
	b->max_memkb = (uint64_t)conf->memory_mb * 1024;
	b->target_memkb = b->max_memkb;
	if (!dup_str(&b->kernel, conf->kernel) ||
	    !dup_str(&b->ramdisk, conf->ramdisk) ||
	    !dup_str(&b->cmdline, conf->cmdline))
		return -ENOMEM;

	dc->on_poweroff = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	dc->on_reboot = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	dc->on_watchdog = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	dc->on_crash = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;

	dc->nics = calloc(1, sizeof(*dc->nics));
	if (dc->nics == NULL)
		return -ENOMEM;
	dc->num_nics = 1;
	nic = &dc->nics[0];
	libxl_device_nic_init(nic);
	nic->devid = 0;		/* dom0's end: vif<domid>.0 */
	if (!dup_str(&nic->script, conf->vif_script))
		return -ENOMEM;
	return 0;
}
