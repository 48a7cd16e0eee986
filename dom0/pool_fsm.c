/*
 * The routelet state machine: one table of {state, event, action, next},
 * as ldpd's neighbor.c.  The state is set before the action runs, so an
 * action may post a further event (a failed setup) or free the record
 * (next == POOL_RL_GONE).  docs/pool.md draws the table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/pool_local.h"
#include "lib/log.h"

typedef void (*pool_action)(struct pool_rl *);

static void	act_ready(struct pool_rl *);
static void	act_create_failed(struct pool_rl *);
static void	act_assign(struct pool_rl *);
static void	act_release(struct pool_rl *);
static void	act_destroy(struct pool_rl *);
static void	act_died(struct pool_rl *);
static void	act_destroyed(struct pool_rl *);
static void	act_dead_destroyed(struct pool_rl *);
static void	act_dead_release(struct pool_rl *);
static void	act_none(struct pool_rl *);
static void	act_found(struct pool_rl *);
static void	act_claim(struct pool_rl *);
static void	act_unclaimed(struct pool_rl *);

static const struct {
	enum pool_rl_state	state;
	enum pool_rl_event	event;
	pool_action		action;
	unsigned		next;
} pool_fsm_tbl[] = {
	{ POOL_RL_CREATING, POOL_EV_CREATED, act_ready, POOL_RL_IDLE },
	{ POOL_RL_CREATING, POOL_EV_CREATE_FAILED, act_create_failed,
	    POOL_RL_GONE },
	{ POOL_RL_IDLE, POOL_EV_ASSIGN, act_assign, POOL_RL_ASSIGNED },
	{ POOL_RL_IDLE, POOL_EV_TRIM, act_destroy, POOL_RL_DRAINING },
	{ POOL_RL_IDLE, POOL_EV_DIED, act_died, POOL_RL_DEAD },
	{ POOL_RL_ASSIGNED, POOL_EV_RELEASE, act_release, POOL_RL_IDLE },
	{ POOL_RL_ASSIGNED, POOL_EV_TRIM, act_destroy, POOL_RL_DRAINING },
	{ POOL_RL_ASSIGNED, POOL_EV_DIED, act_died, POOL_RL_DEAD },
	{ POOL_RL_DRAINING, POOL_EV_DIED, act_none, POOL_RL_DRAINING },
	{ POOL_RL_DRAINING, POOL_EV_DESTROYED, act_destroyed, POOL_RL_GONE },
	{ POOL_RL_DEAD, POOL_EV_DESTROYED, act_dead_destroyed, POOL_RL_DEAD },
	{ POOL_RL_DEAD, POOL_EV_RELEASE, act_dead_release, POOL_RL_DEAD },
	{ POOL_RL_DEAD, POOL_EV_DIED, act_none, POOL_RL_DEAD },
	{ POOL_RL_CREATING, POOL_EV_FOUND, act_found, POOL_RL_ADOPTED },
	{ POOL_RL_ADOPTED, POOL_EV_CLAIM, act_claim, POOL_RL_ASSIGNED },
	{ POOL_RL_ADOPTED, POOL_EV_UNCLAIMED, act_unclaimed, POOL_RL_IDLE },
	{ POOL_RL_ADOPTED, POOL_EV_TRIM, act_destroy, POOL_RL_DRAINING },
	{ POOL_RL_ADOPTED, POOL_EV_DIED, act_died, POOL_RL_DEAD },
};

static const char *const pool_state_names[] = {
	[POOL_RL_CREATING] = "creating",
	[POOL_RL_IDLE] = "idle",
	[POOL_RL_ASSIGNED] = "assigned",
	[POOL_RL_DRAINING] = "draining",
	[POOL_RL_DEAD] = "dead",
	[POOL_RL_ADOPTED] = "adopted",
	[POOL_RL_GONE] = "gone",
};

static const char *const pool_event_names[] = {
	[POOL_EV_CREATED] = "created",
	[POOL_EV_CREATE_FAILED] = "create failed",
	[POOL_EV_ASSIGN] = "assign",
	[POOL_EV_RELEASE] = "release",
	[POOL_EV_TRIM] = "trim",
	[POOL_EV_DIED] = "died",
	[POOL_EV_DESTROYED] = "destroyed",
	[POOL_EV_FOUND] = "found",
	[POOL_EV_CLAIM] = "claim",
	[POOL_EV_UNCLAIMED] = "unclaimed",
};

/* The name of state 's' ("?" if out of range). */
const char *
pool_state_name(enum pool_rl_state s)
{
	if ((unsigned)s > POOL_RL_GONE)
		return "?";
	return pool_state_names[s];
}

/* The name of event 'ev' ("?" if out of range). */
const char *
pool_event_name(enum pool_rl_event ev)
{
	if ((unsigned)ev >= POOL_EV_NEVENTS)
		return "?";
	return pool_event_names[ev];
}

/*
 * Feed event 'ev' to routelet 'rl': find the row, set the next state, run
 * the action.  An event with no row is logged and ignored.
 */
void
pool_fsm(struct pool_rl *rl, enum pool_rl_event ev)
{
	enum pool_rl_state old = rl->state;
	size_t i;

	for (i = 0; i < sizeof(pool_fsm_tbl) / sizeof(pool_fsm_tbl[0]); i++)
		if (pool_fsm_tbl[i].state == old &&
		    pool_fsm_tbl[i].event == ev)
			break;
	if (i == sizeof(pool_fsm_tbl) / sizeof(pool_fsm_tbl[0])) {
		log_warnx("pool: routelet %u: unexpected event %s in state %s",
		    rl->id, pool_event_name(ev), pool_state_name(old));
		return;
	}
	log_debug("pool: routelet %u: event %s, state %s -> %s", rl->id,
	    pool_event_name(ev), pool_state_name(old),
	    pool_state_name(pool_fsm_tbl[i].next));
	if (pool_fsm_tbl[i].next != POOL_RL_GONE)
		rl->state = pool_fsm_tbl[i].next;
	pool_fsm_tbl[i].action(rl);
}

/* Forget the owner and the config it gave. */
static void
rl_disown(struct pool_rl *rl)
{
	free(rl->text);
	rl->text = NULL;
	rl->len = 0;
	rl->dead = NULL;
	rl->owner = NULL;
	rl->owned = false;
}

/* Learn its interface and watch it; 0 or -errno. */
static int
rl_attach(struct pool_rl *rl)
{
	struct pool *pool = rl->pool;
	int rc;

	rc = pool->ops->vif(pool->be, rl->h, rl->ifname, &rl->ifindex);
	if (rc == 0)
		rc = pool->ops->watch(pool->be, rl->h, pool_rl_died, rl);
	return rc;
}

/* Idle caps on, and an adopted one's config reset; 0 or -errno. */
static int
rl_reset(struct pool_rl *rl)
{
	struct pool *pool = rl->pool;
	int rc;

	rc = pool->ops->set_caps(pool->be, rl->h, &pool->conf.idle_caps);
	if (rc == 0 && rl->adopted)
		rc = pool->ops->configure(pool->be, rl->h, NULL, 0);
	if (rc == 0)
		rl->caps = pool->conf.idle_caps;
	return rc;
}

/*
 * Created or adopted: learn its interface, watch it, put the idle caps on
 * (and reset an adopted one's config).  Any failure destroys it.
 */
static void
act_ready(struct pool_rl *rl)
{
	int rc;

	if (rl->adopted)
		rl->pool->ctr.adopted++;
	else
		rl->pool->ctr.created++;
	rc = rl_attach(rl);
	if (rc == 0)
		rc = rl_reset(rl);
	if (rc != 0) {
		log_warnx("pool: routelet %u: setup failed: %s", rl->id,
		    strerror(-rc));
		pool_fsm(rl, POOL_EV_TRIM);
	}
}

/*
 * Adopted and held for its owner: learn its interface and watch it,
 * leaving its caps and config as they are.  A failure destroys it.
 */
static void
act_found(struct pool_rl *rl)
{
	int rc;

	rl->pool->ctr.adopted++;
	if ((rc = rl_attach(rl)) != 0) {
		log_warnx("pool: routelet %u: adoption failed: %s", rl->id,
		    strerror(-rc));
		pool_fsm(rl, POOL_EV_TRIM);
	}
}

/* pool_claim applied the caps and set the owner. */
static void
act_claim(struct pool_rl *rl)
{
	rl->pool->ctr.claimed++;
}

/* Nobody claimed it: reset it as an adopted one; a failure destroys it. */
static void
act_unclaimed(struct pool_rl *rl)
{
	int rc;

	if ((rc = rl_reset(rl)) != 0) {
		log_warnx("pool: routelet %u: reset: %s", rl->id,
		    strerror(-rc));
		pool_fsm(rl, POOL_EV_TRIM);
	}
}

/* Nothing was built: count it, wait retry_ms before creating again. */
static void
act_create_failed(struct pool_rl *rl)
{
	struct pool *pool = rl->pool;
	struct timeval tv = {
		.tv_sec = pool->conf.retry_ms / 1000,
		.tv_usec = (pool->conf.retry_ms % 1000) * 1000,
	};

	pool->ctr.create_failed++;
	pool->retry_wait = true;
	evtimer_add(pool->ev_retry, &tv);
	pool_rl_free(rl);
}

/* pool_assign applied caps and config and set the owner. */
static void
act_assign(struct pool_rl *rl)
{
	rl->pool->ctr.assigned++;
}

/* pool_release reset it: idle again. */
static void
act_release(struct pool_rl *rl)
{
	rl->pool->ctr.released++;
	rl_disown(rl);
	rl->caps = rl->pool->conf.idle_caps;
}

/* Stop watching it and have the worker destroy it. */
static void
act_destroy(struct pool_rl *rl)
{
	rl->pool->ops->watch(rl->pool->be, rl->h, NULL, NULL);
	rl_disown(rl);
	pool_queue_destroy(rl);
}

/*
 * It died: tell the owner, who keeps the record (for pool_replace) until
 * it releases it, and have its remains destroyed.
 */
static void
act_died(struct pool_rl *rl)
{
	rl->pool->ctr.died++;
	rl->pool->ops->watch(rl->pool->be, rl->h, NULL, NULL);
	if (rl->owned && rl->dead != NULL)
		rl->dead(rl->owner, rl);
	pool_queue_destroy(rl);		/* last: it may free 'rl' */
}

/* Destroyed as asked: the record goes. */
static void
act_destroyed(struct pool_rl *rl)
{
	pool_rl_free(rl);
}

/* A dead one's remains are gone; the record waits for its owner. */
static void
act_dead_destroyed(struct pool_rl *rl)
{
	if (!rl->owned)
		pool_rl_free(rl);
}

/* The owner let go of a dead one; free it once its remains are gone. */
static void
act_dead_release(struct pool_rl *rl)
{
	rl_disown(rl);
	if (!rl->live)
		pool_rl_free(rl);
}

/* Nothing to do (its destroy is already queued). */
static void
act_none(struct pool_rl *rl)
{
	(void)rl;
}
