/* host/api_timer.c: the deadline heap. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <stdlib.h>

#include "fake.h"
#include "suites.h"
#include "host/api_local.h"

#define NT	1000

static uint64_t fired_when[NT];
static size_t nfired;
static struct api_timer timers[NT];

static void
record_fire(struct api_timer *t)
{
	fired_when[nfired++] = t->when;
	ck_assert_uint_eq(t->slot, API_TIMER_IDLE);
}

START_TEST(timers_fire_in_order_once)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, "10.0.0.1");
	unsigned seed = 7;
	size_t i, stopped = 0;

	nfired = 0;
	for (i = 0; i < NT; i++) {
		timers[i].slot = API_TIMER_IDLE;
		timers[i].fire = record_fire;
		ck_assert_int_eq(api_timer_set(h, &timers[i],
		    (uint64_t)(rand_r(&seed) % 5000)), 0);
	}
	/* Move some, stop some: the heap must stay a heap. */
	for (i = 0; i < NT; i += 3)
		ck_assert_int_eq(api_timer_set(h, &timers[i],
		    (uint64_t)(rand_r(&seed) % 5000)), 0);
	for (i = 1; i < NT; i += 5) {
		api_timer_stop(h, &timers[i]);
		api_timer_stop(h, &timers[i]);	/* twice: a no-op */
		stopped++;
	}
	ck_assert_uint_eq(api_timer_next(h) <= 5000, 1);
	for (i = 0; i <= 5000; i += 250)
		api_timer_run(h, i);
	ck_assert_uint_eq(nfired, NT - stopped);
	for (i = 1; i < nfired; i++)
		ck_assert_uint_le(fired_when[i - 1], fired_when[i]);
	ck_assert_uint_eq(api_timer_next(h), UINT64_MAX);
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(timers_not_due_wait)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, "10.0.0.1");

	nfired = 0;
	timers[0].slot = API_TIMER_IDLE;
	timers[0].fire = record_fire;
	api_timer_set(h, &timers[0], 100);
	api_timer_run(h, 99);
	ck_assert_uint_eq(nfired, 0);
	ck_assert_uint_eq(api_timer_next(h), 100);
	api_timer_run(h, 100);
	ck_assert_uint_eq(nfired, 1);
	rsvp_host_destroy(h);
}
END_TEST

Suite *
api_timer_suite(void)
{
	Suite *s = suite_create("api_timer");
	TCase *tc = tcase_create("heap");

	tcase_add_test(tc, timers_fire_in_order_once);
	tcase_add_test(tc, timers_not_due_wait);
	suite_add_tcase(s, tc);
	return s;
}
