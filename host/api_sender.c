/*
 * Sender sessions of the host API: the Path an ingress sends (RFC 3209
 * 4.3 grammar), its refresh and PathTear, and what comes back for it:
 * Resv (label, RFC 3209 4.1; recorded route, 4.4), ResvTear and PathErr,
 * and the ResvConf that answers a Resv asking for one (RFC 2205 3.1.9).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "host/api_local.h"

_Static_assert(RSVP_MAX_OBJECTS >= 10, "a Path has up to 10 objects");

/* The SESSION of 'p' sent from 'h'. */
static void
sender_key(const struct rsvp_host *h, const struct rsvp_sender_params *p,
    struct rsvp_session_lsp *key)
{
	memset(key, 0, sizeof(*key));
	key->endpoint = p->dst;
	key->tunnel_id = p->tunnel_id;
	key->ext_tunnel_id = p->ext_tunnel_id.s_addr != INADDR_ANY ?
	    p->ext_tunnel_id : h->p.addr;
}

/* SESSION, RSVP_HOP: what Path and PathTear start with. */
static void
sender_add_head(struct rsvp_host *h, const struct rsvp_sender *s,
    struct rsvp_msg *m)
{
	struct rsvp_obj *o;

	o = rsvp_msg_add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp = s->sess->key;
	o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = h->p.addr;
	o->u.hop.lih = s->p.ifindex;
}

/* SENDER_TEMPLATE, SENDER_TSPEC: the sender descriptor (RFC 3209 4.6.2). */
static int
sender_add_descriptor(struct rsvp_host *h, const struct rsvp_sender *s,
    struct rsvp_msg *m)
{
	struct rsvp_obj *o;
	int n;

	o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TEMPLATE,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = h->p.addr;
	o->u.filter_lsp.lsp_id = s->p.lsp_id;
	o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV);
	n = is_sender_tspec_encode(&s->p.tspec, o->u.opaque.data,
	    sizeof(o->u.opaque.data));
	if (n < 0)
		return -EMSGSIZE;
	o->u.opaque.len = (uint16_t)n;
	return 0;
}

/*
 * <Path Message> ::= <Common Header> <SESSION> <RSVP_HOP> <TIME_VALUES>
 *     [<EXPLICIT_ROUTE>] <LABEL_REQUEST> [<SESSION_ATTRIBUTE>]
 *     <SENDER_TEMPLATE> <SENDER_TSPEC> [<RECORD_ROUTE>]   (RFC 3209 4.3)
 * encoded into s->path, once.
 */
static int
sender_build_path(struct rsvp_host *h, struct rsvp_sender *s)
{
	struct rsvp_msg *m = h->tx;
	struct rsvp_session_attr *sa;
	struct rsvp_route *rt;
	struct rsvp_obj *o;
	ssize_t n;
	size_t i;
	int rc;

	rsvp_msg_init(m, RSVP_MSG_PATH);
	m->send_ttl = RSVP_API_SEND_TTL;
	sender_add_head(h, s, m);
	o = rsvp_msg_add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1);
	o->u.time.refresh_ms = h->p.refresh_ms;
	if (s->p.n_ero > 0) {
		o = rsvp_msg_add(m, RSVP_CLASS_EXPLICIT_ROUTE, RSVP_CTYPE_1);
		rt = &o->u.route;
		for (i = 0; i < s->p.n_ero; i++) {
			rt->sub[i].type = RSVP_SUBOBJ_IPV4;
			rt->sub[i].addr = s->p.ero[i].addr;
			rt->sub[i].prefix_len = s->p.ero[i].prefix_len;
			rt->sub[i].loose = s->p.ero[i].loose;
		}
		rt->nsub = (uint16_t)s->p.n_ero;
	}
	o = rsvp_msg_add(m, RSVP_CLASS_LABEL_REQUEST, RSVP_CTYPE_1);
	o->u.label_request.l3pid = s->p.l3pid;
	if (s->p.name != NULL || s->p.se_style || s->p.record_route) {
		o = rsvp_msg_add(m, RSVP_CLASS_SESSION_ATTRIBUTE,
		    RSVP_CTYPE_SA_LSP_TUNNEL);
		sa = &o->u.session_attr;
		sa->setup_prio = s->p.setup_prio;
		sa->hold_prio = s->p.hold_prio;
		sa->flags = (s->p.se_style ? RSVP_SA_F_SE_STYLE : 0) |
		    (s->p.record_route ? RSVP_SA_F_LABEL_RECORDING : 0);
		if (s->p.name != NULL) {
			sa->name_len = (uint8_t)strlen(s->p.name);
			memcpy(sa->name, s->p.name, sa->name_len + 1);
		}
	}
	if ((rc = sender_add_descriptor(h, s, m)) != 0)
		return rc;
	if (s->p.record_route) {
		/* RFC 3209 4.4.3: the ingress starts the RRO with itself. */
		o = rsvp_msg_add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1);
		o->u.route.nsub = 1;
		o->u.route.sub[0].type = RSVP_SUBOBJ_IPV4;
		o->u.route.sub[0].addr = h->p.addr;
		o->u.route.sub[0].prefix_len = 32;
	}
	n = rsvp_encode(m, h->txbuf, RSVP_MSG_MAX_LEN);
	if (n < 0)
		return -EMSGSIZE;
	s->path = malloc((size_t)n);
	if (s->path == NULL)
		return -ENOMEM;
	memcpy(s->path, h->txbuf, (size_t)n);
	s->path_len = (size_t)n;
	return 0;
}

/* Path and PathTear go to the tunnel end point with Router Alert, so
 * that every RSVP hop on the way sees them (RFC 2205 3.1.3). */
static void
sender_out(const struct rsvp_sender *s, struct rsvp_pkt_out *out)
{
	memset(out, 0, sizeof(*out));
	out->src = s->sess->host->p.addr;
	out->dst = s->p.dst;
	out->nexthop = s->p.nexthop;
	out->ifindex = s->p.ifindex;
	out->ttl = RSVP_API_SEND_TTL;
	out->router_alert = true;
}

static void
sender_send_path(struct rsvp_sender *s)
{
	struct rsvp_host *h = s->sess->host;
	struct rsvp_pkt_out out;

	sender_out(s, &out);
	api_send(h, &out, s->path, s->path_len);
	api_timer_set(h, &s->refresh, api_now(h) + api_refresh_delay(h));
}

static void
sender_on_refresh(struct api_timer *t)
{
	sender_send_path(API_CONTAINER(t, struct rsvp_sender, refresh));
}

static void
sender_on_resv_expire(struct api_timer *t)
{
	struct rsvp_sender *s = API_CONTAINER(t, struct rsvp_sender,
	    resv_expire);

	s->sess->host->st.resv_timeouts++;
	s->has_resv = false;
	if (s->cbs.resv_lost != NULL)
		s->cbs.resv_lost(s->arg, s, RSVP_API_LOST_TIMEOUT);
}

static int
sender_check(const struct rsvp_host *h, const struct rsvp_sender_params *p)
{
	size_t i;

	if (h->p.addr.s_addr == INADDR_ANY || p->setup_prio > 7 ||
	    p->hold_prio > 7 || p->n_ero > RSVP_API_ERO_MAX ||
	    is_tspec_check(&p->tspec) != IS_OK)
		return -EINVAL;
	if (p->name != NULL && strlen(p->name) > RSVP_NAME_MAX)
		return -EINVAL;
	for (i = 0; i < p->n_ero; i++)
		if (p->ero[i].prefix_len > 32)
			return -EINVAL;
	return 0;
}

static struct rsvp_sender *
sender_find(struct api_session *sess, struct in_addr sender, uint16_t lsp_id)
{
	struct rsvp_sender *s;

	if (sess == NULL || sender.s_addr != sess->host->p.addr.s_addr)
		return NULL;
	for (s = sess->senders; s != NULL; s = s->next)
		if (s->p.lsp_id == lsp_id)
			return s;
	return NULL;
}

int
rsvp_sender_open(struct rsvp_host *h, const struct rsvp_sender_params *p,
    const struct rsvp_sender_cbs *cbs, void *arg, struct rsvp_sender **s_r)
{
	struct rsvp_session_lsp key;
	struct api_session *sess;
	struct rsvp_sender *s = NULL;
	int rc;

	*s_r = NULL;
	if ((rc = sender_check(h, p)) != 0)
		return rc;
	sender_key(h, p, &key);
	sess = api_session_find(h, &key);
	if (sender_find(sess, h->p.addr, p->lsp_id) != NULL)
		return -EEXIST;
	if (sess == NULL && (sess = api_session_get(h, &key)) == NULL)
		return -ENOMEM;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	s->sess = sess;
	s->p = *p;
	if (s->p.l3pid == 0)
		s->p.l3pid = RSVP_API_L3PID_IPV4;
	if (p->name != NULL) {
		strcpy(s->name, p->name);
		s->p.name = s->name;
	}
	if (cbs != NULL)
		s->cbs = *cbs;
	s->arg = arg;
	s->refresh.slot = API_TIMER_IDLE;
	s->refresh.fire = sender_on_refresh;
	s->resv_expire.slot = API_TIMER_IDLE;
	s->resv_expire.fire = sender_on_resv_expire;
	if ((rc = sender_build_path(h, s)) != 0)
		goto out;
	s->next = sess->senders;
	sess->senders = s;
	sender_send_path(s);
	*s_r = s;
	s = NULL;
out:
	if (s != NULL) {
		free(s->path);
		free(s);
	}
	api_session_put(sess);
	api_rearm(h);
	return rc;
}

/* <PathTear Message> ::= <Common Header> <SESSION> <RSVP_HOP>
 *     <sender descriptor>   (RFC 2205 3.1.5) */
static void
sender_send_tear(struct rsvp_sender *s)
{
	struct rsvp_host *h = s->sess->host;
	struct rsvp_pkt_out out;
	struct rsvp_msg *m = h->tx;

	rsvp_msg_init(m, RSVP_MSG_PATHTEAR);
	m->send_ttl = RSVP_API_SEND_TTL;
	sender_add_head(h, s, m);
	if (sender_add_descriptor(h, s, m) != 0) {
		h->st.tx_err++;
		return;
	}
	sender_out(s, &out);
	api_send_tx(h, &out);
}

void
rsvp_sender_close(struct rsvp_sender *s)
{
	struct rsvp_host *h;
	struct rsvp_sender **pp;

	if (s == NULL)
		return;
	h = s->sess->host;
	sender_send_tear(s);
	api_timer_stop(h, &s->refresh);
	api_timer_stop(h, &s->resv_expire);
	for (pp = &s->sess->senders; *pp != s; pp = &(*pp)->next)
		;
	*pp = s->next;
	api_session_put(s->sess);
	free(s->path);
	free(s);
	api_rearm(h);
}

const struct rsvp_sender_resv *
rsvp_sender_resv(const struct rsvp_sender *s)
{
	return s->has_resv ? &s->resv : NULL;
}

const struct rsvp_sender_params *
rsvp_sender_params(const struct rsvp_sender *s)
{
	return &s->p;
}

/* Whether 'a' differs from 'b' in what a sender shows: label, style,
 * next hop, recorded route. */
static bool
resv_changed(const struct rsvp_sender_resv *a, const struct rsvp_sender_resv *b)
{
	size_t i;

	if (a->label != b->label || a->style != b->style ||
	    a->nhop.s_addr != b->nhop.s_addr || a->n_rro != b->n_rro)
		return true;
	for (i = 0; i < a->n_rro; i++)
		if (a->rro[i].addr.s_addr != b->rro[i].addr.s_addr ||
		    a->rro[i].has_label != b->rro[i].has_label ||
		    a->rro[i].label != b->rro[i].label)
			return true;
	return false;
}

/* The session of a message the host took (rsvp_host_input checked that
 * it has an LSP_TUNNEL_IPv4 SESSION). */
static struct api_session *
msg_session(struct rsvp_host *h, const struct rsvp_msg *m)
{
	const struct rsvp_obj *o = rsvp_msg_find(m, RSVP_CLASS_SESSION);
	struct api_session *sess = api_session_find(h, &o->u.session_lsp);

	if (sess == NULL || sess->senders == NULL) {
		h->st.rx_unknown_session++;
		return NULL;
	}
	return sess;
}

/* The sender that flow descriptor 'fd' names, or NULL. */
static struct rsvp_sender *
desc_sender(struct rsvp_host *h, const struct rsvp_msg *m,
    const struct rsvp_flow_desc *fd)
{
	const struct rsvp_obj *o = rsvp_msg_find(m, RSVP_CLASS_SESSION);
	const struct rsvp_obj *f;

	if (fd->filter < 0)
		return NULL;
	f = &m->objs[fd->filter];
	if (f->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4)
		return NULL;
	return sender_find(api_session_find(h, &o->u.session_lsp),
	    f->u.filter_lsp.sender, f->u.filter_lsp.lsp_id);
}

/* One flow descriptor of a Resv for sender 's' (RFC 3209 4.1.1.2). */
static void
sender_take_resv(struct rsvp_sender *s, const struct rsvp_msg *m,
    const struct rsvp_flow_desc *fd, uint32_t style)
{
	struct rsvp_host *h = s->sess->host;
	const struct rsvp_obj *hop, *tv, *o;
	struct rsvp_sender_resv r;
	struct is_err ierr;
	bool first = !s->has_resv;

	memset(&r, 0, sizeof(r));
	hop = rsvp_msg_find(m, RSVP_CLASS_RSVP_HOP);
	tv = rsvp_msg_find(m, RSVP_CLASS_TIME_VALUES);
	r.label = m->objs[fd->label].u.label.label;
	r.style = style;
	r.nhop = hop->u.hop.addr;
	if (fd->flowspec >= 0) {
		o = &m->objs[fd->flowspec];
		r.has_flowspec = is_flowspec_decode(o->u.opaque.data,
		    o->u.opaque.len, &r.flowspec, &ierr) == 0;
	}
	if (fd->rro >= 0)
		r.n_rro = api_rro_hops(&m->objs[fd->rro].u.route, r.rro);
	api_timer_set(h, &s->resv_expire,
	    api_now(h) + api_lifetime(h, tv->u.time.refresh_ms));
	if (!first && !resv_changed(&r, &s->resv))
		return;
	s->resv = r;
	s->has_resv = true;
	if (s->cbs.resv != NULL)
		s->cbs.resv(s->arg, s, &s->resv);
}

/*
 * Confirm the reservations of the Resv 'm' for our senders, the flow
 * descriptors 'fd[0..n)': a ResvConf with our address in ERROR_SPEC (code
 * and value 0), a copy of the Resv's RESV_CONFIRM, its STYLE and those
 * descriptors, sent straight to the receiver's address in RESV_CONFIRM
 * (RFC 2205 3.1.9).
 *   <ResvConf> ::= <Common Header> <SESSION> <ERROR_SPEC> <RESV_CONFIRM>
 *       <STYLE> <flow descriptor list>
 */
static void
sender_send_conf(struct rsvp_host *h, const struct rsvp_msg *m,
    const struct rsvp_flow_desc *fd, size_t n)
{
	const struct rsvp_obj *rc = rsvp_msg_find(m, RSVP_CLASS_RESV_CONFIRM);
	const struct rsvp_obj *st = rsvp_msg_find(m, RSVP_CLASS_STYLE);
	struct rsvp_msg *c = h->tx;
	struct rsvp_pkt_out out;
	struct rsvp_obj *o;
	bool shared = (st->u.style.options & RSVP_STYLE_MASK) != RSVP_STYLE_FF;
	size_t i;

	rsvp_msg_init(c, RSVP_MSG_RESVCONF);
	c->send_ttl = RSVP_API_SEND_TTL;
	(void)rsvp_msg_add_copy(c, rsvp_msg_find(m, RSVP_CLASS_SESSION));
	o = rsvp_msg_add(c, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
	o->u.error_spec.node = h->p.addr;
	o->u.error_spec.code = RSVP_ERR_CONFIRM;
	(void)rsvp_msg_add_copy(c, rc);
	(void)rsvp_msg_add_copy(c, st);
	for (i = 0; i < n; i++) {
		if (fd[i].flowspec >= 0 && (!shared || i == 0) &&
		    rsvp_msg_add_copy(c, &m->objs[fd[i].flowspec]) == NULL)
			goto fail;
		if (rsvp_msg_add_copy(c, &m->objs[fd[i].filter]) == NULL ||
		    rsvp_msg_add_copy(c, &m->objs[fd[i].label]) == NULL)
			goto fail;
	}
	memset(&out, 0, sizeof(out));
	out.src = h->p.addr;
	out.dst = rc->u.resv_confirm.receiver;
	out.ttl = RSVP_API_SEND_TTL;
	if (api_send_tx(h, &out) >= 0)
		h->st.resvconf_sent++;
	return;
fail:
	h->st.tx_err++;
}

void
api_sender_resv(struct rsvp_host *h, const struct rsvp_msg *m)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX], ours[RSVP_DESC_MAX];
	const struct rsvp_obj *st, *rc;
	struct rsvp_sender *s;
	size_t n, i, nours = 0;

	if (msg_session(h, m) == NULL)
		return;
	/* rsvp_decode validated the descriptors: this cannot fail. */
	if (rsvp_resv_flows(m, fd, RSVP_DESC_MAX, &n) != 0)
		return;
	st = rsvp_msg_find(m, RSVP_CLASS_STYLE);
	for (i = 0; i < n; i++) {
		/* Looked up again each time: a callback may close its own. */
		s = desc_sender(h, m, &fd[i]);
		if (s == NULL || fd[i].label < 0)
			continue;
		ours[nours++] = fd[i];
		sender_take_resv(s, m, &fd[i],
		    st->u.style.options & RSVP_STYLE_MASK);
	}
	rc = rsvp_msg_find(m, RSVP_CLASS_RESV_CONFIRM);
	if (nours == 0 || rc == NULL)
		return;
	sender_send_conf(h, m, ours, nours);
	for (i = 0; i < nours; i++) {
		/* Looked up again each time: a callback may close its own. */
		s = desc_sender(h, m, &ours[i]);
		if (s != NULL && s->cbs.confirm_sent != NULL)
			s->cbs.confirm_sent(s->arg, s,
			    rc->u.resv_confirm.receiver);
	}
}

void
api_sender_resvtear(struct rsvp_host *h, const struct rsvp_msg *m)
{
	struct rsvp_flow_desc fd[RSVP_DESC_MAX];
	struct rsvp_sender *s;
	size_t n, i;

	if (msg_session(h, m) == NULL ||
	    rsvp_resv_flows(m, fd, RSVP_DESC_MAX, &n) != 0)
		return;
	for (i = 0; i < n; i++) {
		s = desc_sender(h, m, &fd[i]);
		if (s == NULL || !s->has_resv)
			continue;
		s->has_resv = false;
		api_timer_stop(h, &s->resv_expire);
		if (s->cbs.resv_lost != NULL)
			s->cbs.resv_lost(s->arg, s, RSVP_API_LOST_TEAR);
	}
}

/* A PathErr names its sender in its sender descriptor; one without goes
 * to every sender of the session (RFC 2205 3.1.5). */
void
api_sender_patherr(struct rsvp_host *h, const struct rsvp_msg *m)
{
	const struct rsvp_obj *es = rsvp_msg_find(m, RSVP_CLASS_ERROR_SPEC);
	struct api_session *sess;
	struct rsvp_sender_desc sd;
	struct rsvp_sender *s, *next;
	const struct rsvp_obj *t;

	if ((sess = msg_session(h, m)) == NULL)
		return;
	if (rsvp_path_sender(m, &sd) == 1 && sd.tmpl >= 0) {
		t = &m->objs[sd.tmpl];
		if (t->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4 ||
		    (s = sender_find(sess, t->u.filter_lsp.sender,
		    t->u.filter_lsp.lsp_id)) == NULL) {
			h->st.rx_unknown_session++;
			return;
		}
		if (s->cbs.path_err != NULL)
			s->cbs.path_err(s->arg, s, &es->u.error_spec);
		return;
	}
	for (s = sess->senders; s != NULL; s = next) {
		next = s->next;
		if (s->cbs.path_err != NULL)
			s->cbs.path_err(s->arg, s, &es->u.error_spec);
	}
}
