#ifndef TEST_HOST_HELPERS_H
#define TEST_HOST_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "tests/tools/vectors.h"

#define TEST_FRAME_MAX	(14 + 24 + RSVP_MSG_MAX_LEN)

/* Encode vector 'kind' into 'buf'; its length (the test fails if not). */
size_t test_encode(enum vec_kind kind, uint8_t *buf, size_t cap);
/*
 * An Ethernet frame carrying 'len' bytes of 'payload' in IPv4 with
 * protocol 'proto', TTL 64, fragment field 'frag' and Router Alert; its
 * length.
 */
size_t test_frame(uint8_t *frame, uint8_t proto, uint16_t frag,
    const uint8_t *payload, size_t len);
/* Recompute the RSVP checksum of the 'len' bytes of 'msg'. */
void test_fix_cksum(uint8_t *msg, size_t len);

#endif
