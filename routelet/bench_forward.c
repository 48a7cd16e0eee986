/*
 * bench-routelet: the cost of the forwarding element per frame, without
 * I/O.  Each case runs a 64-byte frame through rl_forward 'n' times,
 * restoring its first 22 bytes before each call; the baseline does the
 * restoring alone.  Prints the median of 'runs' runs in ns per frame and
 * the element's own cost above the baseline.
 *
 *   bench-routelet [runs] [frames per run]
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/inet.h"
#include "lib/mpls.h"
#include "routelet/forward.h"

#define FRAME_LEN	64
#define HEAD_LEN	22	/* Ethernet, two label entries */
#define RUNS_MAX	99

enum bench_case { B_BASELINE, B_SWAP, B_POP, B_BAD_LABEL, B_POLICED, B_N };

static const char *const case_names[B_N] = {
	"baseline (restore only)", "swap", "pop (S=1)", "bad label drop",
	"policed drop",
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void
make_frame(uint8_t *f, uint32_t label)
{
	uint32_t lse = htonl(mpls_lse_make(label, 0, 1, 64));
	uint16_t et = htons(ETH_P_MPLS_UC_);

	memset(f, 0, FRAME_LEN);
	memset(f, 0x0a, ETH_ALEN_);
	memset(f + ETH_ALEN_, 0x0b, ETH_ALEN_);
	memcpy(f + 12, &et, 2);
	memcpy(f + ETH_HLEN_, &lse, 4);
	f[ETH_HLEN_ + 4] = 0x45;
}

/* One run of case 'bc': ns per frame. */
static double
run_case(enum bench_case bc, unsigned long n)
{
	struct rl_config cfg;
	struct rl_fwd f;
	uint8_t frame[FRAME_LEN], head[HEAD_LEN];
	size_t off, len;
	unsigned long i, sent = 0;
	uint64_t t0, t1;

	memset(&cfg, 0, sizeof(cfg));
	cfg.in_label = 1000;
	cfg.out_label = bc == B_POP ? MPLS_LABEL_IMPLICIT_NULL : 2000;
	cfg.tspec.rate = bc == B_POLICED ? 1 : POLICER_RATE_MAX;
	cfg.tspec.bucket = bc == B_POLICED ? 1 : POLICER_BUCKET_MAX;
	cfg.tspec.peak = POLICER_RATE_INF;
	cfg.tspec.max_size = 1500;
	rl_fwd_init(&f);
	rl_fwd_apply(&f, &cfg, 0);
	make_frame(frame, bc == B_BAD_LABEL ? 1001 : 1000);
	memcpy(head, frame, HEAD_LEN);

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		memcpy(frame, head, HEAD_LEN);
		__asm__ volatile("" : : "r"(frame) : "memory");
		if (bc == B_BASELINE)
			continue;
		/* A clock that moves, as it does between ring blocks. */
		if (rl_forward(&f, frame, FRAME_LEN, i, &off, &len) == RL_SEND)
			sent++;
	}
	t1 = now_ns();
	if (bc == B_SWAP || bc == B_POP) {
		if (sent != n) {
			fprintf(stderr, "%s: %lu of %lu sent\n", case_names[bc],
			    sent, n);
			exit(1);
		}
	} else if (sent != 0) {
		fprintf(stderr, "%s: %lu sent\n", case_names[bc], sent);
		exit(1);
	}
	return (double)(t1 - t0) / (double)n;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char *argv[])
{
	double t[B_N][RUNS_MAX], med[B_N];
	unsigned long n = 10000000;
	int runs = 5, r, c;

	if (argc > 1)
		runs = atoi(argv[1]);
	if (argc > 2)
		n = strtoul(argv[2], NULL, 10);
	if (runs < 1 || runs > RUNS_MAX || n == 0) {
		fprintf(stderr, "usage: bench-routelet [runs 1-%d] "
		    "[frames per run]\n", RUNS_MAX);
		return 2;
	}
	/* Interleaved, so drifting machine load hits every case alike. */
	for (r = 0; r < runs; r++)
		for (c = 0; c < B_N; c++)
			t[c][r] = run_case((enum bench_case)c, n);
	printf("routelet element, %d runs of %lu frames of %d bytes, median:\n",
	    runs, n, FRAME_LEN);
	for (c = 0; c < B_N; c++) {
		qsort(t[c], (size_t)runs, sizeof(double), cmp_double);
		med[c] = t[c][runs / 2];
		if (c == B_BASELINE)
			printf("  %-24s %6.2f ns/frame\n", case_names[c], med[c]);
		else
			printf("  %-24s %6.2f ns/frame, %6.2f above baseline, "
			    "%6.1f Mframes/s\n", case_names[c], med[c],
			    med[c] - med[B_BASELINE], 1000.0 / med[c]);
	}
	return 0;
}
