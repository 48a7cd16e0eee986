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
#include "lib/words.h"

#define CONF_WORDS_MAX	8
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
	uint64_t seen;		/* bit per statement */
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

/*
 * A decimal with up to three fraction digits ("0.9", "1.25", "2") as
 * thousandths, at most 'max' of them.
 */
static int
parse_milli(const char *s, unsigned long long max, unsigned long long *v_r)
{
	unsigned long long whole, frac = 0;
	char num[24];
	size_t n = strspn(s, "0123456789"), nf, i;

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (parse_uint(num, max / 1000 + 1, &whole) != 0)
		return -1;
	if (s[n] == '.') {
		nf = strspn(s + n + 1, "0123456789");
		if (nf == 0 || nf > 3 || s[n + 1 + nf] != '\0')
			return -1;
		for (i = 0; i < 3; i++)
			frac = frac * 10 + (i < nf ? (unsigned)(s[n + 1 + i] -
			    '0') : 0);
	} else if (s[n] != '\0') {
		return -1;
	}
	if (whole * 1000 + frac > max)
		return -1;
	*v_r = whole * 1000 + frac;
	return 0;
}

/* Thousandths 'v' as the shortest decimal parse_milli reads back. */
static void
print_milli(FILE *f, unsigned long long v)
{
	unsigned frac = (unsigned)(v % 1000);

	if (frac == 0)
		fprintf(f, "%llu", v / 1000);
	else if (frac % 100 == 0)
		fprintf(f, "%llu.%u", v / 1000, frac / 100);
	else if (frac % 10 == 0)
		fprintf(f, "%llu.%02u", v / 1000, frac / 10);
	else
		fprintf(f, "%llu.%03u", v / 1000, frac);
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

	unsigned long long pm = 0;
	bool has_rate = false, has_res = false;
	int i;

	if (n < 2 || n % 2 != 0)
		return perr(ps, "usage: interface NAME [rate RATE] "
		    "[reservable FRACTION]");
	if (!valid_ifname(w[1]))
		return perr(ps, "interface: '%s' is not an interface name",
		    w[1]);
	if (conf_if_find(c, w[1]) != NULL)
		return perr(ps, "interface %s given twice", w[1]);
	if (c->n_ifs == CONF_IF_MAX)
		return perr(ps, "more than %d interfaces", CONF_IF_MAX);
	for (i = 2; i < n; i += 2) {
		if (strcmp(w[i], "rate") == 0 && !has_rate) {
			if (units_parse_rate_bits(w[i + 1], &rate) != 0 ||
			    rate == 0)
				return perr(ps, "interface %s: bad rate '%s' "
				    "(tc units: 100mbit, 1gbit)", w[1],
				    w[i + 1]);
			has_rate = true;
		} else if (strcmp(w[i], "reservable") == 0 && !has_res) {
			if (parse_milli(w[i + 1], 1000, &pm) != 0)
				return perr(ps, "interface %s: bad reservable "
				    "'%s' (a fraction, 0 to 1)", w[1],
				    w[i + 1]);
			has_res = true;
		} else {
			return perr(ps, "usage: interface NAME [rate RATE] "
			    "[reservable FRACTION]");
		}
	}
	ci = &c->ifs[c->n_ifs++];
	snprintf(ci->name, sizeof(ci->name), "%s", w[1]);
	ci->rate_bps = rate;
	ci->has_reservable = has_res;
	ci->reservable_pm = (unsigned)pm;
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

static const char *const backend_names[] = {
	[CONF_BACKEND_NONE] = "none",
	[CONF_BACKEND_NETNS] = "netns",
	[CONF_BACKEND_XEN] = "xen",
	[CONF_BACKEND_VIRT] = "virt",
};

/* The name of backend 'b'. */
const char *
conf_backend_name(enum conf_backend b)
{
	if ((unsigned)b >= sizeof(backend_names) / sizeof(backend_names[0]))
		return "?";
	return backend_names[b];
}

static int
st_backend(struct parse *ps, char **w, int n)
{
	if (n == 2 && strcmp(w[1], "none") == 0)
		ps->c->backend = CONF_BACKEND_NONE;
	else if (n == 2 && strcmp(w[1], "netns") == 0)
		ps->c->backend = CONF_BACKEND_NETNS;
	else if (n == 2 && strcmp(w[1], "xen") == 0)
		ps->c->backend = CONF_BACKEND_XEN;
	else if (n == 2 && strcmp(w[1], "virt") == 0)
		ps->c->backend = CONF_BACKEND_VIRT;
	else
		return perr(ps, "usage: backend none|netns|xen|virt");
	return 0;
}

static int
st_pool(struct parse *ps, char **w, int n)
{
	unsigned long long v[3];
	int i;

	if (n != 7 || strcmp(w[1], "min-idle") != 0 ||
	    strcmp(w[3], "max-idle") != 0 || strcmp(w[5], "max-total") != 0)
		return perr(ps, "usage: pool min-idle N max-idle N "
		    "max-total N");
	for (i = 0; i < 3; i++)
		if (parse_uint(w[2 + 2 * i], CONF_POOL_MAX, &v[i]) != 0)
			return perr(ps, "pool: '%s' is not a number up to %u",
			    w[2 + 2 * i], CONF_POOL_MAX);
	if (v[0] > v[1] || v[1] > v[2] || v[2] == 0)
		return perr(ps, "pool: need min-idle <= max-idle <= "
		    "max-total, max-total >= 1");
	ps->c->pool_min_idle = (unsigned)v[0];
	ps->c->pool_max_idle = (unsigned)v[1];
	ps->c->pool_max_total = (unsigned)v[2];
	return 0;
}

static int
st_reservable(struct parse *ps, char **w, int n)
{
	unsigned long long pm;

	if (n != 2 || parse_milli(w[1], 1000, &pm) != 0)
		return perr(ps, "usage: reservable FRACTION (0 to 1, as 0.9)");
	ps->c->reservable_pm = (unsigned)pm;
	return 0;
}

static int
st_cpu_budget(struct parse *ps, char **w, int n)
{
	unsigned long long mc;

	if (n != 2 || parse_milli(w[1], CONF_CORES_MAX, &mc) != 0 || mc == 0)
		return perr(ps, "usage: cpu-budget CORES (as 1.5)");
	ps->c->cpu_budget_mc = (unsigned)mc;
	return 0;
}

static int
st_dom0_reserve(struct parse *ps, char **w, int n)
{
	unsigned long long mc;

	if (n != 2 || parse_milli(w[1], CONF_CORES_MAX, &mc) != 0)
		return perr(ps, "usage: dom0-reserve CORES (as 0.5)");
	ps->c->dom0_reserve_mc = (unsigned)mc;
	return 0;
}

static int
st_memory_budget(struct parse *ps, char **w, int n)
{
	uint64_t b;

	if (n != 2 || units_parse_size_bytes(w[1], &b) != 0 || b == 0)
		return perr(ps, "usage: memory-budget SIZE (tc units: 512m, "
		    "2g)");
	ps->c->memory_budget = b;
	return 0;
}

static int
st_pkt_cost(struct parse *ps, char **w, int n)
{
	unsigned long long v;

	if (n != 2 || parse_uint(w[1], CONF_PKT_COST_NS_MAX, &v) != 0 ||
	    v == 0)
		return perr(ps, "usage: pkt-cost-ns N (1 to %u)",
		    CONF_PKT_COST_NS_MAX);
	ps->c->pkt_cost_ns = (uint32_t)v;
	return 0;
}

static int
st_routelet(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->routelet);
}

static int
st_on_exit(struct parse *ps, char **w, int n)
{
	if (n == 2 && strcmp(w[1], "teardown") == 0)
		ps->c->on_exit = CONF_ON_EXIT_TEARDOWN;
	else if (n == 2 && strcmp(w[1], "keep") == 0)
		ps->c->on_exit = CONF_ON_EXIT_KEEP;
	else
		return perr(ps, "usage: on-exit teardown|keep");
	return 0;
}

static int
st_xen_kernel(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->xen_kernel);
}

static int
st_xen_ramdisk(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->xen_ramdisk);
}

/* A guest's memory: tc units, in [min, CONF_GUEST_MEMORY_MAX]. */
static int
set_memory(struct parse *ps, char **w, int n, uint64_t min, uint64_t *dst)
{
	uint64_t b;

	if (n != 2 || units_parse_size_bytes(w[1], &b) != 0 || b < min ||
	    b > CONF_GUEST_MEMORY_MAX)
		return perr(ps, "usage: %s SIZE (tc units, %llum to %llug)",
		    w[0], (unsigned long long)(min >> 20),
		    (unsigned long long)(CONF_GUEST_MEMORY_MAX >> 30));
	*dst = b;
	return 0;
}

static int
st_xen_memory(struct parse *ps, char **w, int n)
{
	return set_memory(ps, w, n, CONF_XEN_MEMORY_MIN, &ps->c->xen_memory);
}

/* A cpupool's name or CPU list: printable, no blanks, bounded. */
static int
set_word(struct parse *ps, const char *what, const char *v, const char *chars,
    const char *desc, char *dst, size_t size)
{
	size_t len = strlen(v);

	if (len == 0 || len >= size || strspn(v, chars) != len)
		return perr(ps, "%s: '%s' is not up to %zu of %s", what, v,
		    size - 1, desc);
	memcpy(dst, v, len + 1);
	return 0;
}

static int
st_xen_cpupool(struct parse *ps, char **w, int n)
{
	struct conf *c = ps->c;

	if ((n != 2 && n != 4) || (n == 4 && strcmp(w[2], "cpus") != 0))
		return perr(ps, "usage: xen-cpupool NAME [cpus LIST]");
	if (set_word(ps, "xen-cpupool", w[1], "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", "[A-Za-z0-9_.-]",
	    c->xen_cpupool,
	    sizeof(c->xen_cpupool)) != 0)
		return -1;
	if (n == 4 && set_word(ps, "xen-cpupool cpus", w[3], "0123456789,-",
	    "[0-9,-]", c->xen_cpupool_cpus, sizeof(c->xen_cpupool_cpus)) != 0)
		return -1;
	return 0;
}

/* Whether 'uri' is libvirt's Xen driver (xen:..., xen+ssh:...). */
bool
conf_uri_is_xen(const char *uri)
{
	return strncmp(uri, "xen:", 4) == 0 || strncmp(uri, "xen+", 4) == 0;
}

static int
st_virt_uri(struct parse *ps, char **w, int n)
{
	size_t len;

	if (n != 2)
		return perr(ps, "usage: virt-uri URI");
	len = strlen(w[1]);
	if (len >= CONF_URI_MAX || strchr(w[1], ':') == NULL)
		return perr(ps, "virt-uri: '%s' is not a libvirt URI shorter "
		    "than %d bytes (lxc:///system)", w[1], CONF_URI_MAX);
	memcpy(ps->c->virt_uri, w[1], len + 1);
	return 0;
}

static int
st_virt_kernel(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->virt_kernel);
}

static int
st_virt_initrd(struct parse *ps, char **w, int n)
{
	return set_path(ps, w, n, ps->c->virt_initrd);
}

static int
st_virt_memory(struct parse *ps, char **w, int n)
{
	return set_memory(ps, w, n, CONF_GUEST_MEMORY_MIN,
	    &ps->c->virt_memory);
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
	{ "backend", st_backend, false },
	{ "pool", st_pool, false },
	{ "reservable", st_reservable, false },
	{ "cpu-budget", st_cpu_budget, false },
	{ "dom0-reserve", st_dom0_reserve, false },
	{ "memory-budget", st_memory_budget, false },
	{ "pkt-cost-ns", st_pkt_cost, false },
	{ "routelet", st_routelet, false },
	{ "on-exit", st_on_exit, false },
	{ "xen-kernel", st_xen_kernel, false },
	{ "xen-ramdisk", st_xen_ramdisk, false },
	{ "xen-memory", st_xen_memory, false },
	{ "xen-cpupool", st_xen_cpupool, false },
	{ "virt-uri", st_virt_uri, false },
	{ "virt-kernel", st_virt_kernel, false },
	{ "virt-initrd", st_virt_initrd, false },
	{ "virt-memory", st_virt_memory, false },
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
	c->backend = CONF_BACKEND_NETNS;
	c->pool_min_idle = CONF_POOL_MIN_IDLE_DEFAULT;
	c->pool_max_idle = CONF_POOL_MAX_IDLE_DEFAULT;
	c->pool_max_total = CONF_POOL_MAX_TOTAL_DEFAULT;
	c->reservable_pm = CONF_RESERVABLE_DEFAULT;
	c->dom0_reserve_mc = CONF_DOM0_RESERVE_DEFAULT;
	c->memory_budget = CONF_MEMORY_BUDGET_DEFAULT;
	c->xen_memory = CONF_GUEST_MEMORY_DEFAULT;
	snprintf(c->virt_uri, sizeof(c->virt_uri), "%s",
	    CONF_VIRT_URI_DEFAULT);
	c->virt_memory = CONF_GUEST_MEMORY_DEFAULT;
}

static int
parse_line(struct parse *ps, char *line)
{
	char *w[CONF_WORDS_MAX];
	size_t i;
	int n;

	if ((n = words_split(line, w, CONF_WORDS_MAX)) < 0)
		return perr(ps, "too many words");
	if (n == 0)
		return 0;
	for (i = 0; i < N_STATEMENTS; i++) {
		if (strcmp(w[0], statements[i].name) != 0)
			continue;
		if (!statements[i].repeats && (ps->seen & (1ull << i)))
			return perr(ps, "%s given twice", w[0]);
		ps->seen |= 1ull << i;
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
	/* An exhausted pool only grows back to min-idle (dom0/pool.h). */
	if (c->backend != CONF_BACKEND_NONE && c->pool_min_idle == 0)
		return perr(ps, "pool min-idle 0 with backend %s: no routelet "
		    "would ever be made", conf_backend_name(c->backend));
	/* The images are not installed anywhere we could default to. */
	if (c->backend == CONF_BACKEND_XEN && (c->xen_kernel[0] == '\0' ||
	    c->xen_ramdisk[0] == '\0'))
		return perr(ps, "backend xen needs xen-kernel and xen-ramdisk "
		    "(the routelet images: make images)");
	if (c->backend == CONF_BACKEND_VIRT && conf_uri_is_xen(c->virt_uri)) {
		if (c->virt_kernel[0] == '\0' || c->virt_initrd[0] == '\0')
			return perr(ps, "backend virt on %s needs virt-kernel "
			    "and virt-initrd (the routelet images: make "
			    "images)", c->virt_uri);
		if (c->virt_memory < CONF_XEN_MEMORY_MIN)
			return perr(ps, "backend virt on %s: virt-memory "
			    "below %llum (Debian's kernel)", c->virt_uri,
			    (unsigned long long)(CONF_XEN_MEMORY_MIN >> 20));
	}
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
		if (c->ifs[i].has_reservable) {
			fprintf(f, " reservable ");
			print_milli(f, c->ifs[i].reservable_pm);
		}
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
	fprintf(f, "backend %s\n", conf_backend_name(c->backend));
	fprintf(f, "pool min-idle %u max-idle %u max-total %u\n",
	    c->pool_min_idle, c->pool_max_idle, c->pool_max_total);
	fprintf(f, "reservable ");
	print_milli(f, c->reservable_pm);
	fputc('\n', f);
	if (c->cpu_budget_mc != 0) {
		fprintf(f, "cpu-budget ");
		print_milli(f, c->cpu_budget_mc);
		fputc('\n', f);
	}
	fprintf(f, "dom0-reserve ");
	print_milli(f, c->dom0_reserve_mc);
	fputc('\n', f);
	if (units_print_size_bytes(c->memory_budget, rate, sizeof(rate)) > 0)
		fprintf(f, "memory-budget %s\n", rate);
	if (c->pkt_cost_ns != 0)
		fprintf(f, "pkt-cost-ns %" PRIu32 "\n", c->pkt_cost_ns);
	if (c->routelet[0] != '\0')
		fprintf(f, "routelet %s\n", c->routelet);
	fprintf(f, "on-exit %s\n",
	    c->on_exit == CONF_ON_EXIT_KEEP ? "keep" : "teardown");
	if (c->xen_kernel[0] != '\0')
		fprintf(f, "xen-kernel %s\n", c->xen_kernel);
	if (c->xen_ramdisk[0] != '\0')
		fprintf(f, "xen-ramdisk %s\n", c->xen_ramdisk);
	if (units_print_size_bytes(c->xen_memory, rate, sizeof(rate)) > 0)
		fprintf(f, "xen-memory %s\n", rate);
	if (c->xen_cpupool[0] != '\0') {
		fprintf(f, "xen-cpupool %s", c->xen_cpupool);
		if (c->xen_cpupool_cpus[0] != '\0')
			fprintf(f, " cpus %s", c->xen_cpupool_cpus);
		fputc('\n', f);
	}
	fprintf(f, "virt-uri %s\n", c->virt_uri);
	if (c->virt_kernel[0] != '\0')
		fprintf(f, "virt-kernel %s\n", c->virt_kernel);
	if (c->virt_initrd[0] != '\0')
		fprintf(f, "virt-initrd %s\n", c->virt_initrd);
	if (units_print_size_bytes(c->virt_memory, rate, sizeof(rate)) > 0)
		fprintf(f, "virt-memory %s\n", rate);
	return ferror(f) ? -1 : 0;
}

/* The fraction of ci's rate flows may reserve. */
double
conf_if_reservable(const struct conf *c, const struct conf_if *ci)
{
	return (ci->has_reservable ? ci->reservable_pm : c->reservable_pm) /
	    1000.0;
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
