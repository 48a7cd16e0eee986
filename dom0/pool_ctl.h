/*
 * The pool's commands on quasard's control socket (docs/ctl-protocol.md):
 * "pool show", "pool resize" and "routelet list".
 */
#ifndef QUASAR_DOM0_POOL_CTL_H
#define QUASAR_DOM0_POOL_CTL_H

#include <jansson.h>

struct ctl;
struct pool;

/*
 * Register "pool show", "pool resize" and "routelet list" on 'ctl' for
 * 'pool' (which must outlive the registration).  A "routelet list" that
 * is already registered (flows_ctl's, which names each routelet's flow)
 * is left in place.  Returns 0, or -1 with errno as ctl_register.
 */
int	pool_ctl_register(struct ctl *ctl, struct pool *pool);

/*
 * The "routelet list" reply of 'pool': one object per routelet, by id,
 * each with "flow": null (flows_ctl puts the flow's name there).  NULL
 * when out of memory.
 */
json_t	*pool_ctl_routelets(struct pool *pool);

/*
 * A routelet's counters text ("rx-packets 12\n...") as an object of
 * integers with '_' for '-' in names; lines that are not "name number"
 * are skipped.  NULL when out of memory.
 */
json_t	*pool_ctl_counters(const char *text);

/*
 * The max_idle that "pool resize MIN MAX" keeps when it is not given:
 * the current one 'cur' brought into [min_idle, max_total].
 */
unsigned pool_ctl_max_idle(unsigned cur, unsigned min_idle,
	    unsigned max_total);

#endif
