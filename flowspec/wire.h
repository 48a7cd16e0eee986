/*
 * Framing shared by the IntServ object codecs (not a public API): the
 * three header levels of RFC 2210 3, IEEE float conversion, failure
 * recording, and the TSpec and RSpec parameter bodies that both
 * SENDER_TSPEC and FLOWSPEC carry.
 */
#ifndef QUASAR_FLOWSPEC_WIRE_H
#define QUASAR_FLOWSPEC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flowspec/intserv.h"
#include "lib/cursor.h"
#include "lib/writer.h"

/* One decoding: the body (to turn pointers into offsets) and the RFC 2205
 * error value that this object kind reports. */
struct is_dec {
	const uint8_t	*body;
	uint16_t	 tc_value;
	struct is_err	*err;
};

/* A per-service header and the cursor over its data. */
struct is_svc {
	uint8_t		 service;
	uint8_t		 flags;
	const uint8_t	*at;		/* the header */
	struct cursor	 data;
};

/* A parameter header and the cursor over its value. */
struct is_param {
	uint8_t		 id;
	uint8_t		 flags;
	const uint8_t	*at;
	struct cursor	 data;
};

/* Start decoding the body at 'body' for an object whose errors carry
 * 'tc_value'; clears 'err'. */
void is_dec_init(struct is_dec *d, const void *body, uint16_t tc_value,
    struct is_err *err);
/* Record 'reason' found at 'at' (inside the body) and return -1. */
int is_fail(struct is_dec *d, enum is_reason reason, const uint8_t *at);
/* Like is_fail, with an RFC 2205 value other than the object's own. */
int is_fail_value(struct is_dec *d, enum is_reason reason, uint16_t value,
    const uint8_t *at);

/* Read the message header (RFC 2210 3) of the body 'c' and set 'msg' to
 * the message data, which must fill the body exactly. */
int is_msg_open(struct is_dec *d, struct cursor *c, struct cursor *msg);
/* Read the message header of the body (buf, len) and its one service
 * fragment, which must fill the message (SENDER_TSPEC, FLOWSPEC). */
int is_single_svc(struct is_dec *d, const void *buf, size_t len,
    struct is_svc *s);
/* Read the next per-service header and data from 'msg' into 's'. */
int is_svc_next(struct is_dec *d, struct cursor *msg, struct is_svc *s);
/* Read the next parameter header and value from 'svc' into 'p'. */
int is_param_next(struct is_dec *d, struct cursor *svc, struct is_param *p);
/* Read the 'n' words of the value of 'p' into 'v'; IS_E_PARAM_LEN unless
 * it holds exactly that many. */
int is_param_words(struct is_dec *d, const struct is_param *p, uint32_t *v,
    size_t n);

float is_float_from_bits(uint32_t bits);
uint32_t is_float_to_bits(float f);

/* Write a header with a zero length; its offset goes to '*at_r'. */
bool is_msg_begin(struct writer *w, size_t *at_r);
bool is_svc_begin(struct writer *w, uint8_t service, uint8_t flags,
    size_t *at_r);
/* Patch the length of the header written at 'at' to cover all that was
 * written after it. */
bool is_hdr_end(struct writer *w, size_t at);
/* Write a parameter header for a value of 'words' words. */
bool is_param_hdr(struct writer *w, uint8_t id, uint8_t flags,
    uint16_t words);
bool is_w_float(struct writer *w, float f);

/* The token bucket TSpec value (parameter 127) and the Guaranteed RSpec
 * value (parameter 130), read and checked, or written. */
int is_tspec_param_read(struct is_dec *d, const struct is_param *p,
    struct is_tspec *t);
bool is_tspec_param_write(struct writer *w, const struct is_tspec *t);
int is_rspec_param_read(struct is_dec *d, const struct is_param *p,
    struct is_rspec *r);
bool is_rspec_param_write(struct writer *w, const struct is_rspec *r);

#endif
