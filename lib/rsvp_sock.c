/*
 * Raw RSVP I/O over one IPPROTO_RSVP socket with IP_HDRINCL; see
 * rsvp_sock.h for the Linux mechanisms used and why.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/ip.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "lib/cursor.h"
#include "lib/rsvp_sock.h"
#include "lib/writer.h"

#define IPV4_HDR_MIN	20
#define IPV4_HDR_MAX	60
#define IPOPT_EOL_	0
#define IPOPT_NOP_	1
#define IPOPT_RA_	148	/* RFC 2113: copied, class 0, number 20 */
#define IPOPT_RA_LEN	4
/* RFC 4594 network control (CS6) for our own signalling. */
#define RSVP_TOS	0xc0
#define RXBUF_LEN	65536

static int
setopt_int(int fd, int level, int name, int v)
{
	if (setsockopt(fd, level, name, &v, sizeof(v)) != 0)
		return -errno;
	return 0;
}

int
rsvp_sock_open(struct rsvp_sock *s, unsigned flags)
{
	int type = SOCK_RAW | SOCK_CLOEXEC;
	int rc;

	s->fd = -1;
	s->flags = flags;
	s->rxbuf = NULL;
	if (flags & RSVP_SOCK_NONBLOCK)
		type |= SOCK_NONBLOCK;
	if ((s->fd = socket(AF_INET, type, IPPROTO_RSVP)) < 0) {
		rc = -errno;
		goto out;
	}
	if ((rc = setopt_int(s->fd, IPPROTO_IP, IP_HDRINCL, 1)) != 0 ||
	    (rc = setopt_int(s->fd, IPPROTO_IP, IP_PKTINFO, 1)) != 0)
		goto out;
	if ((flags & RSVP_SOCK_ROUTER) &&
	    (rc = setopt_int(s->fd, IPPROTO_IP, IP_ROUTER_ALERT, 1)) != 0)
		goto out;
	if ((s->rxbuf = malloc(RXBUF_LEN)) == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		rsvp_sock_close(s);
	return rc;
}

void
rsvp_sock_close(struct rsvp_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->rxbuf);
	s->rxbuf = NULL;
}

int
rsvp_sock_fd(const struct rsvp_sock *s)
{
	return s->fd;
}

/* SO_*BUFFORCE when allowed, else the plain (capped) option. */
static int
set_buf(int fd, int force, int plain, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, force, &bytes, sizeof(bytes)) == 0)
		return 0;
	return setopt_int(fd, SOL_SOCKET, plain, bytes);
}

int
rsvp_sock_set_bufsize(struct rsvp_sock *s, int bytes)
{
	int rc;

	if ((rc = set_buf(s->fd, SO_RCVBUFFORCE, SO_RCVBUF, bytes)) != 0)
		return rc;
	return set_buf(s->fd, SO_SNDBUFFORCE, SO_SNDBUF, bytes);
}

int
rsvp_sock_set_priority(struct rsvp_sock *s, uint32_t priority)
{
	return setopt_int(s->fd, SOL_SOCKET, SO_PRIORITY, (int)priority);
}

/* Walk the IPv4 options in 'opt': whether Router Alert is there. */
static int
parse_options(struct cursor *opt, bool *ra_r)
{
	uint8_t type, len;

	*ra_r = false;
	while (cur_u8(opt, &type)) {
		if (type == IPOPT_EOL_)
			return 0;
		if (type == IPOPT_NOP_)
			continue;
		if (!cur_u8(opt, &len) || len < 2 || !cur_skip(opt, len - 2))
			return -EBADMSG;
		if (type == IPOPT_RA_ && len == IPOPT_RA_LEN)
			*ra_r = true;
	}
	return 0;
}

int
rsvp_sock_parse_ip(const uint8_t *buf, size_t len, struct rsvp_pkt_in *in)
{
	struct cursor c, opt;
	uint8_t vihl, ttl;
	uint16_t tot_len;
	uint32_t src, dst;
	size_t hlen;
	bool ra;

	cur_init(&c, buf, len);
	if (!cur_u8(&c, &vihl) || (vihl >> 4) != 4)
		return -EBADMSG;
	hlen = (size_t)(vihl & 0x0f) * 4;
	if (hlen < IPV4_HDR_MIN || hlen > len)
		return -EBADMSG;
	if (!cur_skip(&c, 1) || !cur_u16(&c, &tot_len) || !cur_skip(&c, 4) ||
	    !cur_u8(&c, &ttl) || !cur_skip(&c, 3) ||
	    !cur_u32(&c, &src) || !cur_u32(&c, &dst))
		return -EBADMSG;
	if (tot_len < hlen || tot_len > len)
		return -EBADMSG;
	if (!cur_sub(&c, hlen - IPV4_HDR_MIN, &opt) ||
	    parse_options(&opt, &ra) != 0)
		return -EBADMSG;
	in->buf = buf + hlen;
	in->len = tot_len - hlen;
	in->src.s_addr = htonl(src);
	in->dst.s_addr = htonl(dst);
	in->ip_ttl = ttl;
	in->router_alert = ra;
	return 0;
}

int
rsvp_sock_recv(struct rsvp_sock *s, struct rsvp_pkt_in *in)
{
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
	} ctl;
	struct iovec iov = { .iov_base = s->rxbuf, .iov_len = RXBUF_LEN };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = ctl.buf,
		.msg_controllen = sizeof(ctl.buf),
	};
	struct in_pktinfo pi;
	struct cmsghdr *cm;
	ssize_t r;
	int rc;

	if ((r = recvmsg(s->fd, &msg, 0)) < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	if (msg.msg_flags & MSG_TRUNC)
		return -EBADMSG;
	memset(in, 0, sizeof(*in));
	for (cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level == IPPROTO_IP &&
		    cm->cmsg_type == IP_PKTINFO &&
		    cm->cmsg_len >= CMSG_LEN(sizeof(pi))) {
			memcpy(&pi, CMSG_DATA(cm), sizeof(pi));
			in->ifindex = (unsigned)pi.ipi_ifindex;
		}
	}
	if ((rc = rsvp_sock_parse_ip(s->rxbuf, (size_t)r, in)) != 0)
		return rc;
	return 0;
}

int
rsvp_sock_ip_header(const struct rsvp_pkt_out *out, uint8_t *buf,
    size_t cap)
{
	struct writer w;
	size_t hlen = IPV4_HDR_MIN + (out->router_alert ? IPOPT_RA_LEN : 0);

	w_init(&w, buf, cap);
	w_u8(&w, (uint8_t)(0x40 | (hlen / 4)));
	w_u8(&w, RSVP_TOS);
	w_u16(&w, 0);			/* total length: the kernel's */
	w_u16(&w, 0);			/* ID: the kernel's */
	w_u16(&w, 0);			/* flags, fragment offset */
	w_u8(&w, out->ttl);
	w_u8(&w, IPPROTO_RSVP);
	w_u16(&w, 0);			/* checksum: the kernel's */
	w_u32(&w, ntohl(out->src.s_addr));
	w_u32(&w, ntohl(out->dst.s_addr));
	if (out->router_alert) {
		/* RFC 2113 2.1: value 0, "router shall examine packet". */
		w_u8(&w, IPOPT_RA_);
		w_u8(&w, IPOPT_RA_LEN);
		w_u16(&w, 0);
	}
	if (!w_ok(&w))
		return -ENOSPC;
	return (int)w.len;
}

/* The source the kernel would pick towards 'to' (out of 'ifindex'). */
static int
pick_source(struct in_addr to, unsigned ifindex, struct in_addr *src_r)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr = to,
	    .sin_port = htons(9) };
	socklen_t slen = sizeof(sin);
	uint32_t oif = htonl(ifindex);
	int fd, rc = 0;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	if (ifindex != 0 && setsockopt(fd, IPPROTO_IP, IP_UNICAST_IF, &oif,
	    sizeof(oif)) != 0) {
		rc = -errno;
		goto out;
	}
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &slen) != 0) {
		rc = -errno;
		goto out;
	}
	*src_r = sin.sin_addr;
out:
	close(fd);
	return rc;
}

int
rsvp_sock_send(struct rsvp_sock *s, const struct rsvp_pkt_out *out)
{
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
	} ctl;
	uint8_t hdr[IPV4_HDR_MAX];
	struct rsvp_pkt_out o = *out;
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct iovec iov[2];
	struct msghdr msg = {
		.msg_name = &to,
		.msg_namelen = sizeof(to),
		.msg_iov = iov,
		.msg_iovlen = 2,
	};
	struct in_pktinfo pi;
	struct cmsghdr *cm;
	int hlen, rc;

	to.sin_addr = o.nexthop.s_addr != INADDR_ANY ? o.nexthop : o.dst;
	if (o.src.s_addr == INADDR_ANY &&
	    (rc = pick_source(to.sin_addr, o.ifindex, &o.src)) != 0)
		return rc;
	if ((hlen = rsvp_sock_ip_header(&o, hdr, sizeof(hdr))) < 0)
		return hlen;
	if (o.len + (size_t)hlen > RSVP_SOCK_MSG_MAX)
		return -EMSGSIZE;
	iov[0] = (struct iovec){ .iov_base = hdr, .iov_len = (size_t)hlen };
	iov[1] = (struct iovec){ .iov_base = (void *)(uintptr_t)o.buf,
	    .iov_len = o.len };
	if (o.ifindex != 0) {
		memset(&ctl, 0, sizeof(ctl));
		memset(&pi, 0, sizeof(pi));
		pi.ipi_ifindex = (int)o.ifindex;
		msg.msg_control = ctl.buf;
		msg.msg_controllen = sizeof(ctl.buf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = IPPROTO_IP;
		cm->cmsg_type = IP_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(cm), &pi, sizeof(pi));
	}
	if (sendmsg(s->fd, &msg, 0) < 0)
		return -errno;
	return 0;
}
