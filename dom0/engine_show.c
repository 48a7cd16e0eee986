/*
 * The engine's show commands as JSON (docs/ctl-protocol.md): session
 * list, session show, lsp list, label list, stats.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/engine_local.h"
#include "lib/inet.h"

static json_t *
json_addr(struct in_addr a)
{
	char buf[INET_ADDRSTRLEN];

	return json_string(ipv4_ntop(a, buf, sizeof(buf)));
}

static double
age_s(struct engine *e, uint64_t since_ms)
{
	uint64_t now = engine_now(e);

	return now > since_ms ? (double)(now - since_ms) / 1000.0 : 0.0;
}

/* The RRO as a list of "10.0.12.2" and "label 17" strings. */
static json_t *
json_rro(const struct rsvp_route *rro)
{
	json_t *a = json_array();
	char buf[32];
	uint16_t i;

	for (i = 0; rro != NULL && i < rro->nsub; i++) {
		const struct rsvp_subobj *so = &rro->sub[i];

		switch (so->type) {
		case RSVP_SUBOBJ_IPV4:
			json_array_append_new(a, json_addr(so->addr));
			break;
		case RSVP_SUBOBJ_LABEL:
			snprintf(buf, sizeof(buf), "label %u", so->label);
			json_array_append_new(a, json_string(buf));
			break;
		default:
			snprintf(buf, sizeof(buf), "type %u", so->type);
			json_array_append_new(a, json_string(buf));
			break;
		}
	}
	return a;
}

/* Add "'key'": the name of 'ifindex', when the environment knows it. */
static void
json_if_name(struct engine *e, json_t *o, const char *key, unsigned ifindex)
{
	char name[64];

	if (e->env.if_name == NULL ||
	    e->env.if_name(e->env.arg, ifindex, name, sizeof(name)) < 0)
		return;
	name[sizeof(name) - 1] = '\0';
	json_object_set_new(o, key, json_string(name));
}

static const char *
style_name(const struct psb *p)
{
	if (p->rsb == NULL)
		return NULL;
	return p->rsb->style == RSVP_STYLE_SE ? "SE" : "FF";
}

/* One LSP (a sender of a session) as lsp list shows it. */
static json_t *
json_lsp(struct engine *e, const struct psb *p)
{
	const struct session *s = p->session;
	const struct rsb *rsb = p->rsb;
	json_t *o;

	o = json_pack("{s:o, s:i, s:o, s:i, s:o, s:s, s:i, s:i, s:o, s:i,"
	    " s:s, s:f}",
	    "endpoint", json_addr(s->endpoint),
	    "tunnel_id", (json_int_t)s->tunnel_id,
	    "ext_tunnel_id", json_addr(s->ext_id),
	    "lsp_id", (json_int_t)p->lsp_id,
	    "sender", json_addr(p->sender),
	    "name", p->name,
	    "setup_prio", (json_int_t)p->setup_prio,
	    "hold_prio", (json_int_t)p->hold_prio,
	    "phop", json_addr(p->phop),
	    "in_ifindex", (json_int_t)p->in_ifindex,
	    "state", lsp_state_name(p->state),
	    "age", age_s(e, p->created_ms));
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "in_label", p->has_in_label ?
	    json_integer(p->in_label) : json_null());
	json_object_set_new(o, "out_label", rsb != NULL && !p->egress ?
	    json_integer(rsb->label) : json_null());
	json_object_set_new(o, "nhop", p->egress ? json_null() :
	    json_addr(p->nhop));
	json_object_set_new(o, "out_ifindex", p->egress ? json_null() :
	    json_integer(p->out_ifindex));
	json_if_name(e, o, "in_interface", p->in_ifindex);
	if (!p->egress)
		json_if_name(e, o, "out_interface", p->out_ifindex);
	json_object_set_new(o, "egress", json_boolean(p->egress));
	/* A QoS flow (routelet, class) rather than a best-effort swap. */
	json_object_set_new(o, "qos", json_boolean(p->flow));
	json_object_set_new(o, "style", style_name(p) != NULL ?
	    json_string(style_name(p)) : json_null());
	json_object_set_new(o, "rro", json_rro(rsb != NULL ? rsb->rro : NULL));
	return o;
}

static json_t *
json_session(struct engine *e, const struct session *s)
{
	const struct psb *p = TAILQ_FIRST(&s->psbs);
	json_t *o;
	int n = 0, up = 0;

	TAILQ_FOREACH(p, &s->psbs, entry) {
		n++;
		if (p->state == LSP_UP || p->state == LSP_EGRESS)
			up++;
	}
	p = TAILQ_FIRST(&s->psbs);
	o = json_pack("{s:o, s:i, s:o, s:s, s:i, s:i, s:f}",
	    "endpoint", json_addr(s->endpoint),
	    "tunnel_id", (json_int_t)s->tunnel_id,
	    "ext_tunnel_id", json_addr(s->ext_id),
	    "name", p != NULL ? p->name : "",
	    "lsps", (json_int_t)n,
	    "lsps_up", (json_int_t)up,
	    "age", age_s(e, s->created_ms));
	return o;
}

static int
q_session_list(struct engine *e, json_t *args, json_t **reply_r)
{
	const struct session *s;
	json_t *a = json_array();

	(void)args;
	TAILQ_FOREACH(s, &e->sessions, entry)
		json_array_append_new(a, json_session(e, s));
	*reply_r = a;
	return 0;
}

/* "session show": args endpoint, tunnel_id, optional ext_tunnel_id. */
static int
q_session_show(struct engine *e, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	struct rsvp_session_lsp key;
	const char *ep = NULL, *ext = NULL;
	json_int_t tid = -1;
	const struct session *s;
	const struct psb *p;
	json_t *o, *lsps;

	if (json_unpack(args, "{s:s, s:I, s?:s}", "endpoint", &ep,
	    "tunnel_id", &tid, "ext_tunnel_id", &ext) < 0 ||
	    tid < 0 || tid > UINT16_MAX) {
		snprintf(err, errlen, "session show: need endpoint ADDR "
		    "tunnel_id N [ext_tunnel_id ADDR]");
		return -1;
	}
	memset(&key, 0, sizeof(key));
	key.tunnel_id = (uint16_t)tid;
	if (!ipv4_pton(ep, &key.endpoint) ||
	    (ext != NULL && !ipv4_pton(ext, &key.ext_tunnel_id))) {
		snprintf(err, errlen, "session show: bad address");
		return -1;
	}
	TAILQ_FOREACH(s, &e->sessions, entry) {
		if (s->endpoint.s_addr == key.endpoint.s_addr &&
		    s->tunnel_id == key.tunnel_id && (ext == NULL ||
		    s->ext_id.s_addr == key.ext_tunnel_id.s_addr))
			break;
	}
	if (s == NULL) {
		snprintf(err, errlen, "no such session");
		return -1;
	}
	o = json_session(e, s);
	lsps = json_array();
	TAILQ_FOREACH(p, &s->psbs, entry) {
		json_t *l = json_lsp(e, p);

		json_object_set_new(l, "path_refresh_ms",
		    json_integer(p->refresh_ms));
		json_object_set_new(l, "path_refreshed_age",
		    json_real(age_s(e, p->refreshed_ms)));
		json_object_set_new(l, "flags", json_integer(p->sa_flags));
		if (p->rsb != NULL && !p->egress) {
			json_object_set_new(l, "resv_nhop",
			    json_addr(p->rsb->nhop));
			json_object_set_new(l, "resv_refresh_ms",
			    json_integer(p->rsb->refresh_ms));
			json_object_set_new(l, "resv_refreshed_age",
			    json_real(age_s(e, p->rsb->refreshed_ms)));
		}
		json_array_append_new(lsps, l);
	}
	json_object_set_new(o, "lsp", lsps);
	*reply_r = o;
	return 0;
}

static int
q_lsp_list(struct engine *e, json_t *args, json_t **reply_r)
{
	const struct session *s;
	const struct psb *p;
	json_t *a = json_array();

	(void)args;
	TAILQ_FOREACH(s, &e->sessions, entry)
		TAILQ_FOREACH(p, &s->psbs, entry)
			json_array_append_new(a, json_lsp(e, p));
	*reply_r = a;
	return 0;
}

/* Labels we handed out, each with what it does. */
static int
q_label_list(struct engine *e, json_t *args, json_t **reply_r)
{
	const struct session *s;
	const struct psb *p;
	json_t *a = json_array(), *o;

	(void)args;
	TAILQ_FOREACH(s, &e->sessions, entry) {
		TAILQ_FOREACH(p, &s->psbs, entry) {
			if (!p->has_in_label || p->in_label < LABELS_MIN)
				continue;
			o = json_pack("{s:i, s:s, s:o, s:i, s:i, s:s}",
			    "label", (json_int_t)p->in_label,
			    "owner", "rsvp-te",
			    "endpoint", json_addr(s->endpoint),
			    "tunnel_id", (json_int_t)s->tunnel_id,
			    "lsp_id", (json_int_t)p->lsp_id,
			    "state", lsp_state_name(p->state));
			if (p->rsb != NULL && p->state == LSP_UP) {
				bool pop = p->rsb->label ==
				    ENGINE_LABEL_IMPLICIT_NULL;

				json_object_set_new(o, "action",
				    json_string(pop ? "pop" : "swap"));
				json_object_set_new(o, "out_label",
				    json_integer(p->rsb->label));
				json_object_set_new(o, "out_ifindex",
				    json_integer(p->out_ifindex));
				json_if_name(e, o, "out_interface",
				    p->out_ifindex);
			}
			json_array_append_new(a, o);
		}
	}
	*reply_r = json_pack("{s:o, s:i, s:i}", "labels", a,
	    "used", (json_int_t)labels_used(e->env.labels),
	    "held", (json_int_t)labels_held(e->env.labels, engine_now(e)));
	return 0;
}

static json_t *
json_msg_counts(const uint64_t *c)
{
	json_t *o = json_object();
	uint8_t t;

	for (t = RSVP_MSG_PATH; t <= RSVP_MSG_HELLO; t++) {
		const char *n = rsvp_msg_type_name(t);

		if (n != NULL)
			json_object_set_new(o, n,
			    json_integer((json_int_t)c[t]));
	}
	return o;
}

static int
q_stats(struct engine *e, json_t *args, json_t **reply_r)
{
	json_t *drops = json_object(), *dec = json_object();
	const struct session *s;
	const struct psb *p;
	size_t nlsp = 0;
	unsigned i;

	(void)args;
	for (i = 0; i < ENGINE_C_MAX; i++)
		json_object_set_new(drops, engine_counter_name(i),
		    json_integer((json_int_t)e->counters[i]));
	for (i = RSVP_E_SHORT; i <= RSVP_E_PORT; i++)
		json_object_set_new(dec, rsvp_reason_name(i),
		    json_integer((json_int_t)e->decode_reasons[i]));
	TAILQ_FOREACH(s, &e->sessions, entry)
		TAILQ_FOREACH(p, &s->psbs, entry)
			nlsp++;
	*reply_r = json_pack("{s:o, s:o, s:o, s:o, s:i, s:i}",
	    "rx", json_msg_counts(e->rx),
	    "tx", json_msg_counts(e->tx),
	    "drops", drops,
	    "decode", dec,
	    "sessions", (json_int_t)e->nsessions,
	    "lsps", (json_int_t)nlsp);
	return 0;
}

int
engine_query(struct engine *e, const char *cmd, json_t *args,
    json_t **reply_r, char *err, size_t errlen)
{
	*reply_r = NULL;
	if (strcmp(cmd, "session list") == 0)
		return q_session_list(e, args, reply_r);
	if (strcmp(cmd, "session show") == 0)
		return q_session_show(e, args, reply_r, err, errlen);
	if (strcmp(cmd, "lsp list") == 0)
		return q_lsp_list(e, args, reply_r);
	if (strcmp(cmd, "label list") == 0)
		return q_label_list(e, args, reply_r);
	if (strcmp(cmd, "stats") == 0)
		return q_stats(e, args, reply_r);
	snprintf(err, errlen, "unknown command: %s", cmd);
	return -1;
}
