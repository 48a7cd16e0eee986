/*
 * RSVP-TE Hello (RFC 3209 section 5): neighbour liveness per RSVP
 * neighbour.  Each neighbour has our Src_Instance for it (non-zero, changed
 * when we declare the neighbour lost) and the last Src_Instance it sent
 * us (our Dst_Instance for it, 0 until we hear one).  Every interval we send
 * it a Hello REQUEST; a REQUEST we receive is answered at once with an ACK
 * (RFC 3209 5.3).  A changed Src_Instance from the neighbour, or a non-zero
 * Dst_Instance that is not ours, means it restarted; no Hello for the dead
 * interval means it is lost.  Both are reported to the engine, which then
 * cleans the state it holds through that neighbour (RFC 3209 5.3).
 *
 * No sockets and no clock of its own: packets leave through the same send
 * function as the engine's and time comes from now_ms(), so tests drive it
 * with a fake clock and a recording send.
 */
#ifndef QUASAR_DOM0_HELLO_H
#define QUASAR_DOM0_HELLO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

struct event_base;
struct ctl;
struct rsvp_msg;
struct rsvp_pkt_in;
struct rsvp_pkt_out;
struct hello;

enum hello_state {
	HELLO_S_INIT = 0,	/* requests sent, nothing heard yet */
	HELLO_S_UP,		/* a Hello heard within the dead interval */
	HELLO_S_DOWN,		/* was up, then silent for the dead interval */
};

enum hello_event {
	HELLO_EV_UP = 0,	/* first Hello heard (or heard again after
				   DOWN) */
	HELLO_EV_RESTART,	/* the neighbour restarted (RFC 3209 5.3):
				   its state with us is gone */
	HELLO_EV_LOST,		/* nothing heard for the dead interval */
};

/* What Hello needs from outside. */
struct hello_env {
	/* Send one packet; 0, non-zero (-errno) on failure. */
	int		(*send)(void *arg, const struct rsvp_pkt_out *pkt);
	void		*send_arg;
	/* Monotonic milliseconds. */
	uint64_t	(*now_ms)(void *arg);
	void		*now_arg;
	/* Our address on 'ifindex'; 0, non-zero (-errno) if it has none. */
	int		(*if_addr)(void *arg, unsigned ifindex,
			    struct in_addr *addr_r);
	void		*if_addr_arg;
	/* A neighbour came up, restarted or was lost. */
	void		(*event)(void *arg, struct in_addr nbr,
			    unsigned ifindex, enum hello_event ev);
	void		*event_arg;
	/*
	 * Optional: the name of interface 'ifindex' into 'name_r' (of
	 * 'len' bytes) for "neighbor list"; 0, or non-zero when unknown.
	 */
	int		(*if_name)(void *arg, unsigned ifindex, char *name_r,
			    size_t len);
	void		*if_name_arg;
};

struct hello_conf {
	uint32_t	interval_ms;	/* hello_interval, > 0 */
	uint32_t	dead_ms;	/* no Hello for this long: lost,
					   >= interval_ms */
	uint32_t	instance_seed;	/* first Src_Instance; 0: random */
};

/* Counters: every Hello sent, received, and why one was dropped. */
struct hello_stats {
	uint64_t	tx_request;
	uint64_t	tx_ack;
	uint64_t	tx_error;	/* encode or send failed */
	uint64_t	rx_request;
	uint64_t	rx_ack;
	uint64_t	rx_bad_ttl;	/* IP TTL not 1 or send_TTL not 1
					   (RFC 3209 5.1) */
	uint64_t	rx_no_hello;	/* no HELLO object / not a Hello */
	uint64_t	rx_zero_instance; /* Src_Instance 0 (RFC 3209 5.2) */
	uint64_t	rx_unknown_nbr;	/* ACK from a neighbour we never
					   asked */
	uint64_t	restarts;
	uint64_t	losses;
};

/* A neighbour as "neighbor list" and hello_walk() show it. */
struct hello_nbr_info {
	struct in_addr		addr;
	unsigned		ifindex;
	enum hello_state	state;
	uint32_t		src_instance;	/* ours, for this neighbour */
	uint32_t		dst_instance;	/* its, as last heard */
	uint64_t		last_rx_ms;	/* 0: never */
	uint64_t		up_since_ms;	/* 0: not up */
	uint64_t		restarts;
	uint64_t		losses;
};

/*
 * Start Hello with 'conf' and 'env' (both copied).  With a non-NULL 'base'
 * a timer calls hello_tick() every interval; with NULL the caller calls it
 * (tests).  Returns 0 and '*hello_r', or -1 with errno (EINVAL for a bad
 * conf).
 */
int hello_create(struct event_base *base, const struct hello_conf *conf,
    const struct hello_env *env, struct hello **hello_r);

/* Stop the timer and free every neighbour.  NULL is a no-op. */
void hello_destroy(struct hello *hello);

/*
 * Run Hello with the neighbour 'addr' reached on 'ifindex' (the engine
 * calls this for each RSVP neighbour it learns: a PHOP, a next hop).  A new
 * neighbour gets a REQUEST at once.  Adding a known neighbour again is a
 * no-op.  Returns 0, or -1 (ENOMEM).
 */
int hello_nbr_add(struct hello *hello, struct in_addr addr, unsigned ifindex);

/* Stop Hello with 'addr'; returns 0, or -1 (ENOENT). */
int hello_nbr_del(struct hello *hello, struct in_addr addr);

/*
 * Take one received Hello: 'pkt' as it arrived and 'msg' decoded from it
 * (whoever decodes incoming RSVP hands RSVP_MSG_HELLO messages here).  A
 * REQUEST is answered with an ACK, from an unknown sender too (which then
 * becomes a neighbour); instances are checked and events raised.  Returns
 * 0, or -1 when the message was dropped (counted in hello_stats).
 */
int hello_input(struct hello *hello, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);

/*
 * hello_input() in the shape of engine_env.hello_input, with 'hello' as
 * its arg.
 */
void hello_input_cb(void *hello, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg);

/*
 * Send the REQUESTs that are due and declare lost the neighbours silent
 * for the dead interval, at time now_ms().
 */
void hello_tick(struct hello *hello);

/* Call 'fn' with each neighbour, in address order. */
void hello_walk(const struct hello *hello,
    void (*fn)(void *arg, const struct hello_nbr_info *nbr), void *arg);

/* The counters. */
const struct hello_stats *hello_get_stats(const struct hello *hello);

/* Name of a state or event ("init", "up", "down"; "up", "restart", "lost"). */
const char *hello_state_name(enum hello_state state);
const char *hello_event_name(enum hello_event ev);

/*
 * Register "neighbor list" on 'ctl' (reply shape in docs/ctl-protocol.md).
 * Returns 0 or -1 as ctl_register().
 */
int hello_ctl_register(struct hello *hello, struct ctl *ctl);

#endif
