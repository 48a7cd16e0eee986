#include <math.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "helpers.h"
#include "suites.h"

/*
 * Written by hand from the SENDER_TSPEC figure of RFC 2210 3.1: version
 * 0, overall length 7 words; service 1, length 6; parameter 127, flags 0,
 * length 5; r = 125000 bytes/s (1 Mbit/s), b = 4096 bytes, p = +infinity,
 * m = 64, M = 1500.
 */
static const uint8_t rfc_tspec[] = {
	0x00, 0x00, 0x00, 0x07,
	0x01, 0x00, 0x00, 0x06,
	0x7f, 0x00, 0x00, 0x05,
	0x47, 0xf4, 0x24, 0x00,		/* 125000.0f */
	0x45, 0x80, 0x00, 0x00,		/* 4096.0f */
	0x7f, 0x80, 0x00, 0x00,		/* +inf */
	0x00, 0x00, 0x00, 0x40,
	0x00, 0x00, 0x05, 0xdc,
};

static int
decode(const uint8_t *buf, size_t len, struct is_tspec *t, struct is_err *e)
{
	return is_sender_tspec_decode(buf, len, t, e);
}

START_TEST(rfc_figure_decodes)
{
	struct is_tspec t;
	struct is_err err;

	ck_assert_int_eq(decode(rfc_tspec, sizeof(rfc_tspec), &t, &err), 0);
	ck_assert_float_eq(t.rate, 125000.0f);
	ck_assert_float_eq(t.bucket, 4096.0f);
	ck_assert(isinf(t.peak) && t.peak > 0);
	ck_assert_uint_eq(t.min_unit, 64);
	ck_assert_uint_eq(t.max_size, 1500);
}
END_TEST

START_TEST(encodes_the_rfc_figure)
{
	struct is_tspec t = { 125000.0f, 4096.0f, INFINITY, 64, 1500 };
	uint8_t buf[64];

	ck_assert_int_eq(is_sender_tspec_encode(&t, buf, sizeof(buf)),
	    IS_SENDER_TSPEC_LEN);
	ck_assert_mem_eq(buf, rfc_tspec, sizeof(rfc_tspec));
}
END_TEST

START_TEST(round_trip)
{
	struct is_tspec t = { 1.5e6f, 30000.0f, 2e6f, 0, 65535 }, back;
	struct is_err err;
	uint8_t buf[IS_SENDER_TSPEC_LEN];

	ck_assert_int_eq(is_sender_tspec_encode(&t, buf, sizeof(buf)),
	    sizeof(buf));
	ck_assert_int_eq(decode(buf, sizeof(buf), &back, &err), 0);
	ck_assert_mem_eq(&back, &t, sizeof(t));
}
END_TEST

START_TEST(encoder_fails_when_full)
{
	struct is_tspec t = { 1, 1, 1, 1, 1 };
	uint8_t buf[IS_SENDER_TSPEC_LEN];
	size_t cap;

	for (cap = 0; cap < sizeof(buf); cap++)
		ck_assert_int_eq(is_sender_tspec_encode(&t, buf, cap), -1);
}
END_TEST

START_TEST(every_truncation_fails)
{
	check_every_prefix_fails(decode_sender_tspec, rfc_tspec,
	    sizeof(rfc_tspec));
	ck_assert_int_eq(count_patched_prefixes_ok(decode_sender_tspec,
	    rfc_tspec, sizeof(rfc_tspec)), 0);
}
END_TEST

/* Decode the RFC vector with byte 'at' set to 'v'. */
static int
decode_patched(size_t at, uint8_t v, struct is_err *err)
{
	uint8_t buf[sizeof(rfc_tspec)];

	memcpy(buf, rfc_tspec, sizeof(buf));
	buf[at] = v;
	return decode_exact(decode_sender_tspec, buf, sizeof(buf), err);
}

START_TEST(lying_lengths_fail)
{
	struct is_err err;

	/* Overall length one word too long, one too short. */
	ck_assert_int_eq(decode_patched(3, 8, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 0);
	ck_assert_int_eq(decode_patched(3, 6, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	/* Service length past the message, and short of it. */
	ck_assert_int_eq(decode_patched(7, 7, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 4);
	ck_assert_int_eq(decode_patched(7, 5, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 4);
	/* Parameter length past the service, and short of the TSpec. */
	ck_assert_int_eq(decode_patched(11, 6, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 8);
	ck_assert_int_eq(decode_patched(11, 4, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.offset, 8);
	/* A length in the high byte: 256 words more. */
	ck_assert_int_eq(decode_patched(2, 1, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_TSPEC);
}
END_TEST

START_TEST(body_not_whole_words_fails)
{
	uint8_t buf[sizeof(rfc_tspec) + 1];
	struct is_err err;

	memcpy(buf, rfc_tspec, sizeof(rfc_tspec));
	buf[sizeof(rfc_tspec)] = 0;
	ck_assert_int_eq(decode_exact(decode_sender_tspec, buf, sizeof(buf),
	    &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
}
END_TEST

START_TEST(version_and_service_are_checked)
{
	struct is_err err;

	ck_assert_int_eq(decode_patched(0, 0x10, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_VERSION);
	/* The reserved bits beside the version are ignored. */
	ck_assert_int_eq(decode_patched(0, 0x0f, &err), 0);
	ck_assert_int_eq(decode_patched(1, 0xff, &err), 0);
	/* So are the break bit and reserved bits of the service header. */
	ck_assert_int_eq(decode_patched(5, 0xff, &err), 0);
	ck_assert_int_eq(decode_patched(4, IS_SVC_CONTROLLED_LOAD, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_SERVICE);
	ck_assert_uint_eq(err.offset, 4);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_TSPEC);
}
END_TEST

START_TEST(unknown_parameters_are_skipped)
{
	/* RFC 3006's compression hint (126) before the TSpec: skipped. */
	static const uint8_t hinted[] = {
		0x00, 0x00, 0x00, 0x09,
		0x01, 0x00, 0x00, 0x08,
		0x7e, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x32,
		0x7f, 0x00, 0x00, 0x05,
		0x47, 0xf4, 0x24, 0x00, 0x45, 0x80, 0x00, 0x00,
		0x7f, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40,
		0x00, 0x00, 0x05, 0xdc,
	};
	struct is_tspec t;
	struct is_err err;

	ck_assert_int_eq(decode(hinted, sizeof(hinted), &t, &err), 0);
	ck_assert_uint_eq(t.max_size, 1500);
}
END_TEST

START_TEST(missing_and_repeated_tspec_fail)
{
	static const uint8_t none[] = {
		0x00, 0x00, 0x00, 0x03,
		0x01, 0x00, 0x00, 0x02,
		0x7e, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t empty[] = { 0x00, 0x00, 0x00, 0x00 };
	uint8_t twice[4 + 4 + 2 * 24];
	struct is_tspec t;
	struct is_err err;

	ck_assert_int_eq(decode(none, sizeof(none), &t, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, 4);
	ck_assert_int_eq(decode(empty, sizeof(empty), &t, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);

	memcpy(twice, rfc_tspec, sizeof(rfc_tspec));
	memcpy(twice + sizeof(rfc_tspec), rfc_tspec + 8, 24);
	twice[3] = 13;
	twice[7] = 12;
	ck_assert_int_eq(decode(twice, sizeof(twice), &t, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, 32);
}
END_TEST

START_TEST(second_fragment_fails)
{
	uint8_t buf[sizeof(rfc_tspec) + 4];
	struct is_tspec t;
	struct is_err err;

	memcpy(buf, rfc_tspec, sizeof(rfc_tspec));
	memcpy(buf + sizeof(rfc_tspec), "\x05\x00\x00\x00", 4);
	buf[3] = 8;
	ck_assert_int_eq(decode(buf, sizeof(buf), &t, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 4);
}
END_TEST

START_TEST(bad_values_fail_with_bad_tspec)
{
	struct is_tspec t = { 1000, 100, 2000, 64, 1500 };
	uint8_t buf[IS_SENDER_TSPEC_LEN];
	struct is_err err;

	t.min_unit = 1501;
	ck_assert_int_eq(is_sender_tspec_encode(&t, buf, sizeof(buf)),
	    sizeof(buf));
	ck_assert_int_eq(decode(buf, sizeof(buf), &t, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MIN_GT_MAX);
	ck_assert_uint_eq(err.offset, 8);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_TSPEC);
	/* The output is cleared, not left half-filled. */
	ck_assert_uint_eq(t.min_unit, 0);
}
END_TEST

Suite *
sender_tspec_suite(void)
{
	Suite *s = suite_create("sender_tspec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, rfc_figure_decodes);
	tcase_add_test(tc, encodes_the_rfc_figure);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, encoder_fails_when_full);
	tcase_add_test(tc, every_truncation_fails);
	tcase_add_test(tc, lying_lengths_fail);
	tcase_add_test(tc, body_not_whole_words_fails);
	tcase_add_test(tc, version_and_service_are_checked);
	tcase_add_test(tc, unknown_parameters_are_skipped);
	tcase_add_test(tc, missing_and_repeated_tspec_fail);
	tcase_add_test(tc, second_fragment_fails);
	tcase_add_test(tc, bad_values_fail_with_bad_tspec);
	suite_add_tcase(s, tc);
	return s;
}
