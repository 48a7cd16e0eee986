/*
 * Path state (RFC 2205 3.2 PSB): Path processing at a transit or egress
 * node of an LSP tunnel (RFC 3209 4), refresh downstream, expiry, PathTear
 * and PathErr forwarding.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/engine_local.h"
#include "lib/log.h"

#define L3PID_IPV4	0x0800	/* RFC 3209 4.2.1: an Ethertype */

/* The PSB of (sender, LSP ID) in 's', or NULL. */
struct psb *
psb_find(struct session *s, struct in_addr sender, uint16_t lsp_id)
{
	struct psb *p;

	TAILQ_FOREACH(p, &s->psbs, entry)
		if (p->sender.s_addr == sender.s_addr && p->lsp_id == lsp_id)
			return p;
	return NULL;
}

/* Send the stored Path downstream (RFC 2205 3.1.3, RFC 2113 Router Alert). */
static void
psb_send_path(struct engine *e, struct psb *p)
{
	struct rsvp_pkt_out out;
	int r;

	if (p->path_out == NULL)
		return;
	memset(&out, 0, sizeof(out));
	out.buf = p->path_out;
	out.len = p->path_out_len;
	out.src = p->out_addr;
	out.dst = p->session->endpoint;
	out.nexthop = p->nhop;
	out.ifindex = p->out_ifindex;
	out.ttl = p->out_ttl;
	out.router_alert = true;
	r = e->env.send(e->env.arg, &out);
	if (r < 0) {
		engine_count(e, ENGINE_C_SEND);
		log_debug("engine: send Path: %s", strerror(-r));
		return;
	}
	e->tx[RSVP_MSG_PATH]++;
}

static void
psb_refresh_cb(struct engine *e, struct etimer *t)
{
	struct psb *p = ENGINE_CONTAINER(t, struct psb, refresh);

	psb_send_path(e, p);
	etimer_arm(e, &p->refresh, engine_now(e) +
	    engine_jitter(e, e->env.refresh_ms));
}

static void
psb_cleanup_cb(struct engine *e, struct etimer *t)
{
	struct psb *p = ENGINE_CONTAINER(t, struct psb, cleanup);
	char a[INET_ADDRSTRLEN];

	engine_count(e, ENGINE_C_PATH_TIMEOUT);
	log_info("engine: path state of tunnel %u lsp %u (%s) from %s "
	    "expired", p->session->tunnel_id, p->lsp_id, p->name,
	    engine_addr(p->sender, a, sizeof(a)));
	psb_delete(e, p, true);
}

static void
psb_neigh_retry_cb(struct engine *e, struct etimer *t)
{
	struct psb *p = ENGINE_CONTAINER(t, struct psb, neigh_retry);

	struct flow_err err;

	if (p->rsb == NULL || p->state != LSP_WAIT_NEIGH)
		return;
	if (lsp_program(e, p, &err) < 0) {
		/* Refused now that the MAC is known: as at the Resv. */
		engine_count(e, ENGINE_C_ADMISSION);
		rsb_send_resverr_state(e, p, err.code, err.value);
		lsp_flow_refused(e, p, &err);
		if (!p->flow)
			rsb_delete(e, p, false);
		return;
	}
	if (p->state == LSP_UP) {
		resv_upstream_send(e, p->session, p->phop);
		resv_upstream_arm(e, p->session);
	}
}

/*
 * Send a PathTear downstream for 'p' (RFC 2205 3.1.5): SESSION, our
 * RSVP_HOP and the sender descriptor of the Path we sent.
 */
static void
psb_send_tear(struct engine *e, struct psb *p)
{
	struct rsvp_msg *m = e->out;
	struct rsvp_error err;
	struct rsvp_pkt_out out;
	uint16_t i, n = 0;

	if (p->path_out == NULL ||
	    rsvp_parse(p->path_out, p->path_out_len, m, &err) < 0)
		return;
	for (i = 0; i < m->nobjs; i++) {
		switch (m->objs[i].class_num) {
		case RSVP_CLASS_SESSION:
		case RSVP_CLASS_RSVP_HOP:
		case RSVP_CLASS_SENDER_TEMPLATE:
		case RSVP_CLASS_SENDER_TSPEC:
			if (n != i)
				m->objs[n] = m->objs[i];
			n++;
			break;
		}
	}
	m->nobjs = n;
	m->type = RSVP_MSG_PATHTEAR;
	m->send_ttl = p->out_ttl;
	memset(&out, 0, sizeof(out));
	out.src = p->out_addr;
	out.dst = p->session->endpoint;
	out.nexthop = p->nhop;
	out.ifindex = p->out_ifindex;
	out.ttl = p->out_ttl;
	out.router_alert = true;
	engine_send_msg(e, m, &out);
}

/*
 * Remove 'p' with its reservation and LSP; with 'send_tear', tell the
 * next hop with a PathTear.  Frees the session when it was the last.
 */
void
psb_delete(struct engine *e, struct psb *p, bool send_tear)
{
	struct session *s = p->session;
	struct in_addr phop = p->phop;
	struct psb *q;

	if (send_tear && !p->egress)
		psb_send_tear(e, p);
	if (p->rsb != NULL)
		rsb_delete(e, p, false);
	lsp_unprogram(e, p);
	lsp_release_label(e, p);
	etimer_stop(e, &p->refresh);
	etimer_stop(e, &p->cleanup);
	etimer_stop(e, &p->neigh_retry);
	TAILQ_REMOVE(&s->psbs, p, entry);
	free(p->path_in);
	free(p->path_out);
	free(p);
	if (TAILQ_EMPTY(&s->psbs)) {
		session_put(e, s);
		return;
	}
	/* A shared (SE) Resv upstream now lists one sender fewer. */
	TAILQ_FOREACH(q, &s->psbs, entry) {
		if (q->phop.s_addr == phop.s_addr && q->state == LSP_UP &&
		    q->rsb != NULL && q->rsb->style == RSVP_STYLE_SE) {
			resv_upstream_send(e, s, phop);
			break;
		}
	}
}

/*
 * Our hop's part of the ADSPEC 'o' of the Path we send on (RFC 2210 3,
 * RFC 2212), when the flows compose it; else it goes on as it came.
 */
static void
psb_adspec_compose(struct engine *e, const struct psb *p,
    const struct rsvp_msg *in, struct rsvp_obj *o)
{
	const struct rsvp_obj *ts = rsvp_msg_find(in, RSVP_CLASS_SENDER_TSPEC);
	struct rsvp_opaque ad = o->u.opaque;
	size_t len = ad.len;

	if (e->env.flow_adspec == NULL || ts == NULL)
		return;
	if (e->env.flow_adspec(e->env.flow_arg, p->out_ifindex,
	    ts->u.opaque.data, ts->u.opaque.len, ad.data, &len,
	    sizeof(ad.data)) < 0)
		return;
	ad.len = (uint16_t)len;
	o->u.opaque = ad;
}

/*
 * Build the Path we send on from the one received (RFC 2205 3.1.3): the
 * objects in their order, with our RSVP_HOP and TIME_VALUES, the
 * EXPLICIT_ROUTE as ero_process() left it, our address pushed on the
 * RECORD_ROUTE (RFC 3209 4.4.3), INTEGRITY dropped (not ours to sign),
 * everything else (11bbbbbb unknown objects too, RFC 2205 3.10) as it
 * came (the ADSPEC composed with our hop when the flows do it).
 * Stores the encoded message in p->path_out; 0 or -1.
 */
static int
psb_build_path(struct engine *e, struct psb *p, const struct rsvp_msg *in,
    const struct rsvp_route *ero)
{
	struct rsvp_msg *m = e->out;
	struct rsvp_obj *o;
	uint8_t *copy;
	uint16_t i;
	ssize_t n;

	rsvp_msg_init(m, RSVP_MSG_PATH);
	m->send_ttl = p->out_ttl;
	for (i = 0; i < in->nobjs; i++) {
		const struct rsvp_obj *io = &in->objs[i];

		switch (io->class_num) {
		case RSVP_CLASS_INTEGRITY:
			continue;
		case RSVP_CLASS_EXPLICIT_ROUTE:
			if (ero == NULL || ero->nsub == 0)
				continue;
			break;
		}
		if ((o = rsvp_msg_add_copy(m, io)) == NULL)
			goto fail;
		switch (io->class_num) {
		case RSVP_CLASS_RSVP_HOP:
			o->u.hop.addr = p->out_addr;
			o->u.hop.lih = p->out_ifindex;
			break;
		case RSVP_CLASS_TIME_VALUES:
			o->u.time.refresh_ms = e->env.refresh_ms;
			break;
		case RSVP_CLASS_EXPLICIT_ROUTE:
			o->u.route = *ero;
			break;
		case RSVP_CLASS_RECORD_ROUTE:
			/* Full: sent on unchanged (RFC 3209 4.4.3). */
			(void)rro_push_addr(&o->u.route, p->out_addr);
			break;
		case RSVP_CLASS_ADSPEC:
			psb_adspec_compose(e, p, in, o);
			break;
		}
	}
	n = rsvp_encode(m, e->wire, RSVP_MSG_MAX_LEN);
	if (n < 0)
		goto fail;
	copy = malloc((size_t)n);
	if (copy == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return -1;
	}
	memcpy(copy, e->wire, (size_t)n);
	free(p->path_out);
	p->path_out = copy;
	p->path_out_len = (size_t)n;
	return 0;
fail:
	engine_count(e, ENGINE_C_ENCODE);
	return -1;
}

static enum engine_counter
ero_counter(uint16_t errv)
{
	switch (errv) {
	case RSVP_ERRV_RT_BAD_STRICT:
		return ENGINE_C_ERO_STRICT;
	case RSVP_ERRV_RT_BAD_LOOSE:
		return ENGINE_C_ERO_LOOSE;
	case RSVP_ERRV_RT_NO_ROUTE:
		return ENGINE_C_NO_ROUTE;
	default:
		return ENGINE_C_ERO_BAD;
	}
}

/*
 * The checks a Path passes before it may make state: the non-RSVP hop
 * test (RFC 2205 2.9), LSP_TUNNEL session, LABEL_REQUEST for IPv4 (RFC
 * 3209 4.2.2), no loop in the RECORD_ROUTE (4.4.3).  Returns 0, or -1
 * having counted and answered.
 */
static int
path_check(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg, const struct rsvp_sender_desc *sd)
{
	const struct rsvp_obj *so, *hop, *lr;

	so = rsvp_msg_find(msg, RSVP_CLASS_SESSION);
	hop = rsvp_msg_find(msg, RSVP_CLASS_RSVP_HOP);
	if (so->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4) {
		engine_count(e, ENGINE_C_NOT_LSP_TUNNEL);
		return -1;
	}
	if (e->env.is_local(e->env.arg, hop->u.hop.addr)) {
		engine_count(e, ENGINE_C_FROM_SELF);
		return -1;
	}
	if (msg->send_ttl != pkt->ip_ttl) {
		engine_count(e, ENGINE_C_TTL_MISMATCH);
		psb_send_patherr(e, pkt, msg, RSVP_ERR_ROUTING,
		    RSVP_ERRV_RT_NON_RSVP);
		return -1;
	}
	lr = rsvp_msg_find(msg, RSVP_CLASS_LABEL_REQUEST);
	if (lr == NULL) {
		engine_count(e, ENGINE_C_NO_LABEL_REQUEST);
		return -1;
	}
	if (lr->u.label_request.l3pid != L3PID_IPV4) {
		engine_count(e, ENGINE_C_BAD_L3PID);
		psb_send_patherr(e, pkt, msg, RSVP_ERR_ROUTING,
		    RSVP_ERRV_RT_BAD_L3PID);
		return -1;
	}
	if (sd->rro >= 0 && rro_has_local(e, &msg->objs[sd->rro].u.route)) {
		engine_count(e, ENGINE_C_RRO_LOOP);
		psb_send_patherr(e, pkt, msg, RSVP_ERR_ROUTING,
		    RSVP_ERRV_RT_RRO_LOOP);
		return -1;
	}
	return 0;
}

/* Take the fields of the Path 'msg' into 'p'. */
static void
psb_learn(struct engine *e, struct psb *p, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg, const struct ero_result *res)
{
	const struct rsvp_obj *hop, *tv, *sa;

	hop = rsvp_msg_find(msg, RSVP_CLASS_RSVP_HOP);
	tv = rsvp_msg_find(msg, RSVP_CLASS_TIME_VALUES);
	sa = rsvp_msg_find(msg, RSVP_CLASS_SESSION_ATTRIBUTE);
	p->phop = hop->u.hop.addr;
	p->phop_lih = hop->u.hop.lih;
	p->in_ifindex = pkt->ifindex;
	p->refresh_ms = tv->u.time.refresh_ms;
	if (sa != NULL) {
		memcpy(p->name, sa->u.session_attr.name, sizeof(p->name));
		p->setup_prio = sa->u.session_attr.setup_prio;
		p->hold_prio = sa->u.session_attr.hold_prio;
		p->sa_flags = sa->u.session_attr.flags;
	} else {
		p->name[0] = '\0';
		p->setup_prio = p->hold_prio = 7;	/* RFC 3209 4.7.1 */
		p->sa_flags = 0;
	}
	p->egress = res->egress;
	p->out_ifindex = res->ifindex;
	p->nhop = res->nhop;
	p->out_ttl = pkt->ip_ttl > 0 ? (uint8_t)(pkt->ip_ttl - 1) : 0;
	p->out_addr.s_addr = INADDR_ANY;
	if (!p->egress)
		(void)e->env.if_addr(e->env.arg, p->out_ifindex, &p->out_addr);
	p->refreshed_ms = engine_now(e);
	if (e->env.nbr_add != NULL)
		(void)e->env.nbr_add(e->env.nbr_arg, p->phop, p->in_ifindex);
}

static struct psb *
psb_new(struct engine *e, struct session *s, const struct rsvp_obj *tmpl)
{
	struct psb *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return NULL;
	}
	p->session = s;
	p->sender = tmpl->u.filter_lsp.sender;
	p->lsp_id = tmpl->u.filter_lsp.lsp_id;
	p->created_ms = engine_now(e);
	p->state = LSP_WAIT_RESV;
	etimer_init(&p->refresh, psb_refresh_cb);
	etimer_init(&p->cleanup, psb_cleanup_cb);
	etimer_init(&p->neigh_retry, psb_neigh_retry_cb);
	TAILQ_INSERT_TAIL(&s->psbs, p, entry);
	return p;
}

/* Keep a copy of the Path as received, to see whether the next differs. */
static int
psb_keep_input(struct engine *e, struct psb *p, const struct rsvp_pkt_in *pkt)
{
	uint8_t *copy = malloc(pkt->len);

	if (copy == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return -1;
	}
	memcpy(copy, pkt->buf, pkt->len);
	free(p->path_in);
	p->path_in = copy;
	p->path_in_len = pkt->len;
	return 0;
}

/* A refresh: the same bytes from the same previous hop. */
static bool
psb_same(const struct psb *p, const struct rsvp_pkt_in *pkt)
{
	return p->path_in != NULL && p->path_in_len == pkt->len &&
	    p->in_ifindex == pkt->ifindex &&
	    memcmp(p->path_in, pkt->buf, pkt->len) == 0;
}

/*
 * A Path (RFC 2205 3.1.3, RFC 3209 4.3.4): check it, route it by its
 * EXPLICIT_ROUTE or the routing table, keep the path state and send the
 * Path on at once when it is new or changed; at the egress answer it with
 * a Resv.
 */
void
engine_path(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	const struct rsvp_obj *so, *tmpl, *eo;
	struct rsvp_sender_desc sd;
	struct rsvp_route ero;
	struct ero_result res;
	struct session *s;
	struct psb *p;
	uint16_t errv = 0;
	bool was_egress;
	unsigned old_if;
	struct in_addr old_nhop;

	if (rsvp_path_sender(msg, &sd) != 1 || sd.tmpl < 0)
		return;		/* rsvp_validate() refused these */
	if (path_check(e, pkt, msg, &sd) < 0)
		return;
	so = rsvp_msg_find(msg, RSVP_CLASS_SESSION);
	tmpl = &msg->objs[sd.tmpl];
	s = session_get(e, &so->u.session_lsp);
	if (s == NULL)
		return;
	p = psb_find(s, tmpl->u.filter_lsp.sender, tmpl->u.filter_lsp.lsp_id);
	if (p != NULL && psb_same(p, pkt)) {
		p->refreshed_ms = engine_now(e);
		etimer_arm(e, &p->cleanup, p->refreshed_ms +
		    engine_lifetime(e, p->refresh_ms));
		return;
	}
	eo = rsvp_msg_find(msg, RSVP_CLASS_EXPLICIT_ROUTE);
	if (eo != NULL)
		ero = eo->u.route;
	if (ero_process(e, eo != NULL ? &ero : NULL, pkt->ifindex,
	    s->endpoint, &res, &errv) < 0) {
		engine_count(e, ero_counter(errv));
		psb_send_patherr(e, pkt, msg, RSVP_ERR_ROUTING, errv);
		if (p != NULL)
			psb_delete(e, p, true);
		else
			session_put(e, s);
		return;
	}
	if (!res.egress && pkt->ip_ttl <= 1) {
		engine_count(e, ENGINE_C_TTL_EXPIRED);
		if (p == NULL)
			session_put(e, s);
		return;
	}
	if (p == NULL && (p = psb_new(e, s, tmpl)) == NULL) {
		session_put(e, s);
		return;
	}
	was_egress = p->egress;
	old_if = p->out_ifindex;
	old_nhop = p->nhop;
	psb_learn(e, p, pkt, msg, &res);
	if (psb_keep_input(e, p, pkt) < 0) {
		psb_delete(e, p, true);
		return;
	}
	/* The route moved: the old reservation and LSP go (RFC 2205 3.6). */
	if (p->rsb != NULL && (was_egress != p->egress ||
	    old_if != p->out_ifindex || old_nhop.s_addr != p->nhop.s_addr)) {
		rsb_delete(e, p, false);
		lsp_unprogram(e, p);
		p->state = LSP_WAIT_RESV;
	}
	if (p->egress) {
		free(p->path_out);
		p->path_out = NULL;
		etimer_stop(e, &p->refresh);
		psb_egress_reserve(e, p, msg);
	} else if (psb_build_path(e, p, msg, eo != NULL ? &ero : NULL) == 0) {
		psb_send_path(e, p);
		etimer_arm(e, &p->refresh, engine_now(e) +
		    engine_jitter(e, e->env.refresh_ms));
	}
	etimer_arm(e, &p->cleanup, p->refreshed_ms +
	    engine_lifetime(e, p->refresh_ms));
}

/* Find the PSB a PathTear or PathErr names; counted when there is none. */
static struct psb *
psb_of_msg(struct engine *e, const struct rsvp_msg *msg)
{
	const struct rsvp_obj *so, *tmpl;
	struct rsvp_sender_desc sd;
	struct session *s;
	struct psb *p;

	so = rsvp_msg_find(msg, RSVP_CLASS_SESSION);
	if (so == NULL || so->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4) {
		engine_count(e, ENGINE_C_NOT_LSP_TUNNEL);
		return NULL;
	}
	s = session_find(e, &so->u.session_lsp);
	if (s == NULL) {
		engine_count(e, ENGINE_C_UNKNOWN_SESSION);
		return NULL;
	}
	if (rsvp_path_sender(msg, &sd) != 1 || sd.tmpl < 0) {
		engine_count(e, ENGINE_C_UNKNOWN_SENDER);
		return NULL;
	}
	tmpl = &msg->objs[sd.tmpl];
	if (tmpl->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4 ||
	    (p = psb_find(s, tmpl->u.filter_lsp.sender,
	    tmpl->u.filter_lsp.lsp_id)) == NULL) {
		engine_count(e, ENGINE_C_UNKNOWN_SENDER);
		return NULL;
	}
	return p;
}

/*
 * A PathTear from the previous hop (RFC 2205 3.1.5): remove the path
 * state and what depends on it, and send the PathTear on.
 */
void
engine_pathtear(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	const struct rsvp_obj *hop = rsvp_msg_find(msg, RSVP_CLASS_RSVP_HOP);
	struct psb *p;

	(void)pkt;
	if ((p = psb_of_msg(e, msg)) == NULL)
		return;
	if (hop == NULL || hop->u.hop.addr.s_addr != p->phop.s_addr) {
		engine_count(e, ENGINE_C_WRONG_PHOP);
		return;
	}
	psb_delete(e, p, true);
}

/*
 * A PathErr from downstream (RFC 2205 3.1.6): sent on unchanged to the
 * previous hop of the path state it names.
 */
void
engine_patherr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	struct rsvp_pkt_out out;
	struct psb *p;
	int r;

	if ((p = psb_of_msg(e, msg)) == NULL)
		return;
	if (p->egress || pkt->ifindex != p->out_ifindex) {
		engine_count(e, ENGINE_C_WRONG_NHOP);
		return;
	}
	memset(&out, 0, sizeof(out));
	out.buf = pkt->buf;
	out.len = pkt->len;
	(void)e->env.if_addr(e->env.arg, p->in_ifindex, &out.src);
	out.dst = p->phop;
	out.ifindex = p->in_ifindex;
	out.ttl = msg->send_ttl;
	r = e->env.send(e->env.arg, &out);
	if (r < 0) {
		engine_count(e, ENGINE_C_SEND);
		return;
	}
	e->tx[RSVP_MSG_PATHERR]++;
}

/*
 * Route 'p' again from its stored Path (local repair, RFC 2205 3.6): when
 * the next hop moved, tear the old branch, drop the reservation that came
 * from it and signal the new one at once; when there is no route any
 * more, PathErr upstream and remove the state.
 */
static void
psb_reroute(struct engine *e, struct psb *p)
{
	const struct rsvp_obj *eo;
	struct rsvp_error err;
	struct rsvp_route ero;
	struct rsvp_pkt_in pkt;
	struct ero_result res;
	uint64_t refreshed;
	uint16_t errv = 0;

	if (p->path_in == NULL ||
	    rsvp_decode(p->path_in, p->path_in_len, e->in, &err) < 0)
		return;
	eo = rsvp_msg_find(e->in, RSVP_CLASS_EXPLICIT_ROUTE);
	if (eo != NULL)
		ero = eo->u.route;
	memset(&pkt, 0, sizeof(pkt));
	pkt.src = p->phop;
	pkt.ifindex = p->in_ifindex;
	pkt.ip_ttl = (uint8_t)(p->out_ttl + 1);
	if (ero_process(e, eo != NULL ? &ero : NULL, p->in_ifindex,
	    p->session->endpoint, &res, &errv) < 0) {
		engine_count(e, ero_counter(errv));
		psb_send_patherr(e, &pkt, e->in, RSVP_ERR_ROUTING, errv);
		psb_delete(e, p, true);
		return;
	}
	if (res.egress == p->egress && res.ifindex == p->out_ifindex &&
	    res.nhop.s_addr == p->nhop.s_addr)
		return;
	if (!p->egress)
		psb_send_tear(e, p);
	if (p->rsb != NULL)
		rsb_delete(e, p, true);
	p->state = LSP_WAIT_RESV;
	refreshed = p->refreshed_ms;
	psb_learn(e, p, &pkt, e->in, &res);
	p->refreshed_ms = refreshed;	/* nobody refreshed it */
	if (p->egress) {
		free(p->path_out);
		p->path_out = NULL;
		etimer_stop(e, &p->refresh);
		psb_egress_reserve(e, p, e->in);
	} else if (psb_build_path(e, p, e->in, eo != NULL ? &ero : NULL) == 0) {
		psb_send_path(e, p);
		etimer_arm(e, &p->refresh, engine_now(e) +
		    engine_jitter(e, e->env.refresh_ms));
	}
}

void
engine_routes_changed(struct engine *e)
{
	struct session *s, *snext;
	struct psb *p, *pnext;

	TAILQ_FOREACH_SAFE(s, &e->sessions, entry, snext)
		TAILQ_FOREACH_SAFE(p, &s->psbs, entry, pnext)
			psb_reroute(e, p);
	engine_timer_resched(e);
}
