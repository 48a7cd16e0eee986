/*
 * The routelet pool: sizing (min_idle, max_idle, max_total), the worker
 * thread that runs the backend's slow create and destroy, and the API.
 * Per-routelet transitions are in pool_fsm.c.
 *
 * The worker takes jobs from 'todo' one at a time and puts the finished
 * ones on 'done', then writes the eventfd; the loop's read event takes
 * them and feeds each routelet's state machine.  Only the two job queues,
 * 'stop' and 'keep' are shared, under 'mtx'; a job lives in its routelet's
 * record, which is not freed while the job is out.  The worker runs with every signal
 * blocked, so signals (SIGCHLD for libxl) stay with the loop's thread.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include <event2/event.h>

#include "dom0/pool_local.h"
#include "lib/log.h"

/* Worker thread: run jobs until stopped and the queue is empty. */
static void *
pool_worker(void *arg)
{
	struct pool *pool = arg;
	struct pool_job *job;
	uint64_t one = 1;

	pthread_mutex_lock(&pool->mtx);
	for (;;) {
		while (TAILQ_EMPTY(&pool->todo) && !pool->stop)
			pthread_cond_wait(&pool->cv, &pool->mtx);
		if ((job = TAILQ_FIRST(&pool->todo)) == NULL)
			break;
		TAILQ_REMOVE(&pool->todo, job, entry);
		pthread_mutex_unlock(&pool->mtx);
		if (job->create)
			job->rc = pool->ops->create(pool->be, job->id, &job->h);
		else
			job->rc = pool->ops->destroy(pool->be, job->h);
		pthread_mutex_lock(&pool->mtx);
		if (job->create && job->rc == 0 && pool->stop && !pool->keep) {
			/* Shutting down: nobody will take it. */
			pthread_mutex_unlock(&pool->mtx);
			pool->ops->destroy(pool->be, job->h);
			pthread_mutex_lock(&pool->mtx);
			job->h = NULL;
			job->rc = -ECANCELED;
		}
		TAILQ_INSERT_TAIL(&pool->done, job, entry);
		if (write(pool->efd, &one, sizeof(one)) != sizeof(one))
			log_warn("pool: eventfd write");
	}
	pthread_mutex_unlock(&pool->mtx);
	return NULL;
}

/* Hand a job to the worker. */
static void
pool_queue(struct pool *pool, struct pool_job *job)
{
	pthread_mutex_lock(&pool->mtx);
	TAILQ_INSERT_TAIL(&pool->todo, job, entry);
	pthread_cond_signal(&pool->cv);
	pthread_mutex_unlock(&pool->mtx);
}

/* Have the worker destroy 'rl'. */
void
pool_queue_destroy(struct pool_rl *rl)
{
	rl->job.rl = rl;
	rl->job.create = false;
	rl->job.h = rl->h;
	pool_queue(rl->pool, &rl->job);
}

/* Unlink and free a record. */
void
pool_rl_free(struct pool_rl *rl)
{
	TAILQ_REMOVE(&rl->pool->rls, rl, entry);
	free(rl->text);
	free(rl);
}

/* A new record in state creating with the smallest free id, or NULL. */
static struct pool_rl *
pool_rl_new(struct pool *pool, unsigned id)
{
	struct pool_rl *rl, *pos;

	if ((rl = calloc(1, sizeof(*rl))) == NULL)
		return NULL;
	rl->pool = pool;
	rl->id = id;
	rl->state = POOL_RL_CREATING;
	TAILQ_FOREACH(pos, &pool->rls, entry)
		if (pos->id > id)
			break;
	if (pos != NULL)
		TAILQ_INSERT_BEFORE(pos, rl, entry);
	else
		TAILQ_INSERT_TAIL(&pool->rls, rl, entry);
	return rl;
}

/* The smallest id no record has. */
static unsigned
pool_free_id(const struct pool *pool)
{
	const struct pool_rl *rl;
	unsigned id = 0;

	TAILQ_FOREACH(rl, &pool->rls, entry) {
		if (rl->id > id)
			break;
		id = rl->id + 1;
	}
	return id;
}

/* Queue the creation of one more routelet; 0 or -errno. */
static int
pool_grow(struct pool *pool)
{
	struct pool_rl *rl;

	if ((rl = pool_rl_new(pool, pool_free_id(pool))) == NULL)
		return -ENOMEM;
	rl->job.rl = rl;
	rl->job.create = true;
	rl->job.id = rl->id;
	pool_queue(pool, &rl->job);
	return 0;
}

/* Routelets in state 's'. */
static unsigned
pool_count(const struct pool *pool, enum pool_rl_state s)
{
	const struct pool_rl *rl;
	unsigned n = 0;

	TAILQ_FOREACH(rl, &pool->rls, entry)
		if (rl->state == s)
			n++;
	return n;
}

/*
 * Routelets that are, or will be, in use: creating, idle, assigned, or
 * adopted and waiting for their owner.
 */
static unsigned
pool_active(const struct pool *pool)
{
	return pool_count(pool, POOL_RL_CREATING) +
	    pool_count(pool, POOL_RL_IDLE) + pool_count(pool, POOL_RL_ASSIGNED) +
	    pool_count(pool, POOL_RL_ADOPTED);
}

/* Routelets holding the backend's resources (for max_total). */
static unsigned
pool_held(const struct pool *pool)
{
	const struct pool_rl *rl;
	unsigned n = 0;

	TAILQ_FOREACH(rl, &pool->rls, entry)
		if (rl->live || rl->state == POOL_RL_CREATING)
			n++;
	return n;
}

/* The idle routelet with the highest id, or NULL. */
static struct pool_rl *
pool_last_idle(struct pool *pool)
{
	struct pool_rl *rl;

	TAILQ_FOREACH_REVERSE(rl, &pool->rls, pool_rl_list, entry)
		if (rl->state == POOL_RL_IDLE)
			return rl;
	return NULL;
}

/*
 * Fit the pool to its limits: destroy idle routelets above max_idle or
 * while more than max_total are active, then create until min_idle are
 * idle or creating (not while waiting after a failed create).
 */
static void
pool_maintain(struct pool *pool)
{
	const struct pool_conf *c = &pool->conf;
	struct pool_rl *rl;

	while ((rl = pool_last_idle(pool)) != NULL &&
	    (pool_count(pool, POOL_RL_IDLE) > c->max_idle ||
	    pool_active(pool) > c->max_total))
		pool_fsm(rl, POOL_EV_TRIM);
	while (!pool->retry_wait &&
	    pool_count(pool, POOL_RL_IDLE) +
	    pool_count(pool, POOL_RL_CREATING) < c->min_idle &&
	    pool_held(pool) < c->max_total)
		if (pool_grow(pool) != 0) {
			log_warnx("pool: out of memory");
			break;
		}
}

/* Feed one finished job to its routelet. */
static void
pool_job_done(struct pool *pool, struct pool_job *job)
{
	struct pool_rl *rl = job->rl;

	if (job->create) {
		if (job->rc != 0) {
			log_warnx("pool: routelet %u: create: %s", rl->id,
			    strerror(-job->rc));
			pool_fsm(rl, POOL_EV_CREATE_FAILED);
			return;
		}
		rl->h = job->h;
		rl->live = true;
		pool_fsm(rl, POOL_EV_CREATED);
		return;
	}
	if (job->rc == 0)
		pool->ctr.destroyed++;
	else {
		log_warnx("pool: routelet %u: destroy: %s", rl->id,
		    strerror(-job->rc));
		pool->ctr.destroy_failed++;
	}
	rl->h = NULL;
	rl->live = false;
	pool_fsm(rl, POOL_EV_DESTROYED);
}

/* Take the worker's finished jobs from 'pool->done'. */
static void
pool_take_done(struct pool *pool, struct pool_jobq *q)
{
	pthread_mutex_lock(&pool->mtx);
	TAILQ_CONCAT(q, &pool->done, entry);
	pthread_mutex_unlock(&pool->mtx);
}

/* The eventfd is readable: process what the worker finished. */
static void
pool_on_done(evutil_socket_t fd, short what, void *arg)
{
	struct pool *pool = arg;
	struct pool_jobq q = TAILQ_HEAD_INITIALIZER(q);
	struct pool_job *job;
	unsigned idle = pool_count(pool, POOL_RL_IDLE);
	uint64_t n;

	(void)what;
	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		log_warn("pool: eventfd read");
	pool_take_done(pool, &q);
	while ((job = TAILQ_FIRST(&q)) != NULL) {
		TAILQ_REMOVE(&q, job, entry);
		pool_job_done(pool, job);
	}
	pool_maintain(pool);
	if (pool->conf.ready != NULL && pool_count(pool, POOL_RL_IDLE) > idle)
		pool->conf.ready(pool->conf.ready_arg);
}

/* retry_ms after a failed create: may create again. */
static void
pool_on_retry(evutil_socket_t fd, short what, void *arg)
{
	struct pool *pool = arg;

	(void)fd;
	(void)what;
	pool->retry_wait = false;
	pool_maintain(pool);
}

/* The backend's watch: routelet 'arg' died. */
void
pool_rl_died(void *arg)
{
	struct pool_rl *rl = arg;
	struct pool *pool = rl->pool;

	log_warnx("pool: routelet %u died", rl->id);
	pool_fsm(rl, POOL_EV_DIED);
	pool_maintain(pool);
}

/* Log routelet 'id' (handle 'h') taken by the pool as 'how'. */
static void
pool_log_taken(struct pool *pool, unsigned id, void *h, const char *how)
{
	char d[96] = "";

	if (pool->ops->describe != NULL &&
	    pool->ops->describe(pool->be, h, d, sizeof(d)) < 0)
		d[0] = '\0';
	log_info("pool: routelet %u %s%s%s", id, how, d[0] != '\0' ? ": " : "",
	    d);
}

/* list(): take an existing routelet, as idle or held for its owner. */
static void
pool_adopt_one(void *arg, unsigned id, void *h)
{
	struct pool *pool = arg;
	struct pool_rl *rl;

	pool_log_taken(pool, id, h, "adopted");
	if ((rl = pool_rl_new(pool, id)) == NULL) {
		log_warnx("pool: out of memory, routelet %u left alone", id);
		return;
	}
	rl->h = h;
	rl->live = true;
	rl->adopted = true;
	pool_fsm(rl, pool->conf.hold_adopted ? POOL_EV_FOUND : POOL_EV_CREATED);
}

/* How long a routelet made outside quasard may take to run, in tries. */
#define POOL_JOIN_TRIES		120
#define POOL_JOIN_EVERY_MS	1000
#define POOL_JOIN_PROBE_MAX	1024

/*
 * list() at run time: take a routelet the pool does not know, once it
 * runs (its counters can be read); forget the others' handles.
 */
static void
pool_join_one(void *arg, unsigned id, void *h)
{
	struct pool *pool = arg;
	struct pool_rl *rl;
	char probe[POOL_JOIN_PROBE_MAX];

	if (pool_rl_find(pool, id) != NULL) {
		pool->ops->forget(pool->be, h);
		return;
	}
	if (pool->ops->counters != NULL &&
	    pool->ops->counters(pool->be, h, probe, sizeof(probe)) < 0) {
		pool->ops->forget(pool->be, h);
		pool->join_pending = true;
		return;
	}
	if ((rl = pool_rl_new(pool, id)) == NULL) {
		pool->ops->forget(pool->be, h);
		log_warnx("pool: out of memory, routelet %u left alone", id);
		return;
	}
	pool_log_taken(pool, id, h, "made outside quasard joins the pool");
	rl->h = h;
	rl->live = true;
	rl->adopted = true;
	pool_fsm(rl, POOL_EV_CREATED);
}

/* List the backend again for routelets made outside quasard. */
static void
pool_join(struct pool *pool)
{
	struct timeval tv = { POOL_JOIN_EVERY_MS / 1000,
	    (POOL_JOIN_EVERY_MS % 1000) * 1000 };
	unsigned idle = pool_count(pool, POOL_RL_IDLE);
	int rc;

	pool->join_pending = false;
	if ((rc = pool->ops->list(pool->be, pool_join_one, pool)) != 0)
		log_warnx("pool: %s: list: %s", pool->ops->name,
		    strerror(-rc));
	if ((pool->join_pending || rc != 0) && pool->join_tries > 0) {
		pool->join_tries--;
		evtimer_add(pool->ev_join, &tv);
	}
	pool_maintain(pool);
	if (pool->conf.ready != NULL && pool_count(pool, POOL_RL_IDLE) > idle)
		pool->conf.ready(pool->conf.ready_arg);
}

/* The backend's watch_new: a routelet may have appeared. */
static void
pool_on_appeared(void *arg)
{
	struct pool *pool = arg;

	pool->join_tries = POOL_JOIN_TRIES;
	pool_join(pool);
}

static void
pool_on_join(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	pool_join(arg);
}

static bool
pool_limits_ok(unsigned min_idle, unsigned max_idle, unsigned max_total)
{
	return min_idle <= max_idle && max_idle <= max_total;
}

/* Start the worker with every signal blocked; 0 or -errno. */
static int
pool_start_worker(struct pool *pool)
{
	sigset_t all, old;
	int r;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&pool->worker, NULL, pool_worker, pool);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return -r;
}

/*
 * Make a pool on 'base' over 'ops'/'be' with 'conf'; adopt the backend's
 * routelets if 'adopt'.  0 with *pool_r, or -errno with nothing left.
 */
int
pool_create(struct event_base *base, const struct pool_backend_ops *ops,
    void *be, const struct pool_conf *conf, bool adopt,
    struct pool **pool_r)
{
	struct pool *pool;
	int rc;

	*pool_r = NULL;
	if (!pool_limits_ok(conf->min_idle, conf->max_idle, conf->max_total))
		return -EINVAL;
	if ((pool = calloc(1, sizeof(*pool))) == NULL)
		return -ENOMEM;
	pool->base = base;
	pool->ops = ops;
	pool->be = be;
	pool->conf = *conf;
	TAILQ_INIT(&pool->rls);
	TAILQ_INIT(&pool->todo);
	TAILQ_INIT(&pool->done);
	pthread_mutex_init(&pool->mtx, NULL);
	pthread_cond_init(&pool->cv, NULL);
	if ((pool->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1) {
		rc = -errno;
		goto out;
	}
	pool->ev_done = event_new(base, pool->efd, EV_READ | EV_PERSIST,
	    pool_on_done, pool);
	pool->ev_retry = evtimer_new(base, pool_on_retry, pool);
	pool->ev_join = evtimer_new(base, pool_on_join, pool);
	if (pool->ev_done == NULL || pool->ev_retry == NULL ||
	    pool->ev_join == NULL || event_add(pool->ev_done, NULL) != 0) {
		rc = -ENOMEM;
		goto out;
	}
	if ((rc = pool_start_worker(pool)) != 0)
		goto out;
	if (adopt && (rc = ops->list(be, pool_adopt_one, pool)) != 0) {
		log_warnx("pool: %s: list: %s", ops->name, strerror(-rc));
		pool_free(pool, true);
		return rc;
	}
	if (ops->watch_new != NULL &&
	    (rc = ops->watch_new(be, pool_on_appeared, pool)) != 0) {
		log_warnx("pool: %s: watch for new routelets: %s", ops->name,
		    strerror(-rc));
		pool_free(pool, true);
		return rc;
	}
	pool_maintain(pool);
	*pool_r = pool;
	return 0;
out:
	if (pool->ev_join != NULL)
		event_free(pool->ev_join);
	if (pool->ev_retry != NULL)
		event_free(pool->ev_retry);
	if (pool->ev_done != NULL)
		event_free(pool->ev_done);
	if (pool->efd != -1)
		close(pool->efd);
	pthread_cond_destroy(&pool->cv);
	pthread_mutex_destroy(&pool->mtx);
	free(pool);
	return rc;
}

/*
 * After the worker stopped with 'keep': let the backend free the handles
 * of the routelets that stay, including those whose create finished but
 * was not taken from the done queue yet (a finished destroy freed its
 * handle already).
 */
static void
pool_forget_all(struct pool *pool)
{
	struct pool_job *job;
	struct pool_rl *rl;

	while ((job = TAILQ_FIRST(&pool->done)) != NULL) {
		TAILQ_REMOVE(&pool->done, job, entry);
		job->rl->live = job->create && job->rc == 0;
		if (job->create && job->rc == 0)
			job->rl->h = job->h;
	}
	TAILQ_FOREACH(rl, &pool->rls, entry) {
		if (rl->live && rl->h != NULL)
			pool->ops->forget(pool->be, rl->h);
		rl->h = NULL;
		rl->live = false;
	}
}

/*
 * After the worker stopped without 'keep': a create it finished before
 * it saw the stop waits on the done queue, where the loop never took it;
 * destroy it here (rare, and shutdown only), so nothing is left.
 */
static void
pool_destroy_done(struct pool *pool)
{
	struct pool_job *job;

	while ((job = TAILQ_FIRST(&pool->done)) != NULL) {
		TAILQ_REMOVE(&pool->done, job, entry);
		if (job->create && job->rc == 0)
			(void)pool->ops->destroy(pool->be, job->h);
	}
}

/*
 * Stop the pool.  Unless 'keep', the worker gets a destroy for every idle
 * or assigned routelet and destroys at once whatever it still creates;
 * then it is joined, and a create it finished just before the stop is
 * destroyed too: nothing is left.
 */
void
pool_free(struct pool *pool, bool keep)
{
	struct pool_rl *rl;

	if (pool == NULL)
		return;
	if (pool->ops->watch_new != NULL)
		pool->ops->watch_new(pool->be, NULL, NULL);
	TAILQ_FOREACH(rl, &pool->rls, entry) {
		if (rl->state != POOL_RL_IDLE &&
		    rl->state != POOL_RL_ASSIGNED &&
		    rl->state != POOL_RL_ADOPTED)
			continue;
		pool->ops->watch(pool->be, rl->h, NULL, NULL);
		if (!keep)
			pool_queue_destroy(rl);
	}
	pthread_mutex_lock(&pool->mtx);
	pool->stop = true;
	pool->keep = keep;
	pthread_cond_signal(&pool->cv);
	pthread_mutex_unlock(&pool->mtx);
	pthread_join(pool->worker, NULL);
	if (keep)
		pool_forget_all(pool);
	else
		pool_destroy_done(pool);
	while ((rl = TAILQ_FIRST(&pool->rls)) != NULL)
		pool_rl_free(rl);
	event_free(pool->ev_join);
	event_free(pool->ev_retry);
	event_free(pool->ev_done);
	close(pool->efd);
	pthread_cond_destroy(&pool->cv);
	pthread_mutex_destroy(&pool->mtx);
	free(pool);
}

/* The idle routelet with the lowest id, or NULL. */
static struct pool_rl *
pool_first_idle(struct pool *pool)
{
	struct pool_rl *rl;

	TAILQ_FOREACH(rl, &pool->rls, entry)
		if (rl->state == POOL_RL_IDLE)
			return rl;
	return NULL;
}

/* Take an idle routelet, apply 'caps' and 'text' for 'owner'. */
int
pool_assign(struct pool *pool, const struct pool_caps *caps,
    const char *text, size_t len, pool_dead_cb dead, void *owner,
    struct pool_rl **rl_r)
{
	struct pool_rl *rl;
	char *copy;
	int rc;

	*rl_r = NULL;
	if (len == 0)
		return -EINVAL;
	if ((rl = pool_first_idle(pool)) == NULL)
		return -EAGAIN;
	if ((copy = malloc(len)) == NULL)
		return -ENOMEM;
	memcpy(copy, text, len);
	rc = pool->ops->set_caps(pool->be, rl->h, caps);
	if (rc == 0)
		rc = pool->ops->configure(pool->be, rl->h, text, len);
	if (rc != 0) {
		log_warnx("pool: routelet %u: assign: %s", rl->id,
		    strerror(-rc));
		free(copy);
		pool->ctr.assign_failed++;
		pool_fsm(rl, POOL_EV_TRIM);
		goto out;
	}
	rl->caps = *caps;
	rl->text = copy;
	rl->len = len;
	rl->dead = dead;
	rl->owner = owner;
	rl->owned = true;
	pool_fsm(rl, POOL_EV_ASSIGN);
	*rl_r = rl;
out:
	pool_maintain(pool);
	return rc;
}

/* Take back adopted routelet 'id' for 'owner' with 'caps' and 'text'. */
int
pool_claim(struct pool *pool, unsigned id, const struct pool_caps *caps,
    const char *text, size_t len, pool_dead_cb dead, void *owner,
    struct pool_rl **rl_r)
{
	struct pool_rl *rl;
	char *copy;
	int rc;

	*rl_r = NULL;
	if (len == 0)
		return -EINVAL;
	rl = pool_rl_find(pool, id);
	if (rl == NULL || rl->state != POOL_RL_ADOPTED)
		return -ENOENT;
	if ((copy = malloc(len)) == NULL)
		return -ENOMEM;
	memcpy(copy, text, len);
	if ((rc = pool->ops->set_caps(pool->be, rl->h, caps)) != 0) {
		log_warnx("pool: routelet %u: claim: %s", rl->id,
		    strerror(-rc));
		free(copy);
		pool_fsm(rl, POOL_EV_TRIM);
		pool_maintain(pool);
		return rc;
	}
	rl->caps = *caps;
	rl->text = copy;
	rl->len = len;
	rl->dead = dead;
	rl->owner = owner;
	rl->owned = true;
	pool_fsm(rl, POOL_EV_CLAIM);
	*rl_r = rl;
	return 0;
}

/* Reset every adopted routelet nobody claimed and make it idle. */
void
pool_claim_done(struct pool *pool)
{
	struct pool_rl *rl, *next;
	unsigned idle = pool_count(pool, POOL_RL_IDLE);

	for (rl = TAILQ_FIRST(&pool->rls); rl != NULL; rl = next) {
		next = TAILQ_NEXT(rl, entry);
		if (rl->state == POOL_RL_ADOPTED)
			pool_fsm(rl, POOL_EV_UNCLAIMED);
	}
	pool_maintain(pool);
	if (pool->conf.ready != NULL && pool_count(pool, POOL_RL_IDLE) > idle)
		pool->conf.ready(pool->conf.ready_arg);
}

/* Assign another routelet like 'old' (make-before-break). */
int
pool_replace(struct pool *pool, struct pool_rl *old, struct pool_rl **rl_r)
{
	*rl_r = NULL;
	if (!old->owned)
		return -EINVAL;
	return pool_assign(pool, &old->caps, old->text, old->len, old->dead,
	    old->owner, rl_r);
}

/* New caps and config for the assigned 'rl' (a re-admitted flow). */
int
pool_reconfigure(struct pool *pool, struct pool_rl *rl,
    const struct pool_caps *caps, const char *text, size_t len)
{
	char *copy;
	int rc;

	if (!rl->owned || rl->state != POOL_RL_ASSIGNED || len == 0)
		return -EINVAL;
	if ((copy = malloc(len)) == NULL)
		return -ENOMEM;
	memcpy(copy, text, len);
	rc = pool->ops->set_caps(pool->be, rl->h, caps);
	if (rc == 0)
		rc = pool->ops->configure(pool->be, rl->h, text, len);
	if (rc != 0) {
		log_warnx("pool: routelet %u: reconfigure: %s", rl->id,
		    strerror(-rc));
		/* Back to what it had; the config it runs is still the old
		 * one unless configure itself failed half-way. */
		(void)pool->ops->set_caps(pool->be, rl->h, &rl->caps);
		(void)pool->ops->configure(pool->be, rl->h, rl->text, rl->len);
		free(copy);
		return rc;
	}
	free(rl->text);
	rl->caps = *caps;
	rl->text = copy;
	rl->len = len;
	return 0;
}

/* Give 'rl' back: reset to idle, or destroy. */
void
pool_release(struct pool *pool, struct pool_rl *rl)
{
	const struct pool_conf *c = &pool->conf;
	int rc;

	if (rl->state == POOL_RL_DEAD) {
		pool_fsm(rl, POOL_EV_RELEASE);
		goto out;
	}
	if (rl->state != POOL_RL_ASSIGNED) {
		log_warnx("pool: routelet %u: release in state %s", rl->id,
		    pool_state_name(rl->state));
		return;
	}
	if (pool_count(pool, POOL_RL_IDLE) >= c->max_idle ||
	    pool_active(pool) > c->max_total) {
		pool_fsm(rl, POOL_EV_TRIM);
		goto out;
	}
	rc = pool->ops->configure(pool->be, rl->h, NULL, 0);
	if (rc == 0)
		rc = pool->ops->set_caps(pool->be, rl->h, &c->idle_caps);
	if (rc != 0) {
		log_warnx("pool: routelet %u: reset: %s", rl->id,
		    strerror(-rc));
		pool_fsm(rl, POOL_EV_TRIM);
		goto out;
	}
	pool_fsm(rl, POOL_EV_RELEASE);
	pool_maintain(pool);
	if (c->ready != NULL)
		c->ready(c->ready_arg);
	return;
out:
	pool_maintain(pool);
}

/* New limits; create or destroy idle routelets to fit. */
int
pool_resize(struct pool *pool, unsigned min_idle, unsigned max_idle,
    unsigned max_total)
{
	if (!pool_limits_ok(min_idle, max_idle, max_total))
		return -EINVAL;
	pool->conf.min_idle = min_idle;
	pool->conf.max_idle = max_idle;
	pool->conf.max_total = max_total;
	pool_maintain(pool);
	return 0;
}

/* Copy the facts of 'rl' into 'info'. */
void
pool_rl_info(const struct pool_rl *rl, struct pool_rl_info *info)
{
	const struct pool *pool = rl->pool;

	memset(info, 0, sizeof(*info));
	info->id = rl->id;
	info->state = rl->state;
	memcpy(info->ifname, rl->ifname, sizeof(info->ifname));
	info->ifindex = rl->ifindex;
	info->has_owner = rl->owned;
	info->caps = rl->caps;
	if (!rl->live || rl->h == NULL)
		return;
	if (pool->ops->cpu_time != NULL)
		info->has_cpu = pool->ops->cpu_time(pool->be, rl->h,
		    &info->cpu_ns) == 0;
	if (pool->ops->describe == NULL ||
	    pool->ops->describe(pool->be, rl->h, info->describe,
	    sizeof(info->describe)) < 0)
		info->describe[0] = '\0';
}

/* The counters text of 'rl' from the backend. */
int
pool_rl_counters(const struct pool_rl *rl, char *buf, size_t len)
{
	const struct pool *pool = rl->pool;

	if (pool->ops->counters == NULL)
		return -ENOTSUP;
	if (!rl->live || rl->h == NULL)
		return -ESRCH;
	return pool->ops->counters(pool->be, rl->h, buf, len);
}

/* The routelet numbered 'id', or NULL. */
struct pool_rl *
pool_rl_find(struct pool *pool, unsigned id)
{
	struct pool_rl *rl;

	TAILQ_FOREACH(rl, &pool->rls, entry)
		if (rl->id == id)
			return rl;
	return NULL;
}

/* The limits in force now. */
void
pool_limits(const struct pool *pool, unsigned *min_idle_r,
    unsigned *max_idle_r, unsigned *max_total_r)
{
	*min_idle_r = pool->conf.min_idle;
	*max_idle_r = pool->conf.max_idle;
	*max_total_r = pool->conf.max_total;
}

/* The backend's name. */
const char *
pool_backend_name(const struct pool *pool)
{
	return pool->ops->name;
}

/* Copy the counters, with the routelets in each state now. */
void
pool_counters(const struct pool *pool, struct pool_counters *c)
{
	unsigned s;

	*c = pool->ctr;
	for (s = 0; s < POOL_RL_NSTATES; s++)
		c->in_state[s] = pool_count(pool, s);
}

/* cb(arg, info) for each routelet by id. */
void
pool_walk(const struct pool *pool,
    void (*cb)(void *arg, const struct pool_rl_info *info), void *arg)
{
	const struct pool_rl *rl;
	struct pool_rl_info info;

	TAILQ_FOREACH(rl, &pool->rls, entry) {
		pool_rl_info(rl, &info);
		cb(arg, &info);
	}
}
