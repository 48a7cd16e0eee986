/*
 * The pool's netns backend (dom0/pool_netns.h, docs/pool-netns.md).
 *
 * Namespaces and veths are made and removed with iproute2's ip(8), run
 * with posix_spawn from the pool's worker thread (create and destroy
 * only), so they are "ip netns" namespaces bound at /run/netns.  The
 * routelet is forked: the child waits on a pipe until the parent has put
 * it into its cgroup, then joins the namespace (setns) and execs; between
 * fork and exec it calls only async-signal-safe functions, as a fork from
 * a threaded process must.  Death is watched with a pidfd on the loop.
 *
 * The backend's own state is read-only after pool_netns_init, so the
 * worker and the loop share it without a lock; each handle is used by one
 * of them at a time (the pool stops the watch before queueing a destroy).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>

#include "dom0/cgroup.h"
#include "dom0/pool_netns.h"
#include "dom0/rl_ctl.h"
#include "lib/log.h"

#define NETNS_DIR		"/run/netns"
#define NETNS_INNER_IF		"eth0"
#define NETNS_CONNECT_MS	3000	/* a starting routelet's socket */
#define NETNS_ADOPT_MS		500	/* a running one's */
#define NETNS_CONFIG_MS		1000
#define NETNS_STOP_MS		1000	/* SIGTERM, then SIGKILL */
/*
 * The routelets' parent cgroup weighs 100 times a default one: a
 * routelet's quota is CPU its flow reserved, so contention with dom0's
 * own processes must not be what holds it back (docs/pool-netns.md).
 */
#define NETNS_PARENT_WEIGHT	10000

extern char **environ;

struct netns_be {
	char			routelet[PATH_MAX];
	char			ip[PATH_MAX];
	char			ns_prefix[32];
	char			if_prefix[16];
	char			cg_parent[64];
	char			run_dir[PATH_MAX - 64];
	struct cgroup_root	cg;
	struct event_base	*base;
};

struct netns_rl {
	struct netns_be	*be;
	unsigned	id;
	char		ns[48];
	char		ifname[POOL_IFNAME_MAX];
	char		cg[96];
	char		sock[PATH_MAX];
	pid_t		pid;		/* -1: none running */
	bool		child;		/* ours to reap */
	int		pidfd;		/* -1: none */
	struct rl_ctl	*ctl;
	struct event	*ev;		/* the death watch */
	struct event	*ev_ctl;	/* drains unasked counters */
	void		(*dead)(void *);
	void		*dead_arg;
};

static int
copy_str(char *dst, size_t cap, const char *src)
{
	int n = snprintf(dst, cap, "%s", src);

	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

int
pool_netns_init(const struct pool_netns_conf *conf, void **be_r)
{
	struct netns_be *be;
	int rc;

	be = calloc(1, sizeof(*be));
	if (be == NULL)
		return -ENOMEM;
	rc = copy_str(be->routelet, sizeof(be->routelet), conf->routelet);
	if (rc == 0)
		rc = copy_str(be->ip, sizeof(be->ip), conf->ip);
	if (rc == 0)
		rc = copy_str(be->ns_prefix, sizeof(be->ns_prefix),
		    conf->ns_prefix);
	if (rc == 0)
		rc = copy_str(be->if_prefix, sizeof(be->if_prefix),
		    conf->if_prefix);
	if (rc == 0)
		rc = copy_str(be->cg_parent, sizeof(be->cg_parent),
		    conf->cgroup_parent);
	if (rc == 0)
		rc = copy_str(be->run_dir, sizeof(be->run_dir), conf->run_dir);
	if (rc != 0)
		goto out;
	rc = cgroup_detect(conf->mounts, &be->cg);
	if (rc != 0) {
		log_warnx("netns: no usable cgroup hierarchy in %s",
		    conf->mounts);
		goto out;
	}
	be->base = conf->base;
	log_info("netns: cgroup v%d, routelets %s<n>, interfaces %s<n>",
	    be->cg.version, be->ns_prefix, be->if_prefix);
	*be_r = be;
 out:
	if (rc != 0)
		free(be);
	return rc;
}

void
pool_netns_dispose(void *be)
{
	free(be);
}

/* A handle for routelet 'id', nothing running yet. */
static int
rl_new(struct netns_be *be, unsigned id, struct netns_rl **rl_r)
{
	struct netns_rl *rl;
	int n1, n2, n3, n4;

	rl = calloc(1, sizeof(*rl));
	if (rl == NULL)
		return -ENOMEM;
	rl->be = be;
	rl->id = id;
	rl->pid = -1;
	rl->pidfd = -1;
	n1 = snprintf(rl->ns, sizeof(rl->ns), "%s%u", be->ns_prefix, id);
	n2 = snprintf(rl->ifname, sizeof(rl->ifname), "%s%u", be->if_prefix,
	    id);
	n3 = snprintf(rl->cg, sizeof(rl->cg), "%s/%s", be->cg_parent,
	    rl->ifname);
	n4 = snprintf(rl->sock, sizeof(rl->sock), "%s/%s.sock", be->run_dir,
	    rl->ns);
	if (n1 < 0 || (size_t)n1 >= sizeof(rl->ns) || n2 < 0 ||
	    (size_t)n2 >= sizeof(rl->ifname) || n3 < 0 ||
	    (size_t)n3 >= sizeof(rl->cg) || n4 < 0 ||
	    (size_t)n4 >= sizeof(rl->sock)) {
		free(rl);
		return -ENAMETOOLONG;
	}
	*rl_r = rl;
	return 0;
}

/*
 * Run ip(8) with 'argv' (argv[0] is replaced by the configured path) and
 * wait for it.  'quiet' sends its stderr to /dev/null (for removals that
 * may find nothing).  Returns 0, or -EIO if it failed.
 */
static int
run_ip(const struct netns_be *be, char *const argv[], bool quiet)
{
	posix_spawn_file_actions_t fa;
	char *args[16];
	pid_t pid;
	size_t i;
	int r, status;

	args[0] = (char *)(uintptr_t)be->ip;
	for (i = 1; argv[i] != NULL && i < 15; i++)
		args[i] = argv[i];
	args[i] = NULL;
	posix_spawn_file_actions_init(&fa);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0);
	r = posix_spawnp(&pid, be->ip, &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0) {
		log_warnx("netns: cannot run %s: %s", be->ip, strerror(r));
		return -r;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (!quiet)
			log_warnx("netns: ip %s %s %s failed", args[1],
			    args[2], args[3] != NULL ? args[3] : "");
		return -EIO;
	}
	return 0;
}

#define IP(be, quiet, ...) \
	run_ip((be), (char *const[]){ "ip", __VA_ARGS__, NULL }, (quiet))

/* Stop the death watch and the reading of the socket. */
static void
unwatch(struct netns_rl *rl)
{
	if (rl->ev != NULL)
		event_free(rl->ev);
	if (rl->ev_ctl != NULL)
		event_free(rl->ev_ctl);
	rl->ev = rl->ev_ctl = NULL;
}

/* Wait up to 'ms' for the pidfd to say the process is gone. */
static bool
exited_within(int pidfd, int ms)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

	return poll(&pfd, 1, ms) == 1;
}

/* End the routelet process: SIGTERM, then SIGKILL; reap it if ours. */
static void
stop_routelet(struct netns_rl *rl)
{
	if (rl->pid > 0 && rl->pidfd != -1) {
		kill(rl->pid, SIGTERM);
		if (!exited_within(rl->pidfd, NETNS_STOP_MS)) {
			log_warnx("netns: %s ignores SIGTERM, killing it",
			    rl->ns);
			kill(rl->pid, SIGKILL);
			exited_within(rl->pidfd, NETNS_STOP_MS);
		}
		if (rl->child)
			while (waitpid(rl->pid, NULL, 0) == -1 &&
			    errno == EINTR)
				;
	}
	if (rl->pidfd != -1)
		close(rl->pidfd);
	rl->pidfd = -1;
	rl->pid = -1;
	rl->child = false;
}

/*
 * Fork and exec the routelet in the namespace and cgroup, then connect to
 * its socket.  On failure nothing of it is left running.
 */
static int
spawn_routelet(struct netns_rl *rl)
{
	struct netns_be *be = rl->be;
	char nspath[PATH_MAX];
	/* -d: in the foreground (our pidfd is on it), logging to stderr */
	char *argv[] = { be->routelet, "-d", "-i", NETNS_INNER_IF, "-s",
	    rl->sock, NULL };
	int sync[2] = { -1, -1 }, nsfd = -1, rc;
	char go = 'g', c;
	pid_t pid;

	snprintf(nspath, sizeof(nspath), "%s/%s", NETNS_DIR, rl->ns);
	nsfd = open(nspath, O_RDONLY | O_CLOEXEC);
	if (nsfd == -1 || pipe2(sync, O_CLOEXEC) == -1) {
		rc = -errno;
		goto out;
	}
	unlink(rl->sock);
	pid = fork();
	if (pid == -1) {
		rc = -errno;
		goto out;
	}
	if (pid == 0) {
		/* only async-signal-safe calls until exec */
		close(sync[1]);
		if (read(sync[0], &c, 1) != 1)
			_exit(127);
		if (setns(nsfd, CLONE_NEWNET) == -1)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	rl->pid = pid;
	rl->child = true;
	rl->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (rl->pidfd == -1) {
		rc = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		rl->pid = -1;
		goto out;
	}
	rc = cgroup_attach(&be->cg, rl->cg, pid);
	if (rc == 0 && write(sync[1], &go, 1) != 1)
		rc = -errno;
	close(sync[1]);
	sync[1] = -1;
	if (rc == 0)
		rc = rl_ctl_connect(rl->sock, NETNS_CONNECT_MS, &rl->ctl);
	if (rc != 0) {
		log_warnx("netns: %s: routelet did not start: %s", rl->ns,
		    strerror(-rc));
		stop_routelet(rl);
		unlink(rl->sock);
	}
 out:
	if (nsfd != -1)
		close(nsfd);
	if (sync[0] != -1)
		close(sync[0]);
	if (sync[1] != -1)
		close(sync[1]);
	return rc;
}

/* Kill whatever is still in the routelet's cgroup (an adopted leftover). */
static void
empty_cgroup(struct netns_rl *rl)
{
	pid_t pid;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		if (cgroup_first_pid(&rl->be->cg, rl->cg, &pid) != 0)
			return;
		kill(pid, SIGKILL);
		usleep(10000);
	}
	log_warnx("netns: %s: cgroup %s does not empty", rl->ns, rl->cg);
}

/*
 * Undo everything a routelet may hold, each step whether or not the ones
 * before worked.  Returns the first error of the ones that matter (the
 * namespace and the cgroup still being there).
 */
static int
teardown(struct netns_rl *rl)
{
	struct netns_be *be = rl->be;
	char nspath[PATH_MAX];
	int rc = 0, r, tries;

	unwatch(rl);
	rl_ctl_close(rl->ctl);
	rl->ctl = NULL;
	stop_routelet(rl);
	empty_cgroup(rl);
	unlink(rl->sock);
	/* deleting one end of a veth deletes the pair */
	IP(be, true, "link", "del", rl->ifname);
	snprintf(nspath, sizeof(nspath), "%s/%s", NETNS_DIR, rl->ns);
	if (access(nspath, F_OK) == 0) {
		r = IP(be, false, "netns", "del", rl->ns);
		if (r != 0)
			rc = r;
	}
	/* the kernel may take a moment to let go of the last task */
	for (tries = 0; tries < 50; tries++) {
		r = cgroup_remove(&be->cg, rl->cg);
		if (r != -EBUSY)
			break;
		usleep(10000);
	}
	if (r != 0 && rc == 0)
		rc = r;
	return rc;
}

/*
 * Make the namespace, the veth pair (dom0 end up, no address: no IPv6
 * link-local either), the cgroup and the running routelet.
 */
static int
netns_create(void *arg, unsigned id, void **h_r)
{
	struct netns_be *be = arg;
	struct netns_rl *rl;
	char nspath[PATH_MAX];
	int rc;

	rc = rl_new(be, id, &rl);
	if (rc != 0)
		return rc;
	/* an existing namespace may be another routelet's: not touched */
	snprintf(nspath, sizeof(nspath), "%s/%s", NETNS_DIR, rl->ns);
	if (access(nspath, F_OK) == 0) {
		free(rl);
		return -EEXIST;
	}
	rc = IP(be, false, "netns", "add", rl->ns);
	if (rc != 0) {
		free(rl);
		return rc;
	}
	rc = IP(be, false, "link", "add", rl->ifname, "type", "veth", "peer",
	    "name", NETNS_INNER_IF, "netns", rl->ns);
	if (rc == 0) {
		/* no IPv6 link-local either (fails where IPv6 is off) */
		IP(be, true, "link", "set", rl->ifname, "addrgenmode", "none");
		IP(be, true, "-n", rl->ns, "link", "set", NETNS_INNER_IF,
		    "addrgenmode", "none");
		rc = IP(be, false, "-n", rl->ns, "link", "set",
		    NETNS_INNER_IF, "up");
	}
	if (rc == 0)
		rc = IP(be, false, "link", "set", rl->ifname, "up");
	if (rc == 0)
		rc = cgroup_create(&be->cg, rl->cg);
	if (rc == 0)
		rc = cgroup_set_weight(&be->cg, be->cg_parent,
		    NETNS_PARENT_WEIGHT);
	if (rc == 0)
		rc = spawn_routelet(rl);
	if (rc != 0) {
		teardown(rl);
		free(rl);
		return rc;
	}
	log_debug("netns: %s created: %s, pid %ld", rl->ns, rl->ifname,
	    (long)rl->pid);
	*h_r = rl;
	return 0;
}

static int
netns_destroy(void *arg, void *h)
{
	struct netns_rl *rl = h;
	int rc;

	(void)arg;
	rc = teardown(rl);
	if (rc != 0)
		log_warnx("netns: %s: destroy: %s", rl->ns, strerror(-rc));
	else
		log_debug("netns: %s destroyed", rl->ns);
	free(rl);
	return rc;
}

static int
netns_set_caps(void *arg, void *h, const struct pool_caps *caps)
{
	struct netns_rl *rl = h;
	struct cgroup_caps cc = {
		.cpu_quota_us = caps->cpu_quota_us,
		.cpu_period_us = caps->cpu_period_us,
		.mem_bytes = caps->mem_bytes,
		.cpuset = caps->cpuset,
	};

	(void)arg;
	return cgroup_set_caps(&rl->be->cg, rl->cg, &cc);
}

static void
on_exit_cb(evutil_socket_t fd, short what, void *arg)
{
	struct netns_rl *rl = arg;

	(void)fd;
	(void)what;
	log_warnx("netns: %s: routelet (pid %ld) died", rl->ns,
	    (long)rl->pid);
	if (rl->dead != NULL)
		rl->dead(rl->dead_arg);
}

/* Close the connection to the routelet and stop reading it. */
static void
drop_ctl(struct netns_rl *rl)
{
	if (rl->ev_ctl != NULL)
		event_free(rl->ev_ctl);
	rl->ev_ctl = NULL;
	rl_ctl_close(rl->ctl);
	rl->ctl = NULL;
}

/*
 * The routelet sends its counters every second unasked; read them as they
 * come, or the socket fills up in minutes and the routelet hangs up on us.
 * If it did hang up, the next configure connects again.
 */
static void
on_ctl_cb(evutil_socket_t fd, short what, void *arg)
{
	struct netns_rl *rl = arg;
	int rc;

	(void)fd;
	(void)what;
	rc = rl_ctl_drain(rl->ctl);
	if (rc == 0)
		return;
	log_warnx("netns: %s: socket: %s", rl->ns, strerror(-rc));
	drop_ctl(rl);
}

/* Start reading the socket on the loop (the routelet is watched). */
static int
watch_ctl(struct netns_rl *rl)
{
	if (rl->ctl == NULL || rl->ev_ctl != NULL)
		return 0;
	rl->ev_ctl = event_new(rl->be->base, rl_ctl_fd(rl->ctl),
	    EV_READ | EV_PERSIST, on_ctl_cb, rl);
	if (rl->ev_ctl == NULL || event_add(rl->ev_ctl, NULL) != 0)
		return -ENOMEM;
	return 0;
}

/*
 * Arm (or disarm, dead == NULL) the one-shot death watch on the pidfd,
 * and the reading of the socket with it.
 */
static int
netns_watch(void *arg, void *h, void (*dead)(void *), void *dead_arg)
{
	struct netns_rl *rl = h;
	int rc;

	(void)arg;
	unwatch(rl);
	rl->dead = dead;
	rl->dead_arg = dead_arg;
	if (dead == NULL)
		return 0;
	if (rl->pidfd == -1)
		return -ESRCH;
	rl->ev = event_new(rl->be->base, rl->pidfd, EV_READ, on_exit_cb, rl);
	if (rl->ev == NULL || event_add(rl->ev, NULL) != 0)
		rc = -ENOMEM;
	else
		rc = watch_ctl(rl);
	if (rc != 0)
		unwatch(rl);
	return rc;
}

/*
 * Reset: the routelet has no reset message, so a fresh process takes the
 * old one's place (it forwards nothing until configured); the watch, if
 * armed, follows it.
 */
static int
restart(struct netns_rl *rl)
{
	void (*dead)(void *) = rl->dead;
	void *dead_arg = rl->dead_arg;
	int rc;

	netns_watch(rl->be, rl, NULL, NULL);
	rl_ctl_close(rl->ctl);
	rl->ctl = NULL;
	stop_routelet(rl);
	rc = spawn_routelet(rl);
	if (rc == 0 && dead != NULL)
		rc = netns_watch(rl->be, rl, dead, dead_arg);
	return rc;
}

/* A connection to the routelet: a closed one is dropped and made again. */
static int
ensure_ctl(struct netns_rl *rl)
{
	int rc;

	if (rl->ctl != NULL && rl_ctl_drain(rl->ctl) != 0)
		drop_ctl(rl);
	if (rl->ctl != NULL)
		return 0;
	rc = rl_ctl_connect(rl->sock, NETNS_ADOPT_MS, &rl->ctl);
	if (rc == 0 && rl->ev != NULL)
		rc = watch_ctl(rl);
	if (rc != 0)
		log_warnx("netns: %s: reconnect: %s", rl->ns, strerror(-rc));
	return rc;
}

static int
netns_configure(void *arg, void *h, const char *text, size_t len)
{
	struct netns_rl *rl = h;
	char err[RL_CTL_ERR_MAX];
	uint64_t gen;
	int rc;

	(void)arg;
	if (len == 0)
		return restart(rl);
	if ((rc = ensure_ctl(rl)) != 0)
		return rc;
	rc = rl_ctl_configure(rl->ctl, text, len, NETNS_CONFIG_MS,
		    &gen, err, sizeof(err));
	if (rc == -EINVAL)
		log_warnx("netns: %s refused its config: %s", rl->ns, err);
	else if (rc != 0)
		log_warnx("netns: %s: configure: %s", rl->ns, strerror(-rc));
	else
		log_debug("netns: %s: generation %llu", rl->ns,
		    (unsigned long long)gen);
	return rc;
}

static int
netns_vif(void *arg, void *h, char name[POOL_IFNAME_MAX], unsigned *ifindex_r)
{
	struct netns_rl *rl = h;
	unsigned idx;

	(void)arg;
	idx = if_nametoindex(rl->ifname);
	if (idx == 0)
		return -errno;
	memcpy(name, rl->ifname, sizeof(rl->ifname));
	*ifindex_r = idx;
	return 0;
}

/* The id in 'name' after 'prefix' (digits only), or -1. */
static long
id_after(const char *name, const char *prefix, const char *suffix)
{
	size_t plen = strlen(prefix), slen = strlen(suffix), len;
	long id = 0;
	size_t i;

	len = strlen(name);
	if (len <= plen + slen || strncmp(name, prefix, plen) != 0 ||
	    strcmp(name + len - slen, suffix) != 0)
		return -1;
	for (i = plen; i < len - slen; i++) {
		if (name[i] < '0' || name[i] > '9' || id > 100000000)
			return -1;
		id = id * 10 + (name[i] - '0');
	}
	return id;
}

/*
 * Take over routelet 'id' left running: its process (from the cgroup), a
 * pidfd on it and its socket.  What is missing stays missing; the pool's
 * watch or configure then fails and destroys the remains.
 */
static int
adopt(struct netns_be *be, unsigned id, struct netns_rl **rl_r)
{
	struct netns_rl *rl;
	pid_t pid;
	int rc;

	rc = rl_new(be, id, &rl);
	if (rc != 0)
		return rc;
	if (cgroup_first_pid(&be->cg, rl->cg, &pid) == 0) {
		rl->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (rl->pidfd != -1)
			rl->pid = pid;
	}
	if (rl->pid > 0 && rl_ctl_connect(rl->sock, NETNS_ADOPT_MS,
	    &rl->ctl) != 0)
		log_warnx("netns: %s: no answer on %s", rl->ns, rl->sock);
	*rl_r = rl;
	return 0;
}

/* Call cb(be, id, arg) for each routelet namespace of ours in /run/netns. */
static int
each_ns(struct netns_be *be, void (*cb)(struct netns_be *, unsigned, void *),
    void *arg)
{
	struct dirent *de;
	DIR *d;
	long id;

	d = opendir(NETNS_DIR);
	if (d == NULL)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d)) != NULL) {
		id = id_after(de->d_name, be->ns_prefix, "");
		if (id >= 0)
			cb(be, (unsigned)id, arg);
	}
	closedir(d);
	return 0;
}

struct list_ctx {
	void	(*found)(void *, unsigned, void *);
	void	*arg;
};

static void
list_one(struct netns_be *be, unsigned id, void *arg)
{
	struct list_ctx *ctx = arg;
	struct netns_rl *rl;

	if (adopt(be, id, &rl) != 0)
		return;
	log_debug("netns: found %s (pid %ld)", rl->ns, (long)rl->pid);
	ctx->found(ctx->arg, id, rl);
}

static int
netns_list(void *arg, void (*found)(void *, unsigned, void *), void *farg)
{
	struct list_ctx ctx = { found, farg };

	return each_ns(arg, list_one, &ctx);
}

/* The ids of leftovers, without duplicates. */
struct ids {
	unsigned	*v;
	size_t		n, cap;
	int		rc;
};

static void
ids_add(struct ids *ids, long id)
{
	unsigned *nv;
	size_t i;

	if (id < 0)
		return;
	for (i = 0; i < ids->n; i++)
		if (ids->v[i] == (unsigned)id)
			return;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap != 0 ? ids->cap * 2 : 16;
		nv = reallocarray(ids->v, ids->cap, sizeof(*nv));
		if (nv == NULL) {
			ids->rc = -ENOMEM;
			return;
		}
		ids->v = nv;
	}
	ids->v[ids->n++] = (unsigned)id;
}

static void
ids_from_ns(struct netns_be *be, unsigned id, void *arg)
{
	(void)be;
	ids_add(arg, id);
}

struct cg_ctx {
	struct netns_be	*be;
	struct ids	*ids;
};

static void
ids_from_cgroup(void *arg, const char *child)
{
	struct cg_ctx *ctx = arg;

	ids_add(ctx->ids, id_after(child, ctx->be->if_prefix, ""));
}

/* Add the ids found in directory 'dir' as <prefix><id><suffix>. */
static void
ids_from_dir(struct ids *ids, const char *dir, const char *prefix,
    const char *suffix)
{
	struct dirent *de;
	DIR *d;

	d = opendir(dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		ids_add(ids, id_after(de->d_name, prefix, suffix));
	closedir(d);
}

int
pool_netns_cleanup(void *arg)
{
	struct netns_be *be = arg;
	struct ids ids = { NULL, 0, 0, 0 };
	struct cg_ctx ctx = { be, &ids };
	struct netns_rl *rl;
	const char *dirs[5] = { be->cg.unified, be->cg.cpu, be->cg.memory,
	    be->cg.cpuset, be->cg.cpuacct };
	char path[PATH_MAX + sizeof(be->cg_parent) + 1];
	size_t i;
	int rc;

	rc = each_ns(be, ids_from_ns, &ids);
	if (rc == 0)
		rc = cgroup_list(&be->cg, be->cg_parent, be->if_prefix,
		    ids_from_cgroup, &ctx);
	if (rc != 0)
		goto out;
	ids_from_dir(&ids, "/sys/class/net", be->if_prefix, "");
	ids_from_dir(&ids, be->run_dir, be->ns_prefix, ".sock");
	rc = ids.rc;
	if (rc != 0)
		goto out;
	for (i = 0; i < ids.n; i++) {
		if (adopt(be, ids.v[i], &rl) != 0)
			continue;
		log_info("netns: removing leftovers of %s", rl->ns);
		netns_destroy(be, rl);
	}
	/* the parent cgroup goes too once empty */
	for (i = 0; i < 5; i++) {
		if (dirs[i][0] == '\0')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dirs[i], be->cg_parent);
		rmdir(path);
	}
	rc = (int)ids.n;
 out:
	free(ids.v);
	return rc;
}

/* Leave the routelet running; free only our side of it. */
static void
netns_forget(void *arg, void *h)
{
	struct netns_rl *rl = h;

	(void)arg;
	unwatch(rl);
	rl_ctl_close(rl->ctl);
	if (rl->pidfd != -1)
		close(rl->pidfd);
	log_debug("netns: %s left running (pid %ld)", rl->ns, (long)rl->pid);
	free(rl);
}

static int
netns_counters(void *arg, void *h, char *buf, size_t len)
{
	struct netns_rl *rl = h;
	int rc;

	(void)arg;
	if ((rc = ensure_ctl(rl)) == 0)
		rc = rl_ctl_counters(rl->ctl, NETNS_CONFIG_MS, buf, len);
	return rc == 0 ? (int)strlen(buf) : rc;
}

static int
netns_cpu_time(void *arg, void *h, uint64_t *ns_r)
{
	struct netns_rl *rl = h;

	return cgroup_cpu_usage(&((struct netns_be *)arg)->cg, rl->cg, ns_r);
}

static int
netns_describe(void *arg, void *h, char *buf, size_t len)
{
	struct netns_rl *rl = h;
	int n;

	(void)arg;
	if (rl->pid > 0)
		n = snprintf(buf, len, "netns %s pid %ld", rl->ns,
		    (long)rl->pid);
	else
		n = snprintf(buf, len, "netns %s not running", rl->ns);
	return n < 0 || (size_t)n >= len ? -ENOSPC : n;
}

const struct pool_backend_ops pool_netns_ops = {
	.name = "netns",
	.create = netns_create,
	.destroy = netns_destroy,
	.set_caps = netns_set_caps,
	.configure = netns_configure,
	.vif = netns_vif,
	.watch = netns_watch,
	.list = netns_list,
	.forget = netns_forget,
	.counters = netns_counters,
	.cpu_time = netns_cpu_time,
	.describe = netns_describe,
};
