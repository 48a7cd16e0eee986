/*
 * The libvirt backend's ops that run on the loop (dom0/pool_virt_local.h):
 * caps, config, the interface, the death watch and what "routelet list"
 * shows.
 *
 * An LXC routelet's init is a small supervisor that runs quasar-routelet
 * and starts it again when it exits (pool_virt_xml.c).  That is how a
 * reset keeps the container and its veth (whose ifindex the pool keeps):
 * the routelet process is ended and a fresh one, configured with nothing,
 * takes its place.  Its process is known from the socket (SO_PEERCRED) and
 * watched with a pidfd: a routelet that exits unasked has lost its config,
 * so it counts as dead even though the supervisor starts another.
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <event2/event.h>

#include "dom0/pool_virt_local.h"
#include "dom0/pool_xen_local.h"	/* the xenstore channel, xen_chan_* */
#include "dom0/rl_ctl.h"
#include "lib/log.h"

#define VIRT_CONFIG_MS		1000	/* the routelet's answer (LXC) */
#define VIRT_XS_CONFIG_MS	3000	/* the guest's status (Xen) */
#define VIRT_RESTART_MS		5000	/* the supervisor's next routelet */
#define VIRT_STOP_MS		1000	/* SIGTERM, then SIGKILL */

/* Close the connection to the routelet and stop reading it. */
static void
drop_ctl(struct virt_rl *rl)
{
	if (rl->ev_ctl != NULL)
		event_free(rl->ev_ctl);
	rl->ev_ctl = NULL;
	rl_ctl_close(rl->ctl);
	rl->ctl = NULL;
}

void
virt_live_drop(struct virt_rl *rl)
{
	drop_ctl(rl);
	if (rl->ev_pid != NULL)
		event_free(rl->ev_pid);
	rl->ev_pid = NULL;
	if (rl->pidfd != -1)
		close(rl->pidfd);
	rl->pidfd = -1;
	rl->pid = -1;
}

void
virt_live_unwatch(struct virt_rl *rl)
{
	if (rl->ev_pid != NULL)
		event_free(rl->ev_pid);
	if (rl->ev_ctl != NULL)
		event_free(rl->ev_ctl);
	rl->ev_pid = rl->ev_ctl = NULL;
	pthread_mutex_lock(&rl->be->lock);
	rl->dead = NULL;
	rl->dead_arg = NULL;
	pthread_mutex_unlock(&rl->be->lock);
}

int
virt_live_connect(struct virt_rl *rl, int ms)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int rc;

	virt_live_drop(rl);
	rc = rl_ctl_connect(rl->sock, ms, &rl->ctl);
	if (rc != 0)
		return rc;
	if (getsockopt(rl_ctl_fd(rl->ctl), SOL_SOCKET, SO_PEERCRED, &cred,
	    &len) == -1) {
		rc = -errno;
		goto out;
	}
	if (cred.pid <= 0) {		/* a peer outside our pid namespace */
		rc = -ESRCH;
		goto out;
	}
	rl->pidfd = (int)syscall(SYS_pidfd_open, cred.pid, 0);
	if (rl->pidfd == -1) {
		rc = -errno;
		goto out;
	}
	rl->pid = cred.pid;
	rc = 0;
 out:
	if (rc != 0)
		virt_live_drop(rl);
	return rc;
}

/* Wait up to 'ms' for the pidfd to say the process is gone. */
static bool
exited_within(int pidfd, int ms)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

	return poll(&pfd, 1, ms) == 1;
}

static int
pidfd_kill(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/* The loop: the routelet process of a watched LXC routelet exited. */
static void
on_pid_exit(evutil_socket_t fd, short what, void *arg)
{
	struct virt_rl *rl = arg;

	(void)fd;
	(void)what;
	log_warnx("virt: %s: routelet (pid %ld) exited", rl->name,
	    (long)rl->pid);
	virt_mark_dead(rl);
}

/*
 * The routelet sends its counters every second unasked; read them as they
 * come, or the socket fills up and it hangs up on us (the next configure
 * connects again).
 */
static void
on_ctl(evutil_socket_t fd, short what, void *arg)
{
	struct virt_rl *rl = arg;
	int rc;

	(void)fd;
	(void)what;
	if ((rc = rl_ctl_drain(rl->ctl)) == 0)
		return;
	log_warnx("virt: %s: socket: %s", rl->name, strerror(-rc));
	drop_ctl(rl);
}

static int
watch_ctl(struct virt_rl *rl)
{
	if (rl->ctl == NULL || rl->ev_ctl != NULL)
		return 0;
	rl->ev_ctl = event_new(rl->be->base, rl_ctl_fd(rl->ctl),
	    EV_READ | EV_PERSIST, on_ctl, rl);
	if (rl->ev_ctl == NULL || event_add(rl->ev_ctl, NULL) != 0)
		return -ENOMEM;
	return 0;
}

int
virt_live_watch(void *arg, void *h, void (*dead)(void *), void *dead_arg)
{
	struct virt_rl *rl = h;
	int rc = 0;

	(void)arg;
	virt_live_unwatch(rl);
	if (dead == NULL)
		return 0;
	pthread_mutex_lock(&rl->be->lock);
	rl->dead = dead;
	rl->dead_arg = dead_arg;
	rl->reported = false;
	pthread_mutex_unlock(&rl->be->lock);
	if (virDomainIsActive(rl->dom) != 1) {
		virResetLastError();
		virt_mark_dead(rl);	/* reported on the loop, soon */
		return 0;
	}
	if (rl->be->kind != VIRT_LXC)
		return 0;
	if (rl->pidfd == -1) {
		/* adopted without an answer: no routelet to trust */
		virt_mark_dead(rl);
		return 0;
	}
	rl->ev_pid = event_new(rl->be->base, rl->pidfd, EV_READ, on_pid_exit,
	    rl);
	if (rl->ev_pid == NULL || event_add(rl->ev_pid, NULL) != 0)
		rc = -ENOMEM;
	else
		rc = watch_ctl(rl);
	if (rc != 0)
		virt_live_unwatch(rl);
	return rc;
}

/*
 * LXC reset: end the routelet process; the container's supervisor starts
 * a fresh one, unconfigured, on the same veth.  The watch follows it.
 */
static int
lxc_reset(struct virt_rl *rl)
{
	void (*dead)(void *);
	void *dead_arg;
	int rc;

	pthread_mutex_lock(&rl->be->lock);
	dead = rl->dead;
	dead_arg = rl->dead_arg;
	pthread_mutex_unlock(&rl->be->lock);
	virt_live_unwatch(rl);
	if (rl->pidfd == -1 && (rc = virt_live_connect(rl, VIRT_CONFIG_MS)) != 0)
		return rc;
	if (pidfd_kill(rl->pidfd, SIGTERM) == 0 &&
	    !exited_within(rl->pidfd, VIRT_STOP_MS)) {
		log_warnx("virt: %s: routelet ignores SIGTERM, killing it",
		    rl->name);
		pidfd_kill(rl->pidfd, SIGKILL);
		exited_within(rl->pidfd, VIRT_STOP_MS);
	}
	rc = virt_live_connect(rl, VIRT_RESTART_MS);
	if (rc != 0)
		log_warnx("virt: %s: no routelet after reset: %s", rl->name,
		    strerror(-rc));
	else if (dead != NULL)
		rc = virt_live_watch(rl->be, rl, dead, dead_arg);
	return rc;
}

/* A connection to the routelet: a closed one is dropped and made again. */
static int
ensure_ctl(struct virt_rl *rl)
{
	int rc;

	if (rl->ctl != NULL && rl_ctl_drain(rl->ctl) != 0)
		drop_ctl(rl);
	if (rl->ctl != NULL)
		return 0;
	rc = rl_ctl_connect(rl->sock, VIRT_CONFIG_MS, &rl->ctl);
	if (rc == 0 && rl->ev_pid != NULL)
		rc = watch_ctl(rl);
	if (rc != 0)
		log_warnx("virt: %s: reconnect: %s", rl->name, strerror(-rc));
	return rc;
}

static int
lxc_configure(struct virt_rl *rl, const char *text, size_t len)
{
	char err[RL_CTL_ERR_MAX];
	uint64_t gen;
	int rc;

	if (len == 0)
		return lxc_reset(rl);
	if ((rc = ensure_ctl(rl)) != 0)
		return rc;
	rc = rl_ctl_configure(rl->ctl, text, len, VIRT_CONFIG_MS, &gen, err,
	    sizeof(err));
	if (rc == -EINVAL)
		log_warnx("virt: %s refused its config: %s", rl->name, err);
	else if (rc != 0)
		log_warnx("virt: %s: configure: %s", rl->name, strerror(-rc));
	else
		log_debug("virt: %s: generation %llu", rl->name,
		    (unsigned long long)gen);
	return rc;
}

/*
 * Xen: the xenstore channel of the Xen backend (len == 0 writes its null
 * config, which forwards nothing), then the guest's answer.
 */
static int
xen_configure(struct virt_rl *rl, const char *text, size_t len)
{
	struct virt_be *be = rl->be;
	char err[RL_CTL_ERR_MAX];
	uint64_t gen = rl->gen + 1;
	int rc;

	rc = xen_chan_write(&xen_xs_real, be->xs_loop, (uint32_t)rl->domid,
	    text, len, gen, err, sizeof(err));
	if (rc == 0) {
		rl->gen = gen;
		rc = xen_chan_wait(&xen_xs_real, be->xs_loop,
		    (uint32_t)rl->domid, gen, VIRT_XS_CONFIG_MS, err,
		    sizeof(err));
	}
	if (rc == -EINVAL)
		log_warnx("virt: %s refused its config: %s", rl->name, err);
	else if (rc != 0)
		log_warnx("virt: %s: configure: %s", rl->name, strerror(-rc));
	return rc;
}

int
virt_live_configure(void *arg, void *h, const char *text, size_t len)
{
	struct virt_be *be = arg;
	struct virt_rl *rl = h;

	switch (be->kind) {
	case VIRT_LXC:
		return lxc_configure(rl, text, len);
	case VIRT_XEN:
		return xen_configure(rl, text, len);
	case VIRT_TEST:
		break;
	}
	log_warnx("virt: %s: the test driver runs no routelet to configure",
	    rl->name);
	return -ENOTSUP;
}

/* Pin the routelet's one vCPU to 'cpuset', or to every CPU if "". */
static int
pin(struct virt_rl *rl, const char *cpuset)
{
	unsigned char *online = NULL, *map = NULL;
	int ncpus, rc;
	size_t maplen;

	ncpus = virNodeGetCPUMap(rl->be->conn, &online, NULL, 0);
	if (ncpus < 0)
		return virt_err("host CPUs", -1);
	maplen = VIR_CPU_MAPLEN(ncpus);
	if (cpuset[0] != '\0') {
		map = calloc(1, maplen);
		if (map == NULL) {
			rc = -ENOMEM;
			goto out;
		}
		if ((rc = virt_cpumap(cpuset, map, maplen)) != 0) {
			log_warnx("virt: %s: bad cpuset '%s' (%d CPUs)",
			    rl->name, cpuset, ncpus);
			goto out;
		}
	}
	/* CURRENT: a running transient domain's live state (the test
	 * driver takes no LIVE flag here) */
	if (virDomainPinVcpuFlags(rl->dom, 0, map != NULL ? map : online,
	    (int)maplen, VIR_DOMAIN_AFFECT_CURRENT) < 0) {
		rc = virt_err(rl->name, -1);
		goto out;
	}
	rl->pinned = cpuset[0] != '\0';
	rc = 0;
 out:
	free(map);
	free(online);
	return rc;
}

int
virt_live_set_caps(void *arg, void *h, const struct pool_caps *caps)
{
	struct virt_be *be = arg;
	struct virt_rl *rl = h;
	virTypedParameterPtr p = NULL;
	unsigned long kib;
	char *sched;
	int n = 0, rc;

	sched = virDomainGetSchedulerType(rl->dom, NULL);
	if (sched == NULL)
		return virt_err(rl->name, -1);
	rc = virt_sched_params(sched, caps, be->weight, &p, &n);
	if (rc == -ENOTSUP)
		log_warnx("virt: %s: scheduler '%s' cannot cap CPU", rl->name,
		    sched);
	free(sched);
	if (rc != 0)
		return rc;
	if (n > 0 && virDomainSetSchedulerParametersFlags(rl->dom, p, n,
	    VIR_DOMAIN_AFFECT_LIVE) < 0)
		rc = virt_err(rl->name, -1);
	virTypedParamsFree(p, n);
	if (rc != 0)
		return rc;
	/* the domain's memory is its most: a larger cap is no cap */
	kib = be->mem_kib;
	if (caps->mem_bytes != 0 && (caps->mem_bytes + 1023) / 1024 < kib)
		kib = (unsigned long)((caps->mem_bytes + 1023) / 1024);
	if (virDomainSetMemoryFlags(rl->dom, kib, VIR_DOMAIN_AFFECT_LIVE) < 0)
		return virt_err(rl->name, -1);
	if (caps->cpuset[0] != '\0' || rl->pinned)
		rc = pin(rl, caps->cpuset);
	return rc;
}

int
virt_live_vif(void *arg, void *h, char name[POOL_IFNAME_MAX],
    unsigned *ifindex_r)
{
	struct virt_rl *rl = h;
	unsigned idx;

	(void)arg;
	idx = if_nametoindex(rl->ifname);
	if (idx == 0)
		return -errno;
	memcpy(name, rl->ifname, sizeof(rl->ifname));
	*ifindex_r = idx;
	return 0;
}

int
virt_live_counters(void *arg, void *h, char *buf, size_t len)
{
	struct virt_be *be = arg;
	struct virt_rl *rl = h;
	int rc;

	switch (be->kind) {
	case VIRT_LXC:
		if ((rc = ensure_ctl(rl)) == 0)
			rc = rl_ctl_counters(rl->ctl, VIRT_CONFIG_MS, buf, len);
		return rc == 0 ? (int)strlen(buf) : rc;
	case VIRT_XEN:
		return xen_chan_counters(&xen_xs_real, be->xs_loop,
		    (uint32_t)rl->domid, buf, len);
	case VIRT_TEST:
		break;
	}
	return -ENOTSUP;
}

int
virt_live_cpu_time(void *arg, void *h, uint64_t *ns_r)
{
	struct virt_rl *rl = h;
	virDomainInfo info;

	(void)arg;
	if (virDomainGetInfo(rl->dom, &info) < 0)
		return virt_err(rl->name, VIR_ERR_NO_DOMAIN);
	*ns_r = info.cpuTime;
	return 0;
}

static const char *
state_name(int state)
{
	static const char *const names[] = {
		[VIR_DOMAIN_NOSTATE] = "nostate",
		[VIR_DOMAIN_RUNNING] = "running",
		[VIR_DOMAIN_BLOCKED] = "blocked",
		[VIR_DOMAIN_PAUSED] = "paused",
		[VIR_DOMAIN_SHUTDOWN] = "shutdown",
		[VIR_DOMAIN_SHUTOFF] = "shutoff",
		[VIR_DOMAIN_CRASHED] = "crashed",
		[VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
	};

	if (state < 0 || (size_t)state >= sizeof(names) / sizeof(names[0]) ||
	    names[state] == NULL)
		return "unknown";
	return names[state];
}

int
virt_live_describe(void *arg, void *h, char *buf, size_t len)
{
	struct virt_rl *rl = h;
	int state, reason, n;

	(void)arg;
	if (virDomainGetState(rl->dom, &state, &reason, 0) < 0) {
		virResetLastError();
		n = snprintf(buf, len, "virt %s gone", rl->name);
	} else {
		n = snprintf(buf, len, "virt %s %s", rl->name,
		    state_name(state));
	}
	return n < 0 || (size_t)n >= len ? -ENOSPC : n;
}
