/*
 * dom0/pool_ctl.c: "pool show", "pool resize" and "routelet list" over a
 * pool on the recording fake backend (with show ops added here).
 */
#include <errno.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/ctl_local.h"
#include "dom0/pool.h"
#include "dom0/pool_ctl.h"
#include "lib/log.h"
#include "../pool/fake.h"
#include "suites.h"

#define CFG	"in_label 100\nout_label 200\n"

static struct fake f;
static struct event_base *base;
static struct pool *pool;
static struct ctl c;
static struct pool_backend_ops ops;

static int
show_counters(void *be, void *h, char *buf, size_t len)
{
	const struct fake_rl *rl = h;

	(void)be;
	return snprintf(buf, len, "rx-packets %u\ntx-packets 7\n"
	    "policed-packets 2\nnot a counter\n", 10 + rl->id);
}

static int
show_cpu_time(void *be, void *h, uint64_t *ns_r)
{
	(void)be;
	(void)h;
	*ns_r = 1500000000;
	return 0;
}

static int
show_describe(void *be, void *h, char *buf, size_t len)
{
	const struct fake_rl *rl = h;

	(void)be;
	return snprintf(buf, len, "fake %u", rl->id);
}

static unsigned
in_state(enum pool_rl_state s)
{
	struct pool_counters pc;

	pool_counters(pool, &pc);
	return pc.in_state[s];
}

static bool
settled(void *arg)
{
	(void)arg;
	return in_state(POOL_RL_CREATING) == 0 &&
	    in_state(POOL_RL_DRAINING) == 0;
}

static void
setup(void)
{
	struct pool_conf conf = {
		.min_idle = 2, .max_idle = 3, .max_total = 4, .retry_ms = 50,
		.idle_caps = { .cpu_quota_us = 1000, .cpu_period_us = 100000 },
	};

	log_init("test_flowops", LOG_LVL_WARN, false);
	fake_init(&f);
	ops = fake_ops;
	ops.counters = show_counters;
	ops.cpu_time = show_cpu_time;
	ops.describe = show_describe;
	ck_assert_ptr_nonnull(base = event_base_new());
	ck_assert_int_eq(pool_create(base, &ops, &f, &conf, false, &pool), 0);
	ck_assert(fake_run(base, settled, NULL, 2000));
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(pool_ctl_register(&c, pool), 0);
}

static void
teardown(void)
{
	ctl_cmd_free_all(&c);
	pool_free(pool, false);
	ck_assert_uint_eq(fake_live(&f), 0);
	fake_fini(&f);
	event_base_free(base);
}

/* Run 'cmd' with 'args' (JSON text); the reply, or NULL with 'err'. */
static json_t *
run(const char *cmd, const char *args, char *err, size_t errlen)
{
	json_t *a = json_loads(args, 0, NULL), *r = NULL;
	int rc;

	ck_assert_ptr_nonnull(a);
	rc = ctl_cmd_run(&c, cmd, a, &r, err, errlen);
	json_decref(a);
	return rc == 0 ? r : NULL;
}

static json_int_t
ival(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", key);
	return json_integer_value(v);
}

START_TEST(show)
{
	char err[128];
	json_t *r;

	ck_assert_ptr_nonnull(r = run("pool show", "{}", err, sizeof(err)));
	ck_assert_str_eq(json_string_value(json_object_get(r, "backend")),
	    "fake");
	ck_assert_int_eq(ival(r, "min_idle"), 2);
	ck_assert_int_eq(ival(r, "max_idle"), 3);
	ck_assert_int_eq(ival(r, "max_total"), 4);
	ck_assert_int_eq(ival(json_object_get(r, "routelets"), "idle"), 2);
	ck_assert_int_eq(ival(json_object_get(r, "routelets"), "adopted"), 0);
	ck_assert_uint_eq(json_object_size(json_object_get(r, "routelets")),
	    6);
	ck_assert_int_eq(ival(json_object_get(r, "counters"), "created"), 2);
	ck_assert_uint_eq(json_object_size(json_object_get(r, "counters")),
	    10);
	json_decref(r);
}
END_TEST

START_TEST(resize)
{
	char err[160];
	json_t *r;

	/* max_idle kept when it fits, brought into range when not. */
	r = run("pool resize", "{\"min_idle\": 3, \"max_total\": 6}", err,
	    sizeof(err));
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(ival(r, "min_idle"), 3);
	ck_assert_int_eq(ival(r, "max_idle"), 3);
	ck_assert_int_eq(ival(r, "max_total"), 6);
	json_decref(r);
	ck_assert(fake_run(base, settled, NULL, 2000));
	ck_assert_uint_eq(in_state(POOL_RL_IDLE), 3);
	r = run("pool resize", "{\"min_idle\": 1, \"max_total\": 2}", err,
	    sizeof(err));
	ck_assert_int_eq(ival(r, "max_idle"), 2);
	json_decref(r);
	r = run("pool resize", "{\"min_idle\": 0, \"max_total\": 5, "
	    "\"max_idle\": 4}", err, sizeof(err));
	ck_assert_int_eq(ival(r, "max_idle"), 4);
	json_decref(r);

	/* Refusals leave the limits alone. */
	ck_assert_ptr_null(run("pool resize", "{\"min_idle\": 4, "
	    "\"max_total\": 2}", err, sizeof(err)));
	ck_assert_str_eq(err, "limits must keep min_idle (4) <= max_idle (2)"
	    " <= max_total (2)");
	ck_assert_ptr_null(run("pool resize", "{\"min_idle\": 1, "
	    "\"max_total\": 5, \"max_idle\": 6}", err, sizeof(err)));
	ck_assert_ptr_null(run("pool resize", "{\"min_idle\": -1, "
	    "\"max_total\": 2}", err, sizeof(err)));
	ck_assert_str_eq(err, "min_idle must be a whole number from 0 to "
	    "2147483647");
	ck_assert_ptr_null(run("pool resize", "{\"min_idle\": \"2\", "
	    "\"max_total\": 2}", err, sizeof(err)));
	ck_assert_ptr_null(run("pool resize", "{\"min_idle\": 1}", err,
	    sizeof(err)));
	ck_assert_str_eq(err, "missing max_total");
	r = run("pool show", "{}", err, sizeof(err));
	ck_assert_int_eq(ival(r, "max_total"), 5);
	json_decref(r);
}
END_TEST

START_TEST(max_idle_default)
{
	ck_assert_uint_eq(pool_ctl_max_idle(3, 1, 8), 3);
	ck_assert_uint_eq(pool_ctl_max_idle(0, 2, 8), 2);
	ck_assert_uint_eq(pool_ctl_max_idle(9, 2, 8), 8);
}
END_TEST

START_TEST(routelet_list)
{
	char err[128];
	struct pool_rl *rl;
	json_t *r, *e;
	static const struct pool_caps caps = {
		.cpu_quota_us = 25000, .cpu_period_us = 100000,
		.mem_bytes = 1 << 20, .cpuset = "1",
	};

	ck_assert_int_eq(pool_assign(pool, &caps, CFG, strlen(CFG), NULL,
	    &f, &rl), 0);
	ck_assert_ptr_nonnull(r = run("routelet list", "{}", err,
	    sizeof(err)));
	ck_assert_uint_eq(json_array_size(r), 3);	/* a new idle one */
	e = json_array_get(r, 0);
	ck_assert_int_eq(ival(e, "id"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "state")),
	    "assigned");
	ck_assert_str_eq(json_string_value(json_object_get(e, "interface")),
	    "rl0");
	ck_assert_int_eq(ival(e, "ifindex"), 100);
	ck_assert(json_is_true(json_object_get(e, "owned")));
	ck_assert(json_is_null(json_object_get(e, "flow")));
	ck_assert_int_eq(ival(e, "cpu_quota_us"), 25000);
	ck_assert(json_real_value(json_object_get(e, "cpu_percent")) == 25.0);
	ck_assert_int_eq(ival(e, "mem_bytes"), 1 << 20);
	ck_assert_str_eq(json_string_value(json_object_get(e, "cpuset")), "1");
	ck_assert_int_eq(ival(e, "cpu_ns"), 1500000000);
	ck_assert_str_eq(json_string_value(json_object_get(e, "backend")),
	    "fake 0");
	ck_assert_int_eq(ival(json_object_get(e, "counters"), "rx_packets"),
	    10);
	ck_assert_int_eq(ival(json_object_get(e, "counters"),
	    "policed_packets"), 2);
	ck_assert_uint_eq(json_object_size(json_object_get(e, "counters")),
	    3);
	e = json_array_get(r, 1);
	ck_assert_str_eq(json_string_value(json_object_get(e, "state")),
	    "idle");
	ck_assert(json_is_false(json_object_get(e, "owned")));
	ck_assert(json_is_null(json_object_get(e, "mem_bytes")));
	ck_assert(json_is_null(json_object_get(e, "cpuset")));
	json_decref(r);
	pool_release(pool, rl);
}
END_TEST

/* A richer "routelet list" registered first stays; a second pool_ctl
 * registration fails and leaves the first one's commands. */
START_TEST(register_twice)
{
	ck_assert_int_eq(pool_ctl_register(&c, pool), -1);
	ck_assert_int_eq(errno, EEXIST);
	ck_assert_uint_eq(c.ncmds, 3);
}
END_TEST

Suite *
pool_ctl_suite(void)
{
	Suite *s = suite_create("pool_ctl");
	TCase *tc = tcase_create("pool_ctl");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, show);
	tcase_add_test(tc, resize);
	tcase_add_test(tc, max_idle_default);
	tcase_add_test(tc, routelet_list);
	tcase_add_test(tc, register_twice);
	suite_add_tcase(s, tc);
	return s;
}
