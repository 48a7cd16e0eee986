/*
 * RSVP-TE Hello (RFC 3209 section 5): the neighbour table, the instances,
 * REQUEST/ACK, restart and loss detection (dom0/hello.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <arpa/inet.h>

#include <event2/event.h>

#include "dom0/hello.h"
#include "dom0/hello_local.h"
#include "lib/log.h"
#include "lib/rsvp_sock.h"
#include "rsvp/rsvp.h"

static struct log_ratelimit hello_rl = LOG_RATELIMIT_INIT(10, 5);

const char *
hello_state_name(enum hello_state state)
{
	switch (state) {
	case HELLO_S_INIT:
		return "init";
	case HELLO_S_UP:
		return "up";
	case HELLO_S_DOWN:
		return "down";
	}
	return "?";
}

const char *
hello_event_name(enum hello_event ev)
{
	switch (ev) {
	case HELLO_EV_UP:
		return "up";
	case HELLO_EV_RESTART:
		return "restart";
	case HELLO_EV_LOST:
		return "lost";
	}
	return "?";
}

/* A fresh Src_Instance: never 0 (RFC 3209 5.2). */
static uint32_t
next_instance(struct hello *h)
{
	if (++h->instance == 0)
		h->instance = 1;
	return h->instance;
}

/*
 * The index of 'addr' in the table (sorted by address in host order), or
 * where it would go, with '*found'.
 */
static size_t
nbr_find(const struct hello *h, struct in_addr addr, bool *found)
{
	uint32_t key = ntohl(addr.s_addr), k;
	size_t lo = 0, hi = h->nnbrs, mid;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = ntohl(h->nbrs[mid].info.addr.s_addr);
		if (k == key) {
			*found = true;
			return mid;
		}
		if (key < k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Send a Hello of 'c_type' (REQUEST or ACK) to 'n'. */
static void
send_hello(struct hello *h, struct hello_nbr *n, uint8_t c_type)
{
	struct rsvp_pkt_out out;
	struct rsvp_obj *obj;
	uint8_t buf[64];
	ssize_t len;

	rsvp_msg_init(&h->msg, RSVP_MSG_HELLO);
	/* Only between neighbours (RFC 3209 5.1): one hop. */
	h->msg.send_ttl = 1;
	obj = rsvp_msg_add(&h->msg, RSVP_CLASS_HELLO, c_type);
	obj->u.hello.src_instance = n->info.src_instance;
	obj->u.hello.dst_instance = n->info.dst_instance;
	len = rsvp_encode(&h->msg, buf, sizeof(buf));
	if (len < 0)
		goto fail;
	memset(&out, 0, sizeof(out));
	out.buf = buf;
	out.len = (size_t)len;
	if (h->env.if_addr(h->env.if_addr_arg, n->info.ifindex,
	    &out.src) != 0)
		out.src.s_addr = INADDR_ANY;
	out.dst = n->info.addr;
	out.ifindex = n->info.ifindex;
	out.ttl = 1;
	if (h->env.send(h->env.send_arg, &out) != 0)
		goto fail;
	if (c_type == RSVP_CTYPE_HELLO_REQUEST)
		h->stats.tx_request++;
	else
		h->stats.tx_ack++;
	return;
fail:
	h->stats.tx_error++;
	log_debug_rl(&hello_rl, "hello: cannot send to %s",
	    inet_ntoa(n->info.addr));
}

/* Tell the engine; it may call back into hello (nbr_del). */
static void
raise_event(struct hello *h, struct in_addr addr, unsigned ifindex,
    enum hello_event ev)
{
	log_info("hello: neighbour %s %s", inet_ntoa(addr),
	    hello_event_name(ev));
	if (h->env.event != NULL)
		h->env.event(h->env.event_arg, addr, ifindex, ev);
}

/* Insert a neighbour at 'at'; NULL when out of memory. */
static struct hello_nbr *
nbr_insert(struct hello *h, size_t at, struct in_addr addr, unsigned ifindex)
{
	struct hello_nbr *nbrs, *n;
	size_t ncap;

	if (h->nnbrs == h->capnbrs) {
		ncap = h->capnbrs == 0 ? 8 : h->capnbrs * 2;
		nbrs = reallocarray(h->nbrs, ncap, sizeof(*nbrs));
		if (nbrs == NULL)
			return NULL;
		h->nbrs = nbrs;
		h->capnbrs = ncap;
	}
	memmove(&h->nbrs[at + 1], &h->nbrs[at],
	    (h->nnbrs - at) * sizeof(*h->nbrs));
	h->nnbrs++;
	n = &h->nbrs[at];
	memset(n, 0, sizeof(*n));
	n->info.addr = addr;
	n->info.ifindex = ifindex;
	n->info.state = HELLO_S_INIT;
	n->info.src_instance = next_instance(h);
	return n;
}

int
hello_nbr_add(struct hello *h, struct in_addr addr, unsigned ifindex)
{
	struct hello_nbr *n;
	size_t at;
	bool found;

	at = nbr_find(h, addr, &found);
	if (found)
		return 0;
	n = nbr_insert(h, at, addr, ifindex);
	if (n == NULL)
		return -1;
	n->next_tx_ms = h->env.now_ms(h->env.now_arg) + h->conf.interval_ms;
	send_hello(h, n, RSVP_CTYPE_HELLO_REQUEST);
	return 0;
}

int
hello_nbr_del(struct hello *h, struct in_addr addr)
{
	size_t at;
	bool found;

	at = nbr_find(h, addr, &found);
	if (!found) {
		errno = ENOENT;
		return -1;
	}
	memmove(&h->nbrs[at], &h->nbrs[at + 1],
	    (h->nnbrs - at - 1) * sizeof(*h->nbrs));
	h->nnbrs--;
	return 0;
}

/*
 * Advertise a new Src_Instance to 'n', once communication with it is lost
 * (RFC 3209 5), so that it sees our side reset when it hears us again.
 * RFC 3209 5 also changes the instance when the neighbour's changes; we do
 * not: the neighbour would see our change as a restart of ours, change its
 * own in turn, and two such routers would report restarts to each other
 * for ever.
 */
static void
nbr_new_instance(struct hello *h, struct hello_nbr *n)
{
	n->old_instance = n->info.src_instance;
	n->info.src_instance = next_instance(h);
}

/*
 * The neighbour's Src_Instance 'src' and its Dst_Instance 'dst' (our
 * instance as it knows it) arrived at 'now' (RFC 3209 5, 5.3).  Returns
 * the event to raise, or -1 for none.
 */
static int
nbr_heard(struct hello *h, struct hello_nbr *n, uint32_t src, uint32_t dst,
    uint64_t now)
{
	enum hello_state was = n->info.state;
	int ev = -1;

	n->info.last_rx_ms = now;
	if (was == HELLO_S_UP &&
	    ((n->info.dst_instance != 0 && src != n->info.dst_instance) ||
	    (dst != 0 && dst != n->info.src_instance &&
	    dst != n->old_instance))) {
		/*
		 * A new Src_Instance, or ours not reported back: it reset
		 * (RFC 3209 5), and the state between us is gone.  0 is
		 * what it echoes before it has heard us; the instance we
		 * had before we declared it lost may still be in flight.
		 */
		n->info.restarts++;
		h->stats.restarts++;
		n->info.up_since_ms = now;
		ev = HELLO_EV_RESTART;
	} else if (was != HELLO_S_UP) {
		n->info.state = HELLO_S_UP;
		n->info.up_since_ms = now;
		ev = HELLO_EV_UP;
	}
	n->info.dst_instance = src;
	return ev;
}

int
hello_input(struct hello *h, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	const struct rsvp_obj *obj;
	struct hello_nbr *n;
	struct in_addr addr = pkt->src;
	unsigned ifindex = pkt->ifindex;
	uint32_t src, dst;
	size_t at;
	bool found;
	int ev;

	obj = msg->type == RSVP_MSG_HELLO ?
	    rsvp_msg_find(msg, RSVP_CLASS_HELLO) : NULL;
	if (obj == NULL || obj->kind != RSVP_OBJ_DECODED) {
		h->stats.rx_no_hello++;
		return -1;
	}
	/*
	 * A Hello comes from the neighbour itself: a router in between
	 * shows as IP TTL below send_TTL (RFC 2205 2.9, RFC 3209 5.1).
	 */
	if (pkt->ip_ttl != msg->send_ttl) {
		h->stats.rx_bad_ttl++;
		log_debug_rl(&hello_rl, "hello: from %s through a router "
		    "(TTL %u, send_TTL %u)", inet_ntoa(addr), pkt->ip_ttl,
		    msg->send_ttl);
		return -1;
	}
	src = obj->u.hello.src_instance;
	dst = obj->u.hello.dst_instance;
	if (src == 0) {
		h->stats.rx_zero_instance++;
		return -1;
	}
	at = nbr_find(h, addr, &found);
	if (obj->c_type == RSVP_CTYPE_HELLO_REQUEST) {
		h->stats.rx_request++;
		n = found ? &h->nbrs[at] : nbr_insert(h, at, addr, ifindex);
		if (n == NULL)
			return -1;
		if (!found)
			n->next_tx_ms = h->env.now_ms(h->env.now_arg);
	} else {
		h->stats.rx_ack++;
		if (!found) {
			h->stats.rx_unknown_nbr++;
			return -1;
		}
		n = &h->nbrs[at];
	}
	ev = nbr_heard(h, n, src, dst, h->env.now_ms(h->env.now_arg));
	/* An ACK echoes the REQUEST's Src_Instance (RFC 3209 5.3). */
	if (obj->c_type == RSVP_CTYPE_HELLO_REQUEST)
		send_hello(h, n, RSVP_CTYPE_HELLO_ACK);
	if (ev != -1)
		raise_event(h, addr, ifindex, (enum hello_event)ev);
	return 0;
}

void
hello_input_cb(void *hello, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	hello_input(hello, pkt, msg);
}

void
hello_tick(struct hello *h)
{
	struct hello_nbr *n;
	struct in_addr addr;
	unsigned ifindex;
	uint64_t now = h->env.now_ms(h->env.now_arg);
	size_t i;
	bool found;

	for (i = 0; i < h->nnbrs; i++) {
		n = &h->nbrs[i];
		if (n->info.state == HELLO_S_UP &&
		    now - n->info.last_rx_ms >= h->conf.dead_ms) {
			/*
			 * Communication lost (RFC 3209 5.3): forget its
			 * instance and take a new one of ours, so that it
			 * sees the reset when it hears us again; say so at
			 * once.
			 */
			n->info.state = HELLO_S_DOWN;
			n->info.up_since_ms = 0;
			n->info.dst_instance = 0;
			nbr_new_instance(h, n);
			n->info.losses++;
			n->next_tx_ms = now;
			h->stats.losses++;
			addr = n->info.addr;
			ifindex = n->info.ifindex;
			raise_event(h, addr, ifindex, HELLO_EV_LOST);
			/* The engine may have removed it, or others. */
			i = nbr_find(h, addr, &found);
			if (!found) {
				i--;
				continue;
			}
			n = &h->nbrs[i];
		}
		if (now >= n->next_tx_ms) {
			n->next_tx_ms = now + h->conf.interval_ms;
			send_hello(h, n, RSVP_CTYPE_HELLO_REQUEST);
		}
	}
}

static void
hello_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	hello_tick(arg);
}

int
hello_create(struct event_base *base, const struct hello_conf *conf,
    const struct hello_env *env, struct hello **hello_r)
{
	struct hello *h = NULL;
	struct timeval tv;
	int rc = -1;

	if (conf->interval_ms == 0 || conf->dead_ms < conf->interval_ms ||
	    env->send == NULL || env->now_ms == NULL ||
	    env->if_addr == NULL) {
		errno = EINVAL;
		goto out;
	}
	h = calloc(1, sizeof(*h));
	if (h == NULL)
		goto out;
	h->conf = *conf;
	h->env = *env;
	h->instance = conf->instance_seed;
	if (h->instance == 0 &&
	    getrandom(&h->instance, sizeof(h->instance), 0) !=
	    sizeof(h->instance))
		goto out;
	/* next_instance() steps first: the seed itself is the first one. */
	h->instance--;
	if (base != NULL) {
		h->timer = event_new(base, -1, EV_PERSIST, hello_timer_cb, h);
		tv.tv_sec = conf->interval_ms / 1000;
		tv.tv_usec = (conf->interval_ms % 1000) * 1000;
		if (h->timer == NULL || event_add(h->timer, &tv) == -1)
			goto out;
	}
	*hello_r = h;
	h = NULL;
	rc = 0;
out:
	hello_destroy(h);
	return rc;
}

void
hello_destroy(struct hello *h)
{
	if (h == NULL)
		return;
	if (h->timer != NULL)
		event_free(h->timer);
	free(h->nbrs);
	free(h);
}

void
hello_walk(const struct hello *h,
    void (*fn)(void *arg, const struct hello_nbr_info *nbr), void *arg)
{
	size_t i;

	for (i = 0; i < h->nnbrs; i++)
		fn(arg, &h->nbrs[i].info);
}

const struct hello_stats *
hello_get_stats(const struct hello *h)
{
	return &h->stats;
}
