/*
 * dom0/pool.c: sizing, the worker, assign/replace/release, death,
 * adoption, resize and failures at every step, over the fake backend.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "dom0/pool.h"
#include "lib/log.h"
#include "fake.h"
#include "suites.h"

#define CFG	"in_label 100\nout_label 200\n"

static struct fake f;
static struct event_base *base;
static struct pool *pool;
static unsigned ready_calls;
static unsigned dead_calls;
static struct pool_rl *dead_rl;

static const struct pool_caps flow_caps = {
	.cpu_quota_us = 20000, .cpu_period_us = 100000,
	.mem_bytes = 32 << 20, .cpuset = "1",
};

static void
on_ready(void *arg)
{
	(void)arg;
	ready_calls++;
}

static void
on_dead(void *owner, struct pool_rl *rl)
{
	ck_assert_ptr_eq(owner, &f);
	dead_calls++;
	dead_rl = rl;
}

/* An owner that re-homes and lets go from inside the callback. */
static void
on_dead_rehome(void *owner, struct pool_rl *rl)
{
	struct pool_rl *repl;

	ck_assert_ptr_eq(owner, &f);
	dead_calls++;
	ck_assert_int_eq(pool_replace(pool, rl, &repl), 0);
	dead_rl = repl;
	pool_release(pool, rl);
}

static struct pool_conf
conf_of(unsigned min_idle, unsigned max_idle, unsigned max_total)
{
	struct pool_conf c = {
		.min_idle = min_idle, .max_idle = max_idle,
		.max_total = max_total, .retry_ms = 50,
		.idle_caps = { .cpu_quota_us = 1000, .cpu_period_us = 100000,
		    .mem_bytes = 16 << 20 },
		.ready = on_ready,
	};
	return c;
}

static void
setup(void)
{
	log_init("test_pool", LOG_LVL_WARN, false);
	fake_init(&f);
	ck_assert_ptr_nonnull(base = event_base_new());
	ready_calls = dead_calls = 0;
	dead_rl = NULL;
	pool = NULL;
}

static void
teardown(void)
{
	pool_free(pool, false);
	/* Nothing is left behind and nothing slow ran on the loop. */
	ck_assert_uint_eq(fake_live(&f), 0);
	ck_assert_uint_eq(f.on_loop, 0);
	ck_assert_uint_eq(f.off_loop, 0);
	fake_fini(&f);
	event_base_free(base);
}

static unsigned
in_state(enum pool_rl_state s)
{
	struct pool_counters c;

	pool_counters(pool, &c);
	return c.in_state[s];
}

/* Nothing creating or being destroyed. */
static bool
settled(void *arg)
{
	(void)arg;
	return in_state(POOL_RL_CREATING) == 0 &&
	    in_state(POOL_RL_DRAINING) == 0 &&
	    in_state(POOL_RL_DEAD) == 0;
}

static void
start(unsigned min_idle, unsigned max_idle, unsigned max_total)
{
	struct pool_conf c = conf_of(min_idle, max_idle, max_total);

	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &c, false, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
}

/* The pool's routelets all exist in the fake and no other does. */
static void
consistent(void)
{
	struct pool_counters c;

	pool_counters(pool, &c);
	ck_assert_uint_eq(fake_live(&f),
	    c.in_state[POOL_RL_IDLE] + c.in_state[POOL_RL_ASSIGNED]);
}

START_TEST(fills_min_idle_in_worker)
{
	struct pool_counters c;
	struct pool_rl *rl;

	start(2, 3, 4);
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 2);
	ck_assert_uint_eq(c.created, 2);
	ck_assert_uint_eq(f.calls[FAKE_CREATE], 2);
	/* Told when routelets became idle, not more often than that. */
	ck_assert_uint_ge(ready_calls, 1);
	ck_assert_uint_le(ready_calls, 2);
	/* Idle ones carry the idle caps. */
	ck_assert_uint_eq(f.rl[0]->caps.cpu_quota_us, 1000);
	ck_assert_uint_eq(f.rl[1]->caps.mem_bytes, 16 << 20);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	consistent();
}
END_TEST

/* pool_walk(): record ids and states. */
struct seen {
	unsigned		n;
	struct pool_rl_info	info[8];
};

static void
collect(void *arg, const struct pool_rl_info *info)
{
	struct seen *s = arg;

	ck_assert_uint_lt(s->n, 8);
	s->info[s->n++] = *info;
}

START_TEST(assign_release_walk)
{
	struct pool_counters c;
	struct pool_rl_info info;
	struct pool_rl *rl;
	struct seen s = { 0 };

	start(1, 2, 4);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	pool_rl_info(rl, &info);
	ck_assert_uint_eq(info.id, 0);
	ck_assert_int_eq(info.state, POOL_RL_ASSIGNED);
	ck_assert_str_eq(info.ifname, "rl0");
	ck_assert_uint_eq(info.ifindex, 100);
	ck_assert(info.has_owner);
	ck_assert_str_eq(info.caps.cpuset, "1");
	ck_assert_str_eq(f.rl[0]->config, CFG);
	ck_assert_uint_eq(f.rl[0]->caps.cpu_quota_us, 20000);
	/* min_idle 1: a new one is made to replace the assigned one. */
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_walk(pool, collect, &s);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_uint_eq(s.info[0].id, 0);
	ck_assert_int_eq(s.info[0].state, POOL_RL_ASSIGNED);
	ck_assert_uint_eq(s.info[1].id, 1);
	ck_assert_int_eq(s.info[1].state, POOL_RL_IDLE);
	ck_assert(!s.info[1].has_owner);

	pool_release(pool, rl);
	ck_assert_uint_eq(f.rl[0]->len, 0);
	ck_assert_uint_eq(f.rl[0]->caps.cpu_quota_us, 1000);
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 2);
	ck_assert_uint_eq(c.assigned, 1);
	ck_assert_uint_eq(c.released, 1);
	consistent();
}
END_TEST

START_TEST(assign_refusals)
{
	struct pool_rl *a, *b, *x;

	start(2, 2, 2);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, 0, on_dead, &f,
	    &x), -EINVAL);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &a), 0);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &b), 0);
	/* max_total reached: nothing idle and nothing created. */
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &x), -EAGAIN);
	ck_assert_ptr_null(x);
	ck_assert(fake_run(base, settled, NULL, 100));
	ck_assert_uint_eq(f.calls[FAKE_CREATE], 2);
	pool_release(pool, a);
	pool_release(pool, b);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 2);
}
END_TEST

START_TEST(release_above_max_idle_destroys)
{
	struct pool_rl *rl;

	start(1, 1, 3);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	pool_release(pool, rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	ck_assert_uint_eq(f.calls[FAKE_DESTROY], 1);
	ck_assert_ptr_null(f.rl[0]);
	consistent();
}
END_TEST

START_TEST(resize)
{
	struct pool_counters c;

	start(1, 1, 4);
	ck_assert_int_eq(pool_resize(pool, 3, 2, 4), -EINVAL);
	ck_assert_int_eq(pool_resize(pool, 1, 5, 4), -EINVAL);
	ck_assert_int_eq(pool_resize(pool, 3, 4, 4), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 3);
	ck_assert_int_eq(pool_resize(pool, 0, 1, 1), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 1);
	ck_assert_uint_eq(c.destroyed, 2);
	/* The highest ids go first. */
	ck_assert_ptr_nonnull(f.rl[0]);
	consistent();
}
END_TEST

START_TEST(shrink_below_assigned)
{
	struct pool_rl *a, *b;

	start(1, 1, 3);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &a), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &b), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	/* Two assigned, one allowed: the idle one goes, assigned stay. */
	ck_assert_int_eq(pool_resize(pool, 0, 1, 1), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 0);
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 2);
	/* Released while over max_total: destroyed, not made idle. */
	pool_release(pool, a);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 0);
	pool_release(pool, b);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	ck_assert_uint_eq(fake_live(&f), 1);
	consistent();
}
END_TEST

/* The fake holds nothing for routelet record 'arg' any more. */
static bool
remains_gone(void *arg)
{
	struct pool_rl_info info;

	pool_rl_info(arg, &info);
	return !fake_has(&f, info.id);
}

START_TEST(death_of_assigned_and_replace)
{
	struct pool_counters c;
	struct pool_rl *rl, *repl;

	start(1, 2, 4);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert(fake_kill(&f, 0));
	ck_assert_uint_eq(dead_calls, 1);
	ck_assert_ptr_eq(dead_rl, rl);
	ck_assert_int_eq(in_state(POOL_RL_DEAD), 1);
	/* Make-before-break: same caps, config and owner elsewhere. */
	ck_assert_int_eq(pool_replace(pool, rl, &repl), 0);
	ck_assert_ptr_ne(repl, rl);
	ck_assert_str_eq(f.rl[1]->config, CFG);
	ck_assert_uint_eq(f.rl[1]->caps.cpu_quota_us, 20000);
	/* The dead one's remains are destroyed, its record waits. */
	ck_assert(fake_run(base, remains_gone, rl, 2000));
	ck_assert_int_eq(in_state(POOL_RL_DEAD), 1);
	pool_release(pool, rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.died, 1);
	ck_assert_uint_eq(c.in_state[POOL_RL_ASSIGNED], 1);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 1);
	ck_assert_uint_eq(dead_calls, 1);
	consistent();
	pool_release(pool, repl);
}
END_TEST

START_TEST(death_rehomed_in_callback)
{
	struct pool_rl *rl;

	start(1, 2, 3);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead_rehome, &f, &rl), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert(fake_kill(&f, 0));
	ck_assert_uint_eq(dead_calls, 1);
	ck_assert_ptr_nonnull(dead_rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_ASSIGNED), 1);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	ck_assert_ptr_null(f.rl[0]);
	consistent();
}
END_TEST

START_TEST(replace_live_and_refusals)
{
	struct pool_rl *a, *b, *x;
	struct pool_rl_info info;

	start(2, 2, 2);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &a), 0);
	/* Both assigned: the old one stays until released. */
	ck_assert_int_eq(pool_replace(pool, a, &b), 0);
	pool_rl_info(a, &info);
	ck_assert_int_eq(info.state, POOL_RL_ASSIGNED);
	ck_assert_str_eq(f.rl[1]->config, CFG);
	ck_assert_int_eq(pool_replace(pool, b, &x), -EAGAIN);
	pool_release(pool, a);
	/* A released (idle) routelet has no owner to copy. */
	ck_assert_int_eq(pool_replace(pool, a, &x), -EINVAL);
	ck_assert_ptr_null(x);
	pool_release(pool, b);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 2);
}
END_TEST

START_TEST(death_of_idle_replenished)
{
	struct pool_counters c;

	start(2, 2, 2);
	ck_assert(fake_kill(&f, 1));
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.died, 1);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 2);
	ck_assert_uint_eq(c.created, 3);
	ck_assert_uint_eq(dead_calls, 0);
	consistent();
}
END_TEST

/* Some routelet is idle. */
static bool
has_idle(void *arg)
{
	(void)arg;
	return in_state(POOL_RL_IDLE) > 0;
}

START_TEST(create_failure_retried)
{
	struct pool_counters c;

	f.fail[FAKE_CREATE] = 1;
	start(1, 1, 1);
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.create_failed, 1);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 0);
	/* retry_ms later the pool tries again. */
	ck_assert(fake_run(base, has_idle, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.created, 1);
	ck_assert_uint_eq(f.calls[FAKE_CREATE], 2);
	consistent();
}
END_TEST

/* A failure injected into the setup of a new routelet destroys it. */
static const enum fake_op setup_ops[] = {
	FAKE_VIF, FAKE_WATCH, FAKE_SET_CAPS,
};

START_TEST(setup_failure_leaves_nothing)
{
	struct pool_counters c;

	f.fail[setup_ops[_i]] = 1;
	start(1, 1, 2);
	ck_assert(fake_run(base, has_idle, NULL, 2000));
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.created, 2);
	ck_assert_uint_eq(c.destroyed, 1);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 1);
	consistent();
}
END_TEST

/* A failure in assign (caps or config) destroys the routelet. */
static const enum fake_op assign_ops[] = { FAKE_SET_CAPS, FAKE_CONFIGURE };

START_TEST(assign_failure_leaves_nothing)
{
	struct pool_counters c;
	struct pool_rl *rl;

	start(1, 1, 2);
	f.fail[assign_ops[_i]] = 1;
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), -EIO);
	ck_assert_ptr_null(rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.assign_failed, 1);
	ck_assert_uint_eq(c.destroyed, 1);
	ck_assert_uint_eq(c.in_state[POOL_RL_IDLE], 1);
	consistent();
}
END_TEST

/* A failed reset on release destroys the routelet. */
START_TEST(reset_failure_destroys)
{
	struct pool_rl *rl;

	start(1, 2, 2);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	f.fail[FAKE_CONFIGURE] = 1;
	pool_release(pool, rl);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_ptr_null(f.rl[0]);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	consistent();
}
END_TEST

START_TEST(destroy_failure_counted)
{
	struct pool_counters c;

	start(2, 2, 2);
	f.fail[FAKE_DESTROY] = 1;
	ck_assert_int_eq(pool_resize(pool, 0, 0, 2), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.destroy_failed, 1);
	ck_assert_uint_eq(c.destroyed, 1);
	/* The backend's leftover (its cleanup by prefix removes it). */
	ck_assert_uint_eq(fake_live(&f), 1);
	pool_free(pool, false);
	ck_assert_uint_eq(f.calls[FAKE_FORGET], 0);
	pool = NULL;
	fake_fini(&f);
	fake_init(&f);
}
END_TEST

START_TEST(adopt_existing)
{
	struct pool_conf conf = conf_of(3, 3, 3);
	struct seen s = { 0 };
	struct pool_counters c;

	fake_seed(&f, 2);
	fake_seed(&f, 5);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.adopted, 2);
	ck_assert_uint_eq(c.created, 1);
	/* Adopted ones are reset; new ones take the free ids. */
	ck_assert_uint_eq(f.rl[2]->len, 0);
	ck_assert_uint_eq(f.rl[5]->len, 0);
	pool_walk(pool, collect, &s);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_uint_eq(s.info[0].id, 0);
	ck_assert_uint_eq(s.info[1].id, 2);
	ck_assert_uint_eq(s.info[2].id, 5);
	consistent();
}
END_TEST

START_TEST(adopt_above_max_total)
{
	struct pool_conf conf = conf_of(0, 1, 1);

	fake_seed(&f, 0);
	fake_seed(&f, 1);
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	ck_assert_ptr_nonnull(f.rl[0]);
	ck_assert_ptr_null(f.rl[1]);
	consistent();
}
END_TEST

/* fake_ops with counters and watch_new; the pool keeps a pointer to it */
static struct pool_backend_ops join_ops;

static void
join_ops_init(void)
{
	join_ops = fake_ops;
	join_ops.counters = fake_counters;
	join_ops.watch_new = fake_watch_new;
}

static bool
joined_9(void *arg)
{
	(void)arg;
	return pool_rl_find(pool, 9) != NULL &&
	    in_state(POOL_RL_IDLE) == 2;
}

START_TEST(made_outside_joins)
{
	struct pool_conf conf = conf_of(1, 3, 4);
	struct pool_counters c;
	unsigned forgets;

	join_ops_init();
	ck_assert_int_eq(pool_create(base, &join_ops, &f, &conf, false,
	    &pool), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_ptr_nonnull(f.appeared);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	/* the pool's own routelet 0 is listed too: left alone */
	f.seeded[0] = true;
	/* an admin's routelet 9 whose guest still boots: not taken yet */
	forgets = f.calls[FAKE_FORGET];
	fake_appear(&f, 9, true);
	ck_assert_ptr_null(pool_rl_find(pool, 9));
	ck_assert_uint_eq(f.calls[FAKE_FORGET], forgets + 2);
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	/* it runs: the pool's next look, a second later, takes it */
	f.booting[9] = false;
	ck_assert(fake_run(base, joined_9, NULL, 3000));
	pool_counters(pool, &c);
	ck_assert_uint_eq(c.adopted, 1);
	ck_assert_uint_eq(c.created, 1);
	ck_assert_uint_eq(f.rl[9]->len, 0);	/* reset like any idle one */
	ck_assert_ptr_eq(f.rl[9]->dead_arg, pool_rl_find(pool, 9));
	consistent();
	/* the watch ends with the pool */
	pool_free(pool, false);
	pool = NULL;
	ck_assert_ptr_null(f.appeared);
}
END_TEST

START_TEST(made_outside_above_max_idle_trimmed)
{
	struct pool_conf conf = conf_of(1, 1, 2);

	join_ops_init();
	ck_assert_int_eq(pool_create(base, &join_ops, &f, &conf, false,
	    &pool), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	/* one idle already, max_idle 1: the newcomer goes as any would */
	fake_appear(&f, 7, false);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 1);
	ck_assert_ptr_null(f.rl[7]);
	consistent();
}
END_TEST

START_TEST(list_failure_fails_create)
{
	struct pool_conf conf = conf_of(1, 1, 1);

	f.fail[FAKE_LIST] = 1;
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    -EIO);
	ck_assert_ptr_null(pool);
}
END_TEST

START_TEST(bad_limits)
{
	struct pool_conf conf = conf_of(2, 1, 4);

	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, false,
	    &pool), -EINVAL);
	ck_assert_ptr_null(pool);
}
END_TEST

START_TEST(free_keep_then_adopt)
{
	struct pool_conf conf = conf_of(2, 2, 2);
	struct pool_rl *rl;

	start(2, 2, 2);
	ck_assert_int_eq(pool_assign(pool, &flow_caps, CFG, strlen(CFG),
	    on_dead, &f, &rl), 0);
	pool_free(pool, true);
	pool = NULL;
	ck_assert_uint_eq(fake_live(&f), 2);
	ck_assert_uint_eq(f.calls[FAKE_FORGET], 2);
	ck_assert_ptr_null(f.rl[0]->dead);
	f.seeded[0] = f.seeded[1] = true;
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, true, &pool),
	    0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 2);
	ck_assert_uint_eq(f.calls[FAKE_CREATE], 2);
}
END_TEST

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

START_TEST(slow_create_does_not_block_the_loop)
{
	struct pool_conf conf = conf_of(2, 2, 2);
	uint64_t t0;

	f.slow_us = 100000;
	t0 = now_ms();
	ck_assert_int_eq(pool_create(base, &fake_ops, &f, &conf, false,
	    &pool), 0);
	ck_assert_uint_lt(now_ms() - t0, 50);
	ck_assert_uint_eq(in_state(POOL_RL_CREATING), 2);
	/* teardown frees now: the worker finishes its creates, destroys
	 * them, and nothing is left. */
}
END_TEST

Suite *
pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("pool");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, fills_min_idle_in_worker);
	tcase_add_test(tc, assign_release_walk);
	tcase_add_test(tc, assign_refusals);
	tcase_add_test(tc, release_above_max_idle_destroys);
	tcase_add_test(tc, resize);
	tcase_add_test(tc, shrink_below_assigned);
	tcase_add_test(tc, death_of_assigned_and_replace);
	tcase_add_test(tc, death_rehomed_in_callback);
	tcase_add_test(tc, replace_live_and_refusals);
	tcase_add_test(tc, death_of_idle_replenished);
	tcase_add_test(tc, create_failure_retried);
	tcase_add_loop_test(tc, setup_failure_leaves_nothing, 0,
	    sizeof(setup_ops) / sizeof(setup_ops[0]));
	tcase_add_loop_test(tc, assign_failure_leaves_nothing, 0,
	    sizeof(assign_ops) / sizeof(assign_ops[0]));
	tcase_add_test(tc, reset_failure_destroys);
	tcase_add_test(tc, destroy_failure_counted);
	tcase_add_test(tc, adopt_existing);
	tcase_add_test(tc, adopt_above_max_total);
	tcase_add_test(tc, made_outside_joins);
	tcase_add_test(tc, made_outside_above_max_idle_trimmed);
	tcase_add_test(tc, list_failure_fails_create);
	tcase_add_test(tc, bad_limits);
	tcase_add_test(tc, free_keep_then_adopt);
	tcase_add_test(tc, slow_create_does_not_block_the_loop);
	suite_add_tcase(s, tc);
	return s;
}
