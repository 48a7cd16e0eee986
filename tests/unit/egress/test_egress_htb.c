#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/pkt_sched.h>
#include <netlink/route/class.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/htb.h>

#include "demux/egress_htb.h"
#include "demux/nl_util.h"
#include "lib/rsvp_sock.h"
#include "suites.h"

#define LINE	UINT64_C(1250000)	/* 10 Mbit/s in bytes/s */
#define CTL	UINT64_C(12500)		/* 1% of it for network control */

/* What the kernel says about one class, read through libnl. */
struct seen {
	bool found;
	uint32_t parent;
	uint64_t rate;
	uint64_t ceil;
	uint32_t quantum;
	uint32_t prio;
	int nclasses;		/* every class on the link */
};

static struct seen
kernel_class(uint32_t classid)
{
	struct nl_sock *sk;
	struct nl_cache *cache;
	struct nl_object *o;
	struct seen s = { 0 };
	uint32_t ifindex = ifindex_of("egr0");

	ck_assert_int_eq(nlu_open(&sk), 0);
	ck_assert_int_eq(rtnl_class_alloc_cache(sk, (int)ifindex, &cache), 0);
	for (o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_class *cl = (struct rtnl_class *)o;

		s.nclasses++;
		if (rtnl_tc_get_handle(TC_CAST(cl)) != classid)
			continue;
		s.found = true;
		s.parent = rtnl_tc_get_parent(TC_CAST(cl));
		ck_assert_int_eq(rtnl_htb_get_rate64(cl, &s.rate), 0);
		ck_assert_int_eq(rtnl_htb_get_ceil64(cl, &s.ceil), 0);
		s.quantum = rtnl_htb_get_quantum(cl);
		s.prio = rtnl_htb_get_prio(cl);
	}
	nl_cache_free(cache);
	nl_socket_free(sk);
	return s;
}

/* The root qdisc's handle and kind, and HTB's default class. */
static uint32_t
kernel_root(char *kind, size_t kindlen, uint32_t *defcls_r)
{
	struct nl_sock *sk;
	struct nl_cache *cache;
	struct rtnl_qdisc *q;
	uint32_t handle;

	ck_assert_int_eq(nlu_open(&sk), 0);
	ck_assert_int_eq(rtnl_qdisc_alloc_cache(sk, &cache), 0);
	q = rtnl_qdisc_get_by_parent(cache, (int)ifindex_of("egr0"), TC_H_ROOT);
	ck_assert_ptr_nonnull(q);
	handle = rtnl_tc_get_handle(TC_CAST(q));
	snprintf(kind, kindlen, "%s", rtnl_tc_get_kind(TC_CAST(q)));
	if (defcls_r != NULL)
		*defcls_r = rtnl_htb_get_defcls(q);
	rtnl_qdisc_put(q);
	nl_cache_free(cache);
	nl_socket_free(sk);
	return handle;
}

static void
assert_class(uint32_t classid, uint64_t rate, uint64_t ceil)
{
	struct seen s = kernel_class(classid);

	ck_assert_msg(s.found, "class %x missing", classid);
	/* The kernel reports the top class's parent as TC_H_ROOT. */
	ck_assert_uint_eq(s.parent, classid == EGRESS_CLASS_PARENT ?
	    TC_H_ROOT : EGRESS_CLASS_PARENT);
	ck_assert_uint_eq(s.rate, rate);
	ck_assert_uint_eq(s.ceil, ceil);
}

/* How many filters of egr0's root qdisc send ARP to 1:3. */
static int
arp_filters(void)
{
	FILE *f;
	char line[256];
	int n = 0;

	f = popen("tc filter show dev egr0 parent 1: protocol arp", "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, "flowid 1:3") != NULL)
			n++;
	pclose(f);
	return n;
}

static void
veth_up(void)
{
	/* A failed test skips the teardown: start clean. */
	sh("(ip link del egr0 2>/dev/null; true) && "
	    "ip link add egr0 type veth peer name egr1 && "
	    "ip link set egr0 up && ip link set egr1 up");
}

static void
veth_down(void)
{
	sh("ip link del egr0");
}

START_TEST(open_builds_the_tree)
{
	struct egress *eg;
	char kind[16];
	uint32_t defcls = 0;
	uint64_t line, reserved;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_uint_eq(kernel_root(kind, sizeof(kind), &defcls),
	    TC_H_MAKE(1u << 16, 0));
	ck_assert_str_eq(kind, "htb");
	ck_assert_uint_eq(defcls, EGRESS_CLASS_BE);
	assert_class(EGRESS_CLASS_PARENT, LINE, LINE);
	assert_class(EGRESS_CLASS_BE, LINE - CTL, LINE);
	assert_class(EGRESS_CLASS_CTL, CTL, LINE);
	ck_assert_int_eq(kernel_class(0).nclasses, 3);
	/* Control is served before best effort when both borrow. */
	ck_assert_uint_eq(kernel_class(EGRESS_CLASS_CTL).prio, 0);
	ck_assert_uint_eq(kernel_class(EGRESS_CLASS_BE).prio, 1);
	/* Quantum: rate / 10, within [MTU + 14, 200000]. */
	ck_assert_uint_eq(kernel_class(EGRESS_CLASS_BE).quantum,
	    (LINE - CTL) / 10);
	egress_rates(eg, &line, &reserved);
	ck_assert_uint_eq(line, LINE);
	ck_assert_uint_eq(reserved, 0);
	egress_close(eg);
}
END_TEST

START_TEST(line_rate_from_the_driver)
{
	struct egress *eg;

	/* veth is 10000 Mb/s when up. */
	ck_assert_int_eq(egress_open("egr0", 0, &eg), 0);
	assert_class(EGRESS_CLASS_PARENT, UINT64_C(1250000000),
	    UINT64_C(1250000000));
	egress_close(eg);
}
END_TEST

START_TEST(flows_added_changed_removed)
{
	struct egress *eg;
	uint32_t a, b, c;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, 100000, 3000, &a), 0);
	ck_assert_uint_eq(a, EGRESS_CLASS(0x10));
	ck_assert_int_eq(egress_flow_add(eg, 250000, 3000, &b), 0);
	ck_assert_uint_eq(b, EGRESS_CLASS(0x11));
	assert_class(a, 100000, 100000);
	assert_class(b, 250000, 250000);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 350000, LINE);

	ck_assert_int_eq(egress_flow_change(eg, a, 300000, 6000), 0);
	assert_class(a, 300000, 300000);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 550000, LINE);
	ck_assert_int_eq(egress_flow_change(eg, a, 50000, 6000), 0);
	assert_class(a, 50000, 50000);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 300000, LINE);

	ck_assert_int_eq(egress_flow_del(eg, a), 0);
	ck_assert(!kernel_class(a).found);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 250000, LINE);
	/* The lowest free id is handed out again. */
	ck_assert_int_eq(egress_flow_add(eg, 1000, 0, &c), 0);
	ck_assert_uint_eq(c, a);
	ck_assert_uint_eq(kernel_class(c).quantum, 1500 + 14);
	ck_assert_int_eq(kernel_class(0).nclasses, 5);
	egress_close(eg);
}
END_TEST

START_TEST(rates_above_32_bits)
{
	struct egress *eg;
	uint32_t a;
	const uint64_t line = UINT64_C(12500000000);	/* 100 Gbit/s */

	ck_assert_int_eq(egress_open("egr0", line, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, UINT64_C(5000000000), 65536, &a),
	    0);
	assert_class(a, UINT64_C(5000000000), UINT64_C(5000000000));
	assert_class(EGRESS_CLASS_BE, line - line / 100 - UINT64_C(5000000000),
	    line);
	ck_assert_uint_eq(kernel_class(a).quantum, 200000);
	egress_close(eg);
}
END_TEST

START_TEST(open_twice_keeps_flows)
{
	struct egress *eg, *eg2;
	uint32_t a, b;
	uint64_t line, reserved;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, 100000, 0, &a), 0);
	egress_close(eg);

	ck_assert_int_eq(egress_open("egr0", LINE, &eg2), 0);
	egress_rates(eg2, &line, &reserved);
	ck_assert_uint_eq(reserved, 100000);
	assert_class(a, 100000, 100000);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 100000, LINE);
	ck_assert_int_eq(egress_flow_add(eg2, 1000, 0, &b), 0);
	ck_assert_uint_eq(b, EGRESS_CLASS(0x11));
	egress_close(eg2);

	/* A new line rate on the way in is applied to 1:1, 1:2 and 1:3. */
	ck_assert_int_eq(egress_open("egr0", 2 * LINE, &eg2), 0);
	assert_class(EGRESS_CLASS_PARENT, 2 * LINE, 2 * LINE);
	assert_class(EGRESS_CLASS_BE, 2 * LINE - 2 * CTL - 101000, 2 * LINE);
	assert_class(EGRESS_CLASS_CTL, 2 * CTL, 2 * LINE);
	egress_close(eg2);
}
END_TEST

START_TEST(reopen_below_reservations_fails)
{
	struct egress *eg;
	uint32_t a;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, 1000000, 0, &a), 0);
	egress_close(eg);
	ck_assert_int_eq(egress_open("egr0", LINE / 2, &eg), -ENOSPC);
	assert_class(EGRESS_CLASS_PARENT, LINE, LINE);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 1000000, LINE);
}
END_TEST

START_TEST(over_reservation_changes_nothing)
{
	struct egress *eg;
	uint32_t a, b = 0;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, 1000000, 0, &a), 0);
	ck_assert_int_eq(egress_flow_add(eg, LINE - 1000000, 0, &b), -ENOSPC);
	ck_assert_uint_eq(b, 0);
	ck_assert_int_eq(egress_flow_change(eg, a, LINE, 0), -ENOSPC);
	ck_assert_ptr_nonnull(strstr(egress_error(eg), "egr0"));
	assert_class(a, 1000000, 1000000);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 1000000, LINE);
	ck_assert_int_eq(kernel_class(0).nclasses, 4);
	ck_assert_int_eq(egress_flow_add(eg, 0, 0, &b), -EINVAL);
	egress_close(eg);
}
END_TEST

START_TEST(kernel_refusal_leaves_no_trace)
{
	struct egress *eg;
	uint32_t a = 0;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	/* Someone else's class takes the first flow id, outside 1:1. */
	sh("tc class add dev egr0 parent 1: classid 1:10 htb rate 8kbit");
	ck_assert_int_eq(egress_flow_add(eg, 100000, 0, &a), -EEXIST);
	ck_assert_uint_eq(a, 0);
	ck_assert_ptr_nonnull(strstr(egress_error(eg), "egr0"));
	ck_assert_ptr_nonnull(strstr(egress_error(eg), "class 1:10"));
	ck_assert_ptr_nonnull(strstr(egress_error(eg), "exists"));
	/* Best effort got its share back. */
	assert_class(EGRESS_CLASS_BE, LINE - CTL, LINE);
	ck_assert_int_eq(kernel_class(0).nclasses, 4);
	egress_close(eg);
}
END_TEST

START_TEST(unknown_flow_class)
{
	struct egress *eg;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_del(eg, EGRESS_CLASS(0x42)), -ENOENT);
	ck_assert_int_eq(egress_flow_change(eg, EGRESS_CLASS(0x42), 1, 0),
	    -ENOENT);
	ck_assert_int_eq(egress_flow_del(eg, EGRESS_CLASS_BE), -EINVAL);
	ck_assert_int_eq(egress_flow_del(eg, EGRESS_CLASS_CTL), -EINVAL);
	ck_assert_int_eq(egress_flow_change(eg, EGRESS_CLASS_CTL, 1, 0),
	    -EINVAL);
	ck_assert_int_eq(egress_flow_del(eg, TC_H_MAKE(2u << 16, 0x10)),
	    -EINVAL);
	egress_close(eg);
}
END_TEST

START_TEST(foreign_root_is_left_alone)
{
	struct egress *eg = NULL;
	char kind[16];

	sh("tc qdisc add dev egr0 root handle 5: htb");
	ck_assert_int_eq(egress_open("egr0", LINE, &eg), -EBUSY);
	ck_assert_ptr_null(eg);
	ck_assert_uint_eq(kernel_root(kind, sizeof(kind), NULL),
	    TC_H_MAKE(5u << 16, 0));
}
END_TEST

START_TEST(unknown_rate_builds_nothing)
{
	struct egress *eg = NULL;
	char kind[16];

	sh("ip link set egr0 down");
	ck_assert_int_eq(egress_open("egr0", 0, &eg), -ENODATA);
	ck_assert_uint_eq(kernel_root(kind, sizeof(kind), NULL), 0);
	ck_assert_int_eq(egress_open("egrnone", LINE, &eg), -ENODEV);
	ck_assert_ptr_null(eg);
}
END_TEST

START_TEST(restart_keeps_the_rate_in_place)
{
	struct egress *eg;
	uint64_t line, reserved;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	egress_close(eg);
	/* The driver cannot tell (link down): the tree's own rate is used. */
	sh("ip link set egr0 down");
	ck_assert_int_eq(egress_open("egr0", 0, &eg), 0);
	egress_rates(eg, &line, &reserved);
	ck_assert_uint_eq(line, LINE);
	assert_class(EGRESS_CLASS_PARENT, LINE, LINE);
	egress_close(eg);
}
END_TEST

START_TEST(teardown_restores_default)
{
	struct egress *eg;
	char kind[16];
	uint32_t a;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, 1000, 0, &a), 0);
	ck_assert_int_eq(egress_teardown(eg), 0);
	ck_assert_uint_eq(kernel_root(kind, sizeof(kind), NULL), 0);
	ck_assert_str_eq(kind, "noqueue");
	ck_assert_int_eq(kernel_class(0).nclasses, 0);
	/* Twice is fine. */
	ck_assert_int_eq(egress_teardown(eg), 0);
	egress_close(eg);
}
END_TEST

/* Send 'n' UDP datagrams to 'dst' with skb->priority 'prio'. */
static void
send_udp_to(const char *dst, uint32_t prio, int n)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
	    .sin_port = htons(9) };
	int fd, i;

	inet_pton(AF_INET, dst, &to.sin_addr);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio,
	    sizeof(prio)), 0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(sendto(fd, "quasar", 6, 0,
		    (struct sockaddr *)&to, sizeof(to)), 6);
	close(fd);
}

/* The same out of egr0 to 192.0.2.2, which has a static neighbour entry. */
static void
send_udp(uint32_t prio, int n)
{
	send_udp_to("192.0.2.2", prio, n);
}

static void
addr_and_neighbour(void)
{
	/* Nobody answers 192.0.2.2; a static entry spares ARP. */
	sh("ip addr add 192.0.2.1/24 dev egr0 && "
	    "ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev egr0");
}

START_TEST(class_counters)
{
	struct egress *eg;
	struct egress_class c;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_BE, &c), 0);
	ck_assert_uint_eq(c.rate, LINE - CTL);
	ck_assert_uint_eq(c.ceil, LINE);
	ck_assert_uint_eq(c.packets, 0);
	addr_and_neighbour();
	/* Unclassified traffic lands in best effort. */
	send_udp(0, 3);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_BE, &c), 0);
	ck_assert_uint_eq(c.packets, 3);
	ck_assert_uint_eq(c.bytes, 3 * (14 + 20 + 8 + 6));
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS(0x99), &c), -ENOENT);
	egress_close(eg);
}
END_TEST

/*
 * What the vif-ingress program relies on: HTB puts a frame whose
 * skb->priority is one of its leaf class ids into that class
 * (net/sched/sch_htb.c, htb_classify).
 */
START_TEST(priority_selects_the_class)
{
	struct egress *eg;
	struct egress_class c;
	uint32_t a, b;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(egress_flow_add(eg, 100000, 0, &a), 0);
	ck_assert_int_eq(egress_flow_add(eg, 100000, 0, &b), 0);
	addr_and_neighbour();
	send_udp(a, 5);
	send_udp(b, 2);
	/* quasard's RSVP socket: network control. */
	send_udp(EGRESS_CLASS_CTL, 4);
	/* A priority that names no class of ours goes to best effort. */
	send_udp(EGRESS_CLASS(0x77), 1);
	ck_assert_int_eq(egress_class_get(eg, a, &c), 0);
	ck_assert_uint_eq(c.packets, 5);
	ck_assert_int_eq(egress_class_get(eg, b, &c), 0);
	ck_assert_uint_eq(c.packets, 2);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_CTL, &c), 0);
	ck_assert_uint_eq(c.packets, 4);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_BE, &c), 0);
	ck_assert_uint_eq(c.packets, 1);
	egress_close(eg);
}
END_TEST

START_TEST(control_rate_bounds)
{
	/* 1% of the line ... */
	ck_assert_uint_eq(egress_ctl_rate(LINE), CTL);
	ck_assert_uint_eq(egress_ctl_rate(UINT64_C(1250000000)), 12500000);
	/* ... at least 64 kbit/s ... */
	ck_assert_uint_eq(egress_ctl_rate(125000), EGRESS_CTL_MIN_RATE);
	/* ... at most half a very slow line. */
	ck_assert_uint_eq(egress_ctl_rate(10000), 5000);
	ck_assert_uint_eq(egress_ctl_rate(2 * EGRESS_BE_MIN_RATE),
	    EGRESS_BE_MIN_RATE);
}
END_TEST

START_TEST(flows_fill_the_room_left_by_control)
{
	struct egress *eg;
	uint32_t a, b = 0;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_uint_eq(egress_flow_room(eg), LINE - CTL - EGRESS_BE_MIN_RATE);
	ck_assert_int_eq(egress_flow_add(eg, egress_flow_room(eg) + 1, 0, &b),
	    -ENOSPC);
	ck_assert_uint_eq(b, 0);
	ck_assert_int_eq(egress_flow_add(eg, egress_flow_room(eg), 0, &a), 0);
	assert_class(EGRESS_CLASS_BE, EGRESS_BE_MIN_RATE, LINE);
	assert_class(EGRESS_CLASS_CTL, CTL, LINE);
	ck_assert_int_eq(egress_flow_add(eg, 1, 0, &b), -ENOSPC);
	egress_close(eg);
}
END_TEST

static void
count_flow(void *arg, const struct egress_class *c)
{
	int *n = arg;

	ck_assert(c->classid != EGRESS_CLASS_CTL);
	(*n)++;
}

/* A tree made before the control class (or by hand, the same shape). */
START_TEST(adopt_adds_the_control_class)
{
	struct egress *eg;
	uint64_t line, reserved;
	int n = 0;

	sh("tc qdisc add dev egr0 root handle 1: htb default 2 && "
	    "tc class add dev egr0 parent 1: classid 1:1 htb "
	    "rate 10mbit ceil 10mbit && "
	    "tc class add dev egr0 parent 1:1 classid 1:2 htb "
	    "rate 9mbit ceil 10mbit && "
	    "tc class add dev egr0 parent 1:1 classid 1:10 htb "
	    "rate 1mbit ceil 1mbit");
	ck_assert(!kernel_class(EGRESS_CLASS_CTL).found);
	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	egress_rates(eg, &line, &reserved);
	ck_assert_uint_eq(reserved, 125000);
	assert_class(EGRESS_CLASS_CTL, CTL, LINE);
	ck_assert_uint_eq(kernel_class(EGRESS_CLASS_CTL).prio, 0);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 125000, LINE);
	ck_assert_uint_eq(kernel_class(EGRESS_CLASS_BE).prio, 1);
	assert_class(EGRESS_CLASS(0x10), 125000, 125000);
	ck_assert_int_eq(arp_filters(), 1);
	/* The walk of flow classes sees the flow only. */
	ck_assert_int_eq(egress_flow_walk(eg, count_flow, &n), 0);
	ck_assert_int_eq(n, 1);
	egress_close(eg);
	/* Adopting our own tree again changes nothing. */
	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	assert_class(EGRESS_CLASS_CTL, CTL, LINE);
	assert_class(EGRESS_CLASS_BE, LINE - CTL - 125000, LINE);
	ck_assert_int_eq(kernel_class(0).nclasses, 4);
	ck_assert_int_eq(arp_filters(), 1);
	egress_close(eg);
}
END_TEST

/*
 * ARP goes in network control (a neighbour probed from behind a flood
 * would never answer in time).
 */
START_TEST(arp_goes_in_network_control)
{
	struct egress *eg;
	struct egress_class c;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	ck_assert_int_eq(arp_filters(), 1);
	addr_and_neighbour();
	/* 192.0.2.3 has no entry: the kernel asks for it with ARP. */
	send_udp_to("192.0.2.3", 0, 1);
	usleep(200000);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_CTL, &c), 0);
	ck_assert_uint_ge(c.packets, 1);
	ck_assert_uint_eq(c.bytes % (14 + 28), 0);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_BE, &c), 0);
	ck_assert_uint_eq(c.packets, 0);
	egress_close(eg);
}
END_TEST

/* What quasard does: its raw RSVP socket's messages go in 1:3. */
START_TEST(rsvp_socket_goes_in_network_control)
{
	static const uint8_t msg[20] = { 0x10, 20, 0, 0, 1, 0, 0, 20 };
	struct rsvp_pkt_out out = { .buf = msg, .len = sizeof(msg),
	    .ttl = 1 };
	struct rsvp_sock rs;
	struct egress *eg;
	struct egress_class c;

	ck_assert_int_eq(egress_open("egr0", LINE, &eg), 0);
	addr_and_neighbour();
	inet_pton(AF_INET, "192.0.2.2", &out.dst);
	ck_assert_int_eq(rsvp_sock_open(&rs, 0), 0);
	ck_assert_int_eq(rsvp_sock_set_priority(&rs, EGRESS_CLASS_CTL), 0);
	ck_assert_int_eq(rsvp_sock_send(&rs, &out), 0);
	ck_assert_int_eq(rsvp_sock_send(&rs, &out), 0);
	rsvp_sock_close(&rs);
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_CTL, &c), 0);
	ck_assert_uint_eq(c.packets, 2);
	ck_assert_uint_eq(c.bytes, 2 * (14 + 20 + sizeof(msg)));
	ck_assert_int_eq(egress_class_get(eg, EGRESS_CLASS_BE, &c), 0);
	ck_assert_uint_eq(c.packets, 0);
	egress_close(eg);
}
END_TEST

Suite *
egress_htb_suite(void)
{
	Suite *s = suite_create("egress_htb");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, veth_up, veth_down);
	tcase_add_test(tc, open_builds_the_tree);
	tcase_add_test(tc, line_rate_from_the_driver);
	tcase_add_test(tc, flows_added_changed_removed);
	tcase_add_test(tc, rates_above_32_bits);
	tcase_add_test(tc, open_twice_keeps_flows);
	tcase_add_test(tc, reopen_below_reservations_fails);
	tcase_add_test(tc, over_reservation_changes_nothing);
	tcase_add_test(tc, kernel_refusal_leaves_no_trace);
	tcase_add_test(tc, unknown_flow_class);
	tcase_add_test(tc, foreign_root_is_left_alone);
	tcase_add_test(tc, unknown_rate_builds_nothing);
	tcase_add_test(tc, restart_keeps_the_rate_in_place);
	tcase_add_test(tc, teardown_restores_default);
	tcase_add_test(tc, class_counters);
	tcase_add_test(tc, priority_selects_the_class);
	tcase_add_test(tc, control_rate_bounds);
	tcase_add_test(tc, flows_fill_the_room_left_by_control);
	tcase_add_test(tc, adopt_adds_the_control_class);
	tcase_add_test(tc, arp_goes_in_network_control);
	tcase_add_test(tc, rsvp_socket_goes_in_network_control);
	suite_add_tcase(s, tc);
	return s;
}
