/*
 * quasar-routelet: the single-flow forwarder that runs inside a routelet.
 * One interface, one flow: receive, police, swap, send, count; configured
 * over a UNIX socket (netns backend) or xenstore (Xen backend).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "routelet/chan_sock.h"
#include "routelet/chan_xs.h"
#include "routelet/config.h"
#include "routelet/forward.h"
#include "routelet/meminfo.h"
#include "routelet/ring.h"
#include "routelet/xs_ops_xen.h"

enum { P_RING, P_SIGNAL, P_TIMER, P_LISTEN, P_CHAN, P_COUNT };

struct routelet {
	struct rl_fwd fwd;
	struct ring ring;
	struct chan_sock sock;
	struct chan_xs xs;
	void *xs_handle;
	int sig_fd;
	int timer_fd;
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: quasar-routelet -i iface (-s sockpath | -x) "
	    "[-c configfile] [-d] [-v]\n"
	    "       quasar-routelet -n -c configfile\n");
	exit(2);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Read and parse the config file 'path' into 'cfg_r'; 0 or -1 (logged). */
static int
read_config_file(const char *path, struct rl_config *cfg_r)
{
	char text[RL_CONFIG_TEXT_MAX + 1], err[RL_ERR_MAX];
	size_t len = 0;
	ssize_t r;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_warn("%s", path);
		return -1;
	}
	/* One byte more than allowed, so the parser can refuse it. */
	while (len < sizeof(text) &&
	    (r = read(fd, text + len, sizeof(text) - len)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			log_warn("%s", path);
			goto out;
		}
		len += (size_t)r;
	}
	if (rl_config_parse(text, len, cfg_r, err, sizeof(err)) < 0) {
		log_warnx("%s: %s", path, err);
		goto out;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}

/* -n: check the config file and print it back in canonical form. */
static int
check_config_file(const char *path)
{
	struct rl_config cfg;
	char text[RL_CONFIG_TEXT_MAX];

	if (read_config_file(path, &cfg) < 0 ||
	    rl_config_format(&cfg, text, sizeof(text)) < 0)
		return EXIT_FAILURE;
	fputs(text, stdout);
	return EXIT_SUCCESS;
}

/* SIGTERM and SIGINT end the loop through a signalfd; SIGPIPE is moot. */
static int
open_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static int
open_timer(void)
{
	struct itimerspec its = {
		.it_interval = { .tv_sec = 1 },
		.it_value = { .tv_sec = 1 },
	};
	int fd;

	fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (fd >= 0 && timerfd_settime(fd, 0, &its, NULL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Every second: counters out (watch events wake the loop themselves). */
static void
tick(struct routelet *rt)
{
	static struct log_ratelimit rl_meminfo = LOG_RATELIMIT_INIT(60, 1);
	uint64_t mem_kb;

	ring_count_drops(&rt->ring, &rt->fwd);
	if (rt->xs_handle != NULL) {
		if (rl_meminfo_available(&mem_kb) < 0) {
			log_warnx_rl(&rl_meminfo, "/proc/meminfo: %s",
			    strerror(errno));
			mem_kb = 0;
		}
		chan_xs_push_counters(&rt->xs, &rt->fwd, mem_kb);
	} else
		chan_sock_push_counters(&rt->sock, &rt->fwd);
}

/*
 * Serve until SIGTERM or SIGINT (returns 0) or until the interface is
 * gone (returns -1).
 */
static int
run(struct routelet *rt)
{
	struct pollfd pfd[P_COUNT];
	struct signalfd_siginfo si;
	uint64_t ticks;
	int i;

	for (;;) {
		for (i = 0; i < P_COUNT; i++) {
			pfd[i].fd = -1;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		pfd[P_RING].fd = rt->ring.fd;
		pfd[P_SIGNAL].fd = rt->sig_fd;
		pfd[P_TIMER].fd = rt->timer_fd;
		pfd[P_LISTEN].fd = rt->sock.listen_fd;
		pfd[P_CHAN].fd = rt->xs_handle != NULL ?
		    rt->xs.ops->fileno(rt->xs_handle) : rt->sock.conn_fd;

		if (poll(pfd, P_COUNT, -1) < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		/* Frames first, then control: a config lands between frames. */
		if ((pfd[P_RING].revents & POLLERR) != 0 &&
		    !ring_check_error(&rt->ring))
			return -1;
		if ((pfd[P_RING].revents & POLLIN) != 0)
			ring_process(&rt->ring, &rt->fwd, now_ns());
		if (pfd[P_SIGNAL].revents != 0 &&
		    read(rt->sig_fd, &si, sizeof(si)) == sizeof(si)) {
			log_info("signal %u, exiting", si.ssi_signo);
			return 0;
		}
		if (pfd[P_TIMER].revents != 0 &&
		    read(rt->timer_fd, &ticks, sizeof(ticks)) == sizeof(ticks))
			tick(rt);
		if (pfd[P_LISTEN].revents != 0)
			chan_sock_accept(&rt->sock);
		if (pfd[P_CHAN].revents != 0) {
			/* A counter request may be among what came in. */
			ring_count_drops(&rt->ring, &rt->fwd);
			if (rt->xs_handle != NULL)
				chan_xs_input(&rt->xs, &rt->fwd, now_ns());
			else
				chan_sock_input(&rt->sock, &rt->fwd, now_ns());
		}
	}
}

static void
log_totals(const struct rl_fwd *fwd)
{
	const struct rl_counters *c = &fwd->cnt;

	log_info("rx %llu tx %llu policed %llu bad-label %llu not-mpls %llu "
	    "ttl-expired %llu malformed %llu send-errors %llu ring-drops %llu",
	    (unsigned long long)c->rx_packets,
	    (unsigned long long)c->tx_packets,
	    (unsigned long long)c->policed_packets,
	    (unsigned long long)c->bad_label_packets,
	    (unsigned long long)c->not_mpls_packets,
	    (unsigned long long)c->ttl_expired_packets,
	    (unsigned long long)c->malformed_packets,
	    (unsigned long long)c->send_error_packets,
	    (unsigned long long)c->ring_drop_packets);
}

int
main(int argc, char *argv[])
{
	struct routelet rt;
	struct rl_config cfg;
	const char *ifname = NULL, *sockpath = NULL, *cfgpath = NULL;
	bool use_xs = false, debug = false, check_only = false;
	enum log_level level = LOG_LVL_INFO;
	int ch, rc = EXIT_FAILURE;

	while ((ch = getopt(argc, argv, "c:di:ns:vx")) != -1) {
		switch (ch) {
		case 'c':
			cfgpath = optarg;
			break;
		case 'd':
			debug = true;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 'n':
			check_only = true;
			break;
		case 's':
			sockpath = optarg;
			break;
		case 'v':
			level = LOG_LVL_DEBUG;
			break;
		case 'x':
			use_xs = true;
			break;
		default:
			usage();
		}
	}
	if (check_only) {
		if (optind != argc || cfgpath == NULL)
			usage();
		log_init("quasar-routelet", level, false);
		return check_config_file(cfgpath);
	}
	if (optind != argc || ifname == NULL || (sockpath == NULL) == !use_xs)
		usage();
	log_init("quasar-routelet", level, !debug);

	memset(&rt, 0, sizeof(rt));
	rl_fwd_init(&rt.fwd);
	chan_sock_init(&rt.sock);
	ring_init(&rt.ring);
	rt.timer_fd = -1;
	if ((rt.sig_fd = open_signals()) < 0) {
		log_warn("signals");
		goto out;
	}
	if (cfgpath != NULL) {
		if (read_config_file(cfgpath, &cfg) < 0)
			goto out;
		rl_fwd_apply(&rt.fwd, &cfg, now_ns());
		log_info("%s: generation %llu, label %u -> %u", cfgpath,
		    (unsigned long long)cfg.generation, cfg.in_label,
		    cfg.out_label);
	}
	if (ring_open(&rt.ring, ifname) < 0)
		goto out;
	if (sockpath != NULL && chan_sock_listen(&rt.sock, sockpath) < 0)
		goto out;
	/*
	 * Before xenstore: libxenstore's reader thread would not survive.
	 * The working directory stays, so a relative socket path is still
	 * the one to remove on exit.
	 */
	if (!debug && daemon(1, 0) < 0) {
		log_warn("daemon");
		goto out;
	}
	if (use_xs) {
		if ((rt.xs_handle = xs_xen_open()) == NULL) {
			log_warn("xenstore");
			goto out;
		}
		if (chan_xs_init(&rt.xs, &xs_ops_xen, rt.xs_handle) < 0)
			goto out;
		chan_xs_load(&rt.xs, &rt.fwd, now_ns());
	}
	if ((rt.timer_fd = open_timer()) < 0) {
		log_warn("timer");
		goto out;
	}
	log_info("forwarding on %s", ifname);
	if (run(&rt) == 0)
		rc = EXIT_SUCCESS;
	ring_count_drops(&rt.ring, &rt.fwd);
	log_totals(&rt.fwd);
out:
	if (rt.xs_handle != NULL)
		xs_xen_close(rt.xs_handle);
	chan_sock_close(&rt.sock);
	ring_close(&rt.ring);
	if (rt.timer_fd >= 0)
		close(rt.timer_fd);
	if (rt.sig_fd >= 0)
		close(rt.sig_fd);
	return rc;
}
