/*
 * The Resv we send upstream: one per previous hop of a session (RFC 2205
 * 3.1.4), listing every sender from that hop whose LSP is up here, each
 * with our label (RFC 3209 4.1.1.2) and the RECORD_ROUTE with our hop
 * pushed (4.4.3); and the reservation the egress makes for an LSP that
 * ends here.
 */
#include <string.h>

#include "dom0/engine_local.h"
#include "flowspec/intserv.h"
#include "lib/log.h"

static bool
psb_reserved(const struct psb *p, struct in_addr phop)
{
	return p->phop.s_addr == phop.s_addr && p->rsb != NULL &&
	    p->has_in_label && (p->state == LSP_UP || p->state == LSP_EGRESS);
}

/* Add FILTER_SPEC, LABEL and RECORD_ROUTE of 'p' to 'm'. */
static int
resv_add_sender(struct engine *e, struct rsvp_msg *m, const struct psb *p,
    struct in_addr me)
{
	struct rsvp_obj *o;

	(void)e;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_FILTER_SPEC,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return -1;
	o->u.filter_lsp.sender = p->sender;
	o->u.filter_lsp.lsp_id = p->lsp_id;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1)) == NULL)
		return -1;
	o->u.label.label = p->in_label;
	if (p->rsb->rro == NULL)
		return 0;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_RECORD_ROUTE,
	    RSVP_CTYPE_1)) == NULL)
		return -1;
	o->u.route = *p->rsb->rro;
	/* RFC 3209 4.4.3: label subobject under our address when asked. */
	if (p->sa_flags & RSVP_SA_F_LABEL_RECORDING)
		(void)rro_push_label(&o->u.route, p->in_label);
	(void)rro_push_addr(&o->u.route, me);
	return 0;
}

/*
 * Send the Resv for the senders of 's' whose previous hop is 'phop' and
 * whose LSP is up here.  A RESV_CONFIRM from downstream goes in this one
 * Resv only, not in the refreshes after it (RFC 2205 3.1.9: one ResvConf
 * answers one request).  Returns whether there were any senders (false:
 * nothing to send).
 */
bool
resv_upstream_send(struct engine *e, struct session *s, struct in_addr phop)
{
	struct rsvp_msg *m = e->out;
	struct rsvp_pkt_out out;
	struct in_addr confirm_addr = { INADDR_ANY };
	const struct psb *p, *first = NULL;
	struct rsvp_obj *o;
	bool confirm = false;
	uint16_t i;

	TAILQ_FOREACH(p, &s->psbs, entry) {
		if (!psb_reserved(p, phop))
			continue;
		if (first == NULL)
			first = p;
		if (p->rsb->confirm && !confirm) {
			confirm = true;
			confirm_addr = p->rsb->confirm_addr;
		}
		p->rsb->confirm = false;
	}
	if (first == NULL)
		return false;
	memset(&out, 0, sizeof(out));
	if (e->env.if_addr(e->env.arg, first->in_ifindex, &out.src) < 0)
		out.src = e->env.router_id;
	out.dst = phop;
	out.ifindex = first->in_ifindex;
	out.ttl = ENGINE_RESV_TTL;
	rsvp_msg_init(m, RSVP_MSG_RESV);
	m->send_ttl = out.ttl;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_SESSION,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return true;
	session_key(s, &o->u.session_lsp);
	if ((o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4)) == NULL)
		return true;
	o->u.hop.addr = out.src;
	o->u.hop.lih = first->in_ifindex;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_TIME_VALUES,
	    RSVP_CTYPE_1)) == NULL)
		return true;
	o->u.time.refresh_ms = e->env.refresh_ms;
	if (confirm) {
		if ((o = rsvp_msg_add(m, RSVP_CLASS_RESV_CONFIRM,
		    RSVP_CTYPE_IPV4)) == NULL)
			return true;
		o->u.resv_confirm.receiver = confirm_addr;
	}
	/* Unknown 11bbbbbb objects of the Resv go on (RFC 2205 3.10). */
	for (i = 0; i < first->rsb->nfwd; i++) {
		const struct fwd_obj *f = &first->rsb->fwd[i];

		if ((o = rsvp_msg_add(m, f->class_num, f->c_type)) == NULL)
			return true;
		o->kind = RSVP_OBJ_FORWARD;
		o->u.opaque = f->body;
	}
	if ((o = rsvp_msg_add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1)) == NULL)
		return true;
	o->u.style.options = first->rsb->style;
	/* SE: one FLOWSPEC shared by the filters (RFC 2205 3.1.4). */
	if (first->rsb->style == RSVP_STYLE_SE) {
		if ((o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC,
		    RSVP_CTYPE_INTSERV)) == NULL)
			return true;
		o->u.opaque = first->rsb->flowspec;
	}
	TAILQ_FOREACH(p, &s->psbs, entry) {
		if (!psb_reserved(p, phop))
			continue;
		if (first->rsb->style == RSVP_STYLE_FF) {
			if ((o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC,
			    RSVP_CTYPE_INTSERV)) == NULL)
				return true;
			o->u.opaque = p->rsb->flowspec;
		}
		if (resv_add_sender(e, m, p, out.src) < 0)
			return true;
	}
	engine_send_msg(e, m, &out);
	return true;
}

/* Keep the upstream Resv of 's' refreshed every R, jittered (RFC 2205 3.7). */
void
resv_upstream_arm(struct engine *e, struct session *s)
{
	if (etimer_armed(&s->resv_refresh))
		return;
	etimer_arm(e, &s->resv_refresh, engine_now(e) +
	    engine_jitter(e, e->env.refresh_ms));
}

/*
 * The FLOWSPEC the egress asks for: Controlled-Load with the sender's
 * TSpec (RFC 2210 3, RFC 2211).  Returns 0 or -1.
 */
static int
egress_flowspec(const struct rsvp_msg *path, struct rsvp_opaque *fs_r)
{
	const struct rsvp_obj *ts = rsvp_msg_find(path,
	    RSVP_CLASS_SENDER_TSPEC);
	struct is_flowspec f;
	struct is_err err;
	int n;

	if (ts == NULL)
		return -1;
	memset(&f, 0, sizeof(f));
	if (is_sender_tspec_decode(ts->u.opaque.data, ts->u.opaque.len,
	    &f.tspec, &err) < 0)
		return -1;
	f.service = IS_SVC_CONTROLLED_LOAD;
	n = is_flowspec_encode(&f, fs_r->data, sizeof(fs_r->data));
	if (n < 0)
		return -1;
	fs_r->len = (uint16_t)n;
	return 0;
}

/*
 * 'p' ends here (RFC 3209 4.1.1.1: the egress): reserve for it with
 * implicit null (penultimate hop popping, RFC 3032 2.1), FF or SE as its
 * SESSION_ATTRIBUTE asks (RFC 3209 4.7.1), an RRO when the Path had one,
 * and send the Resv upstream.
 */
void
psb_egress_reserve(struct engine *e, struct psb *p, const struct rsvp_msg *path)
{
	struct rsb *rsb = p->rsb;
	struct rsvp_opaque fs;

	if (egress_flowspec(path, &fs) < 0) {
		log_debug("engine: egress of tunnel %u: no usable TSpec",
		    p->session->tunnel_id);
		fs.len = 0;
	}
	if (rsb == NULL && (rsb = rsb_new(e, p)) == NULL)
		return;
	rsb->style = (p->sa_flags & RSVP_SA_F_SE_STYLE) ? RSVP_STYLE_SE :
	    RSVP_STYLE_FF;
	rsb->flowspec = fs;
	rsb->label = ENGINE_LABEL_IMPLICIT_NULL;
	if (rsvp_msg_find(path, RSVP_CLASS_RECORD_ROUTE) != NULL) {
		if (rsb->rro == NULL && (rsb->rro = calloc(1,
		    sizeof(*rsb->rro))) == NULL) {
			engine_count(e, ENGINE_C_NO_MEMORY);
			return;
		}
	} else {
		free(rsb->rro);
		rsb->rro = NULL;
	}
	rsb->refreshed_ms = engine_now(e);
	p->has_in_label = true;
	p->in_label = ENGINE_LABEL_IMPLICIT_NULL;
	p->state = LSP_EGRESS;
	resv_upstream_send(e, p->session, p->phop);
	resv_upstream_arm(e, p->session);
}
