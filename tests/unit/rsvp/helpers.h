/*
 * Test helpers for rsvp/: object builders with fixed values, sample
 * messages of every kind, and round-trip checks.
 */
#ifndef TEST_RSVP_HELPERS_H
#define TEST_RSVP_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "rsvp/rsvp.h"

#define TEST_BUF_LEN	4096

/* An IPv4 address from a dotted quad, for building objects. */
struct in_addr ip(const char *s);

struct rsvp_obj *add_session_ipv4(struct rsvp_msg *m);
struct rsvp_obj *add_session_lsp(struct rsvp_msg *m);
struct rsvp_obj *add_hop(struct rsvp_msg *m);
struct rsvp_obj *add_time(struct rsvp_msg *m);
struct rsvp_obj *add_style(struct rsvp_msg *m, uint32_t style);
struct rsvp_obj *add_opaque(struct rsvp_msg *m, uint8_t class_num,
    uint8_t c_type, uint16_t len, uint8_t seed);
struct rsvp_obj *add_filter_ipv4(struct rsvp_msg *m, uint8_t class_num,
    uint16_t sport);
struct rsvp_obj *add_filter_lsp(struct rsvp_msg *m, uint8_t class_num,
    uint16_t lsp_id);
struct rsvp_obj *add_label(struct rsvp_msg *m, uint32_t label);
struct rsvp_obj *add_label_request(struct rsvp_msg *m);
struct rsvp_obj *add_ero(struct rsvp_msg *m);
struct rsvp_obj *add_rro(struct rsvp_msg *m);
struct rsvp_obj *add_session_attr(struct rsvp_msg *m, uint8_t c_type,
    const char *name);
struct rsvp_obj *add_error_spec(struct rsvp_msg *m, uint8_t code,
    uint16_t value);
struct rsvp_obj *add_resv_confirm(struct rsvp_msg *m);
struct rsvp_obj *add_scope(struct rsvp_msg *m, uint16_t n);
struct rsvp_obj *add_integrity(struct rsvp_msg *m);
struct rsvp_obj *add_hello(struct rsvp_msg *m, uint8_t c_type);

/* Sample messages, valid for rsvp_validate(). */
void sample_path(struct rsvp_msg *m);		/* LSP tunnel, all objects */
void sample_path_ipv4(struct rsvp_msg *m);	/* RFC 2205 only */
void sample_resv_ff(struct rsvp_msg *m);	/* LSP tunnel, 3 FF flows */
void sample_resv_se(struct rsvp_msg *m);	/* LSP tunnel, 2 SE filters */
void sample_resv_wf(struct rsvp_msg *m);	/* IPv4 session */
void sample_patherr(struct rsvp_msg *m);
void sample_resverr(struct rsvp_msg *m);
void sample_pathtear(struct rsvp_msg *m);
void sample_resvtear(struct rsvp_msg *m);
void sample_resvconf(struct rsvp_msg *m);
void sample_hello(struct rsvp_msg *m);

typedef void (*sample_fn)(struct rsvp_msg *);
extern const sample_fn samples[];
extern const size_t nsamples;

/* Remove every object of 'class_num' from 'm'; returns how many. */
int msg_remove(struct rsvp_msg *m, uint8_t class_num);
/* Index of the first object of 'class_num' (any kind), or -1. */
int msg_pos(const struct rsvp_msg *m, uint8_t class_num);

/* Encode 'm' into 'buf' (TEST_BUF_LEN), asserting success; the length. */
size_t encode_ok(const struct rsvp_msg *m, uint8_t *buf);
/*
 * Encode 'm', decode it (with validation if 'validate'), assert the
 * decoded objects equal 'm''s and re-encoding gives the same bytes.  The
 * decoded message goes to 'out'.
 */
void roundtrip(const struct rsvp_msg *m, bool validate, struct rsvp_msg *out);

/*
 * Assert that 'm' fails validation with 'reason' about 'class_num', both
 * from rsvp_validate() and from rsvp_decode() of its encoding (where the
 * offset must fall inside the message).  The decode error goes to 'err'.
 */
void expect_invalid(const struct rsvp_msg *m, enum rsvp_reason reason,
    uint8_t class_num, struct rsvp_error *err);

/* Set the length field and a fresh checksum of a hand-edited message. */
void refresh_header(uint8_t *buf, size_t len);

#endif
