/*
 * Inside the host API (host/rsvp_api.h): the host, its session hash, its
 * timer heap, and what the sender and receiver files share.
 */
#ifndef QUASAR_HOST_API_LOCAL_H
#define QUASAR_HOST_API_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host/rsvp_api.h"
#include "lib/rsvp_sock.h"

struct event;

/* The struct of 'type' whose 'member' is at 'ptr'. */
#define API_CONTAINER(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

/*
 * A deadline in the host's heap.  'slot' is its index in the heap, or
 * API_TIMER_IDLE; 'fire' runs once it is due, after it left the heap.
 */
#define API_TIMER_IDLE	SIZE_MAX
struct api_timer {
	uint64_t	when;
	size_t		slot;
	void		(*fire)(struct api_timer *t);
};

/* The rx state of one LSP at a receiver (RFC 2205 path state). */
struct api_rxpath {
	struct api_rxpath	*next;		/* in its session */
	struct api_session	*sess;
	struct rsvp_receiver_path path;
	uint32_t		phop_lih;	/* LIH to return (RFC 2205 A.2) */
	unsigned		ifindex;	/* where the Path came in */
	struct in_addr		local;		/* our address for it */
	uint32_t		label;
	bool			label_recording; /* SA flag of the Path */
	bool			confirm_pending; /* RESV_CONFIRM until confirmed */
	struct api_timer	expire;
};

/* Everything a host knows of one SESSION. */
struct api_session {
	struct api_session	*hnext;		/* hash chain */
	struct rsvp_session_lsp	key;
	struct rsvp_host	*host;
	struct rsvp_sender	*senders;	/* ours, for this session */
	struct api_rxpath	*rxpaths;	/* as receiver */
	uint32_t		style;		/* receiver: RSVP_STYLE_* */
	unsigned		hold;		/* kept while > 0 (callbacks) */
	struct api_timer	resv_refresh;	/* receiver's Resv */
};

struct rsvp_sender {
	struct rsvp_sender	*next;		/* in its session */
	struct api_session	*sess;
	struct rsvp_sender_params p;
	char			name[RSVP_NAME_MAX + 1];
	struct rsvp_sender_cbs	cbs;
	void			*arg;
	uint8_t			*path;		/* encoded once */
	size_t			path_len;
	bool			has_resv;
	struct rsvp_sender_resv	resv;
	struct api_timer	refresh;
	struct api_timer	resv_expire;
};

struct rsvp_receiver {
	struct rsvp_host	*host;
	struct rsvp_receiver_params p;
	struct rsvp_receiver_cbs cbs;
	void			*arg;
	uint32_t		next_label;
	size_t			count;
};

struct rsvp_host {
	struct rsvp_host_params	p;
	struct rsvp_host_stats	st;
	/* Session hash: chains, a power of two of them. */
	struct api_session	**buckets;
	size_t			nbuckets;
	size_t			nsessions;
	/* Timer min-heap by 'when'. */
	struct api_timer	**heap;
	size_t			nheap;
	size_t			heap_cap;
	struct event		*ev;		/* when p.base is set */
	struct rsvp_receiver	*receiver;
	/* Scratch messages: one decoded, one being built (about 50 KB). */
	struct rsvp_msg		*rx;
	struct rsvp_msg		*tx;
	uint8_t			*txbuf;		/* RSVP_MSG_MAX_LEN */
};

/* host/api_timer.c */
int api_timer_set(struct rsvp_host *h, struct api_timer *t, uint64_t when);
void api_timer_stop(struct rsvp_host *h, struct api_timer *t);
void api_timer_run(struct rsvp_host *h, uint64_t now);
/* The earliest deadline, or UINT64_MAX. */
uint64_t api_timer_next(const struct rsvp_host *h);

/* host/api_host.c */
/* Arm the libevent timer for the earliest deadline (after any change). */
void api_rearm(struct rsvp_host *h);
uint64_t api_now(const struct rsvp_host *h);
/* R randomised over [0.5R, 1.5R] (RFC 2205 3.7). */
uint64_t api_refresh_delay(const struct rsvp_host *h);
/* State lifetime L = (K + 0.5) * 1.5 * R for a peer's R (RFC 2205 3.7). */
uint64_t api_lifetime(const struct rsvp_host *h, uint32_t peer_refresh_ms);
/* Send 'len' bytes of 'buf' as 'out' says (buf and len filled in here). */
int api_send(struct rsvp_host *h, struct rsvp_pkt_out *out,
    const uint8_t *buf, size_t len);
/* Encode h->tx into h->txbuf and send it as 'out' says. */
int api_send_tx(struct rsvp_host *h, struct rsvp_pkt_out *out);
struct api_session *api_session_find(struct rsvp_host *h,
    const struct rsvp_session_lsp *key);
/* Find or add the session 'key'; NULL when out of memory. */
struct api_session *api_session_get(struct rsvp_host *h,
    const struct rsvp_session_lsp *key);
/* Free 'sess' if nothing uses it any more. */
void api_session_put(struct api_session *sess);
/* The hops of an RRO into 'hops' (RSVP_ROUTE_MAX), their count back. */
size_t api_rro_hops(const struct rsvp_route *rro, struct rsvp_api_rr_hop *hops);

/* host/api_sender.c */
void api_sender_resv(struct rsvp_host *h, const struct rsvp_msg *m);
void api_sender_resvtear(struct rsvp_host *h, const struct rsvp_msg *m);
void api_sender_patherr(struct rsvp_host *h, const struct rsvp_msg *m);

/* host/api_receiver.c */
void api_receiver_path(struct rsvp_host *h, const struct rsvp_msg *m,
    const struct rsvp_pkt_in *pkt);
void api_receiver_pathtear(struct rsvp_host *h, const struct rsvp_msg *m);
void api_receiver_resverr(struct rsvp_host *h, const struct rsvp_msg *m);
void api_receiver_resvconf(struct rsvp_host *h, const struct rsvp_msg *m);
/* Fire of a session's resv_refresh: send its Resv again. */
void api_receiver_on_refresh(struct api_timer *t);

#endif
