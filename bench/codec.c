/*
 * Decode and encode rates of rsvp/ on a typical LSP Path (ERO of 4 hops,
 * RRO, SENDER_TSPEC, ADSPEC, SESSION_ATTRIBUTE) and a Resv (FF, FLOWSPEC,
 * FILTER_SPEC, LABEL, RRO), on one core, against a baseline measured in
 * the same run: the Internet checksum of the same bytes plus a memcpy of
 * them, the least any decoder must do.  Each figure is the best of RUNS
 * runs, each of at least RUN_NS of work, so that a noisy machine shows
 * its quiet moments.  Target: Path decode under TARGET_NS.
 *
 *   codec [RUNS]
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/inet.h"
#include "rsvp/rsvp.h"
#include "tests/tools/vectors.h"

#define RUNS_DEFAULT	7
#define RUN_NS		50000000.0	/* 50 ms per run at least */
#define TARGET_NS	500.0

struct bench_ctx {
	const uint8_t *wire;
	size_t len;
	struct rsvp_msg msg;		/* decoded, for encode */
	struct rsvp_msg scratch;
	uint8_t out[RSVP_MSG_MAX_LEN];
	unsigned long sink;
};

typedef int (*bench_fn)(struct bench_ctx *);

static int
op_decode(struct bench_ctx *c)
{
	struct rsvp_error err;

	if (rsvp_decode(c->wire, c->len, &c->scratch, &err) < 0)
		return -1;
	c->sink += c->scratch.nobjs;
	return 0;
}

static int
op_parse(struct bench_ctx *c)
{
	struct rsvp_error err;

	if (rsvp_parse(c->wire, c->len, &c->scratch, &err) < 0)
		return -1;
	c->sink += c->scratch.nobjs;
	return 0;
}

static int
op_encode(struct bench_ctx *c)
{
	ssize_t n = rsvp_encode(&c->msg, c->out, sizeof(c->out));

	if (n < 0)
		return -1;
	c->sink += (unsigned long)n;
	return 0;
}

static int
op_baseline(struct bench_ctx *c)
{
	memcpy(c->out, c->wire, c->len);
	c->sink += inet_cksum(c->out, c->len);
	return 0;
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Best ns/op of 'fn' over 'runs' runs; -1 if an operation failed. */
static double
bench(bench_fn fn, struct bench_ctx *c, int runs)
{
	unsigned long n = 1, i;
	double t0, dt, best = -1;
	int r;

	/* Grow the batch until one run takes RUN_NS. */
	for (;;) {
		t0 = now_ns();
		for (i = 0; i < n; i++)
			if (fn(c) < 0)
				return -1;
		dt = now_ns() - t0;
		if (dt >= RUN_NS)
			break;
		n *= 2;
	}
	for (r = 0; r < runs; r++) {
		t0 = now_ns();
		for (i = 0; i < n; i++)
			if (fn(c) < 0)
				return -1;
		dt = (now_ns() - t0) / (double)n;
		if (best < 0 || dt < best)
			best = dt;
	}
	return best;
}

static void
report(const char *what, double ns, double base_ns)
{
	printf("  %-14s %9.1f ns/op %12.0f ops/s  %5.2fx baseline\n", what,
	    ns, 1e9 / ns, ns / base_ns);
}

/* Measure decode and encode of the vector 'kind'; returns decode ns/op. */
static double
bench_msg(enum vec_kind kind, int runs, struct bench_ctx *c)
{
	static uint8_t wire[RSVP_MSG_MAX_LEN];
	struct rsvp_error err;
	double base, dec, parse, enc;
	ssize_t n;

	if (vec_build(kind, &c->msg) < 0 ||
	    (n = rsvp_encode(&c->msg, wire, sizeof(wire))) < 0 ||
	    rsvp_decode(wire, (size_t)n, &c->msg, &err) < 0) {
		fprintf(stderr, "codec: the %s vector does not round-trip\n",
		    vec_name(kind));
		return -1;
	}
	c->wire = wire;
	c->len = (size_t)n;
	base = bench(op_baseline, c, runs);
	dec = bench(op_decode, c, runs);
	parse = bench(op_parse, c, runs);
	enc = bench(op_encode, c, runs);
	if (base < 0 || dec < 0 || parse < 0 || enc < 0) {
		fprintf(stderr, "codec: %s failed during the run\n",
		    vec_name(kind));
		return -1;
	}
	printf("%s (%zu bytes, %u objects):\n", vec_name(kind), c->len,
	    c->msg.nobjs);
	printf("  %-14s %9.1f ns/op %12.0f ops/s\n", "baseline", base,
	    1e9 / base);
	report("decode", dec, base);
	report("  parse only", parse, base);
	report("encode", enc, base);
	return dec;
}

int
main(int argc, char **argv)
{
	static struct bench_ctx c;
	cpu_set_t set;
	double path_dec;
	int runs = RUNS_DEFAULT, cpu;

	if (argc > 1)
		runs = atoi(argv[1]);
	if (runs < 1 || argc > 2) {
		fprintf(stderr, "usage: codec [RUNS]\n");
		return 2;
	}
	/* One core: stay on the one we started on. */
	cpu = sched_getcpu();
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			cpu = -1;
	}
	printf("rsvp codec, best of %d runs of >= %.0f ms each, %s%d; "
	    "decode = rsvp_decode (parse + validate)\n", runs,
	    RUN_NS / 1e6, cpu >= 0 ? "pinned to CPU " : "not pinned ",
	    cpu);
	printf("baseline = memcpy + inet_cksum of the same bytes\n");
	path_dec = bench_msg(VEC_PATH, runs, &c);
	if (path_dec < 0 || bench_msg(VEC_RESV_FF, runs, &c) < 0)
		return 1;
	printf("target: Path decode under %.0f ns: %s (%.1f ns)\n", TARGET_NS,
	    path_dec < TARGET_NS ? "met" : "NOT met", path_dec);
	return c.sink == 0;	/* keeps the work from being optimised out */
}
