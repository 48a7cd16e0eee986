#include <string.h>
#include <pcap/dlt.h>

#include "host/link.h"
#include "suites.h"

/* An Ethernet header: broadcast destination, a source, then 'type'. */
#define ETH_HDR(t0, t1) \
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, t0, t1

START_TEST(dlt_mapping)
{
	enum link_kind k;

	ck_assert(link_kind_from_dlt(DLT_EN10MB, &k));
	ck_assert_int_eq(k, LINK_ETHERNET);
	ck_assert(link_kind_from_dlt(DLT_RAW, &k));
	ck_assert_int_eq(k, LINK_RAW);
	ck_assert(link_kind_from_dlt(DLT_IPV4, &k));
	ck_assert_int_eq(k, LINK_IPV4);
	ck_assert(link_kind_from_dlt(DLT_LINUX_SLL, &k));
	ck_assert_int_eq(k, LINK_SLL);
	ck_assert(link_kind_from_dlt(DLT_LINUX_SLL2, &k));
	ck_assert_int_eq(k, LINK_SLL2);
	ck_assert(link_kind_from_dlt(DLT_NULL, &k));
	ck_assert_int_eq(k, LINK_NULL);
	ck_assert(link_kind_from_dlt(DLT_LOOP, &k));
	ck_assert_int_eq(k, LINK_LOOP);
	ck_assert(!link_kind_from_dlt(DLT_IEEE802_11, &k));
	ck_assert_str_eq(link_kind_name(LINK_SLL2), "Linux SLL2");
}
END_TEST

START_TEST(ethernet_ipv4)
{
	static const uint8_t f[] = { ETH_HDR(0x08, 0x00), 0x45 };
	struct link_info li;

	ck_assert_int_eq(link_decode(LINK_ETHERNET, f, sizeof(f), &li),
	    LINK_OK);
	ck_assert_uint_eq(li.off, 14);
	ck_assert_uint_eq(li.ethertype, 0x0800);
	ck_assert_uint_eq(li.nvlan, 0);
}
END_TEST

START_TEST(ethernet_vlan_tags)
{
	static const uint8_t one[] = { ETH_HDR(0x81, 0x00), 0x20, 0x64,
	    0x08, 0x00, 0x45 };
	static const uint8_t two[] = { ETH_HDR(0x88, 0xa8), 0x00, 0x0a,
	    0x81, 0x00, 0x00, 0x14, 0x08, 0x00 };
	static const uint8_t three[] = { ETH_HDR(0x88, 0xa8), 0, 1, 0x81,
	    0x00, 0, 2, 0x81, 0x00, 0, 3, 0x08, 0x00 };
	struct link_info li;

	ck_assert_int_eq(link_decode(LINK_ETHERNET, one, sizeof(one), &li),
	    LINK_OK);
	ck_assert_uint_eq(li.off, 18);
	ck_assert_uint_eq(li.nvlan, 1);
	ck_assert_uint_eq(li.vlan[0], 100);	/* PCP 1 masked off */
	ck_assert_int_eq(link_decode(LINK_ETHERNET, two, sizeof(two), &li),
	    LINK_OK);
	ck_assert_uint_eq(li.off, 22);
	ck_assert_uint_eq(li.nvlan, 2);
	ck_assert_uint_eq(li.vlan[0], 10);
	ck_assert_uint_eq(li.vlan[1], 20);
	ck_assert_int_eq(link_decode(LINK_ETHERNET, three, sizeof(three),
	    &li), LINK_NOT_IPV4);
}
END_TEST

START_TEST(ethernet_other_and_truncated)
{
	static const uint8_t arp[] = { ETH_HDR(0x08, 0x06) };
	static const uint8_t shortvlan[] = { ETH_HDR(0x81, 0x00), 0x00 };
	struct link_info li;
	size_t n;

	ck_assert_int_eq(link_decode(LINK_ETHERNET, arp, sizeof(arp), &li),
	    LINK_NOT_IPV4);
	ck_assert_uint_eq(li.ethertype, 0x0806);
	for (n = 0; n < sizeof(arp); n++)
		ck_assert_int_eq(link_decode(LINK_ETHERNET, arp, n, &li),
		    LINK_TRUNCATED);
	ck_assert_int_eq(link_decode(LINK_ETHERNET, shortvlan,
	    sizeof(shortvlan), &li), LINK_TRUNCATED);
}
END_TEST

START_TEST(raw_ip_by_version)
{
	static const uint8_t v4[] = { 0x45, 0 };
	static const uint8_t v6[] = { 0x60, 0 };
	struct link_info li;

	ck_assert_int_eq(link_decode(LINK_RAW, v4, sizeof(v4), &li), LINK_OK);
	ck_assert_uint_eq(li.off, 0);
	ck_assert_int_eq(link_decode(LINK_RAW, v6, sizeof(v6), &li),
	    LINK_NOT_IPV4);
	ck_assert_int_eq(link_decode(LINK_IPV4, v4, sizeof(v4), &li),
	    LINK_OK);
	ck_assert_int_eq(link_decode(LINK_RAW, v4, 0, &li), LINK_TRUNCATED);
}
END_TEST

START_TEST(linux_cooked)
{
	static const uint8_t sll[] = { 0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1,
	    0, 0, 0x08, 0x00, 0x45 };
	static const uint8_t sll2[] = { 0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 1,
	    0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x45 };
	static const uint8_t sll2_v6[] = { 0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0,
	    1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0 };
	struct link_info li;

	ck_assert_int_eq(link_decode(LINK_SLL, sll, sizeof(sll), &li),
	    LINK_OK);
	ck_assert_uint_eq(li.off, 16);
	ck_assert_int_eq(link_decode(LINK_SLL, sll, 15, &li),
	    LINK_TRUNCATED);
	ck_assert_int_eq(link_decode(LINK_SLL2, sll2, sizeof(sll2), &li),
	    LINK_OK);
	ck_assert_uint_eq(li.off, 20);
	ck_assert_int_eq(link_decode(LINK_SLL2, sll2, 19, &li),
	    LINK_TRUNCATED);
	ck_assert_int_eq(link_decode(LINK_SLL2, sll2_v6, sizeof(sll2_v6),
	    &li), LINK_NOT_IPV4);
	ck_assert_uint_eq(li.ethertype, 0x86dd);
}
END_TEST

START_TEST(bsd_loopback)
{
	static const uint8_t loop_inet[] = { 0, 0, 0, 2, 0x45 };
	static const uint8_t loop_inet6[] = { 0, 0, 0, 24, 0x60 };
	uint8_t null_inet[5];
	uint32_t af = 2;
	struct link_info li;

	memcpy(null_inet, &af, 4);
	null_inet[4] = 0x45;
	ck_assert_int_eq(link_decode(LINK_NULL, null_inet, sizeof(null_inet),
	    &li), LINK_OK);
	ck_assert_uint_eq(li.off, 4);
	ck_assert_int_eq(link_decode(LINK_LOOP, loop_inet, sizeof(loop_inet),
	    &li), LINK_OK);
	ck_assert_int_eq(link_decode(LINK_LOOP, loop_inet6,
	    sizeof(loop_inet6), &li), LINK_NOT_IPV4);
	ck_assert_int_eq(link_decode(LINK_LOOP, loop_inet, 3, &li),
	    LINK_TRUNCATED);
}
END_TEST

Suite *
link_suite(void)
{
	Suite *s = suite_create("link");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, dlt_mapping);
	tcase_add_test(tc, ethernet_ipv4);
	tcase_add_test(tc, ethernet_vlan_tags);
	tcase_add_test(tc, ethernet_other_and_truncated);
	tcase_add_test(tc, raw_ip_by_version);
	tcase_add_test(tc, linux_cooked);
	tcase_add_test(tc, bsd_loopback);
	suite_add_tcase(s, tc);
	return s;
}
