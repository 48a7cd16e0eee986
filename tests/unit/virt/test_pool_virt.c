/*
 * dom0/pool_virt.c (with pool_virt_live.c and pool_virt_event.c) against
 * libvirt's test driver, test:///default: transient domains created and
 * destroyed, caps as the driver takes them, description and CPU time,
 * death through lifecycle events delivered on the loop, adoption,
 * cleanup, and init's refusals.  A second connection (the driver's state
 * is shared within the process) plays the operator.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <event2/event.h>

#include "dom0/pool_virt.h"
#include "dom0/pool_virt_local.h"
#include "suites.h"

static struct event_base *base;
static void *be;
static virConnectPtr peer;
static const struct pool_backend_ops *ops = &pool_virt_ops;
static int deaths;

static struct pool_virt_conf
conf_of(const char *uri, const char *np, const char *ifp)
{
	return (struct pool_virt_conf){ .uri = uri, .name_prefix = np,
	    .if_prefix = ifp, .run_dir = "/tmp", .base = base };
}

static void
setup(void)
{
	struct pool_virt_conf c;

	base = event_base_new();
	ck_assert_ptr_nonnull(base);
	c = conf_of("test:///default", "tv-rl-", "tvr");
	ck_assert_int_eq(pool_virt_init(&c, &be), 0);
	peer = virConnectOpen("test:///default");
	ck_assert_ptr_nonnull(peer);
	deaths = 0;
}

static void
teardown(void)
{
	virConnectClose(peer);
	pool_virt_dispose(be);
	event_base_free(base);
}

/* Is domain 'name' running, as the operator sees it? */
static bool
running(const char *name)
{
	virDomainPtr d = virDomainLookupByName(peer, name);
	bool r;

	if (d == NULL) {
		virResetLastError();
		return false;
	}
	r = virDomainIsActive(d) == 1;
	virDomainFree(d);
	return r;
}

/* The operator destroys domain 'name'. */
static void
kill_domain(const char *name)
{
	virDomainPtr d = virDomainLookupByName(peer, name);

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(virDomainDestroy(d), 0);
	virDomainFree(d);
}

static void
on_dead(void *arg)
{
	(void)arg;
	deaths++;
}

/* Run the loop until a death is reported or 'ms' pass. */
static void
loop_for(int ms)
{
	struct timeval tv = { 0, 10000 };
	int i;

	for (i = 0; i < ms / 10 && deaths == 0; i++) {
		event_base_loopexit(base, &tv);
		event_base_dispatch(base);
	}
}

START_TEST(test_create_destroy)
{
	void *h, *h2;
	char desc[96];
	uint64_t ns;

	ck_assert_int_eq(ops->create(be, 1, &h), 0);
	ck_assert(running("tv-rl-1"));
	ck_assert_int_gt(ops->describe(be, h, desc, sizeof(desc)), 0);
	ck_assert_str_eq(desc, "virt tv-rl-1 running");
	ck_assert_int_eq(ops->cpu_time(be, h, &ns), 0);
	/* the name is taken: nothing of the first is touched */
	ck_assert_int_eq(ops->create(be, 1, &h2), -EEXIST);
	ck_assert(running("tv-rl-1"));
	ck_assert_int_eq(ops->destroy(be, h), 0);
	ck_assert(!running("tv-rl-1"));
}
END_TEST

/* The test driver's scheduler ("fair") has only a weight. */
START_TEST(test_caps)
{
	struct pool_caps caps;
	unsigned char cpumap[1], *online;
	virDomainInfo info;
	virDomainPtr d;
	void *h;

	ck_assert_int_eq(ops->create(be, 2, &h), 0);
	d = virDomainLookupByName(peer, "tv-rl-2");
	ck_assert_ptr_nonnull(d);
	memset(&caps, 0, sizeof(caps));
	caps.cpu_quota_us = 20000;
	caps.cpu_period_us = 100000;
	ck_assert_int_eq(ops->set_caps(be, h, &caps), -ENOTSUP);
	memset(&caps, 0, sizeof(caps));
	caps.mem_bytes = 32 << 20;
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	ck_assert_int_eq(virDomainGetInfo(d, &info), 0);
	ck_assert_uint_eq(info.memory, 32768);
	/* rounded up to whole KiB */
	caps.mem_bytes = (32 << 20) + 1;
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	ck_assert_int_eq(virDomainGetInfo(d, &info), 0);
	ck_assert_uint_eq(info.memory, 32769);
	/* above the domain's memory, or none: all of it */
	caps.mem_bytes = 1ull << 40;
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	ck_assert_int_eq(virDomainGetInfo(d, &info), 0);
	ck_assert_uint_eq(info.memory, 131072);
	caps.mem_bytes = 16 << 20;
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	caps.mem_bytes = 0;
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	ck_assert_int_eq(virDomainGetInfo(d, &info), 0);
	ck_assert_uint_eq(info.memory, 131072);
	/* pinned to CPU 0, then to any again */
	snprintf(caps.cpuset, sizeof(caps.cpuset), "0");
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	ck_assert_int_eq(virDomainGetVcpuPinInfo(d, 1, cpumap, 1,
	    VIR_DOMAIN_AFFECT_LIVE), 1);
	ck_assert_uint_eq(cpumap[0], 0x01);
	caps.cpuset[0] = '\0';
	ck_assert_int_eq(ops->set_caps(be, h, &caps), 0);
	ck_assert_int_eq(virDomainGetVcpuPinInfo(d, 1, cpumap, 1,
	    VIR_DOMAIN_AFFECT_LIVE), 1);
	/* the node's online CPUs (the test driver's are 0, 2 and 4) */
	ck_assert_int_gt(virNodeGetCPUMap(peer, &online, NULL, 0), 0);
	ck_assert_uint_eq(cpumap[0], online[0]);
	free(online);
	/* a cpuset that names no CPU of the host */
	snprintf(caps.cpuset, sizeof(caps.cpuset), "4095");
	ck_assert_int_eq(ops->set_caps(be, h, &caps), -EINVAL);
	virDomainFree(d);
	ck_assert_int_eq(ops->destroy(be, h), 0);
}
END_TEST

/* The test driver runs no routelet and makes no interface. */
START_TEST(test_no_routelet)
{
	char name[POOL_IFNAME_MAX], buf[256];
	unsigned idx;
	void *h;

	ck_assert_int_eq(ops->create(be, 3, &h), 0);
	ck_assert_int_eq(ops->configure(be, h, "generation 1\n", 13),
	    -ENOTSUP);
	ck_assert_int_eq(ops->configure(be, h, NULL, 0), -ENOTSUP);
	ck_assert_int_eq(ops->counters(be, h, buf, sizeof(buf)), -ENOTSUP);
	ck_assert_int_eq(ops->vif(be, h, name, &idx), -ENODEV);
	ck_assert_int_eq(ops->destroy(be, h), 0);
}
END_TEST

/* Killed from outside: the lifecycle event reaches dead() on the loop. */
START_TEST(test_death_event)
{
	char desc[96];
	void *h;

	ck_assert_int_eq(ops->create(be, 4, &h), 0);
	ck_assert_int_eq(ops->watch(be, h, on_dead, NULL), 0);
	loop_for(100);
	ck_assert_int_eq(deaths, 0);
	kill_domain("tv-rl-4");
	loop_for(1000);
	ck_assert_int_eq(deaths, 1);
	deaths = 0;
	loop_for(200);
	ck_assert_int_eq(deaths, 0);	/* once */
	ck_assert_int_gt(ops->describe(be, h, desc, sizeof(desc)), 0);
	ck_assert_str_eq(desc, "virt tv-rl-4 gone");
	/* destroy of a dead one is fine */
	ck_assert_int_eq(ops->watch(be, h, NULL, NULL), 0);
	ck_assert_int_eq(ops->destroy(be, h), 0);
}
END_TEST

/* Dead before the watch: reported soon after it. */
START_TEST(test_dead_already)
{
	void *h;

	ck_assert_int_eq(ops->create(be, 5, &h), 0);
	kill_domain("tv-rl-5");
	ck_assert_int_eq(ops->watch(be, h, on_dead, NULL), 0);
	loop_for(1000);
	ck_assert_int_eq(deaths, 1);
	ops->watch(be, h, NULL, NULL);
	ck_assert_int_eq(ops->destroy(be, h), 0);
}
END_TEST

/* No longer watched: no report. */
START_TEST(test_unwatched)
{
	void *h;

	ck_assert_int_eq(ops->create(be, 6, &h), 0);
	ck_assert_int_eq(ops->watch(be, h, on_dead, NULL), 0);
	ck_assert_int_eq(ops->watch(be, h, NULL, NULL), 0);
	kill_domain("tv-rl-6");
	loop_for(300);
	ck_assert_int_eq(deaths, 0);
	ck_assert_int_eq(ops->destroy(be, h), 0);
}
END_TEST

static void *found_h[8];
static unsigned found_n;

static void
on_found(void *arg, unsigned id, void *h)
{
	(void)arg;
	ck_assert_uint_lt(id, 8);
	found_h[id] = h;
	found_n++;
}

/* Forgotten routelets run on; a new list adopts ours, not "test". */
START_TEST(test_forget_list)
{
	void *h1, *h2;

	ck_assert_int_eq(ops->create(be, 1, &h1), 0);
	ck_assert_int_eq(ops->create(be, 7, &h2), 0);
	ops->forget(be, h1);
	ops->forget(be, h2);
	ck_assert(running("tv-rl-1"));
	ck_assert(running("tv-rl-7"));
	ck_assert(running("test"));
	memset(found_h, 0, sizeof(found_h));
	found_n = 0;
	ck_assert_int_eq(ops->list(be, on_found, NULL), 0);
	ck_assert_uint_eq(found_n, 2);
	ck_assert_ptr_nonnull(found_h[1]);
	ck_assert_ptr_nonnull(found_h[7]);
	/* an adopted one is watched like any other */
	ck_assert_int_eq(ops->watch(be, found_h[7], on_dead, NULL), 0);
	kill_domain("tv-rl-7");
	loop_for(1000);
	ck_assert_int_eq(deaths, 1);
	ops->watch(be, found_h[7], NULL, NULL);
	ck_assert_int_eq(ops->destroy(be, found_h[1]), 0);
	ck_assert_int_eq(ops->destroy(be, found_h[7]), 0);
	ck_assert(!running("tv-rl-1"));
	ck_assert(running("test"));
}
END_TEST

/* A crashed controller's domains go by prefix; others stay. */
START_TEST(test_cleanup)
{
	void *h;

	ck_assert_int_eq(ops->create(be, 2, &h), 0);
	ops->forget(be, h);
	ck_assert_int_eq(ops->create(be, 3, &h), 0);
	ops->forget(be, h);
	ck_assert_int_eq(pool_virt_cleanup(be), 2);
	ck_assert(!running("tv-rl-2"));
	ck_assert(!running("tv-rl-3"));
	ck_assert(running("test"));
	ck_assert_int_eq(pool_virt_cleanup(be), 0);
}
END_TEST

START_TEST(test_init_refusals)
{
	struct pool_virt_conf c;
	void *b2;

	c = conf_of("test:///default", "tv/rl-", "tvr");
	ck_assert_int_eq(pool_virt_init(&c, &b2), -EINVAL);
	c = conf_of("test:///default", "tv-rl-", "tv r");
	ck_assert_int_eq(pool_virt_init(&c, &b2), -EINVAL);
	c = conf_of("test:///default", "tv-rl-", "");
	ck_assert_int_eq(pool_virt_init(&c, &b2), -EINVAL);
	c = conf_of("test:///default", "tv-rl-", "a-very-long-if-prefix");
	ck_assert_int_eq(pool_virt_init(&c, &b2), -ENAMETOOLONG);
	c = conf_of("nosuchdriver:///system", "tv-rl-", "tvr");
	ck_assert_int_eq(pool_virt_init(&c, &b2), -ECONNREFUSED);
	/* a second backend on the same process works beside the first */
	c = conf_of("test:///default", "tw-rl-", "twr");
	ck_assert_int_eq(pool_virt_init(&c, &b2), 0);
	pool_virt_dispose(b2);
}
END_TEST

/* The last dispose stops libvirt's event thread; a new init starts it
 * again and deaths are seen as before. */
START_TEST(test_restart_event_thread)
{
	struct pool_virt_conf c;
	void *h;

	pool_virt_dispose(be);
	c = conf_of("test:///default", "tv-rl-", "tvr");
	ck_assert_int_eq(pool_virt_init(&c, &be), 0);
	ck_assert_int_eq(ops->create(be, 1, &h), 0);
	ck_assert_int_eq(ops->watch(be, h, on_dead, NULL), 0);
	kill_domain("tv-rl-1");
	loop_for(1000);
	ck_assert_int_eq(deaths, 1);
	ops->watch(be, h, NULL, NULL);
	ck_assert_int_eq(ops->destroy(be, h), 0);
}
END_TEST

Suite *
pool_virt_suite(void)
{
	Suite *s = suite_create("pool_virt");
	TCase *tc = tcase_create("test driver");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_create_destroy);
	tcase_add_test(tc, test_caps);
	tcase_add_test(tc, test_no_routelet);
	tcase_add_test(tc, test_death_event);
	tcase_add_test(tc, test_dead_already);
	tcase_add_test(tc, test_unwatched);
	tcase_add_test(tc, test_forget_list);
	tcase_add_test(tc, test_cleanup);
	tcase_add_test(tc, test_init_refusals);
	tcase_add_test(tc, test_restart_event_thread);
	suite_add_tcase(s, tc);
	return s;
}
