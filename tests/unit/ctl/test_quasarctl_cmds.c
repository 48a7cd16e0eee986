/*
 * dom0/quasarctl_cmds.c: prefix matching of objects and commands, and
 * argument parsing.
 */
#include <string.h>

#include "dom0/quasarctl_local.h"
#include "suites.h"

static const char *const names[] = {
	"session list", "session show", "lsp list", "label list",
	"neighbor list", "stats",
};
#define NNAMES	(sizeof(names) / sizeof(names[0]))

/* Match the words of 'line' (at most 8); the index, -1 or -2. */
static int
match(const char *line, int *used_r)
{
	char buf[128], *words[8], err[128];
	int n = 0, r;
	size_t idx;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *w = strtok(buf, " "); w != NULL && n < 8;
	    w = strtok(NULL, " "))
		words[n++] = w;
	r = qc_match(names, NNAMES, n, words, &idx, used_r, err,
	    sizeof(err));
	if (r == 1)
		return -2;
	if (r == -1) {
		ck_assert(strstr(err, "unknown command") != NULL);
		return -1;
	}
	return (int)idx;
}

START_TEST(prefixes)
{
	int used;

	ck_assert_int_eq(match("session list", &used), 0);
	ck_assert_int_eq(used, 2);
	ck_assert_int_eq(match("s l", &used), 0);
	ck_assert_int_eq(match("se sh 10.0.0.1 7", &used), 1);
	ck_assert_int_eq(used, 2);
	/* "l" is lsp, the first object in table order (as ip). */
	ck_assert_int_eq(match("l l", &used), 2);
	ck_assert_int_eq(match("la", &used), 3);
	ck_assert_int_eq(match("n", &used), 4);
	ck_assert_int_eq(used, 1);
	ck_assert_int_eq(match("neighbor list", &used), 4);
	/* The other spelling, as ip(8). */
	ck_assert_int_eq(match("neighbour list", &used), 4);
	ck_assert_int_eq(match("neighbou", &used), 4);
	ck_assert_int_eq(match("neighbours", &used), -2);
	ck_assert_int_eq(match("st", &used), 5);
	ck_assert_int_eq(used, 1);
	/* A one-word command leaves the rest as arguments. */
	ck_assert_int_eq(match("stats extra", &used), 5);
	ck_assert_int_eq(used, 1);
	/* The object alone is its list. */
	ck_assert_int_eq(match("session", &used), 0);
	ck_assert_int_eq(used, 1);
}
END_TEST

START_TEST(no_match)
{
	int used;

	ck_assert_int_eq(match("sessions", &used), -2);
	ck_assert_int_eq(match("x", &used), -2);
	ck_assert_int_eq(match("", &used), -2);
	ck_assert_int_eq(match("session lost", &used), -1);
	ck_assert_int_eq(match("lsp show", &used), -1);
}
END_TEST

static const struct qc_cmd *
cmd(const char *name)
{
	size_t i;

	for (i = 0; i < qc_ncmds; i++)
		if (strcmp(qc_cmds[i].name, name) == 0)
			return &qc_cmds[i];
	ck_abort_msg("no %s", name);
	return NULL;
}

START_TEST(args_by_keyword_and_position)
{
	static char *a1[] = { "10.0.2.2", "7" };
	static char *a2[] = { "tun", "7", "end", "10.0.2.2", "ext",
		"10.0.1.2" };
	static char *a3[] = { "10.0.2.2", "tunnel-id", "7", "10.0.1.2" };
	const struct qc_cmd *c = cmd("session show");
	char err[128];
	json_t *args;

	ck_assert_int_eq(qc_args_parse(c, 2, a1, &args, err, sizeof(err)),
	    0);
	ck_assert_str_eq(json_string_value(json_object_get(args,
	    "endpoint")), "10.0.2.2");
	ck_assert_int_eq(json_integer_value(json_object_get(args,
	    "tunnel_id")), 7);
	ck_assert_uint_eq(json_object_size(args), 2);
	json_decref(args);
	ck_assert_int_eq(qc_args_parse(c, 6, a2, &args, err, sizeof(err)),
	    0);
	ck_assert_str_eq(json_string_value(json_object_get(args,
	    "ext_tunnel_id")), "10.0.1.2");
	json_decref(args);
	ck_assert_int_eq(qc_args_parse(c, 4, a3, &args, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(json_object_size(args), 3);
	json_decref(args);
}
END_TEST

START_TEST(args_refused)
{
	static char *missing[] = { "10.0.2.2" };
	static char *badaddr[] = { "10.0.2", "7" };
	static char *badnum[] = { "10.0.2.2", "65536" };
	static char *neg[] = { "10.0.2.2", "-1" };
	static char *extra[] = { "10.0.2.2", "7", "10.0.1.2", "x" };
	static char *twice[] = { "10.0.2.2", "endpoint", "10.0.2.3", "7" };
	static char *novalue[] = { "10.0.2.2", "tunnel-id" };
	const struct qc_cmd *c = cmd("session show");
	char err[128];
	json_t *args;

	ck_assert_int_eq(qc_args_parse(c, 1, missing, &args, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "missing tunnel-id");
	ck_assert_int_eq(qc_args_parse(c, 2, badaddr, &args, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "endpoint: \"10.0.2\" is not an IPv4 address");
	ck_assert_int_eq(qc_args_parse(c, 2, badnum, &args, err,
	    sizeof(err)), -1);
	ck_assert_int_eq(qc_args_parse(c, 2, neg, &args, err,
	    sizeof(err)), -1);
	ck_assert_int_eq(qc_args_parse(c, 4, extra, &args, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "unexpected argument \"x\"");
	ck_assert_int_eq(qc_args_parse(c, 4, twice, &args, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "endpoint given twice");
	ck_assert_int_eq(qc_args_parse(c, 2, novalue, &args, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "tunnel-id: missing value");
	/* A command without arguments takes none. */
	ck_assert_int_eq(qc_args_parse(cmd("lsp list"), 1, missing, &args,
	    err, sizeof(err)), -1);
}
END_TEST

START_TEST(args_pairs)
{
	static char *ok[] = { "name", "x", "n", "42", "neg", "-3", "e", "" };
	static char *odd[] = { "name" };
	char err[128];
	json_t *args;

	ck_assert_int_eq(qc_args_pairs(8, ok, &args, err, sizeof(err)), 0);
	ck_assert_str_eq(json_string_value(json_object_get(args, "name")),
	    "x");
	ck_assert_int_eq(json_integer_value(json_object_get(args, "n")), 42);
	ck_assert_int_eq(json_integer_value(json_object_get(args, "neg")),
	    -3);
	ck_assert_str_eq(json_string_value(json_object_get(args, "e")), "");
	json_decref(args);
	ck_assert_int_eq(qc_args_pairs(1, odd, &args, err, sizeof(err)), -1);
}
END_TEST

/* Every table entry is well formed: usage, help, a printer. */
START_TEST(table_complete)
{
	size_t i;

	for (i = 0; i < qc_ncmds; i++) {
		ck_assert_ptr_nonnull(qc_cmds[i].usage);
		ck_assert_ptr_nonnull(qc_cmds[i].help);
		ck_assert_ptr_nonnull(qc_cmds[i].print);
	}
}
END_TEST

Suite *
quasarctl_cmds_suite(void)
{
	Suite *s = suite_create("quasarctl_cmds");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, prefixes);
	tcase_add_test(tc, no_match);
	tcase_add_test(tc, args_by_keyword_and_position);
	tcase_add_test(tc, args_refused);
	tcase_add_test(tc, args_pairs);
	tcase_add_test(tc, table_complete);
	suite_add_tcase(s, tc);
	return s;
}
