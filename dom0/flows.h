/*
 * QoS flows end to end (docs/flows.md): one PSB whose Resv carries a
 * Controlled-Load or Guaranteed FLOWSPEC becomes a flow that admission
 * control (flowspec/admission.h) accepts, a pooled routelet (dom0/pool.h)
 * forwards with capped CPU and memory, an HTB class (demux/egress_htb.h)
 * shapes on its line card, and the ILM entry of its in label
 * (demux/dp.h, DP_ILM_ROUTELET) steers to.
 *
 * flows_set() builds a flow or changes one; flows_del() takes it down.
 * Every step that fails undoes the steps already done: a refused flow
 * leaves no class, no routelet assigned, no ILM entry, no admission share.
 * A refusal comes back as the RSVP ERROR_SPEC code and value the engine
 * sends in its ResvErr.  Everything runs on quasard's loop.
 */
#ifndef QUASAR_DOM0_FLOWS_H
#define QUASAR_DOM0_FLOWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <net/if.h>

#include "demux/dp.h"
#include "flowspec/admission.h"
#include "flowspec/intserv.h"
#include "flowspec/resource.h"

struct flows;
struct pool;
struct pool_rl;

#define FLOW_NAME_MAX		32	/* with the NUL, as RL_NAME_MAX */
#define FLOW_ERR_MAX		160
#define FLOWS_OUT_LABEL_POP	3	/* implicit null, RFC 3032 2.1 */

/*
 * ERROR_SPEC of a data-plane failure (an ILM entry, vif, HTB class or the
 * routelet's config refused by the kernel or the routelet): code 1
 * (Admission Control Failure) with our organization-specific value, as
 * ADM_AC_CPU/MEMORY/POOL (RFC 2205 App. B, "ss = 10").
 */
#define FLOWS_AC_DATAPLANE	(ADM_AC_ORG | 4)

/* flows_set() when the FLOWSPEC asks for no QoS: program best effort. */
#define FLOWS_BEST_EFFORT	1

/* An LSP as RSVP-TE names it (RFC 3209 4.6: SESSION and FILTER_SPEC). */
struct flow_session {
	struct in_addr	endpoint;
	uint16_t	tunnel_id;
	struct in_addr	ext_id;
	struct in_addr	sender;
	uint16_t	lsp_id;
};

/* What the engine asks for one PSB with a Resv (the bytes are borrowed). */
struct flow_req {
	uint64_t		key;		/* the engine's handle */
	struct flow_session	session;
	char			name[FLOW_NAME_MAX];	/* SESSION_ATTRIBUTE */
	uint32_t		in_label;	/* ours */
	uint32_t		out_label;	/* downstream's; 3 pops */
	unsigned		out_ifindex;	/* the line card */
	uint8_t			nexthop_mac[6];
	uint8_t			source_mac[6];	/* out_ifindex's own */
	uint8_t			setup_prio;	/* RFC 3209 4.7, 0..7 */
	uint8_t			hold_prio;
	const uint8_t		*sender_tspec;	/* SENDER_TSPEC body, or NULL */
	size_t			sender_tspec_len;
	const uint8_t		*flowspec;	/* FLOWSPEC body, or NULL */
	size_t			flowspec_len;
};

/* Why flows_set() refused: the ERROR_SPEC to send, and words for logs. */
struct flow_err {
	uint8_t		code;		/* RFC 2205 App. B */
	uint16_t	value;
	/*
	 * The flow of this key that existed is gone too (it moved to
	 * another line card and could not be built there); else a refused
	 * change leaves the old flow in place.
	 */
	bool		was_removed;
	char		msg[FLOW_ERR_MAX];
};

/*
 * The data plane a flow is made of: flows_plane_real_ops over
 * flows_plane_open() in quasard (dp_*() on its struct dp, one egress_htb
 * per line card), a recording fake in unit tests.  'link' is the index of the line card
 * in conf->links.  Each op returns 0 or -errno.
 */
struct flows_plane_ops {
	int	(*ilm_set)(void *arg, const struct dp_ilm *e);
	int	(*ilm_del)(void *arg, uint32_t in_label);
	int	(*ilm_counters)(void *arg, uint32_t in_label,
		    struct dp_counters *c_r);
	int	(*vif_attach)(void *arg, const struct dp_vif *v);
	int	(*vif_detach)(void *arg, uint32_t vif_ifindex);
	int	(*class_add)(void *arg, unsigned link, uint64_t rate,
		    uint32_t burst, uint32_t *classid_r);
	int	(*class_change)(void *arg, unsigned link, uint32_t classid,
		    uint64_t rate, uint32_t burst);
	int	(*class_del)(void *arg, unsigned link, uint32_t classid);
};

/* One line card flows may leave by. */
struct flows_link {
	unsigned	ifindex;
	char		name[IF_NAMESIZE];
	double		rate;		/* bytes/s; 0: from egress_open */
	double		reservable;	/* fraction of 'rate', 0..1 */
	uint32_t	mtu;
};

struct flows_conf {
	struct flows_link	links[ADM_MAX_LINKS];
	unsigned		n_links;
	double			cores;		/* CPUs for dom0 + routelets */
	double			dom0_reserve;	/* cores kept for dom0 */
	uint64_t		mem_budget;	/* bytes for all routelets */
	unsigned		pool_size;	/* flows at most (max-total) */
	struct rs_params	params;		/* pkt_cost_ns, ... */
	/* Borrowed, must outlive the flows: */
	struct pool		*pool;		/* routelets */
	const struct flows_plane_ops *plane;
	void			*plane_arg;
	/*
	 * flows took a flow down on its own (preempted by a better setup
	 * priority: code 2 value 5; its routelet died and could not be
	 * re-homed: code 1 FLOWS_AC_DATAPLANE).  The engine removes the
	 * reservation and tells both ends (ResvErr downstream, PathErr
	 * upstream) with code/value.  Called after the flow is gone from
	 * the flows; it may call flows_del() (which then finds nothing).
	 */
	void			(*gone)(void *arg, uint64_t key, uint8_t code,
				    uint16_t value);
	void			*gone_arg;
};

/* One flow, for flows_walk() and flows_get(). */
struct flow_info {
	uint64_t		key;
	struct flow_session	session;
	char			name[FLOW_NAME_MAX];
	uint8_t			service;	/* IS_SVC_* */
	double			rate;		/* reserved bytes/s (r or R) */
	struct is_flowspec	flowspec;	/* as admitted */
	bool			has_sender;
	struct is_tspec		sender;		/* SENDER_TSPEC */
	struct rs_need		need;		/* caps derive from this */
	uint8_t			setup_prio;
	uint8_t			hold_prio;
	uint32_t		in_label;
	uint32_t		out_label;
	unsigned		out_ifindex;
	struct pool_rl		*rl;		/* its routelet */
	unsigned		rl_id;
	unsigned		vif_ifindex;	/* dom0 end of the routelet */
	uint32_t		classid;	/* HTB class, = skb->priority */
	bool			has_ilm_counters;
	struct dp_counters	ilm;		/* frames steered to it */
};

/* What the flows hold now. */
struct flows_stats {
	size_t		n_flows;
	uint64_t	admitted;	/* flows_set() built a flow */
	uint64_t	changed;	/* flows_set() changed one */
	uint64_t	refused;	/* admission said no */
	uint64_t	failed;		/* pool or data plane said no */
	uint64_t	removed;	/* flows_del() */
	uint64_t	preempted;
	uint64_t	rehomed;	/* routelet died, flow moved */
	struct adm_usage used;
};

/*
 * Make the flows over 'conf' (copied; the line cards' rates must be
 * known: flows_plane_open fills them).  Returns 0 with '*flows_r', or
 * -errno with a message in 'err' ('errlen' bytes).
 */
int	flows_init(const struct flows_conf *conf, struct flows **flows_r,
	    char *err, size_t errlen);

/*
 * Take every flow down (ILM entries, vifs, classes, routelets back to
 * the pool) and free 'flows'.  NULL is a no-op.
 */
void	flows_free(struct flows *flows);

/*
 * Build the flow 'req' or, for a known req->key, change it (re-admit,
 * re-cap and reconfigure the same routelet, the ILM entry untouched).
 * Returns 0 when the flow is in place, FLOWS_BEST_EFFORT when the
 * FLOWSPEC asks for no QoS (absent, or a service that is neither
 * Controlled-Load nor Guaranteed: nothing was done, the caller programs
 * best effort), or -1 with '*err_r' filled: nothing of the new flow is
 * left, and a changed flow keeps its old reservation.
 */
int	flows_set(struct flows *flows, const struct flow_req *req,
	    struct flow_err *err_r);

/*
 * Take the flow 'key' down: ILM entry first (its frames stop), then the
 * vif, the class, the routelet (back to the pool) and the admission
 * share.  Returns 0 or -ENOENT.
 */
int	flows_del(struct flows *flows, uint64_t key);

/* Is 'key' a flow? */
bool	flows_has(const struct flows *flows, uint64_t key);

/* Facts of the flow 'key' into '*info_r'; 0 or -ENOENT. */
int	flows_get(struct flows *flows, uint64_t key, struct flow_info *info_r);

/* Call cb(arg, info) for each flow, oldest first. */
void	flows_walk(struct flows *flows,
	    void (*cb)(void *arg, const struct flow_info *info), void *arg);

/* The pool the flows take routelets from. */
struct pool *flows_pool(struct flows *flows);

/*
 * Compose the ADSPEC body 'buf' ('*len' bytes, room for 'cap') of a Path
 * leaving by line card 'out_ifindex' with this hop (RFC 2210 3, RFC 2215
 * 3.2-3.5: hop count + 1, path bandwidth and MTU the minimum with the
 * line card's, latency + the box's; RFC 2212: the Guaranteed fragment's
 * Ctot/Dtot/Csum/Dsum + the C and D of a routelet serving the sender's
 * TSpec 'tspec' there).  Returns 0 with the new body and '*len', -ENOENT
 * (not a line card), -EINVAL (a body that does not decode) or -EOVERFLOW,
 * 'buf' then unchanged.
 */
int	flows_adspec_update(struct flows *flows, unsigned out_ifindex,
	    const uint8_t *tspec, size_t tspec_len, uint8_t *buf,
	    size_t *len, size_t cap);

/* Counters and what admission has handed out. */
void	flows_stats(const struct flows *flows, struct flows_stats *s_r);

/* The index in conf.links of line card 'ifindex', or -1. */
int	flows_link_index(const struct flows *flows, unsigned ifindex);

/* flows_plane.c (links libdemux and libdp_nl): the real data plane. */
struct flows_plane;
extern const struct flows_plane_ops flows_plane_real_ops;
/*
 * Open the real plane on 'dp' for the line cards 'links' (an HTB tree on
 * each; links[i].rate becomes the line rate in use when it was 0).
 * Returns 0 or -errno with a message in 'err'.
 */
int	flows_plane_open(struct dp *dp, struct flows_link *links,
	    unsigned n_links, struct flows_plane **plane_r, char *err,
	    size_t errlen);
/* Remove every HTB tree it made (and its classes) and free it. */
void	flows_plane_close(struct flows_plane *plane);
/*
 * Free it leaving the HTB trees and their classes in place (a quasard
 * exiting with "on-exit keep": the flows go on forwarding).
 */
void	flows_plane_forget(struct flows_plane *plane);

#endif
