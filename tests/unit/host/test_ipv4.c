#include <arpa/inet.h>
#include <string.h>

#include "host/ipv4.h"
#include "lib/inet.h"
#include "suites.h"

/*
 * An IPv4 header with Router Alert (RFC 2113) and 4 bytes of payload:
 * 10.0.0.1 > 10.0.0.2, TTL 1, protocol 46, id 0x1234, DF.
 */
static void
make_ra_packet(uint8_t p[28])
{
	static const uint8_t hdr[] = { 0x46, 0xc0, 0x00, 28, 0x12, 0x34,
	    0x40, 0x00, 1, 46, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
	    0x94, 0x04, 0x00, 0x00, 0xde, 0xad, 0xbe, 0xef };
	uint16_t c;

	memcpy(p, hdr, sizeof(hdr));
	c = inet_cksum(p, 24);
	memcpy(p + 10, &c, 2);
}

START_TEST(header_with_router_alert)
{
	uint8_t p[28];
	struct ipv4_info ip;
	size_t off;
	char a[INET_ADDRSTRLEN];

	make_ra_packet(p);
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off), IPV4_OK);
	ck_assert_uint_eq(ip.hlen, 24);
	ck_assert_uint_eq(ip.tos, 0xc0);
	ck_assert_uint_eq(ip.total_len, 28);
	ck_assert_uint_eq(ip.id, 0x1234);
	ck_assert(ip.df);
	ck_assert(!ip.mf);
	ck_assert_uint_eq(ip.ttl, 1);
	ck_assert_uint_eq(ip.proto, 46);
	ck_assert(ip.cksum_ok);
	ck_assert_str_eq(ipv4_ntop(ip.src, a, sizeof(a)), "10.0.0.1");
	ck_assert_str_eq(ipv4_ntop(ip.dst, a, sizeof(a)), "10.0.0.2");
	ck_assert(ip.router_alert);
	ck_assert_uint_eq(ip.router_alert_value, 0);
	ck_assert_uint_eq(ip.nopts, 1);
	ck_assert_uint_eq(ip.opts[0].type, IPV4_OPT_ROUTER_ALERT);
	ck_assert_uint_eq(ip.opts[0].len, 4);
	ck_assert_uint_eq(ip.opts[0].off, 20);
	ck_assert_str_eq(ipv4_opt_name(ip.opts[0].type), "RA");
	ck_assert_uint_eq(ip.payload_len, 4);
	ck_assert(!ip.payload_truncated);
	ck_assert(!ipv4_is_fragment(&ip));
}
END_TEST

START_TEST(bad_checksum_is_reported_not_fatal)
{
	uint8_t p[28];
	struct ipv4_info ip;
	size_t off;

	make_ra_packet(p);
	p[8] = 2;		/* TTL changed, checksum not */
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off), IPV4_OK);
	ck_assert(!ip.cksum_ok);
}
END_TEST

START_TEST(every_truncation_fails_cleanly)
{
	uint8_t p[28];
	struct ipv4_info ip;
	size_t n, off;

	make_ra_packet(p);
	for (n = 0; n < 24; n++)
		ck_assert_int_eq(ipv4_decode(p, n, &ip, &off), IPV4_ETRUNC);
	/* Header whole, payload cut by the capture: decoded, flagged. */
	ck_assert_int_eq(ipv4_decode(p, 26, &ip, &off), IPV4_OK);
	ck_assert(ip.payload_truncated);
	ck_assert_uint_eq(ip.payload_len, 2);
}
END_TEST

START_TEST(bad_header_fields)
{
	uint8_t p[28];
	struct ipv4_info ip;
	size_t off;

	make_ra_packet(p);
	p[0] = 0x66;
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off),
	    IPV4_EVERSION);
	p[0] = 0x44;
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off), IPV4_EHLEN);
	p[0] = 0x46;
	p[3] = 20;		/* total length below the 24-byte header */
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off),
	    IPV4_ETOTLEN);
	ck_assert_uint_eq(off, 2);
	p[3] = 28;
	p[21] = 9;		/* option length past the header */
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off),
	    IPV4_EOPTION);
	ck_assert_uint_eq(off, 20);
	p[21] = 1;		/* option length below 2 */
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off),
	    IPV4_EOPTION);
	ck_assert_str_eq(ipv4_strerror(IPV4_EOPTION),
	    "IPv4 option length runs past the header");
}
END_TEST

START_TEST(nop_eol_and_fragments)
{
	uint8_t p[28];
	struct ipv4_info ip;
	size_t off;

	make_ra_packet(p);
	p[20] = IPV4_OPT_NOP;
	p[21] = IPV4_OPT_EOL;
	p[6] = 0x20;		/* MF */
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off), IPV4_OK);
	ck_assert_uint_eq(ip.nopts, 2);
	ck_assert_uint_eq(ip.opts[1].type, IPV4_OPT_EOL);
	ck_assert(!ip.router_alert);
	ck_assert(ip.mf);
	ck_assert(ipv4_is_fragment(&ip));
	p[6] = 0x00;
	p[7] = 0x03;		/* offset 3 * 8, last fragment */
	ck_assert_int_eq(ipv4_decode(p, sizeof(p), &ip, &off), IPV4_OK);
	ck_assert_uint_eq(ip.frag_off, 24);
	ck_assert(ipv4_is_fragment(&ip));
	ck_assert_ptr_null(ipv4_opt_name(99));
}
END_TEST

Suite *
ipv4_suite(void)
{
	Suite *s = suite_create("ipv4");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, header_with_router_alert);
	tcase_add_test(tc, bad_checksum_is_reported_not_fatal);
	tcase_add_test(tc, every_truncation_fails_cleanly);
	tcase_add_test(tc, bad_header_fields);
	tcase_add_test(tc, nop_eol_and_fragments);
	suite_add_tcase(s, tc);
	return s;
}
