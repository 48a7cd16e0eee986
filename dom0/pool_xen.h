/*
 * The pool's Xen backend (docs/pool-xen.md): routelet <id> is the PV
 * domain <name_prefix><id> ("quasar-rl-3") made with libxl from the
 * routelet images, with one vif whose dom0 end is vif<domid>.0 (brought up
 * by the hotplug script, on no bridge).  Caps go to the domain's
 * scheduler (credit or credit2: cap and weight) and its memory target;
 * the config goes under /local/domain/<domid>/quasar/ in xenstore, where
 * the routelet (routelet/chan_xs.c) reads it and acknowledges each
 * generation; death is noticed through xenstore's @releaseDomain watch on
 * the caller's libevent loop.
 *
 * Threading (dom0/pool.h): create and destroy run in the pool's worker
 * thread, the other ops on the loop.  libxl_ctx is thread-safe; the worker
 * and the loop each have their own xenstore connection.
 */
#ifndef QUASAR_DOM0_POOL_XEN_H
#define QUASAR_DOM0_POOL_XEN_H

#include "dom0/pool.h"

struct event_base;

struct pool_xen_conf {
	const char	*kernel;	/* the routelet's kernel (dom0 path) */
	const char	*ramdisk;	/* its initramfs */
	const char	*cmdline;	/* "console=hvc0 quiet" */
	const char	*name_prefix;	/* "quasar-rl-" */
	const char	*vif_script;	/* "vif-quasar": /etc/xen/scripts/ */
	const char	*cpupool;	/* "quasar", or "" for Pool-0 */
	const char	*cpupool_cpus;	/* "1": moved from Pool-0 if the
					   cpupool must be made; "" = none */
	unsigned	memory_mb;	/* at least 96 (Debian's kernel) */
	unsigned	boot_ms;	/* create: wait for the routelet
					   (0: 60000) */
	unsigned	config_ms;	/* configure: wait for its answer
					   (0: 5000) */
	struct event_base *base;	/* the loop that watch uses */
};

/* The backend's ops for pool_create, with the state from pool_xen_init. */
extern const struct pool_backend_ops pool_xen_ops;

/*
 * Connect to libxl and xenstore with 'conf' (its strings are copied),
 * find the scheduler, find or make the cpupool, set the @releaseDomain
 * watch on conf->base.  Returns 0 with '*be_r', or -errno (-ENODEV: no
 * Xen here; -EINVAL: a bad conf; -ENAMETOOLONG: a name too long).
 */
int	pool_xen_init(const struct pool_xen_conf *conf, void **be_r);

/* Free the state (after pool_free; domains are not touched). */
void	pool_xen_dispose(void *be);

/*
 * Destroy every domain named <name_prefix><n> (a crashed quasard's
 * routelets, when they are not to be adopted).  Slow: libxl destroys
 * each in turn.  Returns the number destroyed, or -errno.
 */
int	pool_xen_cleanup(void *be);

#endif
