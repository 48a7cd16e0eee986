/*
 * rsvp_sock: the IPv4 header codec on byte vectors, then real sockets in
 * network namespaces made by each test (Check forks every test, so the
 * namespaces vanish with the test process): loopback, and a veth pair
 * between two namespaces for next-hop sending and Router Alert
 * interception.  Needs root.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/rsvp_sock.h"
#include "suites.h"

static struct in_addr
ip(const char *s)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
	return a;
}

START_TEST(header_round_trip_with_router_alert)
{
	struct rsvp_pkt_out out = {
		.src = ip("10.0.1.1"), .dst = ip("10.0.2.2"), .ttl = 63,
		.router_alert = true,
	};
	uint8_t pkt[32] = { 0 };
	struct rsvp_pkt_in in;
	int hlen;

	hlen = rsvp_sock_ip_header(&out, pkt, sizeof(pkt));
	ck_assert_int_eq(hlen, 24);
	ck_assert_uint_eq(pkt[0], 0x46);
	ck_assert_uint_eq(pkt[9], 46);
	ck_assert_uint_eq(pkt[20], 148);
	ck_assert_uint_eq(pkt[21], 4);
	/* A 4-byte payload; total length as the kernel would write it. */
	pkt[3] = 28;
	ck_assert_int_eq(rsvp_sock_parse_ip(pkt, 28, &in), 0);
	ck_assert_uint_eq(in.src.s_addr, out.src.s_addr);
	ck_assert_uint_eq(in.dst.s_addr, out.dst.s_addr);
	ck_assert_uint_eq(in.ip_ttl, 63);
	ck_assert(in.router_alert);
	ck_assert_ptr_eq(in.buf, pkt + 24);
	ck_assert_uint_eq(in.len, 4);

	out.router_alert = false;
	ck_assert_int_eq(rsvp_sock_ip_header(&out, pkt, sizeof(pkt)), 20);
	ck_assert_int_eq(rsvp_sock_ip_header(&out, pkt, 19), -ENOSPC);
	pkt[3] = 20;
	ck_assert_int_eq(rsvp_sock_parse_ip(pkt, 20, &in), 0);
	ck_assert(!in.router_alert);
	ck_assert_uint_eq(in.len, 0);
}
END_TEST

START_TEST(malformed_headers_are_refused)
{
	/* version 4, IHL 6: one option word. */
	uint8_t h[24] = { 0x46, 0, 0, 24, 0, 0, 0, 0, 64, 46, 0, 0,
	    10, 0, 0, 1, 10, 0, 0, 2, 1, 1, 1, 0 };
	uint8_t v[24];
	struct rsvp_pkt_in in;

	ck_assert_int_eq(rsvp_sock_parse_ip(h, 24, &in), 0);	/* NOPs */
	ck_assert(!in.router_alert);
	ck_assert_int_eq(rsvp_sock_parse_ip(h, 23, &in), -EBADMSG);
	ck_assert_int_eq(rsvp_sock_parse_ip(h, 0, &in), -EBADMSG);
	memcpy(v, h, 24);
	v[0] = 0x66;		/* version 6 */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	memcpy(v, h, 24);
	v[0] = 0x44;		/* IHL below 5 */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	memcpy(v, h, 24);
	v[0] = 0x47;		/* IHL past the bytes */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	memcpy(v, h, 24);
	v[3] = 25;		/* total length past the bytes */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	v[3] = 22;		/* total length inside the header */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	memcpy(v, h, 24);
	v[20] = 148;		/* option length past the header */
	v[21] = 8;
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	v[21] = 1;		/* option length below 2 */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	memcpy(v, h, 24);
	v[20] = 1;		/* NOP, then a type with no length byte */
	v[21] = 1;
	v[22] = 1;
	v[23] = 7;
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), -EBADMSG);
	v[23] = 0;		/* EOL ends the walk */
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), 0);
	/* Total length shorter than the datagram: the rest is ignored. */
	memcpy(v, h, 24);
	v[3] = 24;
	ck_assert_int_eq(rsvp_sock_parse_ip(v, 24, &in), 0);
	ck_assert_uint_eq(in.len, 0);
}
END_TEST

static void
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	r = system(cmd);
	ck_assert_msg(r == 0, "'%s' exited %d", cmd, r);
}

START_TEST(loopback_send_and_receive)
{
	static const uint8_t msg[] = { 0x10, 0x01, 0, 0, 7, 0, 0, 8 };
	struct rsvp_sock tx, rx;
	struct rsvp_pkt_out out = {
		.buf = msg, .len = sizeof(msg), .dst = ip("127.0.0.1"),
		.ttl = 7, .router_alert = true,
	};
	struct rsvp_pkt_in in;
	socklen_t optlen = sizeof(int);
	int bufsize = 0;

	ck_assert_int_eq(unshare(CLONE_NEWNET), 0);
	sh("ip link set lo up");
	ck_assert_int_eq(rsvp_sock_open(&rx, RSVP_SOCK_NONBLOCK), 0);
	ck_assert_int_ge(rsvp_sock_fd(&rx), 0);
	ck_assert_int_eq(rsvp_sock_recv(&rx, &in), -EAGAIN);
	ck_assert_int_eq(rsvp_sock_open(&tx, 0), 0);
	/* The source is left to the kernel: 127.0.0.1 here. */
	ck_assert_int_eq(rsvp_sock_send(&tx, &out), 0);
	/* Both sockets see it (raw delivery); read it on rx. */
	ck_assert_int_eq(rsvp_sock_recv(&rx, &in), 0);
	ck_assert_uint_eq(in.len, sizeof(msg));
	ck_assert_mem_eq(in.buf, msg, sizeof(msg));
	ck_assert_uint_eq(in.src.s_addr, ip("127.0.0.1").s_addr);
	ck_assert_uint_eq(in.dst.s_addr, ip("127.0.0.1").s_addr);
	ck_assert_uint_eq(in.ip_ttl, 7);
	ck_assert(in.router_alert);
	ck_assert_uint_eq(in.ifindex, if_nametoindex("lo"));

	out.router_alert = false;
	out.src = ip("127.0.0.9");
	out.ifindex = if_nametoindex("lo");
	ck_assert_int_eq(rsvp_sock_send(&tx, &out), 0);
	ck_assert_int_eq(rsvp_sock_recv(&rx, &in), 0);
	ck_assert(!in.router_alert);
	ck_assert_uint_eq(in.src.s_addr, ip("127.0.0.9").s_addr);

	out.len = RSVP_SOCK_MSG_MAX;
	ck_assert_int_eq(rsvp_sock_send(&tx, &out), -EMSGSIZE);

	/* Root may go past rmem_max; the kernel reports twice the size. */
	ck_assert_int_eq(rsvp_sock_set_bufsize(&rx, 8 << 20), 0);
	ck_assert_int_eq(getsockopt(rsvp_sock_fd(&rx), SOL_SOCKET, SO_RCVBUF,
	    &bufsize, &optlen), 0);
	ck_assert_int_ge(bufsize, 8 << 20);
	optlen = sizeof(bufsize);
	ck_assert_int_eq(getsockopt(rsvp_sock_fd(&rx), SOL_SOCKET, SO_SNDBUF,
	    &bufsize, &optlen), 0);
	ck_assert_int_ge(bufsize, 8 << 20);
	rsvp_sock_close(&tx);
	rsvp_sock_close(&rx);
	rsvp_sock_close(&rx);		/* twice is harmless */
}
END_TEST

/* A child that sits in a namespace of its own until killed. */
static pid_t
ns_holder(void)
{
	int p[2];
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		if (unshare(CLONE_NEWNET) != 0)
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	close(p[0]);
	close(p[1]);
	return pid;
}

static int
ns_open(pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	return fd;
}

/*
 * A (krnA, 10.9.0.1) --veth-- B (krnB, 10.9.0.2, forwarding, a route to
 * 192.0.2.0/24 back via A).  A has no route to 192.0.2.99: only the next
 * hop makes the packet leave, with IP destination 192.0.2.99; B's router
 * socket intercepts it instead of forwarding it.
 */
START_TEST(nexthop_send_and_router_alert_intercept)
{
	static const uint8_t msg[] = { 0x10, 0x01, 0, 0, 64, 0, 0, 8 };
	struct rsvp_sock tx, rx;
	struct rsvp_pkt_out out = {
		.buf = msg, .len = sizeof(msg), .src = ip("10.9.0.1"),
		.dst = ip("192.0.2.99"), .ttl = 64, .router_alert = true,
	};
	struct rsvp_pkt_in in;
	unsigned b_ifindex;
	pid_t holder;
	int fd_a, fd_b, i, rc;

	ck_assert_int_eq(unshare(CLONE_NEWNET), 0);
	fd_a = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd_a, 0);
	holder = ns_holder();
	fd_b = ns_open(holder);
	sh("ip link set lo up && ip link add krnA type veth peer name krnB"
	    " && ip link set krnB netns %d"
	    " && ip addr add 10.9.0.1/24 dev krnA && ip link set krnA up",
	    (int)holder);
	out.ifindex = if_nametoindex("krnA");
	ck_assert_uint_ne(out.ifindex, 0);
	ck_assert_int_eq(rsvp_sock_open(&tx, 0), 0);

	ck_assert_int_eq(setns(fd_b, CLONE_NEWNET), 0);
	sh("ip link set lo up && ip addr add 10.9.0.2/24 dev krnB"
	    " && ip link set krnB up && ip route add 192.0.2.0/24 via 10.9.0.1"
	    " && echo 1 > /proc/sys/net/ipv4/ip_forward");
	b_ifindex = if_nametoindex("krnB");
	ck_assert_int_eq(rsvp_sock_open(&rx, RSVP_SOCK_ROUTER |
	    RSVP_SOCK_NONBLOCK), 0);
	ck_assert_int_eq(setns(fd_a, CLONE_NEWNET), 0);

	/* Without the next hop or the interface there is no route. */
	out.ifindex = 0;
	ck_assert_int_eq(rsvp_sock_send(&tx, &out), -ENETUNREACH);
	out.ifindex = if_nametoindex("krnA");
	out.nexthop = ip("10.9.0.2");
	/* The first one may wait for ARP; the kernel queues it. */
	ck_assert_int_eq(rsvp_sock_send(&tx, &out), 0);
	for (i = 0; i < 200; i++) {
		if ((rc = rsvp_sock_recv(&rx, &in)) != -EAGAIN)
			break;
		usleep(10000);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(in.dst.s_addr, ip("192.0.2.99").s_addr);
	ck_assert_uint_eq(in.src.s_addr, ip("10.9.0.1").s_addr);
	ck_assert(in.router_alert);
	ck_assert_uint_eq(in.ip_ttl, 64);
	ck_assert_uint_eq(in.ifindex, b_ifindex);
	ck_assert_mem_eq(in.buf, msg, sizeof(msg));

	rsvp_sock_close(&tx);
	rsvp_sock_close(&rx);
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	close(fd_a);
	close(fd_b);
}
END_TEST

Suite *
rsvp_sock_suite(void)
{
	Suite *s = suite_create("rsvp_sock");
	TCase *tc = tcase_create("codec");
	TCase *tn = tcase_create("netns");

	tcase_add_test(tc, header_round_trip_with_router_alert);
	tcase_add_test(tc, malformed_headers_are_refused);
	suite_add_tcase(s, tc);
	tcase_add_test(tn, loopback_send_and_receive);
	tcase_add_test(tn, nexthop_send_and_router_alert_intercept);
	tcase_set_timeout(tn, 20);
	suite_add_tcase(s, tn);
	return s;
}
