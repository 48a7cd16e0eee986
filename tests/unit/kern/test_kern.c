/*
 * kern against a real kernel: each test (forked by Check) makes its own
 * network namespace with a veth pair krnX (here, 10.8.0.1/24) -- krnY (a
 * second namespace held by a child, 10.8.0.2/24, MAC 02:00:00:00:00:02)
 * and a local veth pair krnZ (10.8.1.1/24) -- krnW, not a line card.  Needs root.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dom0/kern.h"
#include "suites.h"

static pid_t holder = -1;

static struct in_addr
ip(const char *s)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
	return a;
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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

static void
topo_up(void)
{
	int p[2];
	char c;

	ck_assert_int_eq(unshare(CLONE_NEWNET), 0);
	ck_assert_int_eq(pipe(p), 0);
	if ((holder = fork()) == 0) {
		if (unshare(CLONE_NEWNET) != 0 || write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	close(p[0]);
	close(p[1]);
	sh("ip link set lo up"
	    " && ip link add krnX type veth peer name krnY"
	    " address 02:00:00:00:00:02"
	    " && ip link set krnY netns %d"
	    " && nsenter -t %d -n sh -c 'ip link set lo up &&"
	    " ip addr add 10.8.0.2/24 dev krnY && ip link set krnY up'"
	    " && ip addr add 10.8.0.1/24 dev krnX && ip link set krnX up"
	    " && ip link add krnZ type veth peer name krnW"
	    " && ip addr add 10.8.1.1/24 dev krnZ && ip link set krnZ up && ip link set krnW up"
	    " && ip route add 203.0.113.0/24 via 10.8.0.2"
	    " && ip route add blackhole 198.51.100.0/24",
	    (int)holder, (int)holder);
}

static void
topo_down(void)
{
	if (holder > 0) {
		kill(holder, SIGKILL);
		waitpid(holder, NULL, 0);
	}
	holder = -1;
}

START_TEST(interfaces_and_addresses)
{
	struct kern *k;
	struct kern_if kif, again;
	struct in_addr a;

	topo_up();
	ck_assert_int_eq(kern_open(NULL, &k), 0);
	ck_assert_int_eq(kern_if_by_name(k, "krnX", &kif), 0);
	ck_assert_str_eq(kif.name, "krnX");
	ck_assert_uint_eq(kif.ifindex, if_nametoindex("krnX"));
	ck_assert(kif.up);
	ck_assert_uint_eq(kif.n_addrs, 1);
	ck_assert_uint_eq(kif.addrs[0].addr.s_addr, ip("10.8.0.1").s_addr);
	ck_assert_uint_eq(kif.addrs[0].plen, 24);
	ck_assert_int_eq(kern_if_get(k, kif.ifindex, &again), 0);
	ck_assert_mem_eq(again.mac, kif.mac, 6);
	ck_assert_int_eq(kern_if_addr(k, kif.ifindex, &a), 0);
	ck_assert_uint_eq(a.s_addr, ip("10.8.0.1").s_addr);
	ck_assert_int_eq(kern_if_by_name(k, "krnNone", &kif), -ENODEV);
	ck_assert_int_eq(kern_if_get(k, 99999, &kif), -ENODEV);

	ck_assert(kern_addr_is_local(k, ip("10.8.0.1")));
	ck_assert(kern_addr_is_local(k, ip("10.8.1.1")));
	ck_assert(!kern_addr_is_local(k, ip("10.8.0.2")));

	/* A change made after the caches were filled arrives by update. */
	sh("ip addr add 10.8.2.1/24 dev krnZ && ip link set krnZ down");
	ck_assert_int_eq(kern_refresh(k), 0);
	ck_assert(kern_addr_is_local(k, ip("10.8.2.1")));
	ck_assert_int_eq(kern_if_by_name(k, "krnZ", &kif), 0);
	ck_assert(!kif.up);
	ck_assert_uint_eq(kif.n_addrs, 2);
	/* A full dump sees what no update told us yet. */
	sh("ip addr add 10.8.4.1/24 dev krnZ");
	ck_assert_int_eq(kern_resync(k), 0);
	ck_assert(kern_addr_is_local(k, ip("10.8.4.1")));
	ck_assert_int_eq(kern_refresh(k), 0);
	ck_assert(kern_addr_is_local(k, ip("10.8.4.1")));
	kern_close(k);
	topo_down();
}
END_TEST

START_TEST(updates_arrive_through_the_event_loop)
{
	struct event_base *base = event_base_new();
	struct kern *k;
	int i;

	topo_up();
	ck_assert_ptr_nonnull(base);
	ck_assert_int_eq(kern_open(base, &k), 0);
	ck_assert(!kern_addr_is_local(k, ip("10.8.5.1")));
	sh("ip addr add 10.8.5.1/24 dev krnZ");
	for (i = 0; i < 50 && !kern_addr_is_local(k, ip("10.8.5.1")); i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(10000);
	}
	ck_assert(kern_addr_is_local(k, ip("10.8.5.1")));
	kern_close(k);
	event_base_free(base);
	topo_down();
}
END_TEST

static int
count_if(const struct kern_if *kif, void *arg)
{
	int *n = arg;

	(*n)++;
	return strcmp(kif->name, "krnZ") == 0 ? 7 : 0;
}

START_TEST(walk_stops_when_asked)
{
	struct kern *k;
	int n = 0, r;

	topo_up();
	ck_assert_int_eq(kern_open(NULL, &k), 0);
	r = kern_if_walk(k, count_if, &n);
	ck_assert_int_eq(r, 7);
	ck_assert_int_ge(n, 1);
	ck_assert_int_le(n, 4);		/* lo, krnX, krnZ, krnW */
	kern_close(k);
	topo_down();
}
END_TEST

START_TEST(routes_from_the_kernel)
{
	struct kern *k;
	struct kern_route r;
	int i;

	topo_up();
	ck_assert_int_eq(kern_open(NULL, &k), 0);
	ck_assert_int_eq(kern_route_get(k, ip("203.0.113.5"), &r), 0);
	ck_assert_uint_eq(r.ifindex, if_nametoindex("krnX"));
	ck_assert_uint_eq(r.gateway.s_addr, ip("10.8.0.2").s_addr);
	ck_assert_uint_eq(r.prefsrc.s_addr, ip("10.8.0.1").s_addr);
	ck_assert(!r.local);

	ck_assert_int_eq(kern_route_get(k, ip("10.8.0.77"), &r), 0);
	ck_assert_uint_eq(r.ifindex, if_nametoindex("krnX"));
	ck_assert_uint_eq(r.gateway.s_addr, INADDR_ANY);	/* on-link */

	ck_assert_int_eq(kern_route_get(k, ip("10.8.1.1"), &r), 0);
	ck_assert(r.local);

	ck_assert_int_eq(kern_route_get(k, ip("192.0.2.1"), &r),
	    -ENETUNREACH);
	ck_assert_int_lt(kern_route_get(k, ip("198.51.100.1"), &r), 0);
	/* Nothing of one answer is left to spoil the next. */
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(kern_route_get(k, ip("10.8.1.1"), &r), 0);
		ck_assert_int_eq(kern_route_get(k, ip("203.0.113.5"), &r), 0);
		ck_assert_uint_eq(r.gateway.s_addr, ip("10.8.0.2").s_addr);
	}
	kern_close(k);
	topo_down();
}
END_TEST

START_TEST(adjacency_only_over_line_cards)
{
	struct kern *k;
	unsigned ifindex = 0;
	int i;

	topo_up();
	ck_assert_int_eq(kern_open(NULL, &k), 0);
	ck_assert(!kern_adjacent(k, ip("10.8.0.2"), &ifindex));
	ck_assert_int_eq(kern_linecard_add(k, if_nametoindex("krnX")), 0);
	ck_assert_int_eq(kern_linecard_add(k, if_nametoindex("krnX")), 0);
	ck_assert(kern_adjacent(k, ip("10.8.0.2"), &ifindex));
	ck_assert_uint_eq(ifindex, if_nametoindex("krnX"));
	ck_assert(kern_adjacent(k, ip("10.8.0.254"), NULL));
	/* On krnZ, which is no line card; behind a gateway; elsewhere. */
	ck_assert(!kern_adjacent(k, ip("10.8.1.2"), NULL));
	ck_assert(!kern_adjacent(k, ip("203.0.113.5"), NULL));
	ck_assert(!kern_adjacent(k, ip("10.8.3.2"), NULL));
	for (i = 1; i < KERN_LINECARDS_MAX; i++)
		ck_assert_int_eq(kern_linecard_add(k, 1000 + (unsigned)i), 0);
	ck_assert_int_eq(kern_linecard_add(k, 5000), -ENOSPC);
	kern_close(k);
	topo_down();
}
END_TEST

static int neigh_events;

static void
on_neigh(unsigned ifindex, struct in_addr addr, void *arg)
{
	(void)ifindex;
	(void)arg;
	if (addr.s_addr == htonl(0x0a080002))
		neigh_events++;
}

START_TEST(neighbour_resolution)
{
	static const uint8_t want[6] = { 2, 0, 0, 0, 0, 2 };
	struct kern *k;
	uint8_t mac[6];
	unsigned x = if_nametoindex("lo");
	int i, rc;

	topo_up();
	x = if_nametoindex("krnX");
	ck_assert_int_eq(kern_open(NULL, &k), 0);
	kern_set_neigh_cb(k, on_neigh, NULL);
	ck_assert_int_eq(kern_neigh_get(k, x, ip("10.8.0.2"), mac), -EAGAIN);
	for (i = 0; i < 300; i++) {
		usleep(10000);
		ck_assert_int_eq(kern_refresh(k), 0);
		if ((rc = kern_neigh_get(k, x, ip("10.8.0.2"), mac)) == 0)
			break;
		ck_assert_int_eq(rc, -EAGAIN);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_mem_eq(mac, want, 6);
	ck_assert_int_gt(neigh_events, 0);

	/* A static entry is usable at once after an update. */
	sh("ip neigh add 10.8.0.9 lladdr 02:00:00:00:00:09 dev krnX");
	ck_assert_int_eq(kern_refresh(k), 0);
	ck_assert_int_eq(kern_neigh_get(k, x, ip("10.8.0.9"), mac), 0);
	ck_assert_uint_eq(mac[5], 9);
	/* The kernel refuses to resolve on an interface that is gone. */
	ck_assert_int_lt(kern_neigh_get(k, 99999, ip("10.8.0.3"), mac), 0);
	ck_assert_int_ne(kern_neigh_get(k, 99999, ip("10.8.0.3"), mac),
	    -EAGAIN);
	kern_close(k);
	topo_down();
}
END_TEST

Suite *
kern_suite(void)
{
	Suite *s = suite_create("kern");
	TCase *tc = tcase_create("netns");

	tcase_add_test(tc, interfaces_and_addresses);
	tcase_add_test(tc, updates_arrive_through_the_event_loop);
	tcase_add_test(tc, walk_stops_when_asked);
	tcase_add_test(tc, routes_from_the_kernel);
	tcase_add_test(tc, adjacency_only_over_line_cards);
	tcase_add_test(tc, neighbour_resolution);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
