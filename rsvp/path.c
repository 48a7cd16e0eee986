/*
 * The Path message (RFC 2205 3.1.3, RFC 3209 3.1.1) and the sender
 * descriptor that Path, PathTear and PathErr share.
 */
#include "rsvp/rsvp_local.h"

static const uint8_t path_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP,
	RSVP_CLASS_TIME_VALUES, RSVP_CLASS_EXPLICIT_ROUTE,
	RSVP_CLASS_LABEL_REQUEST, RSVP_CLASS_SESSION_ATTRIBUTE,
	RSVP_CLASS_POLICY_DATA, RSVP_CLASS_SENDER_TEMPLATE,
	RSVP_CLASS_SENDER_TSPEC, RSVP_CLASS_ADSPEC, RSVP_CLASS_RECORD_ROUTE, 0
};
static const uint8_t path_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES, 0
};
static const uint8_t path_repeatable[] = { RSVP_CLASS_POLICY_DATA, 0 };

static const struct rsvp_grammar path_grammar = {
	path_allowed, path_required, path_repeatable
};

/*
 * <sender descriptor> ::= <SENDER_TEMPLATE> <SENDER_TSPEC> [<ADSPEC>]
 * [<RECORD_ROUTE>] (RFC 2205 3.1.3, RFC 3209 3.1.1).  The objects must come
 * in that order, since that is what binds them to the sender.  Returns 1
 * with 'sd' filled, 0 if there is no sender descriptor, -1 if malformed.
 */
int
rsvp_sender_desc(const struct rsvp_msg *msg, bool tspec_required,
    struct rsvp_sender_desc *sd, struct rsvp_error *err)
{
	const struct rsvp_obj *o;
	int idx[4] = { -1, -1, -1, -1 }, last = -1, i;
	size_t k;

	for (i = 0; i < msg->nobjs; i++) {
		o = &msg->objs[i];
		if (o->kind != RSVP_OBJ_DECODED)
			continue;
		switch (o->class_num) {
		case RSVP_CLASS_SENDER_TEMPLATE:
			k = 0;
			break;
		case RSVP_CLASS_SENDER_TSPEC:
			k = 1;
			break;
		case RSVP_CLASS_ADSPEC:
			k = 2;
			break;
		case RSVP_CLASS_RECORD_ROUTE:
			k = 3;
			break;
		default:
			continue;
		}
		if (idx[k] >= 0)
			return rsvp_obj_fail(msg, i, RSVP_E_DUPLICATE,
			    "more than one sender descriptor", err);
		idx[k] = i;
	}
	sd->tmpl = idx[0];
	sd->tspec = idx[1];
	sd->adspec = idx[2];
	sd->rro = idx[3];
	if (sd->tmpl < 0) {
		for (k = 1; k < 4; k++)
			if (idx[k] >= 0)
				return rsvp_obj_fail(msg, idx[k],
				    RSVP_E_DESCRIPTOR,
				    "sender descriptor without SENDER_TEMPLATE",
				    err);
		return 0;
	}
	if (tspec_required && sd->tspec < 0) {
		rsvp_err_set(err, RSVP_E_MISSING, rsvp_msg_end(msg),
		    "sender descriptor without SENDER_TSPEC");
		err->class_num = RSVP_CLASS_SENDER_TSPEC;
		return -1;
	}
	for (k = 0; k < 4; k++) {
		if (idx[k] < 0)
			continue;
		if (idx[k] < last)
			return rsvp_obj_fail(msg, idx[k], RSVP_E_ORDER,
			    "sender descriptor objects out of order", err);
		last = idx[k];
	}
	return 1;
}

int
rsvp_path_sender(const struct rsvp_msg *msg, struct rsvp_sender_desc *sd)
{
	struct rsvp_error err;

	return rsvp_sender_desc(msg, msg->type == RSVP_MSG_PATH, sd, &err);
}

/*
 * RFC 3209 3.1.1: a Path for an LSP tunnel carries a LABEL_REQUEST and a
 * sender descriptor with an LSP_TUNNEL_IPv4 SENDER_TEMPLATE.
 */
int
rsvp_path_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_sender_desc sd;
	int r;

	if (rsvp_check_grammar(msg, &path_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1)
		return -1;
	if ((r = rsvp_sender_desc(msg, true, &sd, err)) == -1)
		return -1;
	if (!rsvp_msg_is_lsp_tunnel(msg))
		return 0;
	if (rsvp_msg_find(msg, RSVP_CLASS_LABEL_REQUEST) == NULL || r == 0) {
		rsvp_err_set(err, RSVP_E_MISSING, rsvp_msg_end(msg),
		    r == 0 ? "LSP tunnel Path without a sender descriptor" :
		    "LSP tunnel Path without LABEL_REQUEST");
		err->class_num = r == 0 ? RSVP_CLASS_SENDER_TEMPLATE :
		    RSVP_CLASS_LABEL_REQUEST;
		return -1;
	}
	return 0;
}
