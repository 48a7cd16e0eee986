#include <stdlib.h>

#include "testbed/traffic/flow.h"
#include "suites.h"

#define MS	1000000ull

static struct tr_flow *
new_flow(void)
{
	struct tr_flow *f = malloc(sizeof(*f));

	ck_assert_ptr_nonnull(f);
	tr_flow_init(f, 7);
	return f;
}

/* Feed 'n' sequence numbers, each 1 ms apart, 100 us in flight. */
static void
feed(struct tr_flow *f, const uint64_t *seqs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		tr_flow_add(f, seqs[i], i * MS, i * MS + 100000, 100);
}

START_TEST(in_order_and_complete)
{
	static const uint64_t seqs[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	struct tr_flow *f = new_flow();
	struct tr_flow_summary s;

	feed(f, seqs, 10);
	tr_flow_summarize(f, &s);
	ck_assert_uint_eq(s.id, 7);
	ck_assert_uint_eq(s.packets, 10);
	ck_assert_uint_eq(s.expected, 10);
	ck_assert_uint_eq(s.lost, 0);
	ck_assert_uint_eq(s.reordered, 0);
	ck_assert_uint_eq(s.duplicates, 0);
	ck_assert_double_eq(s.jitter_us, 0);
	ck_assert_double_eq_tol(s.lat_p50_us, 100, 100.0 / 64);
	ck_assert_double_eq_tol(s.duration_s, 0.009, 1e-12);
	/* 10 frames of 800 bits in 9 ms. */
	ck_assert_double_eq_tol(s.throughput_bps, 8000 / 0.009, 1e-6);
	free(f);
}
END_TEST

START_TEST(loss_counted_between_lowest_and_highest)
{
	static const uint64_t seqs[] = { 5, 6, 8, 9, 12 };
	struct tr_flow *f = new_flow();
	struct tr_flow_summary s;

	feed(f, seqs, 5);
	tr_flow_summarize(f, &s);
	ck_assert_uint_eq(s.expected, 8);	/* 5..12 */
	ck_assert_uint_eq(s.lost, 3);		/* 7, 10, 11 */
	ck_assert_double_eq_tol(s.loss_pct, 37.5, 1e-9);
	ck_assert_uint_eq(s.reordered, 0);
	free(f);
}
END_TEST

START_TEST(late_ones_are_reordered_not_lost)
{
	static const uint64_t seqs[] = { 0, 1, 3, 4, 2, 5, 7, 6, 8 };
	struct tr_flow *f = new_flow();
	struct tr_flow_summary s;

	feed(f, seqs, 9);
	tr_flow_summarize(f, &s);
	ck_assert_uint_eq(s.packets, 9);
	ck_assert_uint_eq(s.reordered, 2);	/* 2 and 6 */
	ck_assert_uint_eq(s.lost, 0);
	ck_assert_uint_eq(s.duplicates, 0);
	free(f);
}
END_TEST

START_TEST(duplicates_told_from_late_ones)
{
	static const uint64_t seqs[] = { 0, 1, 1, 3, 2, 2, 3, 0, 4 };
	struct tr_flow *f = new_flow();
	struct tr_flow_summary s;

	feed(f, seqs, 9);
	tr_flow_summarize(f, &s);
	ck_assert_uint_eq(s.packets, 9);
	ck_assert_uint_eq(s.duplicates, 4);	/* 1, 2, 3, 0 again */
	ck_assert_uint_eq(s.reordered, 1);	/* 2 */
	ck_assert_uint_eq(s.lost, 0);
	free(f);
}
END_TEST

START_TEST(window_slides)
{
	struct tr_flow *f = new_flow();
	struct tr_flow_summary s;
	uint64_t i;

	/* Every even number up to 3 windows, then the odd ones late: those
	 * still in the window are reordered; older ones count as reordered
	 * and too old (they cannot be told from duplicates). */
	for (i = 0; i < 3 * TR_FLOW_WINDOW; i += 2)
		tr_flow_add(f, i, 0, 0, 1);
	tr_flow_add(f, 3 * TR_FLOW_WINDOW - 1, 0, 0, 1);	/* new front */
	tr_flow_add(f, 3 * TR_FLOW_WINDOW - 3, 0, 0, 1);	/* in window */
	tr_flow_add(f, 3 * TR_FLOW_WINDOW - 2, 0, 0, 1);	/* duplicate */
	tr_flow_add(f, 1, 0, 0, 1);				/* too old */
	tr_flow_add(f, 0, 0, 0, 1);				/* too old */
	ck_assert_uint_eq(f->duplicates, 1);
	ck_assert_uint_eq(f->reordered, 3);
	ck_assert_uint_eq(f->too_old, 2);
	/* A jump past a whole window forgets it: no false duplicate. */
	tr_flow_add(f, 10 * TR_FLOW_WINDOW, 0, 0, 1);
	tr_flow_add(f, 10 * TR_FLOW_WINDOW - 1, 0, 0, 1);
	ck_assert_uint_eq(f->duplicates, 1);
	ck_assert_uint_eq(f->reordered, 4);
	tr_flow_summarize(f, &s);
	ck_assert_uint_eq(s.expected, 10 * TR_FLOW_WINDOW + 1);
	free(f);
}
END_TEST

START_TEST(jitter_follows_rfc3550)
{
	struct tr_flow *f = new_flow();
	struct tr_flow_summary s;
	double j = 0;
	int i;

	/* Transit alternates 100 us and 300 us: |D| is 200 us each time,
	 * J(i) = J(i-1) + (200 - J(i-1)) / 16. */
	for (i = 0; i < 50; i++) {
		tr_flow_add(f, (uint64_t)i, (uint64_t)i * MS,
		    (uint64_t)i * MS + (i % 2 ? 300000 : 100000), 100);
		if (i > 0)
			j += (200.0 - j) / 16;
	}
	tr_flow_summarize(f, &s);
	ck_assert_double_eq_tol(s.jitter_us, j, 1e-6);
	ck_assert_double_eq_tol(s.lat_min_us, 100, 1e-9);
	ck_assert_double_eq_tol(s.lat_max_us, 300, 1e-9);
	ck_assert_double_eq_tol(s.lat_mean_us, 200, 1e-9);
	free(f);
}
END_TEST

START_TEST(negative_latency_is_counted)
{
	struct tr_flow *f = new_flow();

	tr_flow_add(f, 0, 5000, 1000, 100);	/* received "before" sent */
	ck_assert_uint_eq(f->negative, 1);
	ck_assert_uint_eq(f->latency.max, 0);
	free(f);
}
END_TEST

START_TEST(flows_found_by_id)
{
	struct tr_flows *fs = malloc(sizeof(*fs));
	struct tr_flow *a, *b;
	uint32_t i;

	ck_assert_ptr_nonnull(fs);
	tr_flows_init(fs);
	a = tr_flows_get(fs, 1);
	b = tr_flows_get(fs, 2);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_ne(a, b);
	ck_assert_ptr_eq(tr_flows_get(fs, 1), a);
	ck_assert_uint_eq(fs->n, 2);
	for (i = 3; i <= TR_FLOWS_MAX; i++)
		ck_assert_ptr_nonnull(tr_flows_get(fs, i * 7919));
	ck_assert_ptr_null(tr_flows_get(fs, 5));	/* full */
	ck_assert_uint_eq(fs->refused, 1);
	ck_assert_ptr_eq(tr_flows_get(fs, 2), b);
	ck_assert_ptr_eq(fs->list[0], a);
	tr_flows_dispose(fs);
	ck_assert_uint_eq(fs->n, 0);
	free(fs);
}
END_TEST

Suite *
flow_suite(void)
{
	Suite *s = suite_create("flow");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, in_order_and_complete);
	tcase_add_test(tc, loss_counted_between_lowest_and_highest);
	tcase_add_test(tc, late_ones_are_reordered_not_lost);
	tcase_add_test(tc, duplicates_told_from_late_ones);
	tcase_add_test(tc, window_slides);
	tcase_add_test(tc, jitter_follows_rfc3550);
	tcase_add_test(tc, negative_latency_is_counted);
	tcase_add_test(tc, flows_found_by_id);
	suite_add_tcase(s, tc);
	return s;
}
