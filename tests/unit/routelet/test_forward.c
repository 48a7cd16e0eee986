#include <arpa/inet.h>
#include <string.h>

#include "lib/inet.h"
#include "lib/mpls.h"
#include "routelet/forward.h"
#include "suites.h"

#define SEC	1000000000ull

static const uint8_t peer_mac[ETH_ALEN_] = { 0x0a, 1, 2, 3, 4, 5 };
static const uint8_t our_mac[ETH_ALEN_] = { 0x0a, 1, 2, 3, 4, 6 };

/*
 * Build a frame into 'buf': Ethernet to 'our_mac' with 'ethertype', then
 * 'nlse' label entries, then 'payload_len' bytes of an IPv4-looking
 * payload.  Returns its length.
 */
static size_t
frame(uint8_t *buf, uint16_t ethertype, const uint32_t *lse, int nlse,
    size_t payload_len)
{
	uint16_t et = htons(ethertype);
	uint32_t be;
	size_t len = 0;
	int i;

	memcpy(buf, our_mac, ETH_ALEN_);
	memcpy(buf + ETH_ALEN_, peer_mac, ETH_ALEN_);
	memcpy(buf + 12, &et, 2);
	len = ETH_HLEN_;
	for (i = 0; i < nlse; i++) {
		be = htonl(lse[i]);
		memcpy(buf + len, &be, 4);
		len += 4;
	}
	memset(buf + len, 0xab, payload_len);
	if (payload_len > 0)
		buf[len] = 0x45;	/* IPv4, 20-byte header */
	return len + payload_len;
}

static uint32_t
lse_at(const uint8_t *p)
{
	uint32_t be;

	memcpy(&be, p, 4);
	return ntohl(be);
}

static void
setup_fwd(struct rl_fwd *f, uint32_t out_label)
{
	struct rl_config cfg;

	test_config(&cfg);
	cfg.out_label = out_label;
	cfg.tspec.rate = 1000000;
	cfg.tspec.bucket = 100000;
	rl_fwd_init(f);
	rl_fwd_apply(f, &cfg, 0);
}

START_TEST(swaps_label_and_ttl_and_macs)
{
	struct rl_fwd f;
	struct rl_config cfg;
	uint8_t buf[256];
	uint32_t lse = mpls_lse_make(1000, 5, 1, 64);
	size_t len, off, olen;

	setup_fwd(&f, 2000);
	test_config(&cfg);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
	ck_assert_uint_eq(off, 0);
	ck_assert_uint_eq(olen, len);
	ck_assert_mem_eq(buf, cfg.nexthop_mac, ETH_ALEN_);
	ck_assert_mem_eq(buf + 6, cfg.source_mac, ETH_ALEN_);
	ck_assert_uint_eq(buf[12], 0x88);
	ck_assert_uint_eq(buf[13], 0x47);
	lse = lse_at(buf + 14);
	ck_assert_uint_eq(mpls_lse_label(lse), 2000);
	ck_assert_uint_eq(mpls_lse_ttl(lse), 63);
	ck_assert_uint_eq(mpls_lse_tc(lse), 5);
	ck_assert(mpls_lse_bottom(lse));
	ck_assert_uint_eq(buf[18], 0x45);
	ck_assert_uint_eq(f.cnt.rx_packets, 1);
	ck_assert_uint_eq(f.cnt.rx_bytes, len);
	rl_fwd_sent(&f, olen, true);
	ck_assert_uint_eq(f.cnt.tx_packets, 1);
	ck_assert_uint_eq(f.cnt.tx_bytes, len);
}
END_TEST

START_TEST(pop_bottom_restores_ipv4)
{
	struct rl_fwd f;
	struct rl_config cfg;
	uint8_t buf[256];
	uint32_t lse = mpls_lse_make(1000, 0, 1, 64);
	size_t len, off, olen;

	setup_fwd(&f, MPLS_LABEL_IMPLICIT_NULL);
	test_config(&cfg);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
	ck_assert_uint_eq(off, 4);
	ck_assert_uint_eq(olen, len - 4);
	ck_assert_mem_eq(buf + off, cfg.nexthop_mac, ETH_ALEN_);
	ck_assert_mem_eq(buf + off + 6, cfg.source_mac, ETH_ALEN_);
	ck_assert_uint_eq(buf[off + 12], 0x08);
	ck_assert_uint_eq(buf[off + 13], 0x00);
	ck_assert_uint_eq(buf[off + 14], 0x45);
}
END_TEST

START_TEST(pop_bottom_takes_the_label_ttl)
{
	struct rl_fwd f;
	uint8_t buf[256], *ip;
	uint32_t lse = mpls_lse_make(1000, 0, 1, 40);
	size_t len, off, olen;
	uint16_t c;

	setup_fwd(&f, MPLS_LABEL_IMPLICIT_NULL);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ip = buf + ETH_HLEN_ + MPLS_HLEN;
	memset(ip, 0, IPV4_HLEN_MIN);
	ip[0] = 0x45;
	ip[3] = 46;
	ip[IPV4_TTL_OFF] = 200;
	ip[IPV4_TTL_OFF + 1] = 17;
	c = inet_cksum(ip, IPV4_HLEN_MIN);
	memcpy(ip + IPV4_CSUM_OFF, &c, 2);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
	/* Uniform model (RFC 3443 3.1): the IP TTL is the label's - 1. */
	ck_assert_uint_eq(ip[IPV4_TTL_OFF], 39);
	ck_assert_uint_eq(inet_cksum(ip, IPV4_HLEN_MIN), 0);
}
END_TEST

START_TEST(pop_inner_keeps_mpls)
{
	struct rl_fwd f;
	uint8_t buf[256];
	uint32_t lse[2] = {
		mpls_lse_make(1000, 0, 0, 64),
		mpls_lse_make(777, 1, 1, 9),
	};
	size_t len, off, olen;

	setup_fwd(&f, MPLS_LABEL_IMPLICIT_NULL);
	len = frame(buf, ETH_P_MPLS_UC_, lse, 2, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
	ck_assert_uint_eq(off, 4);
	ck_assert_uint_eq(buf[off + 12], 0x88);
	ck_assert_uint_eq(buf[off + 13], 0x47);
	/* Uniform model (RFC 3443 3.1): the inner entry takes TTL - 1. */
	ck_assert_uint_eq(lse_at(buf + off + 14), mpls_lse_set_ttl(lse[1], 63));
}
END_TEST

START_TEST(pop_needs_what_follows)
{
	struct rl_fwd f;
	uint8_t buf[256];
	uint32_t top = mpls_lse_make(1000, 0, 0, 64);
	uint32_t bottom = mpls_lse_make(1000, 0, 1, 64);
	size_t len, off, olen;

	setup_fwd(&f, MPLS_LABEL_IMPLICIT_NULL);
	/* S=0 but no second entry. */
	len = frame(buf, ETH_P_MPLS_UC_, &top, 1, 0);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	/* S=1 over something that is not IPv4. */
	len = frame(buf, ETH_P_MPLS_UC_, &bottom, 1, 46);
	buf[18] = 0x60;
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	/* S=1 over a truncated IPv4 header. */
	len = frame(buf, ETH_P_MPLS_UC_, &bottom, 1, 19);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	ck_assert_uint_eq(f.cnt.malformed_packets, 3);
	ck_assert_uint_eq(f.cnt.tx_packets, 0);
}
END_TEST

START_TEST(ttl_one_and_zero_expire)
{
	struct rl_fwd f;
	uint8_t buf[256];
	uint32_t lse;
	size_t len, off, olen;

	setup_fwd(&f, 2000);
	lse = mpls_lse_make(1000, 0, 1, 1);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	lse = mpls_lse_make(1000, 0, 1, 0);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	ck_assert_uint_eq(f.cnt.ttl_expired_packets, 2);
	lse = mpls_lse_make(1000, 0, 1, 2);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
	ck_assert_uint_eq(mpls_lse_ttl(lse_at(buf + 14)), 1);
}
END_TEST

START_TEST(wrong_label_dropped)
{
	struct rl_fwd f;
	uint8_t buf[256];
	uint32_t lse = mpls_lse_make(1001, 0, 1, 64);
	size_t len, off, olen;

	setup_fwd(&f, 2000);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	ck_assert_uint_eq(f.cnt.bad_label_packets, 1);
	/* The frame is left as it came. */
	ck_assert_uint_eq(lse_at(buf + 14), lse);
}
END_TEST

START_TEST(unconfigured_drops_everything)
{
	struct rl_fwd f;
	uint8_t buf[256];
	uint32_t lse = mpls_lse_make(1000, 0, 1, 64);
	size_t len, off, olen;

	rl_fwd_init(&f);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	ck_assert_uint_eq(f.cnt.bad_label_packets, 1);
}
END_TEST

START_TEST(non_mpls_dropped)
{
	struct rl_fwd f;
	uint8_t buf[256];
	size_t len, off, olen;

	setup_fwd(&f, 2000);
	len = frame(buf, ETH_P_IPV4_, NULL, 0, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	/* Multicast MPLS is not this flow's either. */
	len = frame(buf, ETH_P_MPLS_MC_, NULL, 0, 46);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	ck_assert_uint_eq(f.cnt.not_mpls_packets, 2);
	ck_assert_uint_eq(f.cnt.rx_packets, 2);
}
END_TEST

START_TEST(short_frames_malformed)
{
	struct rl_fwd f;
	uint8_t buf[256];
	uint32_t lse = mpls_lse_make(1000, 0, 1, 64);
	size_t len, cut, off, olen;

	setup_fwd(&f, 2000);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 0);
	/* Every cut below a whole label entry, and no frame at all. */
	for (cut = 0; cut < len; cut++)
		ck_assert_int_eq(rl_forward(&f, buf, cut, 0, &off, &olen),
		    RL_DROP);
	ck_assert_uint_eq(f.cnt.malformed_packets, len);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
}
END_TEST

START_TEST(policer_drops_and_counts)
{
	struct rl_fwd f;
	struct rl_config cfg;
	uint8_t buf[256];
	uint32_t lse = mpls_lse_make(1000, 0, 1, 64);
	size_t len, off, olen;

	test_config(&cfg);	/* r 1000 B/s, b 3000 B, m 64 */
	rl_fwd_init(&f);
	rl_fwd_apply(&f, &cfg, 0);
	/* 100 bytes after the Ethernet header: 30 fit the bucket. */
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 96);
	for (int i = 0; i < 30; i++) {
		frame(buf, ETH_P_MPLS_UC_, &lse, 1, 96);
		ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen),
		    RL_SEND);
	}
	frame(buf, ETH_P_MPLS_UC_, &lse, 1, 96);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	ck_assert_uint_eq(f.cnt.policed_packets, 1);
	ck_assert_uint_eq(f.cnt.policed_bytes, len);
	/* A tenth of a second later one more is due. */
	ck_assert_int_eq(rl_forward(&f, buf, len, SEC / 10, &off, &olen),
	    RL_SEND);
}
END_TEST

START_TEST(reconfigure_keeps_or_resets_policer)
{
	struct rl_fwd f;
	struct rl_config cfg;
	uint8_t buf[2048];
	uint32_t lse = mpls_lse_make(1000, 0, 1, 64);
	size_t len, off, olen;
	int i;

	test_config(&cfg);
	rl_fwd_init(&f);
	rl_fwd_apply(&f, &cfg, 0);
	len = frame(buf, ETH_P_MPLS_UC_, &lse, 1, 1486);	/* 1500 */
	for (i = 0; i < 2; i++) {
		frame(buf, ETH_P_MPLS_UC_, &lse, 1, 1486);
		ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen),
		    RL_SEND);
	}
	/* Same TSpec, new label: the empty bucket stays empty. */
	cfg.generation = 2;
	cfg.in_label = 1001;
	rl_fwd_apply(&f, &cfg, 0);
	lse = mpls_lse_make(1001, 0, 1, 64);
	frame(buf, ETH_P_MPLS_UC_, &lse, 1, 1486);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_DROP);
	/* A new TSpec starts full. */
	cfg.generation = 3;
	cfg.tspec.bucket = 4500;
	rl_fwd_apply(&f, &cfg, 0);
	frame(buf, ETH_P_MPLS_UC_, &lse, 1, 1486);
	ck_assert_int_eq(rl_forward(&f, buf, len, 0, &off, &olen), RL_SEND);
	ck_assert_uint_eq(f.cnt.rx_packets, 4);
}
END_TEST

START_TEST(send_errors_counted)
{
	struct rl_fwd f;

	rl_fwd_init(&f);
	rl_fwd_sent(&f, 100, false);
	rl_fwd_drop_truncated(&f, 9000);
	ck_assert_uint_eq(f.cnt.send_error_packets, 1);
	ck_assert_uint_eq(f.cnt.send_error_bytes, 100);
	ck_assert_uint_eq(f.cnt.malformed_packets, 1);
	ck_assert_uint_eq(f.cnt.rx_bytes, 9000);
}
END_TEST

Suite *
forward_suite(void)
{
	Suite *s = suite_create("forward");
	TCase *tc = tcase_create("element");

	tcase_add_test(tc, swaps_label_and_ttl_and_macs);
	tcase_add_test(tc, pop_bottom_restores_ipv4);
	tcase_add_test(tc, pop_bottom_takes_the_label_ttl);
	tcase_add_test(tc, pop_inner_keeps_mpls);
	tcase_add_test(tc, pop_needs_what_follows);
	tcase_add_test(tc, ttl_one_and_zero_expire);
	tcase_add_test(tc, wrong_label_dropped);
	tcase_add_test(tc, unconfigured_drops_everything);
	tcase_add_test(tc, non_mpls_dropped);
	tcase_add_test(tc, short_frames_malformed);
	tcase_add_test(tc, policer_drops_and_counts);
	tcase_add_test(tc, reconfigure_keeps_or_resets_policer);
	tcase_add_test(tc, send_errors_counted);
	suite_add_tcase(s, tc);
	return s;
}
