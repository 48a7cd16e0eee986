/*
 * The end host's side of RSVP-TE as a library: what quasar-rsvp send and
 * recv are built on, and what the traffic tools and the experiments reuse.
 *
 * One struct rsvp_host holds every session of a process (thousands of
 * them, in a hash keyed by SESSION).  It does no I/O of its own: the
 * caller gives it a send function (lib/rsvp_sock.h's, or a recording fake
 * in tests), a clock and a random source, and feeds it every received
 * RSVP message with rsvp_host_input().  Timers are kept by the host in one
 * min-heap of deadlines; it arms one libevent timer for the earliest (when
 * it has an event_base) and rsvp_host_run_timers() runs what is due, so
 * tests drive time with a fake clock and no event loop.
 *
 * Sender sessions (rsvp_sender_open) send a Path (RFC 3209 4.3 grammar:
 * SESSION LSP_TUNNEL_IPv4, RSVP_HOP, TIME_VALUES, optional EXPLICIT_ROUTE,
 * LABEL_REQUEST, SESSION_ATTRIBUTE, SENDER_TEMPLATE, SENDER_TSPEC, optional
 * RECORD_ROUTE), encoded once and sent again every refresh period R
 * randomised over [0.5R, 1.5R] (RFC 2205 3.7), and a PathTear when closed.
 * The receiver (rsvp_receiver_open, one per host) answers every Path that
 * ends at the host with a Resv (FF or SE, a Controlled-Load or Guaranteed
 * FLOWSPEC, a label of its own or implicit null), refreshed the same way;
 * a PathTear, or a Path not refreshed for its lifetime L, ends that LSP,
 * and closing the receiver sends ResvTear for every LSP it holds.
 * Reservation confirmation (RFC 2205 3.1.9): a receiver may ask for one
 * with RESV_CONFIRM, and a sender answers every Resv that carries one
 * with a ResvConf, unicast to the receiver's address in it.
 *
 * rsvp_host_sock_*() below are the real outside world: a raw socket
 * (lib/rsvp_sock.h) read on the event_base, and the monotonic clock.
 *
 * Times are monotonic milliseconds.  Addresses are in network order
 * (struct in_addr); labels, tunnel and LSP ids in host order.  Functions
 * return 0 or a negative errno.  One thread.  Callbacks run from
 * rsvp_host_input() or rsvp_host_run_timers(); a sender's callback may
 * close that sender (and no other), a receiver's the receiver.
 */
#ifndef QUASAR_HOST_RSVP_API_H
#define QUASAR_HOST_RSVP_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "flowspec/intserv.h"
#include "rsvp/rsvp.h"

struct event_base;
struct rsvp_pkt_in;	/* lib/rsvp_sock.h */
struct rsvp_pkt_out;

struct rsvp_host;
struct rsvp_sender;
struct rsvp_receiver;

#define RSVP_API_REFRESH_MS	30000	/* R (RFC 2205 3.7) */
#define RSVP_API_KEEP_MULT	3	/* K (RFC 2205 3.7) */
#define RSVP_API_L3PID_IPV4	0x0800	/* LABEL_REQUEST L3PID */
#define RSVP_API_ERO_MAX	RSVP_ROUTE_MAX
#define RSVP_API_SEND_TTL	255

/* What the host needs from outside. */
struct rsvp_host_params {
	/* NULL: no timer is armed; the caller calls rsvp_host_run_timers. */
	struct event_base *base;
	/*
	 * The host's address: RSVP_HOP, SENDER_TEMPLATE, the source of what
	 * it sends, the first RRO hop.  Receivers answer from the address a
	 * Path was sent to when this is 0.0.0.0.
	 */
	struct in_addr addr;
	uint32_t refresh_ms;	/* R; 0: RSVP_API_REFRESH_MS */
	unsigned keep_mult;	/* K; 0: RSVP_API_KEEP_MULT */
	/* Send one message; returns 0 or a negative errno. */
	int (*send)(void *arg, const struct rsvp_pkt_out *pkt);
	/* Monotonic milliseconds. */
	uint64_t (*now_ms)(void *arg);
	/* A uniformly random 32-bit value (refresh jitter); NULL: random(). */
	uint32_t (*random)(void *arg);
	void *arg;		/* for send, now_ms and random */
};

/* Counters of what rsvp_host_input() did with messages. */
struct rsvp_host_stats {
	uint64_t rx;			/* messages given to rsvp_host_input */
	uint64_t rx_bad;		/* refused by rsvp_decode */
	uint64_t rx_unknown_session;	/* no session of ours matched */
	uint64_t rx_ignored_type;	/* a type a host does not act on */
	uint64_t tx;			/* messages sent */
	uint64_t tx_err;		/* sends that failed */
	uint64_t path_timeouts;		/* receivers' path state expired */
	uint64_t resv_timeouts;		/* senders' reservation expired */
	uint64_t path_err_sent;		/* Paths refused (Bad Tspec) */
	uint64_t resvconf_sent;		/* senders' ResvConf (RFC 2205 3.1.9) */
	uint64_t resvconf_rx;		/* ResvConf for the receiver */
};

/* Make a host from 'p' (copied) into '*h_r'. */
int rsvp_host_create(const struct rsvp_host_params *p, struct rsvp_host **h_r);
/*
 * Close every session of 'h' (PathTear and ResvTear go out, as with the
 * close functions), then free it.  NULL is a no-op.
 */
void rsvp_host_destroy(struct rsvp_host *h);
/* Take one received RSVP message (the IP payload and its IP facts). */
void rsvp_host_input(struct rsvp_host *h, const struct rsvp_pkt_in *pkt);
/* Run every timer due at now_ms(), and re-arm the libevent timer. */
void rsvp_host_run_timers(struct rsvp_host *h);
/* Milliseconds until the next timer at now_ms(), or -1 if none. */
int64_t rsvp_host_next_timer_ms(struct rsvp_host *h);
/* Copy the counters of 'h' into '*st'. */
void rsvp_host_stats(const struct rsvp_host *h, struct rsvp_host_stats *st);

/* One hop of an EXPLICIT_ROUTE (RFC 3209 4.3.3.1). */
struct rsvp_api_hop {
	struct in_addr	addr;
	uint8_t		prefix_len;	/* 32 for a node */
	bool		loose;
};

/* One hop of a RECORD_ROUTE as a callback sees it (RFC 3209 4.4.1). */
struct rsvp_api_rr_hop {
	struct in_addr	addr;
	bool		has_label;	/* a Label subobject followed it */
	uint32_t	label;
};

struct rsvp_sender_params {
	struct in_addr	dst;		/* tunnel end point */
	uint16_t	tunnel_id;
	uint16_t	lsp_id;
	struct in_addr	ext_tunnel_id;	/* 0.0.0.0: the host's address */
	struct is_tspec	tspec;		/* SENDER_TSPEC */
	uint16_t	l3pid;		/* 0: RSVP_API_L3PID_IPV4 */
	size_t		n_ero;		/* hops in 'ero'; 0: no ERO */
	struct rsvp_api_hop ero[RSVP_API_ERO_MAX];
	/*
	 * SESSION_ATTRIBUTE (RFC 3209 4.7.1) is sent when name != NULL or
	 * a flag (se_style, record_route) needs it; its name is then "".
	 */
	const char	*name;
	uint8_t		setup_prio;	/* 0-7 */
	uint8_t		hold_prio;	/* 0-7 */
	bool		se_style;	/* SA flag "SE Style desired" */
	/* RECORD_ROUTE in the Path, and SA flag "label recording". */
	bool		record_route;
	/* Out of this interface (0: by routing) ... */
	unsigned	ifindex;
	/* ... towards this next hop at the link layer (0.0.0.0: none). */
	struct in_addr	nexthop;
};

/* What a Resv told a sender (RFC 3209 4.1, 4.4). */
struct rsvp_sender_resv {
	uint32_t	label;		/* to push; 3 is implicit null */
	uint32_t	style;		/* RSVP_STYLE_FF, _SE, _WF */
	struct in_addr	nhop;		/* the RSVP_HOP that sent it */
	bool		has_flowspec;
	struct is_flowspec flowspec;
	size_t		n_rro;		/* 0: the Resv carried no RRO */
	struct rsvp_api_rr_hop rro[RSVP_ROUTE_MAX];
};

/* Why a sender's reservation went away. */
enum rsvp_api_lost {
	RSVP_API_LOST_TEAR = 1,		/* a ResvTear came */
	RSVP_API_LOST_TIMEOUT,		/* no Resv refresh for L */
};

/* Callbacks of a sender; any may be NULL. */
struct rsvp_sender_cbs {
	/* The first Resv, and every one that changes label, style or RRO. */
	void (*resv)(void *arg, struct rsvp_sender *s,
	    const struct rsvp_sender_resv *r);
	void (*resv_lost)(void *arg, struct rsvp_sender *s,
	    enum rsvp_api_lost why);
	/* A PathErr for this LSP (RFC 2205 3.1.5, RFC 3209 4.5). */
	void (*path_err)(void *arg, struct rsvp_sender *s,
	    const struct rsvp_error_spec *e);
	/*
	 * A Resv for this LSP asked for a confirmation and was answered with
	 * a ResvConf to 'receiver' (RFC 2205 3.1.9).
	 */
	void (*confirm_sent)(void *arg, struct rsvp_sender *s,
	    struct in_addr receiver);
};

/*
 * Start sending Path for the LSP in 'p' (copied, name too) from 'h', with
 * callbacks 'cbs' (copied) and 'arg'.  The first Path goes out at once.
 * -EEXIST when 'h' already sends this (session, lsp_id), -EINVAL for a
 * TSpec that is_tspec_check refuses or a name longer than RSVP_NAME_MAX,
 * -EMSGSIZE when the Path does not encode.
 */
int rsvp_sender_open(struct rsvp_host *h, const struct rsvp_sender_params *p,
    const struct rsvp_sender_cbs *cbs, void *arg, struct rsvp_sender **s_r);
/* Send PathTear (RFC 2205 3.1.6) and free 's'.  NULL is a no-op. */
void rsvp_sender_close(struct rsvp_sender *s);
/* The last reservation, or NULL while there is none. */
const struct rsvp_sender_resv *rsvp_sender_resv(const struct rsvp_sender *s);
const struct rsvp_sender_params *rsvp_sender_params(
    const struct rsvp_sender *s);

/* A Path as a receiver sees it. */
struct rsvp_receiver_path {
	struct rsvp_session_lsp session;
	struct rsvp_filter_lsp	sender;
	struct in_addr		phop;		/* from RSVP_HOP */
	struct is_tspec		tspec;
	char			name[RSVP_NAME_MAX + 1]; /* "" if none */
	bool			record_route;	/* the Path had an RRO */
	size_t			n_rro;		/* its hops */
	struct rsvp_api_rr_hop	rro[RSVP_ROUTE_MAX];
};

/* Reservation style: FF, SE, or whatever the Path asks (SE flag). */
enum rsvp_api_style {
	RSVP_API_STYLE_AUTO = 0,
	RSVP_API_STYLE_FF,
	RSVP_API_STYLE_SE,
};

struct rsvp_receiver_params {
	/* FLOWSPEC service: IS_SVC_CONTROLLED_LOAD or IS_SVC_GUARANTEED. */
	uint8_t		service;
	/*
	 * Bits/s to reserve: the CL TSpec's r, or the GS RSpec's R; 0 takes
	 * the rate of the Path's SENDER_TSPEC.
	 */
	uint64_t	reserve_bits;
	enum rsvp_api_style style;
	/*
	 * true: answer with implicit null (label 3, RFC 3209 4.1.1.1) for
	 * penultimate-hop popping; false: labels from 'label' up, one per
	 * LSP, in the order their Paths came.
	 */
	bool		php;
	uint32_t	label;
	/* Only Paths to this tunnel end point (0.0.0.0: any of ours). */
	struct in_addr	endpoint;
	/*
	 * Ask for a confirmation: a RESV_CONFIRM with our address in the
	 * Resv (RFC 2205 3.1.4) of each new or changed reservation, until a
	 * ResvConf (3.1.9) names its LSP.
	 */
	bool		confirm;
};

/* Callbacks of a receiver; any may be NULL. */
struct rsvp_receiver_cbs {
	/* A new LSP, answered with a Resv carrying 'label'. */
	void (*path)(void *arg, struct rsvp_receiver *r,
	    const struct rsvp_receiver_path *p, uint32_t label);
	/* The LSP went: PathTear (true) or no refresh for L (false). */
	void (*path_gone)(void *arg, struct rsvp_receiver *r,
	    const struct rsvp_receiver_path *p, bool torn);
	/* A ResvErr for a reservation of ours (RFC 2205 3.1.5). */
	void (*resv_err)(void *arg, struct rsvp_receiver *r,
	    const struct rsvp_receiver_path *p,
	    const struct rsvp_error_spec *e);
	/*
	 * A ResvConf confirmed the reservation of this LSP; 'node' is who
	 * sent it (the sender, or the router where our request merged into
	 * a reservation in place, RFC 2205 2.6).  Once per new or changed
	 * reservation.
	 */
	void (*confirmed)(void *arg, struct rsvp_receiver *r,
	    const struct rsvp_receiver_path *p, struct in_addr node);
};

/*
 * Answer Paths from now on as 'p' (copied) says.  A host has at most one
 * receiver: -EBUSY for a second.  -EINVAL for a service other than CL or
 * GS or a label that is neither valid nor allowed (0-15, > 2^20 - 1).
 */
int rsvp_receiver_open(struct rsvp_host *h,
    const struct rsvp_receiver_params *p, const struct rsvp_receiver_cbs *cbs,
    void *arg, struct rsvp_receiver **r_r);
/* Send ResvTear for every reservation (RFC 2205 3.1.7) and free 'r'. */
void rsvp_receiver_close(struct rsvp_receiver *r);
/* Number of LSPs 'r' holds a reservation for. */
size_t rsvp_receiver_count(const struct rsvp_receiver *r);

/*
 * The real outside world (host/api_sock.c): a raw RSVP socket
 * (lib/rsvp_sock.h) read on an event_base, and the monotonic clock.
 */
struct rsvp_host_sock;

/* Open a non-blocking raw RSVP socket read on 'base' into '*hs_r'. */
int rsvp_host_sock_open(struct event_base *base, struct rsvp_host_sock **hs_r);
/* Give every message 'hs' receives to 'h' (NULL: drop them). */
void rsvp_host_sock_attach(struct rsvp_host_sock *hs, struct rsvp_host *h);
/* rsvp_host_params.send with arg = the struct rsvp_host_sock. */
int rsvp_host_sock_send(void *arg, const struct rsvp_pkt_out *pkt);
/* Stop reading, close and free 'hs'.  NULL is a no-op. */
void rsvp_host_sock_close(struct rsvp_host_sock *hs);
/* rsvp_host_params.now_ms: CLOCK_MONOTONIC in ms ('arg' unused). */
uint64_t rsvp_host_clock_ms(void *arg);
/* The source address the kernel picks towards 'dst', into '*src_r'. */
int rsvp_host_source_for(struct in_addr dst, struct in_addr *src_r);

/*
 * Text for people (host/api_text.c).  Each writes a NUL-terminated line
 * fragment into 'buf' ('len' bytes, truncated to fit) and returns 'buf'.
 */
/* "Routing Problem (24) / Bad strict node (2) from 10.0.12.2". */
const char *rsvp_api_error_text(const struct rsvp_error_spec *e, char *buf,
    size_t len);
/* "10.0.1.2 label 1000, 10.0.2.2 label 3" ("" for no hops). */
const char *rsvp_api_route_text(const struct rsvp_api_rr_hop *hops, size_t n,
    char *buf, size_t len);
/* "FF", "SE", "WF" or the number. */
const char *rsvp_api_style_text(uint32_t style, char *buf, size_t len);

#endif
