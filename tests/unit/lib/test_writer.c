#include <string.h>

#include "lib/writer.h"
#include "suites.h"

START_TEST(writes_in_network_order)
{
	uint8_t buf[16];
	struct writer w;
	static const uint8_t want[] = { 0xAA, 0x01, 0x02, 0x03, 0x04, 0x05,
	    0x06, 0x00, 0x00, 0x10 };

	w_init(&w, buf, sizeof(buf));
	ck_assert(w_u8(&w, 0xAA));
	ck_assert(w_u16(&w, 0x0102));
	ck_assert(w_u32(&w, 0x03040506));
	ck_assert(w_zero(&w, 2));
	ck_assert(w_u8(&w, 0x10));
	ck_assert(w_ok(&w));
	ck_assert_uint_eq(w.len, sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
}
END_TEST

START_TEST(overflow_is_sticky)
{
	uint8_t buf[4];
	struct writer w;

	w_init(&w, buf, sizeof(buf));
	ck_assert(w_u16(&w, 1));
	ck_assert(!w_u32(&w, 2));
	ck_assert(!w_ok(&w));
	ck_assert_uint_eq(w.len, 2);
	/* Would fit, but the writer already failed. */
	ck_assert(!w_u8(&w, 3));
	ck_assert_uint_eq(w.len, 2);
}
END_TEST

START_TEST(patch_only_written_bytes)
{
	uint8_t buf[8];
	struct writer w;

	w_init(&w, buf, sizeof(buf));
	ck_assert(w_u32(&w, 0));
	ck_assert(w_patch_u16(&w, 2, 0xBEEF));
	ck_assert_uint_eq(buf[2], 0xBE);
	ck_assert_uint_eq(buf[3], 0xEF);
	ck_assert(!w_patch_u16(&w, 3, 1));
	ck_assert(!w_patch_u16(&w, 9, 1));
}
END_TEST

START_TEST(zero_capacity)
{
	struct writer w;

	w_init(&w, NULL, 0);
	ck_assert(w_bytes(&w, "", 0));
	ck_assert(!w_u8(&w, 1));
}
END_TEST

Suite *
writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, writes_in_network_order);
	tcase_add_test(tc, overflow_is_sticky);
	tcase_add_test(tc, patch_only_written_bytes);
	tcase_add_test(tc, zero_capacity);
	suite_add_tcase(s, tc);
	return s;
}
