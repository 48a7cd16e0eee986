#include "routelet/chan_sock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/log.h"

static struct log_ratelimit rl_bad_msg = LOG_RATELIMIT_INIT(10, 5);

void
chan_sock_init(struct chan_sock *ch)
{
	memset(ch, 0, sizeof(*ch));
	ch->listen_fd = -1;
	ch->conn_fd = -1;
}

int
chan_sock_listen(struct chan_sock *ch, const char *path)
{
	struct sockaddr_un sun;
	mode_t old_mask;
	int fd = -1, r, rc = -1;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_warnx("socket path %s too long", path);
		goto out;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_warn("socket");
		goto out;
	}
	/* A socket someone still answers on is not stale: leave it. */
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0 ||
	    errno == EAGAIN) {
		log_warnx("%s: another process is listening there", path);
		goto out;
	}
	close(fd);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_warn("socket");
		goto out;
	}
	if (unlink(path) < 0 && errno != ENOENT) {
		log_warn("unlink %s", path);
		goto out;
	}
	/* Created 0600 from the start, so no one else can connect. */
	old_mask = umask(0177);
	r = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(old_mask);
	if (r < 0) {
		log_warn("bind %s", path);
		goto out;
	}
	if (chmod(path, 0600) < 0 || listen(fd, 4) < 0) {
		log_warn("listen %s", path);
		unlink(path);
		goto out;
	}
	ch->listen_fd = fd;
	fd = -1;
	strcpy(ch->path, path);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Send one message; a controller that does not keep up is dropped. */
static void
send_msg(struct chan_sock *ch, uint8_t type, const void *payload, size_t len)
{
	uint8_t buf[RL_MSG_MAX];
	ssize_t n, r;

	if (ch->conn_fd < 0)
		return;
	if ((n = rl_msg_encode(type, payload, len, buf, sizeof(buf))) < 0) {
		log_warnx("message of %zu bytes does not fit", len);
		return;
	}
	r = send(ch->conn_fd, buf, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (r != n) {
		if (r < 0)
			log_warn("controller send");
		else
			log_warnx("controller send: short write");
		close(ch->conn_fd);
		ch->conn_fd = -1;
	}
}

static void
send_text(struct chan_sock *ch, uint8_t type, const char *text)
{
	send_msg(ch, type, text, strlen(text));
}

void
chan_sock_attach(struct chan_sock *ch, int fd)
{
	ch->conn_fd = fd;
	ch->inlen = 0;
}

void
chan_sock_accept(struct chan_sock *ch)
{
	int fd;

	fd = accept4(ch->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn("accept");
		return;
	}
	if (ch->conn_fd >= 0) {
		static const char busy[] = "busy: another controller is "
		    "connected";
		uint8_t buf[RL_MSG_HLEN + sizeof(busy)];
		ssize_t n;

		log_info("refusing a second controller");
		n = rl_msg_encode(RL_MSG_ERROR, busy, sizeof(busy) - 1, buf,
		    sizeof(buf));
		if (n > 0 && send(fd, buf, (size_t)n,
		    MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
			log_warn("send busy");
		close(fd);
		return;
	}
	log_info("controller connected");
	chan_sock_attach(ch, fd);
}

static void
drop_controller(struct chan_sock *ch, const char *why)
{
	log_info("controller gone: %s", why);
	close(ch->conn_fd);
	ch->conn_fd = -1;
	ch->inlen = 0;
}

static void
handle_config(struct chan_sock *ch, struct rl_fwd *fwd,
    const struct rl_msg *m, uint64_t now)
{
	struct rl_config cfg;
	char err[RL_ERR_MAX], ok[48];

	if (rl_config_parse((const char *)m->payload, m->len, &cfg, err,
	    sizeof(err)) < 0) {
		log_warnx("config refused: %s", err);
		send_text(ch, RL_MSG_ERROR, err);
		return;
	}
	rl_fwd_apply(fwd, &cfg, now);
	log_info("config generation %llu applied: label %u -> %u",
	    (unsigned long long)cfg.generation, cfg.in_label, cfg.out_label);
	snprintf(ok, sizeof(ok), "generation %llu",
	    (unsigned long long)cfg.generation);
	send_text(ch, RL_MSG_OK, ok);
}

void
chan_sock_push_counters(struct chan_sock *ch, const struct rl_fwd *fwd)
{
	char text[1024];
	int n;

	if (ch->conn_fd < 0)
		return;
	n = rl_counters_format(&fwd->cnt, fwd->cfg.generation, text,
	    sizeof(text));
	if (n < 0)
		return;
	send_msg(ch, RL_MSG_COUNTERS, text, (size_t)n);
}

void
chan_sock_input(struct chan_sock *ch, struct rl_fwd *fwd, uint64_t now)
{
	struct rl_msg m;
	size_t off = 0;
	ssize_t r, used;

	if (ch->conn_fd < 0)
		return;
	r = read(ch->conn_fd, ch->in + ch->inlen, sizeof(ch->in) - ch->inlen);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r <= 0) {
		drop_controller(ch, r == 0 ? "end of file" : strerror(errno));
		return;
	}
	ch->inlen += (size_t)r;

	while (ch->conn_fd >= 0 &&
	    (used = rl_msg_decode(ch->in + off, ch->inlen - off, &m)) != 0) {
		if (used < 0) {
			log_warnx_rl(&rl_bad_msg, "malformed message from "
			    "controller");
			send_text(ch, RL_MSG_ERROR, "malformed message");
			if (ch->conn_fd >= 0)
				drop_controller(ch, "malformed message");
			return;
		}
		switch (m.type) {
		case RL_MSG_CONFIG:
			handle_config(ch, fwd, &m, now);
			break;
		case RL_MSG_COUNTERS_GET:
			chan_sock_push_counters(ch, fwd);
			break;
		default:
			send_text(ch, RL_MSG_ERROR, "unexpected message type");
			break;
		}
		off += (size_t)used;
	}
	if (ch->conn_fd < 0)
		return;
	memmove(ch->in, ch->in + off, ch->inlen - off);
	ch->inlen -= off;
}

void
chan_sock_close(struct chan_sock *ch)
{
	if (ch->conn_fd >= 0)
		close(ch->conn_fd);
	if (ch->listen_fd >= 0) {
		close(ch->listen_fd);
		unlink(ch->path);
	}
	chan_sock_init(ch);
}
