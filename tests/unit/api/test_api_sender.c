/* host/api_sender.c: the Path and PathTear a sender sends, and what
 * Resv, ResvTear, PathErr and a silent network do to it. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "fake.h"
#include "suites.h"
#include "flowspec/units.h"

#define ME	"10.0.1.1"
#define DST	"10.0.2.2"
#define NHOP	"10.0.1.2"

struct seen {
	int nresv, nlost, nerr, nconf;
	struct in_addr conf_to;
	struct rsvp_sender_resv resv;
	enum rsvp_api_lost lost;
	struct rsvp_error_spec err;
	bool close_on_err;
};

static void
on_resv(void *arg, struct rsvp_sender *s, const struct rsvp_sender_resv *r)
{
	struct seen *sn = arg;

	ck_assert_ptr_eq(rsvp_sender_resv(s), r);
	sn->nresv++;
	sn->resv = *r;
}

static void
on_lost(void *arg, struct rsvp_sender *s, enum rsvp_api_lost why)
{
	struct seen *sn = arg;

	ck_assert_ptr_null(rsvp_sender_resv(s));
	sn->nlost++;
	sn->lost = why;
}

static void
on_err(void *arg, struct rsvp_sender *s, const struct rsvp_error_spec *e)
{
	struct seen *sn = arg;

	sn->nerr++;
	sn->err = *e;
	if (sn->close_on_err)
		rsvp_sender_close(s);
}

static void
on_confirm_sent(void *arg, struct rsvp_sender *s, struct in_addr receiver)
{
	struct seen *sn = arg;

	ck_assert_uint_eq(rsvp_sender_params(s)->lsp_id, 7);
	sn->nconf++;
	sn->conf_to = receiver;
}

static const struct rsvp_sender_cbs cbs = {
	on_resv, on_lost, on_err, on_confirm_sent,
};

static void
params(struct rsvp_sender_params *p, uint16_t lsp_id)
{
	memset(p, 0, sizeof(*p));
	p->dst = fake_addr(DST);
	p->tunnel_id = 42;
	p->lsp_id = lsp_id;
	fake_tspec(&p->tspec, 10);
}

/* A Resv from NHOP for our LSP 'lsp_id' of tunnel 42 with 'label', FF,
 * and an RRO of NHOP(label) DST(3) when 'rro'. */
static void
resv(struct rsvp_msg *m, uint16_t lsp_id, uint32_t label, bool rro,
    uint32_t refresh_ms)
{
	struct rsvp_obj *o;
	struct is_flowspec fs;
	int n;

	rsvp_msg_init(m, RSVP_MSG_RESV);
	o = rsvp_msg_add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp.endpoint = fake_addr(DST);
	o->u.session_lsp.tunnel_id = 42;
	o->u.session_lsp.ext_tunnel_id = fake_addr(ME);
	o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = fake_addr(NHOP);
	o = rsvp_msg_add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1);
	o->u.time.refresh_ms = refresh_ms;
	o = rsvp_msg_add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
	o->u.style.options = RSVP_STYLE_FF;
	o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV);
	memset(&fs, 0, sizeof(fs));
	fs.service = IS_SVC_CONTROLLED_LOAD;
	fake_tspec(&fs.tspec, 10);
	n = is_flowspec_encode(&fs, o->u.opaque.data, sizeof(o->u.opaque.data));
	ck_assert_int_gt(n, 0);
	o->u.opaque.len = (uint16_t)n;
	o = rsvp_msg_add(m, RSVP_CLASS_FILTER_SPEC,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = fake_addr(ME);
	o->u.filter_lsp.lsp_id = lsp_id;
	o = rsvp_msg_add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1);
	o->u.label.label = label;
	if (rro) {
		o = rsvp_msg_add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1);
		o->u.route.nsub = 4;
		o->u.route.sub[0].type = RSVP_SUBOBJ_IPV4;
		o->u.route.sub[0].addr = fake_addr(NHOP);
		o->u.route.sub[0].prefix_len = 32;
		o->u.route.sub[1].type = RSVP_SUBOBJ_LABEL;
		o->u.route.sub[1].label_ctype = 1;
		o->u.route.sub[1].flags = RSVP_RRO_LABEL_F_GLOBAL;
		o->u.route.sub[1].label = label;
		o->u.route.sub[2].type = RSVP_SUBOBJ_IPV4;
		o->u.route.sub[2].addr = fake_addr(DST);
		o->u.route.sub[2].prefix_len = 32;
		o->u.route.sub[3].type = RSVP_SUBOBJ_LABEL;
		o->u.route.sub[3].label_ctype = 1;
		o->u.route.sub[3].label = 3;
	}
}

START_TEST(path_carries_every_object)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	const struct rsvp_msg *m;
	const struct rsvp_obj *o;
	const struct fake_pkt *pk;
	struct is_tspec t;
	struct is_err ierr;
	static const uint8_t order[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES,
		RSVP_CLASS_EXPLICIT_ROUTE, RSVP_CLASS_LABEL_REQUEST,
		RSVP_CLASS_SESSION_ATTRIBUTE, RSVP_CLASS_SENDER_TEMPLATE,
		RSVP_CLASS_SENDER_TSPEC, RSVP_CLASS_RECORD_ROUTE,
	};
	size_t i;

	params(&p, 7);
	p.n_ero = 2;
	p.ero[0].addr = fake_addr(NHOP);
	p.ero[0].prefix_len = 32;
	p.ero[1].addr = fake_addr(DST);
	p.ero[1].prefix_len = 32;
	p.ero[1].loose = true;
	p.name = "video-1";
	p.setup_prio = 7;
	p.hold_prio = 3;
	p.se_style = true;
	p.record_route = true;
	p.ifindex = 5;
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, NULL, &s), 0);
	ck_assert_uint_eq(f.nsent, 1);

	pk = fake_sent(&f, 0);
	ck_assert_str_eq(inet_ntoa(pk->out.dst), DST);
	ck_assert_str_eq(inet_ntoa(pk->out.src), ME);
	ck_assert(pk->out.router_alert);
	ck_assert_uint_eq(pk->out.ttl, 255);
	ck_assert_uint_eq(pk->out.ifindex, 5);
	ck_assert_uint_eq(pk->out.nexthop.s_addr, 0);

	m = fake_decode(&f, 0);
	ck_assert_uint_eq(m->type, RSVP_MSG_PATH);
	ck_assert_uint_eq(m->send_ttl, 255);
	ck_assert_uint_eq(m->nobjs, sizeof(order));
	for (i = 0; i < sizeof(order); i++)
		ck_assert_uint_eq(m->objs[i].class_num, order[i]);

	o = fake_obj(m, RSVP_CLASS_SESSION);
	ck_assert_uint_eq(o->c_type, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	ck_assert_str_eq(inet_ntoa(o->u.session_lsp.endpoint), DST);
	ck_assert_uint_eq(o->u.session_lsp.tunnel_id, 42);
	ck_assert_str_eq(inet_ntoa(o->u.session_lsp.ext_tunnel_id), ME);
	o = fake_obj(m, RSVP_CLASS_RSVP_HOP);
	ck_assert_str_eq(inet_ntoa(o->u.hop.addr), ME);
	ck_assert_uint_eq(o->u.hop.lih, 5);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_TIME_VALUES)->u.time.refresh_ms,
	    30000);
	o = fake_obj(m, RSVP_CLASS_EXPLICIT_ROUTE);
	ck_assert_uint_eq(o->u.route.nsub, 2);
	ck_assert_uint_eq(o->u.route.sub[0].type, RSVP_SUBOBJ_IPV4);
	ck_assert_str_eq(inet_ntoa(o->u.route.sub[0].addr), NHOP);
	ck_assert(!o->u.route.sub[0].loose);
	ck_assert_str_eq(inet_ntoa(o->u.route.sub[1].addr), DST);
	ck_assert(o->u.route.sub[1].loose);
	ck_assert_uint_eq(o->u.route.sub[1].prefix_len, 32);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_LABEL_REQUEST)->
	    u.label_request.l3pid, 0x0800);
	o = fake_obj(m, RSVP_CLASS_SESSION_ATTRIBUTE);
	ck_assert_str_eq(o->u.session_attr.name, "video-1");
	ck_assert_uint_eq(o->u.session_attr.setup_prio, 7);
	ck_assert_uint_eq(o->u.session_attr.hold_prio, 3);
	ck_assert_uint_eq(o->u.session_attr.flags,
	    RSVP_SA_F_SE_STYLE | RSVP_SA_F_LABEL_RECORDING);
	o = fake_obj(m, RSVP_CLASS_SENDER_TEMPLATE);
	ck_assert_str_eq(inet_ntoa(o->u.filter_lsp.sender), ME);
	ck_assert_uint_eq(o->u.filter_lsp.lsp_id, 7);
	o = fake_obj(m, RSVP_CLASS_SENDER_TSPEC);
	ck_assert_int_eq(is_sender_tspec_decode(o->u.opaque.data,
	    o->u.opaque.len, &t, &ierr), 0);
	ck_assert_uint_eq(units_is_rate_to_bits(t.rate), 10000000);
	ck_assert(isinf(t.peak));
	ck_assert_uint_eq(t.min_unit, 64);
	ck_assert_uint_eq(t.max_size, 1500);
	o = fake_obj(m, RSVP_CLASS_RECORD_ROUTE);
	ck_assert_uint_eq(o->u.route.nsub, 1);
	ck_assert_str_eq(inet_ntoa(o->u.route.sub[0].addr), ME);
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(minimal_path_has_no_optional_objects)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	const struct rsvp_msg *m;

	params(&p, 1);
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), 0);
	m = fake_last(&f);
	ck_assert_uint_eq(m->nobjs, 6);
	ck_assert_ptr_null(fake_nth(m, RSVP_CLASS_EXPLICIT_ROUTE, 0));
	ck_assert_ptr_null(fake_nth(m, RSVP_CLASS_RECORD_ROUTE, 0));
	ck_assert_ptr_null(fake_nth(m, RSVP_CLASS_SESSION_ATTRIBUTE, 0));
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(flags_without_name_send_an_unnamed_attribute)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	const struct rsvp_obj *o;

	params(&p, 1);
	p.se_style = true;
	p.setup_prio = 4;
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), 0);
	o = fake_obj(fake_last(&f), RSVP_CLASS_SESSION_ATTRIBUTE);
	ck_assert_uint_eq(o->u.session_attr.flags, RSVP_SA_F_SE_STYLE);
	ck_assert_uint_eq(o->u.session_attr.setup_prio, 4);
	ck_assert_uint_eq(o->u.session_attr.name_len, 0);
	ck_assert_str_eq(o->u.session_attr.name, "");
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(open_refuses_bad_params)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_host *anon = NULL;
	struct fake fa;
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	char name[300];

	params(&p, 1);
	p.tspec.min_unit = 2000;		/* m > M */
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), -EINVAL);
	params(&p, 1);
	p.setup_prio = 8;
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), -EINVAL);
	params(&p, 1);
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	p.name = name;
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), -EINVAL);
	params(&p, 1);
	p.n_ero = 1;
	p.ero[0].prefix_len = 33;
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), -EINVAL);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(f.nsent, 0);
	/* A host without an address cannot send Path. */
	anon = fake_host(&fa, NULL);
	params(&p, 1);
	ck_assert_int_eq(rsvp_sender_open(anon, &p, NULL, NULL, &s), -EINVAL);
	rsvp_host_destroy(anon);
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(resv_gives_label_and_route_once_per_change)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	struct seen sn;
	struct rsvp_msg m;

	memset(&sn, 0, sizeof(sn));
	params(&p, 7);
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, &sn, &s), 0);
	ck_assert_ptr_null(rsvp_sender_resv(s));
	resv(&m, 7, 1000, true, 30000);
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nresv, 1);
	ck_assert_uint_eq(sn.resv.label, 1000);
	ck_assert_uint_eq(sn.resv.style, RSVP_STYLE_FF);
	ck_assert_str_eq(inet_ntoa(sn.resv.nhop), NHOP);
	ck_assert(sn.resv.has_flowspec);
	ck_assert_uint_eq(sn.resv.flowspec.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert_uint_eq(sn.resv.n_rro, 2);
	ck_assert_str_eq(inet_ntoa(sn.resv.rro[0].addr), NHOP);
	ck_assert(sn.resv.rro[0].has_label);
	ck_assert_uint_eq(sn.resv.rro[0].label, 1000);
	ck_assert_str_eq(inet_ntoa(sn.resv.rro[1].addr), DST);
	ck_assert_uint_eq(sn.resv.rro[1].label, 3);
	/* A refresh that changes nothing says nothing. */
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nresv, 1);
	/* A new label is news. */
	resv(&m, 7, 2000, true, 30000);
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nresv, 2);
	ck_assert_uint_eq(rsvp_sender_resv(s)->label, 2000);
	/* So is a route that changed. */
	resv(&m, 7, 2000, false, 30000);
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nresv, 3);
	ck_assert_uint_eq(sn.resv.n_rro, 0);
	/* A Resv for an LSP we do not send is not ours. */
	resv(&m, 8, 5000, false, 30000);
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nresv, 3);
	ck_assert_uint_eq(rsvp_sender_resv(s)->label, 2000);
	rsvp_host_destroy(h);
}
END_TEST

/* RFC 2205 3.1.9: a Resv with RESV_CONFIRM is answered with a ResvConf
 * to the receiver it names, for our descriptor only. */
START_TEST(resv_asking_confirm_answered_with_resvconf)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	const struct fake_pkt *pk;
	const struct rsvp_msg *c;
	struct seen sn;
	struct rsvp_msg m;
	struct rsvp_obj *o;
	size_t n;

	memset(&sn, 0, sizeof(sn));
	params(&p, 7);
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, &sn, &s), 0);
	/* Without RESV_CONFIRM: no ResvConf. */
	resv(&m, 7, 1000, false, 30000);
	n = f.nsent;
	fake_input(h, &m, NHOP, ME);
	ck_assert_uint_eq(f.nsent, n);
	/* RESV_CONFIRM goes after TIME_VALUES (RFC 2205 3.1.4). */
	memmove(&m.objs[4], &m.objs[3], (m.nobjs - 3) * sizeof(m.objs[0]));
	m.nobjs++;
	memset(&m.objs[3], 0, sizeof(m.objs[3]));
	o = &m.objs[3];
	o->class_num = RSVP_CLASS_RESV_CONFIRM;
	o->c_type = RSVP_CTYPE_IPV4;
	o->u.resv_confirm.receiver = fake_addr(DST);
	fake_input(h, &m, NHOP, ME);
	ck_assert_uint_eq(f.nsent, n + 1);
	ck_assert_int_eq(sn.nconf, 1);
	ck_assert_str_eq(inet_ntoa(sn.conf_to), DST);
	pk = fake_sent(&f, n);
	ck_assert_str_eq(inet_ntoa(pk->out.dst), DST);
	ck_assert(!pk->out.router_alert);
	c = fake_decode(&f, n);
	ck_assert_uint_eq(c->type, RSVP_MSG_RESVCONF);
	ck_assert_str_eq(inet_ntoa(fake_obj(c,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.node), ME);
	ck_assert_uint_eq(fake_obj(c, RSVP_CLASS_FILTER_SPEC)->
	    u.filter_lsp.lsp_id, 7);
	/* Not for an LSP we do not send. */
	m.objs[m.nobjs - 2].u.filter_lsp.lsp_id = 8;
	fake_input(h, &m, NHOP, ME);
	ck_assert_uint_eq(f.nsent, n + 1);
	ck_assert_int_eq(sn.nconf, 1);
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(resv_expires_after_its_lifetime)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_host_stats st;
	struct rsvp_sender *s;
	struct seen sn;
	struct rsvp_msg m;

	memset(&sn, 0, sizeof(sn));
	params(&p, 7);
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, &sn, &s), 0);
	resv(&m, 7, 1000, false, 1000);	/* R = 1 s: L = 5.25 s */
	fake_input(h, &m, NHOP, ME);
	f.now += 5249;
	rsvp_host_run_timers(h);
	ck_assert_int_eq(sn.nlost, 0);
	f.now += 1;
	rsvp_host_run_timers(h);
	ck_assert_int_eq(sn.nlost, 1);
	ck_assert_int_eq(sn.lost, RSVP_API_LOST_TIMEOUT);
	rsvp_host_stats(h, &st);
	ck_assert_uint_eq(st.resv_timeouts, 1);
	/* A Resv after that is a first one again. */
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nresv, 2);
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(resvtear_ends_the_reservation)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	struct seen sn;
	struct rsvp_msg m;
	struct rsvp_obj *o;

	memset(&sn, 0, sizeof(sn));
	params(&p, 7);
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, &sn, &s), 0);
	resv(&m, 7, 1000, false, 30000);
	fake_input(h, &m, NHOP, ME);

	rsvp_msg_init(&m, RSVP_MSG_RESVTEAR);
	o = rsvp_msg_add(&m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp.endpoint = fake_addr(DST);
	o->u.session_lsp.tunnel_id = 42;
	o->u.session_lsp.ext_tunnel_id = fake_addr(ME);
	o = rsvp_msg_add(&m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = fake_addr(NHOP);
	o = rsvp_msg_add(&m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
	o->u.style.options = RSVP_STYLE_FF;
	o = rsvp_msg_add(&m, RSVP_CLASS_FILTER_SPEC,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = fake_addr(ME);
	o->u.filter_lsp.lsp_id = 7;
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nlost, 1);
	ck_assert_int_eq(sn.lost, RSVP_API_LOST_TEAR);
	ck_assert_ptr_null(rsvp_sender_resv(s));
	/* Twice: nothing more to lose. */
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn.nlost, 1);
	/* No expiry is left behind. */
	f.now += 200000;
	rsvp_host_run_timers(h);
	ck_assert_int_eq(sn.nlost, 1);
	rsvp_host_destroy(h);
}
END_TEST

/* A PathErr Routing Problem / Bad strict node from NHOP (RFC 3209 4.3.4),
 * with our sender descriptor when 'lsp_id' >= 0. */
static void
patherr(struct rsvp_msg *m, int lsp_id)
{
	struct rsvp_obj *o;
	struct is_tspec t;
	int n;

	rsvp_msg_init(m, RSVP_MSG_PATHERR);
	o = rsvp_msg_add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp.endpoint = fake_addr(DST);
	o->u.session_lsp.tunnel_id = 42;
	o->u.session_lsp.ext_tunnel_id = fake_addr(ME);
	o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
	o->u.error_spec.node = fake_addr(NHOP);
	o->u.error_spec.code = RSVP_ERR_ROUTING;
	o->u.error_spec.value = RSVP_ERRV_RT_BAD_STRICT;
	if (lsp_id < 0)
		return;
	o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TEMPLATE,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = fake_addr(ME);
	o->u.filter_lsp.lsp_id = (uint16_t)lsp_id;
	o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV);
	fake_tspec(&t, 10);
	n = is_sender_tspec_encode(&t, o->u.opaque.data,
	    sizeof(o->u.opaque.data));
	o->u.opaque.len = (uint16_t)n;
}

START_TEST(patherr_reaches_its_sender)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s1, *s2;
	struct seen sn1, sn2;
	struct rsvp_msg m;

	memset(&sn1, 0, sizeof(sn1));
	memset(&sn2, 0, sizeof(sn2));
	params(&p, 1);
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, &sn1, &s1), 0);
	params(&p, 2);
	ck_assert_int_eq(rsvp_sender_open(h, &p, &cbs, &sn2, &s2), 0);
	patherr(&m, 2);
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn1.nerr, 0);
	ck_assert_int_eq(sn2.nerr, 1);
	ck_assert_uint_eq(sn2.err.code, RSVP_ERR_ROUTING);
	ck_assert_uint_eq(sn2.err.value, RSVP_ERRV_RT_BAD_STRICT);
	ck_assert_str_eq(inet_ntoa(sn2.err.node), NHOP);
	/* Without a sender descriptor: every LSP of the session, and a
	 * callback may close its own sender. */
	sn1.close_on_err = sn2.close_on_err = true;
	patherr(&m, -1);
	fake_input(h, &m, NHOP, ME);
	ck_assert_int_eq(sn1.nerr, 1);
	ck_assert_int_eq(sn2.nerr, 2);
	/* Both closed: two PathTears after two Paths. */
	ck_assert_uint_eq(f.nsent, 4);
	ck_assert_uint_eq(fake_decode(&f, 2)->type, RSVP_MSG_PATHTEAR);
	ck_assert_uint_eq(fake_decode(&f, 3)->type, RSVP_MSG_PATHTEAR);
	ck_assert_int_eq(rsvp_host_next_timer_ms(h), -1);
	rsvp_host_destroy(h);
	ck_assert_uint_eq(f.nsent, 4);
}
END_TEST

START_TEST(close_sends_pathtear)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, ME);
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	const struct rsvp_msg *m;
	const struct fake_pkt *pk;

	params(&p, 7);
	p.name = "t";
	p.record_route = true;
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), 0);
	rsvp_sender_close(s);
	rsvp_sender_close(NULL);
	ck_assert_uint_eq(f.nsent, 2);
	pk = fake_sent(&f, 1);
	ck_assert(pk->out.router_alert);
	ck_assert_str_eq(inet_ntoa(pk->out.dst), DST);
	m = fake_decode(&f, 1);
	ck_assert_uint_eq(m->type, RSVP_MSG_PATHTEAR);
	ck_assert_uint_eq(m->nobjs, 4);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_SESSION)->
	    u.session_lsp.tunnel_id, 42);
	ck_assert_str_eq(inet_ntoa(fake_obj(m, RSVP_CLASS_RSVP_HOP)->
	    u.hop.addr), ME);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_SENDER_TEMPLATE)->
	    u.filter_lsp.lsp_id, 7);
	fake_obj(m, RSVP_CLASS_SENDER_TSPEC);
	/* Nothing is left to refresh. */
	ck_assert_int_eq(rsvp_host_next_timer_ms(h), -1);
	/* The same LSP may be opened again. */
	ck_assert_int_eq(rsvp_sender_open(h, &p, NULL, NULL, &s), 0);
	ck_assert_str_eq(rsvp_sender_params(s)->name, "t");
	rsvp_host_destroy(h);
}
END_TEST

Suite *
api_sender_suite(void)
{
	Suite *s = suite_create("api_sender");
	TCase *tc = tcase_create("sender");

	tcase_add_test(tc, path_carries_every_object);
	tcase_add_test(tc, minimal_path_has_no_optional_objects);
	tcase_add_test(tc, flags_without_name_send_an_unnamed_attribute);
	tcase_add_test(tc, open_refuses_bad_params);
	tcase_add_test(tc, resv_gives_label_and_route_once_per_change);
	tcase_add_test(tc, resv_asking_confirm_answered_with_resvconf);
	tcase_add_test(tc, resv_expires_after_its_lifetime);
	tcase_add_test(tc, resvtear_ends_the_reservation);
	tcase_add_test(tc, patherr_reaches_its_sender);
	tcase_add_test(tc, close_sends_pathtear);
	suite_add_tcase(s, tc);
	return s;
}
