/*
 * The pool's libvirt backend (docs/pool-virt.md): routelet <id> is the
 * transient libvirt domain <name_prefix><id> on the connection 'uri',
 * whose network interface has its dom0 end named <if_prefix><id>.
 *
 *   lxc:///system    an LXC container whose init runs quasar-routelet on
 *                    eth0, configured over the UNIX socket
 *                    <run_dir>/<name_prefix><id>.sock (run_dir is passed
 *                    through into the container)
 *   xen:///system    a Xen PV guest booted from 'kernel' and 'initrd'
 *                    (images/), configured through xenstore
 *                    (/local/domain/<domid>/quasar/)
 *   test:///default  libvirt's test driver: domains without a routelet,
 *                    for the API's unit tests (configure is refused)
 *
 * Production names: quasar-rl-<n>, rl<n>; tests pass their own prefixes.
 */
#ifndef QUASAR_DOM0_POOL_VIRT_H
#define QUASAR_DOM0_POOL_VIRT_H

#include <stdint.h>

#include "dom0/pool.h"

struct event_base;

struct pool_virt_conf {
	const char	*uri;		/* "lxc:///system", "xen:///system" */
	const char	*name_prefix;	/* "quasar-rl-" */
	const char	*if_prefix;	/* "rl"; with the id at most 15 bytes */
	const char	*run_dir;	/* LXC: the sockets, must exist */
	const char	*routelet;	/* LXC: path of quasar-routelet */
	const char	*kernel;	/* Xen: the routelet guest's kernel */
	const char	*initrd;	/* Xen: its initramfs */
	const char	*cmdline;	/* Xen: "console=hvc0 quiet"; NULL: that */
	const char	*vif_script;	/* Xen: "vif-quasar"; NULL: that */
	uint64_t	mem_kib;	/* a domain's memory, also the uncapped
					   value; 0: 131072 (Xen needs >= 98304) */
	unsigned	weight;		/* Xen credit weight; 0: 256 */
	struct event_base *base;	/* the loop that watch uses */
};

/* The backend's ops for pool_create, with the state from pool_virt_init. */
extern const struct pool_backend_ops pool_virt_ops;

/*
 * Connect to conf->uri (its strings are copied), start libvirt's event
 * thread and register for the domains' lifecycle events.  Returns 0 with
 * '*be_r', or -errno (-ENOTSUP: a driver other than LXC, Xen or test;
 * -EINVAL: a prefix with characters other than [A-Za-z0-9_.-], or a path
 * the driver needs missing; -ENAMETOOLONG: a name too long; -ECONNREFUSED:
 * libvirt could not connect, with its message logged).
 */
int	pool_virt_init(const struct pool_virt_conf *conf, void **be_r);

/* Disconnect and free the state (after pool_free; domains are not touched). */
void	pool_virt_dispose(void *be);

/*
 * Remove every leftover of a crashed quasard with these prefixes: running
 * domains <name_prefix><n>, and sockets and logs in run_dir.  Returns the
 * number of routelets' remains found, or -errno.
 */
int	pool_virt_cleanup(void *be);

#endif
