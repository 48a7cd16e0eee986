/*
 * Egress classes on one line card (dom0's side of the data plane).
 *
 * Each line card gets an HTB root qdisc, handle 1:, shaped as
 *
 *	1:	htb, default class 1:2
 *	 1:1	rate = ceil = the line rate; the parent of every class below
 *	  1:3	network control (RSVP, Hello; RFC 4594 2.3): rate =
 *		egress_ctl_rate(line rate), ceil = line rate, HTB prio 0
 *	  1:2	best effort: rate = line rate - control - what flows
 *		reserve, ceil = line rate (it borrows what flows leave
 *		unused), HTB prio 1: served after control when both borrow
 *	  1:N	one per admitted flow, N in [EGRESS_MINOR_FIRST, 0xffff]:
 *		rate = ceil = the flow's reserved rate, burst = its bucket
 *
 * Class ids are allocated here (the lowest free minor) and handed back to
 * the caller, which gives them to the vif-ingress program: that program
 * sets skb->priority to the class id, and HTB puts a frame whose priority
 * names one of its leaf classes straight into that class (see
 * docs/egress.md).  quasard's RSVP socket sets SO_PRIORITY to
 * EGRESS_CLASS_CTL, so its messages never queue behind best effort.
 * The kernel's classes are the only state: a second
 * egress_open on the same line card finds the flows the first one made.
 *
 * Rates are in bytes per second, as the token bucket rate of an RSVP TSpec
 * (RFC 2210 3.1); bursts are in bytes.  Every function returns 0 or a
 * negative errno; on failure the line card is left as it was, and the
 * message (interface name and libnl's reason) is logged and kept for
 * egress_error().
 */
#ifndef QUASAR_DEMUX_EGRESS_HTB_H
#define QUASAR_DEMUX_EGRESS_HTB_H

#include <stdint.h>

#define EGRESS_QDISC_MAJOR	1u
#define EGRESS_CLASS(minor)	((EGRESS_QDISC_MAJOR << 16) | (minor))
#define EGRESS_CLASS_PARENT	EGRESS_CLASS(1)
#define EGRESS_CLASS_BE		EGRESS_CLASS(2)
#define EGRESS_CLASS_CTL	EGRESS_CLASS(3)
#define EGRESS_MINOR_FIRST	0x10u
#define EGRESS_MINOR_LAST	0xffffu
/* What best effort keeps however much flows reserve: 10 kbit/s. */
#define EGRESS_BE_MIN_RATE	1250u
/* What network control gets at least: 64 kbit/s (see egress_ctl_rate). */
#define EGRESS_CTL_MIN_RATE	8000u

struct egress;

/* What egress_class_get reads back from the kernel. */
struct egress_class {
	uint32_t classid;
	uint64_t rate;		/* bytes/s */
	uint64_t ceil;		/* bytes/s */
	uint64_t bytes;		/* sent through this class */
	uint64_t packets;
	uint64_t drops;
};

/*
 * Line rate of 'ifname' in bytes/s from /sys/class/net/<ifname>/speed
 * into '*rate_r'.  Returns -ENODATA when the driver does not know it
 * (speed -1, absent, or unreadable while the link is down).
 */
int egress_link_speed(const char *ifname, uint64_t *rate_r);

/*
 * The guaranteed rate of the network-control class on a line of
 * 'line_rate' bytes/s: 1% of it, at least EGRESS_CTL_MIN_RATE, at most
 * half the line (a very slow line keeps the other half for best effort).
 */
uint64_t egress_ctl_rate(uint64_t line_rate);

/*
 * Set up the classes on line card 'ifname' and return a handle in
 * '*eg_r'.  The line rate is 'line_rate' (bytes/s, from the config) when
 * it is not 0, else the driver's speed, else (on a restart) the rate the
 * tree already has; -ENODATA if none is known.  When 'ifname' already
 * carries this tree (a restart), it is kept with its flows and only the
 * line rate is brought up to date (and the control class 1:3 added if the
 * tree predates it); any other root qdisc that someone
 * configured is left alone and the call fails with -EBUSY.
 */
int egress_open(const char *ifname, uint64_t line_rate, struct egress **eg_r);

/* Free 'eg', leaving the classes in place; NULL is a no-op. */
void egress_close(struct egress *eg);

/* Remove the root qdisc and every class from the line card of 'eg'. */
int egress_teardown(struct egress *eg);

/*
 * Add a class for a flow reserving 'rate' bytes/s with a 'burst'-byte
 * bucket (at least one MTU is used); the best-effort class gives up as
 * much.  Its class id is returned in '*classid_r'.  -ENOSPC when best
 * effort would keep less than EGRESS_BE_MIN_RATE (the flows' sum may not
 * pass egress_flow_room), -ERANGE when all ids are taken.
 */
int egress_flow_add(struct egress *eg, uint64_t rate, uint32_t burst,
    uint32_t *classid_r);

/* Give flow class 'classid' a new rate and burst (a re-admitted flow). */
int egress_flow_change(struct egress *eg, uint32_t classid, uint64_t rate,
    uint32_t burst);

/* Remove flow class 'classid'; best effort gets its rate back. */
int egress_flow_del(struct egress *eg, uint32_t classid);

/* Read class 'classid' (a flow's, EGRESS_CLASS_BE or _CTL) into '*c_r'. */
int egress_class_get(struct egress *eg, uint32_t classid,
    struct egress_class *c_r);

/*
 * Call cb(arg, c) for each flow class on the line card of 'eg' (as
 * egress_class_get reads one; not 1:1, 1:2 nor 1:3), in no set order: what a restarted control
 * plane finds again, to keep those its flows still use and remove the
 * others.  Returns 0 or -errno.
 */
int egress_flow_walk(struct egress *eg,
    void (*cb)(void *arg, const struct egress_class *c), void *arg);

/* The line rate in use and the sum of the flows' rates, in bytes/s. */
void egress_rates(const struct egress *eg, uint64_t *line_r,
    uint64_t *reserved_r);

/*
 * The most the flows of 'eg' may reserve together, in bytes/s: the line
 * rate less the control class and EGRESS_BE_MIN_RATE.
 */
uint64_t egress_flow_room(const struct egress *eg);

/* The message of the last failure on 'eg' ("" if none). */
const char *egress_error(const struct egress *eg);

#endif
