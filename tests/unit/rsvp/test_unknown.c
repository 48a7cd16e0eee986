/* rsvp/unknown.c: RFC 2205 3.10, unknown classes and C-Types. */
#include <check.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

static uint8_t buf[TEST_BUF_LEN], again[TEST_BUF_LEN];
static struct rsvp_msg msg, out;
static struct rsvp_error err;

/*
 * Encode 'm' and insert an object of 'class_num'/'c_type' with an 8-byte
 * body before object 'at'; returns the new length, '*off_r' where it went.
 */
static size_t
with_object(const struct rsvp_msg *m, int at, uint8_t class_num,
    uint8_t c_type, size_t *off_r)
{
	static const uint8_t body[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct rsvp_msg tmp;
	size_t n, off;

	n = encode_ok(m, buf);
	ck_assert_int_eq(rsvp_parse(buf, n, &tmp, &err), 0);
	off = at < tmp.nobjs ? tmp.objs[at].offset : n;
	memmove(buf + off + 12, buf + off, n - off);
	buf[off] = 0;
	buf[off + 1] = 12;
	buf[off + 2] = class_num;
	buf[off + 3] = c_type;
	memcpy(buf + off + 4, body, sizeof(body));
	n += 12;
	refresh_header(buf, n);
	*off_r = off;
	return n;
}

/* 0bbbbbbb (including 01bbbbbb): reject with "Unknown object class". */
START_TEST(class_0bbbbbbb_rejects)
{
	static const uint8_t classes[] = { 2, 0x17, 0x40, 0x7f };
	size_t i, n, off;

	for (i = 0; i < sizeof(classes); i++) {
		sample_path(&msg);
		n = with_object(&msg, 3, classes[i], 9, &off);
		ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
		ck_assert_int_eq(err.reason, RSVP_E_UNKNOWN_CLASS);
		ck_assert_int_eq(err.action, RSVP_ACT_SEND_ERROR);
		ck_assert_uint_eq(err.err_code, RSVP_ERR_UNKNOWN_CLASS);
		ck_assert_uint_eq(err.err_value, classes[i] << 8 | 9);
		ck_assert_uint_eq(err.offset, off);
		ck_assert_uint_eq(err.class_num, classes[i]);
		ck_assert_uint_eq(err.c_type, 9);
	}
}
END_TEST

/* A PathTear is not answered, even for an unknown class. */
START_TEST(class_0bbbbbbb_in_teardown_drops)
{
	size_t n, off;

	sample_pathtear(&msg);
	n = with_object(&msg, 1, 0x33, 1, &off);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_UNKNOWN_CLASS);
	ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	ck_assert_uint_eq(err.err_code, RSVP_ERR_UNKNOWN_CLASS);
}
END_TEST

/* 10bbbbbb: dropped silently, recorded in msg->ignored, not re-encoded. */
START_TEST(class_10bbbbbb_is_ignored)
{
	size_t n, n2, off;
	struct rsvp_msg plain;

	sample_resv_ff(&msg);
	n = with_object(&msg, 4, 0x9a, 3, &off);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), 0);
	ck_assert_uint_eq(out.nobjs, msg.nobjs);
	ck_assert_uint_eq(out.nignored, 1);
	ck_assert_uint_eq(out.ignored[0].class_num, 0x9a);
	ck_assert_uint_eq(out.ignored[0].c_type, 3);
	ck_assert_uint_eq(out.ignored[0].offset, off);
	ck_assert_uint_eq(out.ignored[0].length, 12);
	n2 = encode_ok(&out, again);
	ck_assert_uint_eq(n2, n - 12);
	sample_resv_ff(&plain);
	ck_assert_uint_eq(encode_ok(&plain, buf), n2);
	ck_assert_mem_eq(buf, again, n2);
}
END_TEST

/* RFC 2205 Appendix A: NULL objects are ignored wherever they appear. */
START_TEST(null_object_is_ignored)
{
	size_t n, off;

	sample_resv_se(&msg);
	n = with_object(&msg, 5, RSVP_CLASS_NULL, 0x77, &off);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), 0);
	ck_assert_uint_eq(out.nobjs, msg.nobjs);
	ck_assert_uint_eq(out.nignored, 1);
	ck_assert_uint_eq(out.ignored[0].class_num, RSVP_CLASS_NULL);
	ck_assert_uint_eq(out.ignored[0].offset, off);
}
END_TEST

/* 11bbbbbb: kept at its place and forwarded byte for byte. */
START_TEST(class_11bbbbbb_is_forwarded)
{
	size_t n, n2, off;
	int at;

	for (at = 0; at <= 5; at++) {
		sample_path_ipv4(&msg);
		n = with_object(&msg, at, 0xc7, 0x42, &off);
		ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), 0);
		ck_assert_uint_eq(out.nobjs, msg.nobjs + 1);
		ck_assert_int_eq(out.objs[at].kind, RSVP_OBJ_FORWARD);
		ck_assert_uint_eq(out.objs[at].class_num, 0xc7);
		ck_assert_uint_eq(out.objs[at].c_type, 0x42);
		ck_assert_uint_eq(out.objs[at].offset, off);
		ck_assert_uint_eq(out.objs[at].u.opaque.len, 8);
		ck_assert_uint_eq(out.objs[at].u.opaque.data[7], 8);
		ck_assert_uint_eq(out.nignored, 0);
		n2 = encode_ok(&out, again);
		ck_assert_uint_eq(n2, n);
		ck_assert_mem_eq(buf, again, n);
	}
}
END_TEST

/* A known class with an unknown C-Type: "Unknown object C-Type". */
START_TEST(unknown_ctype_rejects)
{
	static const uint8_t classes[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_FLOWSPEC, RSVP_CLASS_LABEL,
		RSVP_CLASS_SESSION_ATTRIBUTE, RSVP_CLASS_HELLO,
	};
	size_t i, n, off;

	for (i = 0; i < sizeof(classes); i++) {
		sample_resv_wf(&msg);
		n = with_object(&msg, 2, classes[i], 0x63, &off);
		ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
		ck_assert_int_eq(err.reason, RSVP_E_UNKNOWN_CTYPE);
		ck_assert_int_eq(err.action, RSVP_ACT_SEND_ERROR);
		ck_assert_uint_eq(err.err_code, RSVP_ERR_UNKNOWN_CTYPE);
		ck_assert_uint_eq(err.err_value, classes[i] << 8 | 0x63);
		ck_assert_uint_eq(err.offset, off);
	}
}
END_TEST

START_TEST(too_many_ignored_objects)
{
	size_t n, off;
	int i;

	rsvp_msg_init(&msg, RSVP_MSG_HELLO);
	add_hello(&msg, RSVP_CTYPE_HELLO_ACK);
	n = encode_ok(&msg, buf);
	off = n;
	for (i = 0; i <= RSVP_MAX_IGNORED; i++) {
		buf[n] = 0;
		buf[n + 1] = 4;
		buf[n + 2] = 0x81;
		buf[n + 3] = 1;
		n += 4;
	}
	refresh_header(buf, n);
	ck_assert_int_eq(rsvp_decode(buf, n, &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_uint_eq(err.offset, off + 4 * RSVP_MAX_IGNORED);
}
END_TEST

/* Only an unknown 11bbbbbb class can be encoded as a forwarded object. */
START_TEST(encode_refuses_bad_forward_objects)
{
	static const uint8_t bad[] = { 0x40, 0x81, RSVP_CLASS_SESSION_ATTRIBUTE };
	struct rsvp_obj *o;
	size_t i;

	for (i = 0; i < sizeof(bad); i++) {
		sample_hello(&msg);
		o = add_opaque(&msg, bad[i], 1, 4, 0);
		o->kind = RSVP_OBJ_FORWARD;
		ck_assert_int_eq(rsvp_encode(&msg, buf, sizeof(buf)), -1);
		o->class_num = 0xc0;
		ck_assert_int_gt(rsvp_encode(&msg, buf, sizeof(buf)), 0);
	}
}
END_TEST

Suite *
unknown_suite(void)
{
	Suite *s = suite_create("rsvp_unknown");
	TCase *tc = tcase_create("rfc2205_3_10");

	tcase_add_test(tc, class_0bbbbbbb_rejects);
	tcase_add_test(tc, class_0bbbbbbb_in_teardown_drops);
	tcase_add_test(tc, class_10bbbbbb_is_ignored);
	tcase_add_test(tc, null_object_is_ignored);
	tcase_add_test(tc, class_11bbbbbb_is_forwarded);
	tcase_add_test(tc, unknown_ctype_rejects);
	tcase_add_test(tc, too_many_ignored_objects);
	tcase_add_test(tc, encode_refuses_bad_forward_objects);
	suite_add_tcase(s, tc);
	return s;
}
