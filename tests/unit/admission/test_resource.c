#include <float.h>
#include <math.h>
#include <stdint.h>

#include "flowspec/intserv.h"
#include "flowspec/resource.h"
#include "suites.h"

/* 2 Mbit/s Controlled-Load: r = 250,000 B/s, b = 10,000, no peak,
 * m = 100, M = 1500. */
static struct is_flowspec
cl_2mbit(void)
{
	struct is_flowspec f = {
		.service = IS_SVC_CONTROLLED_LOAD,
		.tspec = { .rate = 250000, .bucket = 10000, .peak = INFINITY,
		    .min_unit = 100, .max_size = 1500 },
	};

	return f;
}

static struct is_flowspec
guar(float R)
{
	struct is_flowspec f = cl_2mbit();

	f.service = IS_SVC_GUARANTEED;
	f.rspec.rate = R;
	return f;
}

/* The default model: 1% of a core plus 3 us a packet, x1.25, 100 ms
 * period. */
START_TEST(controlled_load_needs)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct rs_need n;

	rs_params_default(&p);
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert_uint_eq(n.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert_double_eq_tol(n.bw, 250000, 1e-6);
	/* (b + r T) / (m T) = (10000 + 25000) / (100 * 0.1) */
	ck_assert_double_eq_tol(n.pps, 3500, 1e-6);
	ck_assert_double_eq_tol(n.cpu, (0.01 + 3500 * 3000e-9) * 1.25, 1e-12);
	/* 0.025625 cores: 2562.5 us of 100 ms, rounded up */
	ck_assert_uint_eq(n.cpu_period_us, 100000);
	ck_assert_uint_eq(n.cpu_quota_us, 2563);
	ck_assert_uint_eq(n.mem, (8u << 20) + (4u << 20) + 10000 + 1500);
	ck_assert_uint_eq(n.max_pkt, 1500);
}
END_TEST

/* The quota is rounded up, not down, once it is above the minimum. */
START_TEST(quota_rounds_up)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct rs_need n;

	rs_params_default(&p);
	p.pkt_cost_ns = 10000;
	p.base_cpu = 0;
	p.cpu_headroom = 1;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	/* 3500 pps x 10 us = 0.035 cores = 3500 us per 100 ms */
	ck_assert_double_eq_tol(n.cpu, 0.035, 1e-12);
	ck_assert_uint_eq(n.cpu_quota_us, 3500);
	p.pkt_cost_ns = 10001;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert_uint_eq(n.cpu_quota_us, 3501);
}
END_TEST

/* A headroom below 1 would under-provision: it counts as 1. */
START_TEST(headroom_below_one_is_one)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct rs_need n;

	rs_params_default(&p);
	p.cpu_headroom = 0.5;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert_double_eq_tol(n.cpu, 0.01 + 3500 * 3000e-9, 1e-12);
}
END_TEST

/* Packet rate over a window: min(M + pT, b + rT) / (max(m, floor) T). */
static const struct {
	float		r, b, p;
	uint32_t	m, M;
	double		pps;
} pps_table[] = {
	{ 250000, 10000, INFINITY, 100, 1500, 3500 },
	/* p limits: 1500 + 50000 < 100000 + 25000 */
	{ 250000, 100000, 500000, 100, 1500, 5150 },
	/* p does not limit: 35000 < 1500 + 50000 */
	{ 250000, 10000, 500000, 100, 1500, 3500 },
	/* m = 0 and m below the 64-byte floor count as 64 */
	{ 250000, 10000, INFINITY, 0, 1500, 35000 / 6.4 },
	{ 250000, 10000, INFINITY, 40, 1500, 35000 / 6.4 },
	/* m above the floor */
	{ 250000, 10000, INFINITY, 1000, 1500, 350 },
	/* nothing at all */
	{ 0, 0, 0, 0, 0, 0 },
	/* only a bucket: one burst per window */
	{ 0, 6400, INFINITY, 64, 1500, 1000 },
};

START_TEST(packet_rate_table)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct rs_need n;

	rs_params_default(&p);
	f.tspec.rate = pps_table[_i].r;
	f.tspec.bucket = pps_table[_i].b;
	f.tspec.peak = pps_table[_i].p;
	f.tspec.min_unit = pps_table[_i].m;
	f.tspec.max_size = pps_table[_i].M;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert_double_eq_tol(n.pps, pps_table[_i].pps, 1e-6);
}
END_TEST

/* The sender's TSpec bounds the packet rate when it is smaller. */
START_TEST(sender_tspec_bounds_rate)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct is_tspec s = f.tspec, big = f.tspec;
	struct rs_need n;

	rs_params_default(&p);
	s.rate = 125000;
	s.bucket = 5000;
	ck_assert_int_eq(rs_need_compute(&p, &s, &f, &n), 0);
	ck_assert_double_eq_tol(n.pps, 1750, 1e-6);
	/* the bandwidth reserved is still the FLOWSPEC's */
	ck_assert_double_eq_tol(n.bw, 250000, 1e-6);
	big.rate = 1e7;
	ck_assert_int_eq(rs_need_compute(&p, &big, &f, &n), 0);
	ck_assert_double_eq_tol(n.pps, 3500, 1e-6);
}
END_TEST

START_TEST(guaranteed_reserves_R)
{
	struct rs_params p;
	struct is_flowspec f = guar(300000);
	struct rs_need n;

	rs_params_default(&p);
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert_uint_eq(n.service, IS_SVC_GUARANTEED);
	ck_assert_double_eq_tol(n.bw, 300000, 1e-6);
	/* R = r is allowed */
	f = guar(250000);
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
}
END_TEST

/* Refusals and their RFC 2205 code 21 values; 'need' zeroed. */
START_TEST(refusals)
{
	struct rs_params p;
	struct is_flowspec f;
	struct is_tspec s;
	struct rs_need n;

	rs_params_default(&p);
	f = guar(249999);	/* R < r: RFC 2212 */
	n.bw = 1;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_BAD_FLOWSPEC);
	ck_assert_double_eq(n.bw, 0);
	f = guar(NAN);
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_BAD_FLOWSPEC);
	f = guar(INFINITY);
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_BAD_FLOWSPEC);
	f = cl_2mbit();
	f.service = IS_SVC_GENERAL;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_SERVICE_UNSUPPORTED);
	f = cl_2mbit();
	f.tspec.rate = INFINITY;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_BAD_FLOWSPEC);
	f = cl_2mbit();
	f.tspec.bucket = -1;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_BAD_FLOWSPEC);
	f = cl_2mbit();
	f.tspec.min_unit = 2000;	/* m > M */
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n),
	    IS_TC_BAD_FLOWSPEC);
	f = cl_2mbit();
	s = f.tspec;
	s.peak = 1000;			/* p < r */
	ck_assert_int_eq(rs_need_compute(&p, &s, &f, &n), IS_TC_BAD_TSPEC);
}
END_TEST

/* Huge values saturate instead of wrapping. */
START_TEST(huge_values_saturate)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct rs_need n;

	rs_params_default(&p);
	f.tspec.rate = FLT_MAX;
	f.tspec.bucket = FLT_MAX;
	f.tspec.max_size = UINT32_MAX;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert_uint_eq(n.cpu_quota_us, UINT64_MAX);
	ck_assert_uint_eq(n.mem, UINT64_MAX);
	ck_assert(n.cpu > 1e20);
	ck_assert_uint_eq(n.max_pkt, UINT32_MAX);
}
END_TEST

/* A zero period does not divide by zero. */
START_TEST(zero_period)
{
	struct rs_params p;
	struct is_flowspec f = cl_2mbit();
	struct rs_need n;

	rs_params_default(&p);
	p.cpu_period_us = 0;
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	ck_assert(isfinite(n.pps));
	ck_assert_uint_eq(n.cpu_quota_us, p.min_quota_us);
}
END_TEST

/* C = M; D = MTU / link rate + (period - quota) + hop latency. */
START_TEST(guaranteed_terms)
{
	struct rs_params p;
	struct is_flowspec f = guar(300000);
	struct rs_link gig = { .rate = 125e6, .mtu = 1500 };
	struct rs_link dead = { .rate = 0, .mtu = 1500 };
	struct rs_need n;
	uint32_t c, d;

	rs_params_default(&p);
	ck_assert_int_eq(rs_need_compute(&p, NULL, &f, &n), 0);
	rs_guaranteed_terms(&p, &gig, &n, &c, &d);
	ck_assert_uint_eq(c, 1500);
	/* quota: (0.01 + 3500 pps x 3 us) x 1.25 = 2562.5, rounded up */
	ck_assert_uint_eq(n.cpu_quota_us, 2563);
	ck_assert_uint_eq(d, 12 + (100000 - 2563) + 50);
	/* a quota as long as the period holds nothing back */
	n.cpu_quota_us = 200000;
	rs_guaranteed_terms(&p, &gig, &n, &c, &d);
	ck_assert_uint_eq(d, 12 + 50);
	rs_guaranteed_terms(&p, &dead, &n, &c, &d);
	ck_assert_uint_eq(d, UINT32_MAX);
}
END_TEST

/* RFC 2212's delay bound for one hop. */
START_TEST(guaranteed_delay)
{
	struct is_flowspec f = guar(300000);

	/* p infinite: (b - M)/R + (M + C)/R + D */
	ck_assert_uint_eq(rs_guaranteed_delay_us(&f, 1500, 99062),
	    137396);
	/* p > R >= r: the first term times (p - R)/(p - r) */
	f.tspec.peak = 600000;
	ck_assert_uint_eq(rs_guaranteed_delay_us(&f, 1500, 99062), 133348);
	/* R >= p: (M + C)/R + D */
	f.tspec.peak = 300000;
	ck_assert_uint_eq(rs_guaranteed_delay_us(&f, 1500, 99062), 109062);
	f.rspec.rate = 0;
	ck_assert_uint_eq(rs_guaranteed_delay_us(&f, 1500, 99062), UINT64_MAX);
}
END_TEST

START_TEST(adspec_accumulates)
{
	struct is_ad_guaranteed g = { .present = true };

	g.dtot.present = true;
	g.dtot.value = 100;
	rs_adspec_add(&g, 1500, 62);
	ck_assert(g.ctot.present && g.csum.present && g.dsum.present);
	ck_assert_uint_eq(g.ctot.value, 1500);
	ck_assert_uint_eq(g.csum.value, 1500);
	ck_assert_uint_eq(g.dtot.value, 162);
	ck_assert_uint_eq(g.dsum.value, 62);
	g.ctot.value = UINT32_MAX - 1;
	rs_adspec_add(&g, 1500, 0);
	ck_assert_uint_eq(g.ctot.value, UINT32_MAX);
	ck_assert_uint_eq(g.csum.value, 3000);
}
END_TEST

START_TEST(adspec_absent_untouched)
{
	struct is_ad_guaranteed g = { .present = false };

	rs_adspec_add(&g, 1500, 62);
	ck_assert(!g.ctot.present);
	ck_assert_uint_eq(g.ctot.value, 0);
}
END_TEST

Suite *
resource_suite(void)
{
	Suite *s = suite_create("resource");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, controlled_load_needs);
	tcase_add_test(tc, quota_rounds_up);
	tcase_add_test(tc, headroom_below_one_is_one);
	tcase_add_loop_test(tc, packet_rate_table, 0,
	    sizeof(pps_table) / sizeof(pps_table[0]));
	tcase_add_test(tc, sender_tspec_bounds_rate);
	tcase_add_test(tc, guaranteed_reserves_R);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, huge_values_saturate);
	tcase_add_test(tc, zero_period);
	tcase_add_test(tc, guaranteed_terms);
	tcase_add_test(tc, guaranteed_delay);
	tcase_add_test(tc, adspec_accumulates);
	tcase_add_test(tc, adspec_absent_untouched);
	suite_add_tcase(s, tc);
	return s;
}
