/*
 * Raw RSVP I/O (IP protocol 46) for quasard and the host API.
 *
 * Receiving: one raw IPPROTO_RSVP socket gets every RSVP message addressed
 * to this box; with RSVP_SOCK_ROUTER it also gets, through Linux's
 * IP_ROUTER_ALERT, the messages carrying the Router Alert option (RFC 2113)
 * that the box would otherwise forward (Path, PathTear, ResvConf: RFC 2205
 * 3.1.1), and the kernel does not forward those.  The arrival interface
 * comes from IP_PKTINFO; TTL and Router Alert are read from the IP header
 * that a raw IPv4 socket always delivers.
 *
 * Sending: the socket uses IP_HDRINCL, so the caller chooses the IP source,
 * TTL and the Router Alert option.  The IP destination is always the one
 * in rsvp_pkt_out.dst; the packet leaves through 'ifindex' (IP_PKTINFO on
 * sendmsg sets the output interface) and, when 'nexthop' is set, the kernel
 * routes it towards 'nexthop' instead of 'dst': for a header-included raw
 * socket Linux looks up the route to the sendto() address with
 * FLOWI_FLAG_KNOWN_NH, which makes that address the link-layer next hop
 * (ARP target) even on a directly connected subnet, while the header it
 * sends keeps dst.  That is how a Path follows an ERO hop (RFC 3209 4.3.4)
 * with IP destination = tunnel endpoint.  (Without 'nexthop' but with
 * 'ifindex', Linux takes a destination it has no route for as on-link on
 * that interface and ARPs for it: give 'nexthop' whenever dst is not the
 * neighbour itself.)  The header carries TOS 0xc0 (network control).
 *
 * Every function returns 0 or a negative errno; nothing here exits.
 */
#ifndef QUASAR_RSVP_SOCK_H
#define QUASAR_RSVP_SOCK_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef IPPROTO_RSVP
#define IPPROTO_RSVP	46
#endif

/* Largest RSVP message we read or write (the IP payload). */
#define RSVP_SOCK_MSG_MAX	65535

/* rsvp_sock_open flags. */
#define RSVP_SOCK_ROUTER	0x1	/* intercept Router Alert transit */
#define RSVP_SOCK_NONBLOCK	0x2	/* O_NONBLOCK, for an event loop */

struct rsvp_sock {
	int fd;
	unsigned flags;
	uint8_t *rxbuf;		/* RSVP_SOCK_MSG_MAX + IP header */
};

/* One received message; 'buf' points into the socket's buffer and stays
 * valid until the next rsvp_sock_recv on the same socket. */
struct rsvp_pkt_in {
	const uint8_t *buf;	/* the RSVP message (IP payload) */
	size_t len;
	struct in_addr src, dst;
	unsigned ifindex;	/* arrival interface */
	uint8_t ip_ttl;
	bool router_alert;	/* the IP header carried RFC 2113 RA */
};

/* One message to send. */
struct rsvp_pkt_out {
	const uint8_t *buf;	/* the RSVP message (IP payload) */
	size_t len;
	struct in_addr src;	/* INADDR_ANY: the kernel chooses */
	struct in_addr dst;
	struct in_addr nexthop;	/* INADDR_ANY: route towards dst */
	unsigned ifindex;	/* 0: the routing table chooses */
	uint8_t ttl;
	bool router_alert;
};

/* Open a raw RSVP socket into 's' with RSVP_SOCK_* 'flags'. */
int rsvp_sock_open(struct rsvp_sock *s, unsigned flags);
/* Close 's'; a closed or never opened (fd -1) socket is a no-op. */
void rsvp_sock_close(struct rsvp_sock *s);
/* The descriptor, for event_new(). */
int rsvp_sock_fd(const struct rsvp_sock *s);

/*
 * Set the socket's receive and send buffers to at least 'bytes' each
 * (SO_RCVBUFFORCE/SO_SNDBUFFORCE as root, past net.core.rmem_max; else
 * the capped SO_RCVBUF/SO_SNDBUF).  A router refreshing 100,000 sessions
 * receives bursts that the default buffer drops.  Additive, round 2.
 */
int rsvp_sock_set_bufsize(struct rsvp_sock *s, int bytes);

/*
 * Give every packet the socket sends skb->priority 'priority'
 * (SO_PRIORITY; above 6 needs CAP_NET_ADMIN).  An HTB qdisc whose leaf
 * class id it names queues the packet there: quasard passes
 * EGRESS_CLASS_CTL (demux/egress_htb.h), the line cards' network-control
 * class.
 */
int rsvp_sock_set_priority(struct rsvp_sock *s, uint32_t priority);

/*
 * Read one message into 'in'.  Returns 0, -EAGAIN when nothing waits on a
 * non-blocking socket, -EBADMSG for a datagram whose IP header is
 * malformed (it is consumed), or another negative errno.
 */
int rsvp_sock_recv(struct rsvp_sock *s, struct rsvp_pkt_in *in);

/*
 * Send 'out' as one IPv4 datagram (never fragmented by us: -EMSGSIZE if
 * it is longer than RSVP_SOCK_MSG_MAX with its header).
 */
int rsvp_sock_send(struct rsvp_sock *s, const struct rsvp_pkt_out *out);

/*
 * Build the IPv4 header (with the Router Alert option when asked) for
 * 'out' into 'buf' ('cap' bytes).  Returns its length or -ENOSPC.  The
 * kernel fills the checksum, the total length and the ID.
 */
int rsvp_sock_ip_header(const struct rsvp_pkt_out *out, uint8_t *buf,
    size_t cap);

/*
 * Parse the IPv4 header of a received datagram ('buf', 'len') into 'in'
 * (src, dst, ip_ttl, router_alert, and buf/len of the payload).  Returns
 * 0 or -EBADMSG.
 */
int rsvp_sock_parse_ip(const uint8_t *buf, size_t len, struct rsvp_pkt_in *in);

#endif
