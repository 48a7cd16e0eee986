/*
 * What quasard needs to know from the kernel, through libnl-3 (rtnetlink):
 * interfaces, their addresses and MACs, routes, neighbours.
 *
 * Interfaces, addresses and neighbours are kept in libnl caches that a
 * cache manager refreshes from the event loop (kern_open registers its
 * descriptor on the event_base).  Routes are asked of the kernel with
 * RTM_GETROUTE each time, so the answer is the kernel's own longest-match
 * decision, policy routing included.
 *
 * Addresses are struct in_addr (network order); every function returns 0
 * or a negative errno.
 */
#ifndef QUASAR_DOM0_KERN_H
#define QUASAR_DOM0_KERN_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;

#define KERN_IF_ADDRS_MAX	16

struct kern_addr {
	struct in_addr addr;
	uint8_t plen;
};

struct kern_if {
	char name[IF_NAMESIZE];
	unsigned ifindex;
	uint8_t mac[6];
	bool up;			/* IFF_UP and carrier */
	size_t n_addrs;			/* at most KERN_IF_ADDRS_MAX */
	struct kern_addr addrs[KERN_IF_ADDRS_MAX];
};

/* The kernel's route to a destination. */
struct kern_route {
	unsigned ifindex;		/* out interface */
	struct in_addr gateway;		/* INADDR_ANY: on-link */
	struct in_addr prefsrc;		/* source the kernel would use */
	bool local;			/* the destination is ours */
};

struct kern;

/* Open netlink sockets and caches, driven by 'base'. */
int kern_open(struct event_base *base, struct kern **k_r);
/* Close 'k'; NULL is a no-op. */
void kern_close(struct kern *k);

/*
 * Take in what the kernel announced since (the event loop calls it); if
 * updates were lost (the socket overran), dump everything again.
 */
int kern_refresh(struct kern *k);
/* Dump interfaces, addresses and neighbours again (additive, round 2). */
int kern_resync(struct kern *k);

/* Fill 'if_r' for 'ifindex' or 'name'.  -ENODEV if there is none. */
int kern_if_get(struct kern *k, unsigned ifindex, struct kern_if *if_r);
int kern_if_by_name(struct kern *k, const char *name, struct kern_if *if_r);
/* Call 'cb' for each interface until it returns non-zero. */
typedef int (*kern_if_cb)(const struct kern_if *kif, void *arg);
int kern_if_walk(struct kern *k, kern_if_cb cb, void *arg);
/* The first IPv4 address of 'ifindex' into 'addr_r'; -EADDRNOTAVAIL. */
int kern_if_addr(struct kern *k, unsigned ifindex, struct in_addr *addr_r);

/* Whether 'addr' is one of this box's addresses. */
bool kern_addr_is_local(struct kern *k, struct in_addr addr);

/* The kernel's route to 'dst'.  -ENETUNREACH (or the kernel's errno). */
int kern_route_get(struct kern *k, struct in_addr dst, struct kern_route *r);

/*
 * The MAC of neighbour 'addr' on 'ifindex'.  When the kernel has none
 * yet, asks it to resolve (an NTF_USE neighbour request) and returns
 * -EAGAIN; ask again later (kern_set_neigh_cb says when).
 */
int kern_neigh_get(struct kern *k, unsigned ifindex, struct in_addr addr,
    uint8_t mac_r[6]);
/* Call 'cb' whenever a neighbour entry changes (NULL to stop). */
typedef void (*kern_neigh_cb)(unsigned ifindex, struct in_addr addr,
    void *arg);
void kern_set_neigh_cb(struct kern *k, kern_neigh_cb cb, void *arg);

/*
 * The line cards, by ifindex: adjacency is only judged over these.
 * kern_linecard_add is idempotent; -ENOSPC past KERN_LINECARDS_MAX.
 */
#define KERN_LINECARDS_MAX	64
int kern_linecard_add(struct kern *k, unsigned ifindex);
/*
 * Whether 'addr' lies on a directly connected subnet of one of the line
 * cards (a strict ERO hop must: RFC 3209 4.3.4.1); if so, the line card
 * into 'ifindex_r' (may be NULL).
 */
bool kern_adjacent(struct kern *k, struct in_addr addr, unsigned *ifindex_r);

#endif
