/*
 * Shared by the object suites: a message holding objects under test, and
 * decoding a single hand-made object body.
 */
#ifndef TEST_RSVP_OBJTEST_H
#define TEST_RSVP_OBJTEST_H

#include "helpers.h"

/*
 * Parse (no grammar) a Path carrying one object of 'class_num'/'c_type'
 * with 'len' body bytes; returns rsvp_parse()'s result, the message in
 * 'out' and the reason in 'err'.
 */
int parse_one(uint8_t class_num, uint8_t c_type, const uint8_t *body,
    size_t len, struct rsvp_msg *out, struct rsvp_error *err);

#endif
