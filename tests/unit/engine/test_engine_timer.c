/* The deadline heap. */
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

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

static uint64_t
real_now(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* With an event_base the engine's own libevent timer sends refreshes. */
START_TEST(libevent_timer_drives_refresh)
{
	struct event_base *base = event_base_new();
	struct timeval tv = { 0, 300000 };
	struct engine_env env;
	struct path_spec ps;

	ck_assert_ptr_nonnull(base);
	engine_destroy(F.e);
	fake_env(&env);
	env.now_ms = real_now;
	env.base = base;
	env.refresh_ms = 50;
	ck_assert_int_eq(engine_create(&env, &F.e), 0);
	path_spec_default(&ps);
	send_path(&ps);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 1);
	/* 300 ms at R = 50 ms (0.5-1.5 R): at least 4 refreshes. */
	event_base_loopexit(base, &tv);
	event_base_dispatch(base);
	ck_assert_uint_ge(fake_count(RSVP_MSG_PATH), 5);
	engine_destroy(F.e);
	F.e = NULL;
	event_base_free(base);
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
	tcase_add_test(tc, libevent_timer_drives_refresh);
	suite_add_tcase(s, tc);
	return s;
}
