/*
 * A flows instance over the pool's fake backend and the fake plane, for
 * the flowops tests: rig_up makes it, rig_req builds a Controlled-Load
 * request, rig_settle runs the loop until the pool is quiet.
 */
#ifndef TEST_FLOWOPS_RIG_H
#define TEST_FLOWOPS_RIG_H

#include <event2/event.h>

#include "dom0/flows.h"
#include "dom0/pool.h"
#include "../pool/fake.h"
#include "plane.h"

struct rig {
	struct fake		f;
	struct event_base	*base;
	struct pool		*pool;
	struct plane		plane;
	struct flows		*flows;
	/* What conf.gone was told last, and how often. */
	unsigned		gone_calls;
	uint64_t		gone_key;
	uint8_t			gone_code;
	uint16_t		gone_value;
	/* Each routelet's full config text (the fake keeps 63 bytes). */
	char			config[FAKE_MAX][512];
	uint8_t			fs_body[64];
	size_t			fs_len;
};

/* The fake backend with configure recording whole texts in the rig. */
extern struct pool_backend_ops rig_ops;

/* Pool limits, then the flows; 'adopt' adopts with owners. */
void	rig_up(struct rig *r, unsigned min_idle, unsigned max_idle,
	    unsigned max_total, bool adopt);
/*
 * Flows down, pool destroyed, loop freed; with 'keep' as a quasard that
 * exits keeping its flows: plane and routelets stay, the routelets are
 * listed to the next pool for adoption.
 */
void	rig_down(struct rig *r, bool keep);
/* Run the loop until nothing is created or destroyed (2 s at most). */
void	rig_settle(struct rig *r);
/* A Controlled-Load request of 'kbps' kbit/s for LSP 'lsp_id'. */
void	rig_req(struct rig *r, struct flow_req *req, uint64_t key,
	    uint16_t lsp_id, uint32_t in_label, unsigned kbps);
/* Routelets in state 's'. */
unsigned rig_in_state(struct rig *r, enum pool_rl_state s);

#define RIG_LINK_IFINDEX	4

#endif
