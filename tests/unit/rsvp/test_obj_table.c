/* rsvp/obj_table.c: the (Class-Num, C-Type) lookup. */
#include <check.h>

#include "rsvp/rsvp_local.h"
#include "suites.h"

/* Every pair the codec decodes: RFC 2205 Appendix A, RFC 3209, RFC 2747. */
static const struct {
	uint8_t	class_num;
	uint8_t	c_type;
} known[] = {
	{ 1, 1 }, { 1, 7 }, { 3, 1 }, { 4, 1 }, { 5, 1 }, { 6, 1 }, { 7, 1 },
	{ 8, 1 }, { 9, 2 }, { 10, 1 }, { 10, 7 }, { 11, 1 }, { 11, 7 },
	{ 12, 2 }, { 13, 2 }, { 14, 1 }, { 15, 1 }, { 16, 1 }, { 19, 1 },
	{ 20, 1 }, { 21, 1 }, { 22, 1 }, { 22, 2 }, { 207, 1 }, { 207, 7 },
};

START_TEST(every_known_pair_is_found)
{
	const struct rsvp_obj_codec *c;
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		c = rsvp_codec_find(known[i].class_num, known[i].c_type);
		ck_assert_ptr_nonnull(c);
		ck_assert_uint_eq(c->class_num, known[i].class_num);
		ck_assert_uint_eq(c->c_type, known[i].c_type);
		ck_assert(rsvp_class_known(known[i].class_num));
	}
}
END_TEST

START_TEST(nothing_else_is_found)
{
	const struct rsvp_obj_codec *c;
	unsigned cl, ct, found = 0, classes = 0;

	for (cl = 0; cl < 256; cl++) {
		classes += rsvp_class_known((uint8_t)cl);
		for (ct = 0; ct < 256; ct++) {
			c = rsvp_codec_find((uint8_t)cl, (uint8_t)ct);
			if (c == NULL)
				continue;
			ck_assert_uint_eq(c->class_num, cl);
			ck_assert_uint_eq(c->c_type, ct);
			found++;
		}
	}
	ck_assert_uint_eq(found, sizeof(known) / sizeof(known[0]));
	ck_assert_uint_eq(classes, 20);
}
END_TEST

Suite *
obj_table_suite(void)
{
	Suite *s = suite_create("rsvp_obj_table");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, every_known_pair_is_found);
	tcase_add_test(tc, nothing_else_is_found);
	suite_add_tcase(s, tc);
	return s;
}
