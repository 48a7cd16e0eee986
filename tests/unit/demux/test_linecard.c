/* linecard.bpf.c through BPF_PROG_TEST_RUN on crafted frames. */
#include <linux/pkt_cls.h>

#include <errno.h>
#include <string.h>

#include "lib/mpls.h"
#include "harness.h"
#include "suites.h"

#define OUT_IF		5
#define VIF_IF		9

static uint8_t in[256], out[512];
static size_t out_len;
static struct writer w;

static void
set_swap(uint32_t in_label, uint32_t out_label)
{
	struct dp_ilm e = { .in_label = in_label, .action = DP_ILM_SWAP,
	    .out_label = out_label, .out_ifindex = OUT_IF };

	memcpy(e.dst_mac, MAC_C, 6);
	memcpy(e.src_mac, MAC_D, 6);
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), 0);
}

static void
set_pop(uint32_t in_label)
{
	struct dp_ilm e = { .in_label = in_label, .action = DP_ILM_POP,
	    .out_ifindex = OUT_IF };

	memcpy(e.dst_mac, MAC_C, 6);
	memcpy(e.src_mac, MAC_D, 6);
	ck_assert_int_eq(dp_ilm_set(H.dp, &e), 0);
}

static void
set_routelet(uint32_t in_label)
{
	struct dp_ilm e = { .in_label = in_label, .action = DP_ILM_ROUTELET,
	    .vif_ifindex = VIF_IF };

	ck_assert_int_eq(dp_ilm_set(H.dp, &e), 0);
}

static int
run(void)
{
	int verdict;

	ck_assert(w_ok(&w));
	out_len = sizeof(out);
	ck_assert_int_eq(run_prog(H.linecard_fd, in, w.len, NULL, out,
	    &out_len, NULL, &verdict), 0);
	return verdict;
}

static uint32_t
lse_at(size_t off)
{
	return (uint32_t)out[off] << 24 | (uint32_t)out[off + 1] << 16 |
	    (uint32_t)out[off + 2] << 8 | out[off + 3];
}

static uint16_t
type_at(size_t off)
{
	return (uint16_t)(out[off] << 8 | out[off + 1]);
}

static void
assert_counted(uint32_t label, uint64_t packets, uint64_t bytes)
{
	struct dp_counters c;

	ck_assert_int_eq(dp_ilm_counters(H.dp, label, &c), 0);
	ck_assert_uint_eq(c.packets, packets);
	ck_assert_uint_eq(c.bytes, bytes);
}

START_TEST(swap_depth_one)
{
	set_swap(100, 200);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 100, 5, 1, 64);
	put_ipv4(&w, 0, 9, 17, 0x0a000001, 0x0a000002, 8);
	put_ports(&w, 1, 2, 8);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_uint_eq(out_len, w.len);
	ck_assert_mem_eq(out, MAC_C, 6);
	ck_assert_mem_eq(out + 6, MAC_D, 6);
	ck_assert_uint_eq(type_at(12), ETH_P_MPLS_UC_);
	ck_assert_uint_eq(lse_at(14), mpls_lse_make(200, 5, 1, 63));
	ck_assert_mem_eq(out + 18, in + 18, w.len - 18);
	assert_counted(100, 1, w.len);
}
END_TEST

START_TEST(swap_depth_three_keeps_lower_entries)
{
	set_swap(100, 200);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 100, 0, 0, 30);
	put_lse(&w, 3000, 1, 0, 40);
	put_lse(&w, 4000, 2, 1, 50);
	w_zero(&w, 32);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_uint_eq(lse_at(14), mpls_lse_make(200, 0, 0, 29));
	ck_assert_mem_eq(out + 18, in + 18, w.len - 18);
	assert_counted(100, 1, w.len);
}
END_TEST

START_TEST(pop_bottom_restores_ipv4)
{
	uint8_t ip[20];

	set_pop(101);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 101, 0, 1, 64);
	put_ipv4(&w, 0, 200, 17, 0x0a000001, 0x0a000002, 8);
	put_ports(&w, 1, 2, 8);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_uint_eq(out_len, w.len - 4);
	ck_assert_mem_eq(out, MAC_C, 6);
	ck_assert_mem_eq(out + 6, MAC_D, 6);
	ck_assert_uint_eq(type_at(12), 0x0800);
	/* Uniform TTL (RFC 3443 3.1): the IP TTL is the outgoing one. */
	ck_assert_uint_eq(out[14 + 8], 63);
	memcpy(ip, out + 14, 20);
	ck_assert_uint_eq(ip_checksum(ip, 20), 0);
	ck_assert_mem_eq(out + 14 + 20, in + 18 + 20, 8);
	assert_counted(101, 1, w.len);
}
END_TEST

START_TEST(pop_not_bottom_stays_mpls)
{
	set_pop(101);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 101, 0, 0, 64);
	put_lse(&w, 300, 4, 1, 64);
	w_zero(&w, 40);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_uint_eq(out_len, w.len - 4);
	ck_assert_uint_eq(type_at(12), ETH_P_MPLS_UC_);
	ck_assert_uint_eq(lse_at(14), mpls_lse_make(300, 4, 1, 63));
	ck_assert_mem_eq(out + 18, in + 22, 40);
	assert_counted(101, 1, w.len);
}
END_TEST

START_TEST(routelet_redirects_unchanged)
{
	set_routelet(102);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 102, 0, 1, 64);
	w_zero(&w, 46);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_uint_eq(out_len, w.len);
	ck_assert_mem_eq(out, in, w.len);
	assert_counted(102, 1, w.len);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	assert_counted(102, 2, 2 * w.len);
}
END_TEST

START_TEST(vlan_tagged_routelet_and_swap)
{
	set_routelet(102);
	set_swap(100, 200);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 42, ETH_P_MPLS_UC_);
	put_lse(&w, 102, 0, 1, 64);
	w_zero(&w, 46);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_mem_eq(out, in, w.len);
	assert_counted(102, 1, w.len);

	/* Swapped frames leave another line card untagged. */
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 42, ETH_P_MPLS_UC_);
	put_lse(&w, 100, 0, 1, 64);
	w_zero(&w, 46);
	ck_assert_int_eq(run(), TC_ACT_REDIRECT);
	ck_assert_uint_eq(out_len, w.len - 4);
	ck_assert_uint_eq(type_at(12), ETH_P_MPLS_UC_);
	ck_assert_uint_eq(lse_at(14), mpls_lse_make(200, 0, 1, 63));
}
END_TEST

START_TEST(ttl_expiry_goes_up)
{
	uint64_t before = reason_count(DP_R_TTL_EXPIRED);

	set_swap(100, 200);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 100, 0, 1, 1);
	w_zero(&w, 46);
	ck_assert_int_eq(run(), TC_ACT_OK);
	ck_assert_mem_eq(out, in, w.len);
	ck_assert_uint_eq(reason_count(DP_R_TTL_EXPIRED), before + 1);
	assert_counted(100, 0, 0);
}
END_TEST

START_TEST(unknown_label_dropped)
{
	uint64_t before = reason_count(DP_R_NO_ENTRY);

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 777, 0, 1, 64);
	w_zero(&w, 46);
	ck_assert_int_eq(run(), TC_ACT_SHOT);
	ck_assert_uint_eq(reason_count(DP_R_NO_ENTRY), before + 1);
	ck_assert_uint_eq(reason_count(DP_R_MALFORMED), 0);
}
END_TEST

START_TEST(router_alert_goes_up)
{
	uint64_t before = reason_count(DP_R_ROUTER_ALERT);

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, MPLS_LABEL_ROUTER_ALERT, 0, 0, 64);
	put_lse(&w, 100, 0, 1, 64);
	w_zero(&w, 42);
	ck_assert_int_eq(run(), TC_ACT_OK);
	ck_assert_mem_eq(out, in, w.len);
	ck_assert_uint_eq(reason_count(DP_R_ROUTER_ALERT), before + 1);
}
END_TEST

START_TEST(non_mpls_passes_untouched)
{
	uint64_t c[DP_R_MAX], d[DP_R_MAX];

	ck_assert_int_eq(dp_reason_counters(H.dp, c), 0);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, 0x0800);
	put_ipv4(&w, 0, 64, 17, 0x0a000001, 0x0a000002, 26);
	put_ports(&w, 1, 2, 26);
	ck_assert_int_eq(run(), TC_ACT_OK);
	ck_assert_uint_eq(out_len, w.len);
	ck_assert_mem_eq(out, in, w.len);
	ck_assert_int_eq(dp_reason_counters(H.dp, d), 0);
	ck_assert_mem_eq(c, d, sizeof(c));
}
END_TEST

/* The kernel hands no program a frame shorter than an Ethernet header. */
START_TEST(under_14_bytes_never_reaches_the_program)
{
	int verdict;

	memset(in, 0, sizeof(in));
	out_len = sizeof(out);
	ck_assert_int_eq(run_prog(H.linecard_fd, in, 13, NULL, out, &out_len,
	    NULL, &verdict), -EINVAL);
}
END_TEST

START_TEST(truncated_label_stack_dropped)
{
	size_t len;
	uint64_t before = reason_count(DP_R_MALFORMED);
	int verdict;

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 100, 0, 1, 64);
	/* 14 to 17 bytes: the ethertype is there, the entry is not whole. */
	for (len = 14; len <= 17; len++) {
		out_len = sizeof(out);
		ck_assert_int_eq(run_prog(H.linecard_fd, in, len, NULL, out,
		    &out_len, NULL, &verdict), 0);
		ck_assert_int_eq(verdict, TC_ACT_SHOT);
	}
	ck_assert_uint_eq(reason_count(DP_R_MALFORMED), before + 4);
}
END_TEST

START_TEST(truncated_vlan_tag_dropped)
{
	uint64_t before = reason_count(DP_R_MALFORMED);
	int verdict;

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 42, ETH_P_MPLS_UC_);
	out_len = sizeof(out);
	ck_assert_int_eq(run_prog(H.linecard_fd, in, 16, NULL, out, &out_len,
	    NULL, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_SHOT);
	ck_assert_uint_eq(reason_count(DP_R_MALFORMED), before + 1);
}
END_TEST

START_TEST(deleted_entry_no_longer_matches)
{
	struct dp_counters c;

	set_routelet(102);
	ck_assert_int_eq(dp_ilm_del(H.dp, 102), 0);
	ck_assert_int_eq(dp_ilm_counters(H.dp, 102, &c), -ENOENT);
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, 102, 0, 1, 64);
	w_zero(&w, 46);
	ck_assert_int_eq(run(), TC_ACT_SHOT);
}
END_TEST

Suite *
linecard_suite(void)
{
	Suite *s = suite_create("linecard");
	TCase *tc = tcase_create("test_run");

	tcase_add_checked_fixture(tc, harness_setup, harness_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, swap_depth_one);
	tcase_add_test(tc, swap_depth_three_keeps_lower_entries);
	tcase_add_test(tc, pop_bottom_restores_ipv4);
	tcase_add_test(tc, pop_not_bottom_stays_mpls);
	tcase_add_test(tc, routelet_redirects_unchanged);
	tcase_add_test(tc, vlan_tagged_routelet_and_swap);
	tcase_add_test(tc, ttl_expiry_goes_up);
	tcase_add_test(tc, unknown_label_dropped);
	tcase_add_test(tc, router_alert_goes_up);
	tcase_add_test(tc, non_mpls_passes_untouched);
	tcase_add_test(tc, under_14_bytes_never_reaches_the_program);
	tcase_add_test(tc, truncated_label_stack_dropped);
	tcase_add_test(tc, truncated_vlan_tag_dropped);
	tcase_add_test(tc, deleted_entry_no_longer_matches);
	suite_add_tcase(s, tc);
	return s;
}
