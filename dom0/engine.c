/*
 * The engine's frame: create and destroy, the input dispatcher with its
 * drop counters, the send helper, and the soft-state arithmetic of RFC
 * 2205 3.7.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <event2/event.h>

#include "dom0/engine_local.h"
#include "lib/inet.h"
#include "lib/log.h"

static const char *const counter_names[ENGINE_C_MAX] = {
	[ENGINE_C_DECODE] = "decode",
	[ENGINE_C_TTL_MISMATCH] = "ttl_mismatch",
	[ENGINE_C_TTL_EXPIRED] = "ttl_expired",
	[ENGINE_C_NOT_LSP_TUNNEL] = "not_lsp_tunnel",
	[ENGINE_C_NO_LABEL_REQUEST] = "no_label_request",
	[ENGINE_C_BAD_L3PID] = "bad_l3pid",
	[ENGINE_C_UNKNOWN_SESSION] = "unknown_session",
	[ENGINE_C_UNKNOWN_SENDER] = "unknown_sender",
	[ENGINE_C_WRONG_PHOP] = "wrong_phop",
	[ENGINE_C_WRONG_NHOP] = "wrong_nhop",
	[ENGINE_C_NO_ROUTE] = "no_route",
	[ENGINE_C_ERO_BAD] = "ero_bad",
	[ENGINE_C_ERO_STRICT] = "ero_bad_strict",
	[ENGINE_C_ERO_LOOSE] = "ero_bad_loose",
	[ENGINE_C_RRO_LOOP] = "rro_loop",
	[ENGINE_C_NO_LABEL] = "no_label",
	[ENGINE_C_BAD_LABEL] = "bad_label",
	[ENGINE_C_LABEL_ALLOC] = "label_alloc",
	[ENGINE_C_STYLE_CONFLICT] = "style_conflict",
	[ENGINE_C_FROM_SELF] = "from_self",
	[ENGINE_C_NOT_OURS] = "not_ours",
	[ENGINE_C_HELLO_UNHANDLED] = "hello_unhandled",
	[ENGINE_C_NO_MEMORY] = "no_memory",
	[ENGINE_C_ENCODE] = "encode",
	[ENGINE_C_SEND] = "send",
	[ENGINE_C_DP] = "dataplane",
	[ENGINE_C_NEIGH_WAIT] = "neighbor_wait",
	[ENGINE_C_PATH_TIMEOUT] = "path_timeout",
	[ENGINE_C_RESV_TIMEOUT] = "resv_timeout",
	[ENGINE_C_NEIGHBOR_DOWN] = "neighbor_down",
	[ENGINE_C_ADMISSION] = "admission_refused",
	[ENGINE_C_FLOW_GONE] = "flow_gone",
};

/* The counter names of stats (enum engine_counter order). */
const char *
engine_counter_name(enum engine_counter c)
{
	if ((unsigned)c >= ENGINE_C_MAX)
		return NULL;
	return counter_names[c];
}

/* env->now_ms(): monotonic milliseconds. */
uint64_t
engine_now(struct engine *e)
{
	return e->env.now_ms(e->env.arg);
}

/*
 * Count 'c'.  Most counters are peer input refused, so they are logged at
 * debug level, rate-limited (bad input must not flood the log).
 */
void
engine_count(struct engine *e, enum engine_counter c)
{
	static struct log_ratelimit rl = LOG_RATELIMIT_INIT(10, 20);

	e->counters[c]++;
	log_debug_rl(&rl, "engine: %s", counter_names[c]);
}

/* Format 'a' into 'buf' for log lines. */
const char *
engine_addr(struct in_addr a, char *buf, size_t len)
{
	return ipv4_ntop(a, buf, len);
}

/*
 * The next refresh of a state refreshed every 'refresh_ms': uniformly in
 * [0.5 R, 1.5 R) (RFC 2205 3.7), from a xorshift generator.
 */
uint32_t
engine_jitter(struct engine *e, uint32_t refresh_ms)
{
	uint32_t x = e->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	e->rng = x;
	if (refresh_ms < 2)
		return 1;
	return refresh_ms / 2 + x % refresh_ms;
}

/*
 * The lifetime of state refreshed by a neighbour that announced
 * 'refresh_ms' in its TIME_VALUES: L >= (K + 0.5) * 1.5 * R (RFC 2205
 * 3.7).
 */
uint64_t
engine_lifetime(const struct engine *e, uint32_t refresh_ms)
{
	uint64_t r = refresh_ms ? refresh_ms : e->env.refresh_ms;

	return ((uint64_t)e->env.keep_multiplier * 2 + 1) * 3 * r / 4;
}

/*
 * Check and encode 'msg' and send it as 'how' says (its buf/len are
 * filled here).  Returns 0 or -1, counted.
 */
int
engine_send_msg(struct engine *e, const struct rsvp_msg *msg,
    const struct rsvp_pkt_out *how)
{
	struct rsvp_pkt_out pkt = *how;
	struct rsvp_error err;
	ssize_t n;
	int r;

	/* Never send what we would refuse ourselves. */
	n = rsvp_validate(msg, &err) < 0 ? -1 :
	    rsvp_encode(msg, e->wire, RSVP_MSG_MAX_LEN);
	if (n < 0) {
		engine_count(e, ENGINE_C_ENCODE);
		log_warnx("engine: cannot encode %s",
		    rsvp_msg_type_name(msg->type));
		return -1;
	}
	pkt.buf = e->wire;
	pkt.len = (size_t)n;
	r = e->env.send(e->env.arg, &pkt);
	if (r < 0) {
		engine_count(e, ENGINE_C_SEND);
		log_debug("engine: send %s: %s", rsvp_msg_type_name(msg->type),
		    strerror(-r));
		return -1;
	}
	if (msg->type <= RSVP_MSG_HELLO)
		e->tx[msg->type]++;
	return 0;
}

static void
engine_ev_cb(evutil_socket_t fd, short what, void *arg)
{
	struct engine *e = arg;

	(void)fd;
	(void)what;
	e->ev_due = UINT64_MAX;
	engine_timers_run(e);
}

/* Arm the libevent timer (if any) for the earliest deadline. */
void
engine_timer_resched(struct engine *e)
{
	uint64_t due = engine_next_deadline(e), now;
	struct timeval tv;

	if (e->ev == NULL || due == e->ev_due)
		return;
	e->ev_due = due;
	if (due == UINT64_MAX) {
		evtimer_del(e->ev);
		return;
	}
	now = engine_now(e);
	due = due > now ? due - now : 0;
	tv.tv_sec = (time_t)(due / 1000);
	tv.tv_usec = (suseconds_t)(due % 1000) * 1000;
	evtimer_add(e->ev, &tv);
}

int
engine_create(const struct engine_env *env, struct engine **engine_r)
{
	struct engine *e;
	int rc = -ENOMEM;

	*engine_r = NULL;
	if (env->send == NULL || env->route == NULL || env->is_local == NULL ||
	    env->adjacent == NULL || env->if_addr == NULL ||
	    env->if_mac == NULL || env->neigh_mac == NULL ||
	    env->now_ms == NULL || env->labels == NULL ||
	    env->ilm_set == NULL || env->ilm_del == NULL ||
	    (env->flow_set == NULL) != (env->flow_del == NULL) ||
	    env->refresh_ms == 0 || env->keep_multiplier == 0)
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return -ENOMEM;
	e->env = *env;
	if (e->env.hello_arg == NULL)
		e->env.hello_arg = env->arg;
	if (e->env.nbr_arg == NULL)
		e->env.nbr_arg = env->arg;
	e->rng = env->seed ? env->seed : 0x9e3779b9u;
	e->ev_due = UINT64_MAX;
	TAILQ_INIT(&e->sessions);
	e->in = malloc(sizeof(*e->in));
	e->out = malloc(sizeof(*e->out));
	e->wire = malloc(RSVP_MSG_MAX_LEN);
	if (e->in == NULL || e->out == NULL || e->wire == NULL)
		goto out;
	if (session_table_init(e) < 0 || etimer_heap_init(e) < 0)
		goto out;
	if (env->base != NULL) {
		e->ev = evtimer_new(env->base, engine_ev_cb, e);
		if (e->ev == NULL)
			goto out;
	}
	*engine_r = e;
	rc = 0;
out:
	if (rc < 0)
		engine_destroy(e);
	return rc;
}

void
engine_destroy(struct engine *e)
{
	struct session *s;

	if (e == NULL)
		return;
	/* Deleting a session's last PSB frees the session. */
	while ((s = TAILQ_FIRST(&e->sessions)) != NULL) {
		if (TAILQ_EMPTY(&s->psbs))
			session_put(e, s);
		else
			psb_delete(e, TAILQ_FIRST(&s->psbs), false);
	}
	if (e->ev != NULL)
		event_free(e->ev);
	session_table_dispose(e);
	etimer_heap_dispose(e);
	free(e->in);
	free(e->out);
	free(e->wire);
	free(e);
}

void
engine_counters(const struct engine *e, uint64_t c_r[ENGINE_C_MAX])
{
	memcpy(c_r, e->counters, sizeof(e->counters));
}

/* Count a refused message, log it at debug level (peer input). */
static void
engine_refused(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_error *err)
{
	static struct log_ratelimit rl = LOG_RATELIMIT_INIT(10, 20);
	char a[INET_ADDRSTRLEN];

	e->counters[ENGINE_C_DECODE]++;
	if ((unsigned)err->reason <= RSVP_E_PORT)
		e->decode_reasons[err->reason]++;
	log_debug_rl(&rl, "engine: from %s: %s at byte %zu",
	    engine_addr(pkt->src, a, sizeof(a)),
	    rsvp_reason_name(err->reason), err->offset);
}

/*
 * A message the decoder refused with an error to send (RFC 2205 3.10,
 * App. B): for a Path, PathErr upstream; for a Resv, ResvErr towards the
 * next hop.  Both are built from what parses of the message, or else
 * from the objects that engine_salvage() rescues.
 */
static void
engine_refusal_answer(struct engine *e, const struct rsvp_pkt_in *pkt,
    const struct rsvp_error *err)
{
	struct rsvp_error perr;

	if (err->action != RSVP_ACT_SEND_ERROR)
		return;
	if (rsvp_parse(pkt->buf, pkt->len, e->in, &perr) < 0 &&
	    engine_salvage(e, pkt->buf, pkt->len, e->in) < 0)
		return;
	if (rsvp_msg_find(e->in, RSVP_CLASS_SESSION) == NULL)
		return;
	if (e->in->type == RSVP_MSG_PATH)
		psb_send_patherr(e, pkt, e->in, err->err_code, err->err_value);
	else if (e->in->type == RSVP_MSG_RESV)
		rsb_send_resverr(e, pkt, e->in, NULL, err->err_code,
		    err->err_value);
}

void
engine_input(struct engine *e, const struct rsvp_pkt_in *pkt)
{
	struct rsvp_error err;
	struct rsvp_msg *msg = e->in;

	if (rsvp_decode(pkt->buf, pkt->len, msg, &err) < 0) {
		engine_refused(e, pkt, &err);
		engine_refusal_answer(e, pkt, &err);
		goto out;
	}
	if (msg->type <= RSVP_MSG_HELLO)
		e->rx[msg->type]++;
	switch (msg->type) {
	case RSVP_MSG_PATH:
		engine_path(e, pkt, msg);
		break;
	case RSVP_MSG_RESV:
		engine_resv(e, pkt, msg);
		break;
	case RSVP_MSG_PATHERR:
		engine_patherr(e, pkt, msg);
		break;
	case RSVP_MSG_RESVERR:
		engine_resverr(e, pkt, msg);
		break;
	case RSVP_MSG_PATHTEAR:
		engine_pathtear(e, pkt, msg);
		break;
	case RSVP_MSG_RESVTEAR:
		engine_resvtear(e, pkt, msg);
		break;
	case RSVP_MSG_RESVCONF:
		engine_resvconf(e, pkt, msg);
		break;
	case RSVP_MSG_HELLO:
		if (e->env.hello_input != NULL)
			e->env.hello_input(e->env.hello_arg, pkt, msg);
		else
			engine_count(e, ENGINE_C_HELLO_UNHANDLED);
		break;
	}
out:
	engine_timer_resched(e);
}

void
engine_timers_run(struct engine *e)
{
	uint64_t now = engine_now(e);
	struct etimer *t;

	while ((t = etimer_pop_due(e, now)) != NULL)
		t->fn(e, t);
	engine_timer_resched(e);
}

uint64_t
engine_next_deadline(const struct engine *e)
{
	return e->nheap ? e->heap[0].due : UINT64_MAX;
}

void
engine_neighbor_down(struct engine *e, struct in_addr nbr)
{
	struct session *s, *snext;
	struct psb *p, *pnext;
	char a[INET_ADDRSTRLEN];

	log_info("engine: neighbour %s down, cleaning its state",
	    engine_addr(nbr, a, sizeof(a)));
	TAILQ_FOREACH_SAFE(s, &e->sessions, entry, snext) {
		/*
		 * Reservations first: deleting the last PSB of a session
		 * frees the session, so 's' must not be used after it.
		 */
		TAILQ_FOREACH(p, &s->psbs, entry) {
			if (p->rsb != NULL &&
			    p->rsb->nhop.s_addr == nbr.s_addr) {
				engine_count(e, ENGINE_C_NEIGHBOR_DOWN);
				rsb_delete(e, p, true);
			}
		}
		TAILQ_FOREACH_SAFE(p, &s->psbs, entry, pnext) {
			if (p->phop.s_addr == nbr.s_addr) {
				engine_count(e, ENGINE_C_NEIGHBOR_DOWN);
				psb_delete(e, p, true);
			}
		}
	}
	engine_timer_resched(e);
}
