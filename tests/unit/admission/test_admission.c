#include <float.h>
#include <math.h>
#include <stdint.h>

#include "flowspec/admission.h"
#include "flowspec/intserv.h"
#include "flowspec/resource.h"
#include "suites.h"

#define MIB		(1ULL << 20)
/* The default routelet without buffers: base + rings. */
#define ROUTELET_MEM	(12 * MIB)

/*
 * Two 10 Mbit/s line cards (1.25 MB/s), 80 % reservable: 1,000,000 B/s
 * each; MTU 1500.  Two cores, one kept for dom0; 1 GiB; 8 routelets.
 * The model costs 1 us a packet with no headroom, so that CPU is easy
 * to reckon.
 */
static struct adm a;

static void
setup(void)
{
	struct adm_capacity cap = {
		.n_links = 2,
		.link = {
			{ .rate = 1.25e6, .reservable = 0.8, .mtu = 1500 },
			{ .rate = 1.25e6, .reservable = 0.8, .mtu = 1500 },
		},
		.cores = 2,
		.dom0_reserve = 1,
		.mem_budget = 1024 * MIB,
		.pool_size = 8,
	};
	struct rs_params p;

	rs_params_default(&p);
	p.pkt_cost_ns = 1000;
	p.base_cpu = 0;
	p.cpu_headroom = 1;
	ck_assert_int_eq(adm_init(&a, &cap, &p), 0);
}

static void
teardown(void)
{
	adm_dispose(&a);
}

/* A Controlled-Load flowspec of 'r' bytes/s: b = 1000, m = 1000, M =
 * 1500, so that its packet rate is (1000 + r/10) / 100. */
static struct is_flowspec
cl(float r)
{
	struct is_flowspec f = {
		.service = IS_SVC_CONTROLLED_LOAD,
		.tspec = { .rate = r, .bucket = 1000, .peak = INFINITY,
		    .min_unit = 1000, .max_size = 1500 },
	};

	return f;
}

/* Admit flow 'key' of 'r' bytes/s on 'link' with priorities 'setup'
 * and 'hold'; returns the reason and frees the victims (counted into
 * *n_victims when not NULL). */
static enum adm_reason
admit(uint64_t key, unsigned link, float r, uint8_t setup_p, uint8_t hold,
    size_t *n_victims)
{
	struct is_flowspec f = cl(r);
	struct adm_request req = { .key = key, .link = link,
	    .setup_prio = setup_p, .hold_prio = hold, .flowspec = &f };
	struct adm_victims v;
	enum adm_reason rc;

	rc = adm_admit(&a, &req, &v);
	if (n_victims != NULL)
		*n_victims = v.n;
	adm_victims_dispose(&v);
	return rc;
}

static void
check_errspec(enum adm_reason reason, uint8_t code, uint16_t value)
{
	uint8_t c;
	uint16_t v;

	ck_assert_int_eq(adm_errspec(reason, &c, &v), 0);
	ck_assert_uint_eq(c, code);
	ck_assert_uint_eq(v, value);
}

START_TEST(admits_within_capacity)
{
	const struct adm_flow *f;
	size_t nv;

	ck_assert_int_eq(admit(1, 0, 400000, 7, 7, &nv), ADM_OK);
	ck_assert_uint_eq(nv, 0);
	ck_assert_int_eq(admit(2, 0, 600000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 1, 250000, 7, 7, NULL), ADM_OK);
	ck_assert_uint_eq(a.used.n_flows, 3);
	/* line card 0 exactly full */
	ck_assert_double_eq_tol(a.used.link_bw[0], 1e6, 1e-3);
	ck_assert_double_eq_tol(a.used.link_bw[1], 250000, 1e-3);
	/* (1000 + r/10) / 100 packets/s at 1 us each */
	ck_assert_double_eq_tol(a.used.cpu,
	    (410 + 610 + 260) * 1e-6, 1e-9);
	ck_assert_uint_eq(a.used.mem, 3 * (ROUTELET_MEM + 2500));
	ck_assert_ptr_nonnull(f = adm_flow_find(&a, 2));
	ck_assert_uint_eq(f->link, 0);
	ck_assert_double_eq_tol(f->need.bw, 600000, 1e-3);
	ck_assert_uint_eq(f->c, 0);
	ck_assert_ptr_null(adm_flow_find(&a, 4));
}
END_TEST

/* Each refusal, with nothing changed and the ERROR_SPEC RFC 2205 App. B
 * gives it. */
START_TEST(bandwidth_refused)
{
	ck_assert_int_eq(admit(1, 0, 900000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 100001, 7, 7, NULL), ADM_E_BANDWIDTH);
	ck_assert_uint_eq(a.used.n_flows, 1);
	ck_assert_ptr_null(adm_flow_find(&a, 2));
	/* the other line card still has room */
	ck_assert_int_eq(admit(2, 1, 100001, 7, 7, NULL), ADM_OK);
	check_errspec(ADM_E_BANDWIDTH, 1, 2);
}
END_TEST

START_TEST(mtu_refused)
{
	struct is_flowspec f = cl(1000);
	struct adm_request req = { .key = 1, .flowspec = &f,
	    .setup_prio = 7, .hold_prio = 7 };
	struct adm_victims v;

	f.tspec.max_size = 1501;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_MTU);
	ck_assert_uint_eq(v.n, 0);
	ck_assert_ptr_null(v.key);
	ck_assert_uint_eq(a.used.n_flows, 0);
	check_errspec(ADM_E_MTU, 1, 3);
}
END_TEST

START_TEST(cpu_refused)
{
	/* 1,000,000 B/s in 1000-byte units: 1010 pps, 1.01 ms/s each; a
	 * 1 ms packet cost makes that 1.01 cores, over the budget of 1. */
	a.params.pkt_cost_ns = 1e6;
	ck_assert_int_eq(admit(1, 0, 1e6, 7, 7, NULL), ADM_E_CPU);
	ck_assert_int_eq(admit(1, 0, 980000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 1, 200000, 7, 7, NULL), ADM_E_CPU);
	check_errspec(ADM_E_CPU, 1, 0x8001);
}
END_TEST

START_TEST(memory_refused)
{
	a.cap.mem_budget = 2 * ROUTELET_MEM + 5000;
	ck_assert_int_eq(admit(1, 0, 1000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 1, 1000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 1, 1000, 7, 7, NULL), ADM_E_MEMORY);
	check_errspec(ADM_E_MEMORY, 1, 0x8002);
	/* a flow larger than the whole budget */
	a.cap.mem_budget = ROUTELET_MEM;
	ck_assert_int_eq(admit(4, 1, 0, 7, 7, NULL), ADM_E_MEMORY);
}
END_TEST

START_TEST(pool_refused)
{
	a.cap.pool_size = 2;
	ck_assert_int_eq(admit(1, 0, 0, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 0, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 1, 0, 7, 7, NULL), ADM_E_POOL);
	check_errspec(ADM_E_POOL, 1, 0x8003);
	a.cap.pool_size = 0;
	ck_assert_int_eq(adm_release(&a, 1), ADM_OK);
	ck_assert_int_eq(admit(1, 0, 0, 7, 7, NULL), ADM_E_POOL);
}
END_TEST

/* Guaranteed: C, D, RFC 2212's buffer, and the delay bound. */
START_TEST(guaranteed_terms_and_delay)
{
	struct is_flowspec f = cl(250000);
	struct adm_request req = { .key = 1, .flowspec = &f,
	    .setup_prio = 7, .hold_prio = 7 };
	struct adm_victims v;
	const struct adm_flow *fl;

	f.service = IS_SVC_GUARANTEED;
	f.rspec.rate = 300000;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_ptr_nonnull(fl = adm_flow_find(&a, 1));
	ck_assert_double_eq_tol(fl->need.bw, 300000, 1e-3);
	ck_assert_uint_eq(fl->c, 1500);
	/* 1500 B at 1.25 MB/s = 1200 us; 100 ms period - 1 ms quota; 50 */
	ck_assert_uint_eq(fl->d, 1200 + 99000 + 50);
	/* b + C + R D = 1000 + 1500 + 300000 * 0.10025 */
	ck_assert_uint_eq(fl->need.mem, ROUTELET_MEM + 1000 + 1500 + 30075);
	ck_assert_int_eq(adm_release(&a, 1), ADM_OK);

	/* (M + C)/R + (b - M)^+/R + D = 10 ms + 0 + 100.25 ms */
	a.cap.max_delay_us = 110250;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_int_eq(adm_release(&a, 1), ADM_OK);
	a.cap.max_delay_us = 110249;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_DELAY);
	ck_assert_uint_eq(a.used.n_flows, 0);
	check_errspec(ADM_E_DELAY, 1, 1);
	/* Controlled-Load has no delay bound to meet */
	ck_assert_int_eq(admit(2, 0, 250000, 7, 7, NULL), ADM_OK);
}
END_TEST

/* Bad requests and the code 21 / code 2 values they map to. */
START_TEST(bad_requests)
{
	struct is_flowspec f = cl(250000);
	struct is_tspec s = f.tspec;
	struct adm_request req = { .key = 1, .flowspec = &f,
	    .setup_prio = 7, .hold_prio = 7 };
	struct adm_victims v;
	uint8_t c;
	uint16_t val;

	f.service = IS_SVC_GUARANTEED;
	f.rspec.rate = 249999;		/* R < r, RFC 2212 */
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_BAD_FLOWSPEC);
	check_errspec(ADM_E_BAD_FLOWSPEC, 21, 3);
	f.service = 3;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_SERVICE);
	check_errspec(ADM_E_SERVICE, 21, 2);
	f = cl(250000);
	s.rate = NAN;
	req.sender = &s;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_BAD_TSPEC);
	check_errspec(ADM_E_BAD_TSPEC, 21, 4);
	req.sender = NULL;
	f.tspec.rate = INFINITY;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_BAD_FLOWSPEC);
	f = cl(250000);
	req.link = 2;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_LINK);
	ck_assert_int_eq(adm_errspec(ADM_E_LINK, &c, &val), -1);
	req.link = 0;
	/* RFC 3209 4.7.4: hold may not be worse than setup; 0-7 only */
	req.setup_prio = 3;
	req.hold_prio = 4;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_PRIORITY);
	check_errspec(ADM_E_PRIORITY, 2, 3);
	req.setup_prio = 8;
	req.hold_prio = 0;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_PRIORITY);
	req.setup_prio = 4;
	req.hold_prio = 3;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_EXISTS);
	ck_assert_int_eq(adm_errspec(ADM_E_EXISTS, &c, &val), -1);
	ck_assert_int_eq(adm_release(&a, 9), ADM_E_UNKNOWN);
	ck_assert_int_eq(adm_errspec(ADM_E_UNKNOWN, &c, &val), -1);
	ck_assert_int_eq(adm_errspec(ADM_E_NOMEM, &c, &val), -1);
	ck_assert_int_eq(adm_errspec(ADM_OK, &c, &val), -1);
	ck_assert_uint_eq(a.used.n_flows, 1);
}
END_TEST

/* Hostile values: huge, zero, infinite peak. */
START_TEST(hostile_values)
{
	struct is_flowspec f = cl(FLT_MAX);
	struct adm_request req = { .key = 1, .flowspec = &f,
	    .setup_prio = 0, .hold_prio = 0 };
	struct adm_victims v;

	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_BANDWIDTH);
	f = cl(1000);
	f.tspec.bucket = FLT_MAX;	/* saturated memory */
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_CPU);
	a.params.pkt_cost_ns = 0;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_MEMORY);
	f = cl(0);
	f.tspec.bucket = 0;
	f.tspec.min_unit = 0;
	f.tspec.max_size = 0;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_uint_eq(a.used.mem, ROUTELET_MEM);
	ck_assert_double_eq(a.used.link_bw[0], 0);
	ck_assert_int_eq(adm_release(&a, 1), ADM_OK);
	/* infinite peak is "no peak" (RFC 2215 3.6), not an error */
	f = cl(1000);
	ck_assert(isinf(f.tspec.peak));
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	/* a Guaranteed R of FLT_MAX is over any line card */
	f.service = IS_SVC_GUARANTEED;
	f.rspec.rate = FLT_MAX;
	req.key = 2;
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_E_BANDWIDTH);
}
END_TEST

START_TEST(bad_capacity)
{
	struct adm b;
	struct adm_capacity cap = { .n_links = ADM_MAX_LINKS + 1 };
	struct rs_params p;

	rs_params_default(&p);
	ck_assert_int_eq(adm_init(&b, &cap, &p), -1);
	cap.n_links = 1;
	cap.link[0].reservable = 1.5;
	ck_assert_int_eq(adm_init(&b, &cap, &p), -1);
	cap.link[0].reservable = NAN;
	ck_assert_int_eq(adm_init(&b, &cap, &p), -1);
	cap.link[0].reservable = 1;
	ck_assert_int_eq(adm_init(&b, &cap, &p), 0);
	adm_dispose(&b);
}
END_TEST

/* Preemption, RFC 3209 4.7.4: the worst holding priority goes first. */
START_TEST(preempts_worst_holding)
{
	struct is_flowspec f = cl(300000);
	struct adm_request req = { .key = 9, .link = 0, .flowspec = &f,
	    .setup_prio = 4, .hold_prio = 4 };
	struct adm_victims v;

	ck_assert_int_eq(admit(1, 0, 400000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 400000, 5, 5, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 0, 200000, 3, 3, NULL), ADM_OK);
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_uint_eq(v.n, 1);
	ck_assert_uint_eq(v.key[0], 1);
	adm_victims_dispose(&v);
	ck_assert_ptr_null(adm_flow_find(&a, 1));
	ck_assert_ptr_nonnull(adm_flow_find(&a, 9));
	ck_assert_uint_eq(a.used.n_flows, 3);
	ck_assert_double_eq_tol(a.used.link_bw[0], 900000, 1e-3);
}
END_TEST

/* Within one priority, the flow that covers most: fewest victims. */
START_TEST(preempts_fewest)
{
	size_t nv;

	ck_assert_int_eq(admit(1, 0, 100000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 500000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 0, 400000, 6, 6, NULL), ADM_OK);
	ck_assert_int_eq(admit(9, 0, 450000, 0, 0, &nv), ADM_OK);
	ck_assert_uint_eq(nv, 1);
	ck_assert_ptr_null(adm_flow_find(&a, 2));
	ck_assert_ptr_nonnull(adm_flow_find(&a, 1));
	ck_assert_ptr_nonnull(adm_flow_find(&a, 3));
}
END_TEST

/* A victim taken on the way that turns out not to be needed is kept. */
START_TEST(preemption_puts_back_unneeded)
{
	struct is_flowspec f = cl(500000);
	struct adm_request req = { .key = 9, .link = 0, .flowspec = &f,
	    .setup_prio = 5, .hold_prio = 5 };
	struct adm_victims v;

	ck_assert_int_eq(admit(1, 0, 100000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 500000, 6, 6, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 0, 400000, 0, 0, NULL), ADM_OK);
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_uint_eq(v.n, 1);
	ck_assert_uint_eq(v.key[0], 2);
	adm_victims_dispose(&v);
	ck_assert_ptr_nonnull(adm_flow_find(&a, 1));
}
END_TEST

/* Several victims, worst priority first in the list. */
START_TEST(preempts_several_in_order)
{
	struct is_flowspec f = cl(800000);
	struct adm_request req = { .key = 9, .link = 0, .flowspec = &f,
	    .setup_prio = 1, .hold_prio = 1 };
	struct adm_victims v;

	ck_assert_int_eq(admit(1, 0, 300000, 2, 2, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 300000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(3, 0, 400000, 4, 4, NULL), ADM_OK);
	ck_assert_int_eq(adm_admit(&a, &req, &v), ADM_OK);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_uint_eq(v.key[0], 2);
	ck_assert_uint_eq(v.key[1], 3);
	ck_assert_uint_eq(v.key[2], 1);
	adm_victims_dispose(&v);
	ck_assert_uint_eq(a.used.n_flows, 1);
}
END_TEST

/* No preemption when setup priority is not better than their holding
 * priority, or when even all candidates would not make room. */
START_TEST(no_preemption_when_not_allowed)
{
	size_t nv = 1;

	ck_assert_int_eq(admit(1, 0, 600000, 4, 4, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 400000, 7, 3, NULL), ADM_OK);
	/* setup 4 is not better than hold 4 or hold 3 */
	ck_assert_int_eq(admit(9, 0, 100000, 4, 4, &nv), ADM_E_BANDWIDTH);
	ck_assert_uint_eq(nv, 0);
	/* setup 3 beats hold 4 only, and 600,000 B/s is not enough */
	ck_assert_int_eq(admit(9, 0, 700000, 3, 3, &nv), ADM_E_BANDWIDTH);
	ck_assert_uint_eq(a.used.n_flows, 2);
	ck_assert_ptr_nonnull(adm_flow_find(&a, 1));
}
END_TEST

/* Flows on another line card do not free bandwidth here. */
START_TEST(preemption_respects_link)
{
	size_t nv;

	ck_assert_int_eq(admit(1, 1, 900000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 900000, 0, 0, NULL), ADM_OK);
	ck_assert_int_eq(admit(9, 0, 200000, 0, 0, &nv), ADM_E_BANDWIDTH);
	ck_assert_ptr_nonnull(adm_flow_find(&a, 1));
}
END_TEST

/* A full pool preempts a routelet on any line card. */
START_TEST(preempts_for_pool)
{
	size_t nv;

	a.cap.pool_size = 2;
	ck_assert_int_eq(admit(1, 1, 1000, 3, 3, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 1, 1000, 6, 6, NULL), ADM_OK);
	ck_assert_int_eq(admit(9, 0, 1000, 4, 4, &nv), ADM_OK);
	ck_assert_uint_eq(nv, 1);
	ck_assert_ptr_null(adm_flow_find(&a, 2));
	ck_assert_uint_eq(a.used.n_flows, 2);
}
END_TEST

/* CPU shortage preempts too. */
START_TEST(preempts_for_cpu)
{
	size_t nv;

	a.params.pkt_cost_ns = 1e6;	/* 1 ms a packet */
	ck_assert_int_eq(admit(1, 1, 500000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 400000, 2, 2, NULL), ADM_OK);
	/* 0.51 + 0.41 + 0.21 cores > 1 */
	ck_assert_int_eq(admit(9, 0, 200000, 1, 1, &nv), ADM_OK);
	ck_assert_uint_eq(nv, 1);
	ck_assert_ptr_null(adm_flow_find(&a, 1));
}
END_TEST

/* A Resv that grows or shrinks: re-admitted in place. */
static enum adm_reason
change(uint64_t key, unsigned link, float r, uint8_t setup_p,
    uint8_t hold, size_t *n_victims)
{
	struct is_flowspec f = cl(r);
	struct adm_request req = { .key = key, .link = link,
	    .setup_prio = setup_p, .hold_prio = hold, .flowspec = &f };
	struct adm_victims v;
	enum adm_reason rc;

	rc = adm_change(&a, &req, &v);
	if (n_victims != NULL)
		*n_victims = v.n;
	adm_victims_dispose(&v);
	return rc;
}

START_TEST(change_grows_and_shrinks)
{
	ck_assert_int_eq(admit(1, 0, 400000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 400000, 7, 7, NULL), ADM_OK);
	/* its own 400,000 counts as free: 600,000 fits */
	ck_assert_int_eq(change(1, 0, 600000, 7, 7, NULL), ADM_OK);
	ck_assert_double_eq_tol(adm_flow_find(&a, 1)->need.bw, 600000, 1e-3);
	ck_assert_double_eq_tol(a.used.link_bw[0], 1e6, 1e-3);
	ck_assert_uint_eq(a.used.n_flows, 2);
	/* too much: refused, the old reservation stays */
	ck_assert_int_eq(change(1, 0, 600001, 7, 7, NULL), ADM_E_BANDWIDTH);
	ck_assert_double_eq_tol(adm_flow_find(&a, 1)->need.bw, 600000, 1e-3);
	/* shrink */
	ck_assert_int_eq(change(1, 0, 1000, 7, 7, NULL), ADM_OK);
	ck_assert_double_eq_tol(a.used.link_bw[0], 401000, 1e-3);
	/* a bad flowspec leaves it as it was */
	ck_assert_int_eq(change(1, 5, 1000, 7, 7, NULL), ADM_E_LINK);
	ck_assert_uint_eq(adm_flow_find(&a, 1)->link, 0);
	/* move to the other line card */
	ck_assert_int_eq(change(1, 1, 900000, 7, 7, NULL), ADM_OK);
	ck_assert_double_eq_tol(a.used.link_bw[0], 400000, 1e-3);
	ck_assert_double_eq_tol(a.used.link_bw[1], 900000, 1e-3);
	ck_assert_int_eq(change(7, 0, 1000, 7, 7, NULL), ADM_E_UNKNOWN);
}
END_TEST

START_TEST(change_preempts)
{
	size_t nv;

	ck_assert_int_eq(admit(1, 0, 500000, 2, 2, NULL), ADM_OK);
	ck_assert_int_eq(admit(2, 0, 500000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(change(1, 0, 700000, 2, 2, &nv), ADM_OK);
	ck_assert_uint_eq(nv, 1);
	ck_assert_ptr_null(adm_flow_find(&a, 2));
	ck_assert_ptr_nonnull(adm_flow_find(&a, 1));
	ck_assert_uint_eq(a.used.n_flows, 1);
	/* the changing flow never preempts itself */
	ck_assert_int_eq(change(1, 0, 1000001, 0, 0, &nv), ADM_E_BANDWIDTH);
	ck_assert_ptr_nonnull(adm_flow_find(&a, 1));
}
END_TEST

START_TEST(release_gives_back)
{
	int i;

	for (i = 0; i < 8; i++)
		ck_assert_int_eq(admit(i, 0, 125000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(8, 1, 0, 7, 7, NULL), ADM_E_POOL);
	ck_assert_int_eq(adm_release(&a, 3), ADM_OK);
	ck_assert_int_eq(adm_release(&a, 3), ADM_E_UNKNOWN);
	ck_assert_uint_eq(a.used.n_flows, 7);
	ck_assert_double_eq_tol(a.used.link_bw[0], 875000, 1e-3);
	ck_assert_int_eq(admit(8, 0, 125000, 7, 7, NULL), ADM_OK);
	for (i = 0; i < 9; i++)
		if (i != 3)
			ck_assert_int_eq(adm_release(&a, i), ADM_OK);
	ck_assert_uint_eq(a.used.n_flows, 0);
	ck_assert_uint_eq(a.used.mem, 0);
	ck_assert_double_eq(a.used.cpu, 0);
}
END_TEST

/* Many flows: the table grows past its first allocation. */
START_TEST(many_flows)
{
	int i;

	a.cap.pool_size = 1000;
	a.cap.mem_budget = 2000 * ROUTELET_MEM;
	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(admit(i, i % 2, 1000, 7, 7, NULL), ADM_OK);
	ck_assert_int_eq(admit(1000, 0, 1000, 7, 7, NULL), ADM_E_POOL);
	ck_assert_int_eq(admit(1000, 0, 1000, 6, 6, NULL), ADM_OK);
	ck_assert_uint_eq(a.used.n_flows, 1000);
	ck_assert_ptr_nonnull(adm_flow_find(&a, 999));
}
END_TEST

START_TEST(reason_strings)
{
	int r;

	for (r = ADM_OK; r <= ADM_E_NOMEM; r++)
		ck_assert_str_ne(adm_reason_str(r), "unknown reason");
	ck_assert_str_eq(adm_reason_str(ADM_E_BANDWIDTH),
	    "requested bandwidth unavailable");
	ck_assert_str_eq(adm_reason_str(ADM_E_NOMEM + 1), "unknown reason");
}
END_TEST

Suite *
admission_suite(void)
{
	Suite *s = suite_create("admission");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, admits_within_capacity);
	tcase_add_test(tc, bandwidth_refused);
	tcase_add_test(tc, mtu_refused);
	tcase_add_test(tc, cpu_refused);
	tcase_add_test(tc, memory_refused);
	tcase_add_test(tc, pool_refused);
	tcase_add_test(tc, guaranteed_terms_and_delay);
	tcase_add_test(tc, bad_requests);
	tcase_add_test(tc, hostile_values);
	tcase_add_test(tc, bad_capacity);
	tcase_add_test(tc, preempts_worst_holding);
	tcase_add_test(tc, preempts_fewest);
	tcase_add_test(tc, preemption_puts_back_unneeded);
	tcase_add_test(tc, preempts_several_in_order);
	tcase_add_test(tc, no_preemption_when_not_allowed);
	tcase_add_test(tc, preemption_respects_link);
	tcase_add_test(tc, preempts_for_pool);
	tcase_add_test(tc, preempts_for_cpu);
	tcase_add_test(tc, change_grows_and_shrinks);
	tcase_add_test(tc, change_preempts);
	tcase_add_test(tc, release_gives_back);
	tcase_add_test(tc, many_flows);
	tcase_add_test(tc, reason_strings);
	suite_add_tcase(s, tc);
	return s;
}
