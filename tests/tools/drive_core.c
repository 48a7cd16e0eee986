/* The line protocol of the pool backend drivers (tests/tools/drive_core.h). */
#include "tests/tools/drive_core.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#define MAX_ID	64

static const struct drive_core *drv;
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

static long long
now_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
on_dead(void *arg)
{
	unsigned *id = arg;

	printf("dead %u %lld\n", *id, now_ms(CLOCK_REALTIME));
	fflush(stdout);
}

/* Adopted (list runs only with an empty table): ids past MAX_ID go. */
static void
on_found(void *arg, unsigned id, void *h)
{
	(void)arg;
	if (id >= MAX_ID) {
		drv->ops->destroy(drv->be, h);
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

/* The value of counter 'name' in counters text 'ctr', or -ENOENT. */
static int
counter(const char *ctr, const char *name, unsigned long long *v_r)
{
	size_t len = strlen(name);
	const char *p;

	for (p = ctr; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, name, len) == 0 && p[len] == ' ') {
			*v_r = strtoull(p + len + 1, NULL, 10);
			return 0;
		}
	return -ENOENT;
}

/* "DESCRIBE | cpu NS | rx N" of routelet 'h' into 'buf'. */
static int
info(void *h, char *buf, size_t cap)
{
	const struct pool_backend_ops *ops = drv->ops;
	char desc[96], ctr[1024];
	unsigned long long rx;
	uint64_t cpu_ns;
	int rc;

	if ((rc = ops->describe(drv->be, h, desc, sizeof(desc))) < 0 ||
	    (rc = ops->cpu_time(drv->be, h, &cpu_ns)) < 0 ||
	    (rc = ops->counters(drv->be, h, ctr, sizeof(ctr))) < 0 ||
	    (rc = counter(ctr, "rx-packets", &rx)) < 0)
		return rc;
	snprintf(buf, cap, "%s | cpu %llu | rx %llu", desc,
	    (unsigned long long)cpu_ns, rx);
	return 0;
}

static int
read_text(const char *path, char *buf, size_t cap, size_t *len_r)
{
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -errno;
	*len_r = fread(buf, 1, cap, f);
	fclose(f);
	return 0;
}

/* QUOTA PERIOD MEM from argv[0..2], and 'cpuset' ("-" for none). */
static void
parse_caps(char **argv, const char *cpuset, struct pool_caps *caps)
{
	memset(caps, 0, sizeof(*caps));
	caps->cpu_quota_us = (uint32_t)strtoul(argv[0], NULL, 10);
	caps->cpu_period_us = (uint32_t)strtoul(argv[1], NULL, 10);
	caps->mem_bytes = strtoull(argv[2], NULL, 10);
	if (strcmp(cpuset, "-") != 0)
		snprintf(caps->cpuset, sizeof(caps->cpuset), "%s", cpuset);
}

/*
 * set_caps then configure, as pool_assign does; 'what' gets "MS caps MS
 * config MS": the whole and each part.
 */
static int
assign(void *h, char **argv, char *what, size_t cap)
{
	struct pool_caps caps;
	char text[4096];
	long long t0, t1, t2;
	size_t len = 0;
	int rc;

	parse_caps(argv, "-", &caps);
	if ((rc = read_text(argv[3], text, sizeof(text), &len)) != 0)
		return rc;
	t0 = now_ms(CLOCK_MONOTONIC);
	rc = drv->ops->set_caps(drv->be, h, &caps);
	t1 = now_ms(CLOCK_MONOTONIC);
	if (rc == 0)
		rc = drv->ops->configure(drv->be, h, text, len);
	t2 = now_ms(CLOCK_MONOTONIC);
	snprintf(what, cap, "%lld caps %lld config %lld", t2 - t0, t1 - t0,
	    t2 - t1);
	return rc;
}

/* The counters text on one line. */
static int
counters(void *h, char *what, size_t cap)
{
	int rc = drv->ops->counters(drv->be, h, what, cap);
	char *p;

	if (rc < 0)
		return rc;
	for (p = what; *p != '\0'; p++)
		if (*p == '\n')
			*p = p[1] != '\0' ? ';' : '\0';
	return 0;
}

static void
command(char *line)
{
	const struct pool_backend_ops *ops = drv->ops;
	char *argv[8], *save = NULL, *tok, what[1024] = "", text[4096];
	char name[POOL_IFNAME_MAX];
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
		reply(ops->create(drv->be, id, &rls[id]), "");
		return;
	}
	if (strcmp(argv[0], "list") == 0 && argc == 1) {
		reply(table_empty() ? ops->list(drv->be, on_found, NULL) :
		    -EBUSY, "");
		return;
	}
	if (strcmp(argv[0], "cleanup") == 0 && argc == 1) {
		rc = drv->cleanup(drv->be);
		if (rc >= 0)
			snprintf(what, sizeof(what), "%d", rc);
		reply(rc, what);
		return;
	}
	if (strcmp(argv[0], "quit") == 0 && argc == 1) {
		for (id = 0; id < MAX_ID; id++)
			if (rls[id] != NULL)
				ops->forget(drv->be, rls[id]);
		memset(rls, 0, sizeof(rls));
		reply(0, "");
		event_base_loopbreak(base);
		return;
	}
	/* the rest name a routelet */
	if (argc < 2 || (h = handle(argv[1], &id)) == NULL) {
		if (argc < 2)
			reply(-EINVAL, "");
		return;
	}
	if (strcmp(argv[0], "caps") == 0 && argc == 6) {
		parse_caps(argv + 2, argv[5], &caps);
		reply(ops->set_caps(drv->be, h, &caps), "");
	} else if (strcmp(argv[0], "assign") == 0 && argc == 6) {
		rc = assign(h, argv + 2, what, sizeof(what));
		reply(rc, what);
	} else if (strcmp(argv[0], "config") == 0 && argc == 3) {
		rc = read_text(argv[2], text, sizeof(text), &len);
		if (rc == 0)
			rc = ops->configure(drv->be, h, text, len);
		reply(rc, "");
	} else if (strcmp(argv[0], "reset") == 0 && argc == 2) {
		reply(ops->configure(drv->be, h, NULL, 0), "");
	} else if (strcmp(argv[0], "vif") == 0 && argc == 2) {
		rc = ops->vif(drv->be, h, name, &ifindex);
		if (rc == 0)
			snprintf(what, sizeof(what), "%s %u", name, ifindex);
		reply(rc, what);
	} else if (strcmp(argv[0], "watch") == 0 && argc == 2) {
		dead_ids[id] = id;
		reply(ops->watch(drv->be, h, on_dead, &dead_ids[id]), "");
	} else if (strcmp(argv[0], "destroy") == 0 && argc == 2) {
		ops->watch(drv->be, h, NULL, NULL);
		rls[id] = NULL;
		reply(ops->destroy(drv->be, h), "");
	} else if (strcmp(argv[0], "info") == 0 && argc == 2) {
		reply(info(h, what, sizeof(what)), what);
	} else if (strcmp(argv[0], "counters") == 0 && argc == 2) {
		reply(counters(h, what, sizeof(what)), what);
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
drive_core_run(struct event_base *b, const struct drive_core *d)
{
	struct event *ev;

	base = b;
	drv = d;
	ev = event_new(base, 0, EV_READ | EV_PERSIST, on_stdin, NULL);
	if (ev == NULL || event_add(ev, NULL) != 0)
		return -ENOMEM;
	printf("ready\n");
	fflush(stdout);
	event_base_dispatch(base);
	event_free(ev);
	return 0;
}
