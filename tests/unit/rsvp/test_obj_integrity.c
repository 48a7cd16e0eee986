/* rsvp/obj_integrity.c: INTEGRITY (RFC 2747 2.1). */
#include <check.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(integrity_round_trips)
{
	const struct rsvp_integrity *in;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_integrity(&msg);
	add_integrity(&msg)->u.integrity.digest_len = RSVP_DIGEST_MAX;
	roundtrip(&msg, false, &out);
	in = &out.objs[0].u.integrity;
	ck_assert_uint_eq(in->flags, RSVP_INTEGRITY_F_HANDSHAKE);
	ck_assert_uint_eq(in->key_id[0], 0xa0);
	ck_assert_uint_eq(in->key_id[5], 0xa5);
	ck_assert(in->seq == 0x0102030405060708ull);
	ck_assert_uint_eq(in->digest_len, 16);
	ck_assert_uint_eq(in->digest[15], 0xdf);
	ck_assert_uint_eq(out.objs[1].u.integrity.digest_len, RSVP_DIGEST_MAX);
}
END_TEST

START_TEST(integrity_malformed)
{
	static uint8_t body[16 + RSVP_DIGEST_MAX + 4], b[256];

	/* No room for a digest. */
	ck_assert_int_eq(parse_one(RSVP_CLASS_INTEGRITY, 1, body, 16, &out,
	    &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
	ck_assert_int_eq(parse_one(RSVP_CLASS_INTEGRITY, 1, body, 8, &out,
	    &err), -1);
	/* Digest longer than the bound. */
	ck_assert_int_eq(parse_one(RSVP_CLASS_INTEGRITY, 1, body,
	    sizeof(body), &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_uint_eq(err.offset, 12 + 16);
	/* The encoder wants a digest that is a multiple of 4. */
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_integrity(&msg)->u.integrity.digest_len = 6;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	msg.objs[0].u.integrity.digest_len = 0;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
}
END_TEST

Suite *
obj_integrity_suite(void)
{
	Suite *s = suite_create("rsvp_obj_integrity");
	TCase *tc = tcase_create("integrity");

	tcase_add_test(tc, integrity_round_trips);
	tcase_add_test(tc, integrity_malformed);
	suite_add_tcase(s, tc);
	return s;
}
