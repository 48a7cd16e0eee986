#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "helpers.h"
#include "host/print.h"
#include "suites.h"

static uint8_t msg[RSVP_MSG_MAX_LEN];
static uint8_t frame[TEST_FRAME_MAX];
static struct pkt_view v;
static const struct timeval ts0 = { 1700000000, 250 };	/* 22:13:20 */

/* The text of 'frame' (of 'flen' bytes) as print_text writes it. */
static char *
text_of(size_t flen, bool verbose)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(fp);
	dissect_packet(LINK_ETHERNET, &ts0, frame, flen, flen, &v);
	print_text(fp, &v, verbose);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

static void
has(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "'%s' not in:\n%s", want,
	    text);
}

START_TEST(path_every_object)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg));
	char *t = text_of(test_frame(frame, 46, 0, msg, len), false);

	has(t, "22:13:20.000250 IP (tos 0x00, ttl 64, id 1, offset 0, "
	    "flags [none], proto 46, length 240, cksum 0x");
	has(t, "options [RA value 0]) 10.0.0.1 > 10.0.0.9: RSVPv1 Path (1), "
	    "flags 0x0, length 216, send_TTL 64, cksum 0x");
	has(t, "(ok)\n\tSESSION (1) LSP_TUNNEL_IPv4 (7), length 16: endpoint "
	    "10.0.0.9, tunnel id 4242, extended tunnel id 10.0.0.1\n");
	has(t, "\tRSVP_HOP (3) IPv4 (1), length 12: address 10.0.0.1, LIH "
	    "0x00000000\n");
	has(t, "length 8: refresh period 30000 ms\n");
	has(t, "length 36: 10.0.1.2/32 strict, 10.0.2.2/32 loose, 10.0.3.2/32 "
	    "strict, 10.0.0.9/32 strict\n");
	has(t, "L3PID 0x0800 (IPv4)\n");
	has(t, "setup 7, hold 1, flags 0x06 [label-recording] [SE-style], "
	    "name \"quasar-lsp-1\"\n");
	has(t, "sender 10.0.0.1, LSP id 17\n");
	has(t, "token bucket rate 10Mbit, bucket 10000b, peak inf, min unit "
	    "64, max size 1500\n");
	has(t, "general [ hops 1 path_bw 100Mbit min_latency 0us mtu 1500 ], "
	    "controlled-load [ ]\n");
	has(t, "\tRECORD_ROUTE (21) ");
	ck_assert_ptr_null(strstr(t, "grammar"));
	free(t);
}
END_TEST

START_TEST(resv_se_and_errors)
{
	size_t len = test_encode(VEC_RESV_SE, msg, sizeof(msg));
	char *t = text_of(test_frame(frame, 46, 0, msg, len), true);

	has(t, "\tlink: 218 bytes captured of 218, ethertype 0x0800\n");
	has(t, "options 0x000012 SE (18)\n");
	has(t, "Guaranteed (2), rate 10Mbit, bucket 10000b, peak inf, min "
	    "unit 64, max size 1500, R 12.5Mbit, S 100 us\n");
	has(t, "label 1003\n");
	has(t, "10.0.0.2/32, label 1002 (C-Type 1, flags 0x01 [global])");
	free(t);
	len = test_encode(VEC_PATHERR, msg, sizeof(msg));
	t = text_of(test_frame(frame, 46, 0, msg, len), false);
	has(t, "node 10.0.1.2, flags 0x00, code Routing Problem (24), value ");
	free(t);
	len = test_encode(VEC_HELLO_ACK, msg, sizeof(msg));
	t = text_of(test_frame(frame, 46, 0, msg, len), false);
	has(t, "HELLO (22) ACK (2), length 12: source instance 0x22222222, "
	    "destination instance 0x11111111\n");
	free(t);
}
END_TEST

START_TEST(malformed_and_non_rsvp)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg));
	char *t;

	msg[8] = msg[9] = 0;	/* first object length 0 */
	test_fix_cksum(msg, len);
	t = text_of(test_frame(frame, 46, 0, msg, len), false);
	has(t, "\tmalformed: ");
	has(t, ", at byte 8, object SESSION (1) C-Type 7\n");
	free(t);
	t = text_of(test_frame(frame, 46, 0x2001, msg, 64), false);
	has(t, "RSVP fragment (offset 8, 64 bytes, more follow), not decoded");
	free(t);
	t = text_of(test_frame(frame, 6, 0, msg, 64), false);
	has(t, "protocol 6, not RSVP, skipped\n");
	free(t);
	t = text_of(test_frame(frame, 46, 0, msg, 4), false);
	has(t, "RSVP, truncated: 4 bytes, shorter than the common header\n");
	free(t);
	t = text_of(30, false);
	has(t, "IP malformed: truncated IPv4 header, at byte 16 of the IPv4 "
	    "header\n");
	free(t);
}
END_TEST

START_TEST(adspec_fragments)
{
	static struct rsvp_msg m;
	struct is_adspec a;
	struct rsvp_obj *o = NULL;
	uint16_t i;
	ssize_t n;
	char *t;
	int r;

	ck_assert_int_eq(vec_build(VEC_PATH, &m), 0);
	for (i = 0; i < m.nobjs; i++)
		if (m.objs[i].class_num == RSVP_CLASS_ADSPEC)
			o = &m.objs[i];
	ck_assert_ptr_nonnull(o);
	memset(&a, 0, sizeof(a));
	a.general.hop_count = (struct is_ad_u32){ true, 0, 2 };
	a.general.path_bw = (struct is_ad_float){ true, 0, VEC_PATH_BW_BPS };
	a.general.min_latency = (struct is_ad_u32){ true, 0,
	    IS_LATENCY_INDETERMINATE };
	a.general.path_mtu = (struct is_ad_u32){ true, 0, 1500 };
	a.guaranteed.present = true;
	a.guaranteed.brk = true;
	a.guaranteed.ctot = (struct is_ad_u32){ true, 0, 1500 };
	a.guaranteed.dtot = (struct is_ad_u32){ true, 0, 200 };
	a.guaranteed.csum = (struct is_ad_u32){ true, 0, 0 };
	a.guaranteed.dsum = (struct is_ad_u32){ true, 0, 0 };
	r = is_adspec_encode(&a, o->u.opaque.data, sizeof(o->u.opaque.data));
	ck_assert_int_gt(r, 0);
	o->u.opaque.len = (uint16_t)r;
	n = rsvp_encode(&m, msg, sizeof(msg));
	ck_assert_int_gt(n, 0);
	t = text_of(test_frame(frame, 46, 0, msg, (size_t)n), false);
	has(t, "general [ hops 2 path_bw 100Mbit min_latency indeterminate "
	    "mtu 1500 ], guaranteed [break "
	    "Ctot 1500 Dtot 200us Csum 0 Dsum 0us ]\n");
	free(t);
}
END_TEST

Suite *
print_text_suite(void)
{
	Suite *s = suite_create("print_text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, path_every_object);
	tcase_add_test(tc, resv_se_and_errors);
	tcase_add_test(tc, malformed_and_non_rsvp);
	tcase_add_test(tc, adspec_fragments);
	suite_add_tcase(s, tc);
	return s;
}
