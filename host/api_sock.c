/*
 * The host API's real outside world: one raw RSVP socket (lib/rsvp_sock.h)
 * read on the caller's event_base, and the monotonic clock.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "host/rsvp_api.h"
#include "lib/log.h"
#include "lib/rsvp_sock.h"

struct rsvp_host_sock {
	struct rsvp_sock	sock;
	struct event		*ev;
	struct rsvp_host	*host;
};

/* Read every waiting message; hand each to the host. */
static void
hs_on_read(evutil_socket_t fd, short what, void *arg)
{
	static struct log_ratelimit rl = LOG_RATELIMIT_INIT(10, 5);
	struct rsvp_host_sock *hs = arg;
	struct rsvp_pkt_in in;
	int rc;

	(void)fd;
	(void)what;
	while ((rc = rsvp_sock_recv(&hs->sock, &in)) != -EAGAIN) {
		if (rc == -EBADMSG) {
			log_debug_rl(&rl, "malformed IP header dropped");
			continue;
		}
		if (rc != 0) {
			log_warnx_rl(&rl, "RSVP socket: %s", strerror(-rc));
			break;
		}
		if (hs->host != NULL)
			rsvp_host_input(hs->host, &in);
	}
}

/*
 * Socket buffers for thousands of sessions: a burst of Paths, Resvs or
 * tears (one per session) must not overflow the default 212 KB, about
 * 250 messages.  As root the limit of net.core.[rw]mem_max is lifted
 * (SO_*BUFFORCE); otherwise the plain option gives what the limit allows.
 */
#define HS_SOCKBUF	(8 << 20)

static void
hs_grow_buffers(int fd)
{
	int v = HS_SOCKBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)) != 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) != 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
}

int
rsvp_host_sock_open(struct event_base *base, struct rsvp_host_sock **hs_r)
{
	struct rsvp_host_sock *hs;
	int rc;

	*hs_r = NULL;
	hs = calloc(1, sizeof(*hs));
	if (hs == NULL)
		return -ENOMEM;
	if ((rc = rsvp_sock_open(&hs->sock, RSVP_SOCK_NONBLOCK)) != 0) {
		free(hs);
		return rc;
	}
	hs_grow_buffers(rsvp_sock_fd(&hs->sock));
	hs->ev = event_new(base, rsvp_sock_fd(&hs->sock), EV_READ | EV_PERSIST,
	    hs_on_read, hs);
	if (hs->ev == NULL || event_add(hs->ev, NULL) != 0) {
		rsvp_host_sock_close(hs);
		return -ENOMEM;
	}
	*hs_r = hs;
	return 0;
}

void
rsvp_host_sock_attach(struct rsvp_host_sock *hs, struct rsvp_host *h)
{
	hs->host = h;
}

/*
 * A full send buffer (thousands of Paths or tears at once) is waited out,
 * a bounded while, rather than the message lost: the socket is
 * non-blocking for reading on the event loop, not for this.
 */
#define HS_SEND_WAIT_MS	100
#define HS_SEND_TRIES	20

int
rsvp_host_sock_send(void *arg, const struct rsvp_pkt_out *pkt)
{
	struct rsvp_host_sock *hs = arg;
	struct pollfd pfd = { .fd = rsvp_sock_fd(&hs->sock), .events = POLLOUT };
	int rc, tries = 0;

	while ((rc = rsvp_sock_send(&hs->sock, pkt)) == -EAGAIN &&
	    ++tries < HS_SEND_TRIES)
		poll(&pfd, 1, HS_SEND_WAIT_MS);
	return rc;
}

void
rsvp_host_sock_close(struct rsvp_host_sock *hs)
{
	if (hs == NULL)
		return;
	if (hs->ev != NULL)
		event_free(hs->ev);
	rsvp_sock_close(&hs->sock);
	free(hs);
}

uint64_t
rsvp_host_clock_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* A connected UDP socket sends nothing, but the kernel picks its route
 * and source address: read that back. */
int
rsvp_host_source_for(struct in_addr dst, struct in_addr *src_r)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
	socklen_t slen = sizeof(sin);
	int fd, rc = 0;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	sin.sin_addr = dst;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &slen) != 0)
		rc = -errno;
	else
		*src_r = sin.sin_addr;
	close(fd);
	return rc;
}
