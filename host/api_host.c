/*
 * The host of host/rsvp_api.h: creation, the session hash, the input
 * dispatcher, sending, and the libevent timer over the deadline heap.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "host/api_local.h"

#define API_BUCKETS_MIN	64

void
api_rearm(struct rsvp_host *h)
{
	uint64_t next, now;
	struct timeval tv;

	if (h->ev == NULL)
		return;
	next = api_timer_next(h);
	if (next == UINT64_MAX) {
		evtimer_del(h->ev);
		return;
	}
	now = api_now(h);
	next = next > now ? next - now : 0;
	tv.tv_sec = (time_t)(next / 1000);
	tv.tv_usec = (suseconds_t)(next % 1000) * 1000;
	evtimer_add(h->ev, &tv);
}

static void
api_on_timer(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	rsvp_host_run_timers(arg);
}

int
rsvp_host_create(const struct rsvp_host_params *p, struct rsvp_host **h_r)
{
	struct rsvp_host *h;
	int rc = -ENOMEM;

	*h_r = NULL;
	if (p->send == NULL || p->now_ms == NULL)
		return -EINVAL;
	h = calloc(1, sizeof(*h));
	if (h == NULL)
		return -ENOMEM;
	h->p = *p;
	if (h->p.refresh_ms == 0)
		h->p.refresh_ms = RSVP_API_REFRESH_MS;
	if (h->p.keep_mult == 0)
		h->p.keep_mult = RSVP_API_KEEP_MULT;
	h->nbuckets = API_BUCKETS_MIN;
	h->buckets = calloc(h->nbuckets, sizeof(*h->buckets));
	h->rx = malloc(sizeof(*h->rx));
	h->tx = malloc(sizeof(*h->tx));
	h->txbuf = malloc(RSVP_MSG_MAX_LEN);
	if (h->buckets == NULL || h->rx == NULL || h->tx == NULL ||
	    h->txbuf == NULL)
		goto out;
	if (p->base != NULL) {
		h->ev = evtimer_new(p->base, api_on_timer, h);
		if (h->ev == NULL)
			goto out;
	}
	*h_r = h;
	h = NULL;
	rc = 0;
out:
	if (h != NULL) {
		free(h->buckets);
		free(h->rx);
		free(h->tx);
		free(h->txbuf);
		free(h);
	}
	return rc;
}

void
rsvp_host_destroy(struct rsvp_host *h)
{
	struct api_session *sess;
	size_t i;

	if (h == NULL)
		return;
	rsvp_receiver_close(h->receiver);
	for (i = 0; i < h->nbuckets; i++) {
		/* Closing a session's last sender frees the session. */
		while ((sess = h->buckets[i]) != NULL && sess->senders != NULL)
			rsvp_sender_close(sess->senders);
	}
	if (h->ev != NULL)
		event_free(h->ev);
	free(h->buckets);
	free(h->heap);
	free(h->rx);
	free(h->tx);
	free(h->txbuf);
	free(h);
}

void
rsvp_host_input(struct rsvp_host *h, const struct rsvp_pkt_in *pkt)
{
	struct rsvp_error err;
	const struct rsvp_obj *o;
	const struct rsvp_msg *m = h->rx;

	h->st.rx++;
	if (rsvp_decode(pkt->buf, pkt->len, h->rx, &err) == -1) {
		h->st.rx_bad++;
		goto out;
	}
	o = rsvp_msg_find(m, RSVP_CLASS_SESSION);
	if (m->type != RSVP_MSG_HELLO &&
	    (o == NULL || o->c_type != RSVP_CTYPE_LSP_TUNNEL_IPV4)) {
		h->st.rx_unknown_session++;
		goto out;
	}
	switch (m->type) {
	case RSVP_MSG_PATH:
		api_receiver_path(h, m, pkt);
		break;
	case RSVP_MSG_PATHTEAR:
		api_receiver_pathtear(h, m);
		break;
	case RSVP_MSG_RESVERR:
		api_receiver_resverr(h, m);
		break;
	case RSVP_MSG_RESV:
		api_sender_resv(h, m);
		break;
	case RSVP_MSG_RESVTEAR:
		api_sender_resvtear(h, m);
		break;
	case RSVP_MSG_PATHERR:
		api_sender_patherr(h, m);
		break;
	case RSVP_MSG_RESVCONF:
		api_receiver_resvconf(h, m);
		break;
	default:
		h->st.rx_ignored_type++;
		break;
	}
out:
	api_rearm(h);
}

void
rsvp_host_run_timers(struct rsvp_host *h)
{
	api_timer_run(h, api_now(h));
	api_rearm(h);
}

int64_t
rsvp_host_next_timer_ms(struct rsvp_host *h)
{
	uint64_t next = api_timer_next(h), now = api_now(h);

	if (next == UINT64_MAX)
		return -1;
	return next > now ? (int64_t)(next - now) : 0;
}

void
rsvp_host_stats(const struct rsvp_host *h, struct rsvp_host_stats *st)
{
	*st = h->st;
}

uint64_t
api_now(const struct rsvp_host *h)
{
	return h->p.now_ms(h->p.arg);
}

uint64_t
api_refresh_delay(const struct rsvp_host *h)
{
	uint64_t r = h->p.refresh_ms;
	uint32_t rnd;

	rnd = h->p.random != NULL ? h->p.random(h->p.arg) :
	    (uint32_t)random();
	return r / 2 + rnd % (r + 1);
}

uint64_t
api_lifetime(const struct rsvp_host *h, uint32_t peer_refresh_ms)
{
	/* L >= (K + 0.5) * 1.5 * R, in integers: (2K + 1) * 3R / 4.  A
	 * peer's R of 0 would expire state at once: take ours. */
	if (peer_refresh_ms == 0)
		peer_refresh_ms = h->p.refresh_ms;
	return ((uint64_t)2 * h->p.keep_mult + 1) * 3 * peer_refresh_ms / 4;
}

int
api_send(struct rsvp_host *h, struct rsvp_pkt_out *out, const uint8_t *buf,
    size_t len)
{
	int rc;

	out->buf = buf;
	out->len = len;
	rc = h->p.send(h->p.arg, out);
	if (rc < 0)
		h->st.tx_err++;
	else
		h->st.tx++;
	return rc;
}

int
api_send_tx(struct rsvp_host *h, struct rsvp_pkt_out *out)
{
	ssize_t n;

	n = rsvp_encode(h->tx, h->txbuf, RSVP_MSG_MAX_LEN);
	if (n < 0) {
		h->st.tx_err++;
		return -EMSGSIZE;
	}
	return api_send(h, out, h->txbuf, (size_t)n);
}

static size_t
api_hash(const struct rsvp_session_lsp *k, size_t nbuckets)
{
	uint64_t x;

	x = ((uint64_t)k->endpoint.s_addr << 32) ^ k->ext_tunnel_id.s_addr ^
	    ((uint64_t)k->tunnel_id << 16);
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (nbuckets - 1);
}

static bool
api_key_eq(const struct rsvp_session_lsp *a, const struct rsvp_session_lsp *b)
{
	return a->endpoint.s_addr == b->endpoint.s_addr &&
	    a->tunnel_id == b->tunnel_id &&
	    a->ext_tunnel_id.s_addr == b->ext_tunnel_id.s_addr;
}

struct api_session *
api_session_find(struct rsvp_host *h, const struct rsvp_session_lsp *key)
{
	struct api_session *sess;

	for (sess = h->buckets[api_hash(key, h->nbuckets)]; sess != NULL;
	    sess = sess->hnext)
		if (api_key_eq(&sess->key, key))
			return sess;
	return NULL;
}

/* Double the buckets when the chains average more than one session. */
static void
api_hash_grow(struct rsvp_host *h)
{
	struct api_session **nb, *sess;
	size_t i, n = h->nbuckets * 2, b;

	nb = calloc(n, sizeof(*nb));
	if (nb == NULL)
		return;		/* longer chains, still correct */
	for (i = 0; i < h->nbuckets; i++) {
		while ((sess = h->buckets[i]) != NULL) {
			h->buckets[i] = sess->hnext;
			b = api_hash(&sess->key, n);
			sess->hnext = nb[b];
			nb[b] = sess;
		}
	}
	free(h->buckets);
	h->buckets = nb;
	h->nbuckets = n;
}

struct api_session *
api_session_get(struct rsvp_host *h, const struct rsvp_session_lsp *key)
{
	struct api_session *sess;
	size_t b;

	sess = api_session_find(h, key);
	if (sess != NULL)
		return sess;
	if (h->nsessions >= h->nbuckets)
		api_hash_grow(h);
	sess = calloc(1, sizeof(*sess));
	if (sess == NULL)
		return NULL;
	sess->key = *key;
	sess->host = h;
	sess->resv_refresh.slot = API_TIMER_IDLE;
	sess->resv_refresh.fire = api_receiver_on_refresh;
	b = api_hash(key, h->nbuckets);
	sess->hnext = h->buckets[b];
	h->buckets[b] = sess;
	h->nsessions++;
	return sess;
}

void
api_session_put(struct api_session *sess)
{
	struct rsvp_host *h = sess->host;
	struct api_session **pp;

	if (sess->senders != NULL || sess->rxpaths != NULL || sess->hold > 0)
		return;
	api_timer_stop(h, &sess->resv_refresh);
	for (pp = &h->buckets[api_hash(&sess->key, h->nbuckets)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == sess) {
			*pp = sess->hnext;
			break;
		}
	}
	h->nsessions--;
	free(sess);
}

size_t
api_rro_hops(const struct rsvp_route *rro, struct rsvp_api_rr_hop *hops)
{
	const struct rsvp_subobj *so;
	size_t i, n = 0;

	for (i = 0; i < rro->nsub && i < RSVP_ROUTE_MAX; i++) {
		so = &rro->sub[i];
		if (so->type == RSVP_SUBOBJ_IPV4) {
			memset(&hops[n], 0, sizeof(hops[n]));
			hops[n++].addr = so->addr;
		} else if (so->type == RSVP_SUBOBJ_LABEL && n > 0) {
			/* RFC 3209 4.4.1.3: the label of the hop before. */
			hops[n - 1].has_label = true;
			hops[n - 1].label = so->label;
		}
	}
	return n;
}
