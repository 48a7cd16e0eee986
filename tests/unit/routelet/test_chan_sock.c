#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "routelet/chan_sock.h"
#include "suites.h"

static struct chan_sock ch;
static struct rl_fwd fwd;
static int ctl = -1;	/* the controller's end */

static void
setup(void)
{
	int sv[2];

	/* The routelet's end does not block, as accept4 makes it. */
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(fcntl(sv[0], F_SETFL, O_NONBLOCK), 0);
	chan_sock_init(&ch);
	chan_sock_attach(&ch, sv[0]);
	ctl = sv[1];
	rl_fwd_init(&fwd);
}

static void
teardown(void)
{
	chan_sock_close(&ch);
	close(ctl);
}

/* Send a message of 'type' with 'payload' from the controller's end. */
static void
ctl_send(uint8_t type, const char *payload)
{
	uint8_t buf[RL_MSG_MAX];
	ssize_t n;

	n = rl_msg_encode(type, payload, strlen(payload), buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(write(ctl, buf, (size_t)n), n);
}

/*
 * Read exactly one message at the controller's end into 'buf' and decode
 * it into 'm', leaving any next message in the socket.
 */
static void
ctl_recv(struct rl_msg *m, uint8_t *buf, size_t cap)
{
	uint32_t plen;

	ck_assert_int_eq(recv(ctl, buf, RL_MSG_HLEN, MSG_WAITALL),
	    RL_MSG_HLEN);
	plen = (uint32_t)buf[4] << 24 | (uint32_t)buf[5] << 16 |
	    (uint32_t)buf[6] << 8 | buf[7];
	ck_assert_uint_le(RL_MSG_HLEN + plen, cap - 1);
	if (plen > 0)
		ck_assert_int_eq(recv(ctl, buf + RL_MSG_HLEN, plen,
		    MSG_WAITALL), (ssize_t)plen);
	ck_assert_int_eq(rl_msg_decode(buf, RL_MSG_HLEN + plen, m),
	    (ssize_t)(RL_MSG_HLEN + plen));
}

static const char cfg_text[] =
    "generation 42\nin-label 1000\nout-label 2000\n"
    "nexthop-mac 02:00:00:00:00:02\nsource-mac 02:00:00:00:00:01\n"
    "rate 1000\nbucket 3000\npeak inf\nmin-unit 64\nmax-size 1500\n";

START_TEST(config_applied_and_acknowledged)
{
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg m;

	ctl_send(RL_MSG_CONFIG, cfg_text);
	chan_sock_input(&ch, &fwd, 0);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_OK);
	ck_assert_uint_eq(m.len, 13);
	ck_assert_mem_eq(m.payload, "generation 42", 13);
	ck_assert(fwd.configured);
	ck_assert_uint_eq(fwd.cfg.in_label, 1000);
	ck_assert_uint_eq(fwd.cfg.generation, 42);
}
END_TEST

START_TEST(bad_config_refused_with_line)
{
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg m;
	static const char msg[] = "line 2: unknown key 'colour'";

	ctl_send(RL_MSG_CONFIG, "generation 1\ncolour blue\n");
	chan_sock_input(&ch, &fwd, 0);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_ERROR);
	ck_assert_uint_eq(m.len, sizeof(msg) - 1);
	ck_assert_mem_eq(m.payload, msg, sizeof(msg) - 1);
	ck_assert(!fwd.configured);
	/* The controller stays connected. */
	ck_assert_int_ge(ch.conn_fd, 0);
}
END_TEST

START_TEST(counters_on_request)
{
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg m;

	fwd.cnt.rx_packets = 5;
	ctl_send(RL_MSG_COUNTERS_GET, "");
	chan_sock_input(&ch, &fwd, 0);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_COUNTERS);
	buf[RL_MSG_HLEN + m.len] = '\0';
	ck_assert_ptr_nonnull(strstr((const char *)m.payload,
	    "rx-packets 5\n"));
	/* And pushed unasked. */
	chan_sock_push_counters(&ch, &fwd);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_COUNTERS);
}
END_TEST

START_TEST(split_and_joined_messages)
{
	uint8_t out[2 * RL_MSG_MAX], buf[RL_MSG_MAX];
	struct rl_msg m;
	ssize_t n1, n2;

	/* A config cut in two writes, then a counter request glued to it. */
	n1 = rl_msg_encode(RL_MSG_CONFIG, cfg_text, strlen(cfg_text), out,
	    sizeof(out));
	n2 = rl_msg_encode(RL_MSG_COUNTERS_GET, NULL, 0, out + n1,
	    sizeof(out) - (size_t)n1);
	ck_assert_int_eq(write(ctl, out, 5), 5);
	chan_sock_input(&ch, &fwd, 0);
	ck_assert(!fwd.configured);
	ck_assert_int_eq(write(ctl, out + 5, (size_t)(n1 + n2 - 5)),
	    n1 + n2 - 5);
	chan_sock_input(&ch, &fwd, 0);
	ck_assert(fwd.configured);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_OK);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_COUNTERS);
	ck_assert_uint_eq(ch.inlen, 0);
}
END_TEST

START_TEST(malformed_message_drops_controller)
{
	static const uint8_t bad[RL_MSG_HLEN] = { 9, 1, 0, 0, 0, 0, 0, 0 };
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg m;

	ck_assert_int_eq(write(ctl, bad, sizeof(bad)), (ssize_t)sizeof(bad));
	chan_sock_input(&ch, &fwd, 0);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_ERROR);
	ck_assert_int_eq(ch.conn_fd, -1);
	ck_assert_int_eq(read(ctl, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(unexpected_type_answered)
{
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg m;

	ctl_send(RL_MSG_OK, "generation 1");
	chan_sock_input(&ch, &fwd, 0);
	ctl_recv(&m, buf, sizeof(buf));
	ck_assert_uint_eq(m.type, RL_MSG_ERROR);
	ck_assert_int_ge(ch.conn_fd, 0);
}
END_TEST

START_TEST(controller_close_noticed)
{
	close(ctl);
	ctl = -1;
	chan_sock_input(&ch, &fwd, 0);
	ck_assert_int_eq(ch.conn_fd, -1);
	/* Pushing with nobody there is harmless. */
	chan_sock_push_counters(&ch, &fwd);
}
END_TEST

static int
connect_to(const char *path)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	return fd;
}

START_TEST(listens_0600_and_serves_one)
{
	struct chan_sock l, l2;
	struct stat st;
	char path[64];
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg m;
	ssize_t n;
	int a, b;

	snprintf(path, sizeof(path), "/tmp/rlt-unit-%d.sock", (int)getpid());
	chan_sock_init(&l);
	/* A stale socket file is replaced. */
	ck_assert_int_eq(chan_sock_listen(&l, path), 0);
	close(l.listen_fd);
	chan_sock_init(&l);
	ck_assert_int_eq(chan_sock_listen(&l, path), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	/* A live one is not taken over. */
	chan_sock_init(&l2);
	ck_assert_int_eq(chan_sock_listen(&l2, path), -1);
	ck_assert_int_eq(stat(path, &st), 0);
	/* Its probe looks like a controller that came and went. */
	chan_sock_accept(&l);
	ck_assert_int_ge(l.conn_fd, 0);
	chan_sock_input(&l, &fwd, 0);
	ck_assert_int_eq(l.conn_fd, -1);

	a = connect_to(path);
	chan_sock_accept(&l);
	ck_assert_int_ge(l.conn_fd, 0);
	b = connect_to(path);
	chan_sock_accept(&l);
	n = read(b, buf, sizeof(buf));
	ck_assert_int_eq(rl_msg_decode(buf, (size_t)n, &m), n);
	ck_assert_uint_eq(m.type, RL_MSG_ERROR);
	ck_assert_int_eq(read(b, buf, sizeof(buf)), 0);

	/* The first one goes; the next one is served. */
	close(a);
	chan_sock_input(&l, &fwd, 0);
	ck_assert_int_eq(l.conn_fd, -1);
	a = connect_to(path);
	chan_sock_accept(&l);
	ck_assert_int_ge(l.conn_fd, 0);

	chan_sock_close(&l);
	ck_assert_int_eq(stat(path, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	close(a);
	close(b);
}
END_TEST

START_TEST(listen_path_too_long)
{
	struct chan_sock l;
	char path[200];

	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	chan_sock_init(&l);
	ck_assert_int_eq(chan_sock_listen(&l, path), -1);
	ck_assert_int_eq(l.listen_fd, -1);
}
END_TEST

Suite *
chan_sock_suite(void)
{
	Suite *s = suite_create("chan_sock");
	TCase *tc = tcase_create("socketpair");
	TCase *tl = tcase_create("listen");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, config_applied_and_acknowledged);
	tcase_add_test(tc, bad_config_refused_with_line);
	tcase_add_test(tc, counters_on_request);
	tcase_add_test(tc, split_and_joined_messages);
	tcase_add_test(tc, malformed_message_drops_controller);
	tcase_add_test(tc, unexpected_type_answered);
	tcase_add_test(tc, controller_close_noticed);
	suite_add_tcase(s, tc);
	tcase_add_test(tl, listens_0600_and_serves_one);
	tcase_add_test(tl, listen_path_too_long);
	suite_add_tcase(s, tl);
	return s;
}
