/*
 * dom0/pool_fsm.c: the names, and events the table has no row for.
 */
#include <string.h>

#include <event2/event.h>

#include "dom0/pool_local.h"
#include "lib/log.h"
#include "fake.h"
#include "suites.h"

START_TEST(names)
{
	ck_assert_str_eq(pool_state_name(POOL_RL_CREATING), "creating");
	ck_assert_str_eq(pool_state_name(POOL_RL_IDLE), "idle");
	ck_assert_str_eq(pool_state_name(POOL_RL_ASSIGNED), "assigned");
	ck_assert_str_eq(pool_state_name(POOL_RL_DRAINING), "draining");
	ck_assert_str_eq(pool_state_name(POOL_RL_DEAD), "dead");
	ck_assert_str_eq(pool_state_name(POOL_RL_NSTATES + 1), "?");
	ck_assert_str_eq(pool_event_name(POOL_EV_CREATED), "created");
	ck_assert_str_eq(pool_event_name(POOL_EV_DESTROYED), "destroyed");
	ck_assert_str_eq(pool_event_name(POOL_EV_NEVENTS), "?");
}
END_TEST

static bool
one_idle(void *arg)
{
	struct pool *pool = arg;
	struct pool_counters c;

	pool_counters(pool, &c);
	return c.in_state[POOL_RL_IDLE] == 1 &&
	    c.in_state[POOL_RL_CREATING] == 0;
}

START_TEST(unexpected_events_ignored)
{
	struct pool_conf conf = { .min_idle = 1, .max_idle = 1,
	    .max_total = 1 };
	struct event_base *base;
	struct pool *pool;
	struct pool_rl *rl;
	struct fake f;

	log_init("test_pool_fsm", LOG_LVL_WARN, false);
	fake_init(&f);
	ck_assert_ptr_nonnull(base = event_base_new());
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, false,
	    &pool), 0);
	ck_assert(fake_run(base, one_idle, pool, 2000));
	rl = TAILQ_FIRST(&pool->rls);
	/* An idle routelet cannot be released, created or destroyed. */
	pool_fsm(rl, POOL_EV_RELEASE);
	pool_fsm(rl, POOL_EV_CREATED);
	pool_fsm(rl, POOL_EV_DESTROYED);
	ck_assert_int_eq(rl->state, POOL_RL_IDLE);
	pool_release(pool, rl);
	ck_assert_int_eq(rl->state, POOL_RL_IDLE);
	ck_assert_uint_eq(f.calls[FAKE_CONFIGURE], 0);
	ck_assert_uint_eq(f.calls[FAKE_DESTROY], 0);
	pool_free(pool, false);
	ck_assert_uint_eq(fake_live(&f), 0);
	fake_fini(&f);
	event_base_free(base);
}
END_TEST

Suite *
pool_fsm_suite(void)
{
	Suite *s = suite_create("pool_fsm");
	TCase *tc = tcase_create("pool_fsm");

	tcase_add_test(tc, names);
	tcase_add_test(tc, unexpected_events_ignored);
	suite_add_tcase(s, tc);
	return s;
}
