/*
 * A recording fake for the host API's outside world: a send function that
 * keeps every message, a clock the test moves, a chosen random value.
 */
#ifndef TEST_API_FAKE_H
#define TEST_API_FAKE_H

#include <stdint.h>

#include "host/rsvp_api.h"
#include "lib/rsvp_sock.h"

#define FAKE_KEEP	64	/* messages kept (the last ones) */

struct fake_pkt {
	struct rsvp_pkt_out out;	/* buf points to 'bytes' */
	uint8_t bytes[1024];
};

struct fake {
	uint64_t now;
	uint32_t rnd;		/* what random() gives */
	int send_rc;		/* what send returns */
	size_t nsent;		/* every message ever sent */
	struct fake_pkt sent[FAKE_KEEP];
};

/* A host at 'addr' whose outside world is 'f' (zeroed here). */
struct rsvp_host *fake_host(struct fake *f, const char *addr);
/* The i-th message sent (0: the first), still kept. */
const struct fake_pkt *fake_sent(const struct fake *f, size_t i);
/* The last message sent, decoded into a static message (checks it
 * decodes). */
const struct rsvp_msg *fake_last(const struct fake *f);
/* The i-th message sent, decoded into a static message. */
const struct rsvp_msg *fake_decode(const struct fake *f, size_t i);
/* Give 'h' the i-th message 'from' sent, as if it came in on 'ifindex'. */
void fake_deliver(const struct fake *from, size_t i, struct rsvp_host *h,
    unsigned ifindex);
/* Encode 'm' and give it to 'h' from 'src' to 'dst'. */
void fake_input(struct rsvp_host *h, const struct rsvp_msg *m,
    const char *src, const char *dst);
/* The first object of 'class' in 'm'; fails the test if absent. */
const struct rsvp_obj *fake_obj(const struct rsvp_msg *m, uint8_t class_num);
/* The n-th object of 'class' in 'm' (0: the first), or NULL. */
const struct rsvp_obj *fake_nth(const struct rsvp_msg *m, uint8_t class_num,
    size_t n);
struct in_addr fake_addr(const char *s);
/* A TSpec of 'mbit' Mbit/s, 10 KB bucket, no peak, m 64, M 1500. */
void fake_tspec(struct is_tspec *t, unsigned mbit);

#endif
