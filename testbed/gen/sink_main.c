/*
 * bench-sink: count the frames that arrive at one interface over a fixed
 * window after a warm-up, and check a sample of them (labels and TTL, or
 * the IPv4 TTL and header checksum).  The receiving half of the data-plane
 * benchmark (bench/dataplane.sh).  Prints one line of "name value" pairs;
 * exits 1 if nothing arrived or a checked frame was wrong.
 *
 *   bench-sink -i IFACE [-b | -m LABEL[:COUNT] [-f]] [-t TTL] [-d DSTMAC]
 *              [-w WARMUP] [-W FIRSTWAIT] -T WINDOW
 *
 * With -f only the frames whose top label is in the -m range are counted
 * (a socket filter), so one sink per flow counts the flows of one link.
 *
 * The clock starts at the first frame; frames are counted by the kernel
 * (PACKET_STATISTICS) from the end of the warm-up (with -w 0: from the open)
 * to the end of the window.
 *
 * With -b the frames are counted, sampled and dropped by a tc program at
 * the interface's ingress instead (rx_bpf.h): no packet socket, so the
 * sink costs the kernel a map update per frame instead of a copy into a
 * ring, and every frame arriving while it runs is dropped, -f's filter
 * or not.  The checks are the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "testbed/gen/frame.h"
#include "testbed/gen/rx.h"
#include "testbed/gen/rx_bpf.h"

#define SAMPLE_EVERY	64	/* check one frame in so many */
#define POLL_MS		10

struct sink {
	struct gen_frame_expect exp;
	uint64_t seen;		/* frames walked in the ring */
	uint64_t checked;
	uint64_t bad;
	enum gen_check first_bad;
	size_t first_bad_len;
};

static void
usage(void)
{
	fprintf(stderr, "usage: bench-sink -i IFACE [-b | -m LABEL[:COUNT] "
	    "[-f]] [-t TTL] [-d DSTMAC]\n"
	    "                  [-w WARMUP] [-W FIRSTWAIT] -T WINDOW\n");
	exit(2);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Check one sampled frame. */
static void
check_frame(struct sink *s, const uint8_t *frame, size_t caplen, size_t len)
{
	enum gen_check c;

	s->checked++;
	c = gen_frame_check(&s->exp, frame, caplen);
	if (c != GEN_CHECK_OK && s->bad++ == 0) {
		s->first_bad = c;
		s->first_bad_len = len;
	}
}

static void
on_frame(void *arg, const uint8_t *frame, size_t caplen, size_t len,
    uint64_t ts_ns)
{
	struct sink *s = arg;

	(void)ts_ns;
	if (s->seen++ % SAMPLE_EVERY == 0)
		check_frame(s, frame, caplen, len);
}

/* A sample from the tc program, which picked one frame in SAMPLE_EVERY. */
static void
on_sample(void *arg, const uint8_t *frame, size_t caplen, size_t len)
{
	check_frame(arg, frame, caplen, len);
}

/* Walk the ring until 'until' (CLOCK_MONOTONIC seconds). */
static int
drain(struct gen_rx *rx, struct sink *s, double until)
{
	while (now_s() < until)
		if (gen_rx_poll(rx, POLL_MS, on_frame, s) < 0)
			return -1;
	return 0;
}

/*
 * Consume the tc program's samples until 'until' (CLOCK_MONOTONIC
 * seconds) or, with 'first', until a frame has been counted; the frames
 * counted so far in *frames_r.
 */
static int
drain_bpf(struct gen_rx_bpf *rx, double until, int first,
    uint64_t *frames_r)
{
	const struct timespec nap = { 0, POLL_MS * 1000000L };
	uint64_t bytes;

	for (;;) {
		if (gen_rx_bpf_consume(rx) < 0 ||
		    gen_rx_bpf_counts(rx, frames_r, &bytes) < 0)
			return -1;
		if (now_s() >= until || (first && *frames_r > 0))
			return 0;
		nanosleep(&nap, NULL);
	}
}

/* Print the result line; 0 if frames arrived and none checked was bad. */
static int
report(const struct sink *s, uint64_t frames, double secs,
    const char *drops_name, uint64_t drops)
{
	printf("rx_pps %.0f frames %llu window %.3f %s %llu "
	    "checked %llu bad %llu", frames / secs,
	    (unsigned long long)frames, secs, drops_name,
	    (unsigned long long)drops,
	    (unsigned long long)s->checked, (unsigned long long)s->bad);
	if (s->bad > 0)
		printf(" first_bad %s/%zu", gen_check_name(s->first_bad),
		    s->first_bad_len);
	printf("\n");
	if (frames == 0) {
		log_warnx("no frame in the window");
		return 1;
	}
	if (s->checked == 0) {
		log_warnx("no frame checked");
		return 1;
	}
	return s->bad == 0 ? 0 : 1;
}

/* -b: count with the tc program, as main() does with the socket. */
static int
run_bpf(struct sink *s, const char *ifname, double warmup, double firstwait,
    double window)
{
	struct gen_rx_bpf rx;
	uint64_t f0 = 0, f1;
	double t0, t1;
	int rc = 1;

	if (gen_rx_bpf_open(&rx, ifname, on_sample, s) < 0)
		return 1;
	if (drain_bpf(&rx, now_s() + firstwait, 1, &f0) < 0)
		goto out;
	if (f0 == 0) {
		log_warnx("no frame on %s within %.1f s", ifname, firstwait);
		goto out;
	}
	/* Without a warm-up, every frame since the open counts. */
	if (warmup > 0 && drain_bpf(&rx, now_s() + warmup, 0, &f0) < 0)
		goto out;
	if (warmup == 0)
		f0 = 0;
	t0 = now_s();
	if (drain_bpf(&rx, t0 + window, 0, &f1) < 0)
		goto out;
	t1 = now_s();
	/* The samples of the window's last frames. */
	if (gen_rx_bpf_consume(&rx) < 0)
		goto out;
	rc = report(s, f1 - f0, t1 - t0, "samples_lost", rx.lost);
out:
	gen_rx_bpf_close(&rx);
	return rc;
}

static int
parse_secs(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return end != s && *end == '\0' && *v >= 0 && *v <= 3600 ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	struct sink s = { .exp = { .kind = GEN_IPV4, .ttl = 63,
	    .nlabels = 1 } };
	struct gen_rx rx;
	struct gen_rx_labels only;
	const char *ifname = NULL;
	double warmup = 0.5, firstwait = 5, window = 0, t0, t1, give_up;
	uint64_t frames, drops;
	char *end;
	unsigned long ttl;
	int ch, filter = 0, use_bpf = 0, rc = 1;

	log_init("bench-sink", LOG_LVL_WARN, false);
	while ((ch = getopt(argc, argv, "bd:fi:m:t:T:w:W:")) != -1) {
		switch (ch) {
		case 'b':
			use_bpf = 1;
			break;
		case 'f':
			filter = 1;
			break;
		case 'd':
			if (!mac_parse(optarg, s.exp.dst))
				usage();
			s.exp.check_dst = 1;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 'm':
			if (gen_parse_labels(optarg, &s.exp.label,
			    &s.exp.nlabels) < 0)
				usage();
			s.exp.kind = GEN_MPLS;
			break;
		case 't':
			ttl = strtoul(optarg, &end, 10);
			if (end == optarg || *end != '\0' || ttl > 255)
				usage();
			s.exp.ttl = (uint8_t)ttl;
			break;
		case 'T':
			if (parse_secs(optarg, &window) < 0)
				usage();
			break;
		case 'w':
			if (parse_secs(optarg, &warmup) < 0)
				usage();
			break;
		case 'W':
			if (parse_secs(optarg, &firstwait) < 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc || ifname == NULL || window <= 0 ||
	    (filter && (s.exp.kind != GEN_MPLS || use_bpf)))
		usage();
	if (use_bpf)
		return run_bpf(&s, ifname, warmup, firstwait, window);

	only.first = s.exp.label;
	only.last = s.exp.label + s.exp.nlabels - 1;
	if (gen_rx_open(&rx, ifname, filter ? &only : NULL) < 0)
		return 1;
	give_up = now_s() + firstwait;
	while (s.seen == 0 && now_s() < give_up)
		if (gen_rx_poll(&rx, POLL_MS, on_frame, &s) < 0)
			goto out;
	if (s.seen == 0) {
		log_warnx("no frame on %s within %.1f s", ifname, firstwait);
		goto out;
	}
	/* Without a warm-up, every frame since the open counts. */
	if (warmup > 0 && (drain(&rx, &s, now_s() + warmup) < 0 ||
	    gen_rx_stats(&rx, &frames, &drops) < 0))
		goto out;
	t0 = now_s();
	if (drain(&rx, &s, t0 + window) < 0 ||
	    gen_rx_stats(&rx, &frames, &drops) < 0)
		goto out;
	t1 = now_s();
	rc = report(&s, frames, t1 - t0, "ring_drops", drops);
out:
	gen_rx_close(&rx);
	return rc;
}
