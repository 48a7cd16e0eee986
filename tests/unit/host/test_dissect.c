#include <string.h>

#include "helpers.h"
#include "host/dissect.h"
#include "suites.h"

static uint8_t msg[RSVP_MSG_MAX_LEN];
static uint8_t frame[TEST_FRAME_MAX];
static struct pkt_view v;
static const struct timeval ts0 = { 1700000000, 250 };

START_TEST(path_dissected_whole)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg));
	size_t flen = test_frame(frame, 46, 0, msg, len);

	dissect_packet(LINK_ETHERNET, &ts0, frame, flen, flen, &v);
	ck_assert_int_eq(v.status, VIEW_RSVP);
	ck_assert_uint_eq(v.ts.tv_usec, 250);
	ck_assert(v.ip.router_alert);
	ck_assert_uint_eq(v.rsvp_len, len);
	ck_assert(v.hdr.present);
	ck_assert_uint_eq(v.hdr.version, 1);
	ck_assert_uint_eq(v.hdr.type, RSVP_MSG_PATH);
	ck_assert_uint_eq(v.hdr.length, len);
	ck_assert_uint_eq(v.hdr.send_ttl, 64);
	ck_assert_int_eq(v.cksum, CKSUM_OK);
	ck_assert_uint_eq(v.cksum_computed, v.hdr.cksum);
	ck_assert(v.grammar_ok);
	ck_assert_uint_eq(v.msg.nobjs, 10);
	ck_assert_uint_eq(view_obj_length(&v, v.msg.objs[0].offset), 16);
	ck_assert_uint_eq(view_obj_length(&v, len), 0);
}
END_TEST

START_TEST(bad_checksum_still_decoded)
{
	size_t len = test_encode(VEC_RESV_FF, msg, sizeof(msg));
	uint16_t good;

	msg[3] ^= 0x01;
	dissect_rsvp(msg, len, &v);
	good = (uint16_t)(msg[2] << 8 | (msg[3] ^ 0x01));
	ck_assert_int_eq(v.cksum, CKSUM_BAD);
	ck_assert_uint_eq(v.cksum_computed, good);
	ck_assert_int_eq(v.status, VIEW_RSVP);
	ck_assert_uint_eq(v.msg.cksum, v.hdr.cksum);
	ck_assert_uint_eq(v.msg.nobjs, 8);
}
END_TEST

START_TEST(zero_checksum_is_none)
{
	size_t len = test_encode(VEC_HELLO_ACK, msg, sizeof(msg));

	msg[2] = msg[3] = 0;
	dissect_rsvp(msg, len, &v);
	ck_assert_int_eq(v.cksum, CKSUM_NONE);
	ck_assert_int_eq(v.status, VIEW_RSVP);
}
END_TEST

START_TEST(every_truncation_is_an_error)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg)), n;

	for (n = 0; n < len; n++) {
		dissect_rsvp(msg, n, &v);
		ck_assert_int_eq(v.status, VIEW_RSVP_ERROR);
		ck_assert_int_eq(v.hdr.present, n >= RSVP_HDR_LEN);
		ck_assert_int_eq(v.cksum, CKSUM_UNKNOWN);
	}
}
END_TEST

START_TEST(grammar_broken_but_parsed)
{
	size_t len = test_encode(VEC_HELLO_REQUEST, msg, sizeof(msg));

	msg[1] = RSVP_MSG_PATH;	/* a Path that has only a HELLO */
	test_fix_cksum(msg, len);
	dissect_rsvp(msg, len, &v);
	ck_assert_int_eq(v.status, VIEW_RSVP);
	ck_assert(!v.grammar_ok);
	ck_assert_int_ne(v.grammar.reason, RSVP_E_NONE);
}
END_TEST

START_TEST(packet_kinds)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg)), flen;

	flen = test_frame(frame, 17, 0, msg, len);
	dissect_packet(LINK_ETHERNET, &ts0, frame, flen, flen, &v);
	ck_assert_int_eq(v.status, VIEW_NOT_RSVP);
	flen = test_frame(frame, 46, 0x2000, msg, 64);
	dissect_packet(LINK_ETHERNET, &ts0, frame, flen, flen, &v);
	ck_assert_int_eq(v.status, VIEW_FRAGMENT);
	dissect_packet(LINK_ETHERNET, &ts0, frame, 10, flen, &v);
	ck_assert_int_eq(v.status, VIEW_LINK_TRUNCATED);
	dissect_packet(LINK_ETHERNET, &ts0, frame, 30, flen, &v);
	ck_assert_int_eq(v.status, VIEW_IP_ERROR);
	ck_assert_int_eq(v.ip_err, IPV4_ETRUNC);
	frame[12] = 0x86;
	frame[13] = 0xdd;
	dissect_packet(LINK_ETHERNET, &ts0, frame, flen, flen, &v);
	ck_assert_int_eq(v.status, VIEW_NOT_IPV4);
}
END_TEST

START_TEST(capture_shorter_than_the_message)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg));
	size_t flen = test_frame(frame, 46, 0, msg, len);

	dissect_packet(LINK_ETHERNET, &ts0, frame, flen - 20, flen, &v);
	ck_assert_int_eq(v.status, VIEW_RSVP_ERROR);
	ck_assert(v.ip.payload_truncated);
	ck_assert_int_eq(v.err.reason, RSVP_E_MSG_LENGTH);
}
END_TEST

START_TEST(objects_and_ignored_in_wire_order)
{
	static const uint8_t ign[8] = { 0, 8, 150, 1, 1, 2, 3, 4 };
	size_t len = test_encode(VEC_HELLO_REQUEST, msg, sizeof(msg));
	struct view_pos pos = { 0, 0 };
	const struct rsvp_obj *o;
	const struct rsvp_ignored *ig;

	/* An ignored object between the header and the HELLO. */
	memmove(msg + 16, msg + 8, len - 8);
	memcpy(msg + 8, ign, sizeof(ign));
	len += sizeof(ign);
	msg[7] = (uint8_t)len;
	test_fix_cksum(msg, len);
	dissect_rsvp(msg, len, &v);
	ck_assert_int_eq(v.status, VIEW_RSVP);
	ck_assert(view_next_object(&v, &pos, &o, &ig));
	ck_assert_ptr_null(o);
	ck_assert_uint_eq(ig->class_num, 150);
	ck_assert(view_next_object(&v, &pos, &o, &ig));
	ck_assert_ptr_null(ig);
	ck_assert_uint_eq(o->class_num, RSVP_CLASS_HELLO);
	ck_assert(!view_next_object(&v, &pos, &o, &ig));
}
END_TEST

Suite *
dissect_suite(void)
{
	Suite *s = suite_create("dissect");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, path_dissected_whole);
	tcase_add_test(tc, bad_checksum_still_decoded);
	tcase_add_test(tc, zero_checksum_is_none);
	tcase_add_test(tc, every_truncation_is_an_error);
	tcase_add_test(tc, grammar_broken_but_parsed);
	tcase_add_test(tc, packet_kinds);
	tcase_add_test(tc, capture_shorter_than_the_message);
	tcase_add_test(tc, objects_and_ignored_in_wire_order);
	suite_add_tcase(s, tc);
	return s;
}
