/*
 * The routelet pool: keeps routelets (one small guest or namespace per QoS
 * flow) ready so that a new flow gets one at once.  At least min_idle are
 * kept idle, never more than max_total exist, idle ones above max_idle are
 * destroyed.  Each routelet goes through creating, idle, assigned,
 * draining and dead (docs/pool.md has the state table).
 *
 * Creating and destroying a routelet is slow (seconds for a Xen guest), so
 * the backend's create and destroy run in one worker thread of the pool;
 * their completions come back to the caller's libevent loop through an
 * eventfd.  Every other backend op and every callback of the pool runs on
 * the loop.  Assign (set caps, send the swap config) and release (reset,
 * back to idle) are quick and run on the loop.
 */
#ifndef QUASAR_DOM0_POOL_H
#define QUASAR_DOM0_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;
struct pool;
struct pool_rl;

#define POOL_IFNAME_MAX		16	/* IFNAMSIZ */
#define POOL_CPUSET_MAX		64

/* Resource caps of one routelet; 0 or "" means no limit. */
struct pool_caps {
	uint32_t	cpu_quota_us;	/* per cpu_period_us */
	uint32_t	cpu_period_us;
	uint64_t	mem_bytes;
	char		cpuset[POOL_CPUSET_MAX];	/* "0-1", "" = any */
};

/*
 * What a backend (netns, xen, ...) does for the pool.  'be' is the
 * backend's own state, 'h' one routelet's handle made by create or list.
 * Every op returns 0 or -errno.  Handles belong to the backend: destroy
 * frees one, the backend's own teardown frees those the pool kept.
 *
 * create and destroy run in the pool's worker thread, one call at a time,
 * possibly while the loop runs the other ops on other routelets: a backend
 * guards whatever state those share.  All other ops run on the loop.
 */
struct pool_backend_ops {
	const char *name;
	/*
	 * Create routelet number 'id' (names such as rl<id> derive from it),
	 * running and ready to be configured, with no caps.  On failure every
	 * step already done is undone: nothing is left behind.
	 */
	int	(*create)(void *be, unsigned id, void **h_r);
	/*
	 * Destroy it and everything it holds (namespace, interfaces, cgroup,
	 * socket), running or already dead; frees 'h' even on failure.
	 */
	int	(*destroy)(void *be, void *h);
	/* Apply 'caps' (all fields; zero ones lift the limit). */
	int	(*set_caps)(void *be, void *h, const struct pool_caps *caps);
	/*
	 * Send the routelet its config text (routelet/config.h, 'len' bytes)
	 * and wait for its answer.  len == 0 resets it: no swap, forwards
	 * nothing (what an idle routelet runs).
	 */
	int	(*configure)(void *be, void *h, const char *text, size_t len);
	/* The dom0 end of its interface: name (NUL-ended) and ifindex. */
	int	(*vif)(void *be, void *h, char name[POOL_IFNAME_MAX],
		    unsigned *ifindex_r);
	/*
	 * Call dead(arg) on the loop, once, when the routelet dies (within
	 * a second; soon after the call if it is dead already).  dead ==
	 * NULL stops watching (harmless if not watched).
	 */
	int	(*watch)(void *be, void *h, void (*dead)(void *arg), void *arg);
	/*
	 * Existing routelets of this backend (left by an earlier quasard):
	 * found(arg, id, h) once for each, ids unique, on the loop.
	 */
	int	(*list)(void *be, void (*found)(void *arg, unsigned id, void *h),
		    void *arg);
	/*
	 * Free 'h' and whatever the backend holds for it on this side
	 * (sockets, watches), leaving the routelet itself running for a
	 * later quasard to adopt (pool_free with 'keep').
	 */
	void	(*forget)(void *be, void *h);
	/*
	 * Optional (NULL: routelets come only from create, and from list at
	 * start): call appeared(arg) on the loop when a routelet the pool
	 * did not create may have appeared, such as an admin's
	 * `xl create routelet.cfg name=quasar-rl-9`; the pool then lists
	 * the backend again and takes the new ones once their counters can
	 * be read (they run).  appeared == NULL stops it.
	 */
	int	(*watch_new)(void *be, void (*appeared)(void *arg), void *arg);

	/* Optional ops for show commands (NULL: not shown). */
	/*
	 * The routelet's latest counters as routelet/counters.h text
	 * ("rx-packets 12\n..."), NUL-ended in 'buf' ('len' bytes); returns
	 * the length or -errno.
	 */
	int	(*counters)(void *be, void *h, char *buf, size_t len);
	/* CPU time it has used, in nanoseconds. */
	int	(*cpu_time)(void *be, void *h, uint64_t *ns_r);
	/*
	 * The backend's own name and state of it, NUL-ended in 'buf'
	 * ("netns quasar-rl-3 pid 812", "xen quasar-rl-3 domid 7 r-----").
	 */
	int	(*describe)(void *be, void *h, char *buf, size_t len);
};

enum pool_rl_state {
	POOL_RL_CREATING = 0,	/* create queued or running in the worker */
	POOL_RL_IDLE,		/* ready, reset, no owner */
	POOL_RL_ASSIGNED,	/* caps set, configured, has an owner */
	POOL_RL_DRAINING,	/* destroy queued or running */
	POOL_RL_DEAD,		/* died; destroy queued or running */
	POOL_RL_ADOPTED,	/* left running by an earlier quasard, config
				 * kept, waiting for pool_claim */
	POOL_RL_NSTATES,
};

/* The owner of an assigned routelet learns of its death through this. */
typedef void (*pool_dead_cb)(void *owner, struct pool_rl *rl);

struct pool_conf {
	unsigned	min_idle;	/* create until this many are idle */
	unsigned	max_idle;	/* destroy idle ones above this */
	unsigned	max_total;	/* never more routelets than this */
	unsigned	retry_ms;	/* wait after a failed create */
	/* Caps of an idle routelet (applied at create and at release). */
	struct pool_caps idle_caps;
	/*
	 * With adoption: keep the adopted routelets running as they are
	 * (state adopted, config and caps untouched) until their owners
	 * take them back with pool_claim; pool_claim_done makes the rest
	 * idle.  Without: each is reset to idle at once.
	 */
	bool		hold_adopted;
	/* Optional: a routelet became idle (a refused assign may retry). */
	void		(*ready)(void *arg);
	void		*ready_arg;
};

struct pool_counters {
	uint64_t	created;
	uint64_t	create_failed;
	uint64_t	destroyed;
	uint64_t	destroy_failed;
	uint64_t	assigned;
	uint64_t	assign_failed;
	uint64_t	released;
	uint64_t	died;
	uint64_t	adopted;
	uint64_t	claimed;	/* adopted ones taken by pool_claim */
	unsigned	in_state[POOL_RL_NSTATES];	/* now */
};

/* One routelet, for "routelet list" and "pool show". */
struct pool_rl_info {
	unsigned		id;
	enum pool_rl_state	state;
	char			ifname[POOL_IFNAME_MAX];	/* "" unknown */
	unsigned		ifindex;
	bool			has_owner;
	struct pool_caps	caps;
	/* From the backend's optional ops; has_cpu and describe[0] say
	 * whether they answered. */
	bool			has_cpu;
	uint64_t		cpu_ns;
	char			describe[96];
};

/* The name of a state, for logs and "pool show". */
const char *pool_state_name(enum pool_rl_state s);

/*
 * Make a pool on 'base' over backend 'ops'/'be' with 'conf', start its
 * worker and begin creating min_idle routelets.  If 'adopt' is set, the
 * backend's existing routelets are taken first: reset and idle, or, with
 * conf->hold_adopted, left running in state adopted for pool_claim (any
 * above max_total are destroyed once idle).  With a backend that has
 * watch_new, routelets made outside quasard later join as idle ones (the
 * limits apply to them as to any).  Returns 0 or -errno.
 */
int	pool_create(struct event_base *base, const struct pool_backend_ops *ops,
	    void *be, const struct pool_conf *conf, bool adopt,
	    struct pool **pool_r);

/*
 * Stop the pool.  With 'keep' the routelets stay (a later pool adopts
 * them); without, every routelet is destroyed.  Blocks until the worker
 * has finished its queue; for shutdown only.
 */
void	pool_free(struct pool *pool, bool keep);

/*
 * Take an idle routelet for 'owner': apply 'caps', send config 'text'
 * ('len' bytes, kept for pool_replace).  Returns 0 with *rl_r, -EAGAIN if
 * none is idle now (conf.ready says when one is), or -errno from the
 * backend (the routelet, in an unknown state, is destroyed).
 */
int	pool_assign(struct pool *pool, const struct pool_caps *caps,
	    const char *text, size_t len, pool_dead_cb dead, void *owner,
	    struct pool_rl **rl_r);

/*
 * Take back adopted routelet 'id' (conf.hold_adopted) for 'owner', as
 * pool_assign would have given it: 'caps' are applied again, 'text'
 * ('len' bytes) is kept for pool_replace but not sent (the routelet
 * still runs it, so forwarding goes on untouched).  Returns 0 with
 * *rl_r, -ENOENT if no routelet 'id' waits in state adopted (it died, or
 * was never there), -EINVAL for an empty text, or -errno from set_caps
 * (the routelet is then destroyed).
 */
int	pool_claim(struct pool *pool, unsigned id, const struct pool_caps *caps,
	    const char *text, size_t len, pool_dead_cb dead, void *owner,
	    struct pool_rl **rl_r);

/*
 * Every adopted routelet nobody claimed is reset and made idle (as
 * adoption without hold_adopted does at once).
 */
void	pool_claim_done(struct pool *pool);

/*
 * Make-before-break: assign another idle routelet with the caps, config
 * and owner of 'old', which stays assigned (or dead) until released.
 */
int	pool_replace(struct pool *pool, struct pool_rl *old,
	    struct pool_rl **rl_r);

/*
 * Apply new 'caps' and config 'text' ('len' bytes) to the assigned 'rl'
 * in place (a flow re-admitted with a larger or smaller FLOWSPEC): the
 * routelet keeps forwarding.  On failure the old caps and config are put
 * back and -errno returned.
 */
int	pool_reconfigure(struct pool *pool, struct pool_rl *rl,
	    const struct pool_caps *caps, const char *text, size_t len);

/*
 * Give 'rl' back: reset it and make it idle, or destroy it if there are
 * max_idle idle already, the pool is over max_total, the reset failed or
 * it is dead.  'rl' is not the caller's afterwards.
 */
void	pool_release(struct pool *pool, struct pool_rl *rl);

/*
 * Change the limits at run time (0 <= min_idle <= max_idle <= max_total):
 * create or destroy idle routelets to fit; assigned ones above max_total
 * go when released.  Returns 0 or -EINVAL.
 */
int	pool_resize(struct pool *pool, unsigned min_idle, unsigned max_idle,
	    unsigned max_total);

/* Facts of one routelet (the handle 'rl' from assign), asking the
 * backend for its CPU time and description. */
void	pool_rl_info(const struct pool_rl *rl, struct pool_rl_info *info);

/*
 * The counters text of routelet 'rl' (see pool_backend_ops.counters);
 * the length, or -ENOTSUP when the backend has no such op, or -errno.
 */
int	pool_rl_counters(const struct pool_rl *rl, char *buf, size_t len);

/* The routelet numbered 'id', or NULL. */
struct pool_rl *pool_rl_find(struct pool *pool, unsigned id);

/* The limits in force now (as pool_create or pool_resize set them). */
void	pool_limits(const struct pool *pool, unsigned *min_idle_r,
	    unsigned *max_idle_r, unsigned *max_total_r);

/* The backend's name ("netns", "xen"). */
const char *pool_backend_name(const struct pool *pool);

/* The counters, with the number of routelets in each state now. */
void	pool_counters(const struct pool *pool, struct pool_counters *c);

/* Call cb(arg, info) for each routelet, in order of id. */
void	pool_walk(const struct pool *pool,
	    void (*cb)(void *arg, const struct pool_rl_info *info), void *arg);

#endif
