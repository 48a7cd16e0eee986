#include <math.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "helpers.h"
#include "suites.h"

/*
 * Written by hand from the Guaranteed FLOWSPEC figure of RFC 2210 3:
 * overall length 10 words; service 2, length 9; parameter 127 (length 5)
 * with r = 125000, b = 4096, p = 250000 bytes/s, m = 64, M = 1500;
 * parameter 130 (length 2) with R = 250000 bytes/s, S = 1000 us.
 */
static const uint8_t rfc_guaranteed[] = {
	0x00, 0x00, 0x00, 0x0a,
	0x02, 0x00, 0x00, 0x09,
	0x7f, 0x00, 0x00, 0x05,
	0x47, 0xf4, 0x24, 0x00,		/* 125000.0f */
	0x45, 0x80, 0x00, 0x00,		/* 4096.0f */
	0x48, 0x74, 0x24, 0x00,		/* 250000.0f */
	0x00, 0x00, 0x00, 0x40,
	0x00, 0x00, 0x05, 0xdc,
	0x82, 0x00, 0x00, 0x02,
	0x48, 0x74, 0x24, 0x00,		/* R = 250000.0f */
	0x00, 0x00, 0x03, 0xe8,
};

/*
 * Written by hand from the Controlled-Load FLOWSPEC figure of RFC 2210 3:
 * overall length 7; service 5, length 6; parameter 127 with r = 1250
 * bytes/s (10 kbit/s), b = 512, p = +infinity, m = 0, M = 576.
 */
static const uint8_t rfc_cl[] = {
	0x00, 0x00, 0x00, 0x07,
	0x05, 0x00, 0x00, 0x06,
	0x7f, 0x00, 0x00, 0x05,
	0x44, 0x9c, 0x40, 0x00,		/* 1250.0f */
	0x44, 0x00, 0x00, 0x00,		/* 512.0f */
	0x7f, 0x80, 0x00, 0x00,		/* +inf */
	0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x02, 0x40,
};

static int
decode(const uint8_t *buf, size_t len, struct is_flowspec *f,
    struct is_err *err)
{
	return is_flowspec_decode(buf, len, f, err);
}

START_TEST(rfc_guaranteed_decodes)
{
	struct is_flowspec f;
	struct is_err err;

	ck_assert_int_eq(decode(rfc_guaranteed, sizeof(rfc_guaranteed), &f,
	    &err), 0);
	ck_assert_uint_eq(f.service, IS_SVC_GUARANTEED);
	ck_assert_float_eq(f.tspec.rate, 125000.0f);
	ck_assert_float_eq(f.tspec.bucket, 4096.0f);
	ck_assert_float_eq(f.tspec.peak, 250000.0f);
	ck_assert_uint_eq(f.tspec.min_unit, 64);
	ck_assert_uint_eq(f.tspec.max_size, 1500);
	ck_assert_float_eq(f.rspec.rate, 250000.0f);
	ck_assert_uint_eq(f.rspec.slack, 1000);
}
END_TEST

START_TEST(rfc_controlled_load_decodes)
{
	struct is_flowspec f;
	struct is_err err;

	ck_assert_int_eq(decode(rfc_cl, sizeof(rfc_cl), &f, &err), 0);
	ck_assert_uint_eq(f.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert_float_eq(f.tspec.rate, 1250.0f);
	ck_assert_float_eq(f.tspec.bucket, 512.0f);
	ck_assert(isinf(f.tspec.peak));
	ck_assert_uint_eq(f.tspec.max_size, 576);
}
END_TEST

START_TEST(encodes_the_rfc_figures)
{
	struct is_flowspec g = { IS_SVC_GUARANTEED,
	    { 125000, 4096, 250000, 64, 1500 }, { 250000, 1000 } };
	struct is_flowspec cl = { IS_SVC_CONTROLLED_LOAD,
	    { 1250, 512, INFINITY, 0, 576 }, { 0, 0 } };
	uint8_t buf[64];

	ck_assert_int_eq(is_flowspec_encode(&g, buf, sizeof(buf)),
	    IS_FLOWSPEC_GUAR_LEN);
	ck_assert_mem_eq(buf, rfc_guaranteed, sizeof(rfc_guaranteed));
	ck_assert_int_eq(is_flowspec_encode(&cl, buf, sizeof(buf)),
	    IS_FLOWSPEC_CL_LEN);
	ck_assert_mem_eq(buf, rfc_cl, sizeof(rfc_cl));
}
END_TEST

START_TEST(round_trip_both_services)
{
	struct is_flowspec in[2] = {
		{ IS_SVC_GUARANTEED, { 1e3f, 2e3f, 3e3f, 10, 20 },
		    { 0.0f, 0xffffffffU } },
		{ IS_SVC_CONTROLLED_LOAD, { 0, 0, 0, 0, 0 }, { 0, 0 } },
	};
	struct is_flowspec out;
	struct is_err err;
	uint8_t buf[IS_FLOWSPEC_GUAR_LEN];
	int i, n;

	for (i = 0; i < 2; i++) {
		n = is_flowspec_encode(&in[i], buf, sizeof(buf));
		ck_assert_int_gt(n, 0);
		ck_assert_int_eq(decode(buf, (size_t)n, &out, &err), 0);
		ck_assert_uint_eq(out.service, in[i].service);
		ck_assert_mem_eq(&out.tspec, &in[i].tspec, sizeof(out.tspec));
		ck_assert_mem_eq(&out.rspec, &in[i].rspec, sizeof(out.rspec));
	}
}
END_TEST

START_TEST(encoder_refuses_what_it_cannot_write)
{
	struct is_flowspec f = { IS_SVC_GUARANTEED, { 1, 1, 1, 1, 1 },
	    { 1, 1 } };
	uint8_t buf[IS_FLOWSPEC_GUAR_LEN];
	size_t cap;

	for (cap = 0; cap < sizeof(buf); cap++)
		ck_assert_int_eq(is_flowspec_encode(&f, buf, cap), -1);
	f.service = IS_SVC_GENERAL;
	ck_assert_int_eq(is_flowspec_encode(&f, buf, sizeof(buf)), -1);
	f.service = 3;
	ck_assert_int_eq(is_flowspec_encode(&f, buf, sizeof(buf)), -1);
}
END_TEST

START_TEST(every_truncation_fails)
{
	check_every_prefix_fails(decode_flowspec, rfc_guaranteed,
	    sizeof(rfc_guaranteed));
	check_every_prefix_fails(decode_flowspec, rfc_cl, sizeof(rfc_cl));
	ck_assert_int_eq(count_patched_prefixes_ok(decode_flowspec,
	    rfc_guaranteed, sizeof(rfc_guaranteed)), 0);
	ck_assert_int_eq(count_patched_prefixes_ok(decode_flowspec,
	    rfc_cl, sizeof(rfc_cl)), 0);
}
END_TEST

/* Decode the Guaranteed vector with byte 'at' set to 'v'. */
static int
decode_patched(size_t at, uint8_t v, struct is_flowspec *f,
    struct is_err *err)
{
	uint8_t buf[sizeof(rfc_guaranteed)];

	memcpy(buf, rfc_guaranteed, sizeof(buf));
	buf[at] = v;
	return decode(buf, sizeof(buf), f, err);
}

START_TEST(lying_lengths_fail)
{
	struct is_flowspec f;
	struct is_err err;

	ck_assert_int_eq(decode_patched(3, 11, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_int_eq(decode_patched(7, 10, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 4);
	/* RSpec length 3 runs past the service data. */
	ck_assert_int_eq(decode_patched(35, 3, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, 32);
	/* RSpec length 1 is short of R and S. */
	ck_assert_int_eq(decode_patched(35, 1, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.offset, 32);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_FLOWSPEC);
}
END_TEST

START_TEST(unknown_service_is_unsupported)
{
	struct is_flowspec f;
	struct is_err err;

	ck_assert_int_eq(decode_patched(4, 3, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_UNSUPPORTED);
	ck_assert_uint_eq(err.tc_value, IS_TC_SERVICE_UNSUPPORTED);
	ck_assert_uint_eq(err.offset, 4);
	ck_assert_int_eq(decode_patched(4, IS_SVC_GENERAL, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_UNSUPPORTED);
}
END_TEST

START_TEST(guaranteed_needs_its_rspec)
{
	struct is_flowspec f;
	struct is_err err;

	/* Parameter 130 renamed 131, an unknown one: skipped, so the RSpec
	 * is missing. */
	ck_assert_int_eq(decode_patched(32, 131, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, 4);
	/* The TSpec renamed: missing too. */
	ck_assert_int_eq(decode_patched(8, 126, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
}
END_TEST

START_TEST(controlled_load_skips_an_rspec)
{
	uint8_t buf[sizeof(rfc_guaranteed)];
	struct is_flowspec f;
	struct is_err err;

	memcpy(buf, rfc_guaranteed, sizeof(buf));
	buf[4] = IS_SVC_CONTROLLED_LOAD;
	ck_assert_int_eq(decode(buf, sizeof(buf), &f, &err), 0);
	ck_assert_uint_eq(f.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert_float_eq(f.rspec.rate, 0);
}
END_TEST

START_TEST(repeated_parameters_fail)
{
	uint8_t buf[sizeof(rfc_guaranteed) + 24];
	struct is_flowspec f;
	struct is_err err;

	memcpy(buf, rfc_guaranteed, sizeof(rfc_guaranteed));
	memcpy(buf + sizeof(rfc_guaranteed), rfc_guaranteed + 32, 12);
	buf[3] = 13;
	buf[7] = 12;
	ck_assert_int_eq(decode(buf, sizeof(rfc_guaranteed) + 12, &f, &err),
	    -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, 44);

	/* The TSpec twice, in a Controlled-Load FLOWSPEC. */
	memcpy(buf, rfc_cl, sizeof(rfc_cl));
	memcpy(buf + sizeof(rfc_cl), rfc_cl + 8, 24);
	buf[3] = 13;
	buf[7] = 12;
	ck_assert_int_eq(decode(buf, sizeof(rfc_cl) + 24, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, 32);
}
END_TEST

START_TEST(bad_rspec_values_fail)
{
	struct is_flowspec f = { IS_SVC_GUARANTEED,
	    { 1000, 100, 1000, 64, 1500 }, { NAN, 0 } };
	uint8_t buf[IS_FLOWSPEC_GUAR_LEN];
	struct is_err err;

	ck_assert_int_gt(is_flowspec_encode(&f, buf, sizeof(buf)), 0);
	ck_assert_int_eq(decode(buf, sizeof(buf), &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_NAN);
	ck_assert_uint_eq(err.offset, 32);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_FLOWSPEC);
	ck_assert_uint_eq(f.service, 0);

	f = (struct is_flowspec){ IS_SVC_GUARANTEED,
	    { 1000, 100, 1000, 64, 1500 }, { -1, 0 } };
	ck_assert_int_gt(is_flowspec_encode(&f, buf, sizeof(buf)), 0);
	ck_assert_int_eq(decode(buf, sizeof(buf), &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_NEGATIVE);

	/* The TSpec inside a FLOWSPEC reports Bad Flowspec, not Bad Tspec. */
	f = (struct is_flowspec){ IS_SVC_CONTROLLED_LOAD,
	    { 1000, 100, 999, 64, 1500 }, { 0, 0 } };
	ck_assert_int_gt(is_flowspec_encode(&f, buf, sizeof(buf)), 0);
	ck_assert_int_eq(decode(buf, IS_FLOWSPEC_CL_LEN, &f, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_PEAK_LT_RATE);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_FLOWSPEC);
}
END_TEST

START_TEST(rate_below_token_rate_is_well_formed)
{
	/* R < r is for admission control to refuse (RFC 2212), not the
	 * decoder. */
	struct is_flowspec f = { IS_SVC_GUARANTEED,
	    { 1000, 100, 1000, 64, 1500 }, { 10, 0 } };
	uint8_t buf[IS_FLOWSPEC_GUAR_LEN];
	struct is_err err;

	ck_assert_int_gt(is_flowspec_encode(&f, buf, sizeof(buf)), 0);
	ck_assert_int_eq(decode(buf, sizeof(buf), &f, &err), 0);
	ck_assert_float_eq(f.rspec.rate, 10);
}
END_TEST

Suite *
flowspec_suite(void)
{
	Suite *s = suite_create("flowspec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, rfc_guaranteed_decodes);
	tcase_add_test(tc, rfc_controlled_load_decodes);
	tcase_add_test(tc, encodes_the_rfc_figures);
	tcase_add_test(tc, round_trip_both_services);
	tcase_add_test(tc, encoder_refuses_what_it_cannot_write);
	tcase_add_test(tc, every_truncation_fails);
	tcase_add_test(tc, lying_lengths_fail);
	tcase_add_test(tc, unknown_service_is_unsupported);
	tcase_add_test(tc, guaranteed_needs_its_rspec);
	tcase_add_test(tc, controlled_load_skips_an_rspec);
	tcase_add_test(tc, repeated_parameters_fail);
	tcase_add_test(tc, bad_rspec_values_fail);
	tcase_add_test(tc, rate_below_token_rate_is_well_formed);
	suite_add_tcase(s, tc);
	return s;
}
