/*
 * libFuzzer target for the IntServ codec (flowspec/).  The input is
 * decoded as a SENDER_TSPEC, a FLOWSPEC and an ADSPEC body; whatever
 * decodes is encoded, decoded again and encoded again, and the two
 * decodings and the two encodings must agree.  A refusal must carry a
 * reason, an RFC 2205 value and an offset inside the input.  The input is
 * also read as a tc rate and size: what parses must print and parse back
 * to the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "flowspec/units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Room for any body the encoders can produce from a decoded struct. */
#define ENC_MAX	1024

static void
check_refusal(const struct is_err *err, size_t size)
{
	if (err->reason == IS_OK || err->offset > size ||
	    err->tc_value < IS_TC_SERVICE_UNSUPPORTED ||
	    err->tc_value > IS_TC_BAD_ADSPEC)
		abort();
}

static void
check_same_encoding(const uint8_t *a, int na, const uint8_t *b, int nb)
{
	if (na < 0 || na != nb || memcmp(a, b, (size_t)na) != 0)
		abort();
}

/* Floats compare by their bits, so that NaN (kept when flagged not
 * valid) equals itself. */
static int
same_float(float a, float b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static int
same_tspec(const struct is_tspec *a, const struct is_tspec *b)
{
	return same_float(a->rate, b->rate) &&
	    same_float(a->bucket, b->bucket) &&
	    same_float(a->peak, b->peak) && a->min_unit == b->min_unit &&
	    a->max_size == b->max_size;
}

static int
same_u32(const struct is_ad_u32 *a, const struct is_ad_u32 *b)
{
	return a->present == b->present && a->flags == b->flags &&
	    a->value == b->value;
}

static int
same_general(const struct is_ad_general *a, const struct is_ad_general *b)
{
	return same_u32(&a->hop_count, &b->hop_count) &&
	    a->path_bw.present == b->path_bw.present &&
	    a->path_bw.flags == b->path_bw.flags &&
	    same_float(a->path_bw.value, b->path_bw.value) &&
	    same_u32(&a->min_latency, &b->min_latency) &&
	    same_u32(&a->path_mtu, &b->path_mtu);
}

static int
same_adspec(const struct is_adspec *a, const struct is_adspec *b)
{
	const struct is_ad_guaranteed *ga = &a->guaranteed;
	const struct is_ad_guaranteed *gb = &b->guaranteed;
	unsigned i;

	if (a->gen_brk != b->gen_brk ||
	    !same_general(&a->general, &b->general) ||
	    ga->present != gb->present || ga->brk != gb->brk ||
	    !same_u32(&ga->ctot, &gb->ctot) ||
	    !same_u32(&ga->dtot, &gb->dtot) ||
	    !same_u32(&ga->csum, &gb->csum) ||
	    !same_u32(&ga->dsum, &gb->dsum) ||
	    !same_general(&ga->override, &gb->override) ||
	    a->cl.present != b->cl.present || a->cl.brk != b->cl.brk ||
	    !same_general(&a->cl.override, &b->cl.override) ||
	    a->n_other != b->n_other)
		return 0;
	for (i = 0; i < a->n_other; i++)
		if (a->other[i].service != b->other[i].service ||
		    a->other[i].brk != b->other[i].brk ||
		    a->other[i].len != b->other[i].len ||
		    memcmp(a->other[i].data, b->other[i].data,
		    a->other[i].len) != 0)
			return 0;
	return 1;
}

static void
fuzz_sender_tspec(const uint8_t *data, size_t size)
{
	struct is_tspec a, b;
	struct is_err err;
	uint8_t e1[ENC_MAX], e2[ENC_MAX];
	int n1, n2;

	if (is_sender_tspec_decode(data, size, &a, &err) == -1) {
		check_refusal(&err, size);
		return;
	}
	if (is_tspec_check(&a) != IS_OK)
		abort();
	n1 = is_sender_tspec_encode(&a, e1, sizeof(e1));
	if (n1 < 0 || is_sender_tspec_decode(e1, (size_t)n1, &b, &err) == -1 ||
	    !same_tspec(&a, &b))
		abort();
	n2 = is_sender_tspec_encode(&b, e2, sizeof(e2));
	check_same_encoding(e1, n1, e2, n2);
}

static void
fuzz_flowspec(const uint8_t *data, size_t size)
{
	struct is_flowspec a, b;
	struct is_err err;
	uint8_t e1[ENC_MAX], e2[ENC_MAX];
	int n1, n2;

	if (is_flowspec_decode(data, size, &a, &err) == -1) {
		check_refusal(&err, size);
		return;
	}
	n1 = is_flowspec_encode(&a, e1, sizeof(e1));
	if (n1 < 0 || is_flowspec_decode(e1, (size_t)n1, &b, &err) == -1 ||
	    a.service != b.service || !same_tspec(&a.tspec, &b.tspec) ||
	    !same_float(a.rspec.rate, b.rspec.rate) ||
	    a.rspec.slack != b.rspec.slack)
		abort();
	n2 = is_flowspec_encode(&b, e2, sizeof(e2));
	check_same_encoding(e1, n1, e2, n2);
}

static void
fuzz_adspec(const uint8_t *data, size_t size)
{
	static struct is_adspec a, b;
	struct is_err err;
	uint8_t e1[ENC_MAX], e2[ENC_MAX];
	int n1, n2;

	if (is_adspec_decode(data, size, &a, &err) == -1) {
		check_refusal(&err, size);
		return;
	}
	n1 = is_adspec_encode(&a, e1, sizeof(e1));
	if (n1 < 0 || is_adspec_decode(e1, (size_t)n1, &b, &err) == -1 ||
	    !same_adspec(&a, &b))
		abort();
	n2 = is_adspec_encode(&b, e2, sizeof(e2));
	check_same_encoding(e1, n1, e2, n2);
}

static void
fuzz_units(const uint8_t *data, size_t size)
{
	char s[64], out[UNITS_STRLEN];
	uint64_t v, back;

	if (size >= sizeof(s))
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	if (units_parse_rate_bits(s, &v) == 0) {
		if (units_print_rate_bits(v, out, sizeof(out)) < 0 ||
		    units_parse_rate_bits(out, &back) == -1 || back != v)
			abort();
	}
	if (units_parse_size_bytes(s, &v) == 0) {
		if (units_print_size_bytes(v, out, sizeof(out)) < 0 ||
		    units_parse_size_bytes(out, &back) == -1 || back != v)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sender_tspec(data, size);
	fuzz_flowspec(data, size);
	fuzz_adspec(data, size);
	fuzz_units(data, size);
	return 0;
}
