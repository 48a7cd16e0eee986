/*
 * quasar-sink: receive quasar-gen's traffic and account for it per flow
 * (docs/man/quasar-sink.8): throughput, loss, duplicates, reordering,
 * one-way latency quantiles, jitter; JSON and CSV at the end, a progress
 * line every second on stderr.
 *
 *   quasar-sink -u PORT [--bind ADDR] [options]
 *   quasar-sink -i IFACE [--label L[:N]] [--by-label] [options]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/inet.h"
#include "lib/log.h"
#include "testbed/gen/frame.h"
#include "testbed/gen/rx.h"
#include "testbed/traffic/flow.h"
#include "testbed/traffic/payload.h"
#include "testbed/traffic/report.h"

#define EXIT_USAGE	2
#define NS_PER_S	1000000000ull
#define POLL_MS		100
#define UDP_BATCH	64
#define UDP_BUF		2048
#define UDP_OVERHEAD	(ETH_HLEN_ + IPV4_HLEN_MIN + TR_UDP_HLEN)
#define UDP_RCVBUF	(8 << 20)

struct sink {
	/* Options. */
	const char *ifname;		/* -i */
	struct gen_rx_labels only;	/* --label */
	bool filter;
	bool by_label;
	uint16_t port;			/* -u */
	struct in_addr bind_addr;
	double duration_s;		/* 0: until a signal, -c or --idle */
	double idle_s;
	uint64_t count;
	bool quiet;
	const char *json_path;
	const char *csv_path;

	/* Running. */
	struct gen_rx rx;
	int fd;
	struct tr_flows flows;
	uint64_t packets;		/* counted in a flow */
	uint64_t bytes;
	uint64_t ignored;
	uint64_t kernel_drops;
	int64_t mono_to_real;		/* CLOCK_REALTIME - CLOCK_MONOTONIC */
	uint64_t last_rx_mono;		/* when the last packet came */
};

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: quasar-sink -u PORT [--bind ADDR] [options]\n"
	    "       quasar-sink -i IFACE [--label L[:N]] [--by-label] "
	    "[options]\n"
	    "  options: -T SECONDS --idle SECONDS -c COUNT -j FILE "
	    "--csv FILE -q -v\n");
	exit(EXIT_USAGE);
}

static uint64_t
now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static void
sample_clocks(struct sink *s)
{
	uint64_t mono = now_ns(CLOCK_MONOTONIC);

	s->mono_to_real = (int64_t)(now_ns(CLOCK_REALTIME) - mono);
}

/*
 * Count one packet: its payload bytes at 'pl' ('len'), received at
 * 'rx_real' (CLOCK_REALTIME ns), 'bytes' on the wire; 'fi' is what the
 * frame's headers said (NULL for a datagram).
 */
static void
account(struct sink *s, const uint8_t *pl, size_t len, uint64_t rx_real,
    uint64_t bytes, const struct tr_frame_info *fi)
{
	struct tr_payload p;
	struct tr_flow *f;
	uint64_t rx = rx_real;

	if (tr_payload_read(pl, len, &p) < 0 ||
	    (s->by_label && (fi == NULL || !fi->labelled))) {
		s->ignored++;
		return;
	}
	if (p.clock == TR_CLOCK_MONOTONIC)
		rx = (uint64_t)((int64_t)rx_real - s->mono_to_real);
	f = tr_flows_get(&s->flows, s->by_label ? fi->top_label : p.flow);
	if (f == NULL)
		return;
	tr_flow_add(f, p.seq, p.ts_ns, rx, bytes);
	s->packets++;
	s->bytes += bytes;
	s->last_rx_mono = now_ns(CLOCK_MONOTONIC);
}

static void
on_frame(void *arg, const uint8_t *frame, size_t caplen, size_t len,
    uint64_t ts_ns)
{
	struct sink *s = arg;
	struct tr_frame_info fi;

	if (tr_frame_find(frame, caplen, &fi) < 0) {
		s->ignored++;
		return;
	}
	account(s, frame + fi.payload_at, fi.payload_len, ts_ns, len, &fi);
}

static int
open_udp(struct sink *s)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
	    .sin_port = htons(s->port), .sin_addr = s->bind_addr };
	int one = 1, rcvbuf = UDP_RCVBUF;

	if ((s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("UDP socket");
		return -1;
	}
	if (setsockopt(s->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one,
	    sizeof(one)) < 0) {
		log_warn("SO_TIMESTAMPNS");
		return -1;
	}
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
	    sizeof(rcvbuf)) < 0)
		log_warn("SO_RCVBUFFORCE (a burst may overflow the socket)");
	if (bind(s->fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		log_warn("bind to port %u", s->port);
		return -1;
	}
	return 0;
}

/* The kernel's receive time of a datagram, or now if it gave none. */
static uint64_t
udp_rx_time(struct msghdr *mh)
{
	struct cmsghdr *c;
	struct timespec ts;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_TIMESTAMPNS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(ts))) {
			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
			return (uint64_t)ts.tv_sec * NS_PER_S +
			    (uint64_t)ts.tv_nsec;
		}
	return now_ns(CLOCK_REALTIME);
}

static int
poll_udp(struct sink *s)
{
	static uint8_t bufs[UDP_BATCH][UDP_BUF];
	static uint8_t ctl[UDP_BATCH][CMSG_SPACE(sizeof(struct timespec))];
	struct mmsghdr msgs[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	int i, n;

	if (poll(&pfd, 1, POLL_MS) < 0)
		return errno == EINTR ? 0 : -1;
	for (;;) {
		memset(msgs, 0, sizeof(msgs));
		for (i = 0; i < UDP_BATCH; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = UDP_BUF;
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
			msgs[i].msg_hdr.msg_control = ctl[i];
			msgs[i].msg_hdr.msg_controllen = sizeof(ctl[i]);
		}
		n = recvmmsg(s->fd, msgs, UDP_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		for (i = 0; i < n; i++)
			account(s, bufs[i], msgs[i].msg_len,
			    udp_rx_time(&msgs[i].msg_hdr),
			    msgs[i].msg_len + UDP_OVERHEAD, NULL);
		if (n < UDP_BATCH || stop)
			return 0;
	}
}

static bool
done(const struct sink *s, uint64_t start, uint64_t now)
{
	if (stop)
		return true;
	if (s->duration_s > 0 && now - start >= (uint64_t)(s->duration_s *
	    1e9))
		return true;
	if (s->count > 0 && s->packets >= s->count)
		return true;
	return s->idle_s > 0 && s->packets > 0 &&
	    now - s->last_rx_mono >= (uint64_t)(s->idle_s * 1e9);
}

static int
receive(struct sink *s, uint64_t start)
{
	uint64_t now = start, tick = start, pkts0 = 0, bytes0 = 0, drops;
	uint64_t frames;

	while (!done(s, start, now)) {
		if (s->ifname != NULL ?
		    gen_rx_poll(&s->rx, POLL_MS, on_frame, s) < 0 :
		    poll_udp(s) < 0) {
			log_warn("receive");
			return -1;
		}
		now = now_ns(CLOCK_MONOTONIC);
		if (now - tick < NS_PER_S)
			continue;
		sample_clocks(s);
		if (s->ifname != NULL &&
		    gen_rx_stats(&s->rx, &frames, &drops) == 0)
			s->kernel_drops += drops;
		if (!s->quiet)
			tr_report_progress(stderr, (double)(now - start) / 1e9,
			    &s->flows, s->packets - pkts0, s->bytes - bytes0,
			    (double)(now - tick) / 1e9);
		pkts0 = s->packets;
		bytes0 = s->bytes;
		tick = now;
	}
	if (s->ifname != NULL && gen_rx_stats(&s->rx, &frames, &drops) == 0)
		s->kernel_drops += drops;
	return 0;
}

/* Write the report to 'path' ("-": stdout), as CSV or JSON. */
static int
write_out(const struct sink *s, const char *path, bool csv,
    const struct tr_report_totals *tot)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	int rc;

	if (f == NULL) {
		log_warn("%s", path);
		return -1;
	}
	rc = csv ? tr_report_csv(&s->flows, tot->key, f) :
	    tr_report_json(&s->flows, tot, f);
	if (f != stdout ? fclose(f) != 0 : fflush(f) != 0)
		rc = -1;
	if (rc < 0)
		log_warnx("%s: write error", path);
	return rc;
}

enum { OPT_BIND = 256, OPT_LABEL, OPT_BY_LABEL, OPT_IDLE, OPT_CSV };

static const struct option long_opts[] = {
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "by-label", no_argument, NULL, OPT_BY_LABEL },
	{ "idle", required_argument, NULL, OPT_IDLE },
	{ "csv", required_argument, NULL, OPT_CSV },
	{ NULL, 0, NULL, 0 },
};

static double
num(const char *s, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= min && v <= max)) {
		fprintf(stderr, "quasar-sink: '%s' is not a number in "
		    "%g..%g\n", s, min, max);
		usage();
	}
	return v;
}

static void
parse(struct sink *s, int argc, char **argv)
{
	uint32_t first, n;
	int ch;

	while ((ch = getopt_long(argc, argv, "c:hi:j:qT:u:v", long_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			s->count = (uint64_t)num(optarg, 1, 1e15);
			break;
		case 'i':
			s->ifname = optarg;
			break;
		case 'j':
			s->json_path = optarg;
			break;
		case 'q':
			s->quiet = true;
			break;
		case 'T':
			s->duration_s = num(optarg, 0.001, 86400);
			break;
		case 'u':
			s->port = (uint16_t)num(optarg, 1, 65535);
			break;
		case 'v':
			log_setlevel(LOG_LVL_INFO);
			break;
		case OPT_BIND:
			if (!ipv4_pton(optarg, &s->bind_addr))
				usage();
			break;
		case OPT_LABEL:
			if (gen_parse_labels(optarg, &first, &n) < 0)
				usage();
			s->only.first = first;
			s->only.last = first + n - 1;
			s->filter = true;
			break;
		case OPT_BY_LABEL:
			s->by_label = true;
			break;
		case OPT_IDLE:
			s->idle_s = num(optarg, 0.001, 86400);
			break;
		case OPT_CSV:
			s->csv_path = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (s->ifname == NULL) == (s->port == 0) ||
	    (s->ifname == NULL && (s->filter || s->by_label)) ||
	    (s->ifname != NULL && s->bind_addr.s_addr != 0))
		usage();
	if (s->json_path == NULL && s->csv_path == NULL)
		s->json_path = "-";
}

int
main(int argc, char *argv[])
{
	struct sink *s;
	struct sigaction sa;
	struct tr_report_totals tot;
	uint64_t start;
	int rc = 1;

	log_init("quasar-sink", LOG_LVL_WARN, false);
	if ((s = calloc(1, sizeof(*s))) == NULL)
		fatal("calloc");
	s->fd = -1;
	gen_rx_init(&s->rx);
	tr_flows_init(&s->flows);
	parse(s, argc, argv);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (s->ifname != NULL ? gen_rx_open(&s->rx, s->ifname,
	    s->filter ? &s->only : NULL) < 0 : open_udp(s) < 0)
		goto out;
	sample_clocks(s);
	start = now_ns(CLOCK_MONOTONIC);
	if (receive(s, start) < 0)
		goto out;
	tot.elapsed_s = (double)(now_ns(CLOCK_MONOTONIC) - start) / 1e9;
	tot.ignored = s->ignored;
	tot.kernel_drops = s->kernel_drops;
	tot.key = s->by_label ? "label" : "flow";
	rc = 0;
	if (s->json_path != NULL && write_out(s, s->json_path, false,
	    &tot) < 0)
		rc = 1;
	if (s->csv_path != NULL && write_out(s, s->csv_path, true, &tot) < 0)
		rc = 1;
out:
	gen_rx_close(&s->rx);
	if (s->fd >= 0)
		close(s->fd);
	tr_flows_dispose(&s->flows);
	free(s);
	return rc;
}
