/*
 * The receiver of the host API: path state for every LSP that ends here,
 * the Resv that answers it (RFC 3209 4.1 label, 4.4 RRO; FF or SE, RFC
 * 2205 3.1.4), its refresh, ResvTear, and what PathTear, path timeout,
 * ResvErr and ResvConf (3.1.9) do.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flowspec/units.h"
#include "host/api_local.h"
#include "lib/mpls.h"

int
rsvp_receiver_open(struct rsvp_host *h, const struct rsvp_receiver_params *p,
    const struct rsvp_receiver_cbs *cbs, void *arg, struct rsvp_receiver **r_r)
{
	struct rsvp_receiver *r;

	*r_r = NULL;
	if (h->receiver != NULL)
		return -EBUSY;
	if (p->service != IS_SVC_CONTROLLED_LOAD &&
	    p->service != IS_SVC_GUARANTEED)
		return -EINVAL;
	if (!p->php && (mpls_label_is_reserved(p->label) ||
	    p->label > MPLS_LABEL_MAX))
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return -ENOMEM;
	r->host = h;
	r->p = *p;
	if (cbs != NULL)
		r->cbs = *cbs;
	r->arg = arg;
	r->next_label = p->label;
	h->receiver = r;
	*r_r = r;
	return 0;
}

size_t
rsvp_receiver_count(const struct rsvp_receiver *r)
{
	return r->count;
}

/* The label for a new LSP: implicit null, or the next of our own. */
static uint32_t
receiver_label(struct rsvp_receiver *r)
{
	uint32_t label;

	if (r->p.php)
		return MPLS_LABEL_IMPLICIT_NULL;
	label = r->next_label;
	r->next_label = label == MPLS_LABEL_MAX ? r->p.label : label + 1;
	return label;
}

/* The FLOWSPEC body that answers 'rp' (RFC 2210 3; RFC 2211, 2212). */
static int
receiver_flowspec(const struct rsvp_receiver *r, const struct api_rxpath *rp,
    struct rsvp_obj *o)
{
	struct is_flowspec fs;
	float reserve;
	int n;

	memset(&fs, 0, sizeof(fs));
	fs.service = r->p.service;
	fs.tspec = rp->path.tspec;
	reserve = r->p.reserve_bits != 0 ?
	    units_bits_to_is_rate(r->p.reserve_bits) : fs.tspec.rate;
	if (fs.service == IS_SVC_GUARANTEED) {
		fs.rspec.rate = reserve;	/* R >= r (RFC 2212) */
		if (fs.rspec.rate < fs.tspec.rate)
			fs.rspec.rate = fs.tspec.rate;
	} else {
		fs.tspec.rate = reserve;
		if (!isinf(fs.tspec.peak) && fs.tspec.peak < reserve)
			fs.tspec.peak = reserve;
	}
	n = is_flowspec_encode(&fs, o->u.opaque.data, sizeof(o->u.opaque.data));
	if (n < 0)
		return -EMSGSIZE;
	o->u.opaque.len = (uint16_t)n;
	return 0;
}

/* <Common Header> <SESSION> <RSVP_HOP> (with the LIH the Path brought,
 * RFC 2205 A.2) ... of a Resv or ResvTear towards rp's previous hop. */
static void
receiver_head(struct api_session *sess, const struct api_rxpath *rp,
    struct rsvp_msg *m, uint8_t type)
{
	struct rsvp_obj *o;

	rsvp_msg_init(m, type);
	m->send_ttl = RSVP_API_SEND_TTL;
	o = rsvp_msg_add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp = sess->key;
	o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = rp->local;
	o->u.hop.lih = rp->phop_lih;
}

/* Add rp's FILTER_SPEC, and for a Resv its LABEL and, when the Path
 * recorded its route, an RRO that starts at us (RFC 3209 4.4.3), with our
 * label when the Path asked for label recording.  -ENOSPC when full. */
static int
receiver_add_filter(const struct api_rxpath *rp, struct rsvp_msg *m,
    bool resv)
{
	struct rsvp_obj *o;

	o = rsvp_msg_add(m, RSVP_CLASS_FILTER_SPEC, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	if (o == NULL)
		return -ENOSPC;
	o->u.filter_lsp = rp->path.sender;
	if (!resv)
		return 0;
	o = rsvp_msg_add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1);
	if (o == NULL)
		return -ENOSPC;
	o->u.label.label = rp->label;
	if (!rp->path.record_route)
		return 0;
	o = rsvp_msg_add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1);
	if (o == NULL)
		return -ENOSPC;
	o->u.route.nsub = 1;
	o->u.route.sub[0].type = RSVP_SUBOBJ_IPV4;
	o->u.route.sub[0].addr = rp->local;
	o->u.route.sub[0].prefix_len = 32;
	if (rp->label_recording) {
		o->u.route.nsub = 2;
		o->u.route.sub[1].type = RSVP_SUBOBJ_LABEL;
		o->u.route.sub[1].flags = RSVP_RRO_LABEL_F_GLOBAL;
		o->u.route.sub[1].label_ctype = RSVP_CTYPE_1;
		o->u.route.sub[1].label = rp->label;
	}
	return 0;
}

/* Resv and ResvTear go hop by hop to the previous hop, out of the
 * interface the Path came in on (RFC 2205 3.1.4). */
static void
receiver_out(const struct api_rxpath *rp, struct rsvp_pkt_out *out)
{
	memset(out, 0, sizeof(*out));
	out->src = rp->local;
	out->dst = rp->path.phop;
	out->ifindex = rp->ifindex;
	out->ttl = RSVP_API_SEND_TTL;
}

/* Whether the Resv for rp (FF) or rp's previous hop (SE) asks for a
 * confirmation: some LSP it lists waits for one. */
static bool
receiver_wants_confirm(const struct api_session *sess,
    const struct api_rxpath *rp)
{
	const struct api_rxpath *q;

	if (!sess->host->receiver->p.confirm)
		return false;
	if (sess->style == RSVP_STYLE_FF)
		return rp->confirm_pending;
	for (q = sess->rxpaths; q != NULL; q = q->next)
		if (q->path.phop.s_addr == rp->path.phop.s_addr &&
		    q->confirm_pending)
			return true;
	return false;
}

/*
 * Send a Resv (or ResvTear if !resv) for the LSPs of 'sess' that came from
 * rp's previous hop: FF, one message for rp alone; SE, one for all of them
 * sharing one FLOWSPEC (RFC 2205 3.1.4; RFC 3209 4.1.1.2: each FILTER_SPEC
 * followed by its LABEL).  A Resv asking for a confirmation carries
 * RESV_CONFIRM with our address.
 *   <Resv> ::= <Common Header> <SESSION> <RSVP_HOP> <TIME_VALUES>
 *       [<RESV_CONFIRM>] <STYLE> <flow descriptor list>
 *   <ResvTear> ::= <Common Header> <SESSION> <RSVP_HOP> <STYLE>
 *       <flow descriptor list>
 */
static void
receiver_send(struct api_session *sess, const struct api_rxpath *rp,
    bool resv)
{
	struct rsvp_host *h = sess->host;
	struct rsvp_msg *m = h->tx;
	const struct api_rxpath *q;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;

	receiver_head(sess, rp, m, resv ? RSVP_MSG_RESV : RSVP_MSG_RESVTEAR);
	if (resv) {
		o = rsvp_msg_add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1);
		o->u.time.refresh_ms = h->p.refresh_ms;
		if (receiver_wants_confirm(sess, rp)) {
			o = rsvp_msg_add(m, RSVP_CLASS_RESV_CONFIRM,
			    RSVP_CTYPE_IPV4);
			o->u.resv_confirm.receiver = rp->local;
		}
	}
	o = rsvp_msg_add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
	o->u.style.options = sess->style;
	o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV);
	if (receiver_flowspec(h->receiver, rp, o) != 0)
		goto fail;
	if (sess->style == RSVP_STYLE_FF) {
		if (receiver_add_filter(rp, m, resv) != 0)
			goto fail;
	} else {
		for (q = sess->rxpaths; q != NULL; q = q->next)
			if (q->path.phop.s_addr == rp->path.phop.s_addr &&
			    receiver_add_filter(q, m, resv) != 0)
				goto fail;
	}
	receiver_out(rp, &out);
	api_send_tx(h, &out);
	return;
fail:
	h->st.tx_err++;
}

/* Whether an SE Resv for rp's previous hop went out already, for an
 * earlier LSP of the list. */
static bool
receiver_phop_done(const struct api_session *sess, const struct api_rxpath *rp)
{
	const struct api_rxpath *q;

	if (sess->style == RSVP_STYLE_FF)
		return false;
	for (q = sess->rxpaths; q != rp; q = q->next)
		if (q->path.phop.s_addr == rp->path.phop.s_addr)
			return true;
	return false;
}

/* Send every Resv (or ResvTear) of 'sess'. */
static void
receiver_send_all(struct api_session *sess, bool resv)
{
	const struct api_rxpath *rp;

	for (rp = sess->rxpaths; rp != NULL; rp = rp->next)
		if (!receiver_phop_done(sess, rp))
			receiver_send(sess, rp, resv);
}

/* Send the Resvs of 'sess' now and again in about R. */
static void
receiver_refresh(struct api_session *sess)
{
	struct rsvp_host *h = sess->host;

	if (sess->rxpaths == NULL) {
		api_timer_stop(h, &sess->resv_refresh);
		return;
	}
	receiver_send_all(sess, true);
	api_timer_set(h, &sess->resv_refresh,
	    api_now(h) + api_refresh_delay(h));
}

void
api_receiver_on_refresh(struct api_timer *t)
{
	receiver_refresh(API_CONTAINER(t, struct api_session, resv_refresh));
}

/* Unlink 'rp' from its session, tell the receiver's owner, free it; the
 * session sends its updated Resvs (SE) or goes. */
static void
receiver_drop(struct api_rxpath *rp, bool torn)
{
	struct api_session *sess = rp->sess;
	struct rsvp_host *h = sess->host;
	struct rsvp_receiver *r = h->receiver;
	struct api_rxpath **pp;

	api_timer_stop(h, &rp->expire);
	for (pp = &sess->rxpaths; *pp != rp; pp = &(*pp)->next)
		;
	*pp = rp->next;
	r->count--;
	/* The callback may close the receiver: keep the session. */
	sess->hold++;
	if (r->cbs.path_gone != NULL)
		r->cbs.path_gone(r->arg, r, &rp->path, torn);
	sess->hold--;
	free(rp);
	if (h->receiver != NULL && sess->style == RSVP_STYLE_SE &&
	    sess->rxpaths != NULL)
		receiver_refresh(sess);
	api_session_put(sess);
}

static void
receiver_on_expire(struct api_timer *t)
{
	struct api_rxpath *rp = API_CONTAINER(t, struct api_rxpath, expire);

	rp->sess->host->st.path_timeouts++;
	receiver_drop(rp, false);
}

static struct api_rxpath *
rxpath_find(struct api_session *sess, const struct rsvp_filter_lsp *f)
{
	struct api_rxpath *rp;

	if (sess == NULL)
		return NULL;
	for (rp = sess->rxpaths; rp != NULL; rp = rp->next)
		if (rp->path.sender.sender.s_addr == f->sender.s_addr &&
		    rp->path.sender.lsp_id == f->lsp_id)
			return rp;
	return NULL;
}

/* Copy what a Path says of its LSP into 'rp'; true if what our Resv
 * carries changed (previous hop, LIH, interface, RRO wish). */
static bool
receiver_take_path(struct api_rxpath *rp, const struct rsvp_msg *m,
    const struct rsvp_sender_desc *sd, const struct rsvp_pkt_in *pkt,
    struct in_addr local, const struct is_tspec *tspec)
{
	const struct rsvp_obj *hop = rsvp_msg_find(m, RSVP_CLASS_RSVP_HOP);
	const struct rsvp_obj *sa;
	struct rsvp_receiver_path *p = &rp->path;
	struct in_addr old_phop = p->phop;
	uint32_t old_lih = rp->phop_lih;
	unsigned old_ifindex = rp->ifindex;
	bool old_rr = p->record_route, old_lr = rp->label_recording;

	p->phop = hop->u.hop.addr;
	rp->phop_lih = hop->u.hop.lih;
	rp->ifindex = pkt->ifindex;
	rp->local = local;
	p->tspec = *tspec;
	sa = rsvp_msg_find(m, RSVP_CLASS_SESSION_ATTRIBUTE);
	p->name[0] = '\0';
	rp->label_recording = false;
	if (sa != NULL) {
		memcpy(p->name, sa->u.session_attr.name,
		    sizeof(sa->u.session_attr.name));
		rp->label_recording = (sa->u.session_attr.flags &
		    RSVP_SA_F_LABEL_RECORDING) != 0;
	}
	p->record_route = sd->rro >= 0;
	p->n_rro = p->record_route ?
	    api_rro_hops(&m->objs[sd->rro].u.route, p->rro) : 0;
	return old_phop.s_addr != p->phop.s_addr || old_lih != rp->phop_lih ||
	    old_ifindex != rp->ifindex || old_rr != p->record_route ||
	    old_lr != rp->label_recording;
}

/*
 * Refuse a Path whose SENDER_TSPEC we cannot read or that breaks the
 * TSpec rules: PathErr Traffic Control Error / Bad Tspec (RFC 2205 App. B,
 * code 21 value 4) to its previous hop, with its sender descriptor.
 *   <PathErr> ::= <Common Header> <SESSION> <ERROR_SPEC>
 *       <sender descriptor>   (RFC 2205 3.1.5)
 */
static void
receiver_path_err(struct rsvp_host *h, const struct rsvp_msg *m,
    const struct rsvp_sender_desc *sd, const struct rsvp_pkt_in *pkt,
    struct in_addr local, uint16_t value)
{
	struct rsvp_msg *e = h->tx;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;

	rsvp_msg_init(e, RSVP_MSG_PATHERR);
	e->send_ttl = RSVP_API_SEND_TTL;
	*rsvp_msg_add(e, RSVP_CLASS_SESSION, 0) =
	    *rsvp_msg_find(m, RSVP_CLASS_SESSION);
	o = rsvp_msg_add(e, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
	o->u.error_spec.node = local;
	o->u.error_spec.code = RSVP_ERR_TRAFFIC_CONTROL;
	o->u.error_spec.value = value;
	*rsvp_msg_add(e, RSVP_CLASS_SENDER_TEMPLATE, 0) = m->objs[sd->tmpl];
	*rsvp_msg_add(e, RSVP_CLASS_SENDER_TSPEC, 0) = m->objs[sd->tspec];
	memset(&out, 0, sizeof(out));
	out.src = local;
	out.dst = rsvp_msg_find(m, RSVP_CLASS_RSVP_HOP)->u.hop.addr;
	out.ifindex = pkt->ifindex;
	out.ttl = RSVP_API_SEND_TTL;
	h->st.path_err_sent++;
	api_send_tx(h, &out);
}

/* The style of a session's first LSP: ours, or what it asks for. */
static uint32_t
receiver_style(const struct rsvp_receiver *r, const struct rsvp_msg *m)
{
	const struct rsvp_obj *sa;

	if (r->p.style == RSVP_API_STYLE_FF)
		return RSVP_STYLE_FF;
	if (r->p.style == RSVP_API_STYLE_SE)
		return RSVP_STYLE_SE;
	/* RFC 3209 4.7.1: "SE Style desired". */
	sa = rsvp_msg_find(m, RSVP_CLASS_SESSION_ATTRIBUTE);
	return sa != NULL && (sa->u.session_attr.flags & RSVP_SA_F_SE_STYLE) ?
	    RSVP_STYLE_SE : RSVP_STYLE_FF;
}

void
api_receiver_path(struct rsvp_host *h, const struct rsvp_msg *m,
    const struct rsvp_pkt_in *pkt)
{
	const struct rsvp_obj *so = rsvp_msg_find(m, RSVP_CLASS_SESSION);
	const struct rsvp_obj *tv = rsvp_msg_find(m, RSVP_CLASS_TIME_VALUES);
	struct rsvp_receiver *r = h->receiver;
	const struct rsvp_filter_lsp *f;
	struct rsvp_sender_desc sd;
	struct api_session *sess;
	struct api_rxpath *rp;
	struct in_addr local;
	struct is_tspec tspec;
	struct is_err ierr;
	const struct rsvp_obj *t;
	bool fresh = false, changed;

	if (r == NULL || (r->p.endpoint.s_addr != INADDR_ANY &&
	    r->p.endpoint.s_addr != so->u.session_lsp.endpoint.s_addr) ||
	    rsvp_path_sender(m, &sd) != 1 || sd.tspec < 0) {
		h->st.rx_unknown_session++;
		return;
	}
	/* rsvp_decode: an LSP_TUNNEL SESSION has an LSP_TUNNEL template. */
	f = &m->objs[sd.tmpl].u.filter_lsp;
	local = h->p.addr.s_addr != INADDR_ANY ? h->p.addr : pkt->dst;
	t = &m->objs[sd.tspec];
	if (is_sender_tspec_decode(t->u.opaque.data, t->u.opaque.len, &tspec,
	    &ierr) != 0 || is_tspec_check(&tspec) != IS_OK) {
		receiver_path_err(h, m, &sd, pkt, local, IS_TC_BAD_TSPEC);
		return;
	}
	if ((sess = api_session_get(h, &so->u.session_lsp)) == NULL)
		return;
	rp = rxpath_find(sess, f);
	if (rp == NULL) {
		rp = calloc(1, sizeof(*rp));
		if (rp == NULL) {
			api_session_put(sess);
			return;
		}
		rp->sess = sess;
		rp->path.session = so->u.session_lsp;
		rp->path.sender = *f;
		rp->expire.slot = API_TIMER_IDLE;
		rp->expire.fire = receiver_on_expire;
		rp->label = receiver_label(r);
		if (sess->rxpaths == NULL)
			sess->style = receiver_style(r, m);
		rp->next = sess->rxpaths;
		sess->rxpaths = rp;
		r->count++;
		fresh = true;
	}
	changed = receiver_take_path(rp, m, &sd, pkt, local, &tspec);
	api_timer_set(h, &rp->expire,
	    api_now(h) + api_lifetime(h, tv->u.time.refresh_ms));
	if (!fresh && !changed)
		return;
	rp->confirm_pending = r->p.confirm;
	/* Answer at once; the session's refresh goes on as it was. */
	receiver_send(sess, rp, true);
	if (sess->resv_refresh.slot == API_TIMER_IDLE)
		api_timer_set(h, &sess->resv_refresh,
		    api_now(h) + api_refresh_delay(h));
	if (fresh && r->cbs.path != NULL)
		r->cbs.path(r->arg, r, &rp->path, rp->label);
}

/* The receiver's session of a message, or NULL (counted). */
static struct api_session *
receiver_msg_session(struct rsvp_host *h, const struct rsvp_msg *m)
{
	const struct rsvp_obj *so = rsvp_msg_find(m, RSVP_CLASS_SESSION);
	struct api_session *sess = api_session_find(h, &so->u.session_lsp);

	if (h->receiver == NULL || sess == NULL || sess->rxpaths == NULL) {
		h->st.rx_unknown_session++;
		return NULL;
	}
	return sess;
}

/* PathTear: the LSP went upstream; its path state goes at once (RFC 2205
 * 3.1.5), and with it our reservation: no ResvTear is needed. */
void
api_receiver_pathtear(struct rsvp_host *h, const struct rsvp_msg *m)
{
	struct api_session *sess = receiver_msg_session(h, m);
	struct rsvp_sender_desc sd;
	struct api_rxpath *rp;

	if (sess == NULL)
		return;
	if (rsvp_path_sender(m, &sd) != 1 || sd.tmpl < 0 ||
	    m->objs[sd.tmpl].c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4 ||
	    (rp = rxpath_find(sess, &m->objs[sd.tmpl].u.filter_lsp)) == NULL) {
		h->st.rx_unknown_session++;
		return;
	}
	receiver_drop(rp, true);
}

/* ResvErr: tell the owner about each LSP of ours it names (RFC 2205
 * 3.1.5); a router gave up our reservation, our refreshes may restore
 * it. */
void
api_receiver_resverr(struct rsvp_host *h, const struct rsvp_msg *m)
{
	const struct rsvp_obj *es = rsvp_msg_find(m, RSVP_CLASS_ERROR_SPEC);
	struct api_session *sess = receiver_msg_session(h, m);
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	const struct rsvp_obj *f;
	struct rsvp_receiver *r;
	struct api_rxpath *rp;
	size_t n, i;

	if (sess == NULL || rsvp_resv_flows(m, fd, RSVP_DESC_MAX, &n) != 0)
		return;
	for (i = 0; i < n; i++) {
		if (fd[i].filter < 0)
			continue;
		f = &m->objs[fd[i].filter];
		/* Looked up again each time: a callback may close. */
		r = h->receiver;
		sess = api_session_find(h,
		    &rsvp_msg_find(m, RSVP_CLASS_SESSION)->u.session_lsp);
		if (r == NULL || sess == NULL ||
		    f->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4 ||
		    (rp = rxpath_find(sess, &f->u.filter_lsp)) == NULL)
			continue;
		if (r->cbs.resv_err != NULL)
			r->cbs.resv_err(r->arg, r, &rp->path,
			    &es->u.error_spec);
	}
}

/*
 * ResvConf (RFC 2205 3.1.9): each LSP of ours in its flow descriptor list
 * that waited for a confirmation has it; its Resv stops asking.
 */
void
api_receiver_resvconf(struct rsvp_host *h, const struct rsvp_msg *m)
{
	const struct rsvp_obj *es = rsvp_msg_find(m, RSVP_CLASS_ERROR_SPEC);
	const struct rsvp_obj *so = rsvp_msg_find(m, RSVP_CLASS_SESSION);
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	struct api_session *sess = receiver_msg_session(h, m);
	const struct rsvp_obj *f;
	struct rsvp_receiver *r;
	struct api_rxpath *rp;
	size_t n, i;

	if (sess == NULL || rsvp_resv_flows(m, fd, RSVP_DESC_MAX, &n) != 0)
		return;
	h->st.resvconf_rx++;
	for (i = 0; i < n; i++) {
		if (fd[i].filter < 0)
			continue;
		f = &m->objs[fd[i].filter];
		/* Looked up again each time: a callback may close. */
		r = h->receiver;
		sess = api_session_find(h, &so->u.session_lsp);
		if (r == NULL || sess == NULL ||
		    f->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4 ||
		    (rp = rxpath_find(sess, &f->u.filter_lsp)) == NULL ||
		    !rp->confirm_pending)
			continue;
		rp->confirm_pending = false;
		if (r->cbs.confirmed != NULL)
			r->cbs.confirmed(r->arg, r, &rp->path,
			    es->u.error_spec.node);
	}
}

void
rsvp_receiver_close(struct rsvp_receiver *r)
{
	struct rsvp_host *h;
	struct api_session *sess, *next;
	struct api_rxpath *rp;
	size_t i;

	if (r == NULL)
		return;
	h = r->host;
	for (i = 0; i < h->nbuckets; i++) {
		for (sess = h->buckets[i]; sess != NULL; sess = next) {
			next = sess->hnext;
			if (sess->rxpaths == NULL)
				continue;
			/* RFC 2205 3.1.6: ResvTear towards each previous hop. */
			receiver_send_all(sess, false);
			while ((rp = sess->rxpaths) != NULL) {
				sess->rxpaths = rp->next;
				api_timer_stop(h, &rp->expire);
				free(rp);
			}
			api_timer_stop(h, &sess->resv_refresh);
			api_session_put(sess);
		}
	}
	h->receiver = NULL;
	free(r);
	api_rearm(h);
}
