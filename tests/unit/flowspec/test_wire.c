#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flowspec/wire.h"
#include "suites.h"

START_TEST(message_header_checks)
{
	static const uint8_t body[] = {
		0x0f, 0xff, 0x00, 0x01, 0xaa, 0xbb, 0xcc, 0xdd,
	};
	struct is_dec d;
	struct is_err err;
	struct cursor c, msg;
	uint8_t v1[sizeof(body)];
	size_t n;

	for (n = 0; n < IS_HDR_LEN; n++) {
		is_dec_init(&d, body, 7, &err);
		cur_init(&c, body, n);
		ck_assert_int_eq(is_msg_open(&d, &c, &msg), -1);
		ck_assert_int_eq(err.reason, IS_E_TRUNCATED);
		ck_assert_uint_eq(err.tc_value, 7);
		ck_assert_uint_eq(err.offset, 0);
	}
	/* Reserved bits set, version 0: fine. */
	is_dec_init(&d, body, 7, &err);
	cur_init(&c, body, sizeof(body));
	ck_assert_int_eq(is_msg_open(&d, &c, &msg), 0);
	ck_assert_uint_eq(cur_left(&msg), 4);
	ck_assert_uint_eq(cur_pos(&msg)[0], 0xaa);
	ck_assert_int_eq(err.reason, IS_OK);
	/* Shorter or longer than announced. */
	cur_init(&c, body, 4);
	ck_assert_int_eq(is_msg_open(&d, &c, &msg), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	memcpy(v1, body, sizeof(v1));
	v1[3] = 0;
	cur_init(&c, v1, sizeof(v1));
	ck_assert_int_eq(is_msg_open(&d, &c, &msg), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	v1[3] = 1;
	v1[0] = 0x10;
	cur_init(&c, v1, sizeof(v1));
	ck_assert_int_eq(is_msg_open(&d, &c, &msg), -1);
	ck_assert_int_eq(err.reason, IS_E_VERSION);
}
END_TEST

START_TEST(service_and_parameter_headers)
{
	static const uint8_t data[] = {
		0x02, 0x81, 0x00, 0x02,
		0x7f, 0x40, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04,
		0x09, 0x00,
	};
	struct is_dec d;
	struct is_err err;
	struct cursor c;
	struct is_svc s;
	struct is_param p;
	uint32_t w[2];

	is_dec_init(&d, data, 3, &err);
	cur_init(&c, data, sizeof(data));
	ck_assert_int_eq(is_svc_next(&d, &c, &s), 0);
	ck_assert_uint_eq(s.service, 2);
	ck_assert_uint_eq(s.flags, 0x81);
	ck_assert_ptr_eq(s.at, data);
	ck_assert_uint_eq(cur_left(&s.data), 8);
	ck_assert_int_eq(is_param_next(&d, &s.data, &p), 0);
	ck_assert_uint_eq(p.id, 0x7f);
	ck_assert_uint_eq(p.flags, 0x40);
	ck_assert_ptr_eq(p.at, data + 4);
	ck_assert_int_eq(is_param_words(&d, &p, w, 1), 0);
	ck_assert_uint_eq(w[0], 0x01020304);
	ck_assert_int_eq(is_param_words(&d, &p, w, 2), -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.offset, 4);
	ck_assert_int_eq(is_param_words(&d, &p, w, 0), -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	/* Two bytes left: a header cannot fit. */
	ck_assert_int_eq(is_svc_next(&d, &c, &s), -1);
	ck_assert_int_eq(err.reason, IS_E_TRUNCATED);
	ck_assert_uint_eq(err.offset, 12);
	ck_assert_uint_eq(err.tc_value, 3);
}
END_TEST

START_TEST(length_past_container_fails)
{
	static const uint8_t data[] = { 0x05, 0x00, 0x00, 0x01, 0, 0, 0 };
	struct is_dec d;
	struct is_err err;
	struct cursor c;
	struct is_param p;

	is_dec_init(&d, data, 5, &err);
	cur_init(&c, data, sizeof(data));
	ck_assert_int_eq(is_param_next(&d, &c, &p), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 0);
	ck_assert_int_eq(is_fail_value(&d, IS_E_UNSUPPORTED, 2, data + 3), -1);
	ck_assert_uint_eq(err.tc_value, 2);
	ck_assert_uint_eq(err.offset, 3);
}
END_TEST

START_TEST(floats_by_their_bits)
{
	ck_assert_uint_eq(is_float_to_bits(125000.0f), 0x47f42400);
	ck_assert_uint_eq(is_float_to_bits(INFINITY), 0x7f800000);
	ck_assert_uint_eq(is_float_to_bits(-0.0f), 0x80000000);
	ck_assert_float_eq(is_float_from_bits(0x3fc00000), 1.5f);
	ck_assert(isnan(is_float_from_bits(0x7fc00001)));
	ck_assert_uint_eq(is_float_to_bits(is_float_from_bits(0x7fc00001)),
	    0x7fc00001);
}
END_TEST

START_TEST(headers_are_written_and_patched)
{
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x03,
		0x05, 0x80, 0x00, 0x02,
		0x06, 0x80, 0x00, 0x01, 0x3f, 0xc0, 0x00, 0x00,
	};
	uint8_t buf[32];
	struct writer w;
	size_t msg, svc;

	w_init(&w, buf, sizeof(buf));
	ck_assert(is_msg_begin(&w, &msg));
	/* Only the break bit of the flags goes out. */
	ck_assert(is_svc_begin(&w, 5, 0xff, &svc));
	ck_assert(is_param_hdr(&w, 6, 0x80, 1));
	ck_assert(is_w_float(&w, 1.5f));
	ck_assert(is_hdr_end(&w, svc));
	ck_assert(is_hdr_end(&w, msg));
	ck_assert_uint_eq(w.len, sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
	ck_assert(!is_hdr_end(&w, w.len - 2));
}
END_TEST

START_TEST(writing_fails_cleanly)
{
	size_t big = IS_HDR_LEN + ((size_t)UINT16_MAX + 1) * 4;
	uint8_t small[6], *buf = malloc(big);
	struct writer w;
	size_t at;

	w_init(&w, small, sizeof(small));
	ck_assert(is_msg_begin(&w, &at));
	ck_assert(!is_svc_begin(&w, 1, 0, &at));
	ck_assert(!is_hdr_end(&w, 0));

	/* A length that does not fit in 16 bits. */
	ck_assert_ptr_nonnull(buf);
	w_init(&w, buf, big);
	ck_assert(is_msg_begin(&w, &at));
	ck_assert(w_zero(&w, big - IS_HDR_LEN));
	ck_assert(!is_hdr_end(&w, at));
	w.len -= 4;
	ck_assert(is_hdr_end(&w, at));
	ck_assert_uint_eq(buf[2], 0xff);
	ck_assert_uint_eq(buf[3], 0xff);
	free(buf);
}
END_TEST

Suite *
wire_suite(void)
{
	Suite *s = suite_create("wire");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, message_header_checks);
	tcase_add_test(tc, service_and_parameter_headers);
	tcase_add_test(tc, length_past_container_fails);
	tcase_add_test(tc, floats_by_their_bits);
	tcase_add_test(tc, headers_are_written_and_patched);
	tcase_add_test(tc, writing_fails_cleanly);
	suite_add_tcase(s, tc);
	return s;
}
