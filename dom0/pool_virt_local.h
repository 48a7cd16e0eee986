/*
 * Inside the libvirt pool backend (dom0/pool_virt*.c): the backend's and
 * a routelet's state, and the pieces the unit tests reach one by one
 * (domain XML, scheduler parameters, error mapping).
 */
#ifndef QUASAR_DOM0_POOL_VIRT_LOCAL_H
#define QUASAR_DOM0_POOL_VIRT_LOCAL_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "dom0/pool.h"

struct event;
struct event_base;
struct rl_ctl;
struct xs_handle;

/* What kind of domain the connection's driver runs. */
enum virt_kind {
	VIRT_LXC,
	VIRT_XEN,
	VIRT_TEST,
};

#define VIRT_NAME_MAX	64

struct virt_be {
	enum virt_kind	kind;
	char		uri[256];
	char		name_prefix[32];
	char		if_prefix[16];
	char		run_dir[PATH_MAX - 128];
	char		routelet[PATH_MAX];
	char		kernel[PATH_MAX];
	char		initrd[PATH_MAX];
	char		cmdline[256];
	char		vif_script[64];
	uint64_t	mem_kib;
	unsigned	weight;
	struct event_base *base;
	virConnectPtr	conn;
	int		cb_id;		/* lifecycle callback, -1: none */
	/* Xen: xenstore connections of the worker and of the loop */
	struct xs_handle *xs_worker;
	struct xs_handle *xs_loop;
	/* Deaths travel from libvirt's event thread to the loop. */
	int		evfd;
	struct event	*ev;
	pthread_mutex_t	lock;		/* guards 'rls' and their death flags */
	LIST_HEAD(, virt_rl) rls;
};

struct virt_rl {
	struct virt_be	*be;
	unsigned	id;
	char		name[VIRT_NAME_MAX];
	char		ifname[POOL_IFNAME_MAX];
	char		sock[PATH_MAX];
	char		log[PATH_MAX];
	virDomainPtr	dom;
	unsigned char	uuid[VIR_UUID_BUFLEN];	/* this run of the domain */
	int		domid;
	bool		pinned;		/* a cpuset was applied */
	uint64_t	gen;		/* Xen: the last generation written */
	/* LXC: the routelet process and the connection to it */
	struct rl_ctl	*ctl;
	struct event	*ev_ctl;	/* drains unasked counters */
	pid_t		pid;		/* -1: not known */
	int		pidfd;		/* -1: none */
	struct event	*ev_pid;	/* its death, while watched */
	/* guarded by be->lock */
	bool		died;
	bool		reported;
	void		(*dead)(void *);
	void		*dead_arg;
	LIST_ENTRY(virt_rl) link;
};

/* pool_virt_xml.c */
struct virt_xml_args {
	enum virt_kind	kind;
	const char	*name;		/* the domain */
	const char	*ifname;	/* dom0's end of its interface */
	uint64_t	mem_kib;
	const char	*routelet;	/* LXC */
	const char	*sock;		/* LXC */
	const char	*log;		/* LXC: the routelet's stderr */
	const char	*run_dir;	/* LXC */
	const char	*kernel;	/* Xen */
	const char	*initrd;	/* Xen */
	const char	*cmdline;	/* Xen */
	const char	*vif_script;	/* Xen */
};

/*
 * The domain XML of one routelet into 'buf' ('cap' bytes, NUL-ended).
 * Returns its length, -EINVAL if a string holds a character XML cannot
 * carry (control characters), or -ENOSPC.
 */
int	virt_xml_domain(const struct virt_xml_args *a, char *buf, size_t cap);

/* pool_virt_sched.c */
#define VIRT_PERIOD_DEFAULT_US	100000

/*
 * The scheduler parameters that apply the CPU part of 'caps' under
 * scheduler 'sched' (virDomainGetSchedulerType): "posix" (LXC, QEMU)
 * vcpu_quota and vcpu_period; "credit"/"credit2" (Xen) cap in percent of
 * one CPU and 'weight'; others none, -ENOTSUP if a quota is asked.
 * Returns 0 with '*params_r' (free with virTypedParamsFree) and '*n_r'.
 */
int	virt_sched_params(const char *sched, const struct pool_caps *caps,
	    unsigned weight, virTypedParameterPtr *params_r, int *n_r);

/*
 * Parse cpu list 'list' ("0-2,5") into 'map' ('maplen' bytes, libvirt's
 * cpumap: bit n of byte n / 8 is CPU n).  Returns 0, or -EINVAL if it is
 * malformed or names a CPU past the map.
 */
int	virt_cpumap(const char *list, unsigned char *map, size_t maplen);

/* pool_virt_err.c */
/*
 * The -errno for libvirt's last error in this thread, logging "virt: WHAT:
 * <libvirt's message>" unless the error is 'quiet' (VIR_ERR_OK: none).
 */
int	virt_err(const char *what, int quiet);

/* The -errno for libvirt error number 'code' (virErrorNumber). */
int	virt_err_errno(int code, int sys_errno);

/* pool_virt_event.c */
/*
 * Start libvirt's event loop thread (once per process, counted: each
 * start has its stop).  It must run before a connection is opened.
 */
int	virt_evloop_start(void);
void	virt_evloop_stop(void);

/*
 * Register for lifecycle events on be->conn and make be->evfd and be->ev
 * that hand deaths to the loop.  Returns 0 or -errno.
 */
int	virt_events_init(struct virt_be *be);
/* Deregister: no more callbacks are started (one may still be running). */
void	virt_events_stop(struct virt_be *be);
/* Stop, and free the eventfd and its event (once no callback can run). */
void	virt_events_dispose(struct virt_be *be);

/* Mark 'rl' dead (any thread) and wake the loop. */
void	virt_mark_dead(struct virt_rl *rl);

/* pool_virt_live.c: the ops that run on the loop */
int	virt_live_set_caps(void *be, void *h, const struct pool_caps *caps);
int	virt_live_configure(void *be, void *h, const char *text, size_t len);
int	virt_live_vif(void *be, void *h, char name[POOL_IFNAME_MAX],
	    unsigned *ifindex_r);
int	virt_live_watch(void *be, void *h, void (*dead)(void *), void *arg);
int	virt_live_counters(void *be, void *h, char *buf, size_t len);
int	virt_live_cpu_time(void *be, void *h, uint64_t *ns_r);
int	virt_live_describe(void *be, void *h, char *buf, size_t len);
/*
 * LXC: connect to the routelet's socket (retrying up to 'ms') and learn
 * its process from the connection.  Returns 0 or -errno.
 */
int	virt_live_connect(struct virt_rl *rl, int ms);
/* Stop watching 'rl' (its death flag stays as it is). */
void	virt_live_unwatch(struct virt_rl *rl);
/* Close the connection and the pidfd of 'rl'. */
void	virt_live_drop(struct virt_rl *rl);

#endif
