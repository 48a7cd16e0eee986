/*
 * The pool's insides, shared by pool.c (API, worker, sizing) and
 * pool_fsm.c (the per-routelet state machine).
 */
#ifndef QUASAR_DOM0_POOL_LOCAL_H
#define QUASAR_DOM0_POOL_LOCAL_H

#include <pthread.h>
#include <sys/queue.h>

#include "dom0/pool.h"

/* A state after which the record is freed; never stored. */
#define POOL_RL_GONE	POOL_RL_NSTATES

enum pool_rl_event {
	POOL_EV_CREATED = 0,	/* the worker created it, or it was adopted */
	POOL_EV_CREATE_FAILED,	/* the worker could not create it */
	POOL_EV_ASSIGN,		/* caps and config applied for an owner */
	POOL_EV_RELEASE,	/* the owner gave it back, reset done */
	POOL_EV_TRIM,		/* to be destroyed: surplus or broken */
	POOL_EV_DIED,		/* the backend's watch saw it die */
	POOL_EV_DESTROYED,	/* the worker destroyed it */
	POOL_EV_FOUND,		/* adopted, to be held for its owner */
	POOL_EV_CLAIM,		/* its owner took an adopted one back */
	POOL_EV_UNCLAIMED,	/* nobody claimed an adopted one */
	POOL_EV_NEVENTS,
};

/* One slow backend call for the worker (a routelet has one at most). */
struct pool_job {
	TAILQ_ENTRY(pool_job)	 entry;
	struct pool_rl		*rl;
	bool			 create;	/* else destroy */
	unsigned		 id;		/* create: its number */
	void			*h;		/* destroy: in; create: out */
	int			 rc;
};
TAILQ_HEAD(pool_jobq, pool_job);

struct pool_rl {
	TAILQ_ENTRY(pool_rl)	 entry;		/* pool->rls, by id */
	struct pool		*pool;
	unsigned		 id;
	enum pool_rl_state	 state;
	void			*h;		/* backend handle */
	bool			 live;		/* backend holds it */
	bool			 adopted;
	bool			 owned;		/* assigned, not released */
	char			 ifname[POOL_IFNAME_MAX];
	unsigned		 ifindex;
	struct pool_caps	 caps;
	char			*text;		/* config, for pool_replace */
	size_t			 len;
	pool_dead_cb		 dead;
	void			*owner;
	struct pool_job		 job;		/* create or destroy */
};


struct pool {
	struct event_base		*base;
	const struct pool_backend_ops	*ops;
	void				*be;
	struct pool_conf		 conf;
	TAILQ_HEAD(pool_rl_list, pool_rl) rls;
	struct pool_counters		 ctr;
	struct event			*ev_done;
	struct event			*ev_retry;
	bool				 retry_wait;
	/* routelets made outside quasard (ops->watch_new): looked for again
	 * every second while one found does not run yet */
	struct event			*ev_join;
	unsigned			 join_tries;
	bool				 join_pending;
	int				 efd;
	pthread_t			 worker;
	pthread_mutex_t			 mtx;
	pthread_cond_t			 cv;
	struct pool_jobq		 todo;
	struct pool_jobq		 done;
	bool				 stop;
	bool				 keep;		/* with stop */
};

/* pool_fsm.c */
void	pool_fsm(struct pool_rl *rl, enum pool_rl_event ev);
const char *pool_event_name(enum pool_rl_event ev);

/* pool.c */
void	pool_queue_destroy(struct pool_rl *rl);
void	pool_rl_free(struct pool_rl *rl);
void	pool_rl_died(void *arg);

#endif
