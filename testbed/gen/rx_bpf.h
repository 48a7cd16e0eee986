/*
 * The counter's lighter receiving side: a tc program at the interface's
 * ingress (sink.bpf.c) that counts every frame in a per-CPU map, samples
 * one in SINK_SAMPLE_EVERY into a ring buffer, and drops them all.  No
 * packet socket, so no copy of each frame in the softirq and no ring walk
 * per frame in user space.
 */
#ifndef QUASAR_GEN_RX_BPF_H
#define QUASAR_GEN_RX_BPF_H

#include <stddef.h>
#include <stdint.h>

struct sink_bpf;
struct ring_buffer;

/* Called for each sampled frame: its first 'caplen' bytes of 'len'. */
typedef void (*gen_rx_bpf_fn)(void *arg, const uint8_t *frame,
    size_t caplen, size_t len);

struct gen_rx_bpf {
	struct sink_bpf *skel;
	struct ring_buffer *ring;
	gen_rx_bpf_fn fn;
	void *arg;
	int ifindex;
	int attached;
	uint64_t lost;		/* samples lost, as of the last read */
};

/* Make gen_rx_bpf_close() safe on 'rx' before or after a failed open. */
void gen_rx_bpf_init(struct gen_rx_bpf *rx);

/*
 * Load the program and attach it to the clsact ingress of 'ifname' (the
 * qdisc is made if missing), in front of any filter there; every frame
 * arriving from then on is counted and dropped.  'fn' gets the samples
 * at each gen_rx_bpf_consume(); 'rx' must stay where it is until closed.
 * Returns 0, or -1 with the reason logged
 * and nothing left attached.
 */
int gen_rx_bpf_open(struct gen_rx_bpf *rx, const char *ifname,
    gen_rx_bpf_fn fn, void *arg);

/*
 * Hand every sample waiting in the ring buffer to the open's 'fn'.
 * Returns the number of samples, or -1.
 */
int gen_rx_bpf_consume(struct gen_rx_bpf *rx);

/*
 * The frames and bytes counted since the open, over all CPUs, and the
 * samples lost so far (also kept in rx->lost).  Returns 0 or -1.
 */
int gen_rx_bpf_counts(struct gen_rx_bpf *rx, uint64_t *frames_r,
    uint64_t *bytes_r);

/* Detach the program and free everything. */
void gen_rx_bpf_close(struct gen_rx_bpf *rx);

#endif
