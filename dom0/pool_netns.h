/*
 * The pool's netns backend (docs/pool-netns.md): routelet <id> is
 * quasar-routelet running in network namespace <ns_prefix><id> (an
 * "ip netns" one, bound at /run/netns), on the inner end ("eth0") of a
 * veth pair whose dom0 end is <if_prefix><id> (up, no address), in cgroup
 * <cgroup_parent>/<if_prefix><id>, configured over the UNIX socket
 * <run_dir>/<ns_prefix><id>.sock.  Production names: quasar-rl-<n>, rl<n>,
 * quasar/rl<n>; tests pass their own prefixes.
 */
#ifndef QUASAR_DOM0_POOL_NETNS_H
#define QUASAR_DOM0_POOL_NETNS_H

#include "dom0/pool.h"

struct event_base;

struct pool_netns_conf {
	const char	*routelet;	/* path of quasar-routelet */
	const char	*ip;		/* iproute2's ip, "ip" searches PATH */
	const char	*ns_prefix;	/* "quasar-rl-" */
	const char	*if_prefix;	/* "rl"; with the id at most 15 bytes */
	const char	*cgroup_parent;	/* "quasar" */
	const char	*run_dir;	/* where the sockets go, must exist */
	const char	*mounts;	/* "/proc/mounts": finds the cgroups */
	struct event_base *base;	/* the loop that watch uses */
};

/* The backend's ops for pool_create, with the state from pool_netns_init. */
extern const struct pool_backend_ops pool_netns_ops;

/*
 * Make the backend's state from 'conf' (its strings are copied) and find
 * the cgroup hierarchies in conf->mounts.  Returns 0 with '*be_r', or
 * -errno (-ENOENT: no usable cgroups; -ENAMETOOLONG: a name too long).
 */
int	pool_netns_init(const struct pool_netns_conf *conf, void **be_r);

/* Free the state (after pool_free; routelets are not touched). */
void	pool_netns_dispose(void *be);

/*
 * Remove every leftover of a crashed quasard with these prefixes:
 * processes in its cgroups, namespaces, dom0 veth ends, cgroups, sockets.
 * Returns the number of routelets' remains found, or -errno.
 */
int	pool_netns_cleanup(void *be);

#endif
