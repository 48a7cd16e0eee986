/*
 * What bench-sink's tc program (sink.bpf.c) shares with its loader
 * (rx_bpf.c): the per-CPU counters and the sampled frames' records.
 * Included by both the BPF program and user space.
 */
#ifndef QUASAR_GEN_SINK_BPF_TYPES_H
#define QUASAR_GEN_SINK_BPF_TYPES_H

#include <linux/types.h>

#define SINK_SAMPLE_EVERY	64	/* one frame in so many is sampled */
#define SINK_SNAPLEN		64	/* bytes of a sampled frame kept */

/* The one entry of the per-CPU array "counts". */
struct sink_counts {
	__u64 frames;		/* frames seen at ingress (all dropped) */
	__u64 bytes;
	__u64 lost;		/* samples the ring buffer had no room for */
};

/* One sampled frame, in the ring buffer "samples". */
struct sink_sample {
	__u32 len;		/* the frame's length */
	__u32 caplen;		/* bytes of it in data */
	__u8 data[SINK_SNAPLEN];
};

#endif
