#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "helpers.h"

int
decode_exact(decode_fn dec, const uint8_t *buf, size_t len,
    struct is_err *err)
{
	uint8_t *copy = malloc(len > 0 ? len : 1);
	int rc;

	ck_assert_ptr_nonnull(copy);
	if (len > 0)
		memcpy(copy, buf, len);
	rc = dec(copy, len, err);
	free(copy);
	return rc;
}

void
check_every_prefix_fails(decode_fn dec, const uint8_t *buf, size_t len)
{
	struct is_err err;
	size_t n;

	for (n = 0; n < len; n++) {
		ck_assert_msg(decode_exact(dec, buf, n, &err) == -1,
		    "prefix of %zu bytes decoded", n);
		if (n < IS_HDR_LEN)
			ck_assert_int_eq(err.reason, IS_E_TRUNCATED);
		else
			ck_assert_msg(err.reason == IS_E_TRUNCATED ||
			    err.reason == IS_E_LENGTH,
			    "prefix of %zu bytes: %s", n,
			    is_reason_str(err.reason));
		ck_assert_uint_lt(err.offset, len);
	}
	ck_assert_int_eq(decode_exact(dec, buf, len, &err), 0);
	ck_assert_int_eq(err.reason, IS_OK);
}

int
count_patched_prefixes_ok(decode_fn dec, const uint8_t *buf, size_t len)
{
	uint8_t copy[512];
	struct is_err err;
	size_t n;
	int ok = 0;

	ck_assert_uint_le(len, sizeof(copy));
	for (n = IS_HDR_LEN; n < len; n += 4) {
		memcpy(copy, buf, n);
		copy[2] = (uint8_t)((n - IS_HDR_LEN) / 4 >> 8);
		copy[3] = (uint8_t)((n - IS_HDR_LEN) / 4);
		if (decode_exact(dec, copy, n, &err) == 0) {
			ok++;
			continue;
		}
		ck_assert_int_ne(err.reason, IS_OK);
		ck_assert_uint_lt(err.offset, n);
	}
	return ok;
}

int
decode_sender_tspec(const void *buf, size_t len, struct is_err *err)
{
	struct is_tspec t;

	return is_sender_tspec_decode(buf, len, &t, err);
}

int
decode_flowspec(const void *buf, size_t len, struct is_err *err)
{
	struct is_flowspec f;

	return is_flowspec_decode(buf, len, &f, err);
}

int
decode_adspec(const void *buf, size_t len, struct is_err *err)
{
	struct is_adspec a;

	return is_adspec_decode(buf, len, &a, err);
}
