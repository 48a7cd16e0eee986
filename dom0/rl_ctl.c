/*
 * The controller's side of the routelet socket channel (dom0/rl_ctl.h,
 * docs/routelet.md "The socket channel").
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "dom0/rl_ctl.h"

struct rl_ctl {
	int	fd;
	uint8_t	in[RL_MSG_MAX];		/* received, not yet decoded */
	size_t	inlen;
};

int
rl_ctl_open_fd(int fd, struct rl_ctl **ctl_r)
{
	struct rl_ctl *ctl;

	ctl = calloc(1, sizeof(*ctl));
	if (ctl == NULL)
		return -ENOMEM;
	ctl->fd = fd;
	*ctl_r = ctl;
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
rl_ctl_connect(const char *path, int timeout_ms, struct rl_ctl **ctl_r)
{
	struct sockaddr_un sun;
	int64_t deadline = now_ms() + timeout_ms;
	int fd = -1, rc;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	for (;;) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd == -1)
			return -errno;
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			break;
		rc = -errno;
		close(fd);
		fd = -1;
		if (rc != -ENOENT && rc != -ECONNREFUSED)
			goto out;
		if (now_ms() >= deadline) {
			rc = -ETIMEDOUT;
			goto out;
		}
		usleep(10000);
	}
	rc = rl_ctl_open_fd(fd, ctl_r);
	if (rc != 0)
		close(fd);
 out:
	return rc;
}

void
rl_ctl_close(struct rl_ctl *ctl)
{
	if (ctl == NULL)
		return;
	close(ctl->fd);
	free(ctl);
}

int
rl_ctl_fd(const struct rl_ctl *ctl)
{
	return ctl->fd;
}

/* Send one whole message. */
static int
send_msg(struct rl_ctl *ctl, uint8_t type, const void *payload, size_t len)
{
	uint8_t buf[RL_MSG_MAX];
	ssize_t n, r;
	size_t off = 0;

	n = rl_msg_encode(type, payload, len, buf, sizeof(buf));
	if (n < 0)
		return -EMSGSIZE;
	while (off < (size_t)n) {
		r = send(ctl->fd, buf + off, (size_t)n - off, MSG_NOSIGNAL);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			return errno == ECONNRESET ? -EPIPE : -errno;
		}
		off += (size_t)r;
	}
	return 0;
}

/*
 * Take the next whole message out of the buffer into 'msg_r' (payload
 * copied to 'payload', RL_MSG_PAYLOAD_MAX bytes).  Returns 1 if there was
 * one, 0 if more bytes are needed, -EPROTO if the stream is malformed.
 */
static int
next_msg(struct rl_ctl *ctl, struct rl_msg *msg_r, uint8_t *payload)
{
	ssize_t n;

	n = rl_msg_decode(ctl->in, ctl->inlen, msg_r);
	if (n < 0)
		return -EPROTO;
	if (n == 0)
		return 0;
	memcpy(payload, msg_r->payload, msg_r->len);
	msg_r->payload = payload;
	memmove(ctl->in, ctl->in + n, ctl->inlen - (size_t)n);
	ctl->inlen -= (size_t)n;
	return 1;
}

/*
 * Read more bytes, waiting up to 'wait_ms' (0: do not wait).  Returns 1 if
 * some came, 0 if none, -ETIMEDOUT never (the caller decides), -EPIPE on
 * end of stream.
 */
static int
fill(struct rl_ctl *ctl, int wait_ms)
{
	struct pollfd pfd = { .fd = ctl->fd, .events = POLLIN };
	ssize_t r;
	int n;

	n = poll(&pfd, 1, wait_ms);
	if (n == -1)
		return errno == EINTR ? 0 : -errno;
	if (n == 0)
		return 0;
	r = recv(ctl->fd, ctl->in + ctl->inlen, sizeof(ctl->in) - ctl->inlen,
	    MSG_DONTWAIT);
	if (r == -1)
		return errno == EAGAIN || errno == EINTR ? 0 :
		    errno == ECONNRESET ? -EPIPE : -errno;
	if (r == 0)
		return -EPIPE;
	ctl->inlen += (size_t)r;
	return 1;
}

/*
 * Wait up to 'timeout_ms' for a message whose type is one of 'want'
 * ('nwant' types); others (unasked counters) are skipped.
 */
static int
wait_msg(struct rl_ctl *ctl, const uint8_t *want, size_t nwant,
    int timeout_ms, struct rl_msg *msg_r, uint8_t *payload)
{
	int64_t deadline = now_ms() + timeout_ms, left;
	size_t i;
	int rc;

	for (;;) {
		rc = next_msg(ctl, msg_r, payload);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			for (i = 0; i < nwant; i++)
				if (msg_r->type == want[i])
					return 0;
			continue;
		}
		left = deadline - now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		rc = fill(ctl, (int)left);
		if (rc < 0)
			return rc;
	}
}

/* Copy 'len' bytes at 'p' into 'buf' ('cap' bytes) NUL-ended, cut. */
static void
copy_text(char *buf, size_t cap, const uint8_t *p, size_t len)
{
	if (buf == NULL || cap == 0)
		return;
	if (len >= cap)
		len = cap - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
}

int
rl_ctl_configure(struct rl_ctl *ctl, const char *text, size_t len,
    int timeout_ms, uint64_t *gen_r, char *err, size_t errlen)
{
	static const uint8_t want[] = { RL_MSG_OK, RL_MSG_ERROR };
	uint8_t payload[RL_MSG_PAYLOAD_MAX + 1];
	struct rl_msg msg;
	unsigned long long gen;
	char tail;
	int rc;

	if (len == 0 || len > RL_MSG_PAYLOAD_MAX)
		return -EMSGSIZE;
	rc = send_msg(ctl, RL_MSG_CONFIG, text, len);
	if (rc != 0)
		return rc;
	rc = wait_msg(ctl, want, 2, timeout_ms, &msg, payload);
	if (rc != 0)
		return rc;
	payload[msg.len] = '\0';
	if (msg.type == RL_MSG_ERROR) {
		copy_text(err, errlen, payload, msg.len);
		return -EINVAL;
	}
	/* "generation N" */
	if (sscanf((char *)payload, "generation %llu%c", &gen, &tail) != 1 ||
	    memchr(payload, '\0', msg.len) != NULL)
		return -EPROTO;
	if (gen_r != NULL)
		*gen_r = gen;
	return 0;
}

int
rl_ctl_counters(struct rl_ctl *ctl, int timeout_ms, char *buf, size_t cap)
{
	static const uint8_t want[] = { RL_MSG_COUNTERS };
	uint8_t payload[RL_MSG_PAYLOAD_MAX];
	struct rl_msg msg;
	int rc;

	rc = send_msg(ctl, RL_MSG_COUNTERS_GET, NULL, 0);
	if (rc != 0)
		return rc;
	rc = wait_msg(ctl, want, 1, timeout_ms, &msg, payload);
	if (rc != 0)
		return rc;
	copy_text(buf, cap, payload, msg.len);
	return 0;
}

int
rl_ctl_drain(struct rl_ctl *ctl)
{
	uint8_t payload[RL_MSG_PAYLOAD_MAX];
	struct rl_msg msg;
	int rc;

	for (;;) {
		while ((rc = next_msg(ctl, &msg, payload)) == 1)
			;
		if (rc < 0)
			return rc;
		rc = fill(ctl, 0);
		if (rc <= 0)
			return rc;
	}
}

int
rl_ctl_counter(const char *text, size_t len, const char *name,
    uint64_t *v_r)
{
	size_t nlen = strlen(name), off = 0;

	while (off < len) {
		const char *line = text + off;
		const char *nl = memchr(line, '\n', len - off);
		size_t llen = nl != NULL ? (size_t)(nl - line) : len - off;

		if (llen > nlen + 1 && memcmp(line, name, nlen) == 0 &&
		    line[nlen] == ' ') {
			uint64_t v = 0;
			size_t i;

			for (i = nlen + 1; i < llen; i++) {
				if (line[i] < '0' || line[i] > '9' ||
				    v > (UINT64_MAX - 9) / 10)
					return -EPROTO;
				v = v * 10 + (uint64_t)(line[i] - '0');
			}
			*v_r = v;
			return 0;
		}
		off += llen + 1;
	}
	return -ENOENT;
}
