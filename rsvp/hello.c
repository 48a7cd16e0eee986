/*
 * The Hello message (RFC 3209 5.1).
 */
#include "rsvp/rsvp_local.h"

static const uint8_t hello_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_HELLO, 0
};
static const uint8_t hello_required[] = { RSVP_CLASS_HELLO, 0 };
static const uint8_t hello_repeatable[] = { 0 };

static const struct rsvp_grammar hello_grammar = {
	hello_allowed, hello_required, hello_repeatable
};

/*
 * <Hello Message> ::= <Common Header> [<INTEGRITY>] <HELLO>, where HELLO
 * is a REQUEST or an ACK object.
 */
int
rsvp_hello_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	return rsvp_check_grammar(msg, &hello_grammar, err);
}
