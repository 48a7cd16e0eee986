/*
 * dom0/flows_rec.c: a flow's record round trips, and broken or hostile
 * records are refused with the line and reason.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/flows_rec.h"
#include "suites.h"

static void
sample(struct flows_rec *r)
{
	memset(r, 0, sizeof(*r));
	inet_pton(AF_INET, "10.0.2.2", &r->session.endpoint);
	inet_pton(AF_INET, "10.0.0.1", &r->session.ext_id);
	inet_pton(AF_INET, "10.0.0.1", &r->session.sender);
	r->session.tunnel_id = 7;
	r->session.lsp_id = 1;
	snprintf(r->name, sizeof(r->name), "video 1");
	r->setup_prio = 3;
	r->hold_prio = 2;
	r->in_label = 1001;
	r->out_label = 3;
	r->out_ifindex = 4;
	memcpy(r->nexthop_mac, "\x02\x00\x00\x00\x00\x02", 6);
	memcpy(r->source_mac, "\x02\xaa\xbb\xcc\xdd\xee", 6);
	r->rl_id = 5;
	r->vif_ifindex = 41;
	r->classid = 0x10010;
	r->generation = 12;
	r->fs.service = IS_SVC_CONTROLLED_LOAD;
	r->fs.tspec.rate = 250000;
	r->fs.tspec.bucket = 3000;
	r->fs.tspec.peak = INFINITY;
	r->fs.tspec.min_unit = 64;
	r->fs.tspec.max_size = 1500;
	r->has_sender = true;
	r->sender = r->fs.tspec;
}

START_TEST(round_trip)
{
	struct flows_rec r, back;
	char buf[FLOWS_REC_TEXT_MAX], again[FLOWS_REC_TEXT_MAX], err[128];
	int n;

	sample(&r);
	n = flows_rec_format(&r, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_uint_eq(strlen(buf), (size_t)n);
	ck_assert(strncmp(buf, "quasar-flow 1\nendpoint 10.0.2.2\n", 32) == 0);
	ck_assert_ptr_nonnull(strstr(buf, "\nname video 1\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nclassid 0x10010\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nsource-mac 02:aa:bb:cc:dd:ee\n"));
	ck_assert_int_eq(flows_rec_parse(buf, (size_t)n, &back, err,
	    sizeof(err)), 0);
	ck_assert(flows_rec_same_lsp(&r.session, &back.session));
	ck_assert_str_eq(back.name, "video 1");
	ck_assert_uint_eq(back.in_label, 1001);
	ck_assert_uint_eq(back.out_label, 3);
	ck_assert_uint_eq(back.rl_id, 5);
	ck_assert_uint_eq(back.vif_ifindex, 41);
	ck_assert_uint_eq(back.classid, 0x10010);
	ck_assert_uint_eq(back.generation, 12);
	ck_assert_uint_eq(back.setup_prio, 3);
	ck_assert_uint_eq(back.hold_prio, 2);
	ck_assert_uint_eq(back.fs.service, IS_SVC_CONTROLLED_LOAD);
	ck_assert(back.fs.tspec.rate == 250000);
	ck_assert(isinf(back.fs.tspec.peak));
	ck_assert(back.has_sender);
	ck_assert_uint_eq(back.sender.max_size, 1500);
	ck_assert(memcmp(back.source_mac, r.source_mac, 6) == 0);
	/* The same record writes the same text. */
	ck_assert_int_eq(flows_rec_format(&back, again, sizeof(again)), n);
	ck_assert_str_eq(again, buf);

	/* Guaranteed, no sender, no name, a name that is not one line. */
	r.fs.service = IS_SVC_GUARANTEED;
	r.fs.rspec.rate = 300000;
	r.fs.rspec.slack = 10;
	r.has_sender = false;
	r.name[0] = '\0';
	n = flows_rec_format(&r, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_ptr_nonnull(strstr(buf, "\nname -\nsetup"));
	ck_assert_ptr_nonnull(strstr(buf, "\nsender-tspec -\n"));
	ck_assert_int_eq(flows_rec_parse(buf, (size_t)n, &back, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(back.name, "");
	ck_assert(!back.has_sender);
	ck_assert(back.fs.rspec.rate == 300000);
	snprintf(r.name, sizeof(r.name), "a\nb");
	n = flows_rec_format(&r, buf, sizeof(buf));
	ck_assert_int_eq(flows_rec_parse(buf, (size_t)n, &back, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(back.name, "a?b");

	/* Too small a buffer. */
	ck_assert_int_eq(flows_rec_format(&r, buf, 64), -1);
}
END_TEST

/* Parse 'text' expecting failure with 'want' as the error. */
static void
refused(const char *text, const char *want)
{
	struct flows_rec r;
	char err[128];

	ck_assert_int_eq(flows_rec_parse(text, strlen(text), &r, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, want);
}

/* 'good' with line 'key ...' replaced by 'line' (or removed if NULL). */
static void
edit(const char *good, const char *key, const char *line, char *out,
    size_t cap)
{
	const char *at = strstr(good, key), *nl;

	ck_assert_ptr_nonnull(at);
	nl = strchr(at, '\n');
	snprintf(out, cap, "%.*s%s%s%s", (int)(at - good), good,
	    line != NULL ? line : "", line != NULL ? "\n" : "", nl + 1);
}

START_TEST(hostile)
{
	struct flows_rec r;
	char good[FLOWS_REC_TEXT_MAX], bad[FLOWS_REC_TEXT_MAX + 300];
	char longline[400];

	sample(&r);
	ck_assert_int_gt(flows_rec_format(&r, good, sizeof(good)), 0);

	refused("", "empty");
	refused("quasar-flow 1", "line 1: no newline at end");
	refused("quasar-flow 2\n", "line 1: version 2, this quasard reads 1");
	refused("something 1\n", "line 1: not a flow record");
	refused("quasar-flow 1\nendpoint\n", "line 2: not \"key value\"");
	refused("quasar-flow 1\n", "no endpoint");
	edit(good, "routelet ", NULL, bad, sizeof(bad));
	refused(bad, "no routelet");
	edit(good, "routelet ", "routelet 5\nroutelet 6", bad, sizeof(bad));
	refused(bad, "line 16: routelet twice");
	edit(good, "routelet ", "colour blue", bad, sizeof(bad));
	refused(bad, "line 15: unknown key \"colour\"");
	edit(good, "endpoint ", "endpoint 10.0.2", bad, sizeof(bad));
	refused(bad, "line 2: bad endpoint \"10.0.2\"");
	edit(good, "in-label ", "in-label 1048576", bad, sizeof(bad));
	refused(bad, "line 10: bad in-label \"1048576\"");
	edit(good, "in-label ", "in-label -1", bad, sizeof(bad));
	refused(bad, "line 10: bad in-label \"-1\"");
	edit(good, "in-label ", "in-label 12x", bad, sizeof(bad));
	refused(bad, "line 10: bad in-label \"12x\"");
	edit(good, "setup-prio ", "setup-prio 8", bad, sizeof(bad));
	refused(bad, "line 8: bad setup-prio \"8\"");
	edit(good, "nexthop-mac ", "nexthop-mac 02:00:00:00:00", bad,
	    sizeof(bad));
	refused(bad, "line 13: bad nexthop-mac \"02:00:00:00:00\"");
	edit(good, "flowspec ", "flowspec 0000", bad, sizeof(bad));
	refused(bad, "line 19: bad flowspec \"0000\"");
	edit(good, "flowspec ", "flowspec 0g", bad, sizeof(bad));
	refused(bad, "line 19: bad flowspec \"0g\"");
	edit(good, "flowspec ", "flowspec 000", bad, sizeof(bad));
	refused(bad, "line 19: bad flowspec \"000\"");
	edit(good, "sender-tspec ", "sender-tspec 00", bad, sizeof(bad));
	refused(bad, "line 20: bad sender-tspec \"00\"");
	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	memcpy(longline, "name ", 5);
	edit(good, "name ", longline, bad, sizeof(bad));
	refused(bad, "line 7: line too long");
	edit(good, "name ", "name 0123456789012345678901234567890123", bad,
	    sizeof(bad));
	refused(bad, "line 7: bad name \"0123456789012345678901234567890123\"");
}
END_TEST

START_TEST(nul_byte)
{
	struct flows_rec r;
	char err[128];
	static const char text[] = "quasar-flow 1\nname a\0b\n";

	ck_assert_int_eq(flows_rec_parse(text, sizeof(text) - 1, &r, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "line 2: NUL byte");
}
END_TEST

Suite *
flows_rec_suite(void)
{
	Suite *s = suite_create("flows_rec");
	TCase *tc = tcase_create("flows_rec");

	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, hostile);
	tcase_add_test(tc, nul_byte);
	suite_add_tcase(s, tc);
	return s;
}
