/*
 * bench_dp: what the demux programs cost per frame on this machine.
 *
 *   bench_dp [-n runs]
 *
 * Each program runs 'runs' times on a crafted 64-byte frame through
 * BPF_PROG_TEST_RUN; the kernel times each run (the program only: no
 * driver, no qdisc, no redirect) and the line prints the mean ns per
 * frame.  A single timed run carries the test harness's own cost, so the
 * first line is a frame the line card passes untouched (parse only), and
 * each line also prints its excess over that one.
 * Needs root; uses an instance of its own under /sys/fs/bpf/quasar and
 * tears it down.
 */
#include <arpa/inet.h>
#include <linux/pkt_cls.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lib/log.h"
#include "lib/mpls.h"
#include "lib/writer.h"
#include "demux/dp.h"
#include "demux/dp_bpf_types.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-qual"
#include "demux/linecard.skel.h"
#include "demux/vif.skel.h"
#include "demux/ftn.skel.h"
#pragma GCC diagnostic pop

struct progs {
	struct dpskel_linecard *lc;
	struct dpskel_vif *vif;
	struct dpskel_ftn *ftn;
};

static const uint8_t mac_a[6] = { 2, 0, 0, 0, 0, 0xa };
static const uint8_t mac_b[6] = { 2, 0, 0, 0, 0, 0xb };

/* A 64-byte frame: Ethernet, 'depth' label entries (top one 'label'). */
static size_t
mpls_frame(uint8_t *buf, size_t cap, uint32_t label, int depth)
{
	struct writer w;
	int i;

	w_init(&w, buf, cap);
	w_bytes(&w, mac_b, 6);
	w_bytes(&w, mac_a, 6);
	w_u16(&w, ETH_P_MPLS_UC_);
	for (i = 0; i < depth; i++)
		w_u32(&w, mpls_lse_make(i == 0 ? label : 3000u + (uint32_t)i, 0,
		    i == depth - 1, 64));
	/* An IPv4 header for the pop to restore; zeros to 64 bytes. */
	w_u8(&w, 0x45);
	w_zero(&w, 64 - w.len);
	return w_ok(&w) ? w.len : 0;
}

/* A 64-byte UDP/IPv4 frame to 10.1.2.3 port 5000. */
static size_t
ip_frame(uint8_t *buf, size_t cap)
{
	struct writer w;

	w_init(&w, buf, cap);
	w_bytes(&w, mac_b, 6);
	w_bytes(&w, mac_a, 6);
	w_u16(&w, 0x0800);
	w_u8(&w, 0x45);
	w_u8(&w, 0);
	w_u16(&w, 50);
	w_zero(&w, 4);
	w_u8(&w, 64);
	w_u8(&w, 17);
	w_zero(&w, 2);
	w_u32(&w, 0x0a000001);
	w_u32(&w, 0x0a010203);
	w_u16(&w, 40000);
	w_u16(&w, 5000);
	w_zero(&w, 64 - w.len);
	return w_ok(&w) ? w.len : 0;
}

/*
 * Run 'fd' on a fresh copy of 'buf' 'runs' times (the programs rewrite
 * the frame, so the kernel's own repeat loop would feed each run the
 * previous one's output), add up the kernel's timing of each run, print
 * the line.  0, or -1 when a run fails or gives another verdict.
 */
static double baseline_ns;

static int
measure(const char *what, int fd, const uint8_t *buf, size_t len,
    int expect, unsigned runs)
{
	uint8_t out[256];
	DECLARE_LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = buf,
	    .data_size_in = (__u32)len, .data_out = out, .repeat = 1);
	unsigned long long total = 0;
	unsigned i;
	double ns;

	for (i = 0; i < runs; i++) {
		o.data_size_out = sizeof(out);
		if (len == 0 || bpf_prog_test_run_opts(fd, &o) < 0) {
			fprintf(stderr, "bench_dp: %s: %s\n", what,
			    strerror(errno));
			return -1;
		}
		if ((int)o.retval != expect) {
			fprintf(stderr, "bench_dp: %s: verdict %u, not %d\n",
			    what, o.retval, expect);
			return -1;
		}
		total += o.duration;
	}
	ns = (double)total / runs;
	if (baseline_ns == 0)
		baseline_ns = ns;
	printf("%-30s %7.1f ns/frame %7.1f over the first line\n", what, ns,
	    ns - baseline_ns);
	return 0;
}

static int
load(const char *pin_dir, struct progs *p)
{
	DECLARE_LIBBPF_OPTS(bpf_object_open_opts, o, .pin_root_path = pin_dir);

	p->lc = dpskel_linecard__open_opts(&o);
	p->vif = dpskel_vif__open_opts(&o);
	p->ftn = dpskel_ftn__open_opts(&o);
	if (p->lc == NULL || p->vif == NULL || p->ftn == NULL ||
	    dpskel_linecard__load(p->lc) < 0 || dpskel_vif__load(p->vif) < 0 ||
	    dpskel_ftn__load(p->ftn) < 0)
		return -1;
	return 0;
}

static int
set_entries(struct dp *dp, const struct progs *p)
{
	struct dp_ilm steer = { .in_label = 100, .action = DP_ILM_ROUTELET,
	    .vif_ifindex = 9 };
	struct dp_ilm swap = { .in_label = 101, .action = DP_ILM_SWAP,
	    .out_label = 201, .out_ifindex = 5 };
	struct dp_ilm pop = { .in_label = 102, .action = DP_ILM_POP,
	    .out_ifindex = 5 };
	struct dp_ftn f = { .dst = htonl(0x0a010000), .plen = 16,
	    .proto = 17, .port_min = 5000, .port_max = 5000, .label = 100 };
	struct dpb_vif v = { .out_ifindex = 5, .priority = 0x10002 };
	__u32 lo = 1;

	memcpy(swap.dst_mac, mac_a, 6);
	memcpy(pop.dst_mac, mac_a, 6);
	/* The vif entry goes straight in: no filter on the loopback device. */
	if (dp_ilm_set(dp, &steer) < 0 || dp_ilm_set(dp, &swap) < 0 ||
	    dp_ilm_set(dp, &pop) < 0 || dp_ftn_set(dp, &f) < 0 ||
	    bpf_map_update_elem(bpf_map__fd(p->vif->maps.dp_vif), &lo, &v,
	    BPF_ANY) < 0)
		return -1;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct dp_params params = { .backend = DP_BACKEND_BPF,
	    .instance = "bench" };
	struct progs p = { 0 };
	struct dp *dp = NULL;
	char pin_dir[128];
	uint8_t buf[256];
	unsigned runs = 100000;
	int lc, rc = 1, ch;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n') {
			fprintf(stderr, "usage: bench_dp [-n runs]\n");
			return 2;
		}
		runs = (unsigned)strtoul(optarg, NULL, 10);
		if (runs == 0)
			runs = 1;
	}
	log_init("bench_dp", LOG_LVL_WARN, false);
	snprintf(pin_dir, sizeof(pin_dir), "%s/dmx-bench-%d", DP_PIN_ROOT,
	    (int)getpid());
	params.pin_dir = pin_dir;
	if (dp_open(&params, &dp) < 0)
		return 1;
	if (load(pin_dir, &p) < 0 || set_entries(dp, &p) < 0) {
		fprintf(stderr, "bench_dp: setup failed\n");
		goto out;
	}
	lc = bpf_program__fd(p.lc->progs.dp_linecard_in);
	printf("%u runs each, 64-byte frames\n", runs);
	if (measure("line card: IPv4, passed", lc, buf,
	    ip_frame(buf, sizeof(buf)), TC_ACT_OK, runs) < 0 ||
	    measure("line card: steer (ROUTELET)", lc, buf,
	    mpls_frame(buf, sizeof(buf), 100, 1), TC_ACT_REDIRECT, runs) < 0 ||
	    measure("line card: swap, depth 1", lc, buf,
	    mpls_frame(buf, sizeof(buf), 101, 1), TC_ACT_REDIRECT, runs) < 0 ||
	    measure("line card: swap, depth 3", lc, buf,
	    mpls_frame(buf, sizeof(buf), 101, 3), TC_ACT_REDIRECT, runs) < 0 ||
	    measure("line card: pop to IPv4", lc, buf,
	    mpls_frame(buf, sizeof(buf), 102, 1), TC_ACT_REDIRECT, runs) < 0 ||
	    measure("line card: pop, depth 2", lc, buf,
	    mpls_frame(buf, sizeof(buf), 102, 2), TC_ACT_REDIRECT, runs) < 0 ||
	    measure("line card: no entry, drop", lc, buf,
	    mpls_frame(buf, sizeof(buf), 999, 1), TC_ACT_SHOT, runs) < 0 ||
	    measure("vif: back to line card", bpf_program__fd(
	    p.vif->progs.dp_vif_in), buf, mpls_frame(buf, sizeof(buf), 201, 1),
	    TC_ACT_REDIRECT, runs) < 0 ||
	    measure("ftn: push", bpf_program__fd(p.ftn->progs.dp_ftn_out),
	    buf, ip_frame(buf, sizeof(buf)), TC_ACT_OK, runs) < 0)
		goto out;
	rc = 0;
out:
	dpskel_ftn__destroy(p.ftn);
	dpskel_vif__destroy(p.vif);
	dpskel_linecard__destroy(p.lc);
	dp_close(dp, DP_CLOSE_TEARDOWN);
	return rc;
}
