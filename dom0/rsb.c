/*
 * Reservation state (RFC 2205 3.2 RSB) learned from Resv messages of the
 * next hop, with the downstream label of each sender (RFC 3209 4.1):
 * Resv, ResvTear and ResvErr processing (ResvConf: rsb_conf.c).  Ordered
 * control (RFC 3031 3.19, seed 003): our label goes upstream only once the
 * downstream label has arrived and the LSP is programmed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/engine_local.h"
#include "lib/log.h"
#include "lib/mpls.h"

static void
rsb_cleanup_cb(struct engine *e, struct etimer *t)
{
	struct rsb *rsb = ENGINE_CONTAINER(t, struct rsb, cleanup);

	engine_count(e, ENGINE_C_RESV_TIMEOUT);
	log_info("engine: reservation of tunnel %u lsp %u (%s) expired",
	    rsb->psb->session->tunnel_id, rsb->psb->lsp_id, rsb->psb->name);
	rsb_delete(e, rsb->psb, true);
}

/*
 * Send a ResvTear for 'p' to its previous hop (RFC 2205 3.1.8): SESSION,
 * our RSVP_HOP, STYLE and the flow descriptor of 'p'.
 */
static void
rsb_send_tear(struct engine *e, struct psb *p)
{
	struct rsvp_msg *m = e->out;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;

	memset(&out, 0, sizeof(out));
	(void)e->env.if_addr(e->env.arg, p->in_ifindex, &out.src);
	out.dst = p->phop;
	out.ifindex = p->in_ifindex;
	out.ttl = ENGINE_RESV_TTL;
	rsvp_msg_init(m, RSVP_MSG_RESVTEAR);
	m->send_ttl = out.ttl;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_SESSION,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return;
	session_key(p->session, &o->u.session_lsp);
	if ((o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4)) == NULL)
		return;
	o->u.hop.addr = out.src;
	o->u.hop.lih = p->in_ifindex;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1)) == NULL)
		return;
	o->u.style.options = p->rsb->style;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC,
	    RSVP_CTYPE_INTSERV)) == NULL)
		return;
	o->u.opaque = p->rsb->flowspec;
	if ((o = rsvp_msg_add(m, RSVP_CLASS_FILTER_SPEC,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4)) == NULL)
		return;
	o->u.filter_lsp.sender = p->sender;
	o->u.filter_lsp.lsp_id = p->lsp_id;
	engine_send_msg(e, m, &out);
}

/*
 * Remove the reservation of 'p' with its LSP and our label; with
 * 'send_tear', send a ResvTear upstream for it first.
 */
void
rsb_delete(struct engine *e, struct psb *p, bool send_tear)
{
	struct rsb *rsb = p->rsb;

	if (rsb == NULL)
		return;
	if (send_tear && p->has_in_label &&
	    (p->state == LSP_UP || p->state == LSP_EGRESS))
		rsb_send_tear(e, p);
	etimer_stop(e, &rsb->cleanup);
	lsp_unprogram(e, p);
	lsp_release_label(e, p);
	p->state = LSP_WAIT_RESV;
	free(rsb->rro);
	free(rsb->fwd);
	free(rsb);
	p->rsb = NULL;
}

/* An RSB for 'p', new and empty, or NULL on ENOMEM. */
struct rsb *
rsb_new(struct engine *e, struct psb *p)
{
	struct rsb *rsb = calloc(1, sizeof(*rsb));

	if (rsb == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return NULL;
	}
	rsb->psb = p;
	rsb->created_ms = engine_now(e);
	etimer_init(&rsb->cleanup, rsb_cleanup_cb);
	p->rsb = rsb;
	return rsb;
}

/* Can a downstream node ask us to send 'label' (RFC 3032 2.1)? */
static bool
label_usable(uint32_t label)
{
	if (label > MPLS_LABEL_MAX)
		return false;
	return label == 0 || label == ENGINE_LABEL_IMPLICIT_NULL ||
	    label >= 16;
}

/* Keep the 11bbbbbb objects of 'msg' to send on upstream (RFC 2205 3.10). */
static int
rsb_keep_forward(struct engine *e, struct rsb *rsb, const struct rsvp_msg *msg)
{
	struct fwd_obj *f = NULL;
	uint16_t i, n = 0;

	for (i = 0; i < msg->nobjs; i++)
		if (msg->objs[i].kind == RSVP_OBJ_FORWARD)
			n++;
	if (n > ENGINE_FWD_MAX)
		n = ENGINE_FWD_MAX;
	if (n > 0 && (f = calloc(n, sizeof(*f))) == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return -1;
	}
	n = 0;
	for (i = 0; i < msg->nobjs && f != NULL && n < ENGINE_FWD_MAX; i++) {
		const struct rsvp_obj *o = &msg->objs[i];

		if (o->kind != RSVP_OBJ_FORWARD)
			continue;
		f[n].class_num = o->class_num;
		f[n].c_type = o->c_type;
		f[n].body = o->u.opaque;
		n++;
	}
	free(rsb->fwd);
	rsb->fwd = f;
	rsb->nfwd = n;
	return 0;
}

/* Keep the RECORD_ROUTE of a flow descriptor (NULL: none). */
static bool
rsb_keep_rro(struct engine *e, struct rsb *rsb, const struct rsvp_route *rro)
{
	bool changed;

	if (rro == NULL) {
		changed = rsb->rro != NULL;
		free(rsb->rro);
		rsb->rro = NULL;
		return changed;
	}
	if (rsb->rro == NULL && (rsb->rro = malloc(sizeof(*rro))) == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return false;
	}
	changed = rsb->rro->nsub != rro->nsub ||
	    memcmp(rsb->rro->sub, rro->sub, rro->nsub * sizeof(rro->sub[0])) ||
	    rsb->rro->raw_used != rro->raw_used ||
	    memcmp(rsb->rro->raw, rro->raw, rro->raw_used);
	*rsb->rro = *rro;
	return changed;
}

/*
 * The flows refused the reservation of 'p' (RFC 2205 3.5, admission
 * control): a ResvErr with their ERROR_SPEC goes back to the next hop, a
 * PathErr to the sender (lsp_flow_refused) and no Resv upstream.  A new reservation is dropped with our label
 * (with a ResvTear when 'was_up': the label had gone upstream for a flow
 * the flows no longer have); a changed one keeps its old FLOWSPEC
 * 'old_fs', which stays in place.  Returns 0 for a change (nothing
 * upstream changed) or -1.
 */
static int
resv_refused(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg, const struct rsvp_flow_desc *fd,
    struct psb *p, const struct rsvp_opaque *old_fs, bool was_up,
    const struct flow_err *ferr)
{
	engine_count(e, ENGINE_C_ADMISSION);
	rsb_send_resverr(e, pkt, msg, fd, ferr->code, ferr->value);
	lsp_flow_refused(e, p, ferr);
	if (p->flow) {
		p->rsb->flowspec = *old_fs;
		return 0;
	}
	/* Our label went upstream with a flow now gone: tell upstream. */
	if (was_up)
		rsb_send_tear(e, p);
	rsb_delete(e, p, false);
	return -1;
}

/*
 * Apply one flow descriptor 'fd' of the Resv 'msg' to the sender 'p';
 * 'confirm': its RESV_CONFIRM goes on upstream.  Returns 1 when what we
 * send upstream changed, 0 when not, -1 when the descriptor was refused
 * (counted and answered).
 */
static int
resv_apply(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg, const struct rsvp_flow_desc *fd,
    struct psb *p, uint32_t style, bool confirm)
{
	const struct rsvp_obj *hop, *tv, *rc;
	const struct rsvp_opaque *fs;
	struct rsvp_opaque old_fs;
	struct flow_err ferr;
	struct rsb *rsb = p->rsb;
	uint32_t label;
	bool changed = false, was_up;
	int r;

	if (fd->label < 0) {
		engine_count(e, ENGINE_C_NO_LABEL);
		return -1;
	}
	label = msg->objs[fd->label].u.label.label;
	if (!label_usable(label)) {
		engine_count(e, ENGINE_C_BAD_LABEL);
		rsb_send_resverr(e, pkt, msg, fd, RSVP_ERR_ROUTING,
		    RSVP_ERRV_RT_BAD_LABEL);
		return -1;
	}
	hop = rsvp_msg_find(msg, RSVP_CLASS_RSVP_HOP);
	tv = rsvp_msg_find(msg, RSVP_CLASS_TIME_VALUES);
	rc = rsvp_msg_find(msg, RSVP_CLASS_RESV_CONFIRM);
	fs = fd->flowspec >= 0 ? &msg->objs[fd->flowspec].u.opaque : NULL;
	if (rsb == NULL) {
		if ((rsb = rsb_new(e, p)) == NULL)
			return -1;
		changed = true;
	}
	if (rsb->label != label || rsb->style != style ||
	    rsb->nhop.s_addr != hop->u.hop.addr.s_addr)
		changed = true;
	if (changed && e->env.nbr_add != NULL)
		(void)e->env.nbr_add(e->env.nbr_arg, hop->u.hop.addr,
		    pkt->ifindex);
	rsb->nhop = hop->u.hop.addr;
	rsb->nhop_lih = hop->u.hop.lih;
	rsb->style = style;
	rsb->label = label;
	old_fs = rsb->flowspec;
	if (fs != NULL && (fs->len != rsb->flowspec.len ||
	    memcmp(fs->data, rsb->flowspec.data, fs->len) != 0)) {
		rsb->flowspec = *fs;
		changed = true;
	}
	rsb->confirm = rc != NULL && confirm;
	if (rsb->confirm)
		rsb->confirm_addr = rc->u.resv_confirm.receiver;
	if (rsb_keep_rro(e, rsb, fd->rro >= 0 ?
	    &msg->objs[fd->rro].u.route : NULL))
		changed = true;
	(void)rsb_keep_forward(e, rsb, msg);
	rsb->refresh_ms = tv->u.time.refresh_ms;
	rsb->refreshed_ms = engine_now(e);
	etimer_arm(e, &rsb->cleanup, rsb->refreshed_ms +
	    engine_lifetime(e, rsb->refresh_ms));
	if (!p->has_in_label) {
		r = lsp_label_take(e, p);
		if (r < 0) {
			engine_count(e, ENGINE_C_LABEL_ALLOC);
			rsb_send_resverr(e, pkt, msg, fd, RSVP_ERR_ROUTING,
			    RSVP_ERRV_RT_LABEL_ALLOC);
			return -1;
		}
		p->has_in_label = true;
		changed = true;
	}
	if (changed || p->state != LSP_UP) {
		was_up = p->state == LSP_UP;
		if (lsp_program(e, p, &ferr) < 0)
			return resv_refused(e, pkt, msg, fd, p, &old_fs,
			    was_up, &ferr);
		if (p->state != LSP_UP)
			return 0;
		changed = true;
	}
	return changed ? 1 : 0;
}

/* The session a Resv-type message names, counted when unknown. */
static struct session *
session_of_msg(struct engine *e, const struct rsvp_msg *msg)
{
	const struct rsvp_obj *so = rsvp_msg_find(msg, RSVP_CLASS_SESSION);
	struct session *s;

	if (so == NULL || so->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4) {
		engine_count(e, ENGINE_C_NOT_LSP_TUNNEL);
		return NULL;
	}
	s = session_find(e, &so->u.session_lsp);
	if (s == NULL)
		engine_count(e, ENGINE_C_UNKNOWN_SESSION);
	return s;
}

/* The PSB a flow descriptor's FILTER_SPEC names, or NULL. */
static struct psb *
psb_of_filter(struct session *s, const struct rsvp_msg *msg,
    const struct rsvp_flow_desc *fd)
{
	const struct rsvp_obj *f;

	if (fd->filter < 0)
		return NULL;
	f = &msg->objs[fd->filter];
	if (f->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4)
		return NULL;
	return psb_find(s, f->u.filter_lsp.sender, f->u.filter_lsp.lsp_id);
}

/* Does another sender of 's' hold a reservation of another style? */
static bool
style_conflict(const struct session *s, uint32_t style)
{
	const struct psb *p;

	TAILQ_FOREACH(p, &s->psbs, entry)
		if (p->rsb != NULL && !p->egress && p->rsb->style != style)
			return true;
	return false;
}

/*
 * A Resv from a next hop (RFC 2205 3.1.4, RFC 3209 4.1.1): each flow
 * descriptor makes or refreshes the reservation of its sender; a new or
 * changed downstream label allocates ours, programs the LSP, and then
 * (ordered control) sends our label upstream.  A RESV_CONFIRM goes on
 * upstream with the reservations it asks for, except for those already
 * in place upstream and not larger, which we confirm ourselves (RFC 2205
 * 2.6).
 */
void
engine_resv(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX], conf[RSVP_DESC_MAX];
	struct in_addr up[RSVP_DESC_MAX], me;
	const struct rsvp_obj *st, *hop, *rc;
	struct session *s;
	size_t n, i, j, nup = 0, nconf = 0;
	uint32_t style;
	bool merged;
	int r;

	if ((s = session_of_msg(e, msg)) == NULL) {
		rsb_send_resverr(e, pkt, msg, NULL, RSVP_ERR_NO_PATH, 0);
		return;
	}
	hop = rsvp_msg_find(msg, RSVP_CLASS_RSVP_HOP);
	if (e->env.is_local(e->env.arg, hop->u.hop.addr)) {
		engine_count(e, ENGINE_C_FROM_SELF);
		return;
	}
	st = rsvp_msg_find(msg, RSVP_CLASS_STYLE);
	style = st->u.style.options & RSVP_STYLE_MASK;
	if (style != RSVP_STYLE_FF && style != RSVP_STYLE_SE) {
		/* RFC 3209 4.1: LSP tunnels reserve with FF or SE only. */
		engine_count(e, ENGINE_C_STYLE_CONFLICT);
		rsb_send_resverr(e, pkt, msg, NULL, RSVP_ERR_UNKNOWN_STYLE, 0);
		return;
	}
	if (style_conflict(s, style)) {
		engine_count(e, ENGINE_C_STYLE_CONFLICT);
		rsb_send_resverr(e, pkt, msg, NULL, RSVP_ERR_CONFLICT_STYLE, 0);
		return;
	}
	if (rsvp_resv_flows(msg, fd, RSVP_DESC_MAX, &n) < 0)
		return;		/* rsvp_validate() refused these */
	rc = rsvp_msg_find(msg, RSVP_CLASS_RESV_CONFIRM);
	me.s_addr = INADDR_ANY;
	for (i = 0; i < n; i++) {
		struct psb *p = psb_of_filter(s, msg, &fd[i]);

		if (p == NULL) {
			engine_count(e, ENGINE_C_UNKNOWN_SENDER);
			rsb_send_resverr(e, pkt, msg, &fd[i],
			    RSVP_ERR_NO_SENDER, 0);
			continue;
		}
		if (p->egress || pkt->ifindex != p->out_ifindex) {
			engine_count(e, ENGINE_C_WRONG_NHOP);
			continue;
		}
		merged = rc != NULL && rsb_in_place(s, p, style,
		    fd[i].flowspec >= 0 ? &msg->objs[fd[i].flowspec].u.opaque :
		    NULL);
		r = resv_apply(e, pkt, msg, &fd[i], p, style, !merged);
		if (r >= 0 && merged) {
			if (nconf == 0)
				me = p->out_addr;
			conf[nconf++] = fd[i];
		}
		if (r != 1)
			continue;
		for (j = 0; j < nup; j++)
			if (up[j].s_addr == p->phop.s_addr)
				break;
		if (j == nup)
			up[nup++] = p->phop;
	}
	for (j = 0; j < nup; j++)
		resv_upstream_send(e, s, up[j]);
	if (nup > 0)
		resv_upstream_arm(e, s);
	if (nconf > 0)
		rsb_send_resvconf(e, msg, conf, nconf, me);
}

/*
 * A ResvTear from the next hop (RFC 2205 3.1.8): the named reservations
 * go, with their LSPs and labels, and the tear goes on upstream.
 */
void
engine_resvtear(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	struct session *s;
	size_t n, i;

	if ((s = session_of_msg(e, msg)) == NULL)
		return;
	if (rsvp_resv_flows(msg, fd, RSVP_DESC_MAX, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		struct psb *p = psb_of_filter(s, msg, &fd[i]);

		if (p == NULL || p->rsb == NULL) {
			engine_count(e, ENGINE_C_UNKNOWN_SENDER);
			continue;
		}
		if (pkt->ifindex != p->out_ifindex) {
			engine_count(e, ENGINE_C_WRONG_NHOP);
			continue;
		}
		rsb_delete(e, p, true);
	}
}

/*
 * A ResvErr from the previous hop (RFC 2205 3.1.7): sent on to the next
 * hop of each reservation it names, with our RSVP_HOP.
 */
void
engine_resverr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	struct in_addr sent[RSVP_DESC_MAX];
	struct rsvp_msg *m = e->out;
	struct rsvp_pkt_out out;
	struct session *s;
	size_t n, i, j, nsent = 0;
	uint16_t k;

	if ((s = session_of_msg(e, msg)) == NULL)
		return;
	if (rsvp_resv_flows(msg, fd, RSVP_DESC_MAX, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		struct psb *p = psb_of_filter(s, msg, &fd[i]);

		if (p == NULL || p->rsb == NULL || p->egress) {
			engine_count(e, ENGINE_C_NOT_OURS);
			continue;
		}
		if (pkt->ifindex != p->in_ifindex) {
			engine_count(e, ENGINE_C_WRONG_PHOP);
			continue;
		}
		for (j = 0; j < nsent; j++)
			if (sent[j].s_addr == p->rsb->nhop.s_addr)
				break;
		if (j < nsent)
			continue;
		sent[nsent++] = p->rsb->nhop;
		*m = *msg;
		for (k = 0; k < m->nobjs; k++) {
			if (m->objs[k].class_num == RSVP_CLASS_RSVP_HOP) {
				m->objs[k].u.hop.addr = p->out_addr;
				m->objs[k].u.hop.lih = p->out_ifindex;
			}
		}
		memset(&out, 0, sizeof(out));
		out.src = p->out_addr;
		out.dst = p->rsb->nhop;
		out.ifindex = p->out_ifindex;
		out.ttl = ENGINE_RESV_TTL;
		m->send_ttl = out.ttl;
		engine_send_msg(e, m, &out);
	}
}
