/*
 * quasard.conf: a strict line parser and its printer.  Each statement has
 * one handler in the table below; the printer writes them in table order.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/conf.h"
#include "flowspec/units.h"

#define CONF_WORDS_MAX	6
#define CONF_FILE_MAX	(1024 * 1024)

/* Bounds on timers (ms): R and the hold-down; L = (K + 0.5) * 1.5 * R
 * must fit a 32-bit millisecond count (RFC 2205 3.7). */
#define REFRESH_MS_MIN	100u
#define REFRESH_MS_MAX	3600000u
#define KEEP_MULT_MAX	255u
#define HOLDDOWN_MS_MAX	600000u
#define HELLO_MS_MAX	60000u
#define HELLO_DEAD_MS_MAX 600000u

struct parse {
	struct conf *c;
	unsigned line;
	char *err;
	size_t errlen;
	uint32_t seen;		/* bit per statement */
};

static int __attribute__((format(printf, 2, 3)))
perr(struct parse *ps, const char *fmt, ...)
{
	char msg[CONF_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->line > 0)
		snprintf(ps->err, ps->errlen, "line %u: %s", ps->line, msg);
	else
		snprintf(ps->err, ps->errlen, "%s", msg);
	return -1;
}

/* An unsigned decimal in [min, max]. */
static int
parse_uint(const char *s, unsigned long long max, unsigned long long *v_r)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*v_r = v;
	return 0;
}

/* A duration: "30s", "500ms", "2m", or a bare number of seconds. */
static int
parse_ms(const char *s, uint32_t max, uint32_t *ms_r)
{
	unsigned long long v, mult = 1000;
	char num[24];
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (strcmp(s + n, "ms") == 0)
		mult = 1;
	else if (strcmp(s + n, "s") == 0 || s[n] == '\0')
		mult = 1000;
	else if (strcmp(s + n, "m") == 0)
		mult = 60000;
	else
		return -1;
	if (parse_uint(num, UINT32_MAX, &v) != 0 || v > max / mult)
		return -1;
	*ms_r = (uint32_t)(v * mult);
	return 0;
}

static void
print_ms(FILE *f, const char *key, uint32_t ms)
{
	if (ms % 60000 == 0 && ms != 0)
		fprintf(f, "%s %" PRIu32 "m\n", key, ms / 60000);
	else if (ms % 1000 == 0)
		fprintf(f, "%s %" PRIu32 "s\n", key, ms / 1000);
	else
		fprintf(f, "%s %" PRIu32 "ms\n", key, ms);
}

static int
st_router_id(struct parse *ps, char **w, int n)
{
	struct in_addr a;

	if (n != 2)
		return perr(ps, "usage: router-id A.B.C.D");
	if (inet_pton(AF_INET, w[1], &a) != 1 || a.s_addr == INADDR_ANY)
		return perr(ps, "router-id: '%s' is not a usable IPv4 address",
		    w[1]);
	ps->c->router_id = a;
	return 0;
}

/* As Linux's dev_valid_name(), and printable ASCII only. */
static bool
valid_ifname(const char *name)
{
	const char *p;

	if (name[0] == '\0' || strlen(name) >= IF_NAMESIZE ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	for (p = name; *p != '\0'; p++)
		if (!isgraph((unsigned char)*p) || *p == '/' || *p == ':')
			return false;
	return true;
}

static int
st_interface(struct parse *ps, char **w, int n)
{
	struct conf *c = ps->c;
	struct conf_if *ci;
	uint64_t rate = 0;

	if (n != 2 && !(n == 4 && strcmp(w[2], "rate") == 0))
		return perr(ps, "usage: interface NAME [rate RATE]");
	if (!valid_ifname(w[1]))
		return perr(ps, "interface: '%s' is not an interface name",
		    w[1]);
	if (conf_if_find(c, w[1]) != NULL)
		return perr(ps, "interface %s given twice", w[1]);
	if (c->n_ifs == CONF_IF_MAX)
		return perr(ps, "more than %d interfaces", CONF_IF_MAX);
	if (n == 4 && (units_parse_rate_bits(w[3], &rate) != 0 || rate == 0))
		return perr(ps, "interface %s: bad rate '%s' (tc units: "
		    "100mbit, 1gbit)", w[1], w[3]);
	ci = &c->ifs[c->n_ifs++];
	snprintf(ci->name, sizeof(ci->name), "%s", w[1]);
	ci->rate_bps = rate;
	return 0;
}

static int
st_label_range(struct parse *ps, char **w, int n)
{
	unsigned long long lo, hi;

	if (n != 3)
		return perr(ps, "usage: label-range MIN MAX");
	if (parse_uint(w[1], LABELS_MAX, &lo) != 0 ||
	    parse_uint(w[2], LABELS_MAX, &hi) != 0 || lo < LABELS_MIN ||
	    lo > hi)
		return perr(ps, "label-range: need %u <= MIN <= MAX <= %u "
		    "(RFC 3032 2.1 reserves 0-15)", LABELS_MIN, LABELS_MAX);
	ps->c->labels.min = (uint32_t)lo;
	ps->c->labels.max = (uint32_t)hi;
	return 0;
}

static int
st_label_order(struct parse *ps, char **w, int n)
{
	if (n == 2 && strcmp(w[1], "ascending") == 0)
		ps->c->labels.order = LABELS_ASCENDING;
	else if (n == 2 && strcmp(w[1], "descending") == 0)
		ps->c->labels.order = LABELS_DESCENDING;
	else
		return perr(ps, "usage: label-order ascending|descending");
	return 0;
}

static int
st_label_hold(struct parse *ps, char **w, int n)
{
	if (n != 2 || parse_ms(w[1], HOLDDOWN_MS_MAX,
	    &ps->c->labels.holddown_ms) != 0)
		return perr(ps, "usage: label-hold-down TIME (0 to 600s)");
	return 0;
}

static int
st_refresh(struct parse *ps, char **w, int n)
{
	uint32_t ms;

	if (n != 2 || parse_ms(w[1], REFRESH_MS_MAX, &ms) != 0 ||
	    ms < REFRESH_MS_MIN)
		return perr(ps, "usage: refresh-interval TIME (100ms to 1h)");
	ps->c->refresh_ms = ms;
	return 0;
}

static int
st_keep(struct parse *ps, char **w, int n)
{
	unsigned long long k;

	if (n != 2 || parse_uint(w[1], KEEP_MULT_MAX, &k) != 0 || k == 0)
		return perr(ps, "usage: keep-multiplier K (1 to %u)",
		    KEEP_MULT_MAX);
	ps->c->keep_multiplier = (unsigned)k;
	return 0;
}

static int
st_hello(struct parse *ps, char **w, int n)
{
	if (n == 2 && strcmp(w[1], "off") == 0)
		ps->c->hello_ms = 0;
	else if (n != 2 || parse_ms(w[1], HELLO_MS_MAX, &ps->c->hello_ms) ||
	    ps->c->hello_ms == 0)
		return perr(ps, "usage: hello-interval TIME|off (up to 60s)");
	return 0;
}

static int
st_hello_dead(struct parse *ps, char **w, int n)
{
	uint32_t ms;

	if (n != 2 || parse_ms(w[1], HELLO_DEAD_MS_MAX, &ms) != 0 || ms == 0)
		return perr(ps, "usage: hello-dead-interval TIME (up to 600s)");
	ps->c->hello_dead_ms = ms;
	return 0;
}

static int
st_dataplane(struct parse *ps, char **w, int n)
{
	if (n == 2 && strcmp(w[1], "bpf") == 0)
		ps->c->dataplane = DP_BACKEND_BPF;
	else if (n == 2 && strcmp(w[1], "u32") == 0)
		ps->c->dataplane = DP_BACKEND_U32;
	else
		return perr(ps, "usage: dataplane bpf|u32");
	return 0;
}

static int
st_dp_instance(struct parse *ps, char **w, int n)
{
	size_t len;

	if (n != 2)
		return perr(ps, "usage: dataplane-instance NAME");
	len = strlen(w[1]);
	if (len >= DP_INSTANCE_MAX || strspn(w[1], "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != len)
		return perr(ps, "dataplane-instance: up to %d of "
		    "[A-Za-z0-9_-]", DP_INSTANCE_MAX - 1);
	memcpy(ps->c->dp_instance, w[1], len + 1);
	return 0;
}

static int
set_path(struct parse *ps, char **w, int n, char *dst)
{
	size_t len;

	if (n != 2)
		return perr(ps, "usage: %s /ABSOLUTE/PATH", w[0]);
	len = strlen(w[1]);
	if (w[1][0] != '/' || len >= CONF_PATH_MAX)
		return perr(ps, "%s: need an absolute path shorter than %d "
		    "bytes", w[0], CONF_PATH_MAX);
	memcpy(dst, w[1], len + 1);
	return 0;
}

static int
st_ctl(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->ctl_path);
}

static int
st_state_dir(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->state_dir);
}

static const char *const level_names[] = {
	[LOG_LVL_WARN] = "warn",
	[LOG_LVL_INFO] = "info",
	[LOG_LVL_DEBUG] = "debug",
};

static int
st_log_level(struct parse *ps, char **w, int n)
{
	size_t i;

	for (i = 0; n == 2 && i < sizeof(level_names) /
	    sizeof(level_names[0]); i++) {
		if (strcmp(w[1], level_names[i]) == 0) {
			ps->c->log_level = (enum log_level)i;
			return 0;
		}
	}
	return perr(ps, "usage: log-level warn|info|debug");
}

struct statement {
	const char *name;
	int (*parse)(struct parse *ps, char **w, int n);
	bool repeats;
};

static const struct statement statements[] = {
	{ "router-id", st_router_id, false },
	{ "interface", st_interface, true },
	{ "label-range", st_label_range, false },
	{ "label-order", st_label_order, false },
	{ "label-hold-down", st_label_hold, false },
	{ "refresh-interval", st_refresh, false },
	{ "keep-multiplier", st_keep, false },
	{ "hello-interval", st_hello, false },
	{ "hello-dead-interval", st_hello_dead, false },
	{ "dataplane", st_dataplane, false },
	{ "dataplane-instance", st_dp_instance, false },
	{ "control-socket", st_ctl, false },
	{ "state-dir", st_state_dir, false },
	{ "log-level", st_log_level, false },
};
#define N_STATEMENTS (sizeof(statements) / sizeof(statements[0]))

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	c->labels.min = LABELS_MIN;
	c->labels.max = LABELS_MAX;
	c->labels.order = LABELS_ASCENDING;
	c->labels.holddown_ms = CONF_LABEL_HOLDDOWN_MS_DEFAULT;
	c->refresh_ms = CONF_REFRESH_MS_DEFAULT;
	c->keep_multiplier = CONF_KEEP_MULT_DEFAULT;
	c->hello_ms = CONF_HELLO_MS_DEFAULT;
	c->hello_dead_ms = CONF_HELLO_DEAD_MS_DEFAULT;
	c->dataplane = DP_BACKEND_BPF;
	snprintf(c->dp_instance, sizeof(c->dp_instance), "%s",
	    CONF_DP_INSTANCE_DEFAULT);
	snprintf(c->ctl_path, sizeof(c->ctl_path), "%s", CONF_CTL_DEFAULT);
	snprintf(c->state_dir, sizeof(c->state_dir), "%s",
	    CONF_STATE_DEFAULT);
	c->log_level = LOG_LVL_INFO;
}

/* Blanks between words: every isspace() byte, so no word holds one. */
static bool
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' ||
	    ch == '\f';
}

/* Split 'line' in place into at most CONF_WORDS_MAX words. */
static int
split(char *line, char **w)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == CONF_WORDS_MAX)
			return -1;
		w[n++] = p;
		while (*p != '\0' && !blank(*p) && *p != '#')
			p++;
		if (*p == '#') {
			*p = '\0';
			return n;
		}
		if (*p != '\0')
			*p++ = '\0';
	}
}

static int
parse_line(struct parse *ps, char *line)
{
	char *w[CONF_WORDS_MAX];
	size_t i;
	int n;

	if ((n = split(line, w)) < 0)
		return perr(ps, "too many words");
	if (n == 0)
		return 0;
	for (i = 0; i < N_STATEMENTS; i++) {
		if (strcmp(w[0], statements[i].name) != 0)
			continue;
		if (!statements[i].repeats && (ps->seen & (1u << i)))
			return perr(ps, "%s given twice", w[0]);
		ps->seen |= 1u << i;
		return statements[i].parse(ps, w, n);
	}
	return perr(ps, "unknown statement '%s'", w[0]);
}

/* What no single line can check. */
static int
check_whole(struct parse *ps)
{
	const struct conf *c = ps->c;

	ps->line = 0;
	if (c->router_id.s_addr == INADDR_ANY)
		return perr(ps, "no router-id");
	if (c->n_ifs == 0)
		return perr(ps, "no interface");
	if (c->hello_ms != 0 && c->hello_dead_ms <= c->hello_ms)
		return perr(ps, "hello-dead-interval must be longer than "
		    "hello-interval");
	return 0;
}

int
conf_parse(const char *text, size_t len, struct conf *c_r, char *err,
    size_t errlen)
{
	struct conf *c;
	struct parse ps = { .err = err, .errlen = errlen };
	char line[CONF_LINE_MAX + 1];
	size_t off = 0, n;
	const char *nl;
	int rc = -1;

	if ((c = malloc(sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	conf_defaults(c);
	ps.c = c;
	while (off < len) {
		ps.line++;
		nl = memchr(text + off, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - (text + off)) : len - off;
		if (n > CONF_LINE_MAX) {
			perr(&ps, "line longer than %d bytes", CONF_LINE_MAX);
			goto out;
		}
		memcpy(line, text + off, n);
		line[n] = '\0';
		if (memchr(line, '\0', n) != NULL) {
			perr(&ps, "NUL byte");
			goto out;
		}
		off += n + (nl != NULL);
		if (parse_line(&ps, line) != 0)
			goto out;
	}
	if (check_whole(&ps) != 0)
		goto out;
	*c_r = *c;
	rc = 0;
out:
	free(c);
	return rc;
}

int
conf_load(const char *path, struct conf *c_r, char *err, size_t errlen)
{
	char msg[CONF_ERR_MAX];
	char *text = NULL;
	size_t len;
	FILE *f;
	int rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((text = malloc(CONF_FILE_MAX + 1)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	len = fread(text, 1, CONF_FILE_MAX + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		goto out;
	}
	if (len > CONF_FILE_MAX) {
		snprintf(err, errlen, "%s: larger than %d bytes", path,
		    CONF_FILE_MAX);
		goto out;
	}
	if (conf_parse(text, len, c_r, msg, sizeof(msg)) != 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		goto out;
	}
	rc = 0;
out:
	free(text);
	fclose(f);
	return rc;
}

int
conf_print(const struct conf *c, FILE *f)
{
	char addr[INET_ADDRSTRLEN], rate[UNITS_STRLEN];
	size_t i;

	inet_ntop(AF_INET, &c->router_id, addr, sizeof(addr));
	fprintf(f, "router-id %s\n", addr);
	for (i = 0; i < c->n_ifs; i++) {
		fprintf(f, "interface %s", c->ifs[i].name);
		if (c->ifs[i].rate_bps != 0 &&
		    units_print_rate_bits(c->ifs[i].rate_bps, rate,
		    sizeof(rate)) > 0)
			fprintf(f, " rate %s", rate);
		fputc('\n', f);
	}
	fprintf(f, "label-range %" PRIu32 " %" PRIu32 "\n", c->labels.min,
	    c->labels.max);
	fprintf(f, "label-order %s\n", labels_order_name(c->labels.order));
	print_ms(f, "label-hold-down", c->labels.holddown_ms);
	print_ms(f, "refresh-interval", c->refresh_ms);
	fprintf(f, "keep-multiplier %u\n", c->keep_multiplier);
	if (c->hello_ms == 0)
		fprintf(f, "hello-interval off\n");
	else
		print_ms(f, "hello-interval", c->hello_ms);
	print_ms(f, "hello-dead-interval", c->hello_dead_ms);
	fprintf(f, "dataplane %s\n",
	    c->dataplane == DP_BACKEND_U32 ? "u32" : "bpf");
	fprintf(f, "dataplane-instance %s\n", c->dp_instance);
	fprintf(f, "control-socket %s\n", c->ctl_path);
	fprintf(f, "state-dir %s\n", c->state_dir);
	fprintf(f, "log-level %s\n", level_names[c->log_level]);
	return ferror(f) ? -1 : 0;
}

const struct conf_if *
conf_if_find(const struct conf *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_ifs; i++)
		if (strcmp(c->ifs[i].name, name) == 0)
			return &c->ifs[i];
	return NULL;
}
