/*
 * The engine's own state: sessions, path state blocks (PSB), reservation
 * state blocks (RSB) and timers.  Shared by the dom0/engine*.c, session.c,
 * psb*.c, rsb*.c, ero.c, rro.c and lsp_dp.c files; nothing outside them
 * includes it.
 */
#ifndef QUASAR_DOM0_ENGINE_LOCAL_H
#define QUASAR_DOM0_ENGINE_LOCAL_H

#include <sys/queue.h>

#include "dom0/engine.h"
#include "rsvp/rsvp.h"

#ifndef TAILQ_FOREACH_SAFE	/* glibc's sys/queue.h lacks it */
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1);	\
	    (var) = (tvar))
#endif

/* The struct holding 'ptr' as its 'member'. */
#define ENGINE_CONTAINER(ptr, type, member)				\
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#define ENGINE_LABEL_IMPLICIT_NULL	3	/* RFC 3032 2.1 */
#define ENGINE_NEIGH_RETRY_MS		1000
#define ENGINE_RESV_TTL			255
#define ENGINE_FWD_MAX			8	/* 11bbbbbb objects per RSB */

struct engine;
struct etimer;

typedef void (*etimer_fn)(struct engine *e, struct etimer *t);

/* One deadline in the engine's heap (engine_timer.c). */
struct etimer {
	uint64_t	due;
	size_t		idx;		/* in the heap; SIZE_MAX: not armed */
	etimer_fn	fn;
};

/*
 * A heap slot keeps its timer's deadline beside the pointer, so that
 * sifting compares within the heap's own array instead of fetching every
 * timer from its session (a cache miss each, with 100,000 sessions).
 */
struct etimer_slot {
	uint64_t	due;
	struct etimer	*t;
};

/* An object forwarded unexamined (RFC 2205 3.10, 11bbbbbb). */
struct fwd_obj {
	uint8_t			class_num;
	uint8_t			c_type;
	struct rsvp_opaque	body;
};

/*
 * Reservation state from one next hop for one sender (RFC 2205 3.2: an
 * RSB per (session, next hop, filter)); for a unicast LSP a sender has one
 * next hop, so the RSB hangs off its PSB.
 */
struct rsb {
	struct psb		*psb;
	struct in_addr		nhop;		/* RSVP_HOP of the Resv */
	uint32_t		nhop_lih;
	uint32_t		style;		/* RSVP_STYLE_FF or _SE */
	struct rsvp_opaque	flowspec;
	uint32_t		label;		/* downstream label */
	bool			confirm;	/* RESV_CONFIRM asked */
	struct in_addr		confirm_addr;
	struct rsvp_route	*rro;		/* NULL: none */
	uint16_t		nfwd;
	struct fwd_obj		*fwd;		/* nfwd objects, or NULL */
	uint32_t		refresh_ms;	/* nhop's TIME_VALUES */
	uint64_t		created_ms;
	uint64_t		refreshed_ms;
	struct etimer		cleanup;
};

/* Where a PSB's LSP is in its life, for lsp list. */
enum lsp_state {
	LSP_WAIT_RESV = 0,	/* Path sent on, no label from downstream */
	LSP_WAIT_NEIGH,		/* label known, neighbour MAC not yet */
	LSP_UP,			/* programmed, label sent upstream */
	LSP_EGRESS,		/* we are the endpoint: Resv sent upstream */
	LSP_DP_FAILED,		/* the data plane refused the entry */
};

/* Path state for one sender (RFC 2205 3.2 PSB) and its LSP. */
struct psb {
	TAILQ_ENTRY(psb)	entry;		/* in session->psbs */
	struct session		*session;
	struct in_addr		sender;		/* SENDER_TEMPLATE */
	uint16_t		lsp_id;
	struct in_addr		phop;		/* RSVP_HOP of the Path */
	uint32_t		phop_lih;
	unsigned		in_ifindex;	/* where the Path arrived */
	uint32_t		refresh_ms;	/* phop's TIME_VALUES */
	char			name[RSVP_NAME_MAX + 1];
	uint8_t			setup_prio;
	uint8_t			hold_prio;
	uint8_t			sa_flags;	/* RSVP_SA_F_* */
	bool			egress;		/* the endpoint is ours */
	unsigned		out_ifindex;
	struct in_addr		out_addr;	/* our address there */
	struct in_addr		nhop;		/* link-layer next hop */
	uint8_t			out_ttl;
	uint8_t			*path_in;	/* the Path as received */
	size_t			path_in_len;
	uint8_t			*path_out;	/* the Path we send on */
	size_t			path_out_len;
	bool			has_in_label;
	uint32_t		in_label;
	bool			dp_set;		/* an ILM entry is in place */
	bool			flow;		/* env.flow_set built a flow */
	/* The last refusal told to the sender (engine_flow.c). */
	bool			refusal_sent;
	uint8_t			refusal_code;
	uint16_t		refusal_value;
	uint64_t		refusal_ms;
	enum lsp_state		state;
	struct rsb		*rsb;		/* from downstream, or NULL */
	uint64_t		created_ms;
	uint64_t		refreshed_ms;
	struct etimer		refresh;	/* Path downstream */
	struct etimer		cleanup;	/* path state lifetime */
	struct etimer		neigh_retry;
};

/* A session (RFC 2205 3.2; RFC 3209 4.6.1.1 LSP_TUNNEL_IPv4). */
struct session {
	TAILQ_ENTRY(session)	entry;		/* in engine->sessions */
	struct session		*hnext;		/* hash chain */
	struct in_addr		endpoint;
	uint16_t		tunnel_id;
	struct in_addr		ext_id;
	TAILQ_HEAD(, psb)	psbs;
	uint64_t		created_ms;
	struct etimer		resv_refresh;	/* Resv upstream */
};

TAILQ_HEAD(session_list, session);

struct engine {
	struct engine_env	env;
	struct session_list	sessions;
	size_t			nsessions;
	struct session		**htab;
	size_t			hsize;		/* a power of two */
	struct etimer_slot	*heap;
	size_t			nheap;
	size_t			heap_cap;
	struct event		*ev;		/* libevent timer, or NULL */
	uint64_t		ev_due;
	uint32_t		rng;
	uint64_t		counters[ENGINE_C_MAX];
	uint64_t		decode_reasons[RSVP_E_PORT + 1];
	uint64_t		rx[RSVP_MSG_HELLO + 1];
	uint64_t		tx[RSVP_MSG_HELLO + 1];
	/* Scratch: one message in, one out, and the wire bytes. */
	struct rsvp_msg		*in;
	struct rsvp_msg		*out;
	uint8_t			*wire;
};

/* engine.c */
uint64_t engine_now(struct engine *e);
void engine_count(struct engine *e, enum engine_counter c);
uint32_t engine_jitter(struct engine *e, uint32_t refresh_ms);
uint64_t engine_lifetime(const struct engine *e, uint32_t refresh_ms);
int engine_send_msg(struct engine *e, const struct rsvp_msg *msg,
    const struct rsvp_pkt_out *how);
const char *engine_addr(struct in_addr a, char *buf, size_t len);

/* engine_salvage.c */
int engine_salvage(struct engine *e, const uint8_t *buf, size_t len,
    struct rsvp_msg *msg);

/* engine_timer.c */
void etimer_init(struct etimer *t, etimer_fn fn);
int etimer_arm(struct engine *e, struct etimer *t, uint64_t due);
void etimer_stop(struct engine *e, struct etimer *t);
bool etimer_armed(const struct etimer *t);
int etimer_heap_init(struct engine *e);
void etimer_heap_dispose(struct engine *e);
struct etimer *etimer_pop_due(struct engine *e, uint64_t now);
void engine_timer_resched(struct engine *e);

/* session.c */
int session_table_init(struct engine *e);
void session_table_dispose(struct engine *e);
struct session *session_find(struct engine *e,
    const struct rsvp_session_lsp *key);
struct session *session_get(struct engine *e,
    const struct rsvp_session_lsp *key);
void session_put(struct engine *e, struct session *s);
void session_key(const struct session *s, struct rsvp_session_lsp *key_r);

/* psb.c: path state */
struct psb *psb_find(struct session *s, struct in_addr sender,
    uint16_t lsp_id);
void psb_delete(struct engine *e, struct psb *p, bool send_tear);
void engine_path(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);
void engine_pathtear(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);
void engine_patherr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);

/* psb_err.c: errors we originate */
void psb_send_patherr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *path, uint8_t code, uint16_t value);
void rsb_send_resverr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *resv, const struct rsvp_flow_desc *fd,
    uint8_t code, uint16_t value);

/* rsb.c: reservation state */
struct rsb *rsb_new(struct engine *e, struct psb *p);
void rsb_delete(struct engine *e, struct psb *p, bool send_tear);
void engine_resv(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);
void engine_resvtear(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);
void engine_resverr(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);

/* rsb_conf.c: reservation confirmation */
bool rsb_in_place(const struct session *s, const struct psb *p,
    uint32_t style, const struct rsvp_opaque *fs);
void rsb_send_resvconf(struct engine *e, const struct rsvp_msg *resv,
    const struct rsvp_flow_desc *fd, size_t n, struct in_addr me);
void engine_resvconf(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);

/* rsb_up.c: the Resv we send upstream */
bool resv_upstream_send(struct engine *e, struct session *s,
    struct in_addr phop);
void resv_upstream_arm(struct engine *e, struct session *s);
void psb_egress_reserve(struct engine *e, struct psb *p,
    const struct rsvp_msg *path);

/* ero.c */
struct ero_result {
	unsigned	ifindex;
	struct in_addr	nhop;		/* link-layer next hop */
	bool		egress;		/* the LSP ends here */
};
int ero_process(struct engine *e, struct rsvp_route *ero,
    unsigned in_ifindex, struct in_addr endpoint, struct ero_result *res_r,
    uint16_t *errv_r);

/* rro.c */
bool rro_has_local(struct engine *e, const struct rsvp_route *rro);
int rro_push_addr(struct rsvp_route *rro, struct in_addr addr);
int rro_push_label(struct rsvp_route *rro, uint32_t label);

/* lsp_dp.c */
int lsp_program(struct engine *e, struct psb *p, struct flow_err *err_r);
void lsp_unprogram(struct engine *e, struct psb *p);
void lsp_release_label(struct engine *e, struct psb *p);
const char *lsp_state_name(enum lsp_state s);

/* engine_flow.c: QoS flows through env.flow_set/flow_del */
int lsp_flow_set(struct engine *e, struct psb *p, const struct dp_ilm *ilm,
    struct flow_err *err_r);
void lsp_flow_del(struct engine *e, struct psb *p);
void lsp_flow_refused(struct engine *e, struct psb *p,
    const struct flow_err *err);
int lsp_label_take(struct engine *e, struct psb *p);

/* psb_err.c, rsb_err.c: errors about a state, not a message in hand */
void psb_send_patherr_state(struct engine *e, struct psb *p, uint8_t code,
    uint16_t value);
void rsb_send_resverr_state(struct engine *e, struct psb *p, uint8_t code,
    uint16_t value);

#endif
