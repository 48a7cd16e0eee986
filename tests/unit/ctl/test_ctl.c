/*
 * dom0/ctl.c: the server on a real event_base, clients over socketpairs
 * (ctl_attach) and over its UNIX socket.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <event2/event.h>

#include "dom0/ctl.h"
#include "lib/ctl_proto.h"
#include "lib/log.h"
#include "suites.h"

static struct event_base *base;
static struct ctl *ctl;
static char dir[64], sock_path[128];

static int
h_echo(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)
{
	(void)arg;
	(void)err;
	(void)errlen;
	*reply_r = json_deep_copy(args);
	return 0;
}

static int
h_fail(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)
{
	(void)args;
	*reply_r = json_string("ignored");
	snprintf(err, errlen, "failed as %s", (const char *)arg);
	return -1;
}

static int
h_mute(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)
{
	(void)arg;
	(void)args;
	(void)reply_r;
	(void)err;
	(void)errlen;
	return -1;
}

/* A reply of 1 MB. */
static int
h_big(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)
{
	static char big[1024 * 1024];

	(void)arg;
	(void)args;
	(void)err;
	(void)errlen;
	memset(big, 'b', sizeof(big) - 1);
	*reply_r = json_string(big);
	return 0;
}

static void
setup(void)
{
	log_init("test_ctl", LOG_LVL_WARN, false);
	snprintf(dir, sizeof(dir), "/tmp/test_ctl.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sock_path, sizeof(sock_path), "%s/quasard.sock", dir);
	base = event_base_new();
	ck_assert_ptr_nonnull(base);
	ck_assert_int_eq(ctl_create(base, sock_path, &ctl), 0);
	ck_assert_int_eq(ctl_register(ctl, "test echo", h_echo, NULL), 0);
	ck_assert_int_eq(ctl_register(ctl, "test fail", h_fail, "asked"), 0);
	ck_assert_int_eq(ctl_register(ctl, "test mute", h_mute, NULL), 0);
	ck_assert_int_eq(ctl_register(ctl, "test big", h_big, NULL), 0);
}

static void
teardown(void)
{
	ctl_destroy(ctl);
	ctl = NULL;
	event_base_free(base);
	rmdir(dir);
}

static void
pump(void)
{
	event_base_loop(base, EVLOOP_NONBLOCK);
}

/* A client on a socketpair; our end is non-blocking. */
static int
client(void)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(ctl_attach(ctl, sv[1]), 0);
	ck_assert_int_ne(fcntl(sv[0], F_SETFL, O_NONBLOCK), -1);
	return sv[0];
}

/* Write all of 'buf', running the server while the socket is full. */
static void
put(int fd, const char *buf, size_t len)
{
	ssize_t r;
	int spins = 0;

	while (len > 0) {
		r = send(fd, buf, len, MSG_NOSIGNAL);
		if (r == -1 && errno == EAGAIN) {
			pump();
			ck_assert_int_lt(++spins, 100000);
			continue;
		}
		if (r == -1 && errno == EPIPE)
			return;	/* the server closed: the reader sees why */
		ck_assert_int_gt(r, 0);
		buf += r;
		len -= (size_t)r;
	}
}

/*
 * Run the server until a whole line came back on 'fd'; returns its
 * length (without '\n') in 'buf', or -1 at end of file.
 */
static ssize_t
get(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	ssize_t r;
	char *nl;
	int spins;

	for (spins = 0; spins < 20000; spins++) {
		pump();
		r = recv(fd, buf + len, cap - len - 1, MSG_PEEK);
		if (r == 0)
			return -1;
		if (r > 0) {
			nl = memchr(buf + len, '\n', (size_t)r);
			if (nl != NULL)
				r = nl - (buf + len) + 1;
			ck_assert_int_eq(recv(fd, buf + len, (size_t)r, 0), r);
			len += (size_t)r;
			if (nl != NULL) {
				buf[len - 1] = '\0';
				return (ssize_t)len - 1;
			}
			continue;
		}
		usleep(100);
	}
	ck_abort_msg("no reply");
	return -1;
}

/* One request line and its reply: 0/1/-1 as ctl_reply_parse(). */
static int
ask(int fd, const char *req, json_t **reply_r, char *err, size_t errlen)
{
	char buf[8192];
	ssize_t n;

	put(fd, req, strlen(req));
	n = get(fd, buf, sizeof(buf));
	ck_assert_int_ge(n, 0);
	return ctl_reply_parse(buf, (size_t)n, reply_r, err, errlen);
}

START_TEST(echo_args)
{
	char err[256];
	json_t *r;
	int fd = client();

	ck_assert_int_eq(ask(fd, "{\"cmd\":\"test echo\",\"args\":"
	    "{\"a\":[1,\"b\"]}}\n", &r, err, sizeof(err)), 0);
	ck_assert_int_eq(json_integer_value(json_array_get(
	    json_object_get(r, "a"), 0)), 1);
	json_decref(r);
	ck_assert_int_eq(ask(fd, "{\"cmd\":\"test echo\"}\n", &r, err,
	    sizeof(err)), 0);
	ck_assert(json_is_object(r));
	ck_assert_uint_eq(json_object_size(r), 0);
	json_decref(r);
	close(fd);
}
END_TEST

START_TEST(errors_keep_connection)
{
	char err[256];
	json_t *r;
	int fd = client();

	ck_assert_int_eq(ask(fd, "{\"cmd\":\"nope\"}\n", &r, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "unknown command \"nope\"");
	ck_assert_int_eq(ask(fd, "{\"cmd\":\"test fail\"}\n", &r, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "failed as asked");
	ck_assert_int_eq(ask(fd, "{\"cmd\":\"test mute\"}\n", &r, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "command failed");
	ck_assert_int_eq(ask(fd, "\x01\xff garbage {\n", &r, err,
	    sizeof(err)), 1);
	ck_assert(strncmp(err, "request is not JSON", 19) == 0);
	ck_assert_int_eq(ask(fd, "[1]\n", &r, err, sizeof(err)), 1);
	ck_assert_int_eq(ask(fd, "\n", &r, err, sizeof(err)), 1);
	ck_assert_int_eq(ask(fd, "{\"cmd\":\"test echo\"}\n", &r, err,
	    sizeof(err)), 0);
	json_decref(r);
	ck_assert_uint_eq(ctl_nclients(ctl), 1);
	close(fd);
}
END_TEST

START_TEST(help_lists_commands)
{
	char err[256];
	json_t *r, *names;
	int fd = client();

	ck_assert_int_eq(ask(fd, "{\"cmd\":\"help\"}\n", &r, err,
	    sizeof(err)), 0);
	names = json_object_get(r, "commands");
	ck_assert_uint_eq(json_array_size(names), 5);
	ck_assert_str_eq(json_string_value(json_array_get(names, 0)),
	    "help");
	ck_assert_str_eq(json_string_value(json_array_get(names, 1)),
	    "test big");
	ck_assert_str_eq(json_string_value(json_array_get(names, 4)),
	    "test mute");
	json_decref(r);
	close(fd);
}
END_TEST

START_TEST(pipelined_in_order)
{
	const char *reqs = "{\"cmd\":\"test echo\",\"args\":{\"i\":0}}\n"
	    "{\"cmd\":\"test fail\"}\n"
	    "{\"cmd\":\"test echo\",\"args\":{\"i\":2}}\n";
	char buf[512], err[256];
	json_t *r;
	ssize_t n;
	int fd = client(), i;

	put(fd, reqs, strlen(reqs));
	for (i = 0; i < 3; i++) {
		n = get(fd, buf, sizeof(buf));
		ck_assert_int_gt(n, 0);
		if (i == 1) {
			ck_assert_int_eq(ctl_reply_parse(buf, (size_t)n, &r,
			    err, sizeof(err)), 1);
			continue;
		}
		ck_assert_int_eq(ctl_reply_parse(buf, (size_t)n, &r, err,
		    sizeof(err)), 0);
		ck_assert_int_eq(json_integer_value(json_object_get(r, "i")),
		    i);
		json_decref(r);
	}
	close(fd);
}
END_TEST

/*
 * Random bytes, a line at a time: each gets a reply (an error, or a
 * command's answer), and the connection still serves.
 */
START_TEST(random_lines)
{
	static const char frags[][16] = {
		"{", "}", "\"cmd\"", ":", "\"test echo\"", ",", "\"args\"",
		"[", "]", "null", "1e999", "\"\\u0000\"", "\xff\xfe", " ",
		"\"help\"", "{\"a\":",
	};
	char line[512], buf[8192], err[256];
	unsigned seed = 20261122;
	json_t *r;
	ssize_t n;
	size_t len;
	int fd = client(), i, k, nfrag;

	for (i = 0; i < 300; i++) {
		len = 0;
		nfrag = (int)(rand_r(&seed) % 12);
		for (k = 0; k < nfrag; k++) {
			const char *f = frags[rand_r(&seed) %
			    (sizeof(frags) / sizeof(frags[0]))];

			memcpy(line + len, f, strlen(f));
			len += strlen(f);
		}
		if (rand_r(&seed) % 4 == 0)
			line[rand_r(&seed) % (len + 1)] =
			    (char)(rand_r(&seed) % 255 + 1);
		for (k = 0; k < (int)len; k++)
			if (line[k] == '\n')
				line[k] = ' ';
		line[len++] = '\n';
		put(fd, line, len);
		n = get(fd, buf, sizeof(buf));
		ck_assert_int_ge(n, 0);
		ck_assert_int_ne(ctl_reply_parse(buf, (size_t)n, &r, err,
		    sizeof(err)), -1);
		if (strncmp(buf, "{\"ok\":true", 11) == 0)
			json_decref(r);
	}
	ck_assert_int_eq(ask(fd, "{\"cmd\":\"test echo\"}\n", &r, err,
	    sizeof(err)), 0);
	json_decref(r);
	close(fd);
}
END_TEST

/* A request split into single bytes is one request. */
START_TEST(request_in_pieces)
{
	const char *req = "{\"cmd\":\"test echo\",\"args\":{\"x\":true}}\n";
	char buf[512], err[256];
	json_t *r;
	ssize_t n;
	size_t i;
	int fd = client();

	for (i = 0; req[i] != '\0'; i++) {
		put(fd, req + i, 1);
		pump();
	}
	n = get(fd, buf, sizeof(buf));
	ck_assert_int_eq(ctl_reply_parse(buf, (size_t)n, &r, err,
	    sizeof(err)), 0);
	ck_assert(json_is_true(json_object_get(r, "x")));
	json_decref(r);
	close(fd);
}
END_TEST

static void
oversize(bool newline)
{
	size_t len = CTL_REQ_MAX + 100;
	char *big = malloc(len), buf[512], err[256];
	json_t *r;
	ssize_t n;
	int fd = client();

	memset(big, 'a', len);
	if (newline)
		big[len - 1] = '\n';
	put(fd, big, len);
	n = get(fd, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(ctl_reply_parse(buf, (size_t)n, &r, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "request longer than 65536 bytes");
	ck_assert_int_eq(get(fd, buf, sizeof(buf)), -1);
	ck_assert_uint_eq(ctl_nclients(ctl), 0);
	free(big);
	close(fd);
}

START_TEST(oversize_without_newline)
{
	oversize(false);
}
END_TEST

START_TEST(oversize_with_newline)
{
	oversize(true);
}
END_TEST

/* The largest request that fits is served. */
START_TEST(request_at_limit)
{
	size_t len = CTL_REQ_MAX + 1;
	const char *head = "{\"cmd\":\"test echo\",\"args\":{\"s\":\"";
	char *req = malloc(len), err[256], *buf = malloc(CTL_REQ_MAX * 2);
	json_t *r;
	ssize_t n;
	int fd = client();

	memset(req, 'x', len);
	memcpy(req, head, strlen(head));
	memcpy(req + len - 4, "\"}}\n", 4);
	put(fd, req, len);
	n = get(fd, buf, CTL_REQ_MAX * 2);
	ck_assert_int_eq(ctl_reply_parse(buf, (size_t)n, &r, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(json_string_length(json_object_get(r, "s")),
	    len - strlen(head) - 4);
	json_decref(r);
	free(req);
	free(buf);
	close(fd);
}
END_TEST

/*
 * A client that sends many requests and reads nothing: the server stops
 * reading it once 16 MB of replies wait, and serves the rest when they
 * drain; every reply comes, in order, whole.
 */
START_TEST(slow_reader)
{
	static const char req[] = "{\"cmd\":\"test big\"}\n";
	char buf[65536];
	int fd = client(), i, lines = 0, spins = 0;
	size_t bytes = 0;
	ssize_t r;

	for (i = 0; i < 24; i++)
		put(fd, req, sizeof(req) - 1);
	for (i = 0; i < 50; i++)
		pump();
	while (lines < 24) {
		pump();
		r = recv(fd, buf, sizeof(buf), 0);
		if (r > 0) {
			bytes += (size_t)r;
			for (ssize_t k = 0; k < r; k++)
				lines += buf[k] == '\n';
			continue;
		}
		ck_assert_int_eq(r, -1);
		ck_assert_int_lt(++spins, 100000);
	}
	/* {"ok":true,"reply":"bbb..."}\n: 23 bytes around the string. */
	ck_assert_uint_eq(bytes, 24 * (1024 * 1024 - 1 + 23));
	ck_assert_uint_eq(ctl_nclients(ctl), 1);
	close(fd);
}
END_TEST

START_TEST(many_clients)
{
	char req[128], buf[512], err[256];
	int fds[100], i;
	json_t *r;
	ssize_t n;

	for (i = 0; i < 100; i++)
		fds[i] = client();
	ck_assert_uint_eq(ctl_nclients(ctl), 100);
	for (i = 0; i < 100; i++) {
		snprintf(req, sizeof(req),
		    "{\"cmd\":\"test echo\",\"args\":{\"i\":%d}}\n", i);
		put(fds[i], req, strlen(req));
	}
	for (i = 99; i >= 0; i--) {
		n = get(fds[i], buf, sizeof(buf));
		ck_assert_int_eq(ctl_reply_parse(buf, (size_t)n, &r, err,
		    sizeof(err)), 0);
		ck_assert_int_eq(json_integer_value(json_object_get(r, "i")),
		    i);
		json_decref(r);
		close(fds[i]);
	}
	pump();
	pump();
	ck_assert_uint_eq(ctl_nclients(ctl), 0);
}
END_TEST

START_TEST(client_limit)
{
	int sv[2], i, fds[128];

	for (i = 0; i < 128; i++)
		fds[i] = client();
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(ctl_attach(ctl, sv[1]), -1);
	ck_assert_int_eq(errno, EMFILE);
	/* The refused end was closed. */
	ck_assert_int_eq(recv(sv[0], sv, 1, 0), 0);
	close(sv[0]);
	for (i = 0; i < 128; i++)
		close(fds[i]);
}
END_TEST

/* A client that leaves before its reply costs nothing. */
START_TEST(client_gone_before_reply)
{
	int fd = client(), i;

	put(fd, "{\"cmd\":\"help\"}\n{\"cmd\":\"help\"}\n", 30);
	close(fd);
	for (i = 0; i < 10; i++)
		pump();
	ck_assert_uint_eq(ctl_nclients(ctl), 0);
}
END_TEST

START_TEST(socket_mode_and_unlink)
{
	struct stat st;

	ck_assert_int_eq(stat(sock_path, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ctl_destroy(ctl);
	ctl = NULL;
	ck_assert_int_eq(stat(sock_path, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(live_socket_refused)
{
	struct ctl *other;

	ck_assert_int_eq(ctl_create(base, sock_path, &other), -1);
	ck_assert_int_eq(errno, EADDRINUSE);
	/* The live one is untouched. */
	ck_assert_int_eq(access(sock_path, F_OK), 0);
}
END_TEST

START_TEST(stale_socket_replaced)
{
	struct sockaddr_un sun;
	struct ctl *other;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/stale.sock", dir);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	close(fd);
	ck_assert_int_eq(ctl_create(base, sun.sun_path, &other), 0);
	fd = ctl_connect(sun.sun_path);
	ck_assert_int_ne(fd, -1);
	close(fd);
	ctl_destroy(other);
}
END_TEST

START_TEST(not_a_socket_refused)
{
	struct ctl *other;
	char path[160];
	int fd;

	snprintf(path, sizeof(path), "%s/file", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	ck_assert_int_ne(fd, -1);
	close(fd);
	ck_assert_int_eq(ctl_create(base, path, &other), -1);
	ck_assert_int_eq(errno, EEXIST);
	ck_assert_int_eq(access(path, F_OK), 0);
	unlink(path);
}
END_TEST

START_TEST(missing_directory_made)
{
	struct ctl *other;
	char path[256], sub[128];

	snprintf(sub, sizeof(sub), "%s/run", dir);
	snprintf(path, sizeof(path), "%s/quasard.sock", sub);
	ck_assert_int_eq(ctl_create(base, path, &other), 0);
	ctl_destroy(other);
	ck_assert_int_eq(rmdir(sub), 0);
}
END_TEST

/* ctl_connect() and ctl_call() against the server in another process. */
START_TEST(call_over_socket)
{
	char err[256];
	json_t *r, *args;
	pid_t pid;
	int fd;

	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		event_base_dispatch(base);
		_exit(0);
	}
	fd = ctl_connect(sock_path);
	ck_assert_int_ne(fd, -1);
	args = json_pack("{s:s}", "k", "v");
	ck_assert_int_eq(ctl_call(fd, "test echo", args, &r, err,
	    sizeof(err)), 0);
	ck_assert(json_equal(args, r));
	json_decref(r);
	ck_assert_int_eq(ctl_call(fd, "test fail", NULL, &r, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "failed as asked");
	json_decref(args);
	close(fd);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
END_TEST

Suite *
ctl_suite(void)
{
	Suite *s = suite_create("ctl");
	TCase *tc = tcase_create("requests");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, echo_args);
	tcase_add_test(tc, errors_keep_connection);
	tcase_add_test(tc, help_lists_commands);
	tcase_add_test(tc, pipelined_in_order);
	tcase_add_test(tc, request_in_pieces);
	tcase_add_test(tc, random_lines);
	tcase_add_test(tc, oversize_without_newline);
	tcase_add_test(tc, oversize_with_newline);
	tcase_add_test(tc, request_at_limit);
	tcase_add_test(tc, slow_reader);
	tcase_add_test(tc, many_clients);
	tcase_add_test(tc, client_limit);
	tcase_add_test(tc, client_gone_before_reply);
	tcase_add_test(tc, call_over_socket);
	suite_add_tcase(s, tc);
	tc = tcase_create("socket");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, socket_mode_and_unlink);
	tcase_add_test(tc, live_socket_refused);
	tcase_add_test(tc, stale_socket_replaced);
	tcase_add_test(tc, not_a_socket_refused);
	tcase_add_test(tc, missing_directory_made);
	suite_add_tcase(s, tc);
	return s;
}
