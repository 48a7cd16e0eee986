/*
 * dom0/ctl_cmd.c: the command registry, without sockets.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dom0/ctl_local.h"
#include "suites.h"

static int
h_name(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)
{
	(void)args;
	(void)err;
	(void)errlen;
	*reply_r = json_string(arg);
	return 0;
}

START_TEST(register_and_run)
{
	static char names[][16] = {
		"stats", "session show", "lsp list", "session list",
		"neighbor list", "label list", "a-b c_d 9", "",
	};
	struct ctl c;
	char err[128];
	json_t *r, *args = json_object();
	int i;

	memset(&c, 0, sizeof(c));
	for (i = 0; names[i][0] != '\0'; i++)
		ck_assert_int_eq(ctl_register(&c, names[i], h_name, names[i]),
		    0);
	for (i = 1; i < (int)c.ncmds; i++)
		ck_assert_int_lt(strcmp(c.cmds[i - 1].name, c.cmds[i].name), 0);
	for (i = 0; names[i][0] != '\0'; i++) {
		ck_assert_int_eq(ctl_cmd_run(&c, names[i], args, &r, err,
		    sizeof(err)), 0);
		ck_assert_str_eq(json_string_value(r), names[i]);
		json_decref(r);
	}
	ck_assert_int_eq(ctl_cmd_run(&c, "session", args, &r, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "unknown command \"session\"");
	ck_assert_ptr_null(r);
	json_decref(args);
	ctl_cmd_free_all(&c);
}
END_TEST

START_TEST(register_refused)
{
	static const char *bad[] = {
		"", " stats", "stats ", "session  list", "Session", "help",
		"stats\n", "a/b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaa", NULL,
	};
	struct ctl c;
	int i;

	memset(&c, 0, sizeof(c));
	for (i = 0; bad[i] != NULL; i++) {
		errno = 0;
		ck_assert_msg(ctl_register(&c, bad[i], h_name, NULL) == -1,
		    "accepted \"%s\"", bad[i]);
		ck_assert_int_eq(errno, EINVAL);
	}
	ck_assert_int_eq(ctl_register(&c, "stats", NULL, NULL), -1);
	ck_assert_int_eq(ctl_register(&c, "stats", h_name, NULL), 0);
	ck_assert_int_eq(ctl_register(&c, "stats", h_name, NULL), -1);
	ck_assert_int_eq(errno, EEXIST);
	ck_assert_uint_eq(c.ncmds, 1);
	ctl_cmd_free_all(&c);
}
END_TEST

START_TEST(unregister)
{
	static char a[] = "a", b[] = "b", cc[] = "c";
	struct ctl c;
	char err[128];
	json_t *r, *args = json_object();

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(ctl_register(&c, "a", h_name, a), 0);
	ck_assert_int_eq(ctl_register(&c, "b", h_name, b), 0);
	ck_assert_int_eq(ctl_register(&c, "c", h_name, cc), 0);
	ck_assert_int_eq(ctl_unregister(&c, "b"), 0);
	ck_assert_int_eq(ctl_unregister(&c, "b"), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(ctl_cmd_run(&c, "b", args, &r, err, sizeof(err)), -1);
	ck_assert_int_eq(ctl_cmd_run(&c, "c", args, &r, err, sizeof(err)), 0);
	ck_assert_str_eq(json_string_value(r), "c");
	json_decref(r);
	json_decref(args);
	ctl_cmd_free_all(&c);
}
END_TEST

/* Enough names to grow the array several times, in reverse order. */
START_TEST(many_commands)
{
	struct ctl c;
	char name[32], err[128];
	json_t *r, *args = json_object();
	int i;

	memset(&c, 0, sizeof(c));
	for (i = 999; i >= 0; i--) {
		snprintf(name, sizeof(name), "obj%03d list", i);
		ck_assert_int_eq(ctl_register(&c, name, h_name, NULL), 0);
	}
	ck_assert_uint_eq(c.ncmds, 1000);
	ck_assert_str_eq(c.cmds[0].name, "obj000 list");
	ck_assert_str_eq(c.cmds[999].name, "obj999 list");
	ck_assert_int_eq(ctl_cmd_run(&c, "help", args, &r, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(json_array_size(json_object_get(r, "commands")),
	    1001);
	json_decref(r);
	json_decref(args);
	ctl_cmd_free_all(&c);
}
END_TEST

Suite *
ctl_cmd_suite(void)
{
	Suite *s = suite_create("ctl_cmd");
	TCase *tc = tcase_create("registry");

	tcase_add_test(tc, register_and_run);
	tcase_add_test(tc, register_refused);
	tcase_add_test(tc, unregister);
	tcase_add_test(tc, many_commands);
	suite_add_tcase(s, tc);
	return s;
}
