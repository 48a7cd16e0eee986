#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "testbed/traffic/report.h"
#include "suites.h"

#define MS	1000000ull

/* Flow 4: sequence 0..9 without 3, one 2 again, 1 ms apart, 250 us in
 * flight, 1000-byte frames. */
static struct tr_flows *
crafted(void)
{
	static const uint64_t seqs[] = { 0, 1, 2, 2, 4, 5, 6, 7, 8, 9 };
	struct tr_flows *fs = malloc(sizeof(*fs));
	struct tr_flow *f;
	size_t i;

	ck_assert_ptr_nonnull(fs);
	tr_flows_init(fs);
	f = tr_flows_get(fs, 4);
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 10; i++)
		tr_flow_add(f, seqs[i], i * MS, i * MS + 250000, 1000);
	return fs;
}

static char *
capture(const struct tr_flows *fs, int csv)
{
	struct tr_report_totals tot = { .elapsed_s = 2.5, .ignored = 3,
	    .kernel_drops = 1, .key = "flow" };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(csv ? tr_report_csv(fs, "flow", f) :
	    tr_report_json(fs, &tot, f), 0);
	fclose(f);
	return out;
}

START_TEST(json_report)
{
	struct tr_flows *fs = crafted();
	char *text = capture(fs, 0);
	json_t *o = json_loads(text, 0, NULL), *fl;

	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(json_integer_value(json_object_get(o, "packets")), 10);
	ck_assert_int_eq(json_integer_value(json_object_get(o, "ignored")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(o,
	    "kernel_drops")), 1);
	fl = json_array_get(json_object_get(o, "flows"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(fl, "flow")), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(fl, "lost")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(fl,
	    "duplicates")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(fl, "expected")),
	    10);
	ck_assert_double_eq_tol(json_real_value(json_object_get(
	    json_object_get(fl, "latency_us"), "p99.9")), 250, 250.0 / 64);
	json_decref(o);
	free(text);
	tr_flows_dispose(fs);
	free(fs);
}
END_TEST

START_TEST(csv_report)
{
	struct tr_flows *fs = crafted();
	char *text = capture(fs, 1), *nl;

	nl = strchr(text, '\n');
	ck_assert_ptr_nonnull(nl);
	ck_assert(strncmp(text, "flow,packets,bytes,expected,lost,loss_pct,"
	    "duplicates,reordered,duration_s,throughput_bps,jitter_us,"
	    "lat_min_us,lat_mean_us,lat_p50_us,lat_p99_us,lat_p999_us,"
	    "lat_max_us\n", (size_t)(nl - text + 1)) == 0);
	/* 10 frames of 8000 bits over 9 ms. */
	ck_assert_str_eq(nl + 1, "4,10,10000,10,1,10.0000,1,0,0.009000,"
	    "8888889,0.000,250.000,250.000,250.000,250.000,250.000,250.000\n");
	free(text);
	tr_flows_dispose(fs);
	free(fs);
}
END_TEST

START_TEST(progress_line)
{
	struct tr_flows *fs = crafted();
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	tr_report_progress(f, 3.0, fs, 1000, 125000, 1.0);
	fclose(f);
	ck_assert_str_eq(out, "quasar-sink:    3.0 s  1 flows  10 packets  "
	    "1000 pps  1.000 Mbit/s  lost 1\n");
	free(out);
	tr_flows_dispose(fs);
	free(fs);
}
END_TEST

Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, json_report);
	tcase_add_test(tc, csv_report);
	tcase_add_test(tc, progress_line);
	suite_add_tcase(s, tc);
	return s;
}
