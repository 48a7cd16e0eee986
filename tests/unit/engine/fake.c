/* The recording environment and message builders of fake.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <check.h>

#include "fake.h"
#include "flowspec/intserv.h"

struct fake F;

static const uint8_t MAC_R1_A[6] = { 2, 0, 0, 0, 1, 1 };
static const uint8_t MAC_R1_R2[6] = { 2, 0, 0, 0, 12, 1 };
static const uint8_t MAC_R2[6] = { 2, 0, 0, 0, 12, 2 };

struct in_addr
A(const char *s)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
	return a;
}

static bool
in_net(struct in_addr a, const char *net24)
{
	return (ntohl(a.s_addr) & 0xffffff00u) == ntohl(A(net24).s_addr);
}

static int
f_send(void *arg, const struct rsvp_pkt_out *pkt)
{
	struct rsvp_error err;
	struct sent *s;

	(void)arg;
	if (F.ring && F.nsent == FAKE_SENT_MAX)
		fake_clear_sent();
	ck_assert_uint_lt(F.nsent, FAKE_SENT_MAX);
	s = &F.sent[F.nsent++];
	s->out = *pkt;
	s->out.buf = NULL;
	s->msg = calloc(1, sizeof(*s->msg));
	ck_assert_ptr_nonnull(s->msg);
	ck_assert_msg(rsvp_decode(pkt->buf, pkt->len, s->msg, &err) == 0,
	    "engine sent a message that does not decode: %s",
	    rsvp_reason_name(err.reason));
	ck_assert_uint_eq(s->msg->send_ttl, pkt->ttl);
	return 0;
}

static int
f_route(void *arg, struct in_addr dst, struct engine_route *rt_r)
{
	(void)arg;
	memset(rt_r, 0, sizeof(*rt_r));
	if (in_net(dst, "10.0.1.0")) {
		rt_r->ifindex = IF_A;
		return 0;
	}
	if (in_net(dst, "10.0.12.0")) {
		rt_r->ifindex = IF_R2;
		return 0;
	}
	if (in_net(dst, "10.0.2.0") && F.route_b != 2) {
		rt_r->ifindex = IF_R2;
		rt_r->gateway = A(F.route_b == 0 ? ADDR_R2 : "10.0.12.3");
		return 0;
	}
	return -ENETUNREACH;
}

static bool
f_is_local(void *arg, struct in_addr a)
{
	(void)arg;
	return a.s_addr == A(ADDR_R1_A).s_addr ||
	    a.s_addr == A(ADDR_R1_R2).s_addr;
}

static bool
f_adjacent(void *arg, struct in_addr a, unsigned *ifindex_r)
{
	(void)arg;
	if (in_net(a, "10.0.1.0")) {
		*ifindex_r = IF_A;
		return true;
	}
	if (in_net(a, "10.0.12.0")) {
		*ifindex_r = IF_R2;
		return true;
	}
	return false;
}

static int
f_if_addr(void *arg, unsigned ifindex, struct in_addr *addr_r)
{
	(void)arg;
	if (ifindex == IF_A)
		*addr_r = A(ADDR_R1_A);
	else if (ifindex == IF_R2)
		*addr_r = A(ADDR_R1_R2);
	else
		return -ENODEV;
	return 0;
}

static int
f_if_mac(void *arg, unsigned ifindex, uint8_t mac_r[6])
{
	(void)arg;
	if (ifindex == IF_A)
		memcpy(mac_r, MAC_R1_A, 6);
	else if (ifindex == IF_R2)
		memcpy(mac_r, MAC_R1_R2, 6);
	else
		return -ENODEV;
	return 0;
}

static int
f_neigh_mac(void *arg, unsigned ifindex, struct in_addr a, uint8_t mac_r[6])
{
	(void)arg;
	if (F.neigh_pending)
		return -EAGAIN;
	if (ifindex == IF_R2 && a.s_addr == A(ADDR_R2).s_addr) {
		memcpy(mac_r, MAC_R2, 6);
		return 0;
	}
	return -EHOSTUNREACH;
}

static int
f_if_name(void *arg, unsigned ifindex, char *buf, size_t len)
{
	(void)arg;
	if (ifindex != IF_A && ifindex != IF_R2)
		return -ENODEV;
	snprintf(buf, len, "%s", ifindex == IF_A ? "r1-a" : "r1-r2");
	return 0;
}

static uint64_t
f_now(void *arg)
{
	(void)arg;
	return F.now;
}

static int
f_nbr_add(void *arg, struct in_addr a, unsigned ifindex)
{
	(void)arg;
	(void)a;
	(void)ifindex;
	F.nbr_added++;
	return 0;
}

static int
f_ilm_set(void *arg, const struct dp_ilm *e)
{
	unsigned i;

	(void)arg;
	for (i = 0; i < F.nilm; i++) {
		if (F.ilm[i].in_label == e->in_label) {
			F.ilm[i] = *e;
			return 0;
		}
	}
	ck_assert_uint_lt(F.nilm, FAKE_ILM_MAX);
	F.ilm[F.nilm++] = *e;
	return 0;
}

static int
f_ilm_del(void *arg, uint32_t label)
{
	unsigned i;

	(void)arg;
	for (i = 0; i < F.nilm; i++) {
		if (F.ilm[i].in_label == label) {
			F.ilm[i] = F.ilm[--F.nilm];
			return 0;
		}
	}
	return -ENOENT;
}

void
fake_env(struct engine_env *env)
{
	memset(env, 0, sizeof(*env));
	env->send = f_send;
	env->route = f_route;
	env->is_local = f_is_local;
	env->adjacent = f_adjacent;
	env->if_addr = f_if_addr;
	env->if_mac = f_if_mac;
	env->neigh_mac = f_neigh_mac;
	env->now_ms = f_now;
	env->if_name = f_if_name;
	env->nbr_add = f_nbr_add;
	env->ilm_set = f_ilm_set;
	env->ilm_del = f_ilm_del;
	env->refresh_ms = FAKE_R_MS;
	env->keep_multiplier = FAKE_K;
	env->seed = 12345;
	env->labels = F.labels;
	env->router_id = A("1.1.1.1");
}

void
fake_setup(void)
{
	struct labels_params lp = {
		.min = 16, .max = 1000, .order = LABELS_ASCENDING,
		.holddown_ms = 60000,
	};
	struct engine_env env;

	memset(&F, 0, sizeof(F));
	F.now = 1000000;
	ck_assert_int_eq(labels_create(&lp, &F.labels), 0);
	fake_env(&env);
	ck_assert_int_eq(engine_create(&env, &F.e), 0);
}

void
fake_clear_sent(void)
{
	unsigned i;

	for (i = 0; i < F.nsent; i++)
		free(F.sent[i].msg);
	F.nsent = 0;
}

void
fake_teardown(void)
{
	engine_destroy(F.e);
	labels_destroy(F.labels);
	fake_clear_sent();
}

void
fake_advance(uint64_t ms)
{
	uint64_t end = F.now + ms, next;

	/* Step through each deadline so that timers see their own time. */
	while ((next = engine_next_deadline(F.e)) <= end) {
		if (next > F.now)
			F.now = next;
		engine_timers_run(F.e);
	}
	F.now = end;
}

const struct sent *
fake_last(uint8_t type)
{
	unsigned i;

	for (i = F.nsent; i > 0; i--)
		if (F.sent[i - 1].msg->type == type)
			return &F.sent[i - 1];
	return NULL;
}

unsigned
fake_count(uint8_t type)
{
	unsigned i, n = 0;

	for (i = 0; i < F.nsent; i++)
		if (F.sent[i].msg->type == type)
			n++;
	return n;
}

const struct dp_ilm *
fake_ilm(uint32_t label)
{
	unsigned i;

	for (i = 0; i < F.nilm; i++)
		if (F.ilm[i].in_label == label)
			return &F.ilm[i];
	return NULL;
}

uint64_t
counter(enum engine_counter c)
{
	uint64_t v[ENGINE_C_MAX];

	engine_counters(F.e, v);
	return v[c];
}

void
path_spec_default(struct path_spec *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->tunnel_id = 7;
	ps->lsp_id = 1;
	ps->endpoint = A(ADDR_B);
	ps->sender = A(ADDR_A);
	ps->phop = A(ADDR_A);
	ps->ifindex = IF_A;
	ps->ip_ttl = 64;
	ps->send_ttl = 64;
}

void
resv_spec_default(struct resv_spec *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->tunnel_id = 7;
	rs->endpoint = A(ADDR_B);
	rs->sender = A(ADDR_A);
	rs->style = RSVP_STYLE_FF;
	rs->nflows = 1;
	rs->lsp_id[0] = 1;
	rs->label[0] = 100;
	rs->nhop = A(ADDR_R2);
	rs->ifindex = IF_R2;
}

static struct rsvp_obj *
add(struct rsvp_msg *m, uint8_t class_num, uint8_t c_type)
{
	struct rsvp_obj *o = rsvp_msg_add(m, class_num, c_type);

	ck_assert_ptr_nonnull(o);
	return o;
}

static void
add_session(struct rsvp_msg *m, struct in_addr endpoint, uint16_t tid)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_SESSION,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);

	o->u.session_lsp.endpoint = endpoint;
	o->u.session_lsp.tunnel_id = tid;
	o->u.session_lsp.ext_tunnel_id = A(ADDR_A);
}

static void
add_hop_time(struct rsvp_msg *m, struct in_addr hop)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);

	o->u.hop.addr = hop;
	o->u.hop.lih = 3;
	o = add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1);
	o->u.time.refresh_ms = FAKE_R_MS;
}

static void
add_extra(struct rsvp_msg *m, uint8_t class_num)
{
	struct rsvp_obj *o;

	if (class_num == 0)
		return;
	o = add(m, class_num, 1);
	o->kind = RSVP_OBJ_FORWARD;
	o->u.opaque.len = 4;
	memcpy(o->u.opaque.data, "\xde\xad\xbe\xef", 4);
}

static void
parse_ero(const char *spec, struct rsvp_route *r)
{
	char buf[256], *tok, *save = NULL;

	memset(r, 0, sizeof(*r));
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		struct rsvp_subobj *so = &r->sub[r->nsub++];

		so->type = RSVP_SUBOBJ_IPV4;
		so->prefix_len = 32;
		so->loose = tok[0] == '~';
		so->addr = A(tok + (so->loose ? 1 : 0));
	}
}

void
build_path(const struct path_spec *ps, struct rsvp_msg *m)
{
	struct is_tspec ts = { .rate = 125000, .bucket = 10000,
	    .peak = 250000, .min_unit = 64, .max_size = 1500 };
	struct rsvp_obj *o;
	int n;

	rsvp_msg_init(m, RSVP_MSG_PATH);
	m->send_ttl = ps->send_ttl;
	add_session(m, ps->endpoint, ps->tunnel_id);
	add_hop_time(m, ps->phop);
	if (ps->ero != NULL) {
		o = add(m, RSVP_CLASS_EXPLICIT_ROUTE, RSVP_CTYPE_1);
		parse_ero(ps->ero, &o->u.route);
	}
	o = add(m, RSVP_CLASS_LABEL_REQUEST, RSVP_CTYPE_1);
	o->u.label_request.l3pid = 0x0800;
	if (ps->sa) {
		o = add(m, RSVP_CLASS_SESSION_ATTRIBUTE,
		    RSVP_CTYPE_SA_LSP_TUNNEL);
		o->u.session_attr.setup_prio = 4;
		o->u.session_attr.hold_prio = 3;
		o->u.session_attr.flags = ps->sa_flags;
		snprintf(o->u.session_attr.name, sizeof(o->u.session_attr.name),
		    "%s", ps->name != NULL ? ps->name : "");
		o->u.session_attr.name_len =
		    (uint8_t)strlen(o->u.session_attr.name);
	}
	add_extra(m, ps->extra_class);
	o = add(m, RSVP_CLASS_SENDER_TEMPLATE, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = ps->sender;
	o->u.filter_lsp.lsp_id = ps->lsp_id;
	o = add(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV);
	n = is_sender_tspec_encode(&ts, o->u.opaque.data,
	    sizeof(o->u.opaque.data));
	ck_assert_int_gt(n, 0);
	o->u.opaque.len = (uint16_t)n;
	if (ps->rro) {
		o = add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1);
		o->u.route.nsub = 1;
		o->u.route.sub[0].type = RSVP_SUBOBJ_IPV4;
		o->u.route.sub[0].addr = ps->sender;
		o->u.route.sub[0].prefix_len = 32;
	}
}

static void
add_flowspec(struct rsvp_msg *m, float rate)
{
	struct is_flowspec f = { .service = IS_SVC_CONTROLLED_LOAD,
	    .tspec = { .rate = rate != 0 ? rate : 125000, .bucket = 10000,
	    .peak = 250000, .min_unit = 64, .max_size = 1500 } };
	struct rsvp_obj *o = add(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV);
	int n;

	n = is_flowspec_encode(&f, o->u.opaque.data, sizeof(o->u.opaque.data));
	ck_assert_int_gt(n, 0);
	o->u.opaque.len = (uint16_t)n;
}

void
build_resv(const struct resv_spec *rs, struct rsvp_msg *m)
{
	struct rsvp_obj *o;
	unsigned i;

	rsvp_msg_init(m, RSVP_MSG_RESV);
	add_session(m, rs->endpoint, rs->tunnel_id);
	add_hop_time(m, rs->nhop);
	if (rs->confirm.s_addr != INADDR_ANY) {
		o = add(m, RSVP_CLASS_RESV_CONFIRM, RSVP_CTYPE_IPV4);
		o->u.resv_confirm.receiver = rs->confirm;
	}
	add_extra(m, rs->extra_class);
	o = add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
	o->u.style.options = rs->style;
	if (rs->style == RSVP_STYLE_SE)
		add_flowspec(m, rs->rate);
	for (i = 0; i < rs->nflows; i++) {
		if (rs->style == RSVP_STYLE_FF)
			add_flowspec(m, rs->rate);
		o = add(m, RSVP_CLASS_FILTER_SPEC, RSVP_CTYPE_LSP_TUNNEL_IPV4);
		o->u.filter_lsp.sender = rs->sender;
		o->u.filter_lsp.lsp_id = rs->lsp_id[i];
		o = add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1);
		o->u.label.label = rs->label[i];
		if (rs->rro) {
			o = add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1);
			o->u.route.nsub = 3;
			o->u.route.sub[0].type = RSVP_SUBOBJ_IPV4;
			o->u.route.sub[0].addr = rs->nhop;
			o->u.route.sub[0].prefix_len = 32;
			o->u.route.sub[1].type = RSVP_SUBOBJ_LABEL;
			o->u.route.sub[1].flags = RSVP_RRO_LABEL_F_GLOBAL;
			o->u.route.sub[1].label_ctype = 1;
			o->u.route.sub[1].label = rs->label[i];
			o->u.route.sub[2].type = RSVP_SUBOBJ_IPV4;
			o->u.route.sub[2].addr = A(ADDR_B);
			o->u.route.sub[2].prefix_len = 32;
		}
	}
}

void
feed(const struct rsvp_msg *m, struct in_addr src, unsigned ifindex,
    uint8_t ip_ttl)
{
	static uint8_t wire[RSVP_MSG_MAX_LEN];
	struct rsvp_pkt_in in;
	ssize_t n;

	n = rsvp_encode(m, wire, sizeof(wire));
	ck_assert_int_gt(n, 0);
	if (F.patch_from != 0) {
		size_t at = RSVP_HDR_LEN, olen;

		for (; at + RSVP_OBJ_HDR_LEN <= (size_t)n; at += olen) {
			olen = (size_t)wire[at] << 8 | wire[at + 1];
			ck_assert_uint_ge(olen, RSVP_OBJ_HDR_LEN);
			if (wire[at + 2] == F.patch_from)
				wire[at + 2] = F.patch_to;
		}
		wire[2] = wire[3] = 0;
	}
	memset(&in, 0, sizeof(in));
	in.buf = wire;
	in.len = (size_t)n;
	in.src = src;
	in.dst = m->type == RSVP_MSG_PATH || m->type == RSVP_MSG_PATHTEAR ?
	    A(ADDR_B) : A(ADDR_R1_R2);
	in.ifindex = ifindex;
	in.ip_ttl = ip_ttl;
	in.router_alert = m->type == RSVP_MSG_PATH ||
	    m->type == RSVP_MSG_PATHTEAR;
	engine_input(F.e, &in);
}

static struct rsvp_msg *
scratch(void)
{
	static struct rsvp_msg m;

	return &m;
}

void
send_path(const struct path_spec *ps)
{
	struct rsvp_msg *m = scratch();

	build_path(ps, m);
	feed(m, ps->phop, ps->ifindex, ps->ip_ttl);
}

void
send_resv(const struct resv_spec *rs)
{
	struct rsvp_msg *m = scratch();

	build_resv(rs, m);
	feed(m, rs->nhop, rs->ifindex, 255);
}

void
build_pathtear(uint16_t tunnel_id, uint16_t lsp_id, struct rsvp_msg *m)
{
	struct path_spec ps;
	uint16_t i, n = 0;

	path_spec_default(&ps);
	ps.tunnel_id = tunnel_id;
	ps.lsp_id = lsp_id;
	build_path(&ps, m);
	m->type = RSVP_MSG_PATHTEAR;
	for (i = 0; i < m->nobjs; i++) {
		uint8_t c = m->objs[i].class_num;

		if (c == RSVP_CLASS_SESSION || c == RSVP_CLASS_RSVP_HOP ||
		    c == RSVP_CLASS_SENDER_TEMPLATE ||
		    c == RSVP_CLASS_SENDER_TSPEC)
			m->objs[n++] = m->objs[i];
	}
	m->nobjs = n;
}

void
build_resvtear(uint16_t tunnel_id, uint16_t lsp_id, struct rsvp_msg *m)
{
	struct resv_spec rs;
	uint16_t i, n = 0;

	resv_spec_default(&rs);
	rs.tunnel_id = tunnel_id;
	rs.lsp_id[0] = lsp_id;
	build_resv(&rs, m);
	m->type = RSVP_MSG_RESVTEAR;
	for (i = 0; i < m->nobjs; i++)
		if (m->objs[i].class_num != RSVP_CLASS_TIME_VALUES &&
		    m->objs[i].class_num != RSVP_CLASS_LABEL)
			m->objs[n++] = m->objs[i];
	m->nobjs = n;
}

void
send_pathtear(uint16_t tunnel_id, uint16_t lsp_id)
{
	struct rsvp_msg *m = scratch();

	build_pathtear(tunnel_id, lsp_id, m);
	feed(m, A(ADDR_A), IF_A, 64);
}

void
send_resvtear(uint16_t tunnel_id, uint16_t lsp_id)
{
	struct rsvp_msg *m = scratch();

	build_resvtear(tunnel_id, lsp_id, m);
	feed(m, A(ADDR_R2), IF_R2, 255);
}
