#include <math.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "helpers.h"
#include "suites.h"

/*
 * Written by hand from the ADSPEC figures of RFC 2210 3: the object
 * layout (general fragment, Guaranteed fragment, Controlled-Load
 * fragment), the default general parameters fragment (service 1, length
 * 8: parameters 4, 6, 8, 10 of one word each), the Guaranteed fragment
 * (service 2, length 8: parameters 133-136) and the minimal
 * Controlled-Load fragment (service 5, length 0).  Values: 3 IS hops,
 * 125000 bytes/s path bandwidth, 10000 us latency, MTU 1500, Ctot 1500,
 * Dtot 1000, Csum 512, Dsum 100.
 */
static const uint8_t rfc_adspec[] = {
	0x00, 0x00, 0x00, 0x13,
	0x01, 0x00, 0x00, 0x08,
	0x04, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03,
	0x06, 0x00, 0x00, 0x01, 0x47, 0xf4, 0x24, 0x00,
	0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x27, 0x10,
	0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0xdc,
	0x02, 0x00, 0x00, 0x08,
	0x85, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0xdc,
	0x86, 0x00, 0x00, 0x01, 0x00, 0x00, 0x03, 0xe8,
	0x87, 0x00, 0x00, 0x01, 0x00, 0x00, 0x02, 0x00,
	0x88, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x64,
	0x05, 0x00, 0x00, 0x00,
};

/* Offsets into rfc_adspec. */
#define AT_GENERAL	4
#define AT_PATH_BW	16
#define AT_GUARANTEED	40
#define AT_CL		76

/* The same general fragment alone, as a body of 9 words. */
static const uint8_t general_only[] = {
	0x00, 0x00, 0x00, 0x09,
	0x01, 0x00, 0x00, 0x08,
	0x04, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03,
	0x06, 0x00, 0x00, 0x01, 0x47, 0xf4, 0x24, 0x00,
	0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x27, 0x10,
	0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0xdc,
};
#define GENERAL_ONLY_LEN	sizeof(general_only)

static int
decode(const uint8_t *buf, size_t len, struct is_adspec *a,
    struct is_err *err)
{
	return is_adspec_decode(buf, len, a, err);
}

/* Decode 'len' bytes of 'buf' with byte 'at' set to 'v' and the overall
 * length set to match 'len'. */
static int
decode_patched(const uint8_t *buf, size_t len, size_t at, uint8_t v,
    struct is_adspec *a, struct is_err *err)
{
	uint8_t copy[256];

	ck_assert_uint_le(len, sizeof(copy));
	memcpy(copy, buf, len);
	copy[3] = (uint8_t)((len - 4) / 4);
	copy[at] = v;
	return decode(copy, len, a, err);
}

/* Append 'n' bytes to the body in 'buf' of '*len' bytes and fix the
 * overall length. */
static void
append(uint8_t *buf, size_t *len, const void *more, size_t n)
{
	memcpy(buf + *len, more, n);
	*len += n;
	buf[2] = (uint8_t)((*len - 4) / 4 >> 8);
	buf[3] = (uint8_t)((*len - 4) / 4);
}

START_TEST(rfc_figure_decodes)
{
	struct is_adspec a;
	struct is_err err;

	ck_assert_int_eq(decode(rfc_adspec, sizeof(rfc_adspec), &a, &err), 0);
	ck_assert(!a.gen_brk);
	ck_assert(a.general.hop_count.present);
	ck_assert_uint_eq(a.general.hop_count.value, 3);
	ck_assert_uint_eq(a.general.hop_count.flags, 0);
	ck_assert_float_eq(a.general.path_bw.value, 125000.0f);
	ck_assert_uint_eq(a.general.min_latency.value, 10000);
	ck_assert_uint_eq(a.general.path_mtu.value, 1500);
	ck_assert(a.guaranteed.present);
	ck_assert(!a.guaranteed.brk);
	ck_assert_uint_eq(a.guaranteed.ctot.value, 1500);
	ck_assert_uint_eq(a.guaranteed.dtot.value, 1000);
	ck_assert_uint_eq(a.guaranteed.csum.value, 512);
	ck_assert_uint_eq(a.guaranteed.dsum.value, 100);
	ck_assert(!a.guaranteed.override.hop_count.present);
	ck_assert(a.cl.present);
	ck_assert(!a.cl.brk);
	ck_assert_uint_eq(a.n_other, 0);
}
END_TEST

START_TEST(encodes_the_rfc_figure)
{
	struct is_adspec a;
	uint8_t buf[128];

	memset(&a, 0, sizeof(a));
	a.general.hop_count = (struct is_ad_u32){ true, 0, 3 };
	a.general.path_bw = (struct is_ad_float){ true, 0, 125000.0f };
	a.general.min_latency = (struct is_ad_u32){ true, 0, 10000 };
	a.general.path_mtu = (struct is_ad_u32){ true, 0, 1500 };
	a.guaranteed.present = true;
	a.guaranteed.ctot = (struct is_ad_u32){ true, 0, 1500 };
	a.guaranteed.dtot = (struct is_ad_u32){ true, 0, 1000 };
	a.guaranteed.csum = (struct is_ad_u32){ true, 0, 512 };
	a.guaranteed.dsum = (struct is_ad_u32){ true, 0, 100 };
	a.cl.present = true;
	ck_assert_int_eq(is_adspec_encode(&a, buf, sizeof(buf)),
	    sizeof(rfc_adspec));
	ck_assert_mem_eq(buf, rfc_adspec, sizeof(rfc_adspec));
}
END_TEST

START_TEST(round_trip_with_everything)
{
	struct is_adspec a, b;
	struct is_err err;
	uint8_t buf[512], again[512];
	int n;

	ck_assert_int_eq(decode(rfc_adspec, sizeof(rfc_adspec), &a, &err), 0);
	a.gen_brk = true;
	a.general.path_bw.value = INFINITY;
	a.general.min_latency.value = IS_LATENCY_INDETERMINATE;
	a.general.path_mtu.flags = IS_PARAM_INVALID;
	a.guaranteed.brk = true;
	a.guaranteed.override.path_bw = (struct is_ad_float){ true, 0, 1e6f };
	a.guaranteed.override.path_mtu = (struct is_ad_u32){ true, 0, 9000 };
	a.cl.brk = true;
	a.cl.override.hop_count = (struct is_ad_u32){ true, 0, 2 };
	a.cl.override.min_latency = (struct is_ad_u32){ true, 0x80, 7 };
	a.n_other = 2;
	a.other[0] = (struct is_ad_other){ 9, true, 8, { 1, 2, 3, 4, 5, 6 } };
	a.other[1] = (struct is_ad_other){ 200, false, 0, { 0 } };

	n = is_adspec_encode(&a, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(decode(buf, (size_t)n, &b, &err), 0);
	ck_assert(b.gen_brk);
	ck_assert(isinf(b.general.path_bw.value));
	ck_assert_uint_eq(b.general.min_latency.value,
	    IS_LATENCY_INDETERMINATE);
	ck_assert_uint_eq(b.general.path_mtu.flags, IS_PARAM_INVALID);
	ck_assert(b.guaranteed.brk);
	ck_assert_float_eq(b.guaranteed.override.path_bw.value, 1e6f);
	ck_assert_uint_eq(b.guaranteed.override.path_mtu.value, 9000);
	ck_assert(!b.guaranteed.override.hop_count.present);
	ck_assert(b.cl.brk);
	ck_assert_uint_eq(b.cl.override.hop_count.value, 2);
	ck_assert_uint_eq(b.cl.override.min_latency.flags, 0x80);
	ck_assert_uint_eq(b.n_other, 2);
	ck_assert_uint_eq(b.other[0].service, 9);
	ck_assert(b.other[0].brk);
	ck_assert_uint_eq(b.other[0].len, 8);
	ck_assert_mem_eq(b.other[0].data, a.other[0].data, 8);
	ck_assert_uint_eq(b.other[1].service, 200);
	ck_assert_uint_eq(b.other[1].len, 0);
	ck_assert_int_eq(is_adspec_encode(&b, again, sizeof(again)), n);
	ck_assert_mem_eq(again, buf, (size_t)n);
}
END_TEST

START_TEST(encoder_refuses_what_it_cannot_write)
{
	struct is_adspec a;
	struct is_err err;
	uint8_t buf[sizeof(rfc_adspec)];
	size_t cap;

	ck_assert_int_eq(decode(rfc_adspec, sizeof(rfc_adspec), &a, &err), 0);
	for (cap = 0; cap < sizeof(buf); cap++)
		ck_assert_int_eq(is_adspec_encode(&a, buf, cap), -1);
	ck_assert_int_eq(is_adspec_encode(&a, buf, sizeof(buf)),
	    sizeof(buf));
	a.n_other = 1;
	a.other[0] = (struct is_ad_other){ IS_SVC_GUARANTEED, false, 0, { 0 } };
	ck_assert_int_eq(is_adspec_encode(&a, buf, sizeof(buf)), -1);
	a.other[0] = (struct is_ad_other){ 9, false, 3, { 0 } };
	ck_assert_int_eq(is_adspec_encode(&a, buf, sizeof(buf)), -1);
	a.other[0] = (struct is_ad_other){ 9, false, IS_AD_OTHER_MAX_LEN + 4,
	    { 0 } };
	ck_assert_int_eq(is_adspec_encode(&a, buf, sizeof(buf)), -1);
	a.n_other = IS_AD_MAX_OTHER + 1;
	ck_assert_int_eq(is_adspec_encode(&a, buf, sizeof(buf)), -1);
}
END_TEST

START_TEST(every_truncation_fails)
{
	check_every_prefix_fails(decode_adspec, rfc_adspec,
	    sizeof(rfc_adspec));
	/* Cut after the general fragment, or after the Guaranteed one, the
	 * body is still a whole ADSPEC; every other cut breaks a length. */
	ck_assert_int_eq(count_patched_prefixes_ok(decode_adspec, rfc_adspec,
	    sizeof(rfc_adspec)), 2);
}
END_TEST

START_TEST(lying_lengths_fail)
{
	struct is_adspec a;
	struct is_err err;
	const size_t len = sizeof(rfc_adspec);

	/* General fragment one word too long: the Guaranteed header is
	 * read as its parameter, whose length then runs past. */
	ck_assert_int_eq(decode_patched(rfc_adspec, len, 7, 9, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, AT_GUARANTEED);
	/* Controlled-Load fragment claims a word past the message. */
	ck_assert_int_eq(decode_patched(rfc_adspec, len, AT_CL + 3, 1, &a,
	    &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, AT_CL);
	/* Hop count parameter two words long. */
	ck_assert_int_eq(decode_patched(rfc_adspec, len, 11, 2, &a, &err),
	    -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.offset, 8);
	/* Hop count parameter zero words long. */
	ck_assert_int_eq(decode_patched(rfc_adspec, len, 11, 0, &a, &err),
	    -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_ADSPEC);
	/* Path bandwidth two words long. */
	ck_assert_int_eq(decode_patched(rfc_adspec, len, AT_PATH_BW + 3, 2,
	    &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.offset, AT_PATH_BW);
	/* Ctot two words long, and Dsum running past its fragment. */
	ck_assert_int_eq(decode_patched(rfc_adspec, len, AT_GUARANTEED + 7, 2,
	    &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_PARAM_LEN);
	ck_assert_uint_eq(err.offset, AT_GUARANTEED + 4);
	ck_assert_int_eq(decode_patched(rfc_adspec, len, AT_GUARANTEED + 31,
	    2, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, AT_GUARANTEED + 28);
}

START_TEST(lying_lengths_in_controlled_load_fail)
{
	/* A Controlled-Load fragment of one word whose parameter header
	 * announces a value that is not there. */
	uint8_t buf[64];
	size_t len = GENERAL_ONLY_LEN;
	struct is_adspec a;
	struct is_err err;

	memcpy(buf, general_only, len);
	append(buf, &len, "\x05\x00\x00\x01\x06\x00\x00\x01", 8);
	ck_assert_int_eq(decode(buf, len, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
	ck_assert_uint_eq(err.offset, GENERAL_ONLY_LEN + 4);
	ck_assert(!a.cl.present);
}
END_TEST

START_TEST(minimal_fragments_decode)
{
	/* A sender that offers neither service: each fragment is a header
	 * with the break bit set and no data. */
	uint8_t buf[64];
	size_t len = GENERAL_ONLY_LEN;
	struct is_adspec a;
	struct is_err err;

	memcpy(buf, general_only, len);
	append(buf, &len, "\x02\x80\x00\x00\x05\x80\x00\x00", 8);
	ck_assert_int_eq(decode(buf, len, &a, &err), 0);
	ck_assert(a.guaranteed.present && a.guaranteed.brk);
	ck_assert(!a.guaranteed.ctot.present);
	ck_assert(a.cl.present && a.cl.brk);
}
END_TEST

START_TEST(required_parameters_are_required)
{
	uint8_t buf[64];
	size_t len = GENERAL_ONLY_LEN;
	struct is_adspec a;
	struct is_err err;

	/* A Guaranteed fragment without its break bit needs Ctot..Dsum. */
	memcpy(buf, general_only, len);
	append(buf, &len, "\x02\x00\x00\x00", 4);
	ck_assert_int_eq(decode(buf, len, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, AT_GUARANTEED);

	/* Dsum renamed to an unknown parameter (137). */
	ck_assert_int_eq(decode_patched(rfc_adspec, sizeof(rfc_adspec), 68,
	    137, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, AT_GUARANTEED);

	/* The MTU renamed to an unknown parameter (11). */
	ck_assert_int_eq(decode_patched(rfc_adspec, sizeof(rfc_adspec), 32,
	    11, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, AT_GENERAL);

	/* No general fragment at all: renamed to an unknown service, or
	 * just a Controlled-Load one. */
	ck_assert_int_eq(decode_patched(rfc_adspec, sizeof(rfc_adspec),
	    AT_GENERAL, 9, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, 0);
	memcpy(buf, "\x00\x00\x00\x01\x05\x00\x00\x00", 8);
	ck_assert_int_eq(decode(buf, 8, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_MISSING);
	ck_assert_uint_eq(err.offset, 0);
	ck_assert_int_eq(decode(buf, 4, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_LENGTH);
}
END_TEST

START_TEST(repeats_fail)
{
	uint8_t buf[128];
	size_t len = sizeof(rfc_adspec);
	struct is_adspec a;
	struct is_err err;

	memcpy(buf, rfc_adspec, len);
	append(buf, &len, general_only + 4, GENERAL_ONLY_LEN - 4);
	ck_assert_int_eq(decode(buf, len, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, sizeof(rfc_adspec));

	len = sizeof(rfc_adspec);
	append(buf, &len, "\x05\x80\x00\x00", 4);
	ck_assert_int_eq(decode(buf, len, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);

	/* Path bandwidth renamed hop count: the hop count twice. */
	ck_assert_int_eq(decode_patched(rfc_adspec, sizeof(rfc_adspec),
	    AT_PATH_BW, IS_PARAM_HOP_COUNT, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, AT_PATH_BW);
	/* Minimum latency renamed path bandwidth: the float twice. */
	ck_assert_int_eq(decode_patched(rfc_adspec, sizeof(rfc_adspec),
	    AT_PATH_BW + 8, IS_PARAM_PATH_BW, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, AT_PATH_BW + 8);
	/* Controlled-Load renamed Guaranteed: two Guaranteed fragments. */
	memcpy(buf, rfc_adspec, sizeof(rfc_adspec));
	memcpy(buf + AT_CL, "\x02\x80\x00\x00", 4);
	ck_assert_int_eq(decode(buf, sizeof(rfc_adspec), &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_DUPLICATE);
	ck_assert_uint_eq(err.offset, AT_CL);
}
END_TEST

START_TEST(unknown_parameters_are_skipped)
{
	/* An unknown two-word parameter (200) in each known fragment, and
	 * overrides in the Controlled-Load one. */
	static const uint8_t more[] = {
		0x00, 0x00, 0x00, 0x19,
		0x01, 0x00, 0x00, 0x0b,
		0xc8, 0x00, 0x00, 0x02, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff,
		0x04, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
		0x06, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0xdc,
		0x05, 0x00, 0x00, 0x0c,
		0xc8, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
		0x06, 0x00, 0x00, 0x01, 0x48, 0x74, 0x24, 0x00,
		0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 0x23, 0x28,
		0x07, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
	};
	struct is_adspec a;
	struct is_err err;

	ck_assert_int_eq(decode(more, sizeof(more), &a, &err), 0);
	ck_assert_uint_eq(a.general.hop_count.value, 1);
	ck_assert_uint_eq(a.general.path_mtu.value, 1500);
	ck_assert(a.cl.present);
	ck_assert_float_eq(a.cl.override.path_bw.value, 250000.0f);
	ck_assert_uint_eq(a.cl.override.path_mtu.value, 9000);
	ck_assert(!a.cl.override.hop_count.present);
	ck_assert(!a.guaranteed.present);
}
END_TEST

START_TEST(unknown_services_are_kept_within_limits)
{
	uint8_t buf[512];
	size_t len = GENERAL_ONLY_LEN;
	struct is_adspec a;
	struct is_err err;
	uint8_t big[4 + IS_AD_OTHER_MAX_LEN + 4];
	int i;

	memcpy(buf, general_only, len);
	for (i = 0; i < IS_AD_MAX_OTHER; i++)
		append(buf, &len, "\x06\x80\x00\x01\x12\x34\x56\x78", 8);
	ck_assert_int_eq(decode(buf, len, &a, &err), 0);
	ck_assert_uint_eq(a.n_other, IS_AD_MAX_OTHER);
	ck_assert_uint_eq(a.other[3].service, 6);
	ck_assert(a.other[3].brk);
	ck_assert_uint_eq(a.other[3].data[3], 0x78);
	append(buf, &len, "\x06\x00\x00\x00", 4);
	ck_assert_int_eq(decode(buf, len, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_TOO_MANY);
	ck_assert_uint_eq(err.offset, len - 4);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_ADSPEC);

	memset(big, 0, sizeof(big));
	big[0] = 6;
	big[3] = IS_AD_OTHER_MAX_LEN / 4 + 1;
	len = GENERAL_ONLY_LEN;
	append(buf, &len, big, sizeof(big));
	ck_assert_int_eq(decode(buf, len, &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_TOO_MANY);
	ck_assert_uint_eq(err.offset, GENERAL_ONLY_LEN);
}
END_TEST

START_TEST(float_rules)
{
	static const uint8_t nan[] = { 0x7f, 0xc0, 0x00, 0x00 };
	static const uint8_t neg[] = { 0xbf, 0x80, 0x00, 0x00 };
	static const uint8_t ninf[] = { 0xff, 0x80, 0x00, 0x00 };
	static const uint8_t pinf[] = { 0x7f, 0x80, 0x00, 0x00 };
	uint8_t buf[GENERAL_ONLY_LEN];
	struct is_adspec a;
	struct is_err err;

	memcpy(buf, general_only, sizeof(buf));
	memcpy(buf + AT_PATH_BW + 4, nan, 4);
	ck_assert_int_eq(decode(buf, sizeof(buf), &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_NAN);
	ck_assert_uint_eq(err.offset, AT_PATH_BW);
	ck_assert_uint_eq(err.tc_value, IS_TC_BAD_ADSPEC);
	/* A value flagged not valid is not checked, and is kept. */
	buf[AT_PATH_BW + 1] = IS_PARAM_INVALID;
	ck_assert_int_eq(decode(buf, sizeof(buf), &a, &err), 0);
	ck_assert_uint_eq(a.general.path_bw.flags, IS_PARAM_INVALID);
	ck_assert(isnan(a.general.path_bw.value));
	buf[AT_PATH_BW + 1] = 0;

	memcpy(buf + AT_PATH_BW + 4, neg, 4);
	ck_assert_int_eq(decode(buf, sizeof(buf), &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_NEGATIVE);
	memcpy(buf + AT_PATH_BW + 4, ninf, 4);
	ck_assert_int_eq(decode(buf, sizeof(buf), &a, &err), -1);
	ck_assert_int_eq(err.reason, IS_E_NEGATIVE);
	memcpy(buf + AT_PATH_BW + 4, pinf, 4);
	ck_assert_int_eq(decode(buf, sizeof(buf), &a, &err), 0);
	ck_assert(isinf(a.general.path_bw.value));
}
END_TEST

Suite *
adspec_suite(void)
{
	Suite *s = suite_create("adspec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, rfc_figure_decodes);
	tcase_add_test(tc, encodes_the_rfc_figure);
	tcase_add_test(tc, round_trip_with_everything);
	tcase_add_test(tc, encoder_refuses_what_it_cannot_write);
	tcase_add_test(tc, every_truncation_fails);
	tcase_add_test(tc, lying_lengths_fail);
	tcase_add_test(tc, lying_lengths_in_controlled_load_fail);
	tcase_add_test(tc, minimal_fragments_decode);
	tcase_add_test(tc, required_parameters_are_required);
	tcase_add_test(tc, repeats_fail);
	tcase_add_test(tc, unknown_parameters_are_skipped);
	tcase_add_test(tc, unknown_services_are_kept_within_limits);
	tcase_add_test(tc, float_rules);
	suite_add_tcase(s, tc);
	return s;
}
