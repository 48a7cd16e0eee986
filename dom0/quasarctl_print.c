/*
 * quasarctl's printers: quasard's JSON replies as aligned tables and
 * detail views for people (the shapes are in docs/ctl-protocol.md).
 * A field that is missing or null prints as "-".  Interface names come
 * from quasard when it gives them: quasarctl may run in another network
 * namespace, where the same index names another interface.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/quasarctl_local.h"

/* How a cell shows its JSON value. */
enum qc_fmt {
	F_TEXT = 0,	/* strings as they are, numbers in decimal */
	F_AGE,		/* seconds (real) as 1h02m03s */
	F_MS,		/* milliseconds as seconds with one decimal */
	F_HEX,		/* 0x%08x */
	F_LABEL,	/* MPLS label, reserved ones by name */
	F_BYTES,	/* bytes as 512, 64K, 32M, 2G (1024s) */
	F_NS,		/* nanoseconds as seconds with two decimals */
	F_PCT,		/* a percentage: 25% */
	F_RATE,		/* bytes/s as bit/s: 2Mbit, 512kbit, 800bit */
};

struct qc_col {
	const char	*title;
	const char	*key;
	enum qc_fmt	fmt;
	const char	*alt;	/* key shown when 'key' is missing or null */
};

#define CELL_MAX	256

/* 'v' bytes as 512, 64K, 32M or 2G (whole units when exact). */
static void
fmt_bytes(char *buf, size_t cap, double v)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, cap, "%.0f", v);
	else if (v == (double)(long long)v)
		snprintf(buf, cap, "%.0f%c", v, units[u]);
	else
		snprintf(buf, cap, "%.1f%c", v, units[u]);
}

/* 'v' bytes/s as tc writes bit rates: 2Mbit, 512kbit, 800bit. */
static void
fmt_rate(char *buf, size_t cap, double v)
{
	double bits = v * 8;

	if (bits >= 1e9)
		snprintf(buf, cap, "%gGbit", bits / 1e9);
	else if (bits >= 1e6)
		snprintf(buf, cap, "%gMbit", bits / 1e6);
	else if (bits >= 1e3)
		snprintf(buf, cap, "%gkbit", bits / 1e3);
	else
		snprintf(buf, cap, "%gbit", bits);
}

static void
fmt_age(char *buf, size_t cap, double s)
{
	long long t = (long long)s;

	if (t >= 3600)
		snprintf(buf, cap, "%lldh%02lldm%02llds", t / 3600,
		    t / 60 % 60, t % 60);
	else if (t >= 60)
		snprintf(buf, cap, "%lldm%02llds", t / 60, t % 60);
	else
		snprintf(buf, cap, "%llds", t);
}

/* The text of 'v' shown as 'fmt' into 'buf'. */
static void
cell(char *buf, size_t cap, json_t *v, enum qc_fmt fmt)
{
	json_int_t i;

	if (v == NULL || json_is_null(v)) {
		snprintf(buf, cap, "-");
		return;
	}
	if (json_is_string(v)) {
		snprintf(buf, cap, "%s", json_string_value(v));
		return;
	}
	if (json_is_boolean(v)) {
		snprintf(buf, cap, "%s", json_is_true(v) ? "yes" : "no");
		return;
	}
	if (!json_is_number(v)) {
		snprintf(buf, cap, "...");
		return;
	}
	i = json_is_integer(v) ? json_integer_value(v) :
	    (json_int_t)json_real_value(v);
	switch (fmt) {
	case F_AGE:
		fmt_age(buf, cap, json_number_value(v));
		return;
	case F_MS:
		snprintf(buf, cap, "%.1fs", json_number_value(v) / 1000.0);
		return;
	case F_HEX:
		snprintf(buf, cap, "0x%08" PRIx32, (uint32_t)i);
		return;
	case F_LABEL:
		if (i == 3)
			snprintf(buf, cap, "imp-null");
		else if (i == 0)
			snprintf(buf, cap, "exp-null");
		else
			snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, i);
		return;
	case F_BYTES:
		fmt_bytes(buf, cap, json_number_value(v));
		return;
	case F_NS:
		snprintf(buf, cap, "%.2fs", json_number_value(v) / 1e9);
		return;
	case F_PCT:
		snprintf(buf, cap, "%g%%", json_number_value(v));
		return;
	case F_RATE:
		fmt_rate(buf, cap, json_number_value(v));
		return;
	case F_TEXT:
		break;
	}
	if (json_is_integer(v))
		snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, i);
	else
		snprintf(buf, cap, "%g", json_real_value(v));
}

/* The value of column 'col' in 'row'. */
static json_t *
col_value(json_t *row, const struct qc_col *col)
{
	json_t *v = json_object_get(row, col->key);

	if ((v == NULL || json_is_null(v)) && col->alt != NULL)
		v = json_object_get(row, col->alt);
	return v;
}

/* One cell padded to 'width', or the last of its line. */
static void
put_cell(FILE *out, const char *text, size_t width, bool last)
{
	if (last)
		fprintf(out, "%s\n", text);
	else
		fprintf(out, "%-*s  ", (int)width, text);
}

/*
 * The array of objects 'rows' as a table of 'ncols' columns: a title
 * line, then one line per row, each column as wide as its widest cell.
 */
static void
table(FILE *out, json_t *rows, const struct qc_col *cols, size_t ncols)
{
	char buf[CELL_MAX];
	size_t w[16], r, c, len;
	json_t *row;

	if (ncols > 16)
		ncols = 16;
	for (c = 0; c < ncols; c++)
		w[c] = strlen(cols[c].title);
	json_array_foreach(rows, r, row) {
		for (c = 0; c < ncols; c++) {
			cell(buf, sizeof(buf), col_value(row, &cols[c]),
			    cols[c].fmt);
			len = strlen(buf);
			if (len > w[c])
				w[c] = len;
		}
	}
	for (c = 0; c < ncols; c++)
		put_cell(out, cols[c].title, w[c], c + 1 == ncols);
	json_array_foreach(rows, r, row) {
		for (c = 0; c < ncols; c++) {
			cell(buf, sizeof(buf), col_value(row, &cols[c]),
			    cols[c].fmt);
			put_cell(out, buf, w[c], c + 1 == ncols);
		}
	}
}

#define TABLE(out, rows, cols) \
	table((out), (rows), (cols), sizeof(cols) / sizeof((cols)[0]))

void
qc_print_session_list(FILE *out, json_t *reply)
{
	static const struct qc_col cols[] = {
		{ "ENDPOINT", "endpoint", F_TEXT, NULL },
		{ "TUNNEL", "tunnel_id", F_TEXT, NULL },
		{ "EXT-ID", "ext_tunnel_id", F_TEXT, NULL },
		{ "NAME", "name", F_TEXT, NULL },
		{ "LSPS", "lsps", F_TEXT, NULL },
		{ "UP", "lsps_up", F_TEXT, NULL },
		{ "AGE", "age", F_AGE, NULL },
	};

	if (!json_is_array(reply))
		goto generic;
	TABLE(out, reply, cols);
	return;
generic:
	qc_print_generic(out, reply);
}

static const struct qc_col lsp_cols[] = {
	{ "ENDPOINT", "endpoint", F_TEXT, NULL },
	{ "TUNNEL", "tunnel_id", F_TEXT, NULL },
	{ "LSP", "lsp_id", F_TEXT, NULL },
	{ "SENDER", "sender", F_TEXT, NULL },
	{ "NAME", "name", F_TEXT, NULL },
	{ "STATE", "state", F_TEXT, NULL },
	{ "IN", "in_label", F_LABEL, NULL },
	{ "OUT", "out_label", F_LABEL, NULL },
	{ "PHOP", "phop", F_TEXT, NULL },
	{ "NHOP", "nhop", F_TEXT, NULL },
	{ "OUT-IF", "out_interface", F_TEXT, "out_ifindex" },
	{ "STYLE", "style", F_TEXT, NULL },
};

void
qc_print_lsp_list(FILE *out, json_t *reply)
{
	if (!json_is_array(reply)) {
		qc_print_generic(out, reply);
		return;
	}
	TABLE(out, reply, lsp_cols);
}

void
qc_print_label_list(FILE *out, json_t *reply)
{
	static const struct qc_col cols[] = {
		{ "LABEL", "label", F_LABEL, NULL },
		{ "OWNER", "owner", F_TEXT, NULL },
		{ "ACTION", "action", F_TEXT, NULL },
		{ "OUT", "out_label", F_LABEL, NULL },
		{ "OUT-IF", "out_interface", F_TEXT, "out_ifindex" },
		{ "ENDPOINT", "endpoint", F_TEXT, NULL },
		{ "TUNNEL", "tunnel_id", F_TEXT, NULL },
		{ "LSP", "lsp_id", F_TEXT, NULL },
		{ "STATE", "state", F_TEXT, NULL },
	};
	json_t *labels = json_object_get(reply, "labels");
	char used[CELL_MAX], held[CELL_MAX];

	if (!json_is_array(labels)) {
		qc_print_generic(out, reply);
		return;
	}
	TABLE(out, labels, cols);
	cell(used, sizeof(used), json_object_get(reply, "used"), F_TEXT);
	cell(held, sizeof(held), json_object_get(reply, "held"), F_TEXT);
	fprintf(out, "%s in use, %s held down\n", used, held);
}

void
qc_print_neighbor_list(FILE *out, json_t *reply)
{
	static const struct qc_col cols[] = {
		{ "ADDRESS", "address", F_TEXT, NULL },
		{ "INTERFACE", "interface", F_TEXT, "ifindex" },
		{ "STATE", "state", F_TEXT, NULL },
		{ "SRC-INSTANCE", "src_instance", F_HEX, NULL },
		{ "DST-INSTANCE", "dst_instance", F_HEX, NULL },
		{ "LAST-SEEN", "last_seen_ms", F_MS, NULL },
		{ "UP-FOR", "up_ms", F_MS, NULL },
		{ "RESTARTS", "restarts", F_TEXT, NULL },
		{ "LOSSES", "losses", F_TEXT, NULL },
	};
	json_t *nbrs = json_object_get(reply, "neighbors");
	char iv[CELL_MAX], dead[CELL_MAX];

	if (!json_is_array(nbrs)) {
		qc_print_generic(out, reply);
		return;
	}
	cell(iv, sizeof(iv), json_object_get(reply, "interval_ms"), F_MS);
	cell(dead, sizeof(dead), json_object_get(reply, "dead_ms"), F_MS);
	fprintf(out, "Hello every %s, dead after %s\n", iv, dead);
	TABLE(out, nbrs, cols);
}

/* The counters of object 'o' as "  name  value" lines under 'title'. */
static void
counters(FILE *out, const char *title, json_t *o)
{
	const char *k;
	char buf[CELL_MAX];
	size_t w = 0;
	json_t *v;

	if (!json_is_object(o))
		return;
	json_object_foreach(o, k, v)
		if (strlen(k) > w)
			w = strlen(k);
	fprintf(out, "%s:\n", title);
	json_object_foreach(o, k, v) {
		cell(buf, sizeof(buf), v, F_TEXT);
		fprintf(out, "  %-*s  %s\n", (int)w, k, buf);
	}
}

void
qc_print_stats(FILE *out, json_t *reply)
{
	const char *k;
	char buf[CELL_MAX];
	json_t *v;

	if (!json_is_object(reply)) {
		qc_print_generic(out, reply);
		return;
	}
	/* Scalars first (sessions, lsps), then each group of counters. */
	json_object_foreach(reply, k, v) {
		if (json_is_object(v) || json_is_array(v))
			continue;
		cell(buf, sizeof(buf), v, F_TEXT);
		fprintf(out, "%s: %s\n", k, buf);
	}
	json_object_foreach(reply, k, v)
		if (json_is_object(v))
			counters(out, k, v);
}

void
qc_print_pool_show(FILE *out, json_t *reply)
{
	static const char *const states[] = {
		"creating", "adopted", "idle", "assigned", "draining", "dead",
	};
	json_t *rls = json_object_get(reply, "routelets");
	char b[CELL_MAX], mi[CELL_MAX], mx[CELL_MAX], mt[CELL_MAX];
	size_t i;

	if (!json_is_object(reply) || !json_is_object(rls)) {
		qc_print_generic(out, reply);
		return;
	}
	cell(b, sizeof(b), json_object_get(reply, "backend"), F_TEXT);
	cell(mi, sizeof(mi), json_object_get(reply, "min_idle"), F_TEXT);
	cell(mx, sizeof(mx), json_object_get(reply, "max_idle"), F_TEXT);
	cell(mt, sizeof(mt), json_object_get(reply, "max_total"), F_TEXT);
	fprintf(out, "backend %s: min-idle %s, max-idle %s, max-total %s\n",
	    b, mi, mx, mt);
	fprintf(out, "routelets:");
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		cell(b, sizeof(b), json_object_get(rls, states[i]), F_TEXT);
		fprintf(out, "%s %s %s", i > 0 ? "," : "", b, states[i]);
	}
	fputc('\n', out);
	counters(out, "counters", json_object_get(reply, "counters"));
}

/*
 * A copy of the rows of 'rows' with the members of their object 'sub'
 * lifted to the top (for table columns); NULL when out of memory.
 */
static json_t *
lift(json_t *rows, const char *sub)
{
	json_t *copy, *row, *r, *o;
	size_t i;

	if ((copy = json_array()) == NULL)
		return NULL;
	json_array_foreach(rows, i, row) {
		if ((r = json_copy(row)) == NULL) {
			json_decref(copy);
			return NULL;
		}
		if (json_is_object(o = json_object_get(row, sub)))
			json_object_update_missing(r, o);
		json_array_append_new(copy, r);
	}
	return copy;
}

void
qc_print_routelet_list(FILE *out, json_t *reply)
{
	static const struct qc_col cols[] = {
		{ "ID", "id", F_TEXT, NULL },
		{ "STATE", "state", F_TEXT, NULL },
		{ "IF", "interface", F_TEXT, "ifindex" },
		{ "FLOW", "flow", F_TEXT, NULL },
		{ "LABEL", "flow_label", F_LABEL, NULL },
		{ "CPU", "cpu_percent", F_PCT, NULL },
		{ "MEM", "mem_bytes", F_BYTES, NULL },
		{ "CPUSET", "cpuset", F_TEXT, NULL },
		{ "CPU-TIME", "cpu_ns", F_NS, NULL },
		{ "RX", "rx_packets", F_TEXT, NULL },
		{ "TX", "tx_packets", F_TEXT, NULL },
		{ "POLICED", "policed_packets", F_TEXT, NULL },
		{ "BACKEND", "backend", F_TEXT, NULL },
	};
	json_t *rows;

	if (!json_is_array(reply) || (rows = lift(reply, "counters")) == NULL) {
		qc_print_generic(out, reply);
		return;
	}
	TABLE(out, rows, cols);
	json_decref(rows);
}

void
qc_print_flow_list(FILE *out, json_t *reply)
{
	static const struct qc_col cols[] = {
		{ "ENDPOINT", "endpoint", F_TEXT, NULL },
		{ "TUNNEL", "tunnel_id", F_TEXT, NULL },
		{ "LSP", "lsp_id", F_TEXT, NULL },
		{ "SENDER", "sender", F_TEXT, NULL },
		{ "NAME", "name", F_TEXT, NULL },
		{ "SERVICE", "service", F_TEXT, NULL },
		{ "RATE", "rate", F_RATE, NULL },
		{ "ROUTELET", "routelet", F_TEXT, NULL },
		{ "IN", "in_label", F_LABEL, NULL },
		{ "OUT", "out_label", F_LABEL, NULL },
		{ "CLASS", "class", F_TEXT, NULL },
		{ "STEERED", "steered_packets", F_TEXT, NULL },
		{ "DELIVERED", "delivered_packets", F_TEXT, NULL },
		{ "POLICED", "policed_packets", F_TEXT, NULL },
		{ "RESTORED", "restored", F_TEXT, NULL },
	};

	if (!json_is_array(reply)) {
		qc_print_generic(out, reply);
		return;
	}
	TABLE(out, reply, cols);
}

/* 'v' as "key: value" lines at 'indent'; arrays of objects as blocks. */
static void
detail(FILE *out, json_t *v, int indent)
{
	const char *k;
	char buf[CELL_MAX];
	size_t i;
	json_t *x, *e;

	json_object_foreach(v, k, x) {
		if (json_is_object(x)) {
			fprintf(out, "%*s%s:\n", indent, "", k);
			detail(out, x, indent + 2);
		} else if (json_is_array(x) &&
		    json_is_object(json_array_get(x, 0))) {
			json_array_foreach(x, i, e) {
				fprintf(out, "%*s%s %zu:\n", indent, "", k, i);
				detail(out, e, indent + 2);
			}
		} else if (json_is_array(x)) {
			/* Scalars on one line: "rro: 10.0.12.2, label 3". */
			fprintf(out, "%*s%s:", indent, "", k);
			json_array_foreach(x, i, e) {
				cell(buf, sizeof(buf), e, F_TEXT);
				fprintf(out, "%s %s", i > 0 ? "," : "", buf);
			}
			fputc('\n', out);
		} else {
			cell(buf, sizeof(buf), x, F_TEXT);
			fprintf(out, "%*s%s: %s\n", indent, "", k, buf);
		}
	}
}

void
qc_print_session_show(FILE *out, json_t *reply)
{
	static const struct qc_col head[] = {
		{ "endpoint", "endpoint", F_TEXT, NULL },
		{ "tunnel id", "tunnel_id", F_TEXT, NULL },
		{ "extended tunnel id", "ext_tunnel_id", F_TEXT, NULL },
		{ "name", "name", F_TEXT, NULL },
		{ "LSPs", "lsps", F_TEXT, NULL },
		{ "LSPs up", "lsps_up", F_TEXT, NULL },
		{ "age", "age", F_AGE, NULL },
	};
	char buf[CELL_MAX];
	json_t *lsps, *l;
	size_t i, c;

	if (!json_is_object(reply)) {
		qc_print_generic(out, reply);
		return;
	}
	for (c = 0; c < sizeof(head) / sizeof(head[0]); c++) {
		cell(buf, sizeof(buf), json_object_get(reply, head[c].key),
		    head[c].fmt);
		fprintf(out, "%-19s %s\n", head[c].title, buf);
	}
	lsps = json_object_get(reply, "lsp");
	json_array_foreach(lsps, i, l) {
		cell(buf, sizeof(buf), json_object_get(l, "lsp_id"), F_TEXT);
		fprintf(out, "\nLSP %s\n", buf);
		detail(out, l, 2);
	}
}

/* Keys of the scalar members of 'o', for a generic table. */
static size_t
scalar_cols(json_t *o, struct qc_col *cols, size_t cap)
{
	const char *k;
	size_t n = 0;
	json_t *v;

	json_object_foreach(o, k, v) {
		if (n == cap)
			break;
		if (json_is_object(v) || json_is_array(v))
			continue;
		cols[n].title = k;
		cols[n].key = k;
		cols[n].fmt = F_TEXT;
		cols[n].alt = NULL;
		n++;
	}
	return n;
}

void
qc_print_generic(FILE *out, json_t *reply)
{
	struct qc_col cols[16];
	char buf[CELL_MAX];
	json_t *e;
	size_t i, n;

	if (json_is_array(reply) && json_is_object(json_array_get(reply, 0))) {
		n = scalar_cols(json_array_get(reply, 0), cols, 16);
		table(out, reply, cols, n);
	} else if (json_is_array(reply)) {
		json_array_foreach(reply, i, e) {
			cell(buf, sizeof(buf), e, F_TEXT);
			fprintf(out, "%s\n", buf);
		}
	} else if (json_is_object(reply)) {
		detail(out, reply, 0);
	} else if (!json_is_null(reply)) {
		cell(buf, sizeof(buf), reply, F_TEXT);
		fprintf(out, "%s\n", buf);
	}
}
