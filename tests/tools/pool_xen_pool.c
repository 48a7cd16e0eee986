/*
 * pool-xen-pool: the real pool (dom0/pool.c: its worker thread, its state
 * machine) over the Xen backend, inside dom0, for
 * tests/xen/checks/52-pool-xen-pool.sh.  Commands on stdin, one answer
 * line each ("ok ..." or "error ERRNO text"):
 *
 *   idle N SECS           wait until N routelets are idle: "ok MS"
 *   assign QUOTA PERIOD FILE  pool_assign: "ok ID MS"
 *   release               give the assigned routelet back
 *   show                  "rl ID STATE DESCRIBE" lines, then "ok"
 *   quit                  pool_free without keep: every routelet goes
 *
 * The assigned routelet's death prints "dead ID".
 *
 *   pool-xen-pool KERNEL RAMDISK NAME_PREFIX MEMORY_MB
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "dom0/pool.h"
#include "dom0/pool_xen.h"
#include "lib/log.h"

static struct event_base *base;
static struct pool *pool;
static struct pool_rl *assigned;
static struct event *ev_wait;
static unsigned want_idle;
static long long wait_start, wait_until;

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
reply(int rc, const char *what)
{
	if (rc < 0)
		printf("error %d %s\n", -rc, strerror(-rc));
	else
		printf("ok%s%s\n", what[0] != '\0' ? " " : "", what);
	fflush(stdout);
}

static void
on_dead(void *owner, struct pool_rl *rl)
{
	struct pool_rl_info info;

	(void)owner;
	pool_rl_info(rl, &info);
	printf("dead %u\n", info.id);
	fflush(stdout);
}

/* Every 100 ms while an "idle" command waits. */
static void
on_wait(evutil_socket_t fd, short what, void *arg)
{
	struct timeval tv = { 0, 100000 };
	struct pool_counters c;
	char ms[24];

	(void)fd;
	(void)what;
	(void)arg;
	pool_counters(pool, &c);
	if (c.in_state[POOL_RL_IDLE] >= want_idle) {
		snprintf(ms, sizeof(ms), "%lld", now_ms() - wait_start);
		reply(0, ms);
		return;
	}
	if (now_ms() >= wait_until) {
		reply(-ETIMEDOUT, "");
		return;
	}
	evtimer_add(ev_wait, &tv);
}

static void
show_one(void *arg, const struct pool_rl_info *info)
{
	(void)arg;
	printf("rl %u %s %s\n", info->id, pool_state_name(info->state),
	    info->describe);
}

static int
assign(char **argv, char *what, size_t cap)
{
	struct pool_caps caps;
	char text[4096];
	struct pool_rl_info info;
	long long t0;
	size_t len;
	FILE *f;
	int rc;

	if (assigned != NULL)
		return -EBUSY;
	if ((f = fopen(argv[2], "r")) == NULL)
		return -errno;
	len = fread(text, 1, sizeof(text), f);
	fclose(f);
	memset(&caps, 0, sizeof(caps));
	caps.cpu_quota_us = (uint32_t)strtoul(argv[0], NULL, 10);
	caps.cpu_period_us = (uint32_t)strtoul(argv[1], NULL, 10);
	t0 = now_ms();
	rc = pool_assign(pool, &caps, text, len, on_dead, NULL, &assigned);
	if (rc != 0)
		return rc;
	pool_rl_info(assigned, &info);
	snprintf(what, cap, "%u %lld", info.id, now_ms() - t0);
	return 0;
}

static void
command(char *line)
{
	char *argv[6], *save = NULL, *tok, what[64] = "";
	size_t argc = 0;
	int rc;

	for (tok = strtok_r(line, " ", &save); tok != NULL && argc < 5;
	    tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	if (argc == 0)
		return;
	if (strcmp(argv[0], "idle") == 0 && argc == 3) {
		want_idle = (unsigned)strtoul(argv[1], NULL, 10);
		wait_start = now_ms();
		wait_until = wait_start + 1000 * atoll(argv[2]);
		on_wait(-1, 0, NULL);
	} else if (strcmp(argv[0], "assign") == 0 && argc == 4) {
		rc = assign(argv + 1, what, sizeof(what));
		reply(rc, what);
	} else if (strcmp(argv[0], "release") == 0 && argc == 1) {
		if (assigned == NULL) {
			reply(-ENOENT, "");
			return;
		}
		pool_release(pool, assigned);
		assigned = NULL;
		reply(0, "");
	} else if (strcmp(argv[0], "show") == 0 && argc == 1) {
		pool_walk(pool, show_one, NULL);
		reply(0, "");
	} else if (strcmp(argv[0], "quit") == 0 && argc == 1) {
		if (assigned != NULL)
			pool_release(pool, assigned);
		assigned = NULL;
		pool_free(pool, false);
		pool = NULL;
		reply(0, "");
		event_base_loopbreak(base);
	} else {
		reply(-EINVAL, "");
	}
}

static void
on_stdin(evutil_socket_t fd, short what, void *arg)
{
	static char buf[4096];
	static size_t len;
	char *nl;
	ssize_t n;

	(void)what;
	(void)arg;
	n = read(fd, buf + len, sizeof(buf) - 1 - len);
	if (n <= 0) {
		event_base_loopbreak(base);
		return;
	}
	len += (size_t)n;
	buf[len] = '\0';
	while ((nl = strchr(buf, '\n')) != NULL) {
		*nl = '\0';
		command(buf);
		len -= (size_t)(nl + 1 - buf);
		memmove(buf, nl + 1, len + 1);
		if (pool == NULL)
			return;
	}
	if (len == sizeof(buf) - 1)
		len = 0;
}

int
main(int argc, char **argv)
{
	struct pool_xen_conf xc;
	struct pool_conf pc;
	struct event *ev;
	void *be;
	int rc;

	if (argc != 5) {
		fprintf(stderr, "usage: %s KERNEL RAMDISK NAME_PREFIX "
		    "MEMORY_MB\n", argv[0]);
		return 2;
	}
	log_init("pool-xen-pool", LOG_LVL_INFO, false);
	if ((base = event_base_new()) == NULL)
		return 1;
	xc = (struct pool_xen_conf){ .kernel = argv[1], .ramdisk = argv[2],
	    .cmdline = "console=hvc0 quiet", .name_prefix = argv[3],
	    .vif_script = "vif-quasar", .cpupool = "", .cpupool_cpus = "",
	    .memory_mb = (unsigned)strtoul(argv[4], NULL, 10),
	    .config_ms = 15000, .base = base };
	if ((rc = pool_xen_init(&xc, &be)) != 0) {
		fprintf(stderr, "init: %s\n", strerror(-rc));
		return 1;
	}
	memset(&pc, 0, sizeof(pc));
	pc.min_idle = 1;
	pc.max_idle = 1;
	pc.max_total = 2;
	pc.retry_ms = 1000;
	if ((rc = pool_create(base, &pool_xen_ops, be, &pc, false,
	    &pool)) != 0) {
		fprintf(stderr, "pool: %s\n", strerror(-rc));
		pool_xen_dispose(be);
		return 1;
	}
	ev_wait = evtimer_new(base, on_wait, NULL);
	ev = event_new(base, 0, EV_READ | EV_PERSIST, on_stdin, NULL);
	if (ev_wait == NULL || ev == NULL || event_add(ev, NULL) != 0)
		return 1;
	printf("ready\n");
	fflush(stdout);
	event_base_dispatch(base);
	if (pool != NULL)
		pool_free(pool, false);
	event_free(ev);
	event_free(ev_wait);
	pool_xen_dispose(be);
	event_base_free(base);
	return 0;
}
