/*
 * The Resv message (RFC 2205 3.1.4, RFC 3209 3.2.1) and the flow
 * descriptor lists that Resv, ResvTear, ResvErr and ResvConf share.
 */
#include "rsvp/rsvp_local.h"

static const uint8_t resv_allowed[] = {
	RSVP_CLASS_INTEGRITY, RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP,
	RSVP_CLASS_TIME_VALUES, RSVP_CLASS_RESV_CONFIRM, RSVP_CLASS_SCOPE,
	RSVP_CLASS_POLICY_DATA, RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC,
	RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_LABEL, RSVP_CLASS_RECORD_ROUTE, 0
};
static const uint8_t resv_required[] = {
	RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES,
	RSVP_CLASS_STYLE, 0
};
static const uint8_t resv_repeatable[] = {
	RSVP_CLASS_POLICY_DATA, RSVP_CLASS_FLOWSPEC, RSVP_CLASS_FILTER_SPEC,
	RSVP_CLASS_LABEL, RSVP_CLASS_RECORD_ROUTE, 0
};

static const struct rsvp_grammar resv_grammar = {
	resv_allowed, resv_required, resv_repeatable
};

/* How strict the flow descriptor list of each message type is. */
struct flow_rules {
	bool	need_flowspec;	/* FF/SE descriptors start with a FLOWSPEC */
	bool	need_desc;	/* at least one descriptor (not for WF tear) */
	size_t	max_ff;		/* FF descriptors allowed */
};

static void
flow_rules(uint8_t msg_type, uint32_t style, struct flow_rules *fr)
{
	fr->need_flowspec = true;
	fr->need_desc = true;
	fr->max_ff = RSVP_DESC_MAX;
	switch (msg_type) {
	case RSVP_MSG_RESVTEAR:
		/* RFC 2205 3.1.6: FLOWSPECs may be omitted. */
		fr->need_flowspec = false;
		fr->need_desc = style != RSVP_STYLE_WF;
		break;
	case RSVP_MSG_RESVERR:
		/* RFC 2205 3.1.8: [<error flow descriptor>], just one. */
		fr->need_desc = false;
		fr->max_ff = 1;
		break;
	default:
		break;
	}
}

/* The last descriptor, if object 'class_num' may still bind to it. */
static struct rsvp_flow_desc *
bind_target(struct rsvp_flow_desc *fd, size_t n, int pending,
    uint8_t class_num)
{
	struct rsvp_flow_desc *d;

	if (n == 0 || pending >= 0)
		return NULL;
	/* Every descriptor made in the walk has a FILTER_SPEC. */
	d = &fd[n - 1];
	if (d->rro >= 0)
		return NULL;
	if (class_num == RSVP_CLASS_LABEL && d->label >= 0)
		return NULL;
	return d;
}

/*
 * Walk the FLOWSPEC, FILTER_SPEC, LABEL and RECORD_ROUTE objects in order
 * (RFC 2205 3.1.4, RFC 3209 3.2.1):
 *   WF: <FLOWSPEC>
 *   FF: <FLOWSPEC> <FILTER_SPEC> [<LABEL>] [<RECORD_ROUTE>]
 *       { [<FLOWSPEC>] <FILTER_SPEC> [<LABEL>] [<RECORD_ROUTE>] }
 *   SE: <FLOWSPEC> { <FILTER_SPEC> [<LABEL>] [<RECORD_ROUTE>] }
 * LABEL and RECORD_ROUTE bind to the FILTER_SPEC before them (RFC 3209
 * 4.1: a sender's label follows its FILTER_SPEC).
 */
int
rsvp_flow_descs(const struct rsvp_msg *msg, struct rsvp_flow_desc *fd,
    size_t max, size_t *n_r, struct rsvp_error *err)
{
	const struct rsvp_obj *st, *o;
	struct rsvp_flow_desc *d;
	struct flow_rules fr;
	int pending = -1, last_fs = -1, nfs = 0, i;
	uint32_t style;
	size_t n = 0;

	*n_r = 0;
	st = rsvp_msg_find(msg, RSVP_CLASS_STYLE);
	if (st == NULL) {
		rsvp_err_set(err, RSVP_E_MISSING, rsvp_msg_end(msg),
		    "no STYLE");
		err->class_num = RSVP_CLASS_STYLE;
		return -1;
	}
	style = st->u.style.options & RSVP_STYLE_MASK;
	if (style != RSVP_STYLE_WF && style != RSVP_STYLE_FF &&
	    style != RSVP_STYLE_SE) {
		rsvp_obj_fail(msg, (int)(st - msg->objs), RSVP_E_STYLE,
		    "unknown reservation style", err);
		/* RFC 2205 Appendix B, code 6. */
		rsvp_err_answer(err, msg->type, RSVP_ERR_UNKNOWN_STYLE, 0);
		return -1;
	}
	flow_rules(msg->type, style, &fr);

	for (i = 0; i < msg->nobjs; i++) {
		o = &msg->objs[i];
		if (o->kind != RSVP_OBJ_DECODED)
			continue;
		switch (o->class_num) {
		case RSVP_CLASS_FLOWSPEC:
			if (style != RSVP_STYLE_FF && nfs > 0)
				return rsvp_obj_fail(msg, i, RSVP_E_DESCRIPTOR,
				    "more than one FLOWSPEC for a WF or SE "
				    "reservation", err);
			if (style == RSVP_STYLE_SE && n > 0)
				return rsvp_obj_fail(msg, i, RSVP_E_ORDER,
				    "SE FLOWSPEC after its filter specs", err);
			if (pending >= 0)
				return rsvp_obj_fail(msg, i, RSVP_E_DESCRIPTOR,
				    "FLOWSPEC without a FILTER_SPEC", err);
			nfs++;
			last_fs = i;
			if (style == RSVP_STYLE_FF)
				pending = i;
			break;
		case RSVP_CLASS_FILTER_SPEC:
			if (style == RSVP_STYLE_WF)
				return rsvp_obj_fail(msg, i, RSVP_E_DESCRIPTOR,
				    "FILTER_SPEC in a WF reservation", err);
			if (last_fs < 0 && fr.need_flowspec)
				return rsvp_obj_fail(msg, i, RSVP_E_ORDER,
				    "FILTER_SPEC before the first FLOWSPEC",
				    err);
			if (n >= max)
				return rsvp_obj_fail(msg, i, RSVP_E_BOUND,
				    "too many flow descriptors", err);
			if (style == RSVP_STYLE_FF && n >= fr.max_ff)
				return rsvp_obj_fail(msg, i, RSVP_E_DESCRIPTOR,
				    "too many FF flow descriptors for this "
				    "message", err);
			d = &fd[n++];
			d->flowspec = last_fs;
			d->filter = i;
			d->label = -1;
			d->rro = -1;
			pending = -1;
			break;
		case RSVP_CLASS_LABEL:
		case RSVP_CLASS_RECORD_ROUTE:
			d = bind_target(fd, n, pending, o->class_num);
			if (d == NULL)
				return rsvp_obj_fail(msg, i, RSVP_E_ORDER,
				    "LABEL or RECORD_ROUTE not bound to a "
				    "FILTER_SPEC", err);
			if (o->class_num == RSVP_CLASS_LABEL)
				d->label = i;
			else
				d->rro = i;
			break;
		default:
			break;
		}
	}
	if (pending >= 0)
		return rsvp_obj_fail(msg, pending, RSVP_E_DESCRIPTOR,
		    "FLOWSPEC without a FILTER_SPEC", err);
	if (style == RSVP_STYLE_WF && last_fs >= 0) {
		if (max == 0)
			return rsvp_obj_fail(msg, last_fs, RSVP_E_BOUND,
			    "too many flow descriptors", err);
		fd[n].flowspec = last_fs;
		fd[n].filter = fd[n].label = fd[n].rro = -1;
		n++;
	}
	if (style == RSVP_STYLE_SE && nfs > 0 && n == 0)
		return rsvp_obj_fail(msg, last_fs, RSVP_E_DESCRIPTOR,
		    "SE FLOWSPEC without a FILTER_SPEC", err);
	if (n == 0 && fr.need_desc) {
		rsvp_err_set(err, RSVP_E_MISSING, rsvp_msg_end(msg),
		    "no flow descriptor");
		err->class_num = style == RSVP_STYLE_WF ? RSVP_CLASS_FLOWSPEC :
		    RSVP_CLASS_FILTER_SPEC;
		return -1;
	}
	*n_r = n;
	return 0;
}

int
rsvp_resv_flows(const struct rsvp_msg *msg, struct rsvp_flow_desc *fd,
    size_t max, size_t *n_r)
{
	struct rsvp_error err;

	return rsvp_flow_descs(msg, fd, max, n_r, &err);
}

/*
 * RFC 3209 3.2.1: in a Resv for an LSP tunnel, every FILTER_SPEC is
 * followed by its LABEL.
 */
int
rsvp_resv_check(const struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	size_t n, k;

	if (rsvp_check_grammar(msg, &resv_grammar, err) == -1 ||
	    rsvp_check_filters(msg, err) == -1 ||
	    rsvp_flow_descs(msg, fd, RSVP_DESC_MAX, &n, err) == -1)
		return -1;
	if (!rsvp_msg_is_lsp_tunnel(msg))
		return 0;
	for (k = 0; k < n; k++) {
		if (fd[k].filter < 0 || fd[k].label >= 0)
			continue;
		rsvp_obj_fail(msg, fd[k].filter, RSVP_E_MISSING,
		    "LSP tunnel FILTER_SPEC without its LABEL", err);
		err->class_num = RSVP_CLASS_LABEL;
		err->c_type = RSVP_CTYPE_1;
		return -1;
	}
	return 0;
}
