/*
 * A recording fake routelet backend for the pool's tests: counts every
 * call, can fail the next calls of any op, makes create and destroy slow,
 * notes which thread ran them, and can "kill" a routelet.
 */
#ifndef TEST_POOL_FAKE_H
#define TEST_POOL_FAKE_H

#include <pthread.h>
#include <stdbool.h>

#include "dom0/pool.h"

#define FAKE_MAX	32

enum fake_op {
	FAKE_CREATE = 0,
	FAKE_DESTROY,
	FAKE_SET_CAPS,
	FAKE_CONFIGURE,
	FAKE_VIF,
	FAKE_WATCH,
	FAKE_LIST,
	FAKE_FORGET,
	FAKE_NOPS,
};

struct fake_rl {
	unsigned		id;
	void			(*dead)(void *);
	void			*dead_arg;
	struct pool_caps	caps;
	char			config[64];
	size_t			len;
};

struct fake {
	pthread_mutex_t		mtx;
	pthread_t		loop;		/* the test's thread */
	struct fake_rl		*rl[FAKE_MAX];	/* live ones, by id */
	bool			seeded[FAKE_MAX];	/* for list */
	bool			booting[FAKE_MAX];	/* no counters yet */
	void			(*appeared)(void *);	/* watch_new */
	void			*appeared_arg;
	unsigned		calls[FAKE_NOPS];
	unsigned		fail[FAKE_NOPS];	/* fail this many next */
	unsigned		slow_us;
	unsigned		on_loop;	/* create/destroy on loop */
	unsigned		off_loop;	/* other ops off the loop */
};

extern const struct pool_backend_ops fake_ops;

void	fake_init(struct fake *f);
/* Free what the pool kept (the backend's own teardown). */
void	fake_fini(struct fake *f);
/* Routelets alive in the fake. */
unsigned fake_live(struct fake *f);
/* Routelet 'id' is alive in the fake (safe while the worker runs). */
bool	fake_has(struct fake *f, unsigned id);
/* Kill routelet 'id': its watch fires.  False if not watched. */
bool	fake_kill(struct fake *f, unsigned id);
/* A live routelet 'id' that list() reports. */
void	fake_seed(struct fake *f, unsigned id);
/*
 * Optional ops, for a test's copy of fake_ops: counters (-ENOENT while
 * the routelet is booting, else "rx-packets 0\n") and watch_new.
 */
int	fake_counters(void *be, void *h, char *buf, size_t len);
int	fake_watch_new(void *be, void (*appeared)(void *), void *arg);
/*
 * Routelet 'id' made outside the pool: seeded, booting or running, and
 * the watch_new callback told.
 */
void	fake_appear(struct fake *f, unsigned id, bool booting);

struct event_base;
/* Run 'base' until done(arg) or 'ms' milliseconds; done(arg) at the end. */
bool	fake_run(struct event_base *base, bool (*done)(void *), void *arg,
	    unsigned ms);

#endif
