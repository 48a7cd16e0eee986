/*
 * quasard's QoS flows from its config (docs/flows.md): the routelet
 * backend named by 'backend' (netns, xen or virt), its pool, the flows' data plane
 * (an HTB tree per line card) and the flows themselves, started and
 * stopped as one.  Also the per-packet cost (config, calibration file or
 * the model's default) and `quasard --calibrate`.
 */
#ifndef QUASAR_DOM0_FLOWS_BACKEND_H
#define QUASAR_DOM0_FLOWS_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "dom0/conf.h"
#include "dom0/flows.h"

struct event_base;
struct dp;
struct pool;
struct pool_backend_ops;

#define FLOWS_CALIB_FILE	"calibration"	/* in state-dir */
#define FLOWS_RUN_DIR		"/run/quasar"

struct flows_state;

#define FLOWS_STATE_DIR		"flows"		/* in state-dir */
#define FLOWS_STATE_SYNC_MS	1000

struct flows_backend {
	/* The backend: its ops, its state and how to free that state. */
	const struct pool_backend_ops *ops;
	void			*be;
	void			(*dispose)(void *be);
	struct pool		*pool;
	struct flows_plane	*plane;
	struct flows		*flows;
	struct flows_state	*state;		/* the flows' records */
	bool			keep;		/* on-exit keep */
	char			routelet[CONF_PATH_MAX];
	double			pkt_cost_ns;
	const char		*pkt_cost_from;	/* "config", "calibration",
						   "default" */
};

/*
 * Start the QoS flows of 'conf' (conf->backend != CONF_BACKEND_NONE) on
 * 'base' and data plane 'dp', the line cards being 'ifindex' (one per
 * conf->ifs, same order).  With "on-exit teardown" the backend's
 * leftovers of a crashed quasard are removed first and stale flow
 * records cleared; with "on-exit keep" the running routelets are adopted
 * and the flows of <state-dir>/flows restored (dom0/flows_state.h).
 * 'gone'/'gone_arg' go to flows_conf.  Returns 0, or -1 with the reason
 * logged and nothing left behind.
 */
int	flows_backend_start(struct flows_backend *fb, const struct conf *conf,
	    struct event_base *base, struct dp *dp, const unsigned *ifindex,
	    void (*gone)(void *, uint64_t, uint8_t, uint16_t), void *gone_arg);

/*
 * "on-exit teardown": take every flow down, destroy every routelet,
 * remove the HTB trees and the records, free the backend.  "on-exit
 * keep": write the records, free everything here leaving the flows, their
 * routelets and classes running for the next quasard.  Safe on a zeroed
 * or half-started 'fb'.
 */
void	flows_backend_stop(struct flows_backend *fb);

/*
 * The quasar-routelet to run: conf->routelet, or the one next to this
 * program (/proc/self/exe), into 'buf'.  0 or -errno.
 */
int	flows_routelet_path(const struct conf *conf, char *buf, size_t len);

/*
 * quasard --calibrate: measure the per-packet cost (dom0/calibrate.h)
 * with conf's routelet, store it in <state-dir>/calibration, print the
 * figure on stdout.  Returns 0 or -1 (the reason on stderr).
 */
int	flows_calibrate(const struct conf *conf);

#endif
