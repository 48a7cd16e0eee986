/*
 * Vectors written by hand from the RFC figures, not by our encoder.  Each
 * decodes with validation, gives the fields asserted, and re-encodes to
 * the same bytes.
 */
#include <check.h>
#include <string.h>

#include "helpers.h"
#include "lib/inet.h"
#include "suites.h"

static struct rsvp_msg out;
static struct rsvp_error err;

/*
 * RFC 2210 3.1 token bucket TSpec (the IntServ body of a SENDER_TSPEC or,
 * with service 5, a Controlled-Load FLOWSPEC): version 0, 7 words; service
 * header, 6 words; parameter 127 (token bucket), 5 words; r = 125000.0,
 * b = 10000.0, p = +inf, m = 64, M = 1500.
 */
#define INTSERV_TB(svc) \
	0x00, 0x00, 0x00, 0x07, (svc), 0x00, 0x00, 0x06, \
	0x7f, 0x00, 0x00, 0x05, 0x47, 0xf4, 0x24, 0x00, \
	0x46, 0x1c, 0x40, 0x00, 0x7f, 0x80, 0x00, 0x00, \
	0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x05, 0xdc

/* Decode 'b' with validation and check it re-encodes byte for byte. */
static void
decode_and_reencode(const uint8_t *b, size_t len)
{
	static uint8_t again[TEST_BUF_LEN];
	ssize_t n;

	ck_assert_msg(rsvp_decode(b, len, &out, &err) == 0,
	    "decode: %s at %zu", err.text, err.offset);
	n = rsvp_encode(&out, again, sizeof(again));
	ck_assert_int_eq(n, (ssize_t)len);
	ck_assert_mem_eq(again, b, len);
}

/* Fill in the checksum of a hand-written vector. */
static void
seal(uint8_t *b, size_t len)
{
	uint16_t ck;

	ck_assert_uint_eq((size_t)(b[6] << 8 | b[7]), len);
	b[2] = b[3] = 0;
	ck = inet_cksum(b, len);
	memcpy(b + 2, &ck, sizeof(ck));
}

/*
 * RFC 2205 3.1.3 Path with the IPv4 objects of Appendix A: SESSION (A.1),
 * RSVP_HOP (A.2), TIME_VALUES (A.4), SENDER_TEMPLATE (A.10), SENDER_TSPEC
 * (A.11, body per RFC 2210).  Checksum 0xcf2b worked out by hand.
 */
START_TEST(rfc2205_path_ipv4)
{
	static const uint8_t v[] = {
		0x10, 0x01, 0xcf, 0x2b, 0x3f, 0x00, 0x00, 0x58,
		0x00, 0x0c, 0x01, 0x01, 10, 1, 2, 3, 17, 0x00, 0x13, 0x88,
		0x00, 0x0c, 0x03, 0x01, 10, 0, 0, 1, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x08, 0x05, 0x01, 0x00, 0x00, 0x75, 0x30,
		0x00, 0x0c, 0x0b, 0x01, 10, 0, 0, 5, 0x00, 0x00, 0x0f, 0xa0,
		0x00, 0x24, 0x0c, 0x02, INTSERV_TB(1),
	};
	struct rsvp_sender_desc sd;

	ck_assert_uint_eq(sizeof(v), 88);
	ck_assert_uint_eq(inet_cksum(v, sizeof(v)), 0);
	decode_and_reencode(v, sizeof(v));
	ck_assert_uint_eq(out.type, RSVP_MSG_PATH);
	ck_assert_uint_eq(out.send_ttl, 63);
	ck_assert_uint_eq(out.cksum, 0xcf2b);
	ck_assert_uint_eq(out.nobjs, 5);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.dst.s_addr,
	    ip("10.1.2.3").s_addr);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.proto, 17);
	ck_assert_uint_eq(out.objs[0].u.session_ipv4.dport, 5000);
	ck_assert_uint_eq(out.objs[1].u.hop.addr.s_addr, ip("10.0.0.1").s_addr);
	ck_assert_uint_eq(out.objs[1].u.hop.lih, 2);
	ck_assert_uint_eq(out.objs[2].u.time.refresh_ms, 30000);
	ck_assert_uint_eq(out.objs[3].u.filter_ipv4.src.s_addr,
	    ip("10.0.0.5").s_addr);
	ck_assert_uint_eq(out.objs[3].u.filter_ipv4.sport, 4000);
	ck_assert_uint_eq(out.objs[4].offset, 52);
	ck_assert_uint_eq(out.objs[4].u.opaque.len, 32);
	ck_assert_uint_eq(out.objs[4].u.opaque.data[8], 0x7f);
	ck_assert_uint_eq(out.objs[4].u.opaque.data[31], 0xdc);
	ck_assert_int_eq(rsvp_path_sender(&out, &sd), 1);
	ck_assert_int_eq(sd.tmpl, 3);
	ck_assert_int_eq(sd.tspec, 4);
}
END_TEST

/*
 * RFC 2205 3.1.4 Resv, FF style: RESV_CONFIRM (A.14), STYLE (A.7, option
 * vector 01010b), FLOWSPEC (A.8, Controlled-Load per RFC 2211), FILTER_SPEC
 * (A.9).
 */
START_TEST(rfc2205_resv_ff)
{
	static uint8_t v[] = {
		0x10, 0x02, 0x00, 0x00, 0x40, 0x00, 0x00, 0x68,
		0x00, 0x0c, 0x01, 0x01, 10, 1, 2, 3, 17, 0x00, 0x13, 0x88,
		0x00, 0x0c, 0x03, 0x01, 10, 0, 0, 2, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x08, 0x05, 0x01, 0x00, 0x00, 0x75, 0x30,
		0x00, 0x08, 0x0f, 0x01, 10, 1, 2, 3,
		0x00, 0x08, 0x08, 0x01, 0x00, 0x00, 0x00, 0x0a,
		0x00, 0x24, 0x09, 0x02, INTSERV_TB(5),
		0x00, 0x0c, 0x0a, 0x01, 10, 0, 0, 5, 0x00, 0x00, 0x0f, 0xa0,
	};
	struct rsvp_flow_desc fd[2];
	size_t n;

	seal(v, sizeof(v));
	decode_and_reencode(v, sizeof(v));
	ck_assert_uint_eq(out.type, RSVP_MSG_RESV);
	ck_assert_uint_eq(out.objs[3].u.resv_confirm.receiver.s_addr,
	    ip("10.1.2.3").s_addr);
	ck_assert_uint_eq(out.objs[4].u.style.options, RSVP_STYLE_FF);
	ck_assert_str_eq(rsvp_style_name(out.objs[4].u.style.options), "FF");
	ck_assert_uint_eq(out.objs[5].u.opaque.data[4], 5);
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 2, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fd[0].flowspec, 5);
	ck_assert_int_eq(fd[0].filter, 6);
	ck_assert_uint_eq(out.objs[6].u.filter_ipv4.sport, 4000);
}
END_TEST

/*
 * RFC 3209 3.1.1 Path for an LSP tunnel: SESSION LSP_TUNNEL_IPv4
 * (4.6.1.1), EXPLICIT_ROUTE (4.3.3: strict IPv4 /32, loose AS 65000, loose
 * IPv4 /32), LABEL_REQUEST (4.2.1, L3PID 0x0800), SESSION_ATTRIBUTE
 * (4.7.1), SENDER_TEMPLATE LSP_TUNNEL_IPv4 (4.6.2.1), RECORD_ROUTE
 * (4.4.1.1).
 */
START_TEST(rfc3209_path_lsp)
{
	static uint8_t v[] = {
		0x10, 0x01, 0x00, 0x00, 0x40, 0x00, 0x00, 0x98,
		0x00, 0x10, 0x01, 0x07, 192, 0, 2, 9, 0x00, 0x00, 0x00, 0x01,
		192, 0, 2, 1,
		0x00, 0x0c, 0x03, 0x01, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x08, 0x05, 0x01, 0x00, 0x00, 0x75, 0x30,
		0x00, 0x18, 0x14, 0x01,
		0x01, 0x08, 198, 51, 100, 2, 32, 0x00,
		0xa0, 0x04, 0xfd, 0xe8,
		0x81, 0x08, 192, 0, 2, 9, 32, 0x00,
		0x00, 0x08, 0x13, 0x01, 0x00, 0x00, 0x08, 0x00,
		0x00, 0x10, 0xcf, 0x07, 7, 7, 0x04, 5, 'l', 's', 'p', '-',
		'a', 0, 0, 0,
		0x00, 0x0c, 0x0b, 0x07, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x24, 0x0c, 0x02, INTSERV_TB(1),
		0x00, 0x0c, 0x15, 0x01, 0x01, 0x08, 192, 0, 2, 1, 32, 0x00,
	};
	const struct rsvp_route *ero;
	const struct rsvp_session_attr *sa;
	struct rsvp_sender_desc sd;

	seal(v, sizeof(v));
	decode_and_reencode(v, sizeof(v));
	ck_assert_uint_eq(out.objs[0].u.session_lsp.endpoint.s_addr,
	    ip("192.0.2.9").s_addr);
	ck_assert_uint_eq(out.objs[0].u.session_lsp.tunnel_id, 1);
	ck_assert_uint_eq(out.objs[0].u.session_lsp.ext_tunnel_id.s_addr,
	    ip("192.0.2.1").s_addr);
	ero = &out.objs[3].u.route;
	ck_assert_uint_eq(ero->nsub, 3);
	ck_assert(!ero->sub[0].loose);
	ck_assert_uint_eq(ero->sub[0].addr.s_addr, ip("198.51.100.2").s_addr);
	ck_assert_uint_eq(ero->sub[1].type, RSVP_SUBOBJ_AS);
	ck_assert(ero->sub[1].loose);
	ck_assert_uint_eq(ero->sub[1].asn, 65000);
	ck_assert(ero->sub[2].loose);
	ck_assert_uint_eq(ero->sub[2].prefix_len, 32);
	ck_assert_uint_eq(out.objs[4].u.label_request.l3pid, 0x0800);
	sa = &out.objs[5].u.session_attr;
	ck_assert_uint_eq(sa->setup_prio, 7);
	ck_assert_uint_eq(sa->hold_prio, 7);
	ck_assert_uint_eq(sa->flags, RSVP_SA_F_SE_STYLE);
	ck_assert_str_eq(sa->name, "lsp-a");
	ck_assert_uint_eq(out.objs[6].u.filter_lsp.lsp_id, 1);
	ck_assert_uint_eq(out.objs[8].u.route.sub[0].addr.s_addr,
	    ip("192.0.2.1").s_addr);
	ck_assert_int_eq(rsvp_path_sender(&out, &sd), 1);
	ck_assert_int_eq(sd.rro, 8);
}
END_TEST

/*
 * RFC 3209 3.2.1 Resv, SE style (option vector 10010b) for an LSP tunnel:
 * FILTER_SPEC LSP_TUNNEL_IPv4 (4.6.3.1) each followed by its LABEL
 * (4.1.1), the first also by a RECORD_ROUTE with a global label subobject
 * (4.4.1.3) and an IPv4 subobject with "local protection available".
 */
START_TEST(rfc3209_resv_se)
{
	static uint8_t v[] = {
		0x10, 0x02, 0x00, 0x00, 0x40, 0x00, 0x00, 0x94,
		0x00, 0x10, 0x01, 0x07, 192, 0, 2, 9, 0x00, 0x00, 0x00, 0x01,
		192, 0, 2, 1,
		0x00, 0x0c, 0x03, 0x01, 198, 51, 100, 2, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x08, 0x05, 0x01, 0x00, 0x00, 0x75, 0x30,
		0x00, 0x08, 0x08, 0x01, 0x00, 0x00, 0x00, 0x12,
		0x00, 0x24, 0x09, 0x02, INTSERV_TB(5),
		0x00, 0x0c, 0x0a, 0x07, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x08, 0x10, 0x01, 0x00, 0x00, 0x03, 0xe8,
		0x00, 0x14, 0x15, 0x01,
		0x03, 0x08, 0x01, 0x01, 0x00, 0x00, 0x03, 0xe8,
		0x01, 0x08, 198, 51, 100, 2, 32, 0x01,
		0x00, 0x0c, 0x0a, 0x07, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x08, 0x10, 0x01, 0x00, 0x00, 0x03, 0xe9,
	};
	const struct rsvp_route *rro;
	struct rsvp_flow_desc fd[4];
	size_t n;

	seal(v, sizeof(v));
	decode_and_reencode(v, sizeof(v));
	ck_assert_str_eq(rsvp_style_name(out.objs[3].u.style.options), "SE");
	ck_assert_int_eq(rsvp_resv_flows(&out, fd, 4, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(fd[0].flowspec, 4);
	ck_assert_int_eq(fd[1].flowspec, 4);
	ck_assert_uint_eq(out.objs[fd[0].filter].u.filter_lsp.lsp_id, 1);
	ck_assert_uint_eq(out.objs[fd[0].label].u.label.label, 1000);
	ck_assert_uint_eq(out.objs[fd[1].filter].u.filter_lsp.lsp_id, 2);
	ck_assert_uint_eq(out.objs[fd[1].label].u.label.label, 1001);
	ck_assert_int_eq(fd[1].rro, -1);
	rro = &out.objs[fd[0].rro].u.route;
	ck_assert_uint_eq(rro->nsub, 2);
	ck_assert_uint_eq(rro->sub[0].type, RSVP_SUBOBJ_LABEL);
	ck_assert_uint_eq(rro->sub[0].flags, RSVP_RRO_LABEL_F_GLOBAL);
	ck_assert_uint_eq(rro->sub[0].label, 1000);
	ck_assert_uint_eq(rro->sub[1].flags, RSVP_RRO_F_LOCAL_PROT_AVAIL);
}
END_TEST

/*
 * RFC 3209 5.1 Hello with a HELLO REQUEST (5.2), Send_TTL 1.  Checksum
 * 0x701e summed by hand: 1014+0100+0014+000c+1601+1234+5678 = 8fe1.
 */
START_TEST(rfc3209_hello)
{
	static const uint8_t v[] = {
		0x10, 0x14, 0x70, 0x1e, 0x01, 0x00, 0x00, 0x14,
		0x00, 0x0c, 0x16, 0x01, 0x12, 0x34, 0x56, 0x78,
		0x00, 0x00, 0x00, 0x00,
	};

	ck_assert_uint_eq(inet_cksum(v, sizeof(v)), 0);
	decode_and_reencode(v, sizeof(v));
	ck_assert_uint_eq(out.type, RSVP_MSG_HELLO);
	ck_assert_uint_eq(out.send_ttl, 1);
	ck_assert_uint_eq(out.objs[0].c_type, RSVP_CTYPE_HELLO_REQUEST);
	ck_assert_uint_eq(out.objs[0].u.hello.src_instance, 0x12345678);
	ck_assert_uint_eq(out.objs[0].u.hello.dst_instance, 0);
}
END_TEST

/*
 * RFC 2205 3.1.7 PathErr with ERROR_SPEC (A.5): InPlace flag, Routing
 * Problem / Bad EXPLICIT_ROUTE object (RFC 3209 4.5), no SENDER_TSPEC.
 */
START_TEST(rfc2205_patherr)
{
	static uint8_t v[] = {
		0x10, 0x03, 0x00, 0x00, 0x40, 0x00, 0x00, 0x30,
		0x00, 0x10, 0x01, 0x07, 192, 0, 2, 9, 0x00, 0x00, 0x00, 0x01,
		192, 0, 2, 1,
		0x00, 0x0c, 0x06, 0x01, 198, 51, 100, 2, 0x01, 24, 0x00, 0x01,
		0x00, 0x0c, 0x0b, 0x07, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x01,
	};
	const struct rsvp_error_spec *es;

	seal(v, sizeof(v));
	decode_and_reencode(v, sizeof(v));
	es = &out.objs[1].u.error_spec;
	ck_assert_uint_eq(es->node.s_addr, ip("198.51.100.2").s_addr);
	ck_assert_uint_eq(es->flags, RSVP_ERRSPEC_F_INPLACE);
	ck_assert_uint_eq(es->code, RSVP_ERR_ROUTING);
	ck_assert_uint_eq(es->value, RSVP_ERRV_RT_BAD_ERO);
	ck_assert_str_eq(rsvp_error_value_name(es->code, es->value),
	    "Bad EXPLICIT_ROUTE object");
}
END_TEST

/*
 * RFC 2205 3.1.9 ResvConf, WF style (10001b): ERROR_SPEC with code 0 and
 * the NotGuilty flag clear (A.5), RESV_CONFIRM (A.14).
 */
START_TEST(rfc2205_resvconf_wf)
{
	static uint8_t v[] = {
		0x10, 0x07, 0x00, 0x00, 0x40, 0x00, 0x00, 0x54,
		0x00, 0x0c, 0x01, 0x01, 10, 1, 2, 3, 17, 0x00, 0x13, 0x88,
		0x00, 0x0c, 0x06, 0x01, 10, 1, 2, 3, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x08, 0x0f, 0x01, 10, 1, 2, 3,
		0x00, 0x08, 0x08, 0x01, 0x00, 0x00, 0x00, 0x11,
		0x00, 0x24, 0x09, 0x02, INTSERV_TB(5),
	};

	seal(v, sizeof(v));
	decode_and_reencode(v, sizeof(v));
	ck_assert_uint_eq(out.type, RSVP_MSG_RESVCONF);
	ck_assert_uint_eq(out.objs[1].u.error_spec.code, RSVP_ERR_CONFIRM);
	ck_assert_uint_eq(out.objs[2].u.resv_confirm.receiver.s_addr,
	    ip("10.1.2.3").s_addr);
	ck_assert_str_eq(rsvp_style_name(out.objs[3].u.style.options), "WF");
}
END_TEST

/*
 * RFC 3209 4.7.2 SESSION_ATTRIBUTE with resource affinities, from a peer
 * that sends the padded Name Length (4 for "ab" + 2 NULs).  We decode the
 * name as "ab"; our encoder writes Name Length 2, so this one is not
 * byte-equal on re-encode.
 */
START_TEST(rfc3209_session_attr_ra_padded)
{
	static uint8_t v[] = {
		0x10, 0x01, 0x00, 0x00, 0x40, 0x00, 0x00, 0x7c,
		0x00, 0x10, 0x01, 0x07, 192, 0, 2, 9, 0x00, 0x00, 0x00, 0x01,
		192, 0, 2, 1,
		0x00, 0x0c, 0x03, 0x01, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x08, 0x05, 0x01, 0x00, 0x00, 0x75, 0x30,
		0x00, 0x08, 0x13, 0x01, 0x00, 0x00, 0x08, 0x00,
		0x00, 0x18, 0xcf, 0x01,
		0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x00, 0x00, 0x04, 3, 4, 0x02, 4, 'a', 'b', 0, 0,
		0x00, 0x0c, 0x0b, 0x07, 192, 0, 2, 1, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x24, 0x0c, 0x02, INTSERV_TB(1),
	};
	static uint8_t again[TEST_BUF_LEN];
	const struct rsvp_session_attr *sa;

	seal(v, sizeof(v));
	ck_assert_int_eq(rsvp_decode(v, sizeof(v), &out, &err), 0);
	sa = &out.objs[4].u.session_attr;
	ck_assert_uint_eq(out.objs[4].c_type, RSVP_CTYPE_SA_LSP_TUNNEL_RA);
	ck_assert_uint_eq(sa->exclude_any, 1);
	ck_assert_uint_eq(sa->include_any, 2);
	ck_assert_uint_eq(sa->include_all, 4);
	ck_assert_uint_eq(sa->setup_prio, 3);
	ck_assert_uint_eq(sa->hold_prio, 4);
	ck_assert_uint_eq(sa->flags, RSVP_SA_F_LABEL_RECORDING);
	ck_assert_str_eq(sa->name, "ab");
	ck_assert_uint_eq(sa->name_len, 2);
	ck_assert_int_eq(rsvp_encode(&out, again, sizeof(again)),
	    (ssize_t)sizeof(v));
	ck_assert_uint_eq(again[8 + 16 + 12 + 8 + 8 + 4 + 12 + 3], 2);
	v[8 + 16 + 12 + 8 + 8 + 4 + 12 + 3] = 2;
	ck_assert_mem_eq(again + 8, v + 8, sizeof(v) - 8);
}
END_TEST

Suite *
vectors_suite(void)
{
	Suite *s = suite_create("rsvp_vectors");
	TCase *tc = tcase_create("rfc_figures");

	tcase_add_test(tc, rfc2205_path_ipv4);
	tcase_add_test(tc, rfc2205_resv_ff);
	tcase_add_test(tc, rfc3209_path_lsp);
	tcase_add_test(tc, rfc3209_resv_se);
	tcase_add_test(tc, rfc3209_hello);
	tcase_add_test(tc, rfc2205_patherr);
	tcase_add_test(tc, rfc2205_resvconf_wf);
	tcase_add_test(tc, rfc3209_session_attr_ra_padded);
	suite_add_tcase(s, tc);
	return s;
}
