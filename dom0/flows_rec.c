/*
 * The text of a flow's record (dom0/flows_rec.h).  Example:
 *
 *	quasar-flow 1
 *	endpoint 10.0.2.2
 *	tunnel-id 7
 *	ext-tunnel-id 10.0.0.1
 *	sender 10.0.0.1
 *	lsp-id 1
 *	name video
 *	setup-prio 7
 *	hold-prio 7
 *	in-label 1001
 *	out-label 17
 *	out-ifindex 3
 *	nexthop-mac 02:00:00:00:00:02
 *	source-mac 02:00:00:00:00:01
 *	routelet 4
 *	vif-ifindex 41
 *	classid 0x10010
 *	generation 12
 *	flowspec 00000007050000066...	(RFC 2210 body, hex)
 *	sender-tspec -			(or its body in hex)
 *
 * The IntServ bodies are kept as the wire bytes the codec of flowspec/
 * writes and reads, so the admission inputs come back exactly.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/flows_rec.h"

#define BODY_MAX	64	/* bytes of an IntServ body we keep */

enum rec_key {
	K_ENDPOINT = 0, K_TUNNEL_ID, K_EXT_ID, K_SENDER, K_LSP_ID, K_NAME,
	K_SETUP, K_HOLD, K_IN_LABEL, K_OUT_LABEL, K_OUT_IFINDEX, K_NH_MAC,
	K_SRC_MAC, K_ROUTELET, K_VIF, K_CLASSID, K_GENERATION, K_FLOWSPEC,
	K_TSPEC, K_N,
};

static const char *const rec_keys[K_N] = {
	[K_ENDPOINT] = "endpoint",
	[K_TUNNEL_ID] = "tunnel-id",
	[K_EXT_ID] = "ext-tunnel-id",
	[K_SENDER] = "sender",
	[K_LSP_ID] = "lsp-id",
	[K_NAME] = "name",
	[K_SETUP] = "setup-prio",
	[K_HOLD] = "hold-prio",
	[K_IN_LABEL] = "in-label",
	[K_OUT_LABEL] = "out-label",
	[K_OUT_IFINDEX] = "out-ifindex",
	[K_NH_MAC] = "nexthop-mac",
	[K_SRC_MAC] = "source-mac",
	[K_ROUTELET] = "routelet",
	[K_VIF] = "vif-ifindex",
	[K_CLASSID] = "classid",
	[K_GENERATION] = "generation",
	[K_FLOWSPEC] = "flowspec",
	[K_TSPEC] = "sender-tspec",
};

/* 'n' bytes of 'b' as lower-case hex into 'out' (2n + 1 bytes). */
static void
hex(char *out, const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* 'm' as aa:bb:cc:dd:ee:ff into 'out' (18 bytes). */
static void
mac_text(char *out, const uint8_t m[6])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
	    m[3], m[4], m[5]);
}

/* The name as one line: bytes outside printable ASCII become '?'. */
static void
name_text(char *out, const char *name, size_t cap)
{
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < cap; i++)
		out[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
	out[i] = '\0';
	if (i == 0)
		snprintf(out, cap, "-");
}

/* Write record 'r' as text into 'buf'; its length or -1. */
int
flows_rec_format(const struct flows_rec *r, char *buf, size_t cap)
{
	char ep[INET_ADDRSTRLEN], ext[INET_ADDRSTRLEN], snd[INET_ADDRSTRLEN];
	char nh[18], src[18], fs[2 * BODY_MAX + 1], ts[2 * BODY_MAX + 1];
	char name[FLOW_NAME_MAX];
	uint8_t body[BODY_MAX];
	int n;

	inet_ntop(AF_INET, &r->session.endpoint, ep, sizeof(ep));
	inet_ntop(AF_INET, &r->session.ext_id, ext, sizeof(ext));
	inet_ntop(AF_INET, &r->session.sender, snd, sizeof(snd));
	mac_text(nh, r->nexthop_mac);
	mac_text(src, r->source_mac);
	name_text(name, r->name, sizeof(name));
	if ((n = is_flowspec_encode(&r->fs, body, sizeof(body))) < 0)
		return -1;
	hex(fs, body, (size_t)n);
	if (!r->has_sender)
		snprintf(ts, sizeof(ts), "-");
	else if ((n = is_sender_tspec_encode(&r->sender, body,
	    sizeof(body))) < 0)
		return -1;
	else
		hex(ts, body, (size_t)n);
	n = snprintf(buf, cap,
	    "quasar-flow %d\n"
	    "endpoint %s\ntunnel-id %u\next-tunnel-id %s\nsender %s\n"
	    "lsp-id %u\nname %s\nsetup-prio %u\nhold-prio %u\n"
	    "in-label %" PRIu32 "\nout-label %" PRIu32 "\nout-ifindex %u\n"
	    "nexthop-mac %s\nsource-mac %s\nroutelet %u\nvif-ifindex %u\n"
	    "classid 0x%" PRIx32 "\ngeneration %" PRIu64 "\n"
	    "flowspec %s\nsender-tspec %s\n",
	    FLOWS_REC_VERSION, ep, r->session.tunnel_id, ext, snd,
	    r->session.lsp_id, name,
	    r->setup_prio, r->hold_prio, r->in_label, r->out_label,
	    r->out_ifindex, nh, src, r->rl_id, r->vif_ifindex, r->classid,
	    r->generation, fs, ts);
	if (n < 0 || (size_t)n >= cap)
		return -1;
	return n;
}

/* Fill 'err' with "line N: what" (or just what); returns -1. */
static int __attribute__((format(printf, 4, 5)))
rec_err(char *err, size_t errlen, unsigned line, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (line != 0)
		snprintf(err, errlen, "line %u: %s", line, what);
	else
		snprintf(err, errlen, "%s", what);
	return -1;
}

/* A decimal number of at most 'max'; false if not one. */
static bool
num(const char *v, uint64_t max, uint64_t *n_r)
{
	char *end;
	unsigned long long n;

	if (v[0] < '0' || v[0] > '9')
		return false;
	errno = 0;
	n = strtoull(v, &end, v[0] == '0' && v[1] == 'x' ? 16 : 10);
	if (errno != 0 || *end != '\0' || n > max)
		return false;
	*n_r = n;
	return true;
}

/* Parse aa:bb:cc:dd:ee:ff into 'm'; false if it is not one. */
static bool
mac(const char *v, uint8_t m[6])
{
	unsigned b[6];
	int used, i;

	if (sscanf(v, "%2x:%2x:%2x:%2x:%2x:%2x%n", &b[0], &b[1], &b[2], &b[3],
	    &b[4], &b[5], &used) != 6 || v[used] != '\0' || used != 17)
		return false;
	for (i = 0; i < 6; i++)
		m[i] = (uint8_t)b[i];
	return true;
}

/* Hex 'v' into 'b' (at most 'cap' bytes); the length, or -1. */
static int
unhex(const char *v, uint8_t *b, size_t cap)
{
	size_t n = strlen(v), i;
	unsigned x;

	if (n == 0 || n % 2 != 0 || n / 2 > cap)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(v + 2 * i, "%2x", &x) != 1 ||
		    strchr("0123456789abcdef", v[2 * i]) == NULL ||
		    strchr("0123456789abcdef", v[2 * i + 1]) == NULL)
			return -1;
		b[i] = (uint8_t)x;
	}
	return (int)(n / 2);
}

/* Set field 'k' of 'r' from 'v'; false when 'v' is not a valid value. */
static bool
rec_set(struct flows_rec *r, enum rec_key k, const char *v)
{
	uint8_t body[BODY_MAX];
	struct is_err ie;
	uint64_t n;
	int len;

	switch (k) {
	case K_ENDPOINT:
		return inet_pton(AF_INET, v, &r->session.endpoint) == 1;
	case K_EXT_ID:
		return inet_pton(AF_INET, v, &r->session.ext_id) == 1;
	case K_SENDER:
		return inet_pton(AF_INET, v, &r->session.sender) == 1;
	case K_TUNNEL_ID:
		if (!num(v, UINT16_MAX, &n))
			return false;
		r->session.tunnel_id = (uint16_t)n;
		return true;
	case K_LSP_ID:
		if (!num(v, UINT16_MAX, &n))
			return false;
		r->session.lsp_id = (uint16_t)n;
		return true;
	case K_NAME:
		if (strlen(v) >= sizeof(r->name))
			return false;
		snprintf(r->name, sizeof(r->name), "%s",
		    strcmp(v, "-") == 0 ? "" : v);
		return true;
	case K_SETUP:
	case K_HOLD:
		if (!num(v, ADM_PRIO_WORST, &n))
			return false;
		*(k == K_SETUP ? &r->setup_prio : &r->hold_prio) = (uint8_t)n;
		return true;
	case K_IN_LABEL:
	case K_OUT_LABEL:
		if (!num(v, 0xfffff, &n))
			return false;
		*(k == K_IN_LABEL ? &r->in_label : &r->out_label) =
		    (uint32_t)n;
		return true;
	case K_OUT_IFINDEX:
	case K_ROUTELET:
	case K_VIF:
		if (!num(v, INT32_MAX, &n))
			return false;
		*(k == K_OUT_IFINDEX ? &r->out_ifindex : k == K_ROUTELET ?
		    &r->rl_id : &r->vif_ifindex) = (unsigned)n;
		return true;
	case K_NH_MAC:
		return mac(v, r->nexthop_mac);
	case K_SRC_MAC:
		return mac(v, r->source_mac);
	case K_CLASSID:
		if (!num(v, UINT32_MAX, &n))
			return false;
		r->classid = (uint32_t)n;
		return true;
	case K_GENERATION:
		return num(v, UINT64_MAX, &r->generation);
	case K_FLOWSPEC:
		return (len = unhex(v, body, sizeof(body))) > 0 &&
		    is_flowspec_decode(body, (size_t)len, &r->fs, &ie) == 0;
	case K_TSPEC:
		if (strcmp(v, "-") == 0) {
			r->has_sender = false;
			return true;
		}
		r->has_sender = true;
		return (len = unhex(v, body, sizeof(body))) > 0 &&
		    is_sender_tspec_decode(body, (size_t)len, &r->sender,
		    &ie) == 0;
	case K_N:
		break;
	}
	return false;
}

/* Read the record 'text' into '*r'; 0, or -1 with 'err'. */
int
flows_rec_parse(const char *text, size_t len, struct flows_rec *r, char *err,
    size_t errlen)
{
	char line[256], *sp;
	bool seen[K_N] = { false };
	const char *p = text, *end = text + len, *nl;
	unsigned lineno = 0;
	size_t n;
	int k;

	memset(r, 0, sizeof(*r));
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return rec_err(err, errlen, lineno, "no newline at end");
		n = (size_t)(nl - p);
		if (n >= sizeof(line))
			return rec_err(err, errlen, lineno, "line too long");
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl + 1;
		if (memchr(line, '\0', n) != NULL)
			return rec_err(err, errlen, lineno, "NUL byte");
		if ((sp = strchr(line, ' ')) == NULL)
			return rec_err(err, errlen, lineno, "not \"key value\"");
		*sp++ = '\0';
		if (lineno == 1) {
			if (strcmp(line, "quasar-flow") != 0)
				return rec_err(err, errlen, lineno,
				    "not a flow record");
			if (strcmp(sp, "1") != 0)
				return rec_err(err, errlen, lineno,
				    "version %s, this quasard reads 1", sp);
			continue;
		}
		for (k = 0; k < K_N; k++)
			if (strcmp(line, rec_keys[k]) == 0)
				break;
		if (k == K_N)
			return rec_err(err, errlen, lineno, "unknown key \"%s\"",
			    line);
		if (seen[k])
			return rec_err(err, errlen, lineno, "%s twice", line);
		seen[k] = true;
		if (!rec_set(r, (enum rec_key)k, sp))
			return rec_err(err, errlen, lineno, "bad %s \"%s\"",
			    line, sp);
	}
	if (lineno == 0)
		return rec_err(err, errlen, 0, "empty");
	for (k = 0; k < K_N; k++)
		if (!seen[k])
			return rec_err(err, errlen, 0, "no %s", rec_keys[k]);
	return 0;
}

/* Same SESSION and SENDER_TEMPLATE? */
bool
flows_rec_same_lsp(const struct flow_session *a, const struct flow_session *b)
{
	return a->endpoint.s_addr == b->endpoint.s_addr &&
	    a->tunnel_id == b->tunnel_id &&
	    a->ext_id.s_addr == b->ext_id.s_addr &&
	    a->sender.s_addr == b->sender.s_addr && a->lsp_id == b->lsp_id;
}
