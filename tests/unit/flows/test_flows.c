/*
 * dom0/flows.c over the pool's recording fake backend and a recording
 * fake plane: a flow built in order with the model's caps, best effort
 * left alone, refusals and failures at every step leaving nothing, a
 * change re-capping the same routelet without touching the ILM entry,
 * the teardown order, preemption and the walk.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/flows_local.h"
#include "routelet/config.h"
#include "../pool/fake.h"
#include "rec_plane.h"
#include "suites.h"

#define LINK_IF		7
#define LINE_RATE	1250000.0	/* 10 Mbit/s */

static struct fake fk;
static struct event_base *base;
static struct pool *pool;
static struct rec_plane rp;
static struct flows *flows;
static struct {
	unsigned	n;
	uint64_t	key;
	uint8_t		code;
	uint16_t	value;
} gone;

static void
on_gone(void *arg, uint64_t key, uint8_t code, uint16_t value)
{
	ck_assert_ptr_eq(arg, &gone);
	gone.n++;
	gone.key = key;
	gone.code = code;
	gone.value = value;
	/* The engine answers with flows_del, which finds nothing. */
	ck_assert_int_eq(flows_del(flows, key), -ENOENT);
}

/*
 * The pool's fake backend keeps 64 bytes of config; a routelet's config
 * is longer, so it gets the head of it (its failures still apply).
 */
static struct pool_backend_ops ops;

static int
configure_head(void *be, void *h, const char *text, size_t len)
{
	return fake_ops.configure(be, h, text, len > 63 ? 63 : len);
}

static unsigned
in_state(enum pool_rl_state s)
{
	struct pool_counters c;

	pool_counters(pool, &c);
	return c.in_state[s];
}

static bool
settled(void *arg)
{
	(void)arg;
	return in_state(POOL_RL_CREATING) == 0 &&
	    in_state(POOL_RL_DRAINING) == 0;
}

static void
start(unsigned min_idle, unsigned max_total)
{
	struct pool_conf pc = { .min_idle = min_idle, .max_idle = max_total,
	    .max_total = max_total, .retry_ms = 50 };
	struct flows_conf fc;
	char err[160];

	ops = fake_ops;
	ops.configure = configure_head;
	ck_assert_int_eq(pool_create(base, &ops, &fk, &pc, false, &pool), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	memset(&fc, 0, sizeof(fc));
	fc.n_links = 2;
	fc.links[0].ifindex = LINK_IF;
	fc.links[0].rate = LINE_RATE;
	fc.links[0].reservable = 0.5;
	fc.links[0].mtu = 1500;
	fc.links[1] = fc.links[0];
	fc.links[1].ifindex = LINK_IF + 1;
	fc.cores = 2;
	fc.dom0_reserve = 1;
	fc.mem_budget = 1ull << 30;
	fc.pool_size = 8;
	rs_params_default(&fc.params);
	fc.pool = pool;
	fc.plane = &rec_plane_ops;
	fc.plane_arg = &rp;
	fc.gone = on_gone;
	fc.gone_arg = &gone;
	ck_assert_int_eq(flows_init(&fc, &flows, err, sizeof(err)), 0);
}

static void
setup(void)
{
	fake_init(&fk);
	ck_assert_ptr_nonnull(base = event_base_new());
	rec_plane_init(&rp);
	memset(&gone, 0, sizeof(gone));
	pool = NULL;
	flows = NULL;
}

static void
teardown(void)
{
	flows_free(flows);
	ck_assert_uint_eq(rec_count(&rp), 0);
	pool_free(pool, false);
	ck_assert_uint_eq(fake_live(&fk), 0);
	fake_fini(&fk);
	event_base_free(base);
}

/* A request for tunnel 'key' at 'rate' bytes/s, Controlled-Load. */
struct req {
	struct flow_req	r;
	uint8_t		fs[64];
	uint8_t		ts[64];
};

static void
req_make(struct req *q, uint64_t key, float rate, uint8_t service)
{
	struct is_flowspec fs = { .service = service, .tspec = {
	    .rate = rate, .bucket = 10000, .peak = INFINITY,
	    .min_unit = 64, .max_size = 1500 },
	    .rspec = { .rate = rate, .slack = 0 } };
	struct is_tspec ts = { .rate = 4 * rate, .bucket = 10000,
	    .peak = INFINITY, .min_unit = 64, .max_size = 1500 };
	int n;

	memset(q, 0, sizeof(*q));
	q->r.key = key;
	q->r.session.tunnel_id = (uint16_t)key;
	q->r.session.lsp_id = 1;
	snprintf(q->r.name, sizeof(q->r.name), "flow %u", (unsigned)key);
	q->r.in_label = (uint32_t)key;
	q->r.out_label = 2000 + (uint32_t)key;
	q->r.out_ifindex = LINK_IF;
	memcpy(q->r.nexthop_mac, "\x02\0\0\0\0\x02", 6);
	memcpy(q->r.source_mac, "\x02\0\0\0\0\x01", 6);
	q->r.setup_prio = 7;
	q->r.hold_prio = 7;
	n = is_flowspec_encode(&fs, q->fs, sizeof(q->fs));
	ck_assert_int_gt(n, 0);
	q->r.flowspec = q->fs;
	q->r.flowspec_len = (size_t)n;
	n = is_sender_tspec_encode(&ts, q->ts, sizeof(q->ts));
	ck_assert_int_gt(n, 0);
	q->r.sender_tspec = q->ts;
	q->r.sender_tspec_len = (size_t)n;
}

/* The caps of routelet 'rl' in the fake. */
static const struct pool_caps *
caps_of(struct pool_rl *rl)
{
	struct pool_rl_info info;

	pool_rl_info(rl, &info);
	ck_assert_ptr_nonnull(fk.rl[info.id]);
	return &fk.rl[info.id]->caps;
}

START_TEST(builds_a_flow_in_order)
{
	struct flow_err err;
	struct flow_info fi;
	struct rs_need need;
	struct is_flowspec fs;
	struct is_tspec ts;
	struct is_err ie;
	struct rs_params params;
	const struct pool_caps *c;
	struct req q;

	start(2, 3);
	req_make(&q, 1001, 250000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	ck_assert_int_eq(flows_get(flows, 1001, &fi), 0);
	/* Class first, then the vif in that class, the ILM flip last. */
	ck_assert_str_eq(rp.log, "class+ 0 10 vif+ 100 p10 ilm 1001>100 ");
	ck_assert_uint_eq(rec_ilm(&rp, 1001)->action, DP_ILM_ROUTELET);
	ck_assert_uint_eq(rec_vif(&rp, 100)->out_ifindex, LINK_IF);
	ck_assert_uint_eq(rec_vif(&rp, 100)->priority, fi.classid);
	ck_assert_uint_eq(rec_class(&rp, fi.classid)->rate, 250000);
	ck_assert_uint_eq(rec_class(&rp, fi.classid)->burst, 10000);
	/* The caps are the model's for this FLOWSPEC and sender TSpec. */
	rs_params_default(&params);
	ck_assert_int_eq(is_flowspec_decode(q.fs, q.r.flowspec_len, &fs, &ie),
	    0);
	ck_assert_int_eq(is_sender_tspec_decode(q.ts, q.r.sender_tspec_len,
	    &ts, &ie), 0);
	ck_assert_int_eq(rs_need_compute(&params, &ts, &fs, &need), 0);
	c = caps_of(fi.rl);
	ck_assert_uint_eq(c->cpu_quota_us, need.cpu_quota_us);
	ck_assert_uint_eq(c->cpu_period_us, need.cpu_period_us);
	ck_assert_uint_eq(c->mem_bytes, need.mem);
	/* What flows_walk/flows_get tell. */
	ck_assert_uint_eq(fi.in_label, 1001);
	ck_assert_uint_eq(fi.out_label, 3001);
	ck_assert_uint_eq(fi.vif_ifindex, 100);
	ck_assert_double_eq(fi.rate, 250000);
	ck_assert_uint_eq(fi.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert(fi.has_ilm_counters);
	ck_assert_uint_eq(fi.ilm.packets, 1001);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 1);
}
END_TEST

START_TEST(config_text_is_the_routelets)
{
	char text[RL_CONFIG_TEXT_MAX], err[RL_ERR_MAX];
	struct rl_config cfg;
	struct flow_err ferr;
	struct req q;
	struct flow *f;
	int n;

	start(1, 2);
	req_make(&q, 1002, 250000, IS_SVC_CONTROLLED_LOAD);
	q.r.out_label = FLOWS_OUT_LABEL_POP;
	ck_assert_int_eq(flows_set(flows, &q.r, &ferr), 0);
	f = flows_find(flows, 1002);
	n = flow_config_text(flows, f, text, sizeof(text));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(rl_config_parse(text, (size_t)n, &cfg, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(cfg.in_label, 1002);
	ck_assert_uint_eq(cfg.out_label, 3);		/* pop */
	ck_assert_mem_eq(cfg.nexthop_mac, "\x02\0\0\0\0\x02", 6);
	ck_assert_mem_eq(cfg.source_mac, "\x02\0\0\0\0\x01", 6);
	ck_assert_uint_eq(cfg.tspec.rate, 250000);
	ck_assert_uint_eq(cfg.tspec.bucket, 10000);
	ck_assert_uint_eq(cfg.tspec.peak, POLICER_RATE_INF);
	ck_assert_uint_eq(cfg.tspec.min_unit, 64);
	ck_assert_uint_eq(cfg.tspec.max_size, 1500);
	ck_assert_str_eq(cfg.name, "flow-1002");	/* ' ' is not allowed */
}
END_TEST

START_TEST(best_effort_is_left_alone)
{
	struct flow_err err;
	struct req q;

	start(1, 2);
	req_make(&q, 1003, 250000, IS_SVC_CONTROLLED_LOAD);
	q.r.flowspec = NULL;
	q.r.flowspec_len = 0;
	ck_assert_int_eq(flows_set(flows, &q.r, &err), FLOWS_BEST_EFFORT);
	ck_assert_uint_eq(rec_count(&rp), 0);
	ck_assert(!flows_has(flows, 1003));
}
END_TEST

START_TEST(refusals_leave_nothing)
{
	struct flows_stats st;
	struct flow_err err;
	struct req q;

	start(1, 2);
	/* 6 Mbit/s of the 5 reservable. */
	req_make(&q, 1004, 750000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.code, ADM_RSVP_ERR_ADMISSION);
	ck_assert_uint_eq(err.value, ADM_AC_BANDWIDTH);
	/* An out interface that is not a line card. */
	req_make(&q, 1005, 1000, IS_SVC_CONTROLLED_LOAD);
	q.r.out_ifindex = 99;
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.value, FLOWS_AC_DATAPLANE);
	/* A FLOWSPEC that does not decode: code 21. */
	req_make(&q, 1006, 1000, IS_SVC_CONTROLLED_LOAD);
	q.r.flowspec_len = 5;
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.code, 21);
	ck_assert_uint_eq(rec_count(&rp), 0);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 0);
	flows_stats(flows, &st);
	ck_assert_uint_eq(st.n_flows, 0);
	ck_assert_uint_eq(st.used.n_flows, 0);
	ck_assert_double_eq(st.used.link_bw[0], 0);
}
END_TEST

/* A build with a failure set up: nothing left, 'value' sent. */
static void
fails_with(uint16_t value)
{
	struct flows_stats st;
	struct flow_err err;
	struct req q;

	req_make(&q, 1007, 250000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.code, ADM_RSVP_ERR_ADMISSION);
	ck_assert_uint_eq(err.value, value);
	ck_assert_uint_eq(rec_count(&rp), 0);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 0);
	flows_stats(flows, &st);
	ck_assert_uint_eq(st.used.n_flows, 0);
	ck_assert(!flows_has(flows, 1007));
}

START_TEST(failure_at_each_step_leaves_nothing)
{
	start(2, 3);
	rp.fail_class_add = -ENOSPC;	/* best effort would keep too little */
	fails_with(ADM_AC_BANDWIDTH);
	rp.fail_vif_attach = -EIO;
	fails_with(FLOWS_AC_DATAPLANE);
	ck_assert(fake_run(base, settled, NULL, 2000));
	rp.fail_ilm_set = -EIO;
	fails_with(FLOWS_AC_DATAPLANE);
	ck_assert(fake_run(base, settled, NULL, 2000));
	fk.fail[FAKE_CONFIGURE] = 1;	/* the routelet refuses its config */
	fails_with(FLOWS_AC_DATAPLANE);
}
END_TEST

START_TEST(no_idle_routelet_is_the_pools_error)
{
	struct flow_err err;
	struct req q;

	start(1, 1);
	req_make(&q, 1008, 10000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	req_make(&q, 1009, 10000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.value, ADM_AC_POOL);
	ck_assert(!flows_has(flows, 1009));
	ck_assert_uint_eq(rec_count(&rp), 3);	/* the first flow's */
}
END_TEST

START_TEST(change_recaps_in_place)
{
	struct flow_info before, after;
	struct flow_err err;
	struct req q;
	unsigned ilm_sets;

	start(2, 3);
	req_make(&q, 1010, 125000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	ck_assert_int_eq(flows_get(flows, 1010, &before), 0);
	ilm_sets = rp.n_ilm_set;
	req_make(&q, 1010, 500000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	ck_assert_int_eq(flows_get(flows, 1010, &after), 0);
	ck_assert_ptr_eq(after.rl, before.rl);		/* same routelet */
	ck_assert_uint_eq(after.classid, before.classid);
	ck_assert_uint_eq(rp.n_ilm_set, ilm_sets);	/* ILM untouched */
	ck_assert_uint_eq(rec_class(&rp, after.classid)->rate, 500000);
	ck_assert_uint_gt(after.need.cpu_quota_us, before.need.cpu_quota_us);
	ck_assert_uint_eq(caps_of(after.rl)->cpu_quota_us,
	    after.need.cpu_quota_us);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 1);
	/* Refused growth (8 Mbit/s): the old reservation stays. */
	req_make(&q, 1010, 1000000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.value, ADM_AC_BANDWIDTH);
	ck_assert_int_eq(flows_get(flows, 1010, &before), 0);
	ck_assert_double_eq(before.rate, 500000);
	/* A failed class change puts the routelet's caps back. */
	rp.fail_class_change = -EIO;
	req_make(&q, 1010, 250000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert_uint_eq(err.value, FLOWS_AC_DATAPLANE);
	ck_assert_int_eq(flows_get(flows, 1010, &after), 0);
	ck_assert_double_eq(after.rate, 500000);
	ck_assert_uint_eq(caps_of(after.rl)->cpu_quota_us,
	    after.need.cpu_quota_us);
}
END_TEST

START_TEST(delete_in_reverse_order)
{
	struct flow_err err;
	struct flows_stats st;
	struct req q;

	start(2, 3);
	req_make(&q, 1011, 125000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	rp.log[0] = '\0';
	ck_assert_int_eq(flows_del(flows, 1011), 0);
	/* The frames stop before their routelet goes. */
	ck_assert_str_eq(rp.log, "ilm- 1011 vif- 100 class- 10 ");
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 0);
	ck_assert_int_eq(flows_del(flows, 1011), -ENOENT);
	flows_stats(flows, &st);
	ck_assert_uint_eq(st.used.n_flows, 0);
	ck_assert_uint_eq(st.removed, 1);
}
END_TEST

START_TEST(better_setup_priority_preempts)
{
	struct flow_err err;
	struct flows_stats st;
	struct req q;

	start(2, 3);
	req_make(&q, 1012, 500000, IS_SVC_CONTROLLED_LOAD);	/* 4 of 5 */
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	req_make(&q, 1013, 250000, IS_SVC_CONTROLLED_LOAD);
	q.r.setup_prio = 0;
	q.r.hold_prio = 0;
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	/* RFC 3209 4.7.4: the victim's ends get code 2 value 5. */
	ck_assert_uint_eq(gone.n, 1);
	ck_assert_uint_eq(gone.key, 1012);
	ck_assert_uint_eq(gone.code, ADM_RSVP_ERR_POLICY);
	ck_assert_uint_eq(gone.value, ADM_POLICY_PREEMPTED);
	ck_assert(!flows_has(flows, 1012));
	ck_assert(flows_has(flows, 1013));
	ck_assert_ptr_null(rec_ilm(&rp, 1012));
	ck_assert_uint_eq(rec_count(&rp), 3);
	flows_stats(flows, &st);
	ck_assert_uint_eq(st.preempted, 1);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 1);
}
END_TEST

START_TEST(adspec_composes_this_hop)
{
	struct is_adspec ad = { 0 }, out;
	struct is_flowspec fs = { .service = IS_SVC_GUARANTEED };
	struct rs_params params;
	struct rs_need need;
	struct rs_link link = { .rate = LINE_RATE, .mtu = 1500 };
	struct is_err ie;
	struct req q;
	uint8_t buf[256];
	size_t len;
	uint32_t c, d;
	int n;

	start(1, 2);
	ad.general.hop_count = (struct is_ad_u32){ true, 0, 2 };
	ad.general.path_bw = (struct is_ad_float){ true, 0, 1e9f };
	ad.general.min_latency = (struct is_ad_u32){ true, 0, 100 };
	ad.general.path_mtu = (struct is_ad_u32){ true, 0, 9000 };
	ad.guaranteed.present = true;
	ad.guaranteed.ctot = (struct is_ad_u32){ true, 0, 10 };
	ad.guaranteed.dtot = (struct is_ad_u32){ true, 0, 20 };
	ad.guaranteed.csum = (struct is_ad_u32){ true, 0, 10 };
	ad.guaranteed.dsum = (struct is_ad_u32){ true, 0, 20 };
	n = is_adspec_encode(&ad, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	len = (size_t)n;
	req_make(&q, 1, 250000, IS_SVC_GUARANTEED);
	ck_assert_int_eq(flows_adspec_update(flows, LINK_IF, q.ts,
	    q.r.sender_tspec_len, buf, &len, sizeof(buf)), 0);
	ck_assert_int_eq(is_adspec_decode(buf, len, &out, &ie), 0);
	/* RFC 2215 3.2-3.5 with this line card and the box's latency. */
	rs_params_default(&params);
	ck_assert_uint_eq(out.general.hop_count.value, 3);
	ck_assert_float_eq(out.general.path_bw.value, (float)LINE_RATE);
	ck_assert_uint_eq(out.general.min_latency.value,
	    100 + params.hop_latency_us);
	ck_assert_uint_eq(out.general.path_mtu.value, 1500);
	/* RFC 2212: this hop's C and D for the sender's TSpec at R = r. */
	ck_assert_int_eq(is_sender_tspec_decode(q.ts, q.r.sender_tspec_len,
	    &fs.tspec, &ie), 0);
	fs.rspec.rate = fs.tspec.rate;
	ck_assert_int_eq(rs_need_compute(&params, NULL, &fs, &need), 0);
	rs_guaranteed_terms(&params, &link, &need, &c, &d);
	ck_assert_uint_eq(out.guaranteed.ctot.value, 10 + c);
	ck_assert_uint_eq(out.guaranteed.dtot.value, 20 + d);
	ck_assert_uint_eq(out.guaranteed.csum.value, 10 + c);
	ck_assert_uint_eq(out.guaranteed.dsum.value, 20 + d);
	/* Not a line card, or a body that does not decode: unchanged. */
	ck_assert_int_eq(flows_adspec_update(flows, 99, q.ts,
	    q.r.sender_tspec_len, buf, &len, sizeof(buf)), -ENOENT);
	buf[0] ^= 0xf0;
	ck_assert_int_eq(flows_adspec_update(flows, LINK_IF, q.ts,
	    q.r.sender_tspec_len, buf, &len, sizeof(buf)), -EINVAL);
}
END_TEST

START_TEST(route_to_another_line_card_moves_the_flow)
{
	struct flow_info fi;
	struct flow_err err;
	struct req q;

	start(2, 3);
	req_make(&q, 1016, 125000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	q.r.out_ifindex = LINK_IF + 1;
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	ck_assert_int_eq(flows_get(flows, 1016, &fi), 0);
	ck_assert_uint_eq(fi.out_ifindex, LINK_IF + 1);
	ck_assert_uint_eq(rec_class(&rp, fi.classid)->link, 1);
	ck_assert_uint_eq(rec_count(&rp), 3);	/* the old one's are gone */
	/* Moving back fails at the class: the flow is gone, and says so. */
	rp.fail_class_add = -EIO;
	q.r.out_ifindex = LINK_IF;
	ck_assert_int_eq(flows_set(flows, &q.r, &err), -1);
	ck_assert(err.was_removed);
	ck_assert(!flows_has(flows, 1016));
	ck_assert_uint_eq(rec_count(&rp), 0);
}
END_TEST

static void
count_walk(void *arg, const struct flow_info *fi)
{
	unsigned *n = arg;

	ck_assert_uint_eq(fi->in_label, 1014 + *n);	/* oldest first */
	(*n)++;
}

START_TEST(walk_and_free)
{
	struct flow_err err;
	struct req q;
	unsigned n = 0;

	start(2, 3);
	req_make(&q, 1014, 10000, IS_SVC_CONTROLLED_LOAD);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	req_make(&q, 1015, 10000, IS_SVC_GUARANTEED);
	ck_assert_int_eq(flows_set(flows, &q.r, &err), 0);
	flows_walk(flows, count_walk, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_eq(flows_pool(flows), pool);
	/* teardown's flows_free takes both down: the plane ends empty. */
}
END_TEST

Suite *
flows_suite(void)
{
	Suite *s = suite_create("flows");
	TCase *tc = tcase_create("flows");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, builds_a_flow_in_order);
	tcase_add_test(tc, config_text_is_the_routelets);
	tcase_add_test(tc, best_effort_is_left_alone);
	tcase_add_test(tc, refusals_leave_nothing);
	tcase_add_test(tc, failure_at_each_step_leaves_nothing);
	tcase_add_test(tc, no_idle_routelet_is_the_pools_error);
	tcase_add_test(tc, change_recaps_in_place);
	tcase_add_test(tc, delete_in_reverse_order);
	tcase_add_test(tc, better_setup_priority_preempts);
	tcase_add_test(tc, walk_and_free);
	tcase_add_test(tc, adspec_composes_this_hop);
	tcase_add_test(tc, route_to_another_line_card_moves_the_flow);
	suite_add_tcase(s, tc);
	return s;
}
