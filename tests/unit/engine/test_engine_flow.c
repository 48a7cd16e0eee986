/*
 * QoS flows through env.flow_set/flow_del (engine_flow.c, lsp_dp.c,
 * rsb.c): what the engine asks the flows, a refusal answered with a
 * ResvErr and nothing upstream, a refused change that keeps the old
 * reservation, teardown, and a flow the flows took down themselves
 * (engine_flow_gone).  The flows are a recording fake.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "flowspec/intserv.h"
#include "suites.h"

#define FLOWS_MAX	8

/* The recording fake of dom0/flows.h. */
static struct {
	int		answer;		/* flow_set returns this */
	uint8_t		code;		/* and, when -1, this ERROR_SPEC */
	uint16_t	value;
	bool		was_removed;	/* and says the old flow is gone */
	unsigned	nset;
	unsigned	ndel;
	uint64_t	del_key;
	struct flow_req	last;		/* pointers cleared */
	struct is_tspec	sender;
	bool		has_sender;
	struct is_flowspec fs;
	bool		has_fs;
} FL;

static int
fl_set(void *arg, const struct flow_req *req, struct flow_err *err_r)
{
	struct is_err ie;

	ck_assert_ptr_eq(arg, &FL);
	FL.nset++;
	FL.last = *req;
	FL.has_sender = req->sender_tspec != NULL &&
	    is_sender_tspec_decode(req->sender_tspec, req->sender_tspec_len,
	    &FL.sender, &ie) == 0;
	FL.has_fs = req->flowspec != NULL &&
	    is_flowspec_decode(req->flowspec, req->flowspec_len, &FL.fs,
	    &ie) == 0;
	FL.last.sender_tspec = NULL;
	FL.last.flowspec = NULL;
	if (FL.answer < 0) {
		err_r->code = FL.code;
		err_r->value = FL.value;
		err_r->was_removed = FL.was_removed;
		snprintf(err_r->msg, sizeof(err_r->msg), "refused by the fake");
	}
	return FL.answer;
}

/* A restart kept label 500 for tunnel 7's LSP 1. */
static int
fl_label(void *arg, const struct flow_session *fs, uint32_t *label_r)
{
	ck_assert_ptr_eq(arg, &FL);
	if (fs->tunnel_id != 7 || fs->lsp_id != 1)
		return -ENOENT;
	*label_r = 500;
	return 0;
}

static int
fl_del(void *arg, uint64_t key)
{
	ck_assert_ptr_eq(arg, &FL);
	FL.ndel++;
	FL.del_key = key;
	return 0;
}

/* The fake engine again, now with flow ops. */
static void
flow_setup(void)
{
	struct engine_env env;

	fake_setup();
	engine_destroy(F.e);
	memset(&FL, 0, sizeof(FL));
	fake_env(&env);
	env.flow_arg = &FL;
	env.flow_set = fl_set;
	env.flow_del = fl_del;
	ck_assert_int_eq(engine_create(&env, &F.e), 0);
}

/* A Path from A and a Resv from R2 (label 100) for tunnel 7. */
static void
lsp_up(bool sa)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	ps.sa = sa;
	ps.name = "qos";
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
}

static const struct rsvp_obj *
error_spec(uint8_t type)
{
	const struct sent *s = fake_last(type);

	ck_assert_ptr_nonnull(s);
	return rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC);
}

/* "qos" of the first LSP of lsp list. */
static bool
lsp_qos(void)
{
	json_t *r;
	char err[128];
	bool qos;

	ck_assert_int_eq(engine_query(F.e, "lsp list", NULL, &r, err,
	    sizeof(err)), 0);
	qos = json_is_true(json_object_get(json_array_get(r, 0), "qos"));
	json_decref(r);
	return qos;
}

START_TEST(qos_resv_asks_the_flows)
{
	static const uint8_t mac_r2[6] = { 2, 0, 0, 0, 12, 2 };
	static const uint8_t mac_r1[6] = { 2, 0, 0, 0, 12, 1 };

	lsp_up(true);
	ck_assert_uint_eq(FL.nset, 1);
	ck_assert_uint_eq(FL.last.key, 16);	/* our in label */
	ck_assert_uint_eq(FL.last.in_label, 16);
	ck_assert_uint_eq(FL.last.out_label, 100);
	ck_assert_uint_eq(FL.last.out_ifindex, IF_R2);
	ck_assert_mem_eq(FL.last.nexthop_mac, mac_r2, 6);
	ck_assert_mem_eq(FL.last.source_mac, mac_r1, 6);
	ck_assert_uint_eq(FL.last.setup_prio, 4);
	ck_assert_uint_eq(FL.last.hold_prio, 3);
	ck_assert_str_eq(FL.last.name, "qos");
	ck_assert_uint_eq(FL.last.session.tunnel_id, 7);
	ck_assert_uint_eq(FL.last.session.lsp_id, 1);
	ck_assert_uint_eq(FL.last.session.sender.s_addr, A(ADDR_A).s_addr);
	ck_assert_uint_eq(FL.last.session.endpoint.s_addr, A(ADDR_B).s_addr);
	ck_assert(FL.has_sender);	/* the Path's SENDER_TSPEC, decodable */
	ck_assert(FL.has_fs);
	ck_assert_uint_eq(FL.fs.service, IS_SVC_CONTROLLED_LOAD);
	/* The flow owns the ILM entry: no best-effort one. */
	ck_assert_uint_eq(F.nilm, 0);
	/* Ordered control: our label goes upstream once the flow is up. */
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg,
	    RSVP_CLASS_LABEL)->u.label.label, 16);
	/* lsp list says it is a QoS flow. */
	ck_assert(lsp_qos());
	/* A refresh that changes nothing does not ask again. */
	lsp_up(true);
	ck_assert_uint_eq(FL.nset, 1);
}
END_TEST

START_TEST(pop_is_asked_as_label_3)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	rs.label[0] = 3;
	send_resv(&rs);
	ck_assert_uint_eq(FL.nset, 1);
	ck_assert_uint_eq(FL.last.out_label, FLOWS_OUT_LABEL_POP);
	/* Without SESSION_ATTRIBUTE: 7/7 (RFC 3209 4.7.1). */
	ck_assert_uint_eq(FL.last.setup_prio, 7);
	ck_assert_uint_eq(FL.last.hold_prio, 7);
}
END_TEST

START_TEST(best_effort_answer_programs_a_swap)
{
	FL.answer = FLOWS_BEST_EFFORT;
	lsp_up(false);
	ck_assert_uint_eq(FL.nset, 1);
	ck_assert_uint_eq(F.nilm, 1);
	ck_assert_uint_eq(fake_ilm(16)->action, DP_ILM_SWAP);
	ck_assert(!lsp_qos());
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
	send_pathtear(7, 1);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(FL.ndel, 0);	/* it never was a flow */
}
END_TEST

START_TEST(refusal_sends_resverr_and_nothing_upstream)
{
	const struct rsvp_obj *es;
	const struct sent *s;
	struct resv_spec rs;

	FL.answer = -1;
	FL.code = 1;
	FL.value = 2;
	lsp_up(false);
	ck_assert_uint_eq(FL.nset, 1);
	/* RFC 2205 3.5: a ResvErr to the next hop that sent the Resv. */
	s = fake_last(RSVP_MSG_RESVERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_R2).s_addr);
	es = error_spec(RSVP_MSG_RESVERR);
	ck_assert_uint_eq(es->u.error_spec.code, 1);
	ck_assert_uint_eq(es->u.error_spec.value, 2);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	ck_assert_uint_eq(counter(ENGINE_C_ADMISSION), 1);
	ck_assert_uint_eq(FL.ndel, 0);
	/* The next refresh from downstream asks again, and gets in. */
	FL.answer = 0;
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(FL.nset, 2);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
}
END_TEST

/* A PathErr towards host A with the refusal's ERROR_SPEC, path kept. */
static void
patherr_to_sender(uint8_t code, uint16_t value)
{
	const struct rsvp_obj *es, *t;
	const struct sent *s;

	s = fake_last(RSVP_MSG_PATHERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	ck_assert_uint_eq(s->out.ifindex, IF_A);
	es = error_spec(RSVP_MSG_PATHERR);
	ck_assert_uint_eq(es->u.error_spec.code, code);
	ck_assert_uint_eq(es->u.error_spec.value, value);
	/* From the refusing node: our address towards the sender. */
	ck_assert_uint_eq(es->u.error_spec.node.s_addr, A(ADDR_R1_A).s_addr);
	/* The path state stays: no Path_State_Removed (RFC 3473 4.4). */
	ck_assert_uint_eq(es->u.error_spec.flags, 0);
	t = rsvp_msg_find(s->msg, RSVP_CLASS_SENDER_TEMPLATE);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->u.filter_lsp.sender.s_addr, A(ADDR_A).s_addr);
	ck_assert_uint_eq(t->u.filter_lsp.lsp_id, 1);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_SENDER_TSPEC));
}

START_TEST(refusal_tells_the_sender)
{
	struct resv_spec rs;

	FL.answer = -1;
	FL.code = 1;
	FL.value = 0x8003;
	lsp_up(true);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 1);
	patherr_to_sender(1, 0x8003);
	/* Path state kept: no PathTear downstream, a refresh goes on. */
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 0);
	fake_clear_sent();
	fake_advance(FAKE_R_MS * 2);
	ck_assert_uint_ge(fake_count(RSVP_MSG_PATH), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 0);
	/* Each refresh of the receiver's (here after 2 R) is answered. */
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(FL.nset, 2);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 1);
	patherr_to_sender(1, 0x8003);
}
END_TEST

START_TEST(refusal_patherr_is_held_down)
{
	struct resv_spec rs;

	FL.answer = -1;
	FL.code = 1;
	FL.value = 2;
	lsp_up(false);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 1);
	/* The same refusal again before R / 2: ResvErr only. */
	fake_clear_sent();
	fake_advance(FAKE_R_MS / 2 - 1);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(FL.nset, 2);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 0);
	/* Another error is news at once. */
	FL.value = 0x8001;
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 1);
	patherr_to_sender(1, 0x8001);
	/* At R / 2 after the last one, the same error goes again. */
	fake_clear_sent();
	fake_advance(FAKE_R_MS / 2);
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 1);
	/* Admitted, then refused again at once: a new refusal, told. */
	FL.answer = 0;
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
	fake_clear_sent();
	FL.answer = -1;
	rs.rate = 200000;
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 1);
	patherr_to_sender(1, 0x8001);
}
END_TEST

START_TEST(only_admission_failures_reach_the_sender)
{
	struct resv_spec rs;

	/* A FLOWSPEC that does not decode is the receiver's own fault. */
	FL.answer = -1;
	FL.code = 21;
	FL.value = 4;
	lsp_up(false);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 0);
	/* Best effort: no refusal, no PathErr. */
	FL.answer = FLOWS_BEST_EFFORT;
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 0);
	/* A label refused is a ResvErr only, QoS or not. */
	fake_clear_sent();
	rs.label[0] = 5;
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHERR), 0);
}
END_TEST

START_TEST(refused_change_tells_the_sender)
{
	struct resv_spec rs;

	lsp_up(false);
	fake_clear_sent();
	FL.answer = -1;
	FL.code = 1;
	FL.value = 2;
	resv_spec_default(&rs);
	rs.rate = 200000;		/* grows: refused, the old one stays */
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	patherr_to_sender(1, 2);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVTEAR), 0);
	ck_assert_uint_eq(FL.ndel, 0);
	ck_assert(lsp_qos());
}
END_TEST

START_TEST(refusal_after_the_neighbor_tells_the_sender)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	F.neigh_pending = true;
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(FL.nset, 0);
	FL.answer = -1;
	FL.code = 1;
	FL.value = 2;
	F.neigh_pending = false;
	fake_clear_sent();
	fake_advance(1000);		/* the MAC is known: asked, refused */
	ck_assert_uint_eq(FL.nset, 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	patherr_to_sender(1, 2);
	ck_assert_uint_eq(counter(ENGINE_C_ADMISSION), 1);
	ck_assert_uint_eq(labels_used(F.labels), 0);
}
END_TEST

START_TEST(refused_change_keeps_the_old_reservation)
{
	struct is_flowspec fs;
	struct is_err ie;
	const struct rsvp_obj *o;
	struct resv_spec rs;

	lsp_up(false);
	ck_assert_uint_eq(FL.nset, 1);
	fake_clear_sent();
	FL.answer = -1;
	FL.code = 1;
	FL.value = 2;
	resv_spec_default(&rs);
	rs.rate = 200000;		/* grows: refused */
	send_resv(&rs);
	ck_assert_uint_eq(FL.nset, 2);
	ck_assert_float_eq(FL.fs.tspec.rate, 200000);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	ck_assert_uint_eq(FL.ndel, 0);		/* the old flow stays */
	ck_assert_uint_eq(labels_used(F.labels), 1);
	/* Upstream keeps hearing the old FLOWSPEC at the refresh. */
	fake_advance(FAKE_R_MS * 2);
	o = rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg, RSVP_CLASS_FLOWSPEC);
	ck_assert_int_eq(is_flowspec_decode(o->u.opaque.data, o->u.opaque.len,
	    &fs, &ie), 0);
	ck_assert_float_eq(fs.tspec.rate, 125000);
}
END_TEST

START_TEST(refused_move_takes_the_lsp_down)
{
	struct resv_spec rs;

	lsp_up(false);
	fake_clear_sent();
	/* The flows moved the flow and could not build it again. */
	FL.answer = -1;
	FL.code = 1;
	FL.value = 0x8004;
	FL.was_removed = true;
	resv_spec_default(&rs);
	rs.rate = 200000;
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 1);
	/* Upstream had our label: it hears the reservation is gone. */
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVTEAR), 1);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	ck_assert_uint_eq(FL.ndel, 0);	/* nothing left to delete */
	ck_assert(!lsp_qos());
}
END_TEST

START_TEST(teardown_deletes_the_flow)
{
	lsp_up(false);
	send_resvtear(7, 1);
	ck_assert_uint_eq(FL.ndel, 1);
	ck_assert_uint_eq(FL.del_key, 16);
	lsp_up(false);
	ck_assert_uint_eq(FL.nset, 2);
	send_pathtear(7, 1);
	ck_assert_uint_eq(FL.ndel, 2);
}
END_TEST

START_TEST(flow_gone_tells_both_ends)
{
	const struct rsvp_obj *es;
	const struct sent *s;

	lsp_up(true);
	fake_clear_sent();
	/* Preempted (RFC 3209 4.7.4, RFC 2750: code 2 value 5). */
	engine_flow_gone(F.e, 16, 2, 5);
	s = fake_last(RSVP_MSG_RESVERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_R2).s_addr);
	es = error_spec(RSVP_MSG_RESVERR);
	ck_assert_uint_eq(es->u.error_spec.code, 2);
	ck_assert_uint_eq(es->u.error_spec.value, 5);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_FILTER_SPEC));
	s = fake_last(RSVP_MSG_PATHERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	es = error_spec(RSVP_MSG_PATHERR);
	ck_assert_uint_eq(es->u.error_spec.code, 2);
	ck_assert_uint_eq(es->u.error_spec.value, 5);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg,
	    RSVP_CLASS_SENDER_TEMPLATE));
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_SENDER_TSPEC));
	/* Upstream releases the label it was given. */
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVTEAR), 1);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	ck_assert_uint_eq(FL.ndel, 0);		/* the flows did it already */
	ck_assert_uint_eq(counter(ENGINE_C_FLOW_GONE), 1);
	/* An unknown key is ignored. */
	engine_flow_gone(F.e, 999, 2, 5);
	ck_assert_uint_eq(counter(ENGINE_C_FLOW_GONE), 1);
}
END_TEST

START_TEST(destroy_deletes_flows)
{
	lsp_up(false);
	engine_destroy(F.e);
	F.e = NULL;
	ck_assert_uint_eq(FL.ndel, 1);
	ck_assert_uint_eq(labels_used(F.labels), 0);
}
END_TEST

START_TEST(forgotten_flows_survive_destroy)
{
	lsp_up(false);
	engine_flows_forget(F.e);
	engine_destroy(F.e);
	F.e = NULL;
	ck_assert_uint_eq(FL.ndel, 0);	/* left running */
}
END_TEST

START_TEST(restored_label_is_taken_back)
{
	struct engine_env env;

	/* quasard reserved the restored label at start. */
	engine_destroy(F.e);
	ck_assert_int_eq(labels_reserve(F.labels, 500), 0);
	fake_env(&env);
	env.flow_arg = &FL;
	env.flow_set = fl_set;
	env.flow_del = fl_del;
	env.flow_label = fl_label;
	ck_assert_int_eq(engine_create(&env, &F.e), 0);
	lsp_up(false);
	ck_assert_uint_eq(FL.last.in_label, 500);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg,
	    RSVP_CLASS_LABEL)->u.label.label, 500);
	ck_assert_uint_eq(labels_used(F.labels), 1);
	/* Once the LSP goes, the label goes back to the allocator. */
	send_pathtear(7, 1);
	ck_assert_uint_eq(labels_used(F.labels), 0);
}
END_TEST

/* The fake's composition: hop count 42, from out line card IF_R2. */
static int
fl_adspec(void *arg, unsigned out_ifindex, const uint8_t *tspec,
    size_t tspec_len, uint8_t *buf, size_t *len, size_t cap)
{
	struct is_adspec ad;
	struct is_err ie;
	int n;

	ck_assert_ptr_eq(arg, &FL);
	ck_assert_uint_eq(out_ifindex, IF_R2);
	ck_assert_ptr_nonnull(tspec);
	ck_assert_uint_gt(tspec_len, 0);
	ck_assert_int_eq(is_adspec_decode(buf, *len, &ad, &ie), 0);
	ad.general.hop_count.value = 42;
	n = is_adspec_encode(&ad, buf, cap);
	ck_assert_int_gt(n, 0);
	*len = (size_t)n;
	return 0;
}

START_TEST(adspec_is_composed_on_the_way)
{
	struct is_adspec ad = { 0 };
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct path_spec ps;
	struct engine_env env;
	const struct rsvp_obj *o;
	struct rsvp_obj *a;
	struct is_err ie;
	int n;

	engine_destroy(F.e);
	fake_env(&env);
	env.flow_arg = &FL;
	env.flow_set = fl_set;
	env.flow_del = fl_del;
	env.flow_adspec = fl_adspec;
	ck_assert_int_eq(engine_create(&env, &F.e), 0);
	ad.general.hop_count = (struct is_ad_u32){ true, 0, 1 };
	ad.general.path_bw = (struct is_ad_float){ true, 0, 1e6f };
	ad.general.min_latency = (struct is_ad_u32){ true, 0, 0 };
	ad.general.path_mtu = (struct is_ad_u32){ true, 0, 1500 };
	path_spec_default(&ps);
	build_path(&ps, m);
	a = rsvp_msg_add(m, RSVP_CLASS_ADSPEC, RSVP_CTYPE_INTSERV);
	ck_assert_ptr_nonnull(a);
	n = is_adspec_encode(&ad, a->u.opaque.data, sizeof(a->u.opaque.data));
	ck_assert_int_gt(n, 0);
	a->u.opaque.len = (uint16_t)n;
	feed(m, ps.phop, ps.ifindex, ps.ip_ttl);
	free(m);
	o = rsvp_msg_find(fake_last(RSVP_MSG_PATH)->msg, RSVP_CLASS_ADSPEC);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(is_adspec_decode(o->u.opaque.data, o->u.opaque.len,
	    &ad, &ie), 0);
	ck_assert_uint_eq(ad.general.hop_count.value, 42);
}
END_TEST

START_TEST(flow_ops_come_in_pairs)
{
	struct engine_env env;
	struct engine *e;

	fake_env(&env);
	env.flow_set = fl_set;
	ck_assert_int_eq(engine_create(&env, &e), -EINVAL);
}
END_TEST

Suite *
engine_flow_suite(void)
{
	Suite *s = suite_create("engine_flow");
	TCase *tc = tcase_create("flows");

	tcase_add_checked_fixture(tc, flow_setup, fake_teardown);
	tcase_add_test(tc, qos_resv_asks_the_flows);
	tcase_add_test(tc, pop_is_asked_as_label_3);
	tcase_add_test(tc, best_effort_answer_programs_a_swap);
	tcase_add_test(tc, refusal_sends_resverr_and_nothing_upstream);
	tcase_add_test(tc, refusal_tells_the_sender);
	tcase_add_test(tc, refusal_patherr_is_held_down);
	tcase_add_test(tc, only_admission_failures_reach_the_sender);
	tcase_add_test(tc, refused_change_tells_the_sender);
	tcase_add_test(tc, refusal_after_the_neighbor_tells_the_sender);
	tcase_add_test(tc, refused_change_keeps_the_old_reservation);
	tcase_add_test(tc, refused_move_takes_the_lsp_down);
	tcase_add_test(tc, teardown_deletes_the_flow);
	tcase_add_test(tc, flow_gone_tells_both_ends);
	tcase_add_test(tc, destroy_deletes_flows);
	tcase_add_test(tc, forgotten_flows_survive_destroy);
	tcase_add_test(tc, restored_label_is_taken_back);
	tcase_add_test(tc, adspec_is_composed_on_the_way);
	tcase_add_test(tc, flow_ops_come_in_pairs);
	suite_add_tcase(s, tc);
	return s;
}
