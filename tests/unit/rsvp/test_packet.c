/* rsvp/packet.c: framing, checksum, object headers, encode bounds. */
#include <check.h>
#include <string.h>

#include "helpers.h"
#include "lib/inet.h"
#include "suites.h"

static uint8_t buf[TEST_BUF_LEN];
static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(every_sample_round_trips)
{
	size_t i;

	for (i = 0; i < nsamples; i++) {
		samples[i](&msg);
		roundtrip(&msg, true, &out);
	}
}
END_TEST

START_TEST(header_fields_round_trip)
{
	size_t n;

	sample_hello(&msg);
	msg.flags = 0x5;
	msg.send_ttl = 1;
	n = encode_ok(&msg, buf);
	ck_assert_uint_eq(buf[0], 0x15);
	ck_assert_uint_eq(buf[1], RSVP_MSG_HELLO);
	ck_assert_uint_eq(buf[4], 1);
	ck_assert_uint_eq(buf[5], 0);
	ck_assert_uint_eq((size_t)(buf[6] << 8 | buf[7]), n);
	ck_assert_uint_eq(inet_cksum(buf, n), 0);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), 0);
	ck_assert_uint_eq(out.flags, 0x5);
	ck_assert_uint_eq(out.send_ttl, 1);
	ck_assert_uint_eq(out.cksum, (uint16_t)(buf[2] << 8 | buf[3]));
}
END_TEST

/* Every prefix of every sample fails cleanly with a sane offset. */
START_TEST(truncation_at_every_offset_fails)
{
	size_t i, n, cut;

	for (i = 0; i < nsamples; i++) {
		samples[i](&msg);
		n = encode_ok(&msg, buf);
		for (cut = 0; cut < n; cut++) {
			ck_assert_int_eq(rsvp_decode(buf, cut, &out, &err), -1);
			ck_assert(err.reason == RSVP_E_SHORT ||
			    err.reason == RSVP_E_MSG_LENGTH);
			ck_assert_uint_le(err.offset, cut);
			ck_assert_ptr_nonnull(err.text);
		}
	}
}
END_TEST

/* The same, with the length field and checksum patched to each prefix. */
START_TEST(truncation_with_consistent_header_fails)
{
	static uint8_t cp[TEST_BUF_LEN];
	size_t i, n, cut;

	for (i = 0; i < nsamples; i++) {
		samples[i](&msg);
		n = encode_ok(&msg, buf);
		for (cut = RSVP_HDR_LEN; cut < n; cut++) {
			memcpy(cp, buf, cut);
			refresh_header(cp, cut);
			if (rsvp_decode(cp, cut, &out, &err) == 0) {
				/* Cut on an object boundary of a message
				   whose tail was optional: still sane. */
				ck_assert_uint_eq(cut % 4, 0);
				continue;
			}
			ck_assert_uint_lt(err.offset, cut + 1);
			ck_assert_ptr_nonnull(err.text);
			ck_assert_int_ne(err.reason, RSVP_E_NONE);
		}
	}
}
END_TEST

/* A sum of 0xffff gives checksum 0, sent as 0xffff (RFC 1071). */
START_TEST(zero_checksum_is_sent_as_ffff)
{
	size_t n;

	sample_hello(&msg);
	msg.objs[0].u.hello.src_instance = 0xd8ca0000;
	msg.objs[0].u.hello.dst_instance = 0;
	n = encode_ok(&msg, buf);
	ck_assert_uint_eq(buf[2], 0xff);
	ck_assert_uint_eq(buf[3], 0xff);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), 0);
	ck_assert_uint_eq(out.cksum, 0xffff);
}
END_TEST

START_TEST(add_copy_appends_a_built_copy)
{
	struct rsvp_obj *o;
	uint16_t i;

	rsvp_msg_init(&msg, RSVP_MSG_RESV);
	o = rsvp_msg_add(&msg, RSVP_CLASS_LABEL, 1);
	ck_assert_ptr_nonnull(o);
	o->u.label.label = 4242;
	o->offset = 120;		/* as if decoded */
	rsvp_msg_init(&out, RSVP_MSG_RESVERR);
	o = rsvp_msg_add_copy(&out, &msg.objs[0]);
	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(out.nobjs, 1);
	ck_assert_uint_eq(o->class_num, RSVP_CLASS_LABEL);
	ck_assert_uint_eq(o->u.label.label, 4242);
	ck_assert_uint_eq(o->offset, 0);
	for (i = 1; i < RSVP_MAX_OBJECTS; i++)
		ck_assert_ptr_nonnull(rsvp_msg_add_copy(&out, &msg.objs[0]));
	ck_assert_ptr_null(rsvp_msg_add_copy(&out, &msg.objs[0]));
	ck_assert_uint_eq(out.nobjs, RSVP_MAX_OBJECTS);
}
END_TEST

START_TEST(encode_refuses_unknown_objects)
{
	sample_hello(&msg);
	ck_assert_ptr_nonnull(rsvp_msg_add(&msg, 0x40, 1));
	ck_assert_int_eq(rsvp_encode(&msg, buf, sizeof(buf)), -1);
	msg.objs[1].class_num = RSVP_CLASS_SESSION;
	msg.objs[1].c_type = 9;
	ck_assert_int_eq(rsvp_encode(&msg, buf, sizeof(buf)), -1);
}
END_TEST

/* Carried subobjects may share bytes; the total still has to fit. */
START_TEST(encode_refuses_messages_over_64k)
{
	static uint8_t big[RSVP_MAX_OBJECTS * 4096 + 8];
	struct rsvp_obj *o;
	int i, k;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	for (i = 0; i < 20; i++) {
		o = rsvp_msg_add(&msg, RSVP_CLASS_EXPLICIT_ROUTE, 1);
		o->u.route.raw_used = 126;
		o->u.route.nsub = RSVP_ROUTE_MAX;
		for (k = 0; k < RSVP_ROUTE_MAX; k++) {
			o->u.route.sub[k].type = 0x42;
			o->u.route.sub[k].raw_len = 126;
		}
	}
	ck_assert_int_eq(rsvp_encode(&msg, big, sizeof(big)), -1);
	msg.nobjs = 15;
	ck_assert_int_eq(rsvp_encode(&msg, big, sizeof(big)),
	    8 + 15 * (4 + 32 * 128));
}
END_TEST

START_TEST(short_and_version)
{
	size_t n;

	ck_assert_int_eq(rsvp_decode(buf, 0, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_SHORT);
	sample_hello(&msg);
	n = encode_ok(&msg, buf);
	buf[0] = 0x20;
	refresh_header(buf, n);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_VERSION);
	ck_assert_uint_eq(err.offset, 0);
	ck_assert_int_eq(err.action, RSVP_ACT_DROP);
}
END_TEST

START_TEST(message_length_lies)
{
	size_t n;

	sample_hello(&msg);
	n = encode_ok(&msg, buf);
	/* Length field smaller than the buffer. */
	refresh_header(buf, n);
	buf[7] -= 4;
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_MSG_LENGTH);
	ck_assert_uint_eq(err.offset, 6);
	/* Larger than the buffer. */
	buf[7] += 8;
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_MSG_LENGTH);
	/* Smaller than the header itself. */
	buf[6] = 0;
	buf[7] = 4;
	ck_assert_int_eq(rsvp_decode(buf, 4, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_SHORT);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_MSG_LENGTH);
}
END_TEST

START_TEST(checksum_mismatch_and_zero)
{
	size_t n;

	sample_path(&msg);
	n = encode_ok(&msg, buf);
	buf[20] ^= 0x01;
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_CHECKSUM);
	ck_assert_uint_eq(err.offset, 2);
	/* RFC 2205 3.1.1: zero means no checksum was sent. */
	buf[20] ^= 0x01;
	buf[2] = buf[3] = 0;
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), 0);
	ck_assert_uint_eq(out.cksum, 0);
}
END_TEST

START_TEST(unknown_message_type)
{
	size_t n;

	sample_hello(&msg);
	n = encode_ok(&msg, buf);
	buf[1] = 9;
	refresh_header(buf, n);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_MSG_TYPE);
	ck_assert_uint_eq(err.offset, 1);
	msg.type = 9;
	ck_assert_int_eq(rsvp_encode(&msg, buf, sizeof(buf)), -1);
}
END_TEST

/* Object header lies, at the HELLO object (offset 8). */
START_TEST(object_length_lies)
{
	static const struct {
		uint16_t	olen;
		enum rsvp_reason reason;
	} lies[] = {
		{ 0, RSVP_E_OBJ_LENGTH },
		{ 2, RSVP_E_OBJ_LENGTH },
		{ 6, RSVP_E_OBJ_LENGTH },
		{ 13, RSVP_E_OBJ_LENGTH },
		{ 16, RSVP_E_OBJ_TRUNCATED },	/* past the message */
		{ 0xfffc, RSVP_E_OBJ_TRUNCATED },
		{ 8, RSVP_E_OBJ_BODY },		/* HELLO body of 4 */
	};
	size_t i, n;

	for (i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		sample_hello(&msg);
		n = encode_ok(&msg, buf);
		buf[8] = (uint8_t)(lies[i].olen >> 8);
		buf[9] = (uint8_t)lies[i].olen;
		if (lies[i].olen == 8) {
			/* Shrink the object and add an empty tail object. */
			n = 8 + 8 + 4;
			buf[16] = 0;
			buf[17] = 4;
			buf[18] = RSVP_CLASS_HELLO;
			buf[19] = 1;
		}
		refresh_header(buf, n);
		ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
		ck_assert_int_eq(err.reason, lies[i].reason);
		ck_assert_uint_ge(err.offset, 8);
		ck_assert_uint_lt(err.offset, n);
		ck_assert_uint_eq(err.class_num, RSVP_CLASS_HELLO);
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
}
END_TEST

/* A message shorter than an object header after the last object. */
START_TEST(object_header_truncated)
{
	size_t n;

	sample_hello(&msg);
	n = encode_ok(&msg, buf);
	/* 4 more bytes would be a header; 2 more bytes are not. */
	buf[n] = 0;
	buf[n + 1] = 0;
	refresh_header(buf, n + 2);
	ck_assert_int_eq(rsvp_decode(buf, n + 2, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_TRUNCATED);
	ck_assert_uint_eq(err.offset, n);
}
END_TEST

/* A known fixed-size body that is too long for its C-Type. */
START_TEST(object_body_too_long)
{
	/* Hello with a HELLO ACK object of 16 bytes instead of 12. */
	uint8_t b[24] = {
		0x10, RSVP_MSG_HELLO, 0, 0, 1, 0, 0, 24,
		0, 16, RSVP_CLASS_HELLO, RSVP_CTYPE_HELLO_ACK,
		0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,
	};

	ck_assert_int_eq(rsvp_decode(b, sizeof(b), &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_uint_eq(err.offset, 12);
	ck_assert_uint_eq(err.class_num, RSVP_CLASS_HELLO);
	ck_assert_uint_eq(err.c_type, RSVP_CTYPE_HELLO_ACK);
}
END_TEST

/*
 * Mutate every byte of every sample (checksum off): whatever decodes must
 * encode, and the encoding must decode and encode to the same bytes.
 */
START_TEST(mutations_decode_or_fail_cleanly)
{
	static const uint8_t vals[] = { 0x00, 0x01, 0x04, 0x7f, 0x80, 0xc0,
	    0xff };
	static uint8_t cp[TEST_BUF_LEN], e1[TEST_BUF_LEN], e2[TEST_BUF_LEN];
	static struct rsvp_msg again;
	size_t i, n, at, k;
	ssize_t n1, n2;

	for (i = 0; i < nsamples; i++) {
		samples[i](&msg);
		n = encode_ok(&msg, buf);
		for (at = 0; at < n; at++) {
			for (k = 0; k < sizeof(vals); k++) {
				memcpy(cp, buf, n);
				cp[at] = vals[k];
				cp[2] = cp[3] = 0;
				if (rsvp_parse(cp, n, &out, &err) == -1) {
					ck_assert_uint_le(err.offset, n);
					ck_assert_ptr_nonnull(err.text);
					continue;
				}
				n1 = rsvp_encode(&out, e1, sizeof(e1));
				ck_assert_int_gt(n1, 0);
				ck_assert_int_eq(rsvp_parse(e1, (size_t)n1,
				    &again, &err), 0);
				n2 = rsvp_encode(&again, e2, sizeof(e2));
				ck_assert_int_eq(n1, n2);
				ck_assert_mem_eq(e1, e2, (size_t)n1);
			}
		}
	}
}
END_TEST

START_TEST(encode_fails_cleanly_when_full)
{
	size_t i, n, cap;

	for (i = 0; i < nsamples; i++) {
		samples[i](&msg);
		n = encode_ok(&msg, buf);
		for (cap = 0; cap < n; cap++)
			ck_assert_int_eq(rsvp_encode(&msg, buf, cap), -1);
		ck_assert_int_eq(rsvp_encode(&msg, buf, n), (ssize_t)n);
	}
}
END_TEST

START_TEST(object_bounds)
{
	int i;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	for (i = 0; i < RSVP_MAX_OBJECTS; i++)
		ck_assert_ptr_nonnull(rsvp_msg_add(&msg, RSVP_CLASS_POLICY_DATA,
		    1));
	ck_assert_ptr_null(rsvp_msg_add(&msg, RSVP_CLASS_POLICY_DATA, 1));
}
END_TEST

/* More objects on the wire than RSVP_MAX_OBJECTS: a clear bound error. */
START_TEST(too_many_objects_on_the_wire)
{
	size_t n = RSVP_HDR_LEN;
	int i;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	encode_ok(&msg, buf);
	for (i = 0; i <= RSVP_MAX_OBJECTS; i++) {
		buf[n] = 0;
		buf[n + 1] = 4;
		buf[n + 2] = RSVP_CLASS_POLICY_DATA;
		buf[n + 3] = 1;
		n += 4;
	}
	refresh_header(buf, n);
	ck_assert_int_eq(rsvp_parse(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_uint_eq(err.offset, n - 4);
}
END_TEST

START_TEST(find_and_init)
{
	sample_path(&msg);
	ck_assert_ptr_eq(rsvp_msg_find(&msg, RSVP_CLASS_RSVP_HOP),
	    &msg.objs[2]);
	ck_assert_ptr_null(rsvp_msg_find(&msg, RSVP_CLASS_SCOPE));
	rsvp_msg_init(&msg, RSVP_MSG_RESV);
	ck_assert_uint_eq(msg.nobjs, 0);
	ck_assert_uint_eq(msg.send_ttl, 255);
}
END_TEST

Suite *
packet_suite(void)
{
	Suite *s = suite_create("rsvp_packet");
	TCase *tc = tcase_create("packet");

	tcase_add_test(tc, every_sample_round_trips);
	tcase_add_test(tc, header_fields_round_trip);
	tcase_add_test(tc, truncation_at_every_offset_fails);
	tcase_add_test(tc, truncation_with_consistent_header_fails);
	tcase_add_test(tc, zero_checksum_is_sent_as_ffff);
	tcase_add_test(tc, add_copy_appends_a_built_copy);
	tcase_add_test(tc, encode_refuses_unknown_objects);
	tcase_add_test(tc, encode_refuses_messages_over_64k);
	tcase_add_test(tc, short_and_version);
	tcase_add_test(tc, message_length_lies);
	tcase_add_test(tc, checksum_mismatch_and_zero);
	tcase_add_test(tc, unknown_message_type);
	tcase_add_test(tc, object_length_lies);
	tcase_add_test(tc, object_header_truncated);
	tcase_add_test(tc, object_body_too_long);
	tcase_add_test(tc, mutations_decode_or_fail_cleanly);
	tcase_add_test(tc, encode_fails_cleanly_when_full);
	tcase_add_test(tc, object_bounds);
	tcase_add_test(tc, too_many_objects_on_the_wire);
	tcase_add_test(tc, find_and_init);
	suite_add_tcase(s, tc);
	return s;
}
