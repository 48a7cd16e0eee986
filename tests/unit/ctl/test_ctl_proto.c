/*
 * lib/ctl_proto.c: request and reply lines, and a call over a socketpair
 * against a peer that answers with canned bytes.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "lib/ctl_proto.h"
#include "suites.h"

#define PARSE(s, cmd, args, err) \
	ctl_req_parse((s), strlen(s), (cmd), (args), (err), sizeof(err))

START_TEST(req_roundtrip)
{
	char cmd[CTL_CMD_MAX], err[128];
	json_t *args = json_pack("{s:s, s:i}", "name", "t1", "n", 7), *got;
	char *line;
	size_t len;

	line = ctl_req_format("session show", args, &len);
	ck_assert_ptr_nonnull(line);
	ck_assert_uint_eq(len, strlen(line));
	ck_assert_int_eq(line[len - 1], '\n');
	ck_assert_ptr_null(memchr(line, '\n', len - 1));
	ck_assert_int_eq(ctl_req_parse(line, len - 1, cmd, &got, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(cmd, "session show");
	ck_assert(json_equal(args, got));
	json_decref(got);
	json_decref(args);
	free(line);
}
END_TEST

START_TEST(req_without_args)
{
	char cmd[CTL_CMD_MAX], err[128];
	json_t *args;

	ck_assert_int_eq(PARSE("{\"cmd\":\"stats\"}", cmd, &args, err), 0);
	ck_assert(json_is_object(args));
	ck_assert_uint_eq(json_object_size(args), 0);
	json_decref(args);
	ck_assert_int_eq(PARSE("{\"cmd\":\"stats\",\"args\":null}", cmd,
	    &args, err), 0);
	ck_assert(json_is_object(args));
	json_decref(args);
}
END_TEST

START_TEST(req_refused)
{
	static const char *bad[] = {
		"", "garbage", "[1,2]", "\"stats\"", "{}", "{\"cmd\":3}",
		"{\"cmd\":\"\"}", "{\"cmd\":\"stats\",\"args\":[1]}",
		"{\"cmd\":\"stats\",\"cmd\":\"x\"}",
		"{\"cmd\":\"a\\u0000b\"}",
		"{\"cmd\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaa\"}",
		"{\"cmd\":\"stats\"", NULL,
	};
	char cmd[CTL_CMD_MAX], err[128];
	json_t *args;
	int i;

	for (i = 0; bad[i] != NULL; i++) {
		err[0] = '\0';
		ck_assert_msg(PARSE(bad[i], cmd, &args, err) == -1, "%s",
		    bad[i]);
		ck_assert_msg(err[0] != '\0', "no message for %s", bad[i]);
	}
}
END_TEST

START_TEST(req_format_long_cmd)
{
	char name[CTL_CMD_MAX + 1];
	size_t len;

	memset(name, 'a', CTL_CMD_MAX);
	name[CTL_CMD_MAX] = '\0';
	ck_assert_ptr_null(ctl_req_format(name, NULL, &len));
}
END_TEST

START_TEST(reply_ok_and_error)
{
	json_t *r = json_pack("{s:[i,i]}", "x", 1, 2), *got = NULL;
	char err[128], *line;
	size_t len;

	line = ctl_reply_format(r, NULL, &len);
	ck_assert_int_eq(ctl_reply_parse(line, len - 1, &got, err,
	    sizeof(err)), 0);
	ck_assert(json_equal(r, got));
	json_decref(got);
	free(line);

	line = ctl_reply_format(NULL, NULL, &len);
	ck_assert_str_eq(line, "{\"ok\":true,\"reply\":null}\n");
	ck_assert_int_eq(ctl_reply_parse(line, len - 1, &got, err,
	    sizeof(err)), 0);
	ck_assert(json_is_null(got));
	free(line);

	line = ctl_reply_format(r, "no such session \"t9\"", &len);
	ck_assert_int_eq(ctl_reply_parse(line, len - 1, &got, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "no such session \"t9\"");
	free(line);
	json_decref(r);
}
END_TEST

START_TEST(reply_refused)
{
	static const char *bad[] = {
		"", "nope", "{}", "{\"ok\":1}", "[true]", NULL,
	};
	char err[128];
	json_t *got;
	int i;

	for (i = 0; bad[i] != NULL; i++)
		ck_assert_int_eq(ctl_reply_parse(bad[i], strlen(bad[i]), &got,
		    err, sizeof(err)), -1);
	ck_assert_int_eq(ctl_reply_parse("{\"ok\":false}", 12, &got, err,
	    sizeof(err)), 1);
	ck_assert_str_eq(err, "error without a message");
}
END_TEST

/*
 * A peer on 'sv[1]' that reads one request line and writes 'answer' (in
 * pieces of 'chunk' bytes), then closes.
 */
static pid_t
canned_peer(int sv[2], const char *answer, size_t chunk)
{
	char buf[4096];
	size_t off, n;
	ssize_t r;
	pid_t pid;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid != 0) {
		close(sv[1]);
		return pid;
	}
	close(sv[0]);
	while ((r = read(sv[1], buf, sizeof(buf))) > 0)
		if (memchr(buf, '\n', (size_t)r) != NULL)
			break;
	for (off = 0; answer[off] != '\0'; off += n) {
		n = strlen(answer + off);
		if (n > chunk)
			n = chunk;
		if (write(sv[1], answer + off, n) != (ssize_t)n)
			_exit(1);
	}
	_exit(0);
}

START_TEST(call_reply_in_pieces)
{
	char err[128];
	json_t *got;
	int sv[2];
	pid_t pid;

	pid = canned_peer(sv, "{\"ok\":true,\"reply\":{\"n\":42}}\n", 3);
	ck_assert_int_eq(ctl_call(sv[0], "stats", NULL, &got, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(got, "n")), 42);
	json_decref(got);
	close(sv[0]);
	waitpid(pid, NULL, 0);
}
END_TEST

START_TEST(call_peer_closes)
{
	char err[128];
	json_t *got;
	int sv[2];
	pid_t pid;

	pid = canned_peer(sv, "{\"ok\":true", 100);
	ck_assert_int_eq(ctl_call(sv[0], "stats", NULL, &got, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "connection closed by quasard");
	close(sv[0]);
	waitpid(pid, NULL, 0);
}
END_TEST

START_TEST(connect_errors)
{
	char path[200];

	memset(path, 'x', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	ck_assert_int_eq(ctl_connect(path), -1);
	ck_assert_int_eq(errno, ENAMETOOLONG);
	ck_assert_int_eq(ctl_connect("/nonexistent/quasard.sock"), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

Suite *
ctl_proto_suite(void)
{
	Suite *s = suite_create("ctl_proto");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, req_roundtrip);
	tcase_add_test(tc, req_without_args);
	tcase_add_test(tc, req_refused);
	tcase_add_test(tc, req_format_long_cmd);
	tcase_add_test(tc, reply_ok_and_error);
	tcase_add_test(tc, reply_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("call");
	tcase_add_test(tc, call_reply_in_pieces);
	tcase_add_test(tc, call_peer_closes);
	tcase_add_test(tc, connect_errors);
	suite_add_tcase(s, tc);
	return s;
}
