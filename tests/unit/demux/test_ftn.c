/* ftn.bpf.c through BPF_PROG_TEST_RUN: label push on IPv4 by class. */
#include <arpa/inet.h>
#include <linux/pkt_cls.h>

#include <errno.h>
#include <string.h>

#include "lib/mpls.h"
#include "harness.h"
#include "suites.h"

#define DST		0x0a010203	/* 10.1.2.3 */
#define EF		46		/* DSCP Expedited Forwarding */

static uint8_t in[256], out[512];
static size_t out_len;

static const struct dp_ftn RULE = { .plen = 16, .proto = 17,
    .port_min = 5000, .port_max = 5100, .label = 1000 };

static void
set_rule(void)
{
	struct dp_ftn f = RULE;

	f.dst = htonl(0x0a01ffff);	/* host bits are masked off */
	ck_assert_int_eq(dp_ftn_set(H.dp, &f), 0);
}

static int
send_ip(uint8_t tos, uint8_t proto, uint32_t dst, uint16_t dport,
    size_t *len_r)
{
	struct writer w;
	int verdict;

	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, 0x0800);
	put_ipv4(&w, tos, 57, proto, 0x0a000001, dst, 16);
	put_ports(&w, 40000, dport, 16);
	ck_assert(w_ok(&w));
	*len_r = w.len;
	out_len = sizeof(out);
	ck_assert_int_eq(run_prog(H.ftn_fd, in, w.len, NULL, out, &out_len,
	    NULL, &verdict), 0);
	return verdict;
}

static uint32_t
lse_at(size_t off)
{
	return (uint32_t)out[off] << 24 | (uint32_t)out[off + 1] << 16 |
	    (uint32_t)out[off + 2] << 8 | out[off + 3];
}

static void
assert_pushed(size_t len, uint8_t tc)
{
	ck_assert_uint_eq(out_len, len + 4);
	ck_assert_mem_eq(out, in, 12);
	ck_assert_uint_eq(out[12] << 8 | out[13], ETH_P_MPLS_UC_);
	ck_assert_uint_eq(lse_at(14), mpls_lse_make(1000, tc, 1, 57));
	ck_assert_mem_eq(out + 18, in + 14, len - 14);
}

static void
assert_unchanged(size_t len)
{
	ck_assert_uint_eq(out_len, len);
	ck_assert_mem_eq(out, in, len);
}

START_TEST(push_on_match_tc_from_dscp)
{
	struct dp_counters c;
	size_t len;

	set_rule();
	/* Default map: class selector, TC = DSCP >> 3. */
	ck_assert_int_eq(send_ip(EF << 2, 17, DST, 5000, &len), TC_ACT_OK);
	assert_pushed(len, EF >> 3);
	ck_assert_int_eq(dp_ftn_dscp_tc(H.dp, EF, 7), 0);
	ck_assert_int_eq(send_ip(EF << 2, 17, DST, 5100, &len), TC_ACT_OK);
	assert_pushed(len, 7);
	ck_assert_int_eq(dp_ftn_counters(H.dp, &RULE, &c), -ENOENT);
	{
		struct dp_ftn f = RULE;

		f.dst = htonl(0x0a010000);
		ck_assert_int_eq(dp_ftn_counters(H.dp, &f, &c), 0);
		ck_assert_uint_eq(c.packets, 2);
		/* Bytes as they left, label included. */
		ck_assert_uint_eq(c.bytes, 2 * (len + 4));
	}
}
END_TEST

START_TEST(miss_on_port_proto_or_prefix)
{
	struct dp_ftn f = RULE;
	struct dp_counters c;
	size_t len;

	set_rule();
	ck_assert_int_eq(send_ip(0, 17, DST, 4999, &len), TC_ACT_OK);
	assert_unchanged(len);
	ck_assert_int_eq(send_ip(0, 17, DST, 5101, &len), TC_ACT_OK);
	assert_unchanged(len);
	ck_assert_int_eq(send_ip(0, 6, DST, 5000, &len), TC_ACT_OK);
	assert_unchanged(len);
	ck_assert_int_eq(send_ip(0, 17, 0x0a020203, 5000, &len), TC_ACT_OK);
	assert_unchanged(len);
	f.dst = htonl(0x0a010000);
	ck_assert_int_eq(dp_ftn_counters(H.dp, &f, &c), 0);
	ck_assert_uint_eq(c.packets, 0);
}
END_TEST

/* RFC 791: only the first fragment carries the UDP header. */
START_TEST(later_fragment_has_no_port)
{
	struct writer w;
	int verdict;

	set_rule();
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, 0x0800);
	put_ipv4(&w, 0, 57, 17, 0x0a000001, DST, 16);
	put_ports(&w, 40000, 5000, 16);
	ck_assert(w_ok(&w));
	in[14 + 7] = 0x10;	/* offset 16 x 8 bytes */
	out_len = sizeof(out);
	ck_assert_int_eq(run_prog(H.ftn_fd, in, w.len, NULL, out, &out_len,
	    NULL, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_OK);
	assert_unchanged(w.len);
}
END_TEST

START_TEST(any_protocol_rule_and_delete)
{
	struct dp_ftn any = { .dst = htonl(0x0a010000), .plen = 16,
	    .port_max = 65535, .label = 1001 };
	size_t len;

	ck_assert_int_eq(dp_ftn_set(H.dp, &any), 0);
	ck_assert_int_eq(send_ip(0, 1, DST, 0, &len), TC_ACT_OK);
	ck_assert_uint_eq(out_len, len + 4);
	ck_assert_uint_eq(mpls_lse_label(lse_at(14)), 1001);
	ck_assert_int_eq(dp_ftn_del(H.dp, &any), 0);
	ck_assert_int_eq(send_ip(0, 1, DST, 0, &len), TC_ACT_OK);
	assert_unchanged(len);
	ck_assert_int_eq(dp_ftn_del(H.dp, &any), -ENOENT);
}
END_TEST

START_TEST(bad_ip_header_passes)
{
	struct writer w;
	int verdict;

	set_rule();
	w_init(&w, in, sizeof(in));
	put_eth(&w, MAC_B, MAC_A, 0, 0x0800);
	put_ipv4(&w, 0, 57, 17, 0x0a000001, DST, 16);
	put_ports(&w, 40000, 5000, 16);
	in[14] = 0x44;		/* IHL 4: shorter than an IPv4 header */
	out_len = sizeof(out);
	ck_assert_int_eq(run_prog(H.ftn_fd, in, w.len, NULL, out, &out_len,
	    NULL, &verdict), 0);
	ck_assert_int_eq(verdict, TC_ACT_OK);
	ck_assert_uint_eq(out_len, w.len);
}
END_TEST

Suite *
ftn_suite(void)
{
	Suite *s = suite_create("ftn");
	TCase *tc = tcase_create("test_run");

	tcase_add_checked_fixture(tc, harness_setup, harness_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, push_on_match_tc_from_dscp);
	tcase_add_test(tc, miss_on_port_proto_or_prefix);
	tcase_add_test(tc, later_fragment_has_no_port);
	tcase_add_test(tc, any_protocol_rule_and_delete);
	tcase_add_test(tc, bad_ip_header_passes);
	suite_add_tcase(s, tc);
	return s;
}
