/*
 * What the files of the Xen backend share (dom0/pool_xen.h is the API):
 * pool_xen.c (the ops, init, create, destroy, list), pool_xen_dom.c (the
 * domain config), pool_xen_caps.c (scheduler and memory), pool_xen_chan.c
 * (the xenstore channel, on an ops table), pool_xen_xs.c (that table on
 * libxenstore), pool_xen_watch.c (the @releaseDomain watch).
 */
#ifndef QUASAR_DOM0_POOL_XEN_LOCAL_H
#define QUASAR_DOM0_POOL_XEN_LOCAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <libxl.h>
#include <libxl_utils.h>

#include "dom0/pool_xen.h"

#define XEN_NAME_MAX		48
#define XEN_MEMORY_MIN_MB	96	/* Debian's kernel does not fit below */
#define XEN_MEMORY_MARGIN_KB	4096	/* kept free above guest + cap */
#define XEN_NO_DOMID		((uint32_t)INVALID_DOMID)

struct event;
struct xs_handle;

/* A xenstore transaction id; 0 is none (libxenstore's XBT_NULL). */
typedef uint32_t xen_tx_t;

/* The xenstore requests the channel makes; real or a test's fake. */
struct xen_xs_ops {
	/* Start a transaction; 0 with errno on failure. */
	xen_tx_t (*tx_start)(void *h);
	/* Commit (or abort) 'tx'; false with errno EAGAIN means retry. */
	bool	(*tx_end)(void *h, xen_tx_t tx, bool abort);
	/* The value at 'path' (malloc'd, NUL-ended) or NULL with errno. */
	char	*(*read)(void *h, xen_tx_t tx, const char *path);
	bool	(*write)(void *h, xen_tx_t tx, const char *path,
		    const char *val);
	/* Owner 'owner' (all rights), 'guest' gets 'guest_perm'
	 * (XEN_PERM_*), everyone else nothing. */
	bool	(*set_perms)(void *h, xen_tx_t tx, const char *path,
		    unsigned owner, unsigned guest, unsigned guest_perm);
};

#define XEN_PERM_NONE	0
#define XEN_PERM_READ	1
#define XEN_PERM_WRITE	2

/* pool_xen_xs.c: the ops on a libxenstore connection (the handle). */
extern const struct xen_xs_ops xen_xs_real;

/* pool_xen_chan.c: the dom0 side of routelet/chan_xs.c. */
/*
 * Make /local/domain/<domid>/quasar/ for the routelet: it and the config
 * node under it dom0's (the guest reads them), status and counters/ the
 * guest's (it writes them).  Returns 0 or -errno.
 */
int	xen_chan_prepare(const struct xen_xs_ops *ops, void *h,
	    uint32_t domid);
/*
 * Write config 'text' ('len' bytes, routelet/config.h) with its
 * generation replaced by 'generation' to the one node quasar/config;
 * len == 0 writes the null config (forwards nothing).  Returns 0,
 * -EINVAL (text refused: 'err' says why) or -errno.
 */
int	xen_chan_write(const struct xen_xs_ops *ops, void *h, uint32_t domid,
	    const char *text, size_t len, uint64_t generation, char *err,
	    size_t errlen);
/*
 * What quasar/status says of 'generation': 1 applied, 0 not yet, or
 * -EINVAL (refused: the routelet's reason in 'err'), -errno.
 */
int	xen_chan_status(const struct xen_xs_ops *ops, void *h, uint32_t domid,
	    uint64_t generation, char *err, size_t errlen);
/*
 * Wait up to 'timeout_ms' for the routelet's answer to 'generation'
 * (polling quasar/status).  Returns 0, -EINVAL (refused, 'err' says why),
 * -ETIMEDOUT or -errno.
 */
int	xen_chan_wait(const struct xen_xs_ops *ops, void *h, uint32_t domid,
	    uint64_t generation, unsigned timeout_ms, char *err,
	    size_t errlen);
/* The highest generation in quasar/config or quasar/status, or 0. */
uint64_t xen_chan_last_generation(const struct xen_xs_ops *ops, void *h,
	    uint32_t domid);
/*
 * What the guest has free (quasar/counters/mem-available-kb): 0 with it
 * in *kb_r, or -errno (-ENOENT: not reported yet, -EPROTO: not a number).
 */
int	xen_chan_mem_available(const struct xen_xs_ops *ops, void *h,
	    uint32_t domid, uint64_t *kb_r);
/* True once the routelet has written its counters (it is running). */
bool	xen_chan_alive(const struct xen_xs_ops *ops, void *h, uint32_t domid);
/*
 * The counters under quasar/counters/ as routelet/counters.h text in
 * 'buf' ('len' bytes, NUL-ended).  Returns the length or -errno
 * (-ENOENT: the routelet has written none yet).
 */
int	xen_chan_counters(const struct xen_xs_ops *ops, void *h,
	    uint32_t domid, char *buf, size_t len);

/* pool_xen_caps.c */
/* The credit cap (percent of one CPU, 0 = none) for quota per period. */
unsigned xen_caps_cap_pct(uint32_t quota_us, uint32_t period_us);
/* The scheduler weight of a routelet with cap 'cap_pct' (0: default). */
unsigned xen_caps_weight(unsigned cap_pct);
/*
 * The memory target in KiB for a cap of 'mem_bytes' in a guest booted
 * with 'memory_mb' whose own system takes 'guest_kb' (its kernel, init
 * and what the kernel reserves): guest + cap + a margin, at most the
 * booted memory.  A cap of 0 or an unknown guest (0) gets all of it.
 */
uint64_t xen_caps_mem_kb(uint64_t mem_bytes, unsigned memory_mb,
	    uint64_t guest_kb);
/*
 * Parse a cpuset ("0-1,3") into 'mask' (bit n = CPU n, CPUs < 64).
 * Returns 0 or -EINVAL.
 */
int	xen_caps_cpuset(const char *s, uint64_t *mask_r);

/* pool_xen_dom.c */
/*
 * Fill 'dc' (initialised by the caller, disposed by the caller) for PV
 * domain 'name' from 'conf', in cpupool 'poolid'.  Returns 0 or -ENOMEM.
 */
int	xen_dom_config(const struct pool_xen_conf *conf, const char *name,
	    uint32_t poolid, libxl_domain_config *dc);

struct xen_be;

/* One routelet domain. */
struct xen_rl {
	struct xen_be	*be;
	unsigned	id;
	char		name[XEN_NAME_MAX];
	uint32_t	domid;
	libxl_uuid	uuid;
	uint64_t	generation;	/* the last one written */
	/* the caps in force, to skip calls that would change nothing */
	bool		caps_known;
	unsigned	cap_pct;
	uint64_t	mem_kb;
	uint64_t	cpu_mask;
	/* what the guest's own system takes, learnt at full memory; 0 unknown */
	uint64_t	guest_kb;
	/* the death watch, on the loop */
	void		(*dead)(void *);
	void		*dead_arg;
	struct event	*ev_dead;	/* fires dead() for one found dead */
	bool		listed;		/* on be->watched */
	LIST_ENTRY(xen_rl) watched;
};

struct xen_be {
	struct pool_xen_conf conf;	/* its strings point into the below */
	char		kernel[PATH_MAX];
	char		ramdisk[PATH_MAX];
	char		cmdline[256];
	char		name_prefix[24];
	char		vif_script[PATH_MAX];
	char		cpupool[64];
	char		cpupool_cpus[64];
	libxl_ctx	*ctx;
	xentoollog_logger lg;		/* libxl's messages to lib/log.h */
	struct xs_handle *xs_loop;	/* requests from the loop */
	struct xs_handle *xs_worker;	/* requests from the worker */
	struct xs_handle *xs_watch;	/* holds @releaseDomain and
					   @introduceDomain, reads events */
	struct event	*ev_release;
	void		(*appeared)(void *);	/* the pool's watch_new */
	void		*appeared_arg;
	uint32_t	poolid;
	libxl_scheduler	sched;		/* the cpupool's scheduler */
	LIST_HEAD(, xen_rl) watched;
};

/* pool_xen_caps.c: apply 'caps' to routelet 'rl' (on the loop). */
int	xen_caps_apply(struct xen_be *be, struct xen_rl *rl,
	    const struct pool_caps *caps);
/* Find or make be->cpupool; sets be->poolid and be->sched. */
int	xen_caps_cpupool(struct xen_be *be);

/* pool_xen_watch.c */
/*
 * Watch @releaseDomain and @introduceDomain on be->conf.base.  Returns 0
 * or -errno.
 */
int	xen_watch_init(struct xen_be *be);
void	xen_watch_dispose(struct xen_be *be);
/* The pool's watch op: arm (dead != NULL) or stop the death watch. */
int	xen_watch_rl(struct xen_be *be, struct xen_rl *rl,
	    void (*dead)(void *), void *dead_arg);
/* The pool's watch_new op: appeared(arg) on each @introduceDomain. */
int	xen_watch_new(void *be, void (*appeared)(void *), void *arg);

/*
 * True if routelet 'rl' is a live domain of 'list' ('n' entries): its
 * domid is there with its uuid (not another domain's after a reuse), not
 * shut down and not dying.
 */
bool	xen_watch_alive_in(const struct xen_rl *rl, const libxl_dominfo *list,
	    int n);

/*
 * The routelet id in domain name 'name' (<prefix><n>, n in decimal
 * without leading zeros), or -1 if it is not one.
 */
long	xen_id_of(const char *prefix, const char *name);

/* A libxl error code as -errno, for the pool's ops. */
int	xen_errno(int libxl_rc);

#endif
