/* Shared by the flowspec suites: decoding copies that end exactly where
 * the bytes end, so that ASan sees any read past them. */
#ifndef TEST_FLOWSPEC_HELPERS_H
#define TEST_FLOWSPEC_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "flowspec/intserv.h"

/* Decode (buf, len) as one kind of body, discarding the result. */
typedef int (*decode_fn)(const void *buf, size_t len, struct is_err *err);

/* Run 'dec' on a heap copy of exactly 'len' bytes of 'buf'. */
int decode_exact(decode_fn dec, const uint8_t *buf, size_t len,
    struct is_err *err);
/* Assert that every proper prefix of the body fails to decode, each with
 * TRUNCATED or LENGTH (a prefix cut at a word boundary makes a length
 * field lie) or, for the empty and tiny prefixes, TRUNCATED. */
void check_every_prefix_fails(decode_fn dec, const uint8_t *buf,
    size_t len);
/* Cut the body after every whole word and patch the overall length to
 * match, so that the inner lengths lie instead; return how many of those
 * bodies decode (each failure must be a clean one). */
int count_patched_prefixes_ok(decode_fn dec, const uint8_t *buf,
    size_t len);

/* The three decoders with their outputs thrown away. */
int decode_sender_tspec(const void *buf, size_t len, struct is_err *err);
int decode_flowspec(const void *buf, size_t len, struct is_err *err);
int decode_adspec(const void *buf, size_t len, struct is_err *err);

#endif
