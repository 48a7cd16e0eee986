/*
 * "pool show", "pool resize" and "routelet list" (docs/ctl-protocol.md):
 * the pool's limits, counters and routelets as JSON.  Runs on quasard's
 * loop; the backend's show ops (counters, cpu_time, describe) are quick.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/ctl.h"
#include "dom0/pool.h"
#include "dom0/pool_ctl.h"

#define RL_COUNTERS_TEXT_MAX	1024

/* The states in the order "pool show" lists them. */
static const enum pool_rl_state show_states[] = {
	POOL_RL_CREATING, POOL_RL_ADOPTED, POOL_RL_IDLE, POOL_RL_ASSIGNED,
	POOL_RL_DRAINING, POOL_RL_DEAD,
};

/* The counters text as an object of integers. */
json_t *
pool_ctl_counters(const char *text)
{
	char name[64];
	unsigned long long v;
	const char *line = text;
	json_t *o;
	int n;
	size_t i;

	if ((o = json_object()) == NULL)
		return NULL;
	while (*line != '\0') {
		if (sscanf(line, "%63[a-z0-9_-] %llu%n", name, &v, &n) == 2 &&
		    (line[n] == '\n' || line[n] == '\0')) {
			for (i = 0; name[i] != '\0'; i++)
				if (name[i] == '-')
					name[i] = '_';
			if (json_object_set_new(o, name,
			    json_integer((json_int_t)v)) == -1) {
				json_decref(o);
				return NULL;
			}
		}
		line = strchr(line, '\n');
		if (line == NULL)
			break;
		line++;
	}
	return o;
}

/* 0 or a number as JSON, null for 0 ("no limit"). */
static json_t *
limit_json(uint64_t v)
{
	return v == 0 ? json_null() : json_integer((json_int_t)v);
}

/* One routelet of "routelet list". */
static json_t *
rl_json(struct pool *pool, const struct pool_rl_info *info)
{
	char text[RL_COUNTERS_TEXT_MAX];
	const struct pool_caps *c = &info->caps;
	struct pool_rl *rl = pool_rl_find(pool, info->id);
	json_t *counters = NULL;

	if (rl != NULL && pool_rl_counters(rl, text, sizeof(text)) >= 0)
		counters = pool_ctl_counters(text);
	return json_pack("{s:I, s:s, s:o, s:o, s:b, s:n, s:o, s:o, s:o, s:o,"
	    " s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)info->id,
	    "state", pool_state_name(info->state),
	    "interface", info->ifname[0] != '\0' ?
	    json_string(info->ifname) : json_null(),
	    "ifindex", info->ifindex != 0 ?
	    json_integer((json_int_t)info->ifindex) : json_null(),
	    "owned", info->has_owner,
	    "flow",
	    "cpu_quota_us", limit_json(c->cpu_quota_us),
	    "cpu_period_us", limit_json(c->cpu_period_us),
	    "cpu_percent", c->cpu_quota_us != 0 && c->cpu_period_us != 0 ?
	    json_real(100.0 * c->cpu_quota_us / c->cpu_period_us) :
	    json_null(),
	    "mem_bytes", limit_json(c->mem_bytes),
	    "cpuset", c->cpuset[0] != '\0' ? json_string(c->cpuset) :
	    json_null(),
	    "cpu_ns", info->has_cpu ? json_integer((json_int_t)info->cpu_ns) :
	    json_null(),
	    "backend", info->describe[0] != '\0' ?
	    json_string(info->describe) : json_null(),
	    "counters", counters != NULL ? counters : json_null());
}

struct rl_walk {
	struct pool	*pool;
	json_t		*list;
	bool		failed;
};

/* pool_walk: one routelet into the list. */
static void
rl_walk_one(void *arg, const struct pool_rl_info *info)
{
	struct rl_walk *w = arg;

	if (!w->failed &&
	    json_array_append_new(w->list, rl_json(w->pool, info)) == -1)
		w->failed = true;
}

/* The array of every routelet. */
json_t *
pool_ctl_routelets(struct pool *pool)
{
	struct rl_walk w = { .pool = pool };

	if ((w.list = json_array()) == NULL)
		return NULL;
	pool_walk(pool, rl_walk_one, &w);
	if (w.failed) {
		json_decref(w.list);
		return NULL;
	}
	return w.list;
}

/* The "pool show" reply. */
static json_t *
pool_show_json(struct pool *pool)
{
	struct pool_counters c;
	unsigned min_idle, max_idle, max_total;
	json_t *states;
	size_t i;

	pool_counters(pool, &c);
	pool_limits(pool, &min_idle, &max_idle, &max_total);
	if ((states = json_object()) == NULL)
		return NULL;
	for (i = 0; i < sizeof(show_states) / sizeof(show_states[0]); i++)
		if (json_object_set_new(states, pool_state_name(show_states[i]),
		    json_integer(c.in_state[show_states[i]])) == -1) {
			json_decref(states);
			return NULL;
		}
	return json_pack("{s:s, s:I, s:I, s:I, s:o, s:{s:I, s:I, s:I, s:I,"
	    " s:I, s:I, s:I, s:I, s:I, s:I}}",
	    "backend", pool_backend_name(pool),
	    "min_idle", (json_int_t)min_idle,
	    "max_idle", (json_int_t)max_idle,
	    "max_total", (json_int_t)max_total,
	    "routelets", states,
	    "counters",
	    "created", (json_int_t)c.created,
	    "create_failed", (json_int_t)c.create_failed,
	    "destroyed", (json_int_t)c.destroyed,
	    "destroy_failed", (json_int_t)c.destroy_failed,
	    "assigned", (json_int_t)c.assigned,
	    "assign_failed", (json_int_t)c.assign_failed,
	    "released", (json_int_t)c.released,
	    "died", (json_int_t)c.died,
	    "adopted", (json_int_t)c.adopted,
	    "claimed", (json_int_t)c.claimed);
}

/* "pool show": limits, routelets per state, counters. */
static int
cmd_pool_show(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	(void)args;
	if ((*reply_r = pool_show_json(arg)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/* The max_idle "pool resize" keeps: 'cur' brought into range. */
unsigned
pool_ctl_max_idle(unsigned cur, unsigned min_idle, unsigned max_total)
{
	if (cur < min_idle)
		return min_idle;
	if (cur > max_total)
		return max_total;
	return cur;
}

/*
 * The unsigned argument 'key' of 'args' into '*v_r'; 1 if it is absent
 * and not 'required' (*v_r untouched), 0 if read, -1 with a message.
 */
static int
arg_uint(json_t *args, const char *key, bool required, unsigned *v_r,
    char *err, size_t errlen)
{
	json_t *v = json_object_get(args, key);

	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 1;
		snprintf(err, errlen, "missing %s", key);
		return -1;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > INT_MAX) {
		snprintf(err, errlen, "%s must be a whole number from 0 to %d",
		    key, INT_MAX);
		return -1;
	}
	*v_r = (unsigned)json_integer_value(v);
	return 0;
}

/*
 * "pool resize": min_idle and max_total, max_idle optional (default: the
 * current one brought into range).  Replies as "pool show".
 */
static int
cmd_pool_resize(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	struct pool *pool = arg;
	unsigned min_idle, max_idle, max_total;
	int r;

	pool_limits(pool, &min_idle, &max_idle, &max_total);
	if (arg_uint(args, "min_idle", true, &min_idle, err, errlen) == -1 ||
	    arg_uint(args, "max_total", true, &max_total, err, errlen) == -1 ||
	    (r = arg_uint(args, "max_idle", false, &max_idle, err,
	    errlen)) == -1)
		return -1;
	if (r == 1)
		max_idle = pool_ctl_max_idle(max_idle, min_idle, max_total);
	if (pool_resize(pool, min_idle, max_idle, max_total) != 0) {
		snprintf(err, errlen, "limits must keep min_idle (%u) <= "
		    "max_idle (%u) <= max_total (%u)", min_idle, max_idle,
		    max_total);
		return -1;
	}
	return cmd_pool_show(pool, args, reply_r, err, errlen);
}

/* "routelet list": pool_ctl_routelets. */
static int
cmd_routelet_list(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	(void)args;
	if ((*reply_r = pool_ctl_routelets(arg)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/* Register the commands; on failure none stays registered. */
int
pool_ctl_register(struct ctl *ctl, struct pool *pool)
{
	int saved;

	if (ctl_register(ctl, "pool show", cmd_pool_show, pool) == -1)
		return -1;
	if (ctl_register(ctl, "pool resize", cmd_pool_resize, pool) == -1)
		goto undo_show;
	if (ctl_register(ctl, "routelet list", cmd_routelet_list, pool) == -1 &&
	    errno != EEXIST)
		goto undo_resize;
	return 0;
undo_resize:
	saved = errno;
	ctl_unregister(ctl, "pool resize");
	errno = saved;
undo_show:
	saved = errno;
	ctl_unregister(ctl, "pool show");
	errno = saved;
	return -1;
}
