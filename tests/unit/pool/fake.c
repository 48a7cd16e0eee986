/*
 * The recording fake backend (fake.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "fake.h"

/* Count a call of 'op'; true if it is to fail. */
static bool
fake_call(struct fake *f, enum fake_op op)
{
	bool fail = false;
	bool slow = op == FAKE_CREATE || op == FAKE_DESTROY;

	pthread_mutex_lock(&f->mtx);
	f->calls[op]++;
	if (f->fail[op] > 0) {
		f->fail[op]--;
		fail = true;
	}
	if (slow && pthread_equal(pthread_self(), f->loop))
		f->on_loop++;
	if (!slow && !pthread_equal(pthread_self(), f->loop))
		f->off_loop++;
	pthread_mutex_unlock(&f->mtx);
	if (slow && f->slow_us > 0)
		usleep(f->slow_us);
	return fail;
}

static int
fake_create(void *be, unsigned id, void **h_r)
{
	struct fake *f = be;
	struct fake_rl *rl;

	*h_r = NULL;
	if (fake_call(f, FAKE_CREATE))
		return -EIO;
	if (id >= FAKE_MAX || (rl = calloc(1, sizeof(*rl))) == NULL)
		return -ENOSPC;
	rl->id = id;
	pthread_mutex_lock(&f->mtx);
	if (f->rl[id] != NULL) {
		pthread_mutex_unlock(&f->mtx);
		free(rl);
		return -EEXIST;
	}
	f->rl[id] = rl;
	pthread_mutex_unlock(&f->mtx);
	*h_r = rl;
	return 0;
}

static int
fake_destroy(void *be, void *h)
{
	struct fake *f = be;
	struct fake_rl *rl = h;
	bool fail = fake_call(f, FAKE_DESTROY);

	/* A failed destroy still frees the handle (pool.h); it is the
	 * backend's leftover then, which fake_live() shows. */
	pthread_mutex_lock(&f->mtx);
	if (!fail)
		f->rl[rl->id] = NULL;
	pthread_mutex_unlock(&f->mtx);
	if (!fail)
		free(rl);
	return fail ? -EIO : 0;
}

static int
fake_set_caps(void *be, void *h, const struct pool_caps *caps)
{
	struct fake_rl *rl = h;

	if (fake_call(be, FAKE_SET_CAPS))
		return -EIO;
	rl->caps = *caps;
	return 0;
}

static int
fake_configure(void *be, void *h, const char *text, size_t len)
{
	struct fake_rl *rl = h;

	if (fake_call(be, FAKE_CONFIGURE))
		return -EIO;
	if (len >= sizeof(rl->config))
		return -EMSGSIZE;
	memcpy(rl->config, text != NULL ? text : "", len);
	rl->config[len] = '\0';
	rl->len = len;
	return 0;
}

static int
fake_vif(void *be, void *h, char name[POOL_IFNAME_MAX], unsigned *ifindex_r)
{
	struct fake_rl *rl = h;

	if (fake_call(be, FAKE_VIF))
		return -EIO;
	snprintf(name, POOL_IFNAME_MAX, "rl%u", rl->id);
	*ifindex_r = 100 + rl->id;
	return 0;
}

static int
fake_watch(void *be, void *h, void (*dead)(void *), void *arg)
{
	struct fake_rl *rl = h;

	if (fake_call(be, FAKE_WATCH))
		return -EIO;
	rl->dead = dead;
	rl->dead_arg = arg;
	return 0;
}

static int
fake_list(void *be, void (*found)(void *, unsigned, void *), void *arg)
{
	struct fake *f = be;
	unsigned id;

	if (fake_call(f, FAKE_LIST))
		return -EIO;
	for (id = 0; id < FAKE_MAX; id++)
		if (f->seeded[id] && f->rl[id] != NULL)
			found(arg, id, f->rl[id]);
	return 0;
}

/* The fake's handle is its routelet: nothing to free, the watch ends. */
static void
fake_forget(void *be, void *h)
{
	struct fake_rl *rl = h;

	(void)fake_call(be, FAKE_FORGET);
	rl->dead = NULL;
	rl->dead_arg = NULL;
}

const struct pool_backend_ops fake_ops = {
	.name = "fake",
	.create = fake_create,
	.destroy = fake_destroy,
	.set_caps = fake_set_caps,
	.configure = fake_configure,
	.vif = fake_vif,
	.watch = fake_watch,
	.list = fake_list,
	.forget = fake_forget,
};

void
fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	pthread_mutex_init(&f->mtx, NULL);
	f->loop = pthread_self();
	f->slow_us = 2000;
}

void
fake_fini(struct fake *f)
{
	unsigned id;

	for (id = 0; id < FAKE_MAX; id++)
		free(f->rl[id]);
	pthread_mutex_destroy(&f->mtx);
}

unsigned
fake_live(struct fake *f)
{
	unsigned id, n = 0;

	pthread_mutex_lock(&f->mtx);
	for (id = 0; id < FAKE_MAX; id++)
		if (f->rl[id] != NULL)
			n++;
	pthread_mutex_unlock(&f->mtx);
	return n;
}

bool
fake_has(struct fake *f, unsigned id)
{
	bool has;

	pthread_mutex_lock(&f->mtx);
	has = f->rl[id] != NULL;
	pthread_mutex_unlock(&f->mtx);
	return has;
}

bool
fake_kill(struct fake *f, unsigned id)
{
	struct fake_rl *rl = f->rl[id];
	void (*dead)(void *);

	if (rl == NULL || rl->dead == NULL)
		return false;
	dead = rl->dead;
	rl->dead = NULL;
	dead(rl->dead_arg);
	return true;
}

void
fake_seed(struct fake *f, unsigned id)
{
	struct fake_rl *rl = calloc(1, sizeof(*rl));

	if (rl == NULL)
		abort();
	rl->id = id;
	rl->len = 5;
	strcpy(rl->config, "stale");
	f->rl[id] = rl;
	f->seeded[id] = true;
}

int
fake_counters(void *be, void *h, char *buf, size_t len)
{
	struct fake *f = be;
	struct fake_rl *rl = h;

	if (f->booting[rl->id])
		return -ENOENT;
	return snprintf(buf, len, "rx-packets 0\n");
}

int
fake_watch_new(void *be, void (*appeared)(void *), void *arg)
{
	struct fake *f = be;

	f->appeared = appeared;
	f->appeared_arg = arg;
	return 0;
}

void
fake_appear(struct fake *f, unsigned id, bool booting)
{
	fake_seed(f, id);
	f->booting[id] = booting;
	if (f->appeared != NULL)
		f->appeared(f->appeared_arg);
}

bool
fake_run(struct event_base *base, bool (*done)(void *), void *arg,
    unsigned ms)
{
	unsigned waited;

	for (waited = 0; waited < ms && !done(arg); waited++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(1000);
	}
	event_base_loop(base, EVLOOP_NONBLOCK);
	return done(arg);
}
