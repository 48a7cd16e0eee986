/* The deadline heap. */
#include <stdlib.h>

#include "dom0/engine_local.h"
#include "fake.h"
#include "suites.h"

#define NT	200

static unsigned fired;
static uint64_t last_due;

static void
record(struct engine *e, struct etimer *t)
{
	(void)e;
	ck_assert_uint_ge(t->due, last_due);
	last_due = t->due;
	fired++;
}

START_TEST(fires_in_order_and_stops)
{
	struct etimer *t = calloc(NT, sizeof(*t));
	unsigned i;

	fired = 0;
	last_due = 0;
	for (i = 0; i < NT; i++) {
		etimer_init(&t[i], record);
		ck_assert(!etimer_armed(&t[i]));
		ck_assert_int_eq(etimer_arm(F.e, &t[i],
		    F.now + (i * 7919u) % 1000), 0);
	}
	/* Re-arm some later, stop some. */
	for (i = 0; i < NT; i += 10)
		ck_assert_int_eq(etimer_arm(F.e, &t[i], F.now + 5000), 0);
	for (i = 5; i < NT; i += 10)
		etimer_stop(F.e, &t[i]);
	etimer_stop(F.e, &t[5]);	/* twice: a no-op */
	ck_assert_uint_ge(engine_next_deadline(F.e), F.now);
	ck_assert_uint_lt(engine_next_deadline(F.e), F.now + 1000);
	fake_advance(999);
	ck_assert_uint_eq(fired, NT - NT / 10 - NT / 10);
	fake_advance(5000);
	ck_assert_uint_eq(fired, NT - NT / 10);
	ck_assert_uint_eq(engine_next_deadline(F.e), UINT64_MAX);
	free(t);
}
END_TEST

START_TEST(jitter_within_half_to_one_and_a_half)
{
	unsigned i;
	uint32_t lo = UINT32_MAX, hi = 0;

	for (i = 0; i < 10000; i++) {
		uint32_t j = engine_jitter(F.e, 30000);

		ck_assert_uint_ge(j, 15000);
		ck_assert_uint_lt(j, 45000);
		lo = j < lo ? j : lo;
		hi = j > hi ? j : hi;
	}
	ck_assert_uint_lt(lo, 16000);
	ck_assert_uint_gt(hi, 44000);
}
END_TEST

START_TEST(lifetime_from_k_and_r)
{
	/* (K + 0.5) * 1.5 * R = 3.5 * 1.5 * 30 s = 157.5 s */
	ck_assert_uint_eq(engine_lifetime(F.e, 30000), 157500);
	/* The neighbour's R counts, not ours. */
	ck_assert_uint_eq(engine_lifetime(F.e, 10000), 52500);
}
END_TEST

Suite *
engine_timer_suite(void)
{
	Suite *s = suite_create("engine_timer");
	TCase *tc = tcase_create("heap");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, fires_in_order_and_stops);
	tcase_add_test(tc, jitter_within_half_to_one_and_a_half);
	tcase_add_test(tc, lifetime_from_k_and_r);
	suite_add_tcase(s, tc);
	return s;
}
