/*
 * The RSVP-TE engine of quasard: path state (PSB) per sender, reservation
 * state (RSB) per next hop and filter, soft-state refresh and cleanup
 * timers (RFC 2205 3.7), LSP_TUNNEL_IPv4 sessions with ordered-control
 * labels, EXPLICIT_ROUTE and RECORD_ROUTE processing (RFC 3209 4), the
 * error messages, and the best-effort LSPs it programs into the data plane.
 *
 * The engine touches nothing outside itself: sending, routes, addresses,
 * neighbours, the clock, the label allocator and the data plane all come
 * through struct engine_env, so unit tests drive it with a recording fake
 * and a clock they advance.  Timers: the engine keeps its own deadlines;
 * with an event_base it arms one libevent timer for the earliest of them,
 * without one (tests) the caller runs engine_timers_run() after moving the
 * clock.  See docs/engine.md.
 */
#ifndef QUASAR_DOM0_ENGINE_H
#define QUASAR_DOM0_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include <jansson.h>

#include "lib/rsvp_sock.h"
#include "demux/dp.h"
#include "dom0/flows.h"
#include "dom0/hello.h"
#include "dom0/labels.h"

struct event_base;
struct ctl;
struct rsvp_msg;
struct engine;

/* The next hop towards an address (kern's route lookup). */
struct engine_route {
	unsigned	ifindex;	/* out interface */
	struct in_addr	gateway;	/* INADDR_ANY: on-link */
	struct in_addr	src;		/* preferred source, or INADDR_ANY */
};

/*
 * What the engine needs from outside.  Each function gets 'arg'.  All
 * addresses are in network order (struct in_addr).
 */
struct engine_env {
	void		*arg;

	/* Send one message; 0 or a negative errno. */
	int		(*send)(void *arg, const struct rsvp_pkt_out *pkt);
	/* The route towards 'dst'; 0, or a negative errno when none. */
	int		(*route)(void *arg, struct in_addr dst,
			    struct engine_route *rt_r);
	/* Is 'addr' one of our addresses? */
	bool		(*is_local)(void *arg, struct in_addr addr);
	/*
	 * Is 'addr' on a directly connected subnet of one of our line
	 * cards (strict ERO hops, RFC 3209 4.3.4.1)?  Sets '*ifindex_r'.
	 */
	bool		(*adjacent)(void *arg, struct in_addr addr,
			    unsigned *ifindex_r);
	/* Our IPv4 address on 'ifindex'; 0 or a negative errno. */
	int		(*if_addr)(void *arg, unsigned ifindex,
			    struct in_addr *addr_r);
	/* The MAC address of 'ifindex'; 0 or a negative errno. */
	int		(*if_mac)(void *arg, unsigned ifindex,
			    uint8_t mac_r[6]);
	/*
	 * The MAC of neighbour 'addr' on 'ifindex'; 0, -EAGAIN when
	 * resolution has started and the answer is not there yet (the
	 * engine asks again), or another negative errno.
	 */
	int		(*neigh_mac)(void *arg, unsigned ifindex,
			    struct in_addr addr, uint8_t mac_r[6]);
	/* Monotonic milliseconds. */
	uint64_t	(*now_ms)(void *arg);
	/*
	 * The name of 'ifindex' into 'buf' ('len' bytes), for show
	 * commands; 0 or a negative errno.  NULL: shown by ifindex only.
	 */
	int		(*if_name)(void *arg, unsigned ifindex, char *buf,
			    size_t len);
	/*
	 * Hello messages (RFC 3209 5) are not the engine's: engine_input()
	 * hands them here, decoded, with 'hello_arg' (NULL: 'arg';
	 * hello_input_cb() of dom0/hello.h with the struct hello * fits);
	 * NULL drops and counts them.
	 */
	void		(*hello_input)(void *hello_arg,
			    const struct rsvp_pkt_in *pkt,
			    const struct rsvp_msg *msg);
	void		*hello_arg;
	/*
	 * An RSVP neighbour learned (a previous hop of a Path, the next hop
	 * of a Resv) on 'ifindex', for Hello to watch (hello_nbr_add() with
	 * 'nbr_arg', NULL: 'arg'); NULL: nobody watches.
	 */
	int		(*nbr_add)(void *nbr_arg, struct in_addr addr,
			    unsigned ifindex);
	void		*nbr_arg;

	/* The box's label allocator (dom0/labels.h). */
	struct labels	*labels;

	/*
	 * The data plane: dp_ilm_set()/dp_ilm_del() on a struct dp * in
	 * quasard (engine_env_use_dp() fills these), a recording fake in
	 * tests.  0 or a negative errno.
	 */
	void		*dp_arg;
	int		(*ilm_set)(void *dp_arg, const struct dp_ilm *e);
	int		(*ilm_del)(void *dp_arg, uint32_t in_label);

	/*
	 * QoS flows (dom0/flows.h: flows_set()/flows_del() on a struct
	 * flows * in quasard, a recording fake in tests), or NULL when
	 * quasard has no routelet backend: every LSP is then a best-effort
	 * swap through ilm_set.  flow_set gets the LSP of a PSB whose
	 * downstream label and next hop MAC are known, keyed by our in
	 * label; it returns 0 (the flow owns the ILM entry), FLOWS_BEST_EFFORT
	 * (no QoS asked: the engine programs best effort) or -1 with
	 * '*err_r': the engine sends a ResvErr with it towards the next hop
	 * and no Resv upstream (RFC 2205 3.5).  flow_del takes a flow down
	 * (0 or -ENOENT).  flows reports a flow it took down itself through
	 * engine_flow_gone().
	 */
	void		*flow_arg;
	int		(*flow_set)(void *flow_arg, const struct flow_req *req,
			    struct flow_err *err_r);
	int		(*flow_del)(void *flow_arg, uint64_t key);
	/*
	 * Optional, after a restart that kept the flows: the in label a
	 * running flow of LSP 's' still forwards with (quasard reserved it
	 * in the allocator at start); 0 with '*label_r', or -ENOENT.  The
	 * engine then takes that label for the LSP instead of a new one.
	 */
	int		(*flow_label)(void *flow_arg,
			    const struct flow_session *s, uint32_t *label_r);
	/*
	 * Optional: compose the ADSPEC body of a Path we send on by line
	 * card 'out_ifindex' with this hop, in place ('*len' of 'cap'
	 * bytes; flows_adspec_update() of dom0/flows.h).  0, or a negative
	 * errno and the ADSPEC goes on as it came.
	 */
	int		(*flow_adspec)(void *flow_arg, unsigned out_ifindex,
			    const uint8_t *tspec, size_t tspec_len,
			    uint8_t *buf, size_t *len, size_t cap);

	/* NULL: no libevent timer; the caller runs engine_timers_run(). */
	struct event_base *base;

	/* Configuration (dom0/conf.h). */
	struct in_addr	router_id;
	uint32_t	refresh_ms;	/* R, RFC 2205 3.7 (30000) */
	unsigned	keep_multiplier; /* K (3) */
	uint32_t	seed;		/* for the refresh jitter */
};

/*
 * Why a message was dropped or refused, or what the engine did instead of
 * forwarding it; engine_counters() reads them.  Decoder refusals are
 * counted per enum rsvp_reason on top of ENGINE_C_DECODE.
 */
enum engine_counter {
	ENGINE_C_DECODE = 0,	/* rsvp_decode() refused the message */
	ENGINE_C_TTL_MISMATCH,	/* send_TTL != IP TTL: non-RSVP hop
				   (RFC 2205 2.9) */
	ENGINE_C_TTL_EXPIRED,	/* Path with IP TTL <= 1 to forward */
	ENGINE_C_NOT_LSP_TUNNEL, /* SESSION is not LSP_TUNNEL_IPv4 */
	ENGINE_C_NO_LABEL_REQUEST, /* Path without LABEL_REQUEST */
	ENGINE_C_BAD_L3PID,	/* LABEL_REQUEST for a protocol other
				   than IPv4 (RFC 3209 4.2.2) */
	ENGINE_C_UNKNOWN_SESSION, /* no state for the session */
	ENGINE_C_UNKNOWN_SENDER, /* no PSB for the sender / filter */
	ENGINE_C_WRONG_PHOP,	/* tear or Path from another previous hop */
	ENGINE_C_WRONG_NHOP,	/* Resv/ResvTear from another next hop */
	ENGINE_C_NO_ROUTE,	/* no route towards the endpoint */
	ENGINE_C_ERO_BAD,	/* EXPLICIT_ROUTE: bad object or initial
				   subobject, unsupported subobject */
	ENGINE_C_ERO_STRICT,	/* strict hop not adjacent */
	ENGINE_C_ERO_LOOSE,	/* no route to a loose hop */
	ENGINE_C_RRO_LOOP,	/* our address already in the RRO */
	ENGINE_C_NO_LABEL,	/* Resv without LABEL for a labelled path */
	ENGINE_C_BAD_LABEL,	/* LABEL that cannot be used (RFC 3032) */
	ENGINE_C_LABEL_ALLOC,	/* the allocator had no label */
	ENGINE_C_STYLE_CONFLICT, /* FF and SE mixed in one session */
	ENGINE_C_FROM_SELF,	/* a message we sent came back */
	ENGINE_C_NOT_OURS,	/* ResvConf or error without state here */
	ENGINE_C_HELLO_UNHANDLED, /* Hello with no hello_input */
	ENGINE_C_NO_MEMORY,	/* allocation failed */
	ENGINE_C_ENCODE,	/* a message we built did not encode */
	ENGINE_C_SEND,		/* env->send failed */
	ENGINE_C_DP,		/* the data plane refused an entry */
	ENGINE_C_NEIGH_WAIT,	/* neighbour MAC not resolved yet */
	ENGINE_C_PATH_TIMEOUT,	/* path state expired (RFC 2205 3.7) */
	ENGINE_C_RESV_TIMEOUT,	/* reservation state expired */
	ENGINE_C_NEIGHBOR_DOWN,	/* states removed for a lost neighbour */
	ENGINE_C_ADMISSION,	/* a reservation the flows refused */
	ENGINE_C_FLOW_GONE,	/* a flow the flows took down (preempted) */
	ENGINE_C_MAX
};

/* The counter's name for stats ("ttl_mismatch"), or NULL. */
const char *engine_counter_name(enum engine_counter c);

/*
 * Create an engine on the copy of 'env' it keeps.  Returns 0, or a
 * negative errno (-EINVAL when a required function is missing).
 */
int engine_create(const struct engine_env *env, struct engine **engine_r);

/*
 * Tear down every LSP the engine programmed (data-plane entries and
 * labels), without sending anything, and free 'e'.  NULL is a no-op.
 */
void engine_destroy(struct engine *e);

/*
 * Take one received RSVP message: decode, validate, apply it to the state
 * and send what it calls for.  Never fails: whatever is refused is counted
 * and, where the RFCs ask for one, answered with an error message.
 */
void engine_input(struct engine *e, const struct rsvp_pkt_in *pkt);

/*
 * Run every timer due at env->now_ms(): refreshes, state expiry, retries
 * of neighbour resolution.  With an event_base the engine calls it itself.
 */
void engine_timers_run(struct engine *e);

/* The earliest pending deadline in monotonic ms, or UINT64_MAX. */
uint64_t engine_next_deadline(const struct engine *e);

/*
 * Neighbour 'nbr' was lost or restarted (RFC 3209 5.3, reported by
 * Hello): remove the path state learned from it and the reservations it
 * sent, with their LSPs, and signal the others as RFC 2205 tear-down.
 */
void engine_neighbor_down(struct engine *e, struct in_addr nbr);

/*
 * Routes or addresses changed (kern saw RTM_NEWROUTE, RTM_DELROUTE, an
 * address or a link go): route every path state again and move the LSPs
 * whose next hop changed (local repair, RFC 2205 3.6).
 */
void engine_routes_changed(struct engine *e);

/* Copy the counters into 'c_r[ENGINE_C_MAX]'. */
void engine_counters(const struct engine *e, uint64_t c_r[ENGINE_C_MAX]);

/*
 * Answer one show command ("session list", "session show", "lsp list",
 * "label list", "stats") with 'args' as in docs/ctl-protocol.md: 0 and a
 * new reference in '*reply_r', or -1 with a message in 'err'.
 */
int engine_query(struct engine *e, const char *cmd, json_t *args,
    json_t **reply_r, char *err, size_t errlen);

/* Register the show commands above on 'ctl'; 0 or -1 with errno. */
int engine_ctl_register(struct engine *e, struct ctl *ctl);

/*
 * A dom0/hello.h event callback (struct hello_env.event, with the engine
 * as its arg): a neighbour's restart or loss cleans its state through
 * engine_neighbor_down().
 */
void engine_hello_event(void *engine, struct in_addr nbr, unsigned ifindex,
    enum hello_event ev);

/*
 * The flow 'key' (our in label, flow_req.key) was taken down by the flows
 * (preempted: code 2 value 5, RFC 3209 4.7.4 and RFC 2750; its routelet
 * lost): remove its reservation and tell both ends, a ResvErr with
 * 'code'/'value' towards the receiver and a PathErr towards the sender,
 * and a ResvTear upstream (our label is given back).  The struct
 * flows_conf.gone callback, with the engine as its arg, fits.
 */
void engine_flow_gone(struct engine *e, uint64_t key, uint8_t code,
    uint16_t value);
/*
 * Forget the QoS flows of every LSP: engine_destroy() then neither calls
 * env.flow_del nor touches their ILM entries (a quasard exiting with
 * "on-exit keep", whose flows go on forwarding).
 */
void engine_flows_forget(struct engine *e);

/* engine_flow_gone() with a void * engine, for flows_conf.gone. */
void engine_flow_gone_cb(void *engine, uint64_t key, uint8_t code,
    uint16_t value);

/* Point env's ilm_set/ilm_del at dp_ilm_set()/dp_ilm_del() on 'dp'. */
void engine_env_use_dp(struct engine_env *env, struct dp *dp);

#endif
