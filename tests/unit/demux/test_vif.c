/* vif.bpf.c through BPF_PROG_TEST_RUN: frames a routelet sends back. */
#include <linux/pkt_cls.h>

#include <string.h>

#include <bpf/bpf.h>

#include "lib/mpls.h"
#include "demux/dp_bpf.h"
#include "demux/dp_bpf_types.h"
#include "harness.h"
#include "suites.h"

/* BPF_PROG_TEST_RUN runs on the loopback device, ifindex 1. */
#define TEST_VIF	1
#define OUT_IF		5
#define PRIO		0x10002		/* HTB class 1:2 */

static uint8_t in[128], out[256];

static void
set_vif(void)
{
	struct dpb_vif v = { .out_ifindex = OUT_IF, .priority = PRIO };
	__u32 k = TEST_VIF;

	/* As dp_vif_attach would, without a filter on the loopback device. */
	ck_assert_int_eq(bpf_map_update_elem(H.vif_map_fd, &k, &v, BPF_ANY), 0);
	ck_assert_int_eq(dpb_counters_create(H.vif_cnt_fd, &k), 0);
}

static size_t
mpls_frame(void)
{
	struct writer w;

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_C, MAC_D, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 200, 0, 1, 63);
	w_zero(&w, 46);
	ck_assert(w_ok(&w));
	return w.len;
}

START_TEST(redirect_with_priority)
{
	struct __sk_buff ctx_out;
	struct dp_counters c;
	size_t len = mpls_frame(), out_len = sizeof(out);
	int verdict;

	set_vif();
	memset(&ctx_out, 0, sizeof(ctx_out));
	ck_assert_int_eq(run_prog(H.vif_fd, in, len, NULL, out, &out_len,
	    &ctx_out, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_REDIRECT);
	ck_assert_uint_eq(ctx_out.priority, PRIO);
	ck_assert_mem_eq(out, in, len);
	ck_assert_int_eq(dp_vif_counters(H.dp, TEST_VIF, &c), 0);
	ck_assert_uint_eq(c.packets, 1);
	ck_assert_uint_eq(c.bytes, len);
}
END_TEST

START_TEST(unknown_vif_dropped)
{
	size_t len = mpls_frame(), out_len = sizeof(out);
	uint64_t before = reason_count(DP_R_NO_VIF);
	int verdict;

	ck_assert_int_eq(run_prog(H.vif_fd, in, len, NULL, out, &out_len,
	    NULL, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_SHOT);
	ck_assert_uint_eq(reason_count(DP_R_NO_VIF), before + 1);
}
END_TEST

/* An IPv4 frame: what a routelet sends after popping the bottom label. */
static size_t
ipv4_frame(void)
{
	struct writer w;

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_C, MAC_D, 0, 0x0800);
	w_zero(&w, 46);
	ck_assert(w_ok(&w));
	return w.len;
}

START_TEST(popped_ipv4_redirected)
{
	struct __sk_buff ctx_out;
	struct dp_counters c;
	size_t len = ipv4_frame(), out_len = sizeof(out);
	int verdict;

	set_vif();
	memset(&ctx_out, 0, sizeof(ctx_out));
	ck_assert_int_eq(run_prog(H.vif_fd, in, len, NULL, out, &out_len,
	    &ctx_out, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_REDIRECT);
	ck_assert_uint_eq(ctx_out.priority, PRIO);
	ck_assert_mem_eq(out, in, len);
	ck_assert_int_eq(dp_vif_counters(H.dp, TEST_VIF, &c), 0);
	ck_assert_uint_eq(c.packets, 1);
}
END_TEST

/* IPv4 from an interface that is no routelet's is dom0's own traffic. */
START_TEST(ipv4_of_unknown_vif_goes_up)
{
	size_t len = ipv4_frame(), out_len = sizeof(out);
	uint64_t before = reason_count(DP_R_NO_VIF);
	int verdict;

	ck_assert_int_eq(run_prog(H.vif_fd, in, len, NULL, out, &out_len,
	    NULL, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_OK);
	ck_assert_uint_eq(reason_count(DP_R_NO_VIF), before);
}
END_TEST

START_TEST(arp_goes_up)
{
	struct writer w;
	size_t out_len = sizeof(out);
	int verdict;

	set_vif();
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_C, MAC_D, 0, 0x0806);
	w_zero(&w, 28);
	ck_assert_int_eq(run_prog(H.vif_fd, in, w.len, NULL, out, &out_len,
	    NULL, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_OK);
	ck_assert_uint_eq(out_len, w.len);
	ck_assert_mem_eq(out, in, w.len);
}
END_TEST

Suite *
vif_suite(void)
{
	Suite *s = suite_create("vif");
	TCase *tc = tcase_create("test_run");

	tcase_add_checked_fixture(tc, harness_setup, harness_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, redirect_with_priority);
	tcase_add_test(tc, unknown_vif_dropped);
	tcase_add_test(tc, arp_goes_up);
	tcase_add_test(tc, popped_ipv4_redirected);
	tcase_add_test(tc, ipv4_of_unknown_vif_goes_up);
	suite_add_tcase(s, tc);
	return s;
}
