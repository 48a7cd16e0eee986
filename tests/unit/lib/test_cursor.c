#include "lib/cursor.h"
#include "suites.h"

static const uint8_t bytes[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };

START_TEST(reads_in_network_order)
{
	struct cursor c;
	uint8_t b;
	uint16_t s;
	uint32_t l;

	cur_init(&c, bytes, sizeof(bytes));
	ck_assert(cur_u8(&c, &b));
	ck_assert_uint_eq(b, 0x01);
	ck_assert(cur_u16(&c, &s));
	ck_assert_uint_eq(s, 0x0203);
	ck_assert(cur_u32(&c, &l));
	ck_assert_uint_eq(l, 0x04050607);
	ck_assert_uint_eq(cur_left(&c), 0);
}
END_TEST

START_TEST(short_reads_fail_without_moving)
{
	struct cursor c;
	uint32_t l;
	uint16_t s;
	uint8_t buf[8];

	cur_init(&c, bytes, 3);
	ck_assert(!cur_u32(&c, &l));
	ck_assert_uint_eq(c.off, 0);
	ck_assert(cur_u16(&c, &s));
	ck_assert(!cur_u16(&c, &s));
	ck_assert_uint_eq(c.off, 2);
	ck_assert(!cur_bytes(&c, buf, 2));
	ck_assert(!cur_skip(&c, 2));
	ck_assert(cur_skip(&c, 1));
	ck_assert(!cur_skip(&c, 1));
	ck_assert(cur_skip(&c, 0));
}
END_TEST

START_TEST(sub_cursor_is_bounded)
{
	struct cursor c, sub;
	uint32_t l;
	uint16_t s;

	cur_init(&c, bytes, sizeof(bytes));
	ck_assert(!cur_sub(&c, 8, &sub));
	ck_assert(cur_sub(&c, 3, &sub));
	ck_assert_uint_eq(cur_left(&c), 4);
	ck_assert(!cur_u32(&sub, &l));
	ck_assert(cur_u16(&sub, &s));
	ck_assert_uint_eq(s, 0x0102);
	ck_assert(cur_u32(&c, &l));
	ck_assert_uint_eq(l, 0x04050607);
}
END_TEST

START_TEST(peek_does_not_move)
{
	struct cursor c;
	uint16_t s;
	uint8_t b;

	cur_init(&c, bytes, sizeof(bytes));
	ck_assert(cur_peek_u16(&c, 5, &s));
	ck_assert_uint_eq(s, 0x0607);
	ck_assert(!cur_peek_u16(&c, 6, &s));
	ck_assert(!cur_peek_u16(&c, (size_t)-1, &s));
	ck_assert(cur_peek_u8(&c, 6, &b));
	ck_assert_uint_eq(b, 0x07);
	ck_assert(!cur_peek_u8(&c, 7, &b));
	ck_assert_uint_eq(c.off, 0);
}
END_TEST

Suite *
cursor_suite(void)
{
	Suite *s = suite_create("cursor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, reads_in_network_order);
	tcase_add_test(tc, short_reads_fail_without_moving);
	tcase_add_test(tc, sub_cursor_is_bounded);
	tcase_add_test(tc, peek_does_not_move);
	suite_add_tcase(s, tc);
	return s;
}
