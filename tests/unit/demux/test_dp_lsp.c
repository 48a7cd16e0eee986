/*
 * An LSP through dom0 for unmodified sockets: two hosts in namespaces of
 * their own push labels with the FTN program, dom0's line cards pop them
 * (PHP) and rewrite MACs, and UDP and a TCP transfer (with the veths'
 * TSO on, so GSO skbs are labelled too) cross in both directions.  The
 * hosts' routes into the LSP have an MTU 4 bytes below the link's.
 *
 *   host1 [dmxh1 10.0.1.1] -- [dmxlc] dom0 [dmxout] -- [dmxh2 10.0.2.2] host2
 *        push 100 -> 10.0.2/24    pop 100 ->    <- pop 101    push 101 -> 10.0.1/24
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/mpls.h"
#include "harness.h"
#include "veth.h"
#include "suites.h"

#define LC_MAC	"02:00:00:00:01:fe"
#define H1_MAC	"02:00:00:00:01:01"
#define OUT_MAC	"02:00:00:00:02:fe"
#define H2_MAC	"02:00:00:00:02:02"
#define TCP_BYTES	(4u << 20)

static const uint8_t lc_mac[6] = { 2, 0, 0, 0, 1, 0xfe };
static const uint8_t h1_mac[6] = { 2, 0, 0, 0, 1, 1 };
static const uint8_t out_mac[6] = { 2, 0, 0, 0, 2, 0xfe };
static const uint8_t h2_mac[6] = { 2, 0, 0, 0, 2, 2 };

static const char *const PAIRS[] = { "dmxh1", "dmxlc", "dmxh2", "dmxout",
    NULL };

static struct dp *dp;
static char pin_dir[128];
static int h1, h2;

static void
host(int ns, const char *dev, const char *mac, const char *addr,
    const char *other, const char *gw, const char *gw_mac)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "ip link set %s netns /proc/%d/fd/%d",
	    dev, (int)getpid(), ns);
	sh(cmd);
	snprintf(cmd, sizeof(cmd), "ip link set %s address %s up && "
	    "ip addr add %s/24 dev %s && ip route add %s via %s mtu 1496 && "
	    "ip neigh add %s lladdr %s dev %s", dev, mac, addr, dev, other,
	    gw, gw, gw_mac, dev);
	netns_sh(ns, cmd);
}

static void
pop_to(uint32_t in_label, const char *dev, const uint8_t dst[6],
    const uint8_t src[6])
{
	struct dp_ilm e = { .in_label = in_label, .action = DP_ILM_POP,
	    .out_ifindex = veth_ifindex(dev) };

	memcpy(e.dst_mac, dst, 6);
	memcpy(e.src_mac, src, 6);
	ck_assert_int_eq(dp_ilm_set(dp, &e), 0);
}

/* Attach the FTN program inside host 'ns' and push 'label' to 'dst'/24. */
static void
push_from(int ns, const char *dev, uint32_t dst, uint32_t label)
{
	struct dp_ftn f = { .dst = htonl(dst), .plen = 24, .port_max = 65535,
	    .label = label };

	netns_enter(ns);
	ck_assert_int_eq(dp_ftn_attach(dp, veth_ifindex(dev)), 0);
	netns_leave();
	ck_assert_int_eq(dp_ftn_set(dp, &f), 0);
}

static void
setup(void)
{
	struct dp_params p = { .backend = DP_BACKEND_BPF, .instance = "dmx",
	    .pin_dir = pin_dir };

	snprintf(pin_dir, sizeof(pin_dir), "%s/dmx-lsp-%d", DP_PIN_ROOT,
	    (int)getpid());
	veth_netns(PAIRS);
	sh("ip link set dmxlc address " LC_MAC " && "
	    "ip link set dmxout address " OUT_MAC);
	h1 = netns_new();
	h2 = netns_new();
	host(h1, "dmxh1", H1_MAC, "10.0.1.1", "10.0.2.0/24", "10.0.1.254",
	    LC_MAC);
	host(h2, "dmxh2", H2_MAC, "10.0.2.2", "10.0.1.0/24", "10.0.2.254",
	    OUT_MAC);
	ck_assert_int_eq(dp_open(&p, &dp), 0);
	ck_assert_int_eq(dp_linecard_attach(dp, veth_ifindex("dmxlc")), 0);
	ck_assert_int_eq(dp_linecard_attach(dp, veth_ifindex("dmxout")), 0);
	pop_to(100, "dmxout", h2_mac, out_mac);
	pop_to(101, "dmxlc", h1_mac, lc_mac);
	push_from(h1, "dmxh1", 0x0a000200, 100);
	push_from(h2, "dmxh2", 0x0a000100, 101);
}

static void
teardown(void)
{
	/* The hosts' FTN filters go with their namespaces. */
	dp_close(dp, DP_CLOSE_TEARDOWN);
	close(h1);
	close(h2);
}

/* A socket of 'type' made inside namespace 'ns'. */
static int
socket_in(int ns, int type)
{
	int fd;

	netns_enter(ns);
	fd = socket(AF_INET, type, 0);
	netns_leave();
	ck_assert_int_ge(fd, 0);
	return fd;
}

static struct sockaddr_in
sin_of(uint32_t addr, uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
	    .sin_port = htons(port), .sin_addr.s_addr = htonl(addr) };

	return sin;
}

START_TEST(udp_both_ways)
{
	struct sockaddr_in a1 = sin_of(0x0a000101, 4001);
	struct sockaddr_in a2 = sin_of(0x0a000202, 4002);
	struct dp_counters c;
	struct pollfd p;
	char buf[64];
	int s1 = socket_in(h1, SOCK_DGRAM), s2 = socket_in(h2, SOCK_DGRAM);

	ck_assert_int_eq(bind(s1, (struct sockaddr *)&a1, sizeof(a1)), 0);
	ck_assert_int_eq(bind(s2, (struct sockaddr *)&a2, sizeof(a2)), 0);
	ck_assert_int_eq(sendto(s1, "ping", 4, 0, (struct sockaddr *)&a2,
	    sizeof(a2)), 4);
	p = (struct pollfd){ .fd = s2, .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, 2000), 1);
	ck_assert_int_eq(recv(s2, buf, sizeof(buf), 0), 4);
	ck_assert_int_eq(sendto(s2, "pong", 4, 0, (struct sockaddr *)&a1,
	    sizeof(a1)), 4);
	p = (struct pollfd){ .fd = s1, .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, 2000), 1);
	ck_assert_int_eq(recv(s1, buf, sizeof(buf), 0), 4);
	ck_assert_mem_eq(buf, "pong", 4);
	ck_assert_int_eq(dp_ilm_counters(dp, 100, &c), 0);
	ck_assert_uint_eq(c.packets, 1);
	ck_assert_int_eq(dp_ilm_counters(dp, 101, &c), 0);
	ck_assert_uint_eq(c.packets, 1);
	close(s1);
	close(s2);
}
END_TEST

START_TEST(tcp_transfer)
{
	struct sockaddr_in a2 = sin_of(0x0a000202, 5201);
	static char chunk[65536], sink[65536];
	size_t sent = 0, got = 0;
	struct pollfd p[2];
	struct dp_counters c;
	int one = 1, l, s, a = -1;
	ssize_t n;

	l = socket_in(h2, SOCK_STREAM);
	s = socket_in(h1, SOCK_STREAM);
	ck_assert_int_eq(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)), 0);
	ck_assert_int_eq(bind(l, (struct sockaddr *)&a2, sizeof(a2)), 0);
	ck_assert_int_eq(listen(l, 1), 0);
	ck_assert_int_eq(fcntl(s, F_SETFL, O_NONBLOCK), 0);
	ck_assert(connect(s, (struct sockaddr *)&a2, sizeof(a2)) == 0 ||
	    errno == EINPROGRESS);
	p[0] = (struct pollfd){ .fd = l, .events = POLLIN };
	ck_assert_int_eq(poll(p, 1, 3000), 1);
	a = accept(l, NULL, NULL);
	ck_assert_int_ge(a, 0);
	memset(chunk, 0x5a, sizeof(chunk));
	while (got < TCP_BYTES) {
		p[0] = (struct pollfd){ .fd = s,
		    .events = sent < TCP_BYTES ? POLLOUT : 0 };
		p[1] = (struct pollfd){ .fd = a, .events = POLLIN };
		ck_assert_int_gt(poll(p, 2, 3000), 0);
		if (p[0].revents & POLLOUT) {
			n = send(s, chunk, sent + sizeof(chunk) > TCP_BYTES ?
			    TCP_BYTES - sent : sizeof(chunk), 0);
			ck_assert(n > 0 || errno == EAGAIN);
			if (n > 0)
				sent += (size_t)n;
		}
		if (p[1].revents & POLLIN) {
			n = recv(a, sink, sizeof(sink), 0);
			ck_assert_int_gt(n, 0);
			got += (size_t)n;
		}
	}
	ck_assert_uint_eq(got, TCP_BYTES);
	ck_assert_int_eq(dp_ilm_counters(dp, 100, &c), 0);
	ck_assert_uint_gt(c.bytes, TCP_BYTES);
	close(a);
	close(s);
	close(l);
}
END_TEST

Suite *
lsp_suite(void)
{
	Suite *s = suite_create("lsp");
	TCase *tc = tcase_create("hosts");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, udp_both_ways);
	tcase_add_test(tc, tcp_transfer);
	suite_add_tcase(s, tc);
	return s;
}
