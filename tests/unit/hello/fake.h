/*
 * A fake world for Hello: a clock that tests move, a send that records
 * what would have left (decoded back), and the events raised.
 */
#ifndef TEST_HELLO_FAKE_H
#define TEST_HELLO_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "dom0/hello.h"
#include "lib/rsvp_sock.h"

#define FAKE_MAX	64

struct fake_sent {
	struct rsvp_pkt_out	out;	/* buf not valid */
	uint8_t			c_type;	/* REQUEST or ACK */
	uint8_t			send_ttl;
	uint32_t		src_instance, dst_instance;
};

struct fake_event {
	struct in_addr		nbr;
	unsigned		ifindex;
	enum hello_event	ev;
};

struct fake {
	uint64_t		now;
	int			send_rc;
	struct fake_sent	sent[FAKE_MAX];
	int			nsent;
	struct fake_event	events[FAKE_MAX];
	int			nevents;
	struct hello		*del_on_event;	/* nbr_del the neighbour */
};

/* An env over 'f'. */
void fake_env(struct fake *f, struct hello_env *env);
/* hello_env.if_name: "r1-r2" for ifindex 3, unknown else. */
int fake_if_name(void *arg, unsigned ifindex, char *name_r, size_t len);
/* 10.0.12.<n> */
struct in_addr fake_addr(unsigned n);
/* Deliver a Hello of 'c_type' from 'src' to 'h'; as hello_input(). */
int fake_hello(struct hello *h, struct in_addr src, unsigned ifindex,
    uint8_t c_type, uint32_t src_inst, uint32_t dst_inst, uint8_t ip_ttl,
    uint8_t send_ttl);

#endif
