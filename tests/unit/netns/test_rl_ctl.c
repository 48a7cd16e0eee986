/*
 * dom0/rl_ctl.c over a socketpair: the test plays the routelet, writing
 * its answers (routelet/proto.h framing) before the call that reads them
 * and checking what the controller sent.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dom0/rl_ctl.h"
#include "suites.h"

static int peer;
static struct rl_ctl *ctl;

static void
setup(void)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(rl_ctl_open_fd(sv[0], &ctl), 0);
	peer = sv[1];
}

static void
teardown(void)
{
	rl_ctl_close(ctl);
	if (peer != -1)
		close(peer);
}

/* The routelet sends a message of 'type' with text 'p'. */
static void
answer(uint8_t type, const char *p)
{
	uint8_t buf[RL_MSG_MAX];
	ssize_t n;

	n = rl_msg_encode(type, p, strlen(p), buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(write(peer, buf, (size_t)n), n);
}

/* Read what the controller sent: one message, its type and payload. */
static void
expect(uint8_t type, const char *p)
{
	uint8_t buf[RL_MSG_MAX];
	struct rl_msg msg;
	ssize_t n;

	n = read(peer, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(rl_msg_decode(buf, (size_t)n, &msg), n);
	ck_assert_uint_eq(msg.type, type);
	ck_assert_uint_eq(msg.len, strlen(p));
	ck_assert_mem_eq(msg.payload, p, msg.len);
}

static const char cfg[] = "generation 5\nin-label 1000\n";

START_TEST(configure_ok_skips_unasked_counters)
{
	uint64_t gen = 0;

	answer(RL_MSG_COUNTERS, "generation 4\nrx 10\n");
	answer(RL_MSG_OK, "generation 5");
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, &gen,
	    NULL, 0), 0);
	ck_assert_uint_eq(gen, 5);
	expect(RL_MSG_CONFIG, cfg);
}
END_TEST

START_TEST(configure_error_gives_reason)
{
	char err[64];

	answer(RL_MSG_ERROR, "line 2: missing key 'rate'");
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, NULL,
	    err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 2: missing key 'rate'");
	/* a short buffer gets the reason cut, NUL-ended */
	answer(RL_MSG_ERROR, "line 2: missing key 'rate'");
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, NULL,
	    err, 7), -EINVAL);
	ck_assert_str_eq(err, "line 2");
}
END_TEST

START_TEST(configure_timeout_hangup_malformed)
{
	uint8_t bad[RL_MSG_HLEN] = { 9, 2, 0, 0, 0, 0, 0, 0 };

	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 50, NULL,
	    NULL, 0), -ETIMEDOUT);
	answer(RL_MSG_OK, "generation x");
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, NULL,
	    NULL, 0), -EPROTO);
	ck_assert_int_eq(write(peer, bad, sizeof(bad)), (ssize_t)sizeof(bad));
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, NULL,
	    NULL, 0), -EPROTO);
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, 0, 1000, NULL, NULL, 0),
	    -EMSGSIZE);
}
END_TEST

START_TEST(configure_peer_gone)
{
	close(peer);
	peer = -1;
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, NULL,
	    NULL, 0), -EPIPE);
}
END_TEST

START_TEST(answer_split_across_reads)
{
	uint8_t buf[RL_MSG_MAX];
	uint64_t gen = 0;
	ssize_t n;

	n = rl_msg_encode(RL_MSG_OK, "generation 77", 13, buf, sizeof(buf));
	ck_assert_int_eq(write(peer, buf, 3), 3);
	ck_assert_int_eq(rl_ctl_drain(ctl), 0);
	ck_assert_int_eq(write(peer, buf + 3, (size_t)n - 3), n - 3);
	ck_assert_int_eq(rl_ctl_configure(ctl, cfg, strlen(cfg), 1000, &gen,
	    NULL, 0), 0);
	ck_assert_uint_eq(gen, 77);
}
END_TEST

START_TEST(counters_asked_and_parsed)
{
	char text[256];
	uint64_t v;

	answer(RL_MSG_COUNTERS, "generation 1\nrx 3\n");
	ck_assert_int_eq(rl_ctl_drain(ctl), 0);
	answer(RL_MSG_COUNTERS, "generation 2\nrx 12\ntx 11\n");
	ck_assert_int_eq(rl_ctl_counters(ctl, 1000, text, sizeof(text)), 0);
	expect(RL_MSG_COUNTERS_GET, "");
	ck_assert_int_eq(rl_ctl_counter(text, strlen(text), "tx", &v), 0);
	ck_assert_uint_eq(v, 11);
	ck_assert_int_eq(rl_ctl_counter(text, strlen(text), "rx", &v), 0);
	ck_assert_uint_eq(v, 12);
	ck_assert_int_eq(rl_ctl_counter(text, strlen(text), "t", &v),
	    -ENOENT);
	ck_assert_int_eq(rl_ctl_counter("rx 1x\n", 6, "rx", &v), -EPROTO);
	ck_assert_int_eq(rl_ctl_counter("rx 99999999999999999999", 23, "rx",
	    &v), -EPROTO);
}
END_TEST

START_TEST(connect_to_listener_and_timeout)
{
	char path[64];
	struct rl_ctl *c2;

	snprintf(path, sizeof(path), "/tmp/test_rl_ctl.%d.sock", getpid());
	unlink(path);
	ck_assert_int_eq(rl_ctl_connect(path, 50, &c2), -ETIMEDOUT);
	{
		struct sockaddr_un sun;
		int l = socket(AF_UNIX, SOCK_STREAM, 0);

		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		strcpy(sun.sun_path, path);
		ck_assert_int_eq(bind(l, (struct sockaddr *)&sun,
		    sizeof(sun)), 0);
		ck_assert_int_eq(listen(l, 1), 0);
		ck_assert_int_eq(rl_ctl_connect(path, 1000, &c2), 0);
		ck_assert_int_ge(rl_ctl_fd(c2), 0);
		rl_ctl_close(c2);
		close(l);
		unlink(path);
	}
}
END_TEST

Suite *
rl_ctl_suite(void)
{
	Suite *s = suite_create("rl_ctl");
	TCase *tc = tcase_create("rl_ctl");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, configure_ok_skips_unasked_counters);
	tcase_add_test(tc, configure_error_gives_reason);
	tcase_add_test(tc, configure_timeout_hangup_malformed);
	tcase_add_test(tc, configure_peer_gone);
	tcase_add_test(tc, answer_split_across_reads);
	tcase_add_test(tc, counters_asked_and_parsed);
	tcase_add_test(tc, connect_to_listener_and_timeout);
	suite_add_tcase(s, tc);
	return s;
}
