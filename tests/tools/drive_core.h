/*
 * A driver of any pool backend (pool-netns-drive, pool-xen-drive and
 * pool-virt-drive):
 * the backend's ops one stdin line at a time, one answer line each
 * ("ok ..." or "error ERRNO text"):
 *
 *   create ID                      caps ID QUOTA PERIOD MEM CPUSET|-
 *   config ID FILE                 reset ID
 *   assign ID QUOTA PERIOD MEM FILE  (caps + config: "ok MS caps MS
 *                                   config MS")
 *   vif ID                         watch ID
 *   destroy ID                     info ID (describe | cpu NS | rx N)
 *   counters ID (the text, one line, ';' between counters)
 *   list (adopts; only while it holds none)
 *   cleanup                        quit (forgets: routelets stay)
 *
 * A watched routelet's death prints "dead ID MS", MS the real-time clock
 * in milliseconds.
 */
#ifndef QUASAR_TESTS_DRIVE_CORE_H
#define QUASAR_TESTS_DRIVE_CORE_H

#include "dom0/pool.h"

struct event_base;

struct drive_core {
	const struct pool_backend_ops *ops;
	void	*be;
	/* the backend's leftover cleanup: a count or -errno */
	int	(*cleanup)(void *be);
};

/* Serve stdin on 'base' until quit or end of input; prints "ready". */
int	drive_core_run(struct event_base *base, const struct drive_core *d);

#endif
