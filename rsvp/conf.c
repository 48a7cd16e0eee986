/*
 * The ResvConf message (RFC 2205 3.1.9).
 */
#include "rsvp/rsvp_local.h"

static const uint8_t resvconf_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC,
	RSVP_CLASS_RESV_CONFIRM, RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC,
	RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_LABEL, RSVP_CLASS_RECORD_ROUTE, 0
};
static const uint8_t resvconf_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC, RSVP_CLASS_RESV_CONFIRM,
	RSVP_CLASS_STYLE, 0
};
static const uint8_t resvconf_repeatable[] = {
	RSVP_CLASS_FLOWSPEC, RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_LABEL,
	RSVP_CLASS_RECORD_ROUTE, 0
};

static const struct rsvp_grammar resvconf_grammar = {
	resvconf_allowed, resvconf_required, resvconf_repeatable
};

/*
 * <ResvConf message> ::= <Common Header> [<INTEGRITY>] <SESSION>
 *     <ERROR_SPEC> <RESV_CONFIRM> <STYLE> <flow descriptor list>
 * RFC 2205 Appendix B: the ERROR_SPEC of a ResvConf has code 0.
 */
int
rsvp_resvconf_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	const struct rsvp_obj *es;
	size_t n;

	if (rsvp_check_grammar(msg, &resvconf_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1 ||
	    rsvp_flow_descs(msg, fd, RSVP_DESC_MAX, &n, err) == -1)
		return -1;
	es = rsvp_msg_find(msg, RSVP_CLASS_ERROR_SPEC);
	if (es->u.error_spec.code != RSVP_ERR_CONFIRM)
		return rsvp_obj_fail(msg, (int)(es - msg->objs),
		    RSVP_E_OBJ_BODY, "ResvConf ERROR_SPEC code is not 0", err);
	return 0;
}
