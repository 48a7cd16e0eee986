#include "routelet/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/mpls.h"

enum cfg_key {
	K_GENERATION,
	K_FLOW_ID,
	K_NAME,
	K_IN_LABEL,
	K_OUT_LABEL,
	K_NEXTHOP_MAC,
	K_SOURCE_MAC,
	K_RATE,
	K_BUCKET,
	K_PEAK,
	K_MIN_UNIT,
	K_MAX_SIZE,
	K_COUNT
};

/* The keys of the text encoding, in the order rl_config_format writes. */
static const char *const rl_config_keys[] = {
	[K_GENERATION] = "generation",
	[K_FLOW_ID] = "flow-id",
	[K_NAME] = "name",
	[K_IN_LABEL] = "in-label",
	[K_OUT_LABEL] = "out-label",
	[K_NEXTHOP_MAC] = "nexthop-mac",
	[K_SOURCE_MAC] = "source-mac",
	[K_RATE] = "rate",
	[K_BUCKET] = "bucket",
	[K_PEAK] = "peak",
	[K_MIN_UNIT] = "min-unit",
	[K_MAX_SIZE] = "max-size",
	[K_COUNT] = NULL
};

/* flow-id and name may be left out; every other key is mandatory. */
static bool
key_optional(enum cfg_key k)
{
	return k == K_FLOW_ID || k == K_NAME;
}

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Parse decimal 's' (digits only) into 'v_r', refusing values above 'max'. */
static bool
parse_u64(const char *s, uint64_t max, uint64_t *v_r)
{
	uint64_t v = 0;
	unsigned d;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		d = (unsigned)(*s - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*v_r = v;
	return true;
}

/* A flow name: 1 to RL_NAME_MAX - 1 of [A-Za-z0-9._-]. */
static bool
name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= RL_NAME_MAX)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/*
 * Out labels: any unreserved label, IPv4 or IPv6 explicit null, or
 * implicit null to pop (RFC 3032 2.1).
 */
static bool
out_label_valid(uint64_t l)
{
	return l == MPLS_LABEL_IPV4_EXPLICIT_NULL ||
	    l == MPLS_LABEL_IPV6_EXPLICIT_NULL ||
	    l == MPLS_LABEL_IMPLICIT_NULL ||
	    (l >= MPLS_LABEL_FIRST_UNRESERVED && l <= MPLS_LABEL_MAX);
}

/* Store 'val' for key 'k' in 'c'; false if the value is not valid. */
static bool
set_key(struct rl_config *c, enum cfg_key k, const char *val)
{
	uint64_t v;

	switch (k) {
	case K_GENERATION:
		return parse_u64(val, UINT64_MAX, &c->generation);
	case K_FLOW_ID:
		if (!parse_u64(val, UINT32_MAX, &v))
			return false;
		c->flow_id = (uint32_t)v;
		return true;
	case K_NAME:
		if (!name_valid(val))
			return false;
		strcpy(c->name, val);
		return true;
	case K_IN_LABEL:
		if (!parse_u64(val, MPLS_LABEL_MAX, &v) ||
		    v < MPLS_LABEL_FIRST_UNRESERVED)
			return false;
		c->in_label = (uint32_t)v;
		return true;
	case K_OUT_LABEL:
		if (!parse_u64(val, MPLS_LABEL_MAX, &v) || !out_label_valid(v))
			return false;
		c->out_label = (uint32_t)v;
		return true;
	case K_NEXTHOP_MAC:
		return mac_parse(val, c->nexthop_mac);
	case K_SOURCE_MAC:
		return mac_parse(val, c->source_mac);
	case K_RATE:
		return parse_u64(val, POLICER_RATE_MAX, &c->tspec.rate) &&
		    c->tspec.rate > 0;
	case K_BUCKET:
		return parse_u64(val, POLICER_BUCKET_MAX, &c->tspec.bucket) &&
		    c->tspec.bucket > 0;
	case K_PEAK:
		if (strcmp(val, "inf") == 0) {
			c->tspec.peak = POLICER_RATE_INF;
			return true;
		}
		return parse_u64(val, POLICER_RATE_MAX, &c->tspec.peak) &&
		    c->tspec.peak > 0;
	case K_MIN_UNIT:
		if (!parse_u64(val, UINT16_MAX, &v))
			return false;
		c->tspec.min_unit = (uint32_t)v;
		return true;
	case K_MAX_SIZE:
		if (!parse_u64(val, UINT16_MAX, &v) || v == 0)
			return false;
		c->tspec.max_size = (uint32_t)v;
		return true;
	case K_COUNT:
		break;
	}
	return false;
}

static bool
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

static int
lookup_key(const char *key)
{
	int k;

	for (k = 0; k < K_COUNT; k++)
		if (strcmp(key, rl_config_keys[k]) == 0)
			return k;
	return -1;
}

int
rl_config_parse(const char *text, size_t len, struct rl_config *cfg_r,
    char *err, size_t errlen)
{
	struct rl_config c;
	unsigned keyline[K_COUNT] = { 0 };
	char line[RL_CONFIG_LINE_MAX + 1];
	const char *p = text, *end = text + len, *nl;
	char *key, *val, *sp;
	size_t n;
	unsigned lineno = 0;
	int k;

	memset(&c, 0, sizeof(c));
	if (len > RL_CONFIG_TEXT_MAX) {
		seterr(err, errlen, "config is %zu bytes, more than %d",
		    len, RL_CONFIG_TEXT_MAX);
		return -1;
	}
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (n > RL_CONFIG_LINE_MAX) {
			seterr(err, errlen, "line %u: longer than %d bytes",
			    lineno, RL_CONFIG_LINE_MAX);
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl ? 1 : 0);
		if (strlen(line) != n) {
			seterr(err, errlen, "line %u: NUL byte", lineno);
			return -1;
		}
		if (n == 0 || line[0] == '#')
			continue;

		/* "key value": one space or tab run between, nothing more. */
		key = line;
		sp = strpbrk(line, " \t");
		if (sp == NULL || sp == line) {
			seterr(err, errlen, "line %u: expected 'key value'",
			    lineno);
			return -1;
		}
		*sp++ = '\0';
		val = sp + strspn(sp, " \t");
		if (*val == '\0' || strpbrk(val, " \t\r") != NULL) {
			seterr(err, errlen, "line %u: expected one value after "
			    "'%s'", lineno, key);
			return -1;
		}
		if ((k = lookup_key(key)) < 0) {
			/* Echo only what is safe to show in a log. */
			if (printable(key))
				seterr(err, errlen, "line %u: unknown key "
				    "'%.40s'", lineno, key);
			else
				seterr(err, errlen, "line %u: unknown key",
				    lineno);
			return -1;
		}
		if (keyline[k] != 0) {
			seterr(err, errlen, "line %u: '%s' already set on "
			    "line %u", lineno, key, keyline[k]);
			return -1;
		}
		keyline[k] = lineno;
		if (!set_key(&c, (enum cfg_key)k, val)) {
			seterr(err, errlen, "line %u: bad value for '%s'",
			    lineno, key);
			return -1;
		}
	}

	for (k = 0; k < K_COUNT; k++) {
		if (keyline[k] == 0 && !key_optional((enum cfg_key)k)) {
			seterr(err, errlen, "missing key '%s'",
			    rl_config_keys[k]);
			return -1;
		}
	}
	/* RFC 2212 5 (and RFC 2211 3.3 by reference): m <= M, p >= r. */
	if (c.tspec.min_unit > c.tspec.max_size) {
		seterr(err, errlen, "line %u: min-unit above max-size",
		    keyline[K_MIN_UNIT]);
		return -1;
	}
	if (c.tspec.peak < c.tspec.rate) {
		seterr(err, errlen, "line %u: peak below rate",
		    keyline[K_PEAK]);
		return -1;
	}
	*cfg_r = c;
	return 0;
}

int
rl_config_generation(const char *text, size_t len, uint64_t *gen_r)
{
	static const char key[] = "generation";
	const size_t klen = sizeof(key) - 1;
	const char *p = text, *end = text + len, *nl, *q;
	char val[24];

	for (; p < end; p = nl + (nl < end)) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) <= klen || memcmp(p, key, klen) != 0 ||
		    (p[klen] != ' ' && p[klen] != '\t'))
			continue;
		for (q = p + klen; q < nl && (*q == ' ' || *q == '\t'); q++)
			;
		if ((size_t)(nl - q) >= sizeof(val))
			return -1;
		memcpy(val, q, (size_t)(nl - q));
		val[nl - q] = '\0';
		return parse_u64(val, UINT64_MAX, gen_r) ? 0 : -1;
	}
	return -1;
}

int
rl_config_format(const struct rl_config *c, char *buf, size_t cap)
{
	char nh[18], src[18], peak[24];
	int r;

	if (c->tspec.peak == POLICER_RATE_INF)
		snprintf(peak, sizeof(peak), "inf");
	else
		snprintf(peak, sizeof(peak), "%llu",
		    (unsigned long long)c->tspec.peak);
	r = snprintf(buf, cap,
	    "generation %llu\n"
	    "flow-id %u\n"
	    "%s%s%s"
	    "in-label %u\n"
	    "out-label %u\n"
	    "nexthop-mac %s\n"
	    "source-mac %s\n"
	    "rate %llu\n"
	    "bucket %llu\n"
	    "peak %s\n"
	    "min-unit %u\n"
	    "max-size %u\n",
	    (unsigned long long)c->generation, c->flow_id,
	    c->name[0] ? "name " : "", c->name, c->name[0] ? "\n" : "",
	    c->in_label, c->out_label,
	    mac_format(c->nexthop_mac, nh, sizeof(nh)),
	    mac_format(c->source_mac, src, sizeof(src)),
	    (unsigned long long)c->tspec.rate,
	    (unsigned long long)c->tspec.bucket, peak,
	    c->tspec.min_unit, c->tspec.max_size);
	if (r < 0 || (size_t)r >= cap)
		return -1;
	return r;
}
