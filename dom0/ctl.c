/*
 * The control socket server: listener, clients, request dispatch
 * (dom0/ctl.h).  Commands live in ctl_cmd.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "dom0/ctl.h"
#include "dom0/ctl_local.h"
#include "lib/ctl_proto.h"
#include "lib/log.h"

/* Clients at once; more are accepted and closed at once. */
#define CTL_CLIENTS_MAX		128
#define CTL_REQ_MAX_STR		"65536"
_Static_assert(CTL_REQ_MAX == 65536, "CTL_REQ_MAX_STR");
/* Stop reading a client's requests while this much reply is unsent. */
#define CTL_OUT_HIGH		(16 * 1024 * 1024)

struct ctl_client {
	TAILQ_ENTRY(ctl_client)	entry;
	struct ctl		*ctl;
	struct bufferevent	*bev;
	bool			closing;	/* flush, then free */
	bool			paused;		/* reads off: output full */
};

static struct log_ratelimit ctl_rl = LOG_RATELIMIT_INIT(10, 5);

static void client_free(struct ctl_client *);

/* Queue 'line' of 'len' bytes (malloc'd, freed here) to the client. */
static int
client_send(struct ctl_client *c, char *line, size_t len)
{
	int rc = -1;

	if (line == NULL) {
		log_warnx("ctl: out of memory formatting a reply");
		goto out;
	}
	if (bufferevent_write(c->bev, line, len) == -1) {
		log_warnx("ctl: cannot queue a reply");
		goto out;
	}
	rc = 0;
out:
	free(line);
	return rc;
}

/* Answer with 'msg' and close the connection once it is sent. */
static void
client_refuse(struct ctl_client *c, const char *msg)
{
	char *line;
	size_t len = 0;

	log_debug_rl(&ctl_rl, "ctl: closing a client: %s", msg);
	bufferevent_disable(c->bev, EV_READ);
	c->closing = true;
	line = ctl_reply_format(NULL, msg, &len);
	if (client_send(c, line, len) == -1 ||
	    evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
		client_free(c);
}

/* Run the request 'line' of 'len' bytes and queue its reply. */
static int
client_request(struct ctl_client *c, const char *line, size_t len)
{
	char cmd[CTL_CMD_MAX], err[256];
	json_t *args = NULL, *reply = NULL;
	char *out;
	size_t outlen = 0;
	int r;

	err[0] = '\0';
	if (ctl_req_parse(line, len, cmd, &args, err, sizeof(err)) == -1) {
		log_debug_rl(&ctl_rl, "ctl: bad request: %s", err);
		out = ctl_reply_format(NULL, err, &outlen);
	} else {
		r = ctl_cmd_run(c->ctl, cmd, args, &reply, err, sizeof(err));
		if (r == 0)
			out = ctl_reply_format(reply, NULL, &outlen);
		else
			out = ctl_reply_format(NULL, err[0] != '\0' ? err :
			    "command failed", &outlen);
	}
	json_decref(args);
	json_decref(reply);
	return client_send(c, out, outlen);
}

/*
 * Run every complete request in the input buffer, until the output is
 * full.  Returns -1 when the client was freed.
 */
static int
client_drain(struct ctl_client *c)
{
	struct evbuffer *in = bufferevent_get_input(c->bev);
	struct evbuffer *outb = bufferevent_get_output(c->bev);
	struct evbuffer_ptr eol;
	char *line;
	size_t len;

	for (;;) {
		if (evbuffer_get_length(outb) > CTL_OUT_HIGH) {
			bufferevent_disable(c->bev, EV_READ);
			c->paused = true;
			return 0;
		}
		eol = evbuffer_search_eol(in, NULL, &len, EVBUFFER_EOL_LF);
		if (eol.pos == -1) {
			if (evbuffer_get_length(in) > CTL_REQ_MAX)
				goto oversize;
			return 0;
		}
		if ((size_t)eol.pos > CTL_REQ_MAX)
			goto oversize;
		line = evbuffer_readln(in, &len, EVBUFFER_EOL_LF);
		if (line == NULL) {
			client_refuse(c, "out of memory");
			return -1;
		}
		if (client_request(c, line, len) == -1) {
			free(line);
			client_free(c);
			return -1;
		}
		free(line);
	}
oversize:
	client_refuse(c, "request longer than " CTL_REQ_MAX_STR " bytes");
	return -1;
}

static void
client_read_cb(struct bufferevent *bev, void *arg)
{
	(void)bev;
	client_drain(arg);
}

static void
client_write_cb(struct bufferevent *bev, void *arg)
{
	struct ctl_client *c = arg;

	(void)bev;
	if (c->closing) {
		client_free(c);
		return;
	}
	if (c->paused) {
		c->paused = false;
		bufferevent_enable(c->bev, EV_READ);
		client_drain(c);
	}
}

static void
client_event_cb(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & BEV_EVENT_ERROR)
		log_debug("ctl: client error: %s", strerror(errno));
	client_free(arg);
}

static void
client_free(struct ctl_client *c)
{
	TAILQ_REMOVE(&c->ctl->clients, c, entry);
	c->ctl->nclients--;
	bufferevent_free(c->bev);
	free(c);
}

int
ctl_attach(struct ctl *ctl, int fd)
{
	struct ctl_client *c;
	int rc = -1;

	if (ctl->nclients >= CTL_CLIENTS_MAX) {
		log_debug_rl(&ctl_rl, "ctl: %d clients already, refusing one",
		    CTL_CLIENTS_MAX);
		close(fd);
		errno = EMFILE;
		goto out;
	}
	if (evutil_make_socket_nonblocking(fd) == -1 ||
	    (c = calloc(1, sizeof(*c))) == NULL) {
		close(fd);
		goto out;
	}
	c->ctl = ctl;
	c->bev = bufferevent_socket_new(ctl->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL) {
		close(fd);
		free(c);
		goto out;
	}
	/* Stop reading once a request line could not be valid any more. */
	bufferevent_setwatermark(c->bev, EV_READ, 0, CTL_REQ_MAX + 2);
	bufferevent_setcb(c->bev, client_read_cb, client_write_cb,
	    client_event_cb, c);
	if (bufferevent_enable(c->bev, EV_READ) == -1) {
		bufferevent_free(c->bev);
		free(c);
		goto out;
	}
	TAILQ_INSERT_TAIL(&ctl->clients, c, entry);
	ctl->nclients++;
	rc = 0;
out:
	return rc;
}

static void
ctl_accept_cb(struct evconnlistener *lis, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	(void)lis;
	(void)sa;
	(void)salen;
	if (ctl_attach(arg, fd) == -1)
		log_debug_rl(&ctl_rl, "ctl: cannot take a client: %s",
		    strerror(errno));
}

static void
ctl_accept_error_cb(struct evconnlistener *lis, void *arg)
{
	(void)lis;
	(void)arg;
	/* EMFILE and friends: the listener retries on the next event. */
	log_warn("ctl: accept");
}

int
ctl_create_fd(struct event_base *base, int fd, struct ctl **ctl_r)
{
	struct ctl *ctl;
	int rc = -1;

	ctl = calloc(1, sizeof(*ctl));
	if (ctl == NULL)
		goto out;
	ctl->base = base;
	TAILQ_INIT(&ctl->clients);
	if (evutil_make_socket_nonblocking(fd) == -1)
		goto out;
	ctl->lis = evconnlistener_new(base, ctl_accept_cb, ctl,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, -1, fd);
	if (ctl->lis == NULL)
		goto out;
	evconnlistener_set_error_cb(ctl->lis, ctl_accept_error_cb);
	/*
	 * A client that goes away before its reply is written must not kill
	 * the daemon: writes to it fail with EPIPE instead.
	 */
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		goto out;
	*ctl_r = ctl;
	ctl = NULL;
	rc = 0;
out:
	if (ctl != NULL) {
		if (ctl->lis == NULL)
			close(fd);
		ctl_destroy(ctl);
	}
	return rc;
}

/*
 * Make 'path' free for a new socket: refuse a live socket (EADDRINUSE)
 * and anything that is not a socket (EEXIST); remove a stale one.
 */
static int
clear_stale(const char *path)
{
	struct stat st;
	int fd, r;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISSOCK(st.st_mode)) {
		errno = EEXIST;
		return -1;
	}
	fd = ctl_connect(path);
	if (fd != -1) {
		close(fd);
		errno = EADDRINUSE;
		return -1;
	}
	if (errno != ECONNREFUSED)
		return -1;
	r = unlink(path);
	return r == -1 && errno != ENOENT ? -1 : 0;
}

/* Create the directory that holds 'path' if it is missing (mode 0755). */
static int
make_parent(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return 0;
	*slash = '\0';
	if (mkdir(dir, 0755) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

int
ctl_create(struct event_base *base, const char *path, struct ctl **ctl_r)
{
	struct sockaddr_un sun;
	mode_t omask;
	int fd = -1, r, saved, rc = -1;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		log_warnx("ctl: socket path too long: %s", path);
		goto out;
	}
	strcpy(sun.sun_path, path);
	if (make_parent(path) == -1) {
		log_warn("ctl: cannot create the directory of %s", path);
		goto out;
	}
	if (clear_stale(path) == -1) {
		log_warn("ctl: %s", path);
		goto out;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_warn("ctl: socket");
		goto out;
	}
	/* Mode 0600 from the start: no window where others may connect. */
	omask = umask(0177);
	r = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(omask);
	if (r == -1) {
		log_warn("ctl: bind %s", path);
		goto out;
	}
	if (chmod(path, 0600) == -1 || listen(fd, 16) == -1) {
		log_warn("ctl: %s", path);
		unlink(path);
		goto out;
	}
	r = ctl_create_fd(base, fd, ctl_r);
	fd = -1;
	if (r == -1) {
		saved = errno;
		log_warn("ctl: cannot serve %s", path);
		unlink(path);
		errno = saved;
		goto out;
	}
	(*ctl_r)->path = strdup(path);
	if ((*ctl_r)->path == NULL) {
		ctl_destroy(*ctl_r);
		unlink(path);
		errno = ENOMEM;
		goto out;
	}
	rc = 0;
out:
	if (fd != -1) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return rc;
}

unsigned
ctl_nclients(const struct ctl *ctl)
{
	return ctl->nclients;
}

void
ctl_destroy(struct ctl *ctl)
{
	struct ctl_client *c;

	if (ctl == NULL)
		return;
	while ((c = TAILQ_FIRST(&ctl->clients)) != NULL)
		client_free(c);
	if (ctl->lis != NULL)
		evconnlistener_free(ctl->lis);
	if (ctl->path != NULL) {
		unlink(ctl->path);
		free(ctl->path);
	}
	ctl_cmd_free_all(ctl);
	free(ctl);
}
