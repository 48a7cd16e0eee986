/*
 * The sink's report: every flow's summary (flow.h) as one JSON object or
 * as CSV with a header line, and the one-line progress report.
 */
#ifndef QUASAR_TRAFFIC_REPORT_H
#define QUASAR_TRAFFIC_REPORT_H

#include <stdio.h>

#include "testbed/traffic/flow.h"

/* What the sink saw besides its flows. */
struct tr_report_totals {
	double elapsed_s;	/* from the start of the sink to its end */
	uint64_t ignored;	/* frames or datagrams without a payload */
	uint64_t kernel_drops;	/* AF_PACKET ring: no room */
	const char *key;	/* "flow" or "label" */
};

/* Write the flows of 'fs' to 'f' as JSON.  0, or -1 on a write error. */
int tr_report_json(const struct tr_flows *fs,
    const struct tr_report_totals *tot, FILE *f);

/*
 * Write the flows of 'fs' to 'f' as CSV, the first column named 'key'.
 * 0, or -1 on a write error.
 */
int tr_report_csv(const struct tr_flows *fs, const char *key, FILE *f);

/*
 * One progress line for 'f' (stderr): elapsed time, flows, packets and
 * their rate since the last line ('dpkts', 'dbytes' over 'dt_s').
 */
void tr_report_progress(FILE *f, double elapsed_s, const struct tr_flows *fs,
    uint64_t dpkts, uint64_t dbytes, double dt_s);

#endif
