/*
 * The sink's tc program: load, attach at clsact ingress, read its per-CPU
 * counters and its ring buffer of samples, detach.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lib/log.h"
#include "testbed/gen/rx_bpf.h"
#include "testbed/gen/sink_bpf_types.h"
/* bpftool's skeleton casts its const ELF bytes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-qual"
#include "testbed/gen/sink.skel.h"
#pragma GCC diagnostic pop

/* Our filter's place on the hook: before any other (prio 1). */
#define RX_BPF_HANDLE	1
#define RX_BPF_PRIO	1

void
gen_rx_bpf_init(struct gen_rx_bpf *rx)
{
	memset(rx, 0, sizeof(*rx));
}

static int
on_sample(void *ctx, void *data, size_t size)
{
	const struct gen_rx_bpf *rx = ctx;
	const struct sink_sample *s = data;

	if (size < sizeof(*s) || s->caplen > SINK_SNAPLEN)
		return 0;
	rx->fn(rx->arg, s->data, s->caplen, s->len);
	return 0;
}

int
gen_rx_bpf_open(struct gen_rx_bpf *rx, const char *ifname,
    gen_rx_bpf_fn fn, void *arg)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook,
	    .attach_point = BPF_TC_INGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts, .handle = RX_BPF_HANDLE,
	    .priority = RX_BPF_PRIO, .flags = BPF_TC_F_REPLACE);
	libbpf_print_fn_t print;
	char msg[128];
	int rc;

	gen_rx_bpf_init(rx);
	rx->fn = fn;
	rx->arg = arg;
	rx->ifindex = (int)if_nametoindex(ifname);
	if (rx->ifindex == 0) {
		log_warn("%s", ifname);
		return -1;
	}
	rx->skel = sink_bpf__open_and_load();
	if (rx->skel == NULL) {
		log_warn("loading the sink's BPF program");
		goto out;
	}
	rx->ring = ring_buffer__new(bpf_map__fd(rx->skel->maps.samples),
	    on_sample, rx, NULL);
	if (rx->ring == NULL) {
		log_warn("the sink's ring buffer");
		goto out;
	}
	hook.ifindex = rx->ifindex;
	/* An existing clsact is fine: keep libbpf from printing the EEXIST. */
	print = libbpf_set_print(NULL);
	rc = bpf_tc_hook_create(&hook);
	libbpf_set_print(print);
	if (rc < 0 && rc != -EEXIST) {
		libbpf_strerror(rc, msg, sizeof(msg));
		log_warnx("clsact on %s: %s", ifname, msg);
		goto out;
	}
	opts.prog_fd = bpf_program__fd(rx->skel->progs.sink_count);
	rc = bpf_tc_attach(&hook, &opts);
	if (rc < 0) {
		libbpf_strerror(rc, msg, sizeof(msg));
		log_warnx("attaching the sink's program to %s: %s", ifname,
		    msg);
		goto out;
	}
	rx->attached = 1;
	return 0;
out:
	gen_rx_bpf_close(rx);
	return -1;
}

int
gen_rx_bpf_consume(struct gen_rx_bpf *rx)
{
	int n;

	n = ring_buffer__consume(rx->ring);
	if (n < 0)
		log_warnx("reading the sink's samples: %s", strerror(-n));
	return n < 0 ? -1 : n;
}

int
gen_rx_bpf_counts(struct gen_rx_bpf *rx, uint64_t *frames_r,
    uint64_t *bytes_r)
{
	struct sink_counts *per_cpu = NULL;
	uint64_t frames = 0, bytes = 0, lost = 0;
	uint32_t key = 0;
	int ncpu, i, rc = -1;

	ncpu = libbpf_num_possible_cpus();
	if (ncpu <= 0) {
		log_warnx("the number of possible CPUs: %s", strerror(-ncpu));
		return -1;
	}
	per_cpu = calloc((size_t)ncpu, sizeof(*per_cpu));
	if (per_cpu == NULL) {
		log_warn("calloc");
		return -1;
	}
	if (bpf_map_lookup_elem(bpf_map__fd(rx->skel->maps.counts), &key,
	    per_cpu) < 0) {
		log_warn("reading the sink's counters");
		goto out;
	}
	for (i = 0; i < ncpu; i++) {
		frames += per_cpu[i].frames;
		bytes += per_cpu[i].bytes;
		lost += per_cpu[i].lost;
	}
	*frames_r = frames;
	*bytes_r = bytes;
	rx->lost = lost;
	rc = 0;
out:
	free(per_cpu);
	return rc;
}

void
gen_rx_bpf_close(struct gen_rx_bpf *rx)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = rx->ifindex,
	    .attach_point = BPF_TC_INGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts, .handle = RX_BPF_HANDLE,
	    .priority = RX_BPF_PRIO);
	char msg[128];
	int rc;

	if (rx->attached) {
		rc = bpf_tc_detach(&hook, &opts);
		if (rc < 0) {
			libbpf_strerror(rc, msg, sizeof(msg));
			log_warnx("detaching the sink's program: %s", msg);
		}
	}
	ring_buffer__free(rx->ring);
	sink_bpf__destroy(rx->skel);
	gen_rx_bpf_init(rx);
}
