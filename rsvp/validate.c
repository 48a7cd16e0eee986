/*
 * Message grammars (RFC 2205 3.1, RFC 3209 3.1.1, 3.2.1 and 5.1): the
 * checks every message shares, and the dispatch to the per-message
 * grammar in path.c, resv.c, err.c, tear.c, conf.c and hello.c.
 *
 * RFC 2205 3.1: the BNF implies an order, but a receiver accepts objects
 * in any permissible order.  So the fixed objects may come in any order;
 * what is checked is that INTEGRITY comes first, the classes allowed and
 * required, and the order inside sender and flow descriptors, where it
 * binds objects together.  RFC 2205 Appendix B: these formatting errors
 * are logged and the message dropped, not reported to the sender.
 */
#include "rsvp/rsvp_local.h"

size_t
rsvp_msg_end(const struct rsvp_msg *msg)
{
	return msg->length;
}

int
rsvp_obj_fail(const struct rsvp_msg *msg, int i, enum rsvp_reason reason,
    const char *text, struct rsvp_error *err)
{
	rsvp_err_set(err, reason, msg->objs[i].offset, text);
	err->class_num = msg->objs[i].class_num;
	err->c_type = msg->objs[i].c_type;
	return -1;
}

static bool
class_in(const uint8_t *list, uint8_t class_num)
{
	for (; *list != 0; list++)
		if (*list == class_num)
			return true;
	return false;
}

int
rsvp_check_grammar(const struct rsvp_msg *msg, const struct rsvp_grammar *g,
    struct rsvp_error *err)
{
	uint32_t seen[256 / 32] = { 0 }, bit;
	const struct rsvp_obj *o;
	const uint8_t *req;
	uint16_t i;

	for (i = 0; i < msg->nobjs; i++) {
		o = &msg->objs[i];
		if (o->kind == RSVP_OBJ_FORWARD)
			continue;
		/* RFC 2205 3.1: [<INTEGRITY>] right after the header. */
		if (o->class_num == RSVP_CLASS_INTEGRITY && i != 0)
			return rsvp_obj_fail(msg, i, RSVP_E_ORDER,
			    "INTEGRITY not right after the common header",
			    err);
		if (!class_in(g->allowed, o->class_num))
			return rsvp_obj_fail(msg, i, RSVP_E_ILLEGAL_CLASS,
			    "object class not allowed in this message", err);
		bit = 1u << (o->class_num % 32);
		if ((seen[o->class_num / 32] & bit) &&
		    !class_in(g->repeatable, o->class_num))
			return rsvp_obj_fail(msg, i, RSVP_E_DUPLICATE,
			    "object present more than once", err);
		seen[o->class_num / 32] |= bit;
	}
	for (req = g->required; *req != 0; req++) {
		if (seen[*req / 32] & 1u << (*req % 32))
			continue;
		rsvp_err_set(err, RSVP_E_MISSING, rsvp_msg_end(msg),
		    "required object missing");
		err->class_num = *req;
		return -1;
	}
	return 0;
}

bool
rsvp_msg_is_lsp_tunnel(const struct rsvp_msg *msg)
{
	const struct rsvp_obj *s = rsvp_msg_find(msg, RSVP_CLASS_SESSION);

	return s != NULL && s->c_type == RSVP_CTYPE_LSP_TUNNEL_IPV4;
}

/*
 * RFC 3209 4.6.2 and 4.6.3: an LSP_TUNNEL_IPv4 session takes
 * LSP_TUNNEL_IPv4 sender templates and filter specs; an IPv4 session
 * (RFC 2205 A.9, A.10) takes IPv4 ones, and if its DstPort is zero their
 * SrcPorts are zero too (RFC 2205 A.1, and "Bad source port" in
 * Appendix B).
 */
int
rsvp_check_filters(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	const struct rsvp_obj *o, *s;
	bool no_dport;
	uint8_t want;
	uint16_t i;

	s = rsvp_msg_find(msg, RSVP_CLASS_SESSION);
	want = rsvp_msg_is_lsp_tunnel(msg) ? RSVP_CTYPE_LSP_TUNNEL_IPV4 :
	    RSVP_CTYPE_IPV4;
	no_dport = s != NULL && s->c_type == RSVP_CTYPE_IPV4 &&
	    s->u.session_ipv4.dport == 0;
	for (i = 0; i < msg->nobjs; i++) {
		o = &msg->objs[i];
		if (o->kind != RSVP_OBJ_DECODED ||
		    (o->class_num != RSVP_CLASS_SENDER_TEMPLATE &&
		    o->class_num != RSVP_CLASS_FILTER_SPEC))
			continue;
		if (o->c_type != want)
			return rsvp_obj_fail(msg, i, RSVP_E_CTYPE_MISMATCH,
			    "C-Type does not match the SESSION C-Type", err);
		if (no_dport && o->u.filter_ipv4.sport != 0)
			return rsvp_obj_fail(msg, i, RSVP_E_PORT,
			    "source port set in a session without a "
			    "destination port", err);
	}
	return 0;
}

int
rsvp_validate(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	rsvp_err_set(err, RSVP_E_NONE, 0, NULL);
	if (msg->nobjs > RSVP_MAX_OBJECTS) {
		rsvp_err_set(err, RSVP_E_BOUND, 0, "too many objects");
		return -1;
	}
	switch (msg->type) {
	case RSVP_MSG_PATH:
		return rsvp_path_check(msg, err);
	case RSVP_MSG_RESV:
		return rsvp_resv_check(msg, err);
	case RSVP_MSG_PATHERR:
		return rsvp_patherr_check(msg, err);
	case RSVP_MSG_RESVERR:
		return rsvp_resverr_check(msg, err);
	case RSVP_MSG_PATHTEAR:
		return rsvp_pathtear_check(msg, err);
	case RSVP_MSG_RESVTEAR:
		return rsvp_resvtear_check(msg, err);
	case RSVP_MSG_RESVCONF:
		return rsvp_resvconf_check(msg, err);
	case RSVP_MSG_HELLO:
		return rsvp_hello_check(msg, err);
	default:
		rsvp_err_set(err, RSVP_E_MSG_TYPE, 1, "unknown message type");
		return -1;
	}
}
