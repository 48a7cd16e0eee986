#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "veth.h"

/* The namespace veth_netns made, to come back to. */
static int home_fd = -1;

void
sh(const char *cmd)
{
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

void
veth_netns(const char *const *pairs)
{
	char cmd[256];
	size_t i;

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
	home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(home_fd, 0);
	sh("ip link set lo up");
	for (i = 0; pairs[i] != NULL; i += 2) {
		snprintf(cmd, sizeof(cmd), "ip link add %s type veth peer "
		    "name %s && ip link set %s up && ip link set %s up",
		    pairs[i], pairs[i + 1], pairs[i], pairs[i + 1]);
		sh(cmd);
	}
}

uint32_t
veth_ifindex(const char *name)
{
	uint32_t i = if_nametoindex(name);

	ck_assert_msg(i != 0, "no interface %s", name);
	return i;
}

int
pkt_open(const char *name, uint16_t proto)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
	    .sll_protocol = htons(proto) };
	int fd;

	fd = socket(AF_PACKET, SOCK_RAW, htons(proto));
	ck_assert_int_ge(fd, 0);
	sll.sll_ifindex = (int)veth_ifindex(name);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sll, sizeof(sll)), 0);
	return fd;
}

void
pkt_send(int fd, const char *name, const void *buf, size_t len,
    uint16_t proto)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
	    .sll_protocol = htons(proto), .sll_halen = 6 };

	sll.sll_ifindex = (int)veth_ifindex(name);
	ck_assert_int_eq(sendto(fd, buf, len, 0, (struct sockaddr *)&sll,
	    sizeof(sll)), (ssize_t)len);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

size_t
pkt_recv(int fd, uint16_t type, void *buf, size_t cap, int ms)
{
	struct sockaddr_ll from;
	socklen_t fromlen;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	long end = now_ms() + ms;
	ssize_t n;
	uint8_t *b = buf;

	while (now_ms() < end) {
		if (poll(&p, 1, (int)(end - now_ms())) <= 0)
			continue;
		fromlen = sizeof(from);
		n = recvfrom(fd, buf, cap, 0, (struct sockaddr *)&from,
		    &fromlen);
		/* Only what arrives, not what this socket's link sends. */
		if (n < 14 || from.sll_pkttype == PACKET_OUTGOING)
			continue;
		if ((uint16_t)(b[12] << 8 | b[13]) == type)
			return (size_t)n;
	}
	return 0;
}

uint64_t
htb_class_packets(const char *dev, const char *classid)
{
	char cmd[128], line[256];
	unsigned long long bytes, pkts = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "tc -s class show dev %s classid %s", dev,
	    classid);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, " Sent %llu bytes %llu pkt", &bytes,
		    &pkts) == 2)
			break;
	ck_assert_int_eq(pclose(f), 0);
	return pkts;
}

int
netns_new(void)
{
	int fd;

	ck_assert_int_ge(home_fd, 0);
	ck_assert_int_eq(unshare(CLONE_NEWNET), 0);
	fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	sh("ip link set lo up");
	netns_leave();
	return fd;
}

void
netns_enter(int nsfd)
{
	ck_assert_int_eq(setns(nsfd, CLONE_NEWNET), 0);
}

void
netns_leave(void)
{
	ck_assert_int_eq(setns(home_fd, CLONE_NEWNET), 0);
}

void
netns_sh(int nsfd, const char *cmd)
{
	netns_enter(nsfd);
	sh(cmd);
	netns_leave();
}
