/*
 * The flows' own state, shared by dom0/flows*.c (flows.c: set, change,
 * delete; flows_rehome.c: a flow
 * whose routelet died; flows_state.c and flows_ctl.c: restart and show
 * commands).  Nothing else includes it.
 */
#ifndef QUASAR_DOM0_FLOWS_LOCAL_H
#define QUASAR_DOM0_FLOWS_LOCAL_H

#include <sys/queue.h>

#include "dom0/flows.h"
#include "dom0/pool.h"

/*
 * One flow.  Built in this order, taken down in the reverse one
 * (docs/flows.md): admission share, routelet (caps + config), HTB class,
 * vif attach (frames back from the routelet -> out line card, priority =
 * classid), ILM entry (in label -> routelet's vif).
 */
struct flow {
	TAILQ_ENTRY(flow)	entry;		/* in flows->list, oldest first */
	struct flows		*flows;
	uint64_t		key;
	struct flow_session	session;
	char			name[FLOW_NAME_MAX];
	uint8_t			setup_prio;
	uint8_t			hold_prio;
	uint32_t		in_label;
	uint32_t		out_label;
	unsigned		out_ifindex;
	unsigned		link;		/* index in flows->conf.links */
	uint8_t			nexthop_mac[6];
	uint8_t			source_mac[6];
	bool			has_sender;
	struct is_tspec		sender;
	struct is_flowspec	fs;
	struct rs_need		need;		/* from admission */
	struct pool_rl		*rl;		/* NULL once released */
	unsigned		vif_ifindex;	/* 0: not attached */
	uint32_t		classid;	/* 0: no class */
	bool			ilm_set;	/* ILM entry steers to vif */
	uint64_t		generation;	/* of the config sent */
};

TAILQ_HEAD(flow_list, flow);

struct flows {
	struct flows_conf		conf;
	const struct flows_plane_ops	*plane;
	void				*plane_arg;
	struct adm			adm;
	struct flow_list		list;
	size_t				n;
	uint64_t			generation;
	struct flows_stats		st;
};

/* flows.c */
/* The flow 'key', or NULL. */
struct flow *flows_find(const struct flows *flows, uint64_t key);
/*
 * The routelet config text of 'f' (routelet/config.h: swap or pop, MACs,
 * policer from its FLOWSPEC's TSpec) into 'buf' ('cap' bytes) with a new
 * generation.  Returns the length, or -1 if it does not fit.
 */
int flow_config_text(struct flows *flows, struct flow *f, char *buf,
    size_t cap);
/* The routelet caps of 'f' (CPU quota/period and memory from f->need). */
void flow_caps(const struct flow *f, struct pool_caps *caps_r);
/*
 * Send frames coming back from routelet 'rl' out of f's line card in its
 * class: plane vif_attach.  Returns 0 with '*vif_r', or -errno.
 */
int flow_vif_attach(struct flows *flows, const struct flow *f,
    struct pool_rl *rl, unsigned *vif_r);
/* Point f's ILM entry at 'vif' (dp_ilm_set, DP_ILM_ROUTELET). */
int flow_ilm_steer(struct flows *flows, struct flow *f, unsigned vif);
/*
 * Take 'f' down, free it and tell the engine (conf.gone) with
 * 'code'/'value'.  Its admission share is released too unless
 * 'adm_released' (admission already dropped it: a preemption victim).
 */
void flow_remove(struct flows *flows, struct flow *f, bool adm_released,
    uint8_t code, uint16_t value);
/* The pool's death callback of an assigned routelet ('owner' = flow). */
void flow_rl_dead(void *owner, struct pool_rl *rl);

/*
 * flows_rehome.c (flowops'): the routelet of 'f' died (f->rl is the dead
 * one, still assigned).  Move the flow to another routelet
 * make-before-break, or take it down with flow_remove().
 */
void flows_rehome(struct flows *flows, struct flow *f);

#endif
