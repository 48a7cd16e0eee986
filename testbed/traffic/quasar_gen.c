/*
 * quasar-gen: paced test traffic (docs/man/quasar-gen.8).  Labelled frames
 * (MPLS over Ethernet, on an AF_PACKET socket) or plain IPv4/UDP (on a UDP
 * socket), at a constant rate or in on/off bursts, each packet carrying
 * the test payload (payload.h): flow id, sequence number, send time.
 *
 *   quasar-gen -i IFACE --dst-mac MAC --dst ADDR [--label L | --label-from
 *              FILE [--tunnel-id N]] [options]
 *   quasar-gen -u ADDR:PORT [options]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "flowspec/units.h"
#include "lib/inet.h"
#include "lib/log.h"
#include "lib/mpls.h"
#include "lib/writer.h"
#include "testbed/gen/frame.h"
#include "testbed/traffic/labelfile.h"
#include "testbed/traffic/pace.h"
#include "testbed/traffic/payload.h"

#define EXIT_USAGE		2
#define NS_PER_S		1000000000ull
#define LABEL_POLL_NS		100000000ull	/* re-read --label-from */
#define UDP_PORT_DEFAULT	5001
#define IPV4_UDP_HLEN		(IPV4_HLEN_MIN + TR_UDP_HLEN)
#define UDP_FRAME_MIN		(ETH_HLEN_ + IPV4_UDP_HLEN + TR_PAYLOAD_LEN)
#define MPLS_FRAME_MIN		(UDP_FRAME_MIN + MPLS_HLEN)

struct gen {
	/* What to send. */
	const char *ifname;		/* -i: frames on AF_PACKET */
	struct sockaddr_in udp_dst;	/* -u: datagrams on a UDP socket */
	struct gen_frame_spec spec;
	uint8_t tc;
	uint16_t port;
	bool have_label;		/* --label, or from --label-from */
	uint32_t label;
	bool follow;			/* --label-from */
	struct tr_labelfile lf;
	double label_wait_s;
	bool bypass;
	struct tr_pace pace;
	uint64_t count;			/* 0: no limit */
	double duration_s;		/* 0: no limit */
	uint32_t flow;
	enum tr_clock clock;
	bool json;

	/* While sending. */
	int fd;
	uint8_t buf[GEN_FRAME_MAX];
	size_t len;			/* of buf to send */
	size_t payload_at;

	/* What happened. */
	uint64_t sent;
	uint64_t refused;		/* the kernel said no (ENOBUFS...) */
	uint64_t no_label;		/* due while no label was known */
	uint64_t behind;		/* due within -T, never sent */
	uint64_t elapsed_ns;
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
	    "usage: quasar-gen -i IFACE --dst-mac MAC --dst ADDR [--src ADDR]"
	    " [--src-mac MAC]\n"
	    "                  [--label L | --label-from FILE [--tunnel-id N]"
	    " [--label-wait S]]\n"
	    "                  [--tc N] [--ttl N] [--qdisc-bypass] RATE "
	    "[options]\n"
	    "       quasar-gen -u ADDR:PORT RATE [options]\n"
	    "  RATE: -r PPS | -b BITRATE (tc units)\n"
	    "  options: -s SIZE -T SECONDS -c COUNT --on MS --off MS -f FLOW\n"
	    "           --port N --clock realtime|monotonic -j -v\n");
	exit(EXIT_USAGE);
}

static uint64_t
now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* Sleep until 'due' (CLOCK_MONOTONIC ns); no system call if it is past. */
static void
sleep_until(uint64_t due)
{
	struct timespec ts = { .tv_sec = (time_t)(due / NS_PER_S),
	    .tv_nsec = (long)(due % NS_PER_S) };

	if (now_ns(CLOCK_MONOTONIC) >= due)
		return;
	while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
	    NULL) == EINTR)
		;
}

/* The interface's MAC (if 'mac' is NULL, skipped) and IPv4 address. */
static int
if_identity(const char *ifname, uint8_t *mac, struct in_addr *addr)
{
	struct ifreq ifr;
	int fd, rc = -1;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("socket");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (mac != NULL) {
		if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
			log_warn("%s: MAC address", ifname);
			goto out;
		}
		memcpy(mac, ifr.ifr_hwaddr.sa_data, ETH_ALEN_);
	}
	if (addr != NULL) {
		if (ioctl(fd, SIOCGIFADDR, &ifr) < 0) {
			log_warn("%s: no IPv4 address (give --src)", ifname);
			goto out;
		}
		memcpy(addr, &((struct sockaddr_in *)(void *)&ifr.ifr_addr)->
		    sin_addr, sizeof(*addr));
	}
	rc = 0;
out:
	close(fd);
	return rc;
}

/*
 * The frame for the current label (or plain IPv4 when there is none to
 * push: implicit null).  The payload is written per packet.
 */
static int
build_frame(struct gen *g)
{
	struct gen_frame_spec spec = g->spec;
	struct writer w;
	bool mpls = g->have_label && g->label != MPLS_LABEL_IMPLICIT_NULL;
	size_t l3;
	int n;

	spec.kind = mpls ? GEN_MPLS : GEN_IPV4;
	spec.label = MPLS_LABEL_FIRST_UNRESERVED;	/* rewritten below */
	spec.nlabels = 1;
	if ((n = gen_frame_build(&spec, 0, g->buf, sizeof(g->buf))) < 0) {
		log_warnx("cannot build a frame of %zu bytes", spec.size);
		return -1;
	}
	g->len = (size_t)n;
	l3 = ETH_HLEN_;
	if (mpls) {
		w_init(&w, g->buf + ETH_HLEN_, MPLS_HLEN);
		w_u32(&w, mpls_lse_make(g->label, g->tc, 1, spec.ttl));
		l3 += MPLS_HLEN;
	}
	w_init(&w, g->buf + l3 + IPV4_HLEN_MIN, 4);
	w_u16(&w, g->port);
	w_u16(&w, g->port);
	g->payload_at = l3 + IPV4_UDP_HLEN;
	return 0;
}

static int
open_raw(struct gen *g)
{
	struct sockaddr_ll sll;
	int one = 1;

	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	if ((sll.sll_ifindex = (int)if_nametoindex(g->ifname)) == 0) {
		log_warn("interface %s", g->ifname);
		return -1;
	}
	/* Protocol 0: for sending only, nothing is received. */
	if ((g->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("packet socket");
		return -1;
	}
	if (g->bypass && setsockopt(g->fd, SOL_PACKET, PACKET_QDISC_BYPASS,
	    &one, sizeof(one)) < 0) {
		log_warn("PACKET_QDISC_BYPASS");
		return -1;
	}
	if (bind(g->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		log_warn("bind to %s", g->ifname);
		return -1;
	}
	return build_frame(g);
}

static int
open_udp(struct gen *g)
{
	if ((g->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("UDP socket");
		return -1;
	}
	if (connect(g->fd, (struct sockaddr *)&g->udp_dst,
	    sizeof(g->udp_dst)) < 0) {
		log_warn("connect");
		return -1;
	}
	/* Only the payload goes through the socket; size counts the frame. */
	g->payload_at = ETH_HLEN_ + IPV4_UDP_HLEN;
	g->len = g->spec.size;
	memset(g->buf, 0, sizeof(g->buf));
	return 0;
}

/* Wait for the session's first label (--label-from). */
static int
wait_label(struct gen *g)
{
	uint64_t give_up = now_ns(CLOCK_MONOTONIC) +
	    (uint64_t)(g->label_wait_s * 1e9);
	struct timespec pause = { 0, 50000000L };

	while (!stop) {
		if (tr_labelfile_poll(&g->lf) < 0)
			return -1;
		if (g->lf.have_label) {
			g->have_label = true;
			g->label = g->lf.label;
			log_info("label %" PRIu32 " from %s", g->label,
			    g->lf.path);
			return 0;
		}
		if (now_ns(CLOCK_MONOTONIC) >= give_up)
			break;
		nanosleep(&pause, NULL);
	}
	log_warnx("%s: no Resv with a label within %.1f s", g->lf.path,
	    g->label_wait_s);
	return -1;
}

/* Re-read --label-from; rebuild the frame if the label changed. */
static int
follow_label(struct gen *g)
{
	int r = tr_labelfile_poll(&g->lf);

	if (r <= 0)
		return r;
	g->have_label = g->lf.have_label;
	g->label = g->lf.label;
	if (g->have_label)
		log_info("label now %" PRIu32, g->label);
	else
		log_info("label lost: holding packets back");
	return g->have_label ? build_frame(g) : 0;
}

static void
send_one(struct gen *g, uint64_t seq)
{
	struct tr_payload p = { .flow = g->flow, .seq = seq,
	    .clock = g->clock };
	const uint8_t *data = g->buf;
	size_t len = g->len;
	ssize_t r;

	if (g->ifname == NULL) {
		data = g->buf + g->payload_at;
		len = g->len - g->payload_at;
	}
	p.ts_ns = now_ns(g->clock == TR_CLOCK_MONOTONIC ? CLOCK_MONOTONIC :
	    CLOCK_REALTIME);
	tr_payload_write(&p, g->buf + g->payload_at, g->len - g->payload_at);
	r = send(g->fd, data, len, 0);
	if (r >= 0)
		g->sent++;
	else if (errno == ENOBUFS || errno == EAGAIN || errno == ECONNREFUSED ||
	    errno == EINTR)
		g->refused++;
	else {
		log_warn("send");
		stop = 1;
	}
}

static int
run(struct gen *g)
{
	uint64_t start, planned = UINT64_MAX, k, seq = 0, now, next_poll;
	uint64_t end = UINT64_MAX;

	start = now_ns(CLOCK_MONOTONIC);
	if (g->duration_s > 0) {
		end = start + (uint64_t)(g->duration_s * 1e9);
		planned = tr_pace_count(&g->pace, end - start);
	}
	if (g->count != 0 && g->count < planned)
		planned = g->count;
	next_poll = start + LABEL_POLL_NS;
	for (k = 0; k < planned && !stop; k++) {
		sleep_until(start + tr_pace_due(&g->pace, k));
		if (stop || (now = now_ns(CLOCK_MONOTONIC)) >= end)
			break;
		if (g->follow && now >= next_poll) {
			if (follow_label(g) < 0)
				return -1;
			next_poll = now + LABEL_POLL_NS;
		}
		if (!g->have_label && g->ifname != NULL && g->follow) {
			g->no_label++;
			continue;
		}
		send_one(g, seq++);
	}
	g->elapsed_ns = now_ns(CLOCK_MONOTONIC) - start;
	/* Due by the end but never sent: the sender could not keep up. */
	if (!stop && k < planned)
		g->behind = planned - k;
	return 0;
}

static void
report(const struct gen *g)
{
	double secs = (double)g->elapsed_ns / 1e9;
	double pps = secs > 0 ? (double)g->sent / secs : 0;
	json_t *o;

	if (!g->json) {
		printf("quasar-gen: sent %" PRIu64 " packets of %zu bytes in "
		    "%.3f s (%.0f pps, %.3f Mbit/s), %" PRIu64 " refused, %"
		    PRIu64 " held back without a label, %" PRIu64 " not sent "
		    "in time\n", g->sent, g->len, secs, pps,
		    pps * (double)g->len * 8 / 1e6, g->refused, g->no_label,
		    g->behind);
		return;
	}
	o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:I, s:s}",
	    "flow", (json_int_t)g->flow, "sent", (json_int_t)g->sent,
	    "refused", (json_int_t)g->refused,
	    "no_label", (json_int_t)g->no_label,
	    "behind", (json_int_t)g->behind, "elapsed_s", secs,
	    "pps", pps, "bps", pps * (double)g->len * 8,
	    "size", (json_int_t)g->len, "clock", tr_clock_name(g->clock));
	if (o != NULL && g->have_label)
		json_object_set_new(o, "label", json_integer(g->label));
	if (o != NULL && g->follow)
		json_object_set_new(o, "label_changes",
		    json_integer((json_int_t)g->lf.changes));
	json_dumpf(o, stdout, JSON_COMPACT);
	putchar('\n');
	json_decref(o);
}

enum {
	OPT_DST_MAC = 256, OPT_SRC_MAC, OPT_DST, OPT_SRC, OPT_LABEL,
	OPT_LABEL_FROM, OPT_TUNNEL, OPT_LABEL_WAIT, OPT_TC, OPT_TTL, OPT_ON,
	OPT_OFF, OPT_PORT, OPT_CLOCK, OPT_BYPASS,
};

static const struct option long_opts[] = {
	{ "dst-mac", required_argument, NULL, OPT_DST_MAC },
	{ "src-mac", required_argument, NULL, OPT_SRC_MAC },
	{ "dst", required_argument, NULL, OPT_DST },
	{ "src", required_argument, NULL, OPT_SRC },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "label-from", required_argument, NULL, OPT_LABEL_FROM },
	{ "tunnel-id", required_argument, NULL, OPT_TUNNEL },
	{ "label-wait", required_argument, NULL, OPT_LABEL_WAIT },
	{ "tc", required_argument, NULL, OPT_TC },
	{ "ttl", required_argument, NULL, OPT_TTL },
	{ "on", required_argument, NULL, OPT_ON },
	{ "off", required_argument, NULL, OPT_OFF },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "clock", required_argument, NULL, OPT_CLOCK },
	{ "qdisc-bypass", no_argument, NULL, OPT_BYPASS },
	{ NULL, 0, NULL, 0 },
};

/* A number in [min, max]. */
static double
num(const char *s, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= min && v <= max)) {
		fprintf(stderr, "quasar-gen: '%s' is not a number in %g..%g\n",
		    s, min, max);
		usage();
	}
	return v;
}

/* "ADDR:PORT" into 'sin'. */
static int
parse_udp_dst(const char *s, struct sockaddr_in *sin)
{
	char host[INET_ADDRSTRLEN];
	const char *colon = strrchr(s, ':');

	if (colon == NULL || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)num(colon + 1, 1, 65535));
	return ipv4_pton(host, &sin->sin_addr) ? 0 : -1;
}

static void
parse(struct gen *g, int argc, char **argv)
{
	const char *label_from = NULL;
	uint64_t bits = 0;
	double pps = 0, on_ms = 0, off_ms = 0;
	bool have_dst_mac = false, have_src_mac = false, have_dst = false;
	bool have_src = false, have_udp = false;
	int ch, tunnel = -1;

	while ((ch = getopt_long(argc, argv, "b:c:f:hi:jr:s:T:u:v", long_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			if (units_parse_rate_bits(optarg, &bits) != 0 ||
			    bits == 0)
				usage();
			break;
		case 'c':
			g->count = (uint64_t)num(optarg, 1, 1e15);
			break;
		case 'f':
			g->flow = (uint32_t)num(optarg, 0, UINT32_MAX);
			break;
		case 'i':
			g->ifname = optarg;
			break;
		case 'j':
			g->json = true;
			break;
		case 'r':
			pps = num(optarg, 1, 1e8);
			break;
		case 's':
			g->spec.size = (size_t)num(optarg, UDP_FRAME_MIN,
			    GEN_FRAME_MAX);
			break;
		case 'T':
			g->duration_s = num(optarg, 0.001, 86400);
			break;
		case 'u':
			if (parse_udp_dst(optarg, &g->udp_dst) < 0)
				usage();
			have_udp = true;
			break;
		case 'v':
			log_setlevel(LOG_LVL_INFO);
			break;
		case OPT_DST_MAC:
		case OPT_SRC_MAC:
			if (!mac_parse(optarg, ch == OPT_DST_MAC ? g->spec.dst :
			    g->spec.src))
				usage();
			*(ch == OPT_DST_MAC ? &have_dst_mac : &have_src_mac) =
			    true;
			break;
		case OPT_DST:
		case OPT_SRC:
			if (!ipv4_pton(optarg, ch == OPT_DST ? &g->spec.ip_dst :
			    &g->spec.ip_src))
				usage();
			*(ch == OPT_DST ? &have_dst : &have_src) = true;
			break;
		case OPT_LABEL:
			g->label = (uint32_t)num(optarg, 0, MPLS_LABEL_MAX);
			g->have_label = true;
			break;
		case OPT_LABEL_FROM:
			label_from = optarg;
			break;
		case OPT_TUNNEL:
			tunnel = (int)num(optarg, 0, 65535);
			break;
		case OPT_LABEL_WAIT:
			g->label_wait_s = num(optarg, 0, 3600);
			break;
		case OPT_TC:
			g->tc = (uint8_t)num(optarg, 0, 7);
			break;
		case OPT_TTL:
			g->spec.ttl = (uint8_t)num(optarg, 1, 255);
			break;
		case OPT_ON:
			on_ms = num(optarg, 0.001, 3600000);
			break;
		case OPT_OFF:
			off_ms = num(optarg, 0, 3600000);
			break;
		case OPT_PORT:
			g->port = (uint16_t)num(optarg, 1, 65535);
			break;
		case OPT_CLOCK:
			if (tr_clock_parse(optarg, &g->clock) < 0)
				usage();
			break;
		case OPT_BYPASS:
			g->bypass = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (g->ifname == NULL) == !have_udp ||
	    (pps == 0) == (bits == 0) || (off_ms > 0 && on_ms == 0))
		usage();
	if (g->ifname == NULL && (have_dst_mac || have_src_mac || have_dst ||
	    have_src || g->have_label || label_from != NULL || g->bypass)) {
		fprintf(stderr, "quasar-gen: -u sends datagrams: frame "
		    "options need -i\n");
		usage();
	}
	if (g->ifname != NULL && (!have_dst_mac || !have_dst ||
	    (g->have_label && label_from != NULL))) {
		fprintf(stderr, "quasar-gen: -i needs --dst-mac and --dst, "
		    "and at most one of --label and --label-from\n");
		usage();
	}
	if (tunnel >= 0 && label_from == NULL)
		usage();
	if (g->have_label && g->label != MPLS_LABEL_IMPLICIT_NULL &&
	    g->spec.size < MPLS_FRAME_MIN) {
		fprintf(stderr, "quasar-gen: a labelled frame needs at least "
		    "%d bytes\n", MPLS_FRAME_MIN);
		usage();
	}
	if (label_from != NULL) {
		g->follow = true;
		tr_labelfile_init(&g->lf, label_from, tunnel);
		if (g->spec.size < MPLS_FRAME_MIN)
			g->spec.size = MPLS_FRAME_MIN;
	}
	if (g->ifname != NULL && !have_src_mac &&
	    if_identity(g->ifname, g->spec.src, NULL) < 0)
		exit(1);
	if (g->ifname != NULL && !have_src &&
	    if_identity(g->ifname, NULL, &g->spec.ip_src) < 0)
		exit(1);
	if (bits != 0)
		pps = (double)bits / (double)(g->spec.size * 8);
	g->pace.rate_pps = pps < 1 ? 1 : (uint64_t)(pps + 0.5);
	g->pace.on_ns = (uint64_t)(on_ms * 1e6);
	g->pace.off_ns = (uint64_t)(off_ms * 1e6);
	if (g->duration_s == 0 && g->count == 0)
		g->duration_s = 10;
}

int
main(int argc, char *argv[])
{
	struct gen *g;
	struct sigaction sa;
	int rc = 1;

	log_init("quasar-gen", LOG_LVL_WARN, false);
	if ((g = calloc(1, sizeof(*g))) == NULL)
		fatal("calloc");
	g->fd = -1;
	g->spec.size = 128;
	g->spec.ttl = 64;
	g->port = UDP_PORT_DEFAULT;
	g->flow = 1;
	g->label_wait_s = 30;
	parse(g, argc, argv);

	/* Wake up on time: the default slack is 50 us, longer than the gap
	 * between two packets at 20,000 pps. */
	if (prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0) < 0)
		log_warn("PR_SET_TIMERSLACK");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if ((g->ifname != NULL ? open_raw(g) : open_udp(g)) < 0)
		goto out;
	if (g->follow && (wait_label(g) < 0 || build_frame(g) < 0))
		goto out;
	if (run(g) < 0)
		goto out;
	report(g);
	rc = 0;
out:
	if (g->fd >= 0)
		close(g->fd);
	free(g);
	return rc;
}
