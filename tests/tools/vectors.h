/*
 * RSVP-TE test messages with known values, one of each kind, shared by
 * the test vector writer (rsvp-vectors), the benchmark (bench/codec.c)
 * and the integration tests that check what tshark and quasar-rsvp dump
 * decode from them (the VEC_* values below).
 */
#ifndef QUASAR_TESTS_VECTORS_H
#define QUASAR_TESTS_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "rsvp/rsvp.h"

/* The LSP: ingress 10.0.0.1, egress 10.0.0.9, through 10.0.{1,2,3}.2. */
#define VEC_INGRESS		"10.0.0.1"
#define VEC_NEXT_HOP		"10.0.0.2"
#define VEC_EGRESS		"10.0.0.9"
#define VEC_TUNNEL_ID		4242
#define VEC_EXT_TUNNEL_ID	VEC_INGRESS
#define VEC_LSP_ID		17
#define VEC_LSP_ID_2		18		/* the second sender of SE */
#define VEC_ERO_HOP1		"10.0.1.2"	/* strict */
#define VEC_ERO_HOP2		"10.0.2.2"	/* loose */
#define VEC_ERO_HOP3		"10.0.3.2"	/* strict */
#define VEC_ERO_HOP4		VEC_EGRESS	/* strict */
#define VEC_SESSION_NAME	"quasar-lsp-1"
#define VEC_SETUP_PRIO		7
#define VEC_HOLD_PRIO		1
#define VEC_REFRESH_MS		30000
#define VEC_RATE_BPS		1250000.0f	/* r: 10 Mbit/s in bytes/s */
#define VEC_BUCKET		10000.0f	/* b: bytes */
#define VEC_MIN_UNIT		64
#define VEC_MAX_SIZE		1500
#define VEC_GS_RATE_BPS		1562500.0f	/* R: 12.5 Mbit/s */
#define VEC_GS_SLACK_US		100
#define VEC_PATH_BW_BPS		12500000.0f	/* 100 Mbit/s */
#define VEC_LABEL_FF		1001
#define VEC_LABEL_SE		1002
#define VEC_LABEL_SE_2		1003
#define VEC_HELLO_SRC		0x11111111u
#define VEC_HELLO_DST		0x22222222u

/* The messages the writer emits, in this order. */
enum vec_kind {
	VEC_PATH,
	VEC_RESV_FF,
	VEC_RESV_SE,
	VEC_PATHERR,
	VEC_RESVERR,
	VEC_PATHTEAR,
	VEC_RESVTEAR,
	VEC_RESVCONF,
	VEC_HELLO_REQUEST,
	VEC_HELLO_ACK,
	VEC_COUNT,
};

/* A short name of 'kind' ("path", "resv-ff", ...), for file names. */
const char *vec_name(enum vec_kind kind);
/*
 * Build message 'kind' into '*msg'.  Returns 0, or -1 if a body does not
 * encode (a bug in the vectors or the codecs).
 */
int vec_build(enum vec_kind kind, struct rsvp_msg *msg);
/* The IP source and destination that carry 'kind' (network order). */
void vec_addrs(enum vec_kind kind, struct in_addr *src_r,
    struct in_addr *dst_r);
/* Whether 'kind' travels with IP Router Alert (RFC 2205 3.1.3, 3.1.5). */
int vec_router_alert(enum vec_kind kind);

#endif
