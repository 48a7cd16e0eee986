/*
 * quasarctl's pool, routelet and flow commands: arguments of "pool
 * resize" and the printers, on canned replies (docs/ctl-protocol.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/quasarctl_local.h"
#include "suites.h"

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

/* What 'print' writes for the reply 'json'. */
static char *
printed(void (*print)(FILE *, json_t *), const char *json)
{
	json_error_t e;
	json_t *reply = json_loads(json, 0, &e);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ck_assert_msg(reply != NULL, "bad canned JSON: %s", e.text);
	ck_assert_ptr_nonnull(out);
	print(out, reply);
	fclose(out);
	json_decref(reply);
	return buf;
}

START_TEST(resize_args)
{
	static char *a1[] = { "2", "8" };
	static char *a2[] = { "max", "8", "min", "1", "max-idle", "3" };
	static char *a3[] = { "2" };
	static char *a4[] = { "2", "-1" };
	static char *a5[] = { "2", "3000000000" };
	const struct qc_cmd *c = cmd("pool resize");
	char err[128];
	json_t *args;

	ck_assert_int_eq(qc_args_parse(c, 2, a1, &args, err, sizeof(err)), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(args,
	    "min_idle")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(args,
	    "max_total")), 8);
	ck_assert_ptr_null(json_object_get(args, "max_idle"));
	json_decref(args);
	ck_assert_int_eq(qc_args_parse(c, 6, a2, &args, err, sizeof(err)), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(args,
	    "max_idle")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(args,
	    "min_idle")), 1);
	json_decref(args);
	ck_assert_int_eq(qc_args_parse(c, 1, a3, &args, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "missing max");
	ck_assert_int_eq(qc_args_parse(c, 2, a4, &args, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "max: \"-1\" is not a number from 0 to "
	    "2147483647");
	ck_assert_int_eq(qc_args_parse(c, 2, a5, &args, err, sizeof(err)), -1);
}
END_TEST

/* Prefixes over quasarctl's own table, in its order (quasarctl.c). */
START_TEST(match_objects)
{
	const char *names[64];
	static char *w1[] = { "pool" };
	static char *w2[] = { "po", "res" };
	static char *w3[] = { "r" };
	static char *w4[] = { "f", "l" };
	static char *w5[] = { "pool", "grow" };
	size_t idx, i, n = 0;
	int used;
	char err[128];

	for (i = 0; i < qc_ncmds && n < 64; i++)
		names[n++] = qc_cmds[i].name;
	/* "pool" alone: its first command, show (it has no "list"). */
	ck_assert_int_eq(qc_match(names, n, 1, w1, &idx, &used, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(names[idx], "pool show");
	ck_assert_int_eq(qc_match(names, n, 2, w2, &idx, &used, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(names[idx], "pool resize");
	ck_assert_int_eq(used, 2);
	ck_assert_int_eq(qc_match(names, n, 1, w3, &idx, &used, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(names[idx], "routelet list");
	ck_assert_int_eq(qc_match(names, n, 2, w4, &idx, &used, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(names[idx], "flow list");
	ck_assert_int_eq(qc_match(names, n, 2, w5, &idx, &used, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "unknown command \"grow\" for pool; try "
	    "\"quasarctl pool help\"");
}
END_TEST

START_TEST(print_pool_show)
{
	char *s = printed(qc_print_pool_show,
	    "{\"backend\": \"netns\", \"min_idle\": 2, \"max_idle\": 4,"
	    " \"max_total\": 16, \"routelets\": {\"creating\": 0,"
	    " \"adopted\": 0, \"idle\": 2, \"assigned\": 1, \"draining\": 0,"
	    " \"dead\": 0}, \"counters\": {\"created\": 3, \"died\": 1}}");

	ck_assert_str_eq(s,
	    "backend netns: min-idle 2, max-idle 4, max-total 16\n"
	    "routelets: 0 creating, 0 adopted, 2 idle, 1 assigned, "
	    "0 draining, 0 dead\n"
	    "counters:\n"
	    "  created  3\n"
	    "  died     1\n");
	free(s);
	/* Not the expected shape: printed generically. */
	s = printed(qc_print_pool_show, "[1, 2]");
	ck_assert_str_eq(s, "1\n2\n");
	free(s);
}
END_TEST

START_TEST(print_routelet_list)
{
	char *s = printed(qc_print_routelet_list,
	    "[{\"id\": 0, \"state\": \"assigned\", \"interface\": \"rl0\","
	    " \"ifindex\": 41, \"owned\": true, \"flow\": \"10.0.2.2 7/1\","
	    " \"flow_label\": 1001, \"cpu_percent\": 2.5,"
	    " \"mem_bytes\": 33554432, \"cpuset\": null,"
	    " \"cpu_ns\": 1500000000, \"backend\": \"netns\","
	    " \"counters\": {\"rx_packets\": 20, \"tx_packets\": 18,"
	    " \"policed_packets\": 2}},"
	    " {\"id\": 1, \"state\": \"idle\", \"interface\": null,"
	    " \"ifindex\": 42, \"owned\": false, \"flow\": null,"
	    " \"cpu_percent\": null, \"mem_bytes\": 1536, \"cpuset\": \"1\","
	    " \"cpu_ns\": null, \"counters\": null}]");

	ck_assert_str_eq(s,
	    "ID  STATE     IF   FLOW          LABEL  CPU   MEM   CPUSET  "
	    "CPU-TIME  RX  TX  POLICED  BACKEND\n"
	    "0   assigned  rl0  10.0.2.2 7/1  1001   2.5%  32M   -       "
	    "1.50s     20  18  2        netns\n"
	    "1   idle      42   -             -      -     1.5K  1       "
	    "-         -   -   -        -\n");
	free(s);
}
END_TEST

START_TEST(print_flow_list)
{
	char *s = printed(qc_print_flow_list,
	    "[{\"endpoint\": \"10.0.2.2\", \"tunnel_id\": 7, \"lsp_id\": 1,"
	    " \"sender\": \"10.0.0.1\", \"name\": \"video\","
	    " \"service\": \"controlled-load\", \"rate\": 250000.0,"
	    " \"routelet\": 3, \"in_label\": 1001, \"out_label\": 3,"
	    " \"class\": \"1:10\", \"steered_packets\": 100,"
	    " \"delivered_packets\": 98, \"policed_packets\": 2,"
	    " \"restored\": false}]");

	ck_assert_str_eq(s,
	    "ENDPOINT  TUNNEL  LSP  SENDER    NAME   SERVICE          RATE   "
	    "ROUTELET  IN    OUT       CLASS  STEERED  DELIVERED  POLICED  "
	    "RESTORED\n"
	    "10.0.2.2  7       1    10.0.0.1  video  controlled-load  2Mbit  "
	    "3         1001  imp-null  1:10   100      98         2        "
	    "no\n");
	free(s);
}
END_TEST

Suite *
quasarctl_flowops_suite(void)
{
	Suite *s = suite_create("quasarctl_flowops");
	TCase *tc = tcase_create("quasarctl_flowops");

	tcase_add_test(tc, resize_args);
	tcase_add_test(tc, match_objects);
	tcase_add_test(tc, print_pool_show);
	tcase_add_test(tc, print_routelet_list);
	tcase_add_test(tc, print_flow_list);
	suite_add_tcase(s, tc);
	return s;
}
