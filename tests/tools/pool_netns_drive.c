/*
 * pool-netns-drive: drives the netns backend's ops one line at a time, for
 * tests/integration/pool_netns.sh.
 *
 *   pool-netns-drive ROUTELET NS_PREFIX IF_PREFIX CG_PARENT RUN_DIR
 *
 * Commands on stdin, one answer line each ("ok ..." or "error ERRNO
 * text"): create ID, caps ID QUOTA PERIOD MEM CPUSET|-, config ID FILE,
 * reset ID, vif ID, watch ID, destroy ID, info ID (describe, CPU ns and
 * the rx counter), list (adopts; only while it holds none), cleanup, quit
 * (forgets the handles, leaving the routelets running for a later
 * "list").  A watched routelet's death
 * prints "dead ID MS", MS the real-time clock in milliseconds.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "dom0/pool_netns.h"
#include "dom0/rl_ctl.h"
#include "lib/log.h"

#define MAX_ID	64

static void *be;
static void *rls[MAX_ID];
static unsigned dead_ids[MAX_ID];
static struct event_base *base;

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
on_dead(void *arg)
{
	unsigned *id = arg;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	printf("dead %u %lld\n", *id, (long long)ts.tv_sec * 1000 +
	    ts.tv_nsec / 1000000);
	fflush(stdout);
}

/* Adopted (list runs only with an empty table): ids past MAX_ID go. */
static void
on_found(void *arg, unsigned id, void *h)
{
	(void)arg;
	if (id >= MAX_ID) {
		pool_netns_ops.destroy(be, h);
		return;
	}
	rls[id] = h;
	printf("found %u\n", id);
}

static bool
table_empty(void)
{
	size_t i;

	for (i = 0; i < MAX_ID; i++)
		if (rls[i] != NULL)
			return false;
	return true;
}

/* The handle named by 'arg', or NULL after answering an error. */
static void *
handle(const char *arg, unsigned *id_r)
{
	char *end;
	unsigned long id;

	id = strtoul(arg != NULL ? arg : "", &end, 10);
	if (arg == NULL || *end != '\0' || id >= MAX_ID || rls[id] == NULL) {
		reply(-ENOENT, "");
		return NULL;
	}
	*id_r = (unsigned)id;
	return rls[id];
}

/* "DESCRIBE | cpu NS | rx N" of routelet 'h' into 'buf'. */
static int
info(void *h, char *buf, size_t cap)
{
	const struct pool_backend_ops *ops = &pool_netns_ops;
	char desc[96], ctr[1024];
	uint64_t cpu_ns, rx;
	int rc;

	if ((rc = ops->describe(be, h, desc, sizeof(desc))) < 0 ||
	    (rc = ops->cpu_time(be, h, &cpu_ns)) < 0 ||
	    (rc = ops->counters(be, h, ctr, sizeof(ctr))) < 0 ||
	    (rc = rl_ctl_counter(ctr, (size_t)rc, "rx-packets", &rx)) < 0)
		return rc;
	snprintf(buf, cap, "%s | cpu %llu | rx %llu", desc,
	    (unsigned long long)cpu_ns, (unsigned long long)rx);
	return 0;
}

static int
read_file(const char *path, char *buf, size_t cap, size_t *len_r)
{
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -errno;
	*len_r = fread(buf, 1, cap, f);
	fclose(f);
	return 0;
}

static void
command(char *line)
{
	char *argv[8], *save = NULL, *tok, what[192] = "", text[4096];
	const struct pool_backend_ops *ops = &pool_netns_ops;
	struct pool_caps caps;
	unsigned id, ifindex;
	size_t argc = 0, len = 0;
	void *h;
	int rc;

	for (tok = strtok_r(line, " ", &save); tok != NULL && argc < 7;
	    tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (argc == 0)
		return;
	if (strcmp(argv[0], "create") == 0 && argc == 2) {
		id = (unsigned)strtoul(argv[1], NULL, 10);
		if (id >= MAX_ID || rls[id] != NULL) {
			reply(-EINVAL, "");
			return;
		}
		rc = ops->create(be, id, &rls[id]);
		reply(rc, "");
	} else if (strcmp(argv[0], "caps") == 0 && argc == 6) {
		if ((h = handle(argv[1], &id)) == NULL)
			return;
		memset(&caps, 0, sizeof(caps));
		caps.cpu_quota_us = (uint32_t)strtoul(argv[2], NULL, 10);
		caps.cpu_period_us = (uint32_t)strtoul(argv[3], NULL, 10);
		caps.mem_bytes = strtoull(argv[4], NULL, 10);
		if (strcmp(argv[5], "-") != 0)
			snprintf(caps.cpuset, sizeof(caps.cpuset), "%s",
			    argv[5]);
		reply(ops->set_caps(be, h, &caps), "");
	} else if (strcmp(argv[0], "config") == 0 && argc == 3) {
		if ((h = handle(argv[1], &id)) == NULL)
			return;
		rc = read_file(argv[2], text, sizeof(text), &len);
		if (rc == 0)
			rc = ops->configure(be, h, text, len);
		reply(rc, "");
	} else if (strcmp(argv[0], "reset") == 0 && argc == 2) {
		if ((h = handle(argv[1], &id)) == NULL)
			return;
		reply(ops->configure(be, h, NULL, 0), "");
	} else if (strcmp(argv[0], "vif") == 0 && argc == 2) {
		char name[POOL_IFNAME_MAX];

		if ((h = handle(argv[1], &id)) == NULL)
			return;
		rc = ops->vif(be, h, name, &ifindex);
		if (rc == 0)
			snprintf(what, sizeof(what), "%s %u", name, ifindex);
		reply(rc, what);
	} else if (strcmp(argv[0], "watch") == 0 && argc == 2) {
		if ((h = handle(argv[1], &id)) == NULL)
			return;
		dead_ids[id] = id;
		reply(ops->watch(be, h, on_dead, &dead_ids[id]), "");
	} else if (strcmp(argv[0], "destroy") == 0 && argc == 2) {
		if ((h = handle(argv[1], &id)) == NULL)
			return;
		ops->watch(be, h, NULL, NULL);
		rls[id] = NULL;
		reply(ops->destroy(be, h), "");
	} else if (strcmp(argv[0], "list") == 0 && argc == 1) {
		reply(table_empty() ? ops->list(be, on_found, NULL) : -EBUSY,
		    "");
	} else if (strcmp(argv[0], "cleanup") == 0 && argc == 1) {
		rc = pool_netns_cleanup(be);
		if (rc >= 0)
			snprintf(what, sizeof(what), "%d", rc);
		reply(rc, what);
	} else if (strcmp(argv[0], "info") == 0 && argc == 2) {
		if ((h = handle(argv[1], &id)) == NULL)
			return;
		reply(info(h, what, sizeof(what)), what);
	} else if (strcmp(argv[0], "quit") == 0 && argc == 1) {
		for (id = 0; id < MAX_ID; id++)
			if (rls[id] != NULL)
				ops->forget(be, rls[id]);
		memset(rls, 0, sizeof(rls));
		reply(0, "");
		event_base_loopbreak(base);
	} else {
		reply(-EINVAL, "");
	}
}

static void
on_stdin(evutil_socket_t fd, short what, void *arg)
{
	static char buf[8192];
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
	}
	if (len == sizeof(buf) - 1)
		len = 0;
}

int
main(int argc, char **argv)
{
	struct pool_netns_conf conf;
	struct event *ev;
	int rc;

	if (argc != 6) {
		fprintf(stderr, "usage: %s ROUTELET NS_PREFIX IF_PREFIX "
		    "CG_PARENT RUN_DIR\n", argv[0]);
		return 2;
	}
	log_init("pool-netns-drive", LOG_LVL_DEBUG, false);
	base = event_base_new();
	if (base == NULL)
		return 1;
	conf = (struct pool_netns_conf){ .routelet = argv[1], .ip = "ip",
	    .ns_prefix = argv[2], .if_prefix = argv[3],
	    .cgroup_parent = argv[4], .run_dir = argv[5],
	    .mounts = "/proc/mounts", .base = base };
	rc = pool_netns_init(&conf, &be);
	if (rc != 0) {
		fprintf(stderr, "init: %s\n", strerror(-rc));
		return 1;
	}
	ev = event_new(base, 0, EV_READ | EV_PERSIST, on_stdin, NULL);
	event_add(ev, NULL);
	printf("ready\n");
	fflush(stdout);
	event_base_dispatch(base);
	event_free(ev);
	pool_netns_dispose(be);
	event_base_free(base);
	return 0;
}
