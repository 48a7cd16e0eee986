/*
 * The teardown messages: PathTear (RFC 2205 3.1.5) and ResvTear (3.1.6).
 */
#include "rsvp/rsvp_local.h"

static const uint8_t pathtear_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP,
	RSVP_CLASS_SENDER_TEMPLATE, RSVP_CLASS_SENDER_TSPEC,
	RSVP_CLASS_ADSPEC, 0
};
static const uint8_t pathtear_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, 0
};
static const uint8_t pathtear_repeatable[] = { 0 };

static const struct rsvp_grammar pathtear_grammar = {
	pathtear_allowed, pathtear_required, pathtear_repeatable
};

static const uint8_t resvtear_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP,
	RSVP_CLASS_SCOPE, RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC,
	RSVP_CLASS_FILTER_SPEC, 0
};
static const uint8_t resvtear_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_STYLE, 0
};
static const uint8_t resvtear_repeatable[] = {
	RSVP_CLASS_FLOWSPEC, RSVP_CLASS_FILTER_SPEC, 0
};

static const struct rsvp_grammar resvtear_grammar = {
	resvtear_allowed, resvtear_required, resvtear_repeatable
};

/*
 * <PathTear Message> ::= <Common Header> [<INTEGRITY>] <SESSION>
 *     <RSVP_HOP> [<sender descriptor>]
 * Its SENDER_TSPEC and ADSPEC, if any, are ignored, so not required.
 */
int
rsvp_pathtear_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_sender_desc sd;

	if (rsvp_check_grammar(msg, &pathtear_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1 ||
	    rsvp_sender_desc(msg, false, &sd, err) == -1)
		return -1;
	return 0;
}

/*
 * <ResvTear Message> ::= <Common Header> [<INTEGRITY>] <SESSION>
 *     <RSVP_HOP> [<SCOPE>] <STYLE> <flow descriptor list>
 * FLOWSPECs are ignored and may be omitted.
 */
int
rsvp_resvtear_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	size_t n;

	if (rsvp_check_grammar(msg, &resvtear_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1 ||
	    rsvp_flow_descs(msg, fd, RSVP_DESC_MAX, &n, err) == -1)
		return -1;
	return 0;
}
