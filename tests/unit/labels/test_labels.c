#include <errno.h>

#include "dom0/labels.h"
#include "suites.h"

static struct labels *
mk(uint32_t min, uint32_t max, enum labels_order order, uint32_t hold)
{
	struct labels_params p = {
		.min = min, .max = max, .order = order, .holddown_ms = hold,
	};
	struct labels *l = NULL;

	ck_assert_int_eq(labels_create(&p, &l), 0);
	return l;
}

START_TEST(refuses_reserved_and_bad_ranges)
{
	struct labels_params p = { .min = 15, .max = 100 };
	struct labels *l = NULL;

	ck_assert_int_eq(labels_create(&p, &l), -EINVAL);
	p.min = 0;
	ck_assert_int_eq(labels_create(&p, &l), -EINVAL);
	p.min = 16;
	p.max = LABELS_MAX + 1;
	ck_assert_int_eq(labels_create(&p, &l), -EINVAL);
	p.min = 200;
	p.max = 100;
	ck_assert_int_eq(labels_create(&p, &l), -EINVAL);
	p.min = 16;
	p.max = 16;
	p.order = 7;
	ck_assert_int_eq(labels_create(&p, &l), -EINVAL);
	ck_assert_ptr_null(l);
}
END_TEST

START_TEST(ascending_hands_out_lowest_first)
{
	struct labels *l = mk(16, 20, LABELS_ASCENDING, 0);
	uint32_t v;

	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, 16);
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, 17);
	ck_assert_int_eq(labels_free(l, 16, 0), 0);
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, 16);
	labels_destroy(l);
}
END_TEST

START_TEST(descending_hands_out_highest_first)
{
	struct labels *l = mk(1000, 1200, LABELS_DESCENDING, 0);
	uint32_t v;

	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, 1200);
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, 1199);
	ck_assert_str_eq(labels_order_name(LABELS_DESCENDING), "descending");
	ck_assert_str_eq(labels_order_name(LABELS_ASCENDING), "ascending");
	labels_destroy(l);
}
END_TEST

START_TEST(exhaustion_and_every_label_once)
{
	struct labels *l = mk(16, 16 + 4999, LABELS_ASCENDING, 0);
	static uint8_t seen[5000];
	uint32_t v;
	int i;

	for (i = 0; i < 5000; i++) {
		ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
		ck_assert(v >= 16 && v < 16 + 5000);
		ck_assert_uint_eq(seen[v - 16], 0);
		seen[v - 16] = 1;
	}
	ck_assert_int_eq(labels_alloc(l, 0, &v), -ENOSPC);
	ck_assert_uint_eq(labels_used(l), 5000);
	labels_destroy(l);
}
END_TEST

START_TEST(holddown_delays_reuse_in_fifo_order)
{
	struct labels *l = mk(16, 18, LABELS_ASCENDING, 1000);
	uint32_t v;

	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);	/* 16 */
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);	/* 17 */
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);	/* 18 */
	ck_assert_int_eq(labels_free(l, 17, 100), 0);
	ck_assert_int_eq(labels_free(l, 16, 200), 0);
	ck_assert_int_eq(labels_state(l, 17, 100), LABEL_HELD);
	ck_assert_uint_eq(labels_held(l, 100), 2);
	ck_assert_int_eq(labels_alloc(l, 1099, &v), -ENOSPC);
	/* 17 comes back at 1100, 16 only at 1200. */
	ck_assert_int_eq(labels_alloc(l, 1100, &v), 0);
	ck_assert_uint_eq(v, 17);
	ck_assert_int_eq(labels_alloc(l, 1199, &v), -ENOSPC);
	ck_assert_int_eq(labels_alloc(l, 1200, &v), 0);
	ck_assert_uint_eq(v, 16);
	ck_assert_uint_eq(labels_held(l, 1200), 0);
	labels_destroy(l);
}
END_TEST

START_TEST(ring_wraps_around)
{
	struct labels *l = mk(16, 19, LABELS_DESCENDING, 10);
	uint32_t v, t;
	int i;

	for (t = 0; t < 100; t += 20) {
		for (i = 0; i < 4; i++)
			ck_assert_int_eq(labels_alloc(l, t, &v), 0);
		for (i = 16; i < 20; i++)
			ck_assert_int_eq(labels_free(l, (uint32_t)i, t), 0);
		ck_assert_uint_eq(labels_held(l, t), 4);
	}
	ck_assert_uint_eq(labels_held(l, 1000), 0);
	labels_destroy(l);
}
END_TEST

START_TEST(free_refuses_what_is_not_in_use)
{
	struct labels *l = mk(16, 100, LABELS_ASCENDING, 50);
	uint32_t v;

	ck_assert_int_eq(labels_free(l, 20, 0), -EINVAL);
	ck_assert_int_eq(labels_free(l, 3, 0), -EINVAL);
	ck_assert_int_eq(labels_free(l, 101, 0), -EINVAL);
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_int_eq(labels_free(l, v, 0), 0);
	ck_assert_int_eq(labels_free(l, v, 0), -EINVAL);	/* held */
	labels_destroy(l);
}
END_TEST

START_TEST(reserve_readopts_a_given_label)
{
	struct labels *l = mk(16, 100, LABELS_ASCENDING, 50);
	uint32_t v;

	ck_assert_int_eq(labels_reserve(l, 16), 0);
	ck_assert_int_eq(labels_reserve(l, 16), -EBUSY);
	ck_assert_int_eq(labels_reserve(l, 15), -ERANGE);
	ck_assert_int_eq(labels_reserve(l, 101), -ERANGE);
	ck_assert_int_eq(labels_state(l, 16, 0), LABEL_USED);
	ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, 17);
	ck_assert_int_eq(labels_free(l, 17, 0), 0);
	ck_assert_int_eq(labels_reserve(l, 17), -EBUSY);	/* held */
	ck_assert_uint_eq(labels_used(l), 1);
	labels_destroy(l);
}
END_TEST

struct walk_acc {
	uint32_t labels[8];
	int n;
	int stop_after;
};

static int
collect(uint32_t label, void *arg)
{
	struct walk_acc *a = arg;

	a->labels[a->n++] = label;
	return a->n == a->stop_after ? 42 : 0;
}

START_TEST(walk_lists_used_labels_lowest_first)
{
	struct labels *l = mk(16, 100, LABELS_DESCENDING, 0);
	struct walk_acc a = { .stop_after = 0 };

	ck_assert_int_eq(labels_reserve(l, 50), 0);
	ck_assert_int_eq(labels_reserve(l, 20), 0);
	ck_assert_int_eq(labels_reserve(l, 99), 0);
	ck_assert_int_eq(labels_walk(l, collect, &a), 0);
	ck_assert_int_eq(a.n, 3);
	ck_assert_uint_eq(a.labels[0], 20);
	ck_assert_uint_eq(a.labels[1], 50);
	ck_assert_uint_eq(a.labels[2], 99);
	a.n = 0;
	a.stop_after = 2;
	ck_assert_int_eq(labels_walk(l, collect, &a), 42);
	ck_assert_int_eq(a.n, 2);
	ck_assert_uint_eq(labels_params(l)->max, 100);
	labels_destroy(l);
}
END_TEST

START_TEST(full_label_space_stays_fast)
{
	struct labels *l = mk(LABELS_MIN, LABELS_MAX, LABELS_ASCENDING, 0);
	uint32_t v;
	int i;

	/* 100,000 in use, then churn near the top of the used block. */
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	ck_assert_uint_eq(v, LABELS_MIN + 99999);
	for (i = 0; i < 100000; i++) {
		ck_assert_int_eq(labels_free(l, v, 0), 0);
		ck_assert_int_eq(labels_alloc(l, 0, &v), 0);
	}
	ck_assert_uint_eq(v, LABELS_MIN + 99999);
	ck_assert_uint_eq(labels_used(l), 100000);
	ck_assert_int_eq(labels_state(l, LABELS_MAX, 0), LABEL_FREE);
	labels_destroy(l);
}
END_TEST

Suite *
labels_suite(void)
{
	Suite *s = suite_create("labels");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, refuses_reserved_and_bad_ranges);
	tcase_add_test(tc, ascending_hands_out_lowest_first);
	tcase_add_test(tc, descending_hands_out_highest_first);
	tcase_add_test(tc, exhaustion_and_every_label_once);
	tcase_add_test(tc, holddown_delays_reuse_in_fifo_order);
	tcase_add_test(tc, ring_wraps_around);
	tcase_add_test(tc, free_refuses_what_is_not_in_use);
	tcase_add_test(tc, reserve_readopts_a_given_label);
	tcase_add_test(tc, walk_lists_used_labels_lowest_first);
	tcase_add_test(tc, full_label_space_stays_fast);
	suite_add_tcase(s, tc);
	return s;
}
