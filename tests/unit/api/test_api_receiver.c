/* host/api_receiver.c: the Resv a receiver answers a Path with (FF/SE,
 * CL/GS, own label or PHP, RRO), its ResvTear, and what PathTear, path
 * timeout, ResvErr and ResvConf do.  The Paths come from a real sender
 * host, which also answers a Resv asking for a confirmation. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "fake.h"
#include "suites.h"
#include "flowspec/units.h"

#define A	"10.0.1.1"	/* sender */
#define B	"10.0.1.2"	/* receiver, the tunnel end point */

struct seen {
	int npath, ngone, nerr, nconf;
	struct in_addr conf_node;
	uint32_t label;
	struct rsvp_receiver_path path;
	bool torn;
	struct rsvp_error_spec err;
	bool close_on_gone;
};

static void
on_path(void *arg, struct rsvp_receiver *r, const struct rsvp_receiver_path *p,
    uint32_t label)
{
	struct seen *sn = arg;

	(void)r;
	sn->npath++;
	sn->path = *p;
	sn->label = label;
}

static void
on_gone(void *arg, struct rsvp_receiver *r, const struct rsvp_receiver_path *p,
    bool torn)
{
	struct seen *sn = arg;

	sn->ngone++;
	sn->path = *p;
	sn->torn = torn;
	if (sn->close_on_gone)
		rsvp_receiver_close(r);
}

static void
on_err(void *arg, struct rsvp_receiver *r, const struct rsvp_receiver_path *p,
    const struct rsvp_error_spec *e)
{
	struct seen *sn = arg;

	(void)r;
	sn->nerr++;
	sn->path = *p;
	sn->err = *e;
}

static void
on_conf(void *arg, struct rsvp_receiver *r, const struct rsvp_receiver_path *p,
    struct in_addr node)
{
	struct seen *sn = arg;

	(void)r;
	sn->nconf++;
	sn->path = *p;
	sn->conf_node = node;
}

static const struct rsvp_receiver_cbs cbs = {
	on_path, on_gone, on_err, on_conf,
};

struct pair {
	struct fake fa, fb;
	struct rsvp_host *a, *b;
	struct rsvp_receiver *r;
	struct seen sn;
};

/* Hosts A and B; B's receiver as 'rp' says. */
static void
pair_open(struct pair *pr, const struct rsvp_receiver_params *rp)
{
	memset(&pr->sn, 0, sizeof(pr->sn));
	pr->a = fake_host(&pr->fa, A);
	pr->b = fake_host(&pr->fb, NULL);
	ck_assert_int_eq(rsvp_receiver_open(pr->b, rp, &cbs, &pr->sn, &pr->r),
	    0);
}

/* A opens LSP 'lsp_id' of tunnel 42 to B; its Path reaches B on ifindex 3. */
static struct rsvp_sender *
pair_path(struct pair *pr, uint16_t lsp_id, bool se, bool rro)
{
	struct rsvp_sender_params p;
	struct rsvp_sender *s;

	memset(&p, 0, sizeof(p));
	p.dst = fake_addr(B);
	p.tunnel_id = 42;
	p.lsp_id = lsp_id;
	fake_tspec(&p.tspec, 10);
	p.name = "flow";
	p.se_style = se;
	p.record_route = rro;
	p.ifindex = 9;
	ck_assert_int_eq(rsvp_sender_open(pr->a, &p, NULL, NULL, &s), 0);
	fake_deliver(&pr->fa, pr->fa.nsent - 1, pr->b, 3);
	return s;
}

static void
pair_close(struct pair *pr)
{
	rsvp_host_destroy(pr->b);
	rsvp_host_destroy(pr->a);
}

static void
rparams(struct rsvp_receiver_params *p, uint8_t service)
{
	memset(p, 0, sizeof(*p));
	p->service = service;
	p->label = 1000;
}

START_TEST(path_answered_with_ff_cl_resv)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	const struct rsvp_msg *m;
	const struct rsvp_obj *o;
	const struct fake_pkt *pk;
	struct is_flowspec fs;
	struct is_err ierr;
	static const uint8_t order[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_RSVP_HOP, RSVP_CLASS_TIME_VALUES,
		RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC, RSVP_CLASS_FILTER_SPEC,
		RSVP_CLASS_LABEL,
	};
	size_t i;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	pair_path(&pr, 7, false, false);
	ck_assert_int_eq(pr.sn.npath, 1);
	ck_assert_uint_eq(pr.sn.label, 1000);
	ck_assert_str_eq(pr.sn.path.name, "flow");
	ck_assert_str_eq(inet_ntoa(pr.sn.path.phop), A);
	ck_assert_uint_eq(pr.sn.path.sender.lsp_id, 7);
	ck_assert_uint_eq(pr.sn.path.session.tunnel_id, 42);
	ck_assert_uint_eq(units_is_rate_to_bits(pr.sn.path.tspec.rate),
	    10000000);
	ck_assert_uint_eq(rsvp_receiver_count(pr.r), 1);

	ck_assert_uint_eq(pr.fb.nsent, 1);
	pk = fake_sent(&pr.fb, 0);
	ck_assert_str_eq(inet_ntoa(pk->out.dst), A);
	ck_assert_str_eq(inet_ntoa(pk->out.src), B);
	ck_assert(!pk->out.router_alert);
	ck_assert_uint_eq(pk->out.ifindex, 3);
	m = fake_decode(&pr.fb, 0);
	ck_assert_uint_eq(m->type, RSVP_MSG_RESV);
	ck_assert_uint_eq(m->nobjs, sizeof(order));
	for (i = 0; i < sizeof(order); i++)
		ck_assert_uint_eq(m->objs[i].class_num, order[i]);
	o = fake_obj(m, RSVP_CLASS_SESSION);
	ck_assert_str_eq(inet_ntoa(o->u.session_lsp.endpoint), B);
	ck_assert_str_eq(inet_ntoa(o->u.session_lsp.ext_tunnel_id), A);
	o = fake_obj(m, RSVP_CLASS_RSVP_HOP);
	ck_assert_str_eq(inet_ntoa(o->u.hop.addr), B);
	ck_assert_uint_eq(o->u.hop.lih, 9);	/* A's LIH, returned */
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_STYLE)->u.style.options,
	    RSVP_STYLE_FF);
	o = fake_obj(m, RSVP_CLASS_FLOWSPEC);
	ck_assert_int_eq(is_flowspec_decode(o->u.opaque.data, o->u.opaque.len,
	    &fs, &ierr), 0);
	ck_assert_uint_eq(fs.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert_uint_eq(units_is_rate_to_bits(fs.tspec.rate), 10000000);
	ck_assert_uint_eq(fs.tspec.max_size, 1500);
	o = fake_obj(m, RSVP_CLASS_FILTER_SPEC);
	ck_assert_str_eq(inet_ntoa(o->u.filter_lsp.sender), A);
	ck_assert_uint_eq(o->u.filter_lsp.lsp_id, 7);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_LABEL)->u.label.label, 1000);

	/* A's host takes the Resv: the label reaches the sender. */
	fake_deliver(&pr.fb, 0, pr.a, 9);
	pair_close(&pr);
}
END_TEST

START_TEST(gs_reserves_the_asked_rate)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	const struct rsvp_obj *o;
	struct is_flowspec fs;
	struct is_err ierr;

	rparams(&rp, IS_SVC_GUARANTEED);
	rp.reserve_bits = 20000000;
	pair_open(&pr, &rp);
	pair_path(&pr, 1, false, false);
	o = fake_obj(fake_last(&pr.fb), RSVP_CLASS_FLOWSPEC);
	ck_assert_int_eq(is_flowspec_decode(o->u.opaque.data, o->u.opaque.len,
	    &fs, &ierr), 0);
	ck_assert_uint_eq(fs.service, IS_SVC_GUARANTEED);
	ck_assert_uint_eq(units_is_rate_to_bits(fs.tspec.rate), 10000000);
	ck_assert_uint_eq(units_is_rate_to_bits(fs.rspec.rate), 20000000);
	ck_assert_uint_eq(fs.rspec.slack, 0);
	pair_close(&pr);

	/* CL with --reserve: the TSpec's r is what we ask. */
	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	rp.reserve_bits = 5000000;
	pair_open(&pr, &rp);
	pair_path(&pr, 1, false, false);
	o = fake_obj(fake_last(&pr.fb), RSVP_CLASS_FLOWSPEC);
	ck_assert_int_eq(is_flowspec_decode(o->u.opaque.data, o->u.opaque.len,
	    &fs, &ierr), 0);
	ck_assert_uint_eq(units_is_rate_to_bits(fs.tspec.rate), 5000000);
	pair_close(&pr);
}
END_TEST

START_TEST(php_answers_implicit_null)
{
	struct rsvp_receiver_params rp;
	struct pair pr;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	rp.php = true;
	pair_open(&pr, &rp);
	pair_path(&pr, 1, false, false);
	pair_path(&pr, 2, false, false);
	ck_assert_uint_eq(pr.sn.label, 3);
	ck_assert_uint_eq(fake_obj(fake_last(&pr.fb), RSVP_CLASS_LABEL)->
	    u.label.label, 3);
	pair_close(&pr);
}
END_TEST

START_TEST(own_labels_one_per_lsp)
{
	struct rsvp_receiver_params rp;
	struct pair pr;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	pair_path(&pr, 1, false, false);
	ck_assert_uint_eq(pr.sn.label, 1000);
	pair_path(&pr, 2, false, false);
	ck_assert_uint_eq(pr.sn.label, 1001);
	/* FF: one Resv per LSP, each with its label. */
	ck_assert_uint_eq(fake_obj(fake_last(&pr.fb), RSVP_CLASS_LABEL)->
	    u.label.label, 1001);
	/* A refreshed Path is not a new LSP and is not answered at once. */
	fake_deliver(&pr.fa, 1, pr.b, 3);
	ck_assert_int_eq(pr.sn.npath, 2);
	ck_assert_uint_eq(pr.fb.nsent, 2);
	ck_assert_uint_eq(rsvp_receiver_count(pr.r), 2);
	pair_close(&pr);
}
END_TEST

START_TEST(se_shares_one_flowspec)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	const struct rsvp_msg *m;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	/* The Path asks for SE (RFC 3209 4.7.1); make-before-break: a
	 * second LSP of the same tunnel. */
	pair_path(&pr, 1, true, false);
	pair_path(&pr, 2, true, false);
	m = fake_last(&pr.fb);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_STYLE)->u.style.options,
	    RSVP_STYLE_SE);
	ck_assert_ptr_null(fake_nth(m, RSVP_CLASS_FLOWSPEC, 1));
	ck_assert_ptr_nonnull(fake_nth(m, RSVP_CLASS_FILTER_SPEC, 1));
	ck_assert_uint_eq(fake_nth(m, RSVP_CLASS_LABEL, 0)->u.label.label,
	    1001);
	ck_assert_uint_eq(fake_nth(m, RSVP_CLASS_LABEL, 1)->u.label.label,
	    1000);
	pair_close(&pr);

	/* --style ff overrides the wish. */
	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	rp.style = RSVP_API_STYLE_FF;
	pair_open(&pr, &rp);
	pair_path(&pr, 1, true, false);
	ck_assert_uint_eq(fake_obj(fake_last(&pr.fb), RSVP_CLASS_STYLE)->
	    u.style.options, RSVP_STYLE_FF);
	pair_close(&pr);
}
END_TEST

START_TEST(rro_starts_at_the_receiver)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	const struct rsvp_obj *o;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	pair_path(&pr, 1, false, true);
	ck_assert(pr.sn.path.record_route);
	ck_assert_uint_eq(pr.sn.path.n_rro, 1);
	ck_assert_str_eq(inet_ntoa(pr.sn.path.rro[0].addr), A);
	o = fake_obj(fake_last(&pr.fb), RSVP_CLASS_RECORD_ROUTE);
	/* Label recording was asked: address, then label (RFC 3209 4.4). */
	ck_assert_uint_eq(o->u.route.nsub, 2);
	ck_assert_str_eq(inet_ntoa(o->u.route.sub[0].addr), B);
	ck_assert_uint_eq(o->u.route.sub[1].type, RSVP_SUBOBJ_LABEL);
	ck_assert_uint_eq(o->u.route.sub[1].label, 1000);
	pair_close(&pr);
}
END_TEST

START_TEST(resv_refreshes_within_jitter)
{
	struct rsvp_receiver_params rp;
	struct pair pr;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	pr.fb.rnd = 30000;		/* 1.5 R */
	pair_path(&pr, 1, false, false);
	ck_assert_uint_eq(pr.fb.nsent, 1);
	/* Keep the path alive, as A would. */
	pr.fb.now += 30000;
	fake_deliver(&pr.fa, 0, pr.b, 3);
	pr.fb.now += 14999;
	rsvp_host_run_timers(pr.b);
	ck_assert_uint_eq(pr.fb.nsent, 1);
	pr.fb.now += 1;
	rsvp_host_run_timers(pr.b);
	ck_assert_uint_eq(pr.fb.nsent, 2);
	ck_assert_uint_eq(fake_last(&pr.fb)->type, RSVP_MSG_RESV);
	pair_close(&pr);
}
END_TEST

START_TEST(pathtear_and_timeout_end_the_lsp)
{
	struct rsvp_receiver_params rp;
	struct rsvp_host_stats st;
	struct rsvp_sender *s;
	struct pair pr;
	size_t sent;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	s = pair_path(&pr, 1, false, false);
	rsvp_sender_close(s);
	fake_deliver(&pr.fa, pr.fa.nsent - 1, pr.b, 3);
	ck_assert_int_eq(pr.sn.ngone, 1);
	ck_assert(pr.sn.torn);
	ck_assert_uint_eq(rsvp_receiver_count(pr.r), 0);
	/* Nothing more to refresh; no ResvTear either (RFC 2205 3.1.5). */
	sent = pr.fb.nsent;
	ck_assert_int_eq(rsvp_host_next_timer_ms(pr.b), -1);

	/* A Path that is never refreshed: gone after L = 157.5 s. */
	pair_path(&pr, 2, false, false);
	ck_assert_uint_eq(pr.fb.nsent, sent + 1);
	pr.fb.now += 157499;
	rsvp_host_run_timers(pr.b);
	ck_assert_int_eq(pr.sn.ngone, 1);
	pr.fb.now += 1;
	rsvp_host_run_timers(pr.b);
	ck_assert_int_eq(pr.sn.ngone, 2);
	ck_assert(!pr.sn.torn);
	ck_assert_uint_eq(pr.sn.path.sender.lsp_id, 2);
	rsvp_host_stats(pr.b, &st);
	ck_assert_uint_eq(st.path_timeouts, 1);
	ck_assert_int_eq(rsvp_host_next_timer_ms(pr.b), -1);
	pair_close(&pr);
}
END_TEST

START_TEST(close_sends_resvtear)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	const struct rsvp_msg *m;
	const struct fake_pkt *pk;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	pair_path(&pr, 1, true, false);
	pair_path(&pr, 2, true, false);
	ck_assert_uint_eq(pr.fb.nsent, 2);
	rsvp_receiver_close(pr.r);
	/* SE: one ResvTear for both LSPs towards their previous hop. */
	ck_assert_uint_eq(pr.fb.nsent, 3);
	pk = fake_sent(&pr.fb, 2);
	ck_assert_str_eq(inet_ntoa(pk->out.dst), A);
	m = fake_decode(&pr.fb, 2);
	ck_assert_uint_eq(m->type, RSVP_MSG_RESVTEAR);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_STYLE)->u.style.options,
	    RSVP_STYLE_SE);
	ck_assert_ptr_nonnull(fake_nth(m, RSVP_CLASS_FILTER_SPEC, 1));
	ck_assert_ptr_null(fake_nth(m, RSVP_CLASS_LABEL, 0));
	ck_assert_int_eq(rsvp_host_next_timer_ms(pr.b), -1);
	/* Another receiver may open now; a second one may not. */
	ck_assert_int_eq(rsvp_receiver_open(pr.b, &rp, NULL, NULL, &pr.r), 0);
	ck_assert_int_eq(rsvp_receiver_open(pr.b, &rp, NULL, NULL, &pr.r),
	    -EBUSY);
	pair_close(&pr);
}
END_TEST

START_TEST(callback_may_close_the_receiver)
{
	struct rsvp_receiver_params rp;
	struct rsvp_sender *s;
	struct pair pr;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	s = pair_path(&pr, 1, true, false);
	pair_path(&pr, 2, true, false);
	pr.sn.close_on_gone = true;
	rsvp_sender_close(s);
	fake_deliver(&pr.fa, pr.fa.nsent - 1, pr.b, 3);
	ck_assert_int_eq(pr.sn.ngone, 1);
	/* The close sent a ResvTear for the LSP that was left. */
	ck_assert_uint_eq(fake_last(&pr.fb)->type, RSVP_MSG_RESVTEAR);
	ck_assert_int_eq(rsvp_host_next_timer_ms(pr.b), -1);
	pair_close(&pr);
}
END_TEST

START_TEST(resverr_reaches_the_receiver)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	struct rsvp_msg m;
	struct rsvp_obj *o;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	pair_path(&pr, 5, false, false);
	rsvp_msg_init(&m, RSVP_MSG_RESVERR);
	o = rsvp_msg_add(&m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp = pr.sn.path.session;
	o = rsvp_msg_add(&m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = fake_addr(A);
	o = rsvp_msg_add(&m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
	o->u.error_spec.node = fake_addr(A);
	o->u.error_spec.code = RSVP_ERR_ADMISSION;
	o->u.error_spec.value = RSVP_ERRV_ADM_BANDWIDTH;
	o = rsvp_msg_add(&m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
	o->u.style.options = RSVP_STYLE_FF;
	o = rsvp_msg_add(&m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV);
	*o = *fake_obj(fake_last(&pr.fb), RSVP_CLASS_FLOWSPEC);
	o = rsvp_msg_add(&m, RSVP_CLASS_FILTER_SPEC,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp = pr.sn.path.sender;
	fake_input(pr.b, &m, A, B);
	ck_assert_int_eq(pr.sn.nerr, 1);
	ck_assert_uint_eq(pr.sn.err.code, RSVP_ERR_ADMISSION);
	ck_assert_uint_eq(pr.sn.err.value, RSVP_ERRV_ADM_BANDWIDTH);
	ck_assert_uint_eq(pr.sn.path.sender.lsp_id, 5);
	pair_close(&pr);
}
END_TEST

static int sender_errs;
static struct rsvp_error_spec sender_err;

static void
on_sender_err(void *arg, struct rsvp_sender *s,
    const struct rsvp_error_spec *e)
{
	(void)arg;
	(void)s;
	sender_errs++;
	sender_err = *e;
}

START_TEST(bad_tspec_answered_with_patherr)
{
	static const struct rsvp_sender_cbs scbs = { NULL, NULL,
	    on_sender_err, NULL };
	struct rsvp_receiver_params rp;
	struct rsvp_sender_params sp;
	struct rsvp_host_stats st;
	struct rsvp_sender *s;
	struct pair pr;
	struct rsvp_msg m;
	struct rsvp_obj *o;
	const struct rsvp_msg *e;
	struct is_tspec t;
	size_t i;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	pair_open(&pr, &rp);
	memset(&sp, 0, sizeof(sp));
	sp.dst = fake_addr(B);
	sp.tunnel_id = 42;
	sp.lsp_id = 1;
	fake_tspec(&sp.tspec, 10);
	ck_assert_int_eq(rsvp_sender_open(pr.a, &sp, &scbs, NULL, &s), 0);
	/* The same Path with m > M in its TSpec. */
	m = *fake_last(&pr.fa);
	for (i = 0; i < m.nobjs; i++) {
		o = &m.objs[i];
		if (o->class_num != RSVP_CLASS_SENDER_TSPEC)
			continue;
		fake_tspec(&t, 10);
		t.min_unit = 9000;
		o->u.opaque.len = (uint16_t)is_sender_tspec_encode(&t,
		    o->u.opaque.data, sizeof(o->u.opaque.data));
	}
	fake_input(pr.b, &m, A, B);
	ck_assert_int_eq(pr.sn.npath, 0);
	ck_assert_uint_eq(rsvp_receiver_count(pr.r), 0);
	ck_assert_uint_eq(pr.fb.nsent, 1);
	ck_assert_str_eq(inet_ntoa(fake_sent(&pr.fb, 0)->out.dst), A);
	e = fake_last(&pr.fb);
	ck_assert_uint_eq(e->type, RSVP_MSG_PATHERR);
	ck_assert_uint_eq(fake_obj(e, RSVP_CLASS_ERROR_SPEC)->u.error_spec.code,
	    RSVP_ERR_TRAFFIC_CONTROL);
	ck_assert_uint_eq(fake_obj(e, RSVP_CLASS_ERROR_SPEC)->u.error_spec.value,
	    RSVP_ERRV_TC_BAD_TSPEC);
	ck_assert_str_eq(inet_ntoa(fake_obj(e, RSVP_CLASS_ERROR_SPEC)->
	    u.error_spec.node), B);
	rsvp_host_stats(pr.b, &st);
	ck_assert_uint_eq(st.path_err_sent, 1);
	ck_assert_int_eq(rsvp_host_next_timer_ms(pr.b), -1);
	/* It reaches the sender's callback. */
	sender_errs = 0;
	fake_deliver(&pr.fb, 0, pr.a, 9);
	ck_assert_int_eq(sender_errs, 1);
	ck_assert_uint_eq(sender_err.value, RSVP_ERRV_TC_BAD_TSPEC);
	pair_close(&pr);
}
END_TEST

/* RFC 2205 3.1.4, 3.1.9: the receiver asks with RESV_CONFIRM, the sender
 * answers straight to it with a ResvConf, the receiver is told once and
 * stops asking. */
START_TEST(confirm_asked_answered_and_told_once)
{
	struct rsvp_receiver_params rp;
	struct rsvp_host_stats st;
	struct pair pr;
	const struct rsvp_msg *m;
	const struct rsvp_obj *o;
	const struct fake_pkt *pk;
	size_t nb, na;
	static const uint8_t order[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC,
		RSVP_CLASS_RESV_CONFIRM, RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC,
		RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_LABEL,
	};
	size_t i;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	rp.confirm = true;
	pair_open(&pr, &rp);
	pair_path(&pr, 7, false, false);
	m = fake_last(&pr.fb);
	ck_assert_uint_eq(m->type, RSVP_MSG_RESV);
	o = fake_obj(m, RSVP_CLASS_RESV_CONFIRM);
	ck_assert_str_eq(inet_ntoa(o->u.resv_confirm.receiver), B);
	/* A answers B's Resv with a ResvConf to B, not hop by hop. */
	na = pr.fa.nsent;
	fake_deliver(&pr.fb, pr.fb.nsent - 1, pr.a, 9);
	ck_assert_uint_eq(pr.fa.nsent, na + 1);
	pk = fake_sent(&pr.fa, na);
	ck_assert_str_eq(inet_ntoa(pk->out.dst), B);
	ck_assert_str_eq(inet_ntoa(pk->out.src), A);
	ck_assert(!pk->out.router_alert);
	ck_assert_uint_eq(pk->out.ifindex, 0);
	m = fake_decode(&pr.fa, na);
	ck_assert_uint_eq(m->type, RSVP_MSG_RESVCONF);
	ck_assert_uint_eq(m->nobjs, sizeof(order));
	for (i = 0; i < sizeof(order); i++)
		ck_assert_uint_eq(m->objs[i].class_num, order[i]);
	o = fake_obj(m, RSVP_CLASS_ERROR_SPEC);
	ck_assert_str_eq(inet_ntoa(o->u.error_spec.node), A);
	ck_assert_uint_eq(o->u.error_spec.code, 0);
	ck_assert_uint_eq(o->u.error_spec.value, 0);
	ck_assert_str_eq(inet_ntoa(fake_obj(m,
	    RSVP_CLASS_RESV_CONFIRM)->u.resv_confirm.receiver), B);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_STYLE)->u.style.options,
	    RSVP_STYLE_FF);
	ck_assert_uint_eq(fake_obj(m,
	    RSVP_CLASS_FILTER_SPEC)->u.filter_lsp.lsp_id, 7);
	ck_assert_uint_eq(fake_obj(m, RSVP_CLASS_LABEL)->u.label.label, 1000);
	rsvp_host_stats(pr.a, &st);
	ck_assert_uint_eq(st.resvconf_sent, 1);
	/* B is told once, by A; again is not news. */
	fake_deliver(&pr.fa, na, pr.b, 3);
	ck_assert_int_eq(pr.sn.nconf, 1);
	ck_assert_str_eq(inet_ntoa(pr.sn.conf_node), A);
	ck_assert_uint_eq(pr.sn.path.sender.lsp_id, 7);
	fake_deliver(&pr.fa, na, pr.b, 3);
	ck_assert_int_eq(pr.sn.nconf, 1);
	rsvp_host_stats(pr.b, &st);
	ck_assert_uint_eq(st.resvconf_rx, 2);
	/* The refresh no longer asks, so A sends no more ResvConf. */
	nb = pr.fb.nsent;
	pr.fb.now += 2 * RSVP_API_REFRESH_MS;
	rsvp_host_run_timers(pr.b);
	ck_assert_uint_gt(pr.fb.nsent, nb);
	m = fake_last(&pr.fb);
	ck_assert_uint_eq(m->type, RSVP_MSG_RESV);
	ck_assert_ptr_null(rsvp_msg_find(m, RSVP_CLASS_RESV_CONFIRM));
	fake_deliver(&pr.fb, pr.fb.nsent - 1, pr.a, 9);
	rsvp_host_stats(pr.a, &st);
	ck_assert_uint_eq(st.resvconf_sent, 1);
	pair_close(&pr);
}
END_TEST

/* SE: a second LSP joining the reservation asks again; the ResvConf for
 * both tells only the new one. */
START_TEST(confirm_again_for_a_new_se_lsp)
{
	struct rsvp_receiver_params rp;
	struct pair pr;
	const struct rsvp_msg *m;
	size_t na;

	rparams(&rp, IS_SVC_CONTROLLED_LOAD);
	rp.confirm = true;
	pair_open(&pr, &rp);
	pair_path(&pr, 1, true, false);
	na = pr.fa.nsent;
	fake_deliver(&pr.fb, pr.fb.nsent - 1, pr.a, 9);
	fake_deliver(&pr.fa, na, pr.b, 3);
	ck_assert_int_eq(pr.sn.nconf, 1);
	pair_path(&pr, 2, true, false);
	m = fake_last(&pr.fb);
	ck_assert_ptr_nonnull(rsvp_msg_find(m, RSVP_CLASS_RESV_CONFIRM));
	ck_assert_ptr_nonnull(fake_nth(m, RSVP_CLASS_FILTER_SPEC, 1));
	na = pr.fa.nsent;
	fake_deliver(&pr.fb, pr.fb.nsent - 1, pr.a, 9);
	m = fake_decode(&pr.fa, na);
	ck_assert_uint_eq(m->type, RSVP_MSG_RESVCONF);
	ck_assert_ptr_nonnull(fake_nth(m, RSVP_CLASS_FILTER_SPEC, 1));
	ck_assert_ptr_null(fake_nth(m, RSVP_CLASS_FLOWSPEC, 1));
	fake_deliver(&pr.fa, na, pr.b, 3);
	ck_assert_int_eq(pr.sn.nconf, 2);
	ck_assert_uint_eq(pr.sn.path.sender.lsp_id, 2);
	pair_close(&pr);
}
END_TEST

START_TEST(open_refuses_bad_params)
{
	struct rsvp_receiver_params rp;
	struct rsvp_receiver *r;
	struct fake f;
	struct rsvp_host *h = fake_host(&f, B);

	rparams(&rp, 1);
	ck_assert_int_eq(rsvp_receiver_open(h, &rp, NULL, NULL, &r), -EINVAL);
	rparams(&rp, IS_SVC_GUARANTEED);
	rp.label = 15;
	ck_assert_int_eq(rsvp_receiver_open(h, &rp, NULL, NULL, &r), -EINVAL);
	rp.label = 1u << 20;
	ck_assert_int_eq(rsvp_receiver_open(h, &rp, NULL, NULL, &r), -EINVAL);
	rp.php = true;
	ck_assert_int_eq(rsvp_receiver_open(h, &rp, NULL, NULL, &r), 0);
	rsvp_host_destroy(h);
}
END_TEST

Suite *
api_receiver_suite(void)
{
	Suite *s = suite_create("api_receiver");
	TCase *tc = tcase_create("receiver");

	tcase_add_test(tc, path_answered_with_ff_cl_resv);
	tcase_add_test(tc, gs_reserves_the_asked_rate);
	tcase_add_test(tc, php_answers_implicit_null);
	tcase_add_test(tc, own_labels_one_per_lsp);
	tcase_add_test(tc, se_shares_one_flowspec);
	tcase_add_test(tc, rro_starts_at_the_receiver);
	tcase_add_test(tc, resv_refreshes_within_jitter);
	tcase_add_test(tc, pathtear_and_timeout_end_the_lsp);
	tcase_add_test(tc, close_sends_resvtear);
	tcase_add_test(tc, callback_may_close_the_receiver);
	tcase_add_test(tc, resverr_reaches_the_receiver);
	tcase_add_test(tc, bad_tspec_answered_with_patherr);
	tcase_add_test(tc, confirm_asked_answered_and_told_once);
	tcase_add_test(tc, confirm_again_for_a_new_se_lsp);
	tcase_add_test(tc, open_refuses_bad_params);
	suite_add_tcase(s, tc);
	return s;
}
