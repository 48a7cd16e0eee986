/*
 * dom0/pool.c adoption with owners (conf.hold_adopted, pool_claim,
 * pool_claim_done) over the pool's recording fake backend.
 */
#include <errno.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/pool.h"
#include "lib/log.h"
#include "../pool/fake.h"
#include "suites.h"

#define CFG	"in_label 100\nout_label 200\n"

static struct fake f;
static struct event_base *base;
static struct pool *pool;
static unsigned dead_calls;

static const struct pool_caps flow_caps = {
	.cpu_quota_us = 20000, .cpu_period_us = 100000,
	.mem_bytes = 32 << 20,
};

static void
on_dead(void *owner, struct pool_rl *rl)
{
	(void)rl;
	ck_assert_ptr_eq(owner, &f);
	dead_calls++;
}

static struct pool_conf
conf_hold(unsigned min_idle, unsigned max_idle, unsigned max_total)
{
	struct pool_conf c = {
		.min_idle = min_idle, .max_idle = max_idle,
		.max_total = max_total, .retry_ms = 50,
		.idle_caps = { .cpu_quota_us = 1000, .cpu_period_us = 100000,
		    .mem_bytes = 16 << 20 },
		.hold_adopted = true,
	};
	return c;
}

static unsigned
in_state(enum pool_rl_state s)
{
	struct pool_counters c;

	pool_counters(pool, &c);
	return c.in_state[s];
}

/* Nothing is being created or destroyed. */
static bool
settled(void *arg)
{
	(void)arg;
	return in_state(POOL_RL_CREATING) == 0 &&
	    in_state(POOL_RL_DRAINING) == 0 && in_state(POOL_RL_DEAD) == 0;
}

static void
setup(void)
{
	log_init("test_flowops", LOG_LVL_WARN, false);
	fake_init(&f);
	ck_assert_ptr_nonnull(base = event_base_new());
	pool = NULL;
	dead_calls = 0;
}

static void
teardown(void)
{
	pool_free(pool, false);
	ck_assert_uint_eq(fake_live(&f), 0);
	ck_assert_uint_eq(f.on_loop, 0);
	ck_assert_uint_eq(f.off_loop, 0);
	fake_fini(&f);
	event_base_free(base);
}

/* Two routelets left running are held, not reset; one is claimed. */
START_TEST(held_then_claimed)
{
	struct pool_conf conf = conf_hold(1, 2, 4);
	struct pool_counters c;
	struct pool_rl_info info;
	struct pool_rl *rl;

	fake_seed(&f, 3);
	fake_seed(&f, 4);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_ADOPTED), 2);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);	/* a new one */
	/* Neither config nor caps were touched. */
	ck_assert_str_eq(f.rl[3]->config, "stale");
	ck_assert_uint_eq(f.rl[3]->caps.mem_bytes, 0);
	ck_assert_ptr_nonnull(f.rl[3]->dead);	/* but watched */

	ck_assert_int_eq(pool_claim(pool, 3, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	ck_assert_ptr_nonnull(rl);
	ck_assert_str_eq(f.rl[3]->config, "stale");	/* not re-sent */
	ck_assert_uint_eq(f.rl[3]->caps.mem_bytes, flow_caps.mem_bytes);
	pool_rl_info(rl, &info);
	ck_assert_uint_eq(info.id, 3);
	ck_assert_int_eq(info.state, POOL_RL_ASSIGNED);
	ck_assert(info.has_owner);
	ck_assert_str_eq(info.ifname, "rl3");
	ck_assert_uint_eq(info.caps.cpu_quota_us, flow_caps.cpu_quota_us);

	/* Claimed twice, or a routelet that is not there: -ENOENT. */
	ck_assert_int_eq(pool_claim(pool, 3, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), -ENOENT);
	ck_assert_ptr_null(rl);
	ck_assert_int_eq(pool_claim(pool, 9, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), -ENOENT);
	ck_assert_int_eq(pool_claim(pool, 4, &flow_caps, CFG, 0, on_dead, &f,
	    &rl), -EINVAL);

	/* The one nobody claimed is reset and made idle. */
	pool_claim_done(pool);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_ADOPTED), 0);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 1);
	ck_assert_uint_eq(f.rl[4]->len, 0);
	ck_assert_uint_eq(f.rl[4]->caps.mem_bytes, conf.idle_caps.mem_bytes);
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.adopted, 2);
	ck_assert_uint_eq(c.claimed, 1);
	ck_assert_uint_eq(c.assigned, 0);
	ck_assert_str_eq(pool_state_name(POOL_RL_ADOPTED), "adopted");
}
END_TEST

/* A claimed routelet dies like an assigned one; pool_replace uses the
 * claimed config. */
START_TEST(claimed_dies_and_is_replaced)
{
	struct pool_conf conf = conf_hold(1, 2, 4);
	struct pool_rl *rl, *repl;

	fake_seed(&f, 0);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_int_eq(pool_claim(pool, 0, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	pool_claim_done(pool);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert(fake_kill(&f, 0));
	ck_assert_uint_eq(dead_calls, 1);
	ck_assert_int_eq(pool_replace(pool, rl, &repl), 0);
	ck_assert_uint_ne(pool_rl_find(pool, 1) == repl ? 1 : 0, 0);
	ck_assert_str_eq(f.rl[1]->config, CFG);
	ck_assert_uint_eq(f.rl[1]->caps.mem_bytes, flow_caps.mem_bytes);
	pool_release(pool, rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_ptr_null(pool_rl_find(pool, 0));
}
END_TEST

/* One that dies while held is destroyed and cannot be claimed. */
START_TEST(held_dies)
{
	struct pool_conf conf = conf_hold(0, 1, 4);
	struct pool_rl *rl;

	fake_seed(&f, 2);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert(fake_kill(&f, 2));
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_ptr_null(pool_rl_find(pool, 2));
	ck_assert(!fake_has(&f, 2));
	ck_assert_int_eq(pool_claim(pool, 2, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), -ENOENT);
	ck_assert_uint_eq(dead_calls, 0);
}
END_TEST

/* A claim whose caps fail destroys the routelet; nothing half-claimed. */
START_TEST(claim_caps_fail)
{
	struct pool_conf conf = conf_hold(0, 1, 4);
	struct pool_rl *rl;
	struct pool_counters c;

	fake_seed(&f, 1);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	f.fail[FAKE_SET_CAPS] = 1;
	ck_assert_int_eq(pool_claim(pool, 1, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), -EIO);
	ck_assert_ptr_null(rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(fake_live(&f), 0);
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.claimed, 0);
}
END_TEST

/* pool_free keeps held ones with 'keep' and destroys them without. */
START_TEST(free_with_held)
{
	struct pool_conf conf = conf_hold(0, 1, 4);

	fake_seed(&f, 0);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_free(pool, true);
	pool = NULL;
	ck_assert_uint_eq(fake_live(&f), 1);
	ck_assert_str_eq(f.rl[0]->config, "stale");
	ck_assert_ptr_null(f.rl[0]->dead);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_ADOPTED), 1);
	/* teardown: pool_free(pool, false) destroys the held one. */
}
END_TEST

Suite *
pool_claim_suite(void)
{
	Suite *s = suite_create("pool_claim");
	TCase *tc = tcase_create("pool_claim");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, held_then_claimed);
	tcase_add_test(tc, claimed_dies_and_is_replaced);
	tcase_add_test(tc, held_dies);
	tcase_add_test(tc, claim_caps_fail);
	tcase_add_test(tc, free_with_held);
	suite_add_tcase(s, tc);
	return s;
}
