/*
 * The sink's report (report.h).
 */
#include <jansson.h>
#include <inttypes.h>

#include "testbed/traffic/report.h"

static json_t *
flow_json(const struct tr_flow_summary *s, const char *key)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:f, s:I, s:I, s:f, s:f, "
	    "s:f, s:{s:f, s:f, s:f, s:f, s:f, s:f}}",
	    key, (json_int_t)s->id,
	    "packets", (json_int_t)s->packets,
	    "bytes", (json_int_t)s->bytes,
	    "expected", (json_int_t)s->expected,
	    "lost", (json_int_t)s->lost,
	    "loss_pct", s->loss_pct,
	    "duplicates", (json_int_t)s->duplicates,
	    "reordered", (json_int_t)s->reordered,
	    "duration_s", s->duration_s,
	    "throughput_bps", s->throughput_bps,
	    "jitter_us", s->jitter_us,
	    "latency_us",
	    "min", s->lat_min_us, "mean", s->lat_mean_us,
	    "p50", s->lat_p50_us, "p99", s->lat_p99_us,
	    "p99.9", s->lat_p999_us, "max", s->lat_max_us);
}

int
tr_report_json(const struct tr_flows *fs, const struct tr_report_totals *tot,
    FILE *f)
{
	struct tr_flow_summary s;
	json_t *o, *flows = json_array();
	uint64_t packets = 0;
	size_t i;
	int rc;

	for (i = 0; i < fs->n; i++) {
		tr_flow_summarize(fs->list[i], &s);
		packets += s.packets;
		json_array_append_new(flows, flow_json(&s, tot->key));
	}
	o = json_pack("{s:f, s:s, s:I, s:I, s:I, s:I, s:o}",
	    "elapsed_s", tot->elapsed_s, "key", tot->key,
	    "packets", (json_int_t)packets,
	    "ignored", (json_int_t)tot->ignored,
	    "kernel_drops", (json_int_t)tot->kernel_drops,
	    "flows_refused", (json_int_t)fs->refused, "flows", flows);
	if (o == NULL)
		return -1;
	rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_REAL_PRECISION(9));
	fputc('\n', f);
	json_decref(o);
	return rc < 0 || ferror(f) ? -1 : 0;
}

int
tr_report_csv(const struct tr_flows *fs, const char *key, FILE *f)
{
	struct tr_flow_summary s;
	size_t i;

	fprintf(f, "%s,packets,bytes,expected,lost,loss_pct,duplicates,"
	    "reordered,duration_s,throughput_bps,jitter_us,lat_min_us,"
	    "lat_mean_us,lat_p50_us,lat_p99_us,lat_p999_us,lat_max_us\n",
	    key);
	for (i = 0; i < fs->n; i++) {
		tr_flow_summarize(fs->list[i], &s);
		fprintf(f, "%" PRIu32 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		    ",%" PRIu64 ",%.4f,%" PRIu64 ",%" PRIu64 ",%.6f,%.0f,%.3f,"
		    "%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", s.id, s.packets,
		    s.bytes, s.expected, s.lost, s.loss_pct, s.duplicates,
		    s.reordered, s.duration_s, s.throughput_bps, s.jitter_us,
		    s.lat_min_us, s.lat_mean_us, s.lat_p50_us, s.lat_p99_us,
		    s.lat_p999_us, s.lat_max_us);
	}
	return ferror(f) ? -1 : 0;
}

void
tr_report_progress(FILE *f, double elapsed_s, const struct tr_flows *fs,
    uint64_t dpkts, uint64_t dbytes, double dt_s)
{
	const struct tr_flow *fl;
	uint64_t packets = 0, lost = 0, expected, unique;
	size_t i;

	/* Not tr_flow_summarize: no quantiles, this runs every second. */
	for (i = 0; i < fs->n; i++) {
		fl = fs->list[i];
		packets += fl->packets;
		expected = fl->highest - fl->lowest + 1;
		unique = fl->packets - fl->duplicates;
		lost += expected > unique ? expected - unique : 0;
	}
	fprintf(f, "quasar-sink: %6.1f s  %zu flows  %" PRIu64 " packets  "
	    "%.0f pps  %.3f Mbit/s  lost %" PRIu64 "\n", elapsed_s, fs->n,
	    packets, dt_s > 0 ? (double)dpkts / dt_s : 0,
	    dt_s > 0 ? (double)dbytes * 8 / dt_s / 1e6 : 0, lost);
	fflush(f);
}
