#include "demux/egress_htb.h"

#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_ether.h>
#include <linux/pkt_sched.h>
#include <netlink/errno.h>
#include <netlink/route/class.h>
#include <netlink/route/classifier.h>
#include <netlink/route/cls/u32.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/htb.h>
#include <netlink/route/tc.h>

#include "demux/nl_util.h"
#include "lib/log.h"

#define EGRESS_QDISC_HANDLE	(EGRESS_QDISC_MAJOR << 16)
/* The u32 filter that puts ARP in network control: prio 1, 800::800. */
#define EG_ARP_PRIO		1u
#define EG_ARP_HANDLE		0x80000800u
#define MINOR_WORDS		((EGRESS_MINOR_LAST + 1) / 64)

struct egress {
	struct nl_sock *sk;
	char ifname[IFNAMSIZ];
	uint32_t ifindex;
	uint32_t mtu;
	uint64_t line_rate;
	uint64_t ctl_rate;	/* egress_ctl_rate(line_rate) */
	uint64_t reserved;
	char err[256];
};

/* What one dump of the line card's HTB classes says. */
struct eg_scan {
	bool has_parent;
	bool has_be;
	bool has_ctl;
	uint64_t reserved;	/* sum of the flow classes' rates */
	uint64_t used[MINOR_WORDS];
	/* The class asked about (scan 'want'), if it is a flow class. */
	bool found;
	uint64_t want_rate;
};

/* Record a failure: "<ifname>: <what>: <why>", logged and kept. */
static int __attribute__((format(printf, 3, 4)))
eg_fail(struct egress *eg, int rc, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(eg->err, sizeof(eg->err), "%s: %s", eg->ifname, what);
	log_warnx("egress: %s", eg->err);
	return rc;
}

static bool
minor_is_flow(uint32_t minor)
{
	return minor >= EGRESS_MINOR_FIRST && minor <= EGRESS_MINOR_LAST;
}

static bool
classid_is_flow(uint32_t classid)
{
	return TC_H_MAJ(classid) == EGRESS_QDISC_HANDLE &&
	    minor_is_flow(TC_H_MIN(classid));
}

/*
 * Dump the classes of the line card into '*s'; 'want' names a flow class
 * whose rate to report (0 for none).  Returns 0 or a libnl error.
 */
static int
eg_scan(struct egress *eg, uint32_t want, struct eg_scan *s)
{
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = rtnl_class_alloc_cache(eg->sk, (int)eg->ifindex, &cache);
	if (rc < 0)
		return rc;
	for (o = nl_cache_get_first(cache); o != NULL; o = nl_cache_get_next(o)) {
		struct rtnl_class *cl = (struct rtnl_class *)o;
		uint32_t h = rtnl_tc_get_handle(TC_CAST(cl));
		uint32_t parent = rtnl_tc_get_parent(TC_CAST(cl));
		const char *kind = rtnl_tc_get_kind(TC_CAST(cl));
		uint64_t rate = 0;

		if (TC_H_MAJ(h) != EGRESS_QDISC_HANDLE || kind == NULL ||
		    strcmp(kind, "htb") != 0)
			continue;
		if (h == EGRESS_CLASS_PARENT) {
			s->has_parent = true;
			continue;
		}
		if (h == EGRESS_CLASS_BE) {
			s->has_be = parent == EGRESS_CLASS_PARENT;
			continue;
		}
		if (h == EGRESS_CLASS_CTL) {
			s->has_ctl = parent == EGRESS_CLASS_PARENT;
			continue;
		}
		if (!minor_is_flow(TC_H_MIN(h)) || parent != EGRESS_CLASS_PARENT)
			continue;
		if (rtnl_htb_get_rate64(cl, &rate) < 0)
			rate = rtnl_htb_get_rate(cl);
		s->used[TC_H_MIN(h) / 64] |= UINT64_C(1) << (TC_H_MIN(h) % 64);
		s->reserved += rate;
		if (h == want) {
			s->found = true;
			s->want_rate = rate;
		}
	}
	nl_cache_free(cache);
	return 0;
}

/* The lowest flow minor that 's' does not use, or 0 if none is free. */
static uint32_t
eg_free_minor(const struct eg_scan *s)
{
	uint32_t m;

	for (m = EGRESS_MINOR_FIRST; m <= EGRESS_MINOR_LAST; m++)
		if (!(s->used[m / 64] & (UINT64_C(1) << (m % 64))))
			return m;
	return 0;
}

/*
 * How many bytes a class may send per round when classes borrow: in
 * proportion to its rate, as HTB's default (rate / r2q, r2q 10), but kept
 * between one frame and the 200000 bytes above which HTB complains.
 */
static uint32_t
eg_quantum(const struct egress *eg, uint64_t rate)
{
	uint64_t q = rate / 10;
	uint32_t min = eg->mtu + 14;

	if (q < min)
		return min;
	return q > 200000 ? 200000 : (uint32_t)q;
}

/* HTB priorities: control (and flows, which never borrow) before BE. */
#define EG_PRIO_CTL	0u
#define EG_PRIO_BE	1u

/*
 * Add ('flags' has NLM_F_CREATE) or change HTB class 'classid' under
 * 'parent' with 'rate', 'ceil', a 'burst'-byte bucket for both and HTB
 * priority 'prio'.  Returns 0 or a libnl error.
 */
static int
eg_class_put(struct egress *eg, uint32_t classid, uint32_t parent,
    uint64_t rate, uint64_t ceil, uint32_t burst, uint32_t prio, int flags)
{
	struct rtnl_class *cl;
	int rc;

	cl = rtnl_class_alloc();
	if (cl == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_ifindex(TC_CAST(cl), (int)eg->ifindex);
	rtnl_tc_set_parent(TC_CAST(cl), parent);
	rtnl_tc_set_handle(TC_CAST(cl), classid);
	rtnl_tc_set_mtu(TC_CAST(cl), eg->mtu);
	if ((rc = rtnl_tc_set_kind(TC_CAST(cl), "htb")) < 0 ||
	    (rc = rtnl_htb_set_rate64(cl, rate)) < 0 ||
	    (rc = rtnl_htb_set_ceil64(cl, ceil)) < 0 ||
	    (rc = rtnl_htb_set_rbuffer(cl, burst)) < 0 ||
	    (rc = rtnl_htb_set_cbuffer(cl, burst)) < 0 ||
	    (rc = rtnl_htb_set_prio(cl, prio)) < 0 ||
	    (rc = rtnl_htb_set_quantum(cl, eg_quantum(eg, rate))) < 0)
		goto out;
	rc = rtnl_class_add(eg->sk, cl, flags);
out:
	rtnl_class_put(cl);
	return rc;
}

/* A bucket that holds at least one frame of the line card's MTU. */
static uint32_t
eg_burst(const struct egress *eg, uint32_t burst)
{
	uint32_t min = eg->mtu + 64;

	return burst > min ? burst : min;
}

/* The bucket of the parent and best-effort classes: 10 ms at line rate. */
static uint32_t
eg_line_burst(const struct egress *eg)
{
	uint64_t b = eg->line_rate / 100;

	return eg_burst(eg, b > UINT32_MAX ? UINT32_MAX : (uint32_t)b);
}

uint64_t
egress_ctl_rate(uint64_t line_rate)
{
	uint64_t r = line_rate / 100;

	if (r < EGRESS_CTL_MIN_RATE)
		r = EGRESS_CTL_MIN_RATE;
	return r > line_rate / 2 ? line_rate / 2 : r;
}

/*
 * Set the best-effort class to what control and 'reserved' leave of the
 * line rate.
 */
static int
eg_be_set(struct egress *eg, uint64_t reserved, int flags)
{
	return eg_class_put(eg, EGRESS_CLASS_BE, EGRESS_CLASS_PARENT,
	    eg->line_rate - eg->ctl_rate - reserved, eg->line_rate,
	    eg_line_burst(eg), EG_PRIO_BE, flags);
}

static int
eg_ctl_set(struct egress *eg, int flags)
{
	return eg_class_put(eg, EGRESS_CLASS_CTL, EGRESS_CLASS_PARENT,
	    eg->ctl_rate, eg->line_rate, eg_line_burst(eg), EG_PRIO_CTL,
	    flags);
}

static int
eg_parent_set(struct egress *eg, int flags)
{
	return eg_class_put(eg, EGRESS_CLASS_PARENT, EGRESS_QDISC_HANDLE,
	    eg->line_rate, eg->line_rate, eg_line_burst(eg), EG_PRIO_CTL,
	    flags);
}

/*
 * ARP into network control: without it, a neighbour entry that goes
 * stale during a best-effort flood is probed from behind the flood, the
 * probe and the reply are lost, and the RSVP messages in 1:3 wait for a
 * MAC that never comes.  Frames whose skb->priority names a class never
 * reach the filter (HTB classifies them first), so only unmarked ARP
 * does.  -NLE_EXIST when the filter is there already.
 */
static int
eg_arp_filter_add(struct egress *eg)
{
	struct rtnl_cls *cls;
	int rc;

	cls = rtnl_cls_alloc();
	if (cls == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_ifindex(TC_CAST(cls), (int)eg->ifindex);
	rtnl_tc_set_parent(TC_CAST(cls), EGRESS_QDISC_HANDLE);
	rtnl_tc_set_handle(TC_CAST(cls), EG_ARP_HANDLE);
	rtnl_cls_set_prio(cls, EG_ARP_PRIO);
	rtnl_cls_set_protocol(cls, ETH_P_ARP);
	if ((rc = rtnl_tc_set_kind(TC_CAST(cls), "u32")) < 0 ||
	    (rc = rtnl_u32_add_key_uint32(cls, 0, 0, 0, 0)) < 0 ||
	    (rc = rtnl_u32_set_cls_terminal(cls)) < 0 ||
	    (rc = rtnl_u32_set_classid(cls, EGRESS_CLASS_CTL)) < 0)
		goto out;
	rc = rtnl_cls_add(eg->sk, cls, NLM_F_CREATE | NLM_F_EXCL);
out:
	rtnl_cls_put(cls);
	return rc;
}

uint64_t
egress_flow_room(const struct egress *eg)
{
	return eg->line_rate - eg->ctl_rate - EGRESS_BE_MIN_RATE;
}

static bool
eg_fits(const struct egress *eg, uint64_t reserved)
{
	return reserved <= egress_flow_room(eg);
}

/*
 * The root qdisc of the line card: 1 if it is our HTB, 0 if it is the
 * kernel's default (handle 0, nobody configured it), -EBUSY for anything
 * else.
 */
static int
eg_root_state(struct egress *eg)
{
	struct nl_cache *cache = NULL;
	struct rtnl_qdisc *q;
	const char *kind;
	uint32_t handle;
	int rc;

	rc = rtnl_qdisc_alloc_cache(eg->sk, &cache);
	if (rc < 0)
		return eg_fail(eg, nlu_errno(rc), "read qdiscs: %s",
		    nl_geterror(rc));
	q = rtnl_qdisc_get_by_parent(cache, (int)eg->ifindex, TC_H_ROOT);
	if (q == NULL) {
		rc = 0;
		goto out;
	}
	handle = rtnl_tc_get_handle(TC_CAST(q));
	kind = rtnl_tc_get_kind(TC_CAST(q));
	if (handle == 0)
		rc = 0;
	else if (handle == EGRESS_QDISC_HANDLE && kind != NULL &&
	    strcmp(kind, "htb") == 0)
		rc = 1;
	else
		rc = eg_fail(eg, -EBUSY, "root qdisc %x: (%s) is not ours",
		    handle >> 16, kind != NULL ? kind : "?");
	rtnl_qdisc_put(q);
out:
	nl_cache_free(cache);
	return rc;
}

static int
eg_root_del(struct egress *eg)
{
	struct rtnl_qdisc *q;
	int rc;

	q = rtnl_qdisc_alloc();
	if (q == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_ifindex(TC_CAST(q), (int)eg->ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_ROOT);
	rtnl_tc_set_handle(TC_CAST(q), EGRESS_QDISC_HANDLE);
	rc = rtnl_qdisc_delete(eg->sk, q);
	rtnl_qdisc_put(q);
	return rc;
}

/* Build the qdisc, the parent, control and best effort from nothing. */
static int
eg_build(struct egress *eg)
{
	struct rtnl_qdisc *q;
	int rc;

	q = rtnl_qdisc_alloc();
	if (q == NULL)
		return eg_fail(eg, -ENOMEM, "add root qdisc: out of memory");
	rtnl_tc_set_ifindex(TC_CAST(q), (int)eg->ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_ROOT);
	rtnl_tc_set_handle(TC_CAST(q), EGRESS_QDISC_HANDLE);
	if ((rc = rtnl_tc_set_kind(TC_CAST(q), "htb")) < 0 ||
	    (rc = rtnl_htb_set_defcls(q, EGRESS_CLASS_BE)) < 0 ||
	    (rc = rtnl_qdisc_add(eg->sk, q, NLM_F_CREATE | NLM_F_EXCL)) < 0) {
		rtnl_qdisc_put(q);
		return eg_fail(eg, nlu_errno(rc), "add htb root qdisc 1: %s",
		    nl_geterror(rc));
	}
	rtnl_qdisc_put(q);

	if ((rc = eg_parent_set(eg, NLM_F_CREATE | NLM_F_EXCL)) < 0) {
		eg_fail(eg, nlu_errno(rc), "add class 1:1: %s", nl_geterror(rc));
		goto undo;
	}
	if ((rc = eg_be_set(eg, 0, NLM_F_CREATE | NLM_F_EXCL)) < 0) {
		eg_fail(eg, nlu_errno(rc), "add class 1:2: %s", nl_geterror(rc));
		goto undo;
	}
	if ((rc = eg_ctl_set(eg, NLM_F_CREATE | NLM_F_EXCL)) < 0) {
		eg_fail(eg, nlu_errno(rc), "add class 1:3: %s", nl_geterror(rc));
		goto undo;
	}
	if ((rc = eg_arp_filter_add(eg)) < 0) {
		eg_fail(eg, nlu_errno(rc), "add filter ARP -> 1:3: %s",
		    nl_geterror(rc));
		goto undo;
	}
	return 0;
undo:
	eg_root_del(eg);
	return nlu_errno(rc);
}

/*
 * Put back the parent and best-effort classes of a tree with line rate
 * 'line' and control rate 'ctl' after a failed adoption.
 */
static void
eg_adopt_undo(struct egress *eg, uint64_t line, uint64_t ctl,
    uint64_t reserved)
{
	int rc;

	eg->line_rate = line;
	eg->ctl_rate = ctl;
	if ((rc = eg_parent_set(eg, 0)) < 0)
		log_warnx("egress: %s: restore class 1:1: %s", eg->ifname,
		    nl_geterror(rc));
	if ((rc = eg_be_set(eg, reserved, 0)) < 0)
		log_warnx("egress: %s: restore class 1:2: %s", eg->ifname,
		    nl_geterror(rc));
}

/*
 * Take over the tree a previous egress_open left: its flows stay, the
 * parent, control and best-effort classes follow the (maybe new) line
 * rate, and a tree made before the control class gets one.  Best effort
 * shrinks before control grows, so the classes never promise more than
 * the line rate.
 */
static int
eg_adopt(struct egress *eg, uint64_t old_line)
{
	uint64_t old_ctl = 0;
	struct egress_class c;
	struct eg_scan *s;
	int rc;

	s = malloc(sizeof(*s));
	if (s == NULL)
		return eg_fail(eg, -ENOMEM, "adopt classes: out of memory");
	if ((rc = eg_scan(eg, 0, s)) < 0) {
		rc = eg_fail(eg, nlu_errno(rc), "read classes: %s",
		    nl_geterror(rc));
		goto out;
	}
	if (!s->has_parent || !s->has_be) {
		rc = eg_fail(eg, -EBUSY,
		    "htb 1: lacks class 1:1 or 1:2: not made by egress");
		goto out;
	}
	if (!eg_fits(eg, s->reserved)) {
		rc = eg_fail(eg, -ENOSPC, "flows reserve %" PRIu64
		    " B/s, more than line rate %" PRIu64 " B/s allows",
		    s->reserved, eg->line_rate);
		goto out;
	}
	if (s->has_ctl && (rc = egress_class_get(eg, EGRESS_CLASS_CTL,
	    &c)) < 0)
		goto out;
	/*
	 * The ARP filter first: one that names a class not made yet is
	 * harmless (HTB sends the frame to the default class).
	 */
	if ((rc = eg_arp_filter_add(eg)) < 0 && rc != -NLE_EXIST) {
		rc = eg_fail(eg, nlu_errno(rc), "add filter ARP -> 1:3: %s",
		    nl_geterror(rc));
		goto out;
	}
	if (s->has_ctl)
		old_ctl = c.rate;
	if ((rc = eg_parent_set(eg, 0)) < 0) {
		rc = eg_fail(eg, nlu_errno(rc), "change class 1:1: %s",
		    nl_geterror(rc));
		goto out;
	}
	if ((rc = eg_be_set(eg, s->reserved, 0)) < 0) {
		eg_fail(eg, nlu_errno(rc), "change class 1:2: %s",
		    nl_geterror(rc));
		rc = nlu_errno(rc);
		eg_adopt_undo(eg, old_line, old_ctl, s->reserved);
		goto out;
	}
	if ((rc = eg_ctl_set(eg, s->has_ctl ? 0 :
	    NLM_F_CREATE | NLM_F_EXCL)) < 0) {
		eg_fail(eg, nlu_errno(rc), "%s class 1:3: %s",
		    s->has_ctl ? "change" : "add", nl_geterror(rc));
		rc = nlu_errno(rc);
		eg_adopt_undo(eg, old_line, old_ctl, s->reserved);
		goto out;
	}
	if (!s->has_ctl)
		log_info("egress: %s: added network-control class 1:3",
		    eg->ifname);
	eg->reserved = s->reserved;
out:
	free(s);
	return rc;
}

/* The line rate class 1:1 has now, or 0 if it cannot be read. */
static uint64_t
eg_parent_rate(struct egress *eg)
{
	struct egress_class c;

	if (egress_class_get(eg, EGRESS_CLASS_PARENT, &c) < 0)
		return 0;
	return c.rate;
}

int
egress_open(const char *ifname, uint64_t line_rate, struct egress **eg_r)
{
	struct egress *eg;
	uint64_t old_line;
	int rc, root;

	eg = calloc(1, sizeof(*eg));
	if (eg == NULL)
		return -ENOMEM;
	snprintf(eg->ifname, sizeof(eg->ifname), "%s", ifname);
	if ((rc = nlu_open(&eg->sk)) < 0) {
		eg_fail(eg, rc, "netlink socket: %s", strerror(-rc));
		goto fail;
	}
	if ((rc = nlu_link(eg->sk, ifname, 0, &eg->ifindex, &eg->mtu,
	    NULL)) < 0) {
		rc = eg_fail(eg, nlu_errno(rc), "look up link: %s",
		    nl_geterror(rc));
		goto fail;
	}
	if ((root = eg_root_state(eg)) < 0) {
		rc = root;
		goto fail;
	}
	/* Configured, else the driver's, else (a restart) what 1:1 has. */
	old_line = root == 1 ? eg_parent_rate(eg) : 0;
	eg->line_rate = line_rate;
	if (eg->line_rate == 0 &&
	    egress_link_speed(ifname, &eg->line_rate) < 0)
		eg->line_rate = old_line;
	if (eg->line_rate == 0) {
		rc = eg_fail(eg, -ENODATA,
		    "the driver does not know the line rate; configure it");
		goto fail;
	}
	if (eg->line_rate < 2 * EGRESS_BE_MIN_RATE) {
		rc = eg_fail(eg, -EINVAL, "line rate %" PRIu64 " B/s is too low",
		    eg->line_rate);
		goto fail;
	}
	eg->ctl_rate = egress_ctl_rate(eg->line_rate);
	rc = root == 1 ? eg_adopt(eg, old_line) : eg_build(eg);
	if (rc < 0)
		goto fail;
	log_debug("egress: %s: htb 1: at %" PRIu64 " B/s, %" PRIu64
	    " B/s reserved", eg->ifname, eg->line_rate, eg->reserved);
	*eg_r = eg;
	return 0;
fail:
	egress_close(eg);
	return rc;
}

void
egress_close(struct egress *eg)
{
	if (eg == NULL)
		return;
	nl_socket_free(eg->sk);
	free(eg);
}

int
egress_teardown(struct egress *eg)
{
	int rc;

	/* Only our own qdisc goes; nothing to do when it is gone already. */
	if ((rc = eg_root_state(eg)) <= 0)
		return rc;
	if ((rc = eg_root_del(eg)) < 0)
		return eg_fail(eg, nlu_errno(rc), "delete root qdisc 1: %s",
		    nl_geterror(rc));
	eg->reserved = 0;
	return 0;
}

/*
 * Move best effort from what 'from' leaves to what 'to' leaves, do 'op'
 * on the flow class, and undo the first step when the second fails.  A
 * flow that grows takes from best effort first; one that shrinks gives
 * back after, so the classes never promise more than the line rate.
 */
enum eg_op { EG_ADD, EG_CHANGE, EG_DEL };

static int
eg_flow_apply(struct egress *eg, enum eg_op op, uint32_t classid,
    uint64_t rate, uint32_t burst, uint64_t from, uint64_t to)
{
	static const char *const opname[] = { "add", "change", "delete" };
	int rc, rc2;

	if (to > from && (rc = eg_be_set(eg, to, 0)) < 0)
		return eg_fail(eg, nlu_errno(rc), "shrink class 1:2: %s",
		    nl_geterror(rc));

	if (op == EG_DEL) {
		struct rtnl_class *cl = rtnl_class_alloc();

		rc = -NLE_NOMEM;
		if (cl != NULL) {
			rtnl_tc_set_ifindex(TC_CAST(cl), (int)eg->ifindex);
			rtnl_tc_set_handle(TC_CAST(cl), classid);
			rtnl_tc_set_parent(TC_CAST(cl), EGRESS_CLASS_PARENT);
			rc = rtnl_class_delete(eg->sk, cl);
			rtnl_class_put(cl);
		}
	} else {
		rc = eg_class_put(eg, classid, EGRESS_CLASS_PARENT, rate, rate,
		    eg_burst(eg, burst), EG_PRIO_CTL,
		    op == EG_ADD ? NLM_F_CREATE | NLM_F_EXCL : 0);
	}
	if (rc < 0) {
		eg_fail(eg, nlu_errno(rc), "%s class 1:%x: %s", opname[op],
		    TC_H_MIN(classid), nl_geterror(rc));
		if (to > from && (rc2 = eg_be_set(eg, from, 0)) < 0)
			log_warnx("egress: %s: restore class 1:2: %s",
			    eg->ifname, nl_geterror(rc2));
		return nlu_errno(rc);
	}

	if (to < from && (rc = eg_be_set(eg, to, 0)) < 0)
		/* The flow changed; best effort keeps its smaller share. */
		log_warnx("egress: %s: grow class 1:2: %s", eg->ifname,
		    nl_geterror(rc));
	eg->reserved = to;
	return 0;
}

int
egress_flow_add(struct egress *eg, uint64_t rate, uint32_t burst,
    uint32_t *classid_r)
{
	struct eg_scan *s;
	uint32_t minor;
	int rc;

	if (rate == 0)
		return eg_fail(eg, -EINVAL, "add flow: rate 0");
	s = malloc(sizeof(*s));
	if (s == NULL)
		return eg_fail(eg, -ENOMEM, "add flow: out of memory");
	if ((rc = eg_scan(eg, 0, s)) < 0) {
		rc = eg_fail(eg, nlu_errno(rc), "read classes: %s",
		    nl_geterror(rc));
		goto out;
	}
	if (!eg_fits(eg, s->reserved + rate)) {
		rc = eg_fail(eg, -ENOSPC, "add flow of %" PRIu64 " B/s: %"
		    PRIu64 " of %" PRIu64 " B/s already reserved", rate,
		    s->reserved, eg->line_rate);
		goto out;
	}
	if ((minor = eg_free_minor(s)) == 0) {
		rc = eg_fail(eg, -ERANGE, "add flow: every class id is taken");
		goto out;
	}
	rc = eg_flow_apply(eg, EG_ADD, EGRESS_CLASS(minor), rate, burst,
	    s->reserved, s->reserved + rate);
	if (rc == 0)
		*classid_r = EGRESS_CLASS(minor);
out:
	free(s);
	return rc;
}

/* Scan for flow class 'classid'; -ENOENT (recorded) if it is not there. */
static int
eg_scan_flow(struct egress *eg, uint32_t classid, struct eg_scan *s)
{
	int rc;

	if (!classid_is_flow(classid))
		return eg_fail(eg, -EINVAL, "class %x:%x is not a flow class",
		    TC_H_MAJ(classid) >> 16, TC_H_MIN(classid));
	if ((rc = eg_scan(eg, classid, s)) < 0)
		return eg_fail(eg, nlu_errno(rc), "read classes: %s",
		    nl_geterror(rc));
	if (!s->found)
		return eg_fail(eg, -ENOENT, "no flow class 1:%x",
		    TC_H_MIN(classid));
	return 0;
}

int
egress_flow_change(struct egress *eg, uint32_t classid, uint64_t rate,
    uint32_t burst)
{
	struct eg_scan *s;
	uint64_t to;
	int rc;

	if (rate == 0)
		return eg_fail(eg, -EINVAL, "change flow: rate 0");
	s = malloc(sizeof(*s));
	if (s == NULL)
		return eg_fail(eg, -ENOMEM, "change flow: out of memory");
	if ((rc = eg_scan_flow(eg, classid, s)) < 0)
		goto out;
	to = s->reserved - s->want_rate + rate;
	if (!eg_fits(eg, to)) {
		rc = eg_fail(eg, -ENOSPC, "change class 1:%x to %" PRIu64
		    " B/s: line rate %" PRIu64 " B/s exceeded",
		    TC_H_MIN(classid), rate, eg->line_rate);
		goto out;
	}
	rc = eg_flow_apply(eg, EG_CHANGE, classid, rate, burst, s->reserved,
	    to);
out:
	free(s);
	return rc;
}

int
egress_flow_del(struct egress *eg, uint32_t classid)
{
	struct eg_scan *s;
	int rc;

	s = malloc(sizeof(*s));
	if (s == NULL)
		return eg_fail(eg, -ENOMEM, "delete flow: out of memory");
	if ((rc = eg_scan_flow(eg, classid, s)) < 0)
		goto out;
	rc = eg_flow_apply(eg, EG_DEL, classid, 0, 0, s->reserved,
	    s->reserved - s->want_rate);
out:
	free(s);
	return rc;
}

/* 'cl' as an egress_class into '*c_r'. */
static void
eg_class_fill(struct rtnl_class *cl, struct egress_class *c_r)
{
	memset(c_r, 0, sizeof(*c_r));
	c_r->classid = rtnl_tc_get_handle(TC_CAST(cl));
	if (rtnl_htb_get_rate64(cl, &c_r->rate) < 0)
		c_r->rate = rtnl_htb_get_rate(cl);
	if (rtnl_htb_get_ceil64(cl, &c_r->ceil) < 0)
		c_r->ceil = rtnl_htb_get_ceil(cl);
	c_r->bytes = rtnl_tc_get_stat(TC_CAST(cl), RTNL_TC_BYTES);
	c_r->packets = rtnl_tc_get_stat(TC_CAST(cl), RTNL_TC_PACKETS);
	c_r->drops = rtnl_tc_get_stat(TC_CAST(cl), RTNL_TC_DROPS);
}

int
egress_flow_walk(struct egress *eg,
    void (*cb)(void *arg, const struct egress_class *c), void *arg)
{
	struct nl_cache *cache = NULL;
	struct egress_class c;
	struct nl_object *o;
	int rc;

	rc = rtnl_class_alloc_cache(eg->sk, (int)eg->ifindex, &cache);
	if (rc < 0)
		return eg_fail(eg, nlu_errno(rc), "read classes: %s",
		    nl_geterror(rc));
	for (o = nl_cache_get_first(cache); o != NULL; o = nl_cache_get_next(o)) {
		struct rtnl_class *cl = (struct rtnl_class *)o;
		const char *kind = rtnl_tc_get_kind(TC_CAST(cl));

		if (!classid_is_flow(rtnl_tc_get_handle(TC_CAST(cl))) ||
		    rtnl_tc_get_parent(TC_CAST(cl)) != EGRESS_CLASS_PARENT ||
		    kind == NULL || strcmp(kind, "htb") != 0)
			continue;
		eg_class_fill(cl, &c);
		cb(arg, &c);
	}
	nl_cache_free(cache);
	return 0;
}

int
egress_class_get(struct egress *eg, uint32_t classid, struct egress_class *c_r)
{
	struct nl_cache *cache = NULL;
	struct rtnl_class *cl;
	int rc;

	rc = rtnl_class_alloc_cache(eg->sk, (int)eg->ifindex, &cache);
	if (rc < 0)
		return eg_fail(eg, nlu_errno(rc), "read classes: %s",
		    nl_geterror(rc));
	cl = rtnl_class_get(cache, (int)eg->ifindex, classid);
	if (cl == NULL) {
		rc = eg_fail(eg, -ENOENT, "no class %x:%x",
		    TC_H_MAJ(classid) >> 16, TC_H_MIN(classid));
		goto out;
	}
	eg_class_fill(cl, c_r);
	rtnl_class_put(cl);
	rc = 0;
out:
	nl_cache_free(cache);
	return rc;
}

void
egress_rates(const struct egress *eg, uint64_t *line_r, uint64_t *reserved_r)
{
	*line_r = eg->line_rate;
	*reserved_r = eg->reserved;
}

const char *
egress_error(const struct egress *eg)
{
	return eg->err;
}
