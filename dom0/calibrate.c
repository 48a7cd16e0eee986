/*
 * quasard --calibrate: the routelet's CPU cost per forwarded frame on
 * this machine (dom0/calibrate.h, docs/calibrate.md).
 *
 * Two children, each in a network namespace of its own that nothing else
 * holds (unshare, not "ip netns": no bind mount, so nothing can outlive
 * them): the routelet, and a sender that plays dom0: its demux on the
 * way in, and on the way back the redirect to a line card through HTB
 * (tc, through nsenter(1)), which the routelet's sendmmsg pays for.
 * ip(8) makes the veth pairs straight into the namespaces ("netns PID"),
 * so no name is ever made in the caller's namespace.  The children carry a
 * parent-death signal, so if the calling thread dies they die, and the
 * namespaces and the veth go with them.  The routelet's socket lives in
 * a temporary directory only until we have connected to it.
 *
 * The children are forked from a process that may have threads (the
 * pool's worker): between fork and exec, or for the sender until it
 * dies, they make only system calls on memory prepared before the fork.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_packet.h>

#include "dom0/calibrate.h"
#include "dom0/rl_ctl.h"
#include "lib/inet.h"
#include "lib/log.h"
#include "lib/mpls.h"
#include "routelet/config.h"

#define CAL_TX_IF		"tx0"	/* the sender's end: dom0's rl<N> */
#define CAL_RL_IF		"eth0"	/* the routelet's end, as in the pool */
#define CAL_OUT_IF		"out0"	/* the line card the frames leave by */
#define CAL_SINK_IF		"sink0"	/* its far end, dropping them */
#define CAL_IN_LABEL		1000
#define CAL_OUT_LABEL		2000
#define CAL_READY_MS		3000	/* a child's namespace */
#define CAL_CONNECT_MS		3000	/* the routelet's socket */
#define CAL_CTL_MS		1000	/* a config or counters answer */
#define CAL_FIRST_MS		3000	/* the first frame forwarded */
#define CAL_WARMUP_MS		250	/* ring pages touched, caches warm */
#define CAL_STOP_MS		1000	/* SIGTERM, then SIGKILL */
#define CAL_TICK_NS		1000000	/* the sender sends once a ms */
#define CAL_BATCH		64	/* frames per sendmmsg */
#define CAL_BURST_MS		2	/* the most the sender catches up */
#define CAL_COUNTERS_MAX	2048

extern char **environ;

/* Locally administered, in namespaces of our own: no collision possible. */
static const uint8_t tx_mac[ETH_ALEN_] = { 0x02, 0x71, 0xca, 0x1b, 0, 1 };
static const uint8_t rl_mac[ETH_ALEN_] = { 0x02, 0x71, 0xca, 0x1b, 0, 2 };

struct cal_run {
	const struct calib_params *p;
	char		routelet[PATH_MAX];
	char		dir[80];	/* "": not made */
	char		sock[108];	/* sun_path */
	pid_t		parent;
	pid_t		rl_pid;		/* -1: none */
	pid_t		tx_pid;
	int		rl_sync;	/* our end of each child's socketpair */
	int		tx_sync;
	struct rl_ctl	*ctl;
	clockid_t	rl_clock;	/* the routelet's CPU clock */
	uint8_t		frame[CALIB_FRAME_MAX];
	/* the sender's batch, built before the fork */
	struct iovec	iov;
	struct mmsghdr	msgs[CAL_BATCH];
};

/* What a counters reading holds besides the frames sent. */
struct cal_counters {
	uint64_t	tx;
	uint64_t	dropped;	/* every drop, ring drops included */
	uint64_t	ring_drop;
};

static void __attribute__((format(printf, 3, 4)))
set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void
calib_params_default(struct calib_params *p)
{
	p->routelet = "quasar-routelet";
	p->ip = "ip";
	p->seconds = 3;
	p->frame_len = 64;
	p->rate = 50000;
}

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Sleep until CLOCK_MONOTONIC reads 'ns'. */
static void
sleep_until(uint64_t ns)
{
	struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000ull),
	    .tv_nsec = (long)(ns % 1000000000ull) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

/*
 * The program 'name' as a path: itself if it has a '/', else the first
 * executable of that name in PATH (looked up here, since the child may
 * only call execv).
 */
static int
resolve_exe(const char *name, char *buf, size_t cap)
{
	const char *path = getenv("PATH"), *p, *colon;
	size_t dirlen;
	int n;

	if (strchr(name, '/') != NULL) {
		n = snprintf(buf, cap, "%s", name);
		if (n < 0 || (size_t)n >= cap)
			return -ENAMETOOLONG;
		return access(buf, X_OK) == 0 ? 0 : -errno;
	}
	if (path == NULL || *path == '\0')
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
		    "/sbin:/bin";
	for (p = path; ; p = colon + 1) {
		colon = strchr(p, ':');
		dirlen = colon != NULL ? (size_t)(colon - p) : strlen(p);
		n = snprintf(buf, cap, "%.*s/%s", (int)dirlen, dirlen > 0 ? p :
		    ".", name);
		if (n >= 0 && (size_t)n < cap && access(buf, X_OK) == 0)
			return 0;
		if (colon == NULL)
			return -ENOENT;
	}
}

/*
 * Labelled frame of 'len' bytes: Ethernet to the routelet, label
 * CAL_IN_LABEL (S=1, TTL 64), an IPv4/UDP datagram from TEST-NET-1.
 */
static void
build_frame(uint8_t *f, unsigned len)
{
	uint16_t et = htons(ETH_P_MPLS_UC_), ip_len, udp_len, csum;
	uint32_t lse = htonl(mpls_lse_make(CAL_IN_LABEL, 0, 1, 64));
	uint8_t *ip = f + ETH_HLEN_ + MPLS_HLEN, *udp = ip + IPV4_HLEN_MIN;

	memset(f, 0, len);
	memcpy(f, rl_mac, ETH_ALEN_);
	memcpy(f + ETH_ALEN_, tx_mac, ETH_ALEN_);
	memcpy(f + 2 * ETH_ALEN_, &et, 2);
	memcpy(f + ETH_HLEN_, &lse, 4);
	ip_len = htons((uint16_t)(len - ETH_HLEN_ - MPLS_HLEN));
	udp_len = htons((uint16_t)(len - ETH_HLEN_ - MPLS_HLEN -
	    IPV4_HLEN_MIN));
	ip[0] = 0x45;
	memcpy(ip + 2, &ip_len, 2);
	ip[IPV4_TTL_OFF] = 64;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, (const uint8_t[]){ 192, 0, 2, 1 }, 4);
	memcpy(ip + 16, (const uint8_t[]){ 192, 0, 2, 2 }, 4);
	csum = inet_cksum(ip, IPV4_HLEN_MIN);
	memcpy(ip + IPV4_CSUM_OFF, &csum, 2);
	udp[1] = 9;		/* discard, both ways */
	udp[3] = 9;
	memcpy(udp + 4, &udp_len, 2);
}

/* Bring interface 'name' of the current namespace up (system calls only). */
static int
link_up(const char *name)
{
	struct ifreq ifr;
	int fd, rc = -1;

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return rc;
}

/*
 * In a child: die with the parent, move to a new network namespace
 * without IPv6 autoconfiguration (nothing but our frames on the veth),
 * tell the parent, and wait for it to have made the veth.  System calls
 * only.  Returns 0, or -1 if the child must give up.
 */
static int
child_enter(pid_t parent, int sync)
{
	static const char v6[] = "/proc/sys/net/ipv6/conf/default/"
	    "disable_ipv6";
	char c = 'r';
	int fd;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		return -1;
	if (unshare(CLONE_NEWNET) == -1)
		return -1;
	fd = open(v6, O_WRONLY | O_CLOEXEC);
	if (fd != -1) {
		if (write(fd, "1", 1) != 1) {
			/* IPv6 stays on: its few frames are counted apart */
		}
		close(fd);
	}
	if (write(sync, &c, 1) != 1 || read(sync, &c, 1) != 1 || c != 'g')
		return -1;
	return 0;
}

/* The routelet child: in its namespace, exec the routelet. */
static void __attribute__((noreturn))
child_routelet(struct cal_run *run, int sync)
{
	char *argv[] = { run->routelet, "-d", "-i", CAL_RL_IF, "-s",
	    run->sock, NULL };

	if (child_enter(run->parent, sync) != 0 || link_up(CAL_RL_IF) != 0)
		_exit(126);
	execv(argv[0], argv);
	_exit(127);
}

/*
 * The sender child: in its namespace, send run->frame out of CAL_TX_IF at
 * run->p->rate frames/s, a batch every CAL_TICK_NS, until killed.  A
 * frame the kernel refuses (ENOBUFS) is not sent again; after a delay
 * (the sender not scheduled) at most CAL_BURST_MS of frames are made
 * up, so a late sender does not overflow the routelet's ring.
 */
static void __attribute__((noreturn))
child_sender(struct cal_run *run, int sync)
{
	struct sockaddr_ll sll;
	struct ifreq ifr;
	uint64_t start, now, due, sent = 0, rate = run->p->rate;
	uint64_t burst = rate * CAL_BURST_MS / 1000 + CAL_BATCH;
	unsigned n;
	int fd, one = 1, r;

	if (child_enter(run->parent, sync) != 0 || link_up(CAL_TX_IF) != 0)
		_exit(126);
	/* protocol 0: this socket only sends, it receives nothing */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd == -1)
		_exit(125);
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, CAL_TX_IF, sizeof(CAL_TX_IF));
	if (ioctl(fd, SIOCGIFINDEX, &ifr) == -1)
		_exit(125);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifr.ifr_ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) == -1)
		_exit(125);
	/* like bench-gen: dom0's demux redirects without a qdisc either */
	setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one));
	start = mono_ns();
	for (now = start; ; now = mono_ns()) {
		due = (now - start) / 1000 * rate / 1000000;
		/* late (not scheduled): skip, rather than burst past the ring */
		if (due - sent > burst)
			sent = due - burst;
		while (sent < due) {
			n = due - sent > CAL_BATCH ? CAL_BATCH :
			    (unsigned)(due - sent);
			r = sendmmsg(fd, run->msgs, n, 0);
			if (r <= 0 && errno != ENOBUFS && errno != EAGAIN &&
			    errno != EINTR && errno != ENETDOWN)
				_exit(124);
			sent += r > 0 ? (unsigned)r : n;
		}
		sleep_until(now + CAL_TICK_NS);
	}
}

/*
 * Fork a child that runs 'fn' and wait until it is in its namespace.
 * Returns 0 with its pid and our end of its socketpair, or -errno.
 */
static int
start_child(struct cal_run *run,
    void (*fn)(struct cal_run *, int), pid_t *pid_r, int *sync_r)
{
	struct pollfd pfd;
	int sv[2], rc;
	pid_t pid;
	char c;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		return -errno;
	pid = fork();
	if (pid == -1) {
		rc = -errno;
		close(sv[0]);
		close(sv[1]);
		return rc;
	}
	if (pid == 0) {
		close(sv[0]);
		fn(run, sv[1]);
	}
	close(sv[1]);
	*pid_r = pid;
	*sync_r = sv[0];
	pfd.fd = sv[0];
	pfd.events = POLLIN;
	rc = poll(&pfd, 1, CAL_READY_MS);
	if (rc == 1 && read(sv[0], &c, 1) == 1 && c == 'r')
		return 0;
	return rc == 0 ? -ETIMEDOUT : -ECHILD;
}

/* Let a child waiting in child_enter go on. */
static int
release_child(int sync)
{
	char c = 'g';

	return write(sync, &c, 1) == 1 ? 0 : -EPIPE;
}

/* Run 'args' (args[0] looked up in PATH) and wait; 0 or -errno. */
static int
run_cmd(char *const args[])
{
	pid_t pid;
	int r, status;

	r = posix_spawnp(&pid, args[0], NULL, NULL, args, environ);
	if (r != 0)
		return -r;
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

/*
 * The veth pairs, made straight into the children's namespaces:
 * CAL_TX_IF in the sender's with CAL_RL_IF in the routelet's, and
 * CAL_OUT_IF with CAL_SINK_IF both in the sender's.
 */
static int
make_veths(const struct cal_run *run)
{
	char txpid[16], rlpid[16], txmac[18], rlmac[18];
	char *ip = (char *)(uintptr_t)run->p->ip;
	char *pair[] = { ip, "link", "add", CAL_TX_IF, "address", txmac,
	    "netns", txpid, "type", "veth", "peer", "name", CAL_RL_IF,
	    "address", rlmac, "netns", rlpid, NULL };
	char *out[] = { ip, "link", "add", CAL_OUT_IF, "netns", txpid,
	    "type", "veth", "peer", "name", CAL_SINK_IF, "netns", txpid,
	    NULL };
	int rc;

	snprintf(txpid, sizeof(txpid), "%ld", (long)run->tx_pid);
	snprintf(rlpid, sizeof(rlpid), "%ld", (long)run->rl_pid);
	mac_format(tx_mac, txmac, sizeof(txmac));
	mac_format(rl_mac, rlmac, sizeof(rlmac));
	rc = run_cmd(pair);
	return rc == 0 ? run_cmd(out) : rc;
}

/*
 * dom0's return path, in the sender's namespace: what a routelet's frames
 * meet in the pool, where the vif program redirects them to the line
 * card through the flow's HTB class.  Here tc u32 + mirred at
 * CAL_TX_IF's ingress redirects them to CAL_OUT_IF, under an HTB class
 * far above any rate reached, and CAL_SINK_IF drops them (no MPLS
 * stack).  The routelet's sendmmsg runs all of it as a softirq, so its
 * CPU is charged to the routelet.  Each command runs through nsenter(1),
 * since the namespace has no name.  Returns 0, or -errno with the
 * command that failed in 'err'.
 */
static int
make_return_path(const struct cal_run *run, char *err, size_t errlen)
{
	char *ip = (char *)(uintptr_t)run->p->ip;
	char *cmds[][24] = {
		{ ip, "link", "set", CAL_OUT_IF, "up", NULL },
		{ ip, "link", "set", CAL_SINK_IF, "up", NULL },
		{ "tc", "qdisc", "add", "dev", CAL_OUT_IF, "root", "handle",
		    "1:", "htb", "default", "1", NULL },
		{ "tc", "class", "add", "dev", CAL_OUT_IF, "parent", "1:",
		    "classid", "1:1", "htb", "rate", "10gbit", "quantum",
		    "60000", NULL },
		{ "tc", "qdisc", "add", "dev", CAL_TX_IF, "clsact", NULL },
		{ "tc", "filter", "add", "dev", CAL_TX_IF, "ingress",
		    "protocol", "all", "u32", "match", "u32", "0", "0",
		    "action", "mirred", "egress", "redirect", "dev",
		    CAL_OUT_IF, NULL },
	};
	char netns[48], *argv[28];
	size_t i, j;
	int rc;

	snprintf(netns, sizeof(netns), "--net=/proc/%ld/ns/net",
	    (long)run->tx_pid);
	argv[0] = "nsenter";
	argv[1] = netns;
	argv[2] = "--";
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		for (j = 0; cmds[i][j] != NULL; j++)
			argv[3 + j] = cmds[i][j];
		argv[3 + j] = NULL;
		rc = run_cmd(argv);
		if (rc != 0) {
			set_err(err, errlen, "return path: %s %s %s %s: %s",
			    cmds[i][0], cmds[i][1], cmds[i][2], cmds[i][3],
			    strerror(-rc));
			return rc;
		}
	}
	return 0;
}

/* The routelet's config: swap CAL_IN_LABEL, a policer that never drops. */
static int
configure(struct cal_run *run, char *err, size_t errlen)
{
	struct rl_config cfg = {
		.generation = 1,
		.name = "calibrate",
		.in_label = CAL_IN_LABEL,
		.out_label = CAL_OUT_LABEL,
		.tspec = {
			.rate = POLICER_RATE_MAX,
			.bucket = POLICER_BUCKET_MAX,
			.peak = POLICER_RATE_INF,
			.min_unit = 1,
			.max_size = 65535,
		},
	};
	char text[RL_CONFIG_TEXT_MAX], why[RL_CTL_ERR_MAX];
	int len, rc;

	memcpy(cfg.nexthop_mac, tx_mac, ETH_ALEN_);
	memcpy(cfg.source_mac, rl_mac, ETH_ALEN_);
	len = rl_config_format(&cfg, text, sizeof(text));
	if (len < 0)
		return -EINVAL;
	why[0] = '\0';
	rc = rl_ctl_configure(run->ctl, text, (size_t)len, CAL_CTL_MS, NULL,
	    why, sizeof(why));
	if (rc != 0)
		set_err(err, errlen, "routelet config: %s%s%s", strerror(-rc),
		    why[0] != '\0' ? ": " : "", why);
	return rc;
}

/* The routelet's counters now. */
static int
read_counters(struct cal_run *run, struct cal_counters *c)
{
	char buf[CAL_COUNTERS_MAX];
	size_t len;
	int rc;

	/* unasked counters (one a second) waiting would be older */
	rc = rl_ctl_drain(run->ctl);
	if (rc == 0)
		rc = rl_ctl_counters(run->ctl, CAL_CTL_MS, buf, sizeof(buf));
	if (rc != 0)
		return rc;
	len = strlen(buf);
	if (rl_ctl_counter(buf, len, "tx-packets", &c->tx) != 0 ||
	    rl_ctl_counter(buf, len, "dropped-packets", &c->dropped) != 0 ||
	    rl_ctl_counter(buf, len, "ring-drop-packets", &c->ring_drop) != 0)
		return -EPROTO;
	return 0;
}

/* Clocks and counters at one moment of the window. */
static int
take_sample(struct cal_run *run, struct calib_sample *s,
    struct cal_counters *c)
{
	struct timespec ts;
	int rc;

	s->wall_ns = mono_ns();
	if (clock_gettime(run->rl_clock, &ts) == -1)
		return -errno;
	s->cpu_ns = (uint64_t)ts.tv_sec * 1000000000ull +
	    (uint64_t)ts.tv_nsec;
	rc = read_counters(run, c);
	s->frames = c->tx;
	return rc;
}

/* Wait until the routelet has forwarded a frame. */
static int
wait_first_frame(struct cal_run *run)
{
	struct cal_counters c;
	uint64_t deadline = mono_ns() + CAL_FIRST_MS * 1000000ull;
	int rc;

	for (;;) {
		rc = read_counters(run, &c);
		if (rc != 0 || c.tx > 0)
			return rc;
		if (mono_ns() >= deadline)
			return -ETIMEDOUT;
		usleep(20000);
	}
}

/* SIGKILL (or SIGTERM, then SIGKILL) child 'pid' and reap it. */
static void
stop_child(pid_t pid, bool gently)
{
	uint64_t deadline = mono_ns() + CAL_STOP_MS * 1000000ull;
	pid_t r;

	if (pid <= 0)
		return;
	kill(pid, gently ? SIGTERM : SIGKILL);
	while (gently) {
		r = waitpid(pid, NULL, WNOHANG);
		if (r == pid || (r == -1 && errno != EINTR))
			return;
		if (mono_ns() >= deadline) {
			log_warnx("calibrate: routelet %ld ignores SIGTERM",
			    (long)pid);
			kill(pid, SIGKILL);
			break;
		}
		usleep(5000);
	}
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
}

/* Remove the socket and its directory (once connected, or at the end). */
static void
remove_sock_dir(struct cal_run *run)
{
	if (run->dir[0] == '\0')
		return;
	unlink(run->sock);
	rmdir(run->dir);
	run->dir[0] = '\0';
}

/*
 * Connect to the starting routelet's socket, giving up at once if it
 * exits (a wrong program, an interface it cannot open).
 */
static int
connect_routelet(struct cal_run *run, char *err, size_t errlen)
{
	uint64_t deadline = mono_ns() + CAL_CONNECT_MS * 1000000ull;
	int rc, status;

	for (;;) {
		rc = rl_ctl_connect(run->sock, 100, &run->ctl);
		if (rc != -ETIMEDOUT)
			break;
		if (waitpid(run->rl_pid, &status, WNOHANG) == run->rl_pid) {
			run->rl_pid = -1;
			set_err(err, errlen, "%s did not start (exit %d)",
			    run->routelet, WIFEXITED(status) ?
			    WEXITSTATUS(status) : 128 + WTERMSIG(status));
			return -ECHILD;
		}
		if (mono_ns() >= deadline)
			break;
	}
	if (rc != 0)
		set_err(err, errlen, "routelet socket %s: %s", run->sock,
		    strerror(-rc));
	return rc;
}

/*
 * Start both children and the veth, connect to the routelet and
 * configure it.  What was made is in 'run' for cal_teardown.
 */
static int
cal_setup(struct cal_run *run, char *err, size_t errlen)
{
	const char *tmpdir;
	int n, rc;
	unsigned i;

	rc = resolve_exe(run->p->routelet, run->routelet,
	    sizeof(run->routelet));
	if (rc != 0) {
		set_err(err, errlen, "routelet %s: %s", run->p->routelet,
		    strerror(-rc));
		return rc;
	}
	build_frame(run->frame, run->p->frame_len);
	run->iov.iov_base = run->frame;
	run->iov.iov_len = run->p->frame_len;
	for (i = 0; i < CAL_BATCH; i++) {
		run->msgs[i].msg_hdr.msg_iov = &run->iov;
		run->msgs[i].msg_hdr.msg_iovlen = 1;
	}
	tmpdir = getenv("TMPDIR");
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	n = snprintf(run->dir, sizeof(run->dir), "%s/quasar-calib.XXXXXX",
	    tmpdir);
	if (n < 0 || (size_t)n >= sizeof(run->dir)) {
		run->dir[0] = '\0';
		set_err(err, errlen, "TMPDIR %s: too long for a socket path",
		    tmpdir);
		return -ENAMETOOLONG;
	}
	if (mkdtemp(run->dir) == NULL) {
		rc = -errno;
		run->dir[0] = '\0';
		set_err(err, errlen, "temporary directory: %s", strerror(-rc));
		return rc;
	}
	snprintf(run->sock, sizeof(run->sock), "%s/routelet.sock", run->dir);
	rc = start_child(run, child_routelet, &run->rl_pid, &run->rl_sync);
	if (rc == 0)
		rc = start_child(run, child_sender, &run->tx_pid,
		    &run->tx_sync);
	if (rc != 0) {
		set_err(err, errlen, "network namespace: %s (not root?)",
		    strerror(-rc));
		return rc;
	}
	rc = make_veths(run);
	if (rc != 0) {
		set_err(err, errlen, "%s link add ... type veth: %s",
		    run->p->ip, strerror(-rc));
		return rc;
	}
	rc = make_return_path(run, err, errlen);
	if (rc != 0)
		return rc;
	if (clock_getcpuclockid(run->rl_pid, &run->rl_clock) != 0) {
		set_err(err, errlen, "the routelet's CPU clock");
		return -ESRCH;
	}
	rc = release_child(run->rl_sync);
	if (rc == 0)
		rc = connect_routelet(run, err, errlen);
	else
		set_err(err, errlen, "the routelet's child died");
	if (rc != 0)
		return rc;
	/* connected: the path is no longer needed, nothing can be left */
	remove_sock_dir(run);
	rc = configure(run, err, errlen);
	/* the sender last: every frame finds the swap in force */
	if (rc == 0 && release_child(run->tx_sync) != 0) {
		set_err(err, errlen, "the sender died");
		rc = -ECHILD;
	}
	return rc;
}

/* Undo whatever cal_setup made; the namespaces die with the children. */
static void
cal_teardown(struct cal_run *run)
{
	/* the routelet first: the veth goes with the sender's namespace */
	stop_child(run->rl_pid, true);
	stop_child(run->tx_pid, false);
	rl_ctl_close(run->ctl);
	if (run->rl_sync != -1)
		close(run->rl_sync);
	if (run->tx_sync != -1)
		close(run->tx_sync);
	remove_sock_dir(run);
}

/* Whether the routelet forwarded what it was given; a warning if not all. */
static int
check_counters(const struct cal_counters *a, const struct cal_counters *b,
    unsigned rate, char *err, size_t errlen)
{
	uint64_t dropped = b->dropped - a->dropped;
	uint64_t ring = b->ring_drop - a->ring_drop;

	if (dropped > ring) {
		set_err(err, errlen, "the routelet dropped %llu frames it "
		    "should have forwarded",
		    (unsigned long long)(dropped - ring));
		return -EPROTO;
	}
	if (ring > 0)
		log_warnx("calibrate: the routelet's ring overflowed (%llu "
		    "frames of %llu) at %u frames/s offered: this is its cost "
		    "when saturated, lower than at rates it keeps up with",
		    (unsigned long long)ring,
		    (unsigned long long)(b->tx - a->tx + ring), rate);
	return 0;
}

int
calibrate_run(const struct calib_params *p, struct calib_result *r,
    char *err, size_t errlen)
{
	struct cal_counters ca, cb;
	struct calib_sample a, b;
	struct cal_run *run;
	int rc;

	set_err(err, errlen, "%s", "");
	if (p->seconds < 1 || p->seconds > CALIB_SECONDS_MAX ||
	    p->frame_len < CALIB_FRAME_MIN || p->frame_len > CALIB_FRAME_MAX ||
	    p->rate < 1 || p->rate > CALIB_RATE_MAX) {
		set_err(err, errlen, "seconds 1-%d, frame length %d-%d, rate "
		    "1-%d frames/s", CALIB_SECONDS_MAX, CALIB_FRAME_MIN,
		    CALIB_FRAME_MAX, CALIB_RATE_MAX);
		return -EINVAL;
	}
	/* big (a frame and a batch): not on the caller's stack */
	run = calloc(1, sizeof(*run));
	if (run == NULL)
		return -ENOMEM;
	run->p = p;
	run->parent = getpid();
	run->rl_pid = run->tx_pid = -1;
	run->rl_sync = run->tx_sync = -1;
	rc = cal_setup(run, err, errlen);
	if (rc != 0)
		goto out;
	rc = wait_first_frame(run);
	if (rc != 0) {
		set_err(err, errlen, "no frame forwarded within %d ms: %s",
		    CAL_FIRST_MS, strerror(-rc));
		goto out;
	}
	usleep(CAL_WARMUP_MS * 1000);
	rc = take_sample(run, &a, &ca);
	if (rc == 0) {
		sleep_until(a.wall_ns + (uint64_t)p->seconds * 1000000000ull);
		rc = take_sample(run, &b, &cb);
	}
	if (rc != 0) {
		set_err(err, errlen, "reading the routelet: %s%s",
		    strerror(-rc), rc == -ETIMEDOUT ? " (saturated: it serves "
		    "its socket only between frames; offer a lower rate)" : "");
		goto out;
	}
	rc = check_counters(&ca, &cb, p->rate, err, errlen);
	if (rc != 0)
		goto out;
	rc = calib_result_compute(&a, &b, p->frame_len, r);
	if (rc != 0) {
		set_err(err, errlen, "nothing measured: %s", strerror(-rc));
		goto out;
	}
	log_info("calibrate: %llu frames of %u bytes in %.3f s (%.0f/s), "
	    "routelet CPU %.6f s: %.1f ns per frame",
	    (unsigned long long)r->frames, r->frame_len, r->seconds,
	    (double)r->frames / r->seconds, r->cpu_seconds, r->pkt_cost_ns);
 out:
	cal_teardown(run);
	free(run);
	return rc;
}
