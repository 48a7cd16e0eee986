/*
 * Test frames for the traffic tools: build labelled (one MPLS entry over
 * IPv4/UDP) or plain IPv4/UDP Ethernet frames of a given size, and check
 * a received frame against what a forwarder should have made of them.
 */
#ifndef QUASAR_GEN_FRAME_H
#define QUASAR_GEN_FRAME_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/inet.h"

/* Frame sizes: Ethernet header and payload, no FCS. */
#define GEN_FRAME_MIN	60
#define GEN_FRAME_MAX	1514

enum gen_kind {
	GEN_IPV4,		/* Ethernet, IPv4, UDP */
	GEN_MPLS,		/* Ethernet, one label entry (S=1), IPv4, UDP */
};

struct gen_frame_spec {
	enum gen_kind kind;
	uint8_t dst[ETH_ALEN_];
	uint8_t src[ETH_ALEN_];
	uint32_t label;		/* GEN_MPLS: first label of the range */
	uint32_t nlabels;	/* frame i carries label + i % nlabels */
	uint8_t ttl;		/* label TTL, and the IPv4 TTL */
	struct in_addr ip_src;
	struct in_addr ip_dst;
	size_t size;
};

/* What a received frame must look like (gen_frame_check). */
struct gen_frame_expect {
	enum gen_kind kind;
	uint32_t label;		/* GEN_MPLS: labels label .. label+nlabels-1 */
	uint32_t nlabels;
	uint8_t ttl;		/* label TTL, or IPv4 TTL for GEN_IPV4 */
	int check_dst;		/* if set, the destination MAC must be dst */
	uint8_t dst[ETH_ALEN_];
};

enum gen_check {
	GEN_CHECK_OK,
	GEN_CHECK_SHORT,	/* cut before the header being checked */
	GEN_CHECK_DST,		/* destination MAC */
	GEN_CHECK_ETHERTYPE,
	GEN_CHECK_LABEL,	/* label out of range, or S=0 */
	GEN_CHECK_TTL,
	GEN_CHECK_IPV4,		/* not a 20-byte IPv4 header, or bad checksum */
	GEN_CHECK_MAX
};

/*
 * Write frame number 'index' of 'spec' into 'buf' ('cap' bytes).
 * Returns its length (spec->size), or -1 if 'spec' is not a frame
 * (size out of GEN_FRAME_MIN..GEN_FRAME_MAX, bad label range) or 'cap' is
 * too small.
 */
int gen_frame_build(const struct gen_frame_spec *spec, uint32_t index,
    uint8_t *buf, size_t cap);

/*
 * Turn frame 'buf' ('len' bytes, built by gen_frame_build from 'spec')
 * into frame number 'index': its label (GEN_MPLS) and its sequence number
 * (the first 4 bytes of the UDP payload).  Returns 0, or -1 if 'len' is
 * not the spec's size.
 */
int gen_frame_stamp(const struct gen_frame_spec *spec, uint32_t index,
    uint8_t *buf, size_t len);

/*
 * Check the first 'len' bytes of a received frame (a capture may have cut
 * it; only headers are read) against 'exp'.
 */
enum gen_check gen_frame_check(const struct gen_frame_expect *exp,
    const uint8_t *buf, size_t len);

/* A short name for 'c'. */
const char *gen_check_name(enum gen_check c);

/*
 * Parse "LABEL" or "LABEL:COUNT" (a range of COUNT labels from LABEL, all
 * within 16..1048575) into 'label_r' and 'n_r'.  Returns 0 or -1.
 */
int gen_parse_labels(const char *s, uint32_t *label_r, uint32_t *n_r);

#endif
