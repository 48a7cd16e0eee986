/*
 * The test payload of quasar-gen and quasar-sink: the first bytes of the
 * UDP payload of every packet, network byte order.
 *
 *   0  magic   "QSRG"
 *   4  flow id
 *   8  sequence number (64 bits, from 0)
 *  16  send time, ns (64 bits) on the clock named at 24
 *  24  clock: 0 CLOCK_REALTIME, 1 CLOCK_MONOTONIC
 *  25  zero (3 bytes)
 *
 * Network namespaces share both clocks, so a sink on the same machine
 * reads one-way latency as its receive time minus the send time.
 */
#ifndef QUASAR_TRAFFIC_PAYLOAD_H
#define QUASAR_TRAFFIC_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TR_MAGIC		0x51535247u	/* "QSRG" */
#define TR_PAYLOAD_LEN		28
#define TR_UDP_HLEN		8
#define TR_MPLS_DEPTH_MAX	8

enum tr_clock {
	TR_CLOCK_REALTIME = 0,
	TR_CLOCK_MONOTONIC = 1,
};

struct tr_payload {
	uint32_t flow;
	uint64_t seq;
	uint64_t ts_ns;
	enum tr_clock clock;
};

/* Write 'p' into 'buf' ('len' >= TR_PAYLOAD_LEN).  0, or -1 if short. */
int tr_payload_write(const struct tr_payload *p, uint8_t *buf, size_t len);

/*
 * Read a payload from 'len' bytes at 'buf'.  Returns 0, or -1 if they are
 * too short, lack the magic, or name an unknown clock.
 */
int tr_payload_read(const uint8_t *buf, size_t len, struct tr_payload *p_r);

/* Where a frame's test payload is, and its top label if it has one. */
struct tr_frame_info {
	size_t payload_at;	/* offset of the UDP payload in the frame */
	size_t payload_len;	/* its bytes within the frame */
	bool labelled;
	uint32_t top_label;
	uint8_t top_tc;
	uint8_t top_ttl;
};

/*
 * Find the UDP payload of an Ethernet frame ('len' bytes captured):
 * Ethernet, up to TR_MPLS_DEPTH_MAX label entries, IPv4 (options
 * allowed, first fragment only), UDP.  Returns 0, or -1 if the frame is
 * anything else or cut short before the UDP header.
 */
int tr_frame_find(const uint8_t *frame, size_t len,
    struct tr_frame_info *info_r);

/* The clock's name ("realtime", "monotonic"), and back (-1 if unknown). */
const char *tr_clock_name(enum tr_clock c);
int tr_clock_parse(const char *s, enum tr_clock *c_r);

#endif
