#include <arpa/inet.h>
#include <string.h>

#include "lib/inet.h"
#include "suites.h"

START_TEST(checksum_of_rfc1071_example)
{
	/* RFC 1071 4.1: the sum of these words is 0xddf2 (folded). */
	static const uint8_t words[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5,
	    0xf6, 0xf7 };

	ck_assert_uint_eq(ntohs(inet_cksum(words, sizeof(words))),
	    (uint16_t)~0xddf2);
}
END_TEST

START_TEST(checksum_of_ipv4_header_verifies_to_zero)
{
	uint8_t hdr[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
	    0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8,
	    0x00, 0xc7 };
	uint16_t c = inet_cksum(hdr, sizeof(hdr));

	memcpy(hdr + 10, &c, 2);
	ck_assert_uint_eq(ntohs(c), 0xb861);
	ck_assert_uint_eq(inet_cksum(hdr, sizeof(hdr)), 0);
}
END_TEST

START_TEST(odd_length_checksum)
{
	static const uint8_t b[] = { 0x12, 0x34, 0x56 };

	/* 0x1234 + 0x5600 = 0x6834 -> ~ = 0x97cb */
	ck_assert_uint_eq(ntohs(inet_cksum(b, sizeof(b))), 0x97cb);
}
END_TEST

START_TEST(checksum_agrees_with_chained_sum)
{
	uint8_t b[67];
	size_t len, i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)(i * 37 + 11);
	for (len = 0; len <= sizeof(b); len++)
		ck_assert_uint_eq(inet_cksum(b, len),
		    inet_cksum_fold(inet_cksum_add(0, b, len)));
}
END_TEST

START_TEST(checksum_replace_matches_recompute)
{
	uint8_t hdr[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
	    0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8,
	    0x00, 0xc7 };
	uint16_t c = inet_cksum(hdr, sizeof(hdr)), old, now;
	int ttl;

	memcpy(hdr + 10, &c, 2);
	for (ttl = 0; ttl < 256; ttl++) {
		old = (uint16_t)(hdr[8] << 8 | hdr[9]);
		hdr[8] = (uint8_t)ttl;
		now = (uint16_t)(hdr[8] << 8 | hdr[9]);
		c = htons(inet_cksum_replace16(ntohs(c), old, now));
		memcpy(hdr + 10, &c, 2);
		ck_assert_uint_eq(inet_cksum(hdr, sizeof(hdr)), 0);
	}
}
END_TEST

START_TEST(mac_round_trip)
{
	uint8_t mac[6];
	char buf[18];

	ck_assert(mac_parse("02:00:0A:ff:01:9c", mac));
	ck_assert_str_eq(mac_format(mac, buf, sizeof(buf)),
	    "02:00:0a:ff:01:9c");
	ck_assert(!mac_parse("02:00:0a:ff:01", mac));
	ck_assert(!mac_parse("02:00:0a:ff:01:9g", mac));
	ck_assert(!mac_parse("02-00-0a-ff-01-9c", mac));
	ck_assert(!mac_parse(" 2:00:0a:ff:01:9c", mac));
}
END_TEST

START_TEST(ipv4_round_trip)
{
	struct in_addr a;
	char buf[INET_ADDRSTRLEN];

	ck_assert(ipv4_pton("10.1.2.3", &a));
	ck_assert_str_eq(ipv4_ntop(a, buf, sizeof(buf)), "10.1.2.3");
	ck_assert(!ipv4_pton("10.1.2", &a));
	ck_assert(!ipv4_pton("10.1.2.256", &a));
}
END_TEST

Suite *
inet_suite(void)
{
	Suite *s = suite_create("inet");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, checksum_of_rfc1071_example);
	tcase_add_test(tc, checksum_of_ipv4_header_verifies_to_zero);
	tcase_add_test(tc, odd_length_checksum);
	tcase_add_test(tc, checksum_agrees_with_chained_sum);
	tcase_add_test(tc, checksum_replace_matches_recompute);
	tcase_add_test(tc, mac_round_trip);
	tcase_add_test(tc, ipv4_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
