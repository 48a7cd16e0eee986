/*
 * The error messages: PathErr (RFC 2205 3.1.7), which reports errors in
 * processing a Path, and ResvErr (3.1.8), which reports errors in
 * processing a Resv.  Neither is answered with an error itself.
 */
#include "rsvp/rsvp_local.h"

static const uint8_t patherr_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC,
	RSVP_CLASS_POLICY_DATA, RSVP_CLASS_SENDER_TEMPLATE,
	RSVP_CLASS_SENDER_TSPEC, RSVP_CLASS_ADSPEC, 0
};
static const uint8_t patherr_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC, 0
};
static const uint8_t patherr_repeatable[] = { RSVP_CLASS_POLICY_DATA, 0 };

static const struct rsvp_grammar patherr_grammar = {
	patherr_allowed, patherr_required, patherr_repeatable
};

static const uint8_t resverr_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP,
	RSVP_CLASS_ERROR_SPEC, RSVP_CLASS_SCOPE, RSVP_CLASS_POLICY_DATA,
	RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC, RSVP_CLASS_FILTER_SPEC,
	RSVP_CLASS_LABEL, RSVP_CLASS_RECORD_ROUTE, 0
};
static const uint8_t resverr_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_ERROR_SPEC,
	RSVP_CLASS_STYLE, 0
};
static const uint8_t resverr_repeatable[] = {
	RSVP_CLASS_POLICY_DATA, RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_LABEL,
	RSVP_CLASS_RECORD_ROUTE, 0
};

static const struct rsvp_grammar resverr_grammar = {
	resverr_allowed, resverr_required, resverr_repeatable
};

/*
 * <PathErr Message> ::= <Common Header> [<INTEGRITY>] <SESSION>
 *     <ERROR_SPEC> [<POLICY_DATA> ...] [<sender descriptor>]
 */
int
rsvp_patherr_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_sender_desc sd;

	if (rsvp_check_grammar(msg, &patherr_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1 ||
	    rsvp_sender_desc(msg, false, &sd, err) == -1)
		return -1;
	return 0;
}

/*
 * <ResvErr Message> ::= <Common Header> [<INTEGRITY>] <SESSION>
 *     <RSVP_HOP> <ERROR_SPEC> [<SCOPE>] [<POLICY_DATA> ...] <STYLE>
 *     [<error flow descriptor>]
 */
int
rsvp_resverr_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	size_t n;

	if (rsvp_check_grammar(msg, &resverr_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1 ||
	    rsvp_flow_descs(msg, fd, RSVP_DESC_MAX, &n, err) == -1)
		return -1;
	return 0;
}
