/*
 * bench_api: what the host API costs with many sessions.
 *
 *   1. Timers: our deadline heap against one libevent evtimer per session,
 *      N timers armed and fired (CPU ns per timer).
 *   2. Sender refresh: N senders, every one refreshed once (the Path is
 *      encoded once at open, so a refresh is a heap pop and a send), CPU
 *      per 1,000 refreshes and the share of one core for N sessions at
 *      R = 30 s.
 *   3. Receiver: N new Paths decoded and answered with a Resv each (CPU
 *      per Path), and the memory per session.
 *
 * Sending goes to a counting function: what is measured is the API, not
 * the kernel.  bench_api [N] (default 100000).
 */
#include <arpa/inet.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "flowspec/units.h"
#include "host/api_local.h"

struct bench {
	uint64_t	now;
	size_t		sent;
	/* The last messages sent, for the receiver part. */
	uint8_t		(*bufs)[256];
	size_t		*lens;
	size_t		keep;
};

static int
bench_send(void *arg, const struct rsvp_pkt_out *out)
{
	struct bench *b = arg;

	if (b->bufs != NULL && b->sent < b->keep && out->len <= 256) {
		memcpy(b->bufs[b->sent], out->buf, out->len);
		b->lens[b->sent] = out->len;
	}
	b->sent++;
	return 0;
}

static uint64_t
bench_now(void *arg)
{
	return ((struct bench *)arg)->now;
}

static double
cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct rsvp_host *
bench_host(struct bench *b, const char *addr)
{
	struct rsvp_host_params p;
	struct rsvp_host *h;

	memset(&p, 0, sizeof(p));
	if (addr != NULL && inet_aton(addr, &p.addr) == 0)
		return NULL;
	p.send = bench_send;
	p.now_ms = bench_now;
	p.arg = b;
	if (rsvp_host_create(&p, &h) != 0)
		return NULL;
	return h;
}

static void
noop_fire(struct api_timer *t)
{
	(void)t;
}

static size_t evfired;

static void
ev_fire(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	evfired++;
}

/* 1. N timers through the heap, then through libevent. */
static int
bench_timers(size_t n)
{
	struct bench b = { .now = 0 };
	struct rsvp_host *h = bench_host(&b, "10.0.0.1");
	struct api_timer *t = calloc(n, sizeof(*t));
	struct event_base *base = event_base_new();
	struct event **ev = calloc(n, sizeof(*ev));
	struct timeval tv;
	double c0, c1, c2;
	size_t i;

	if (h == NULL || t == NULL || base == NULL || ev == NULL)
		return -1;
	srandom(1);
	c0 = cpu_s();
	for (i = 0; i < n; i++) {
		t[i].slot = API_TIMER_IDLE;
		t[i].fire = noop_fire;
		if (api_timer_set(h, &t[i], (uint64_t)(random() % 45000)) != 0)
			return -1;
	}
	c1 = cpu_s();
	api_timer_run(h, 45000);
	c2 = cpu_s();
	printf("heap:     %zu timers: arm %.0f ns, fire %.0f ns per timer\n",
	    n, (c1 - c0) * 1e9 / (double)n, (c2 - c1) * 1e9 / (double)n);

	evfired = 0;
	c0 = cpu_s();
	for (i = 0; i < n; i++) {
		ev[i] = evtimer_new(base, ev_fire, NULL);
		tv.tv_sec = 0;
		tv.tv_usec = random() % 20000;
		if (ev[i] == NULL || evtimer_add(ev[i], &tv) != 0)
			return -1;
	}
	c1 = cpu_s();
	while (evfired < n)
		event_base_loop(base, EVLOOP_ONCE);
	c2 = cpu_s();
	printf("libevent: %zu evtimers: arm %.0f ns, fire %.0f ns per timer "
	    "(+ %zu bytes of struct event each)\n", n,
	    (c1 - c0) * 1e9 / (double)n, (c2 - c1) * 1e9 / (double)n,
	    event_get_struct_event_size());
	for (i = 0; i < n; i++)
		event_free(ev[i]);
	free(ev);
	event_base_free(base);
	free(t);
	rsvp_host_destroy(h);
	return 0;
}

/* 2 and 3: N senders on one host, their Paths to a receiver host. */
static int
bench_sessions(size_t n)
{
	struct bench bs = { .now = 1000 }, br = { .now = 1000 };
	struct rsvp_host *hs = bench_host(&bs, "10.0.1.1");
	struct rsvp_host *hr = bench_host(&br, NULL);
	struct rsvp_receiver_params rp;
	struct rsvp_sender_params p;
	struct rsvp_receiver *r;
	struct rsvp_sender *s;
	struct rsvp_pkt_in in;
	struct mallinfo2 m0, m1;
	double c0, c1, c2, per;
	size_t i, sent;

	bs.keep = n;
	bs.bufs = malloc(n * sizeof(*bs.bufs));
	bs.lens = malloc(n * sizeof(*bs.lens));
	if (hs == NULL || hr == NULL || bs.bufs == NULL || bs.lens == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	inet_aton("10.0.2.2", &p.dst);
	p.tspec.rate = units_bits_to_is_rate(1000000);
	p.tspec.bucket = 10000;
	p.tspec.peak = INFINITY;
	p.tspec.min_unit = 64;
	p.tspec.max_size = 1500;
	p.name = "bench";
	m0 = mallinfo2();
	c0 = cpu_s();
	for (i = 0; i < n; i++) {
		p.tunnel_id = (uint16_t)(i >> 8);
		p.lsp_id = (uint16_t)(i & 0xff);
		if (rsvp_sender_open(hs, &p, NULL, NULL, &s) != 0)
			return -1;
	}
	c1 = cpu_s();
	m1 = mallinfo2();
	printf("sender:   %zu opened (Path built, encoded, sent): %.0f ns "
	    "each, %zu bytes of heap each\n", n, (c1 - c0) * 1e9 / (double)n,
	    (m1.uordblks - m0.uordblks) / n);
	bs.keep = 0;		/* the first Paths stay in bs.bufs */
	sent = bs.sent;
	bs.now += 45001;	/* 1.5 R: every sender refreshes once */
	c0 = cpu_s();
	rsvp_host_run_timers(hs);
	c1 = cpu_s();
	per = (c1 - c0) / (double)(bs.sent - sent);
	printf("sender:   %zu refreshes: %.3f ms CPU per 1000; %zu sessions "
	    "at R = 30 s: %.3f%% of one core\n", bs.sent - sent, per * 1e6,
	    n, per * (double)n / 30.0 * 100.0);

	memset(&rp, 0, sizeof(rp));
	rp.service = IS_SVC_CONTROLLED_LOAD;
	rp.php = true;
	if (rsvp_receiver_open(hr, &rp, NULL, NULL, &r) != 0)
		return -1;
	memset(&in, 0, sizeof(in));
	inet_aton("10.0.2.2", &in.dst);
	in.ifindex = 1;
	m0 = mallinfo2();
	c0 = cpu_s();
	for (i = 0; i < n; i++) {
		in.buf = bs.bufs[i];
		in.len = bs.lens[i];
		rsvp_host_input(hr, &in);
	}
	c1 = cpu_s();
	m1 = mallinfo2();
	printf("receiver: %zu Paths answered (decode, state, Resv encoded "
	    "and sent): %.0f ns each, %zu Resv, %zu bytes of heap each\n",
	    rsvp_receiver_count(r), (c1 - c0) * 1e9 / (double)n, br.sent,
	    (m1.uordblks - m0.uordblks) / n);
	br.now += 45001;
	sent = br.sent;
	c0 = cpu_s();
	rsvp_host_run_timers(hr);
	c2 = cpu_s();
	per = (c2 - c0) / (double)(br.sent - sent);
	printf("receiver: %zu Resv refreshes (encoded each time): %.3f ms "
	    "CPU per 1000; %zu sessions at R = 30 s: %.3f%% of one core\n",
	    br.sent - sent, per * 1e6, n, per * (double)n / 30.0 * 100.0);
	free(bs.bufs);
	free(bs.lens);
	rsvp_host_destroy(hr);
	rsvp_host_destroy(hs);
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n = 100000;

	if (argc > 1)
		n = strtoul(argv[1], NULL, 10);
	if (n == 0 || n > 1000000) {
		fprintf(stderr, "usage: bench_api [N (1-1000000)]\n");
		return 2;
	}
	if (bench_timers(n) != 0 || bench_sessions(n) != 0) {
		fprintf(stderr, "bench_api: setup failed\n");
		return 1;
	}
	return 0;
}
