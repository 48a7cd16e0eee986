/*
 * dom0/quasarctl_print.c: the tables and views quasarctl prints, byte for
 * byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/quasarctl_local.h"
#include "suites.h"

/* What 'print' writes for the JSON text 'reply'. */
static char *
render(void (*print)(FILE *, json_t *), const char *reply)
{
	json_error_t jerr;
	json_t *j = json_loads(reply, JSON_DECODE_ANY, &jerr);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_msg(j != NULL, "%s", jerr.text);
	f = open_memstream(&buf, &len);
	print(f, j);
	fclose(f);
	json_decref(j);
	return buf;
}

#define CHECK_RENDER(print, reply, want) do {				\
	char *got_ = render((print), (reply));				\
	ck_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

START_TEST(session_list)
{
	CHECK_RENDER(qc_print_session_list,
	    "[{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,"
	    "\"ext_tunnel_id\":\"10.0.1.2\",\"name\":\"video-a\",\"lsps\":1,"
	    "\"lsps_up\":1,\"age\":3725.5},"
	    "{\"endpoint\":\"10.0.2.20\",\"tunnel_id\":12,"
	    "\"ext_tunnel_id\":\"10.0.1.2\",\"name\":\"\",\"lsps\":2,"
	    "\"lsps_up\":0,\"age\":61}]",
	    "ENDPOINT   TUNNEL  EXT-ID    NAME     LSPS  UP  AGE\n"
	    "10.0.2.2   7       10.0.1.2  video-a  1     1   1h02m05s\n"
	    "10.0.2.20  12      10.0.1.2           2     0   1m01s\n");
	CHECK_RENDER(qc_print_session_list, "[]",
	    "ENDPOINT  TUNNEL  EXT-ID  NAME  LSPS  UP  AGE\n");
}
END_TEST

START_TEST(lsp_list_nulls_and_labels)
{
	CHECK_RENDER(qc_print_lsp_list,
	    "[{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,\"lsp_id\":1,"
	    "\"sender\":\"10.0.1.2\",\"name\":\"v\",\"state\":\"up\","
	    "\"in_label\":1001,\"out_label\":3,\"phop\":\"10.0.1.2\","
	    "\"nhop\":\"10.0.12.2\",\"out_ifindex\":3,"
	    "\"out_interface\":\"r1-r2\",\"style\":\"FF\"},"
	    "{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,\"lsp_id\":2,"
	    "\"sender\":\"10.0.1.2\",\"name\":\"v\",\"state\":\"wait\","
	    "\"in_label\":null,\"out_label\":0,\"phop\":\"10.0.1.2\"}]",
	    "ENDPOINT  TUNNEL  LSP  SENDER    NAME  STATE  IN    OUT       "
	    "PHOP      NHOP       OUT-IF  STYLE\n"
	    "10.0.2.2  7       1    10.0.1.2  v     up     1001  imp-null  "
	    "10.0.1.2  10.0.12.2  r1-r2   FF\n"
	    "10.0.2.2  7       2    10.0.1.2  v     wait   -     exp-null  "
	    "10.0.1.2  -          -       -\n");
}
END_TEST

START_TEST(label_list)
{
	CHECK_RENDER(qc_print_label_list,
	    "{\"labels\":[{\"label\":16,\"owner\":\"rsvp-te\","
	    "\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,\"lsp_id\":1,"
	    "\"state\":\"up\",\"action\":\"swap\",\"out_label\":17,"
	    "\"out_ifindex\":5}],"
	    "\"used\":1,\"held\":0}",
	    "LABEL  OWNER    ACTION  OUT  OUT-IF  ENDPOINT  TUNNEL  LSP  "
	    "STATE\n"
	    "16     rsvp-te  swap    17   5       10.0.2.2  7       1    up\n"
	    "1 in use, 0 held down\n");
}
END_TEST

START_TEST(neighbor_list)
{
	CHECK_RENDER(qc_print_neighbor_list,
	    "{\"interval_ms\":5000,\"dead_ms\":17500,\"neighbors\":["
	    "{\"address\":\"10.0.12.2\",\"ifindex\":999999,\"state\":\"init\","
	    "\"src_instance\":1,\"dst_instance\":0,\"last_seen_ms\":null,"
	    "\"up_ms\":null,\"restarts\":0,\"losses\":2},"
	    "{\"address\":\"10.0.13.2\",\"ifindex\":4,\"interface\":\"r1-r3\","
	    "\"state\":\"up\",\"src_instance\":2,\"dst_instance\":9,"
	    "\"last_seen_ms\":1250,\"up_ms\":61000,\"restarts\":1,"
	    "\"losses\":0}]}",
	    "Hello every 5.0s, dead after 17.5s\n"
	    "ADDRESS    INTERFACE  STATE  SRC-INSTANCE  DST-INSTANCE  "
	    "LAST-SEEN  UP-FOR  RESTARTS  LOSSES\n"
	    "10.0.12.2  999999     init   0x00000001    0x00000000    "
	    "-          -       0         2\n"
	    "10.0.13.2  r1-r3      up     0x00000002    0x00000009    "
	    "1.2s       61.0s   1         0\n");
}
END_TEST

START_TEST(stats)
{
	CHECK_RENDER(qc_print_stats,
	    "{\"rx\":{\"Path\":12,\"ResvTear\":1},\"drops\":{\"a\":0,"
	    "\"longer_name\":3},\"sessions\":2}",
	    "sessions: 2\n"
	    "rx:\n"
	    "  Path      12\n"
	    "  ResvTear  1\n"
	    "drops:\n"
	    "  a            0\n"
	    "  longer_name  3\n");
}
END_TEST

START_TEST(session_show)
{
	CHECK_RENDER(qc_print_session_show,
	    "{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,\"name\":\"v\","
	    "\"lsps\":1,\"age\":5,\"lsp\":[{\"lsp_id\":3,\"state\":\"up\","
	    "\"rro\":[\"10.0.12.2\",\"label 3\"],\"hops\":[{\"a\":1}],"
	    "\"none\":[]}]}",
	    "endpoint            10.0.2.2\n"
	    "tunnel id           7\n"
	    "extended tunnel id  -\n"
	    "name                v\n"
	    "LSPs                1\n"
	    "LSPs up             -\n"
	    "age                 5s\n"
	    "\n"
	    "LSP 3\n"
	    "  lsp_id: 3\n"
	    "  state: up\n"
	    "  rro: 10.0.12.2, label 3\n"
	    "  hops 0:\n"
	    "    a: 1\n"
	    "  none:\n");
}
END_TEST

START_TEST(generic)
{
	CHECK_RENDER(qc_print_generic, "[{\"a\":1,\"b\":\"xy\",\"c\":[1]},"
	    "{\"a\":22,\"b\":true}]",
	    "a   b\n"
	    "1   xy\n"
	    "22  yes\n");
	CHECK_RENDER(qc_print_generic, "{\"k\":{\"n\":null},\"v\":1.5}",
	    "k:\n"
	    "  n: -\n"
	    "v: 1.5\n");
	CHECK_RENDER(qc_print_generic, "[\"a\",2]", "a\n2\n");
	CHECK_RENDER(qc_print_generic, "\"text\"", "text\n");
	CHECK_RENDER(qc_print_generic, "null", "");
	/* A reply of another shape than expected is still shown. */
	CHECK_RENDER(qc_print_lsp_list, "{\"x\":1}", "x: 1\n");
	CHECK_RENDER(qc_print_neighbor_list, "[]", "");
}
END_TEST

Suite *
quasarctl_print_suite(void)
{
	Suite *s = suite_create("quasarctl_print");
	TCase *tc = tcase_create("printers");

	tcase_add_test(tc, session_list);
	tcase_add_test(tc, lsp_list_nulls_and_labels);
	tcase_add_test(tc, label_list);
	tcase_add_test(tc, neighbor_list);
	tcase_add_test(tc, stats);
	tcase_add_test(tc, session_show);
	tcase_add_test(tc, generic);
	suite_add_tcase(s, tc);
	return s;
}
