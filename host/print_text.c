/*
 * Text output of a dissected packet, in the manner of tcpdump -v: a header
 * line with time, IPv4 fields (TTL, options) and the RSVP common header,
 * then one tab-indented line per object with every field.
 */
#include "host/print.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "flowspec/intserv.h"
#include "flowspec/units.h"
#include "lib/inet.h"

/* Print 'a' (network order). */
static void
pr_addr(FILE *fp, struct in_addr a)
{
	char buf[INET_ADDRSTRLEN];

	fputs(ipv4_ntop(a, buf, sizeof(buf)), fp);
}

/* Print an IntServ rate (bytes/s) in bit/s with tc's units. */
static void
pr_rate(FILE *fp, float bytes_per_s)
{
	char buf[UNITS_STRLEN];

	if (isinf(bytes_per_s) && bytes_per_s > 0)
		fputs("inf", fp);
	else if (isnan(bytes_per_s) || bytes_per_s < 0)
		fprintf(fp, "%g B/s", (double)bytes_per_s);
	else if (units_print_rate_bits(units_is_rate_to_bits(bytes_per_s),
	    buf, sizeof(buf)) < 0)
		fprintf(fp, "%g B/s", (double)bytes_per_s);
	else
		fputs(buf, fp);
}

/* Print an IntServ size (bytes, float or integer) with tc's units. */
static void
pr_size(FILE *fp, double bytes)
{
	char buf[UNITS_STRLEN];

	if (!isfinite(bytes) || bytes < 0 || bytes != floor(bytes) ||
	    bytes >= 18446744073709551616.0 ||	/* 2^64 */
	    units_print_size_bytes((uint64_t)bytes, buf, sizeof(buf)) < 0)
		fprintf(fp, "%g bytes", bytes);
	else
		fputs(buf, fp);
}

/* "NAME (n)", or "n" when the table has no name. */
static void
pr_named(FILE *fp, const char *name, unsigned n)
{
	if (name != NULL)
		fprintf(fp, "%s (%u)", name, n);
	else
		fprintf(fp, "%u", n);
}

static void
pr_bytes(FILE *fp, const uint8_t *b, size_t n)
{
	size_t i;

	fputs("0x", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "%02x", b[i]);
}

static void
pr_tspec(FILE *fp, const struct is_tspec *t)
{
	fputs("rate ", fp);
	pr_rate(fp, t->rate);
	fputs(", bucket ", fp);
	pr_size(fp, t->bucket);
	fputs(", peak ", fp);
	pr_rate(fp, t->peak);
	fprintf(fp, ", min unit %" PRIu32 ", max size %" PRIu32, t->min_unit,
	    t->max_size);
}

static void
pr_is_error(FILE *fp, const struct is_err *e)
{
	fprintf(fp, "malformed IntServ body: %s at byte %zu of the body",
	    is_reason_str(e->reason), e->offset);
}

static void
pr_sender_tspec(FILE *fp, const struct rsvp_opaque *o)
{
	struct is_tspec t;
	struct is_err e;

	if (is_sender_tspec_decode(o->data, o->len, &t, &e) < 0) {
		pr_is_error(fp, &e);
		return;
	}
	fputs("token bucket ", fp);
	pr_tspec(fp, &t);
}

static void
pr_flowspec(FILE *fp, const struct rsvp_opaque *o)
{
	struct is_flowspec f;
	struct is_err e;

	if (is_flowspec_decode(o->data, o->len, &f, &e) < 0) {
		pr_is_error(fp, &e);
		return;
	}
	if (f.service == IS_SVC_GUARANTEED)
		fputs("Guaranteed (2), ", fp);
	else
		fputs("Controlled-Load (5), ", fp);
	pr_tspec(fp, &f.tspec);
	if (f.service == IS_SVC_GUARANTEED) {
		fputs(", R ", fp);
		pr_rate(fp, f.rspec.rate);
		fprintf(fp, ", S %" PRIu32 " us", f.rspec.slack);
	}
}

static void
pr_ad_u32(FILE *fp, const char *what, const struct is_ad_u32 *p,
    const char *unit)
{
	if (!p->present)
		return;
	fprintf(fp, " %s %" PRIu32 "%s", what, p->value, unit);
	if (p->flags & IS_PARAM_INVALID)
		fputs(" (invalid)", fp);
}

static void
pr_ad_general(FILE *fp, const struct is_ad_general *g)
{
	pr_ad_u32(fp, "hops", &g->hop_count, "");
	if (g->path_bw.present) {
		fputs(" path_bw ", fp);
		pr_rate(fp, g->path_bw.value);
		if (g->path_bw.flags & IS_PARAM_INVALID)
			fputs(" (invalid)", fp);
	}
	/* RFC 2215 3.4: all ones is an indeterminate latency. */
	if (g->min_latency.present &&
	    g->min_latency.value == IS_LATENCY_INDETERMINATE)
		fprintf(fp, " min_latency indeterminate%s",
		    g->min_latency.flags & IS_PARAM_INVALID ?
		    " (invalid)" : "");
	else
		pr_ad_u32(fp, "min_latency", &g->min_latency, "us");
	pr_ad_u32(fp, "mtu", &g->path_mtu, "");
}

static void
pr_adspec(FILE *fp, const struct rsvp_opaque *o)
{
	struct is_adspec a;
	struct is_err e;
	unsigned i;

	if (is_adspec_decode(o->data, o->len, &a, &e) < 0) {
		pr_is_error(fp, &e);
		return;
	}
	fprintf(fp, "general [%s", a.gen_brk ? "break" : "");
	pr_ad_general(fp, &a.general);
	fputs(" ]", fp);
	if (a.guaranteed.present) {
		fprintf(fp, ", guaranteed [%s",
		    a.guaranteed.brk ? "break" : "");
		pr_ad_u32(fp, "Ctot", &a.guaranteed.ctot, "");
		pr_ad_u32(fp, "Dtot", &a.guaranteed.dtot, "us");
		pr_ad_u32(fp, "Csum", &a.guaranteed.csum, "");
		pr_ad_u32(fp, "Dsum", &a.guaranteed.dsum, "us");
		pr_ad_general(fp, &a.guaranteed.override);
		fputs(" ]", fp);
	}
	if (a.cl.present) {
		fprintf(fp, ", controlled-load [%s", a.cl.brk ? "break" : "");
		pr_ad_general(fp, &a.cl.override);
		fputs(" ]", fp);
	}
	for (i = 0; i < a.n_other && i < IS_AD_MAX_OTHER; i++)
		fprintf(fp, ", service %u [%s%u bytes ]", a.other[i].service,
		    a.other[i].brk ? "break " : "", a.other[i].len);
}

static void
pr_route(FILE *fp, const struct rsvp_route *r, bool ero)
{
	const struct rsvp_subobj *s;
	uint16_t i;

	if (r->nsub == 0)
		fputs("empty", fp);
	for (i = 0; i < r->nsub && i < RSVP_ROUTE_MAX; i++) {
		s = &r->sub[i];
		if (i > 0)
			fputs(", ", fp);
		switch (s->type) {
		case RSVP_SUBOBJ_IPV4:
			pr_addr(fp, s->addr);
			fprintf(fp, "/%u", s->prefix_len);
			if (ero)
				fputs(s->loose ? " loose" : " strict", fp);
			else if (s->flags != 0)
				fprintf(fp, " flags 0x%02x%s%s", s->flags,
				    s->flags & RSVP_RRO_F_LOCAL_PROT_AVAIL ?
				    " [local-protection-available]" : "",
				    s->flags & RSVP_RRO_F_LOCAL_PROT_IN_USE ?
				    " [local-protection-in-use]" : "");
			break;
		case RSVP_SUBOBJ_AS:
			fprintf(fp, "AS %u%s", s->asn,
			    ero ? (s->loose ? " loose" : " strict") : "");
			break;
		case RSVP_SUBOBJ_LABEL:
			fprintf(fp, "label %" PRIu32 " (C-Type %u, flags "
			    "0x%02x%s)", s->label, s->label_ctype, s->flags,
			    s->flags & RSVP_RRO_LABEL_F_GLOBAL ?
			    " [global]" : "");
			break;
		default:
			fprintf(fp, "subobject %u", s->type);
			break;
		}
	}
}

static void
pr_session_attr(FILE *fp, const struct rsvp_obj *o)
{
	const struct rsvp_session_attr *sa = &o->u.session_attr;

	if (o->c_type == RSVP_CTYPE_SA_LSP_TUNNEL_RA)
		fprintf(fp, "exclude-any 0x%08" PRIx32 ", include-any 0x%08"
		    PRIx32 ", include-all 0x%08" PRIx32 ", ", sa->exclude_any,
		    sa->include_any, sa->include_all);
	fprintf(fp, "setup %u, hold %u, flags 0x%02x%s%s%s, name \"",
	    sa->setup_prio, sa->hold_prio, sa->flags,
	    sa->flags & RSVP_SA_F_LOCAL_PROT ? " [local-protection]" : "",
	    sa->flags & RSVP_SA_F_LABEL_RECORDING ? " [label-recording]" : "",
	    sa->flags & RSVP_SA_F_SE_STYLE ? " [SE-style]" : "");
	fprintf(fp, "%.*s\"", (int)strnlen(sa->name, sizeof(sa->name)),
	    sa->name);
}

/*
 * An error value: by name, or for "Unknown object class" and "Unknown
 * object C-Type" as the class and C-Type it carries (RFC 2205 App. B).
 */
static void
pr_err_value(FILE *fp, uint8_t code, uint16_t value)
{
	const char *name = rsvp_error_value_name(code, value);

	if (name == NULL && (code == RSVP_ERR_UNKNOWN_CLASS ||
	    code == RSVP_ERR_UNKNOWN_CTYPE))
		fprintf(fp, "0x%04x (class %u, C-Type %u)", value, value >> 8,
		    value & 0xFF);
	else
		pr_named(fp, name, value);
}

static void
pr_error_spec(FILE *fp, const struct rsvp_error_spec *e)
{
	fputs("node ", fp);
	pr_addr(fp, e->node);
	fprintf(fp, ", flags 0x%02x%s%s, code ", e->flags,
	    e->flags & RSVP_ERRSPEC_F_INPLACE ? " [InPlace]" : "",
	    e->flags & RSVP_ERRSPEC_F_NOTGUILTY ? " [NotGuilty]" : "");
	pr_named(fp, rsvp_error_code_name(e->code), e->code);
	fputs(", value ", fp);
	pr_err_value(fp, e->code, e->value);
}

/* The body of a decoded object, after "NAME (n) CTYPE (c), length L: ". */
static void
pr_body(FILE *fp, const struct rsvp_obj *o)
{
	const struct rsvp_scope *sc;
	uint16_t i;

	switch (o->class_num) {
	case RSVP_CLASS_SESSION:
		if (o->c_type == RSVP_CTYPE_LSP_TUNNEL_IPV4) {
			fputs("endpoint ", fp);
			pr_addr(fp, o->u.session_lsp.endpoint);
			fprintf(fp, ", tunnel id %u, extended tunnel id ",
			    o->u.session_lsp.tunnel_id);
			pr_addr(fp, o->u.session_lsp.ext_tunnel_id);
		} else {
			fputs("destination ", fp);
			pr_addr(fp, o->u.session_ipv4.dst);
			fprintf(fp, ", protocol %u, flags 0x%02x, port %u",
			    o->u.session_ipv4.proto, o->u.session_ipv4.flags,
			    o->u.session_ipv4.dport);
		}
		break;
	case RSVP_CLASS_RSVP_HOP:
		fputs("address ", fp);
		pr_addr(fp, o->u.hop.addr);
		fprintf(fp, ", LIH 0x%08" PRIx32, o->u.hop.lih);
		break;
	case RSVP_CLASS_TIME_VALUES:
		fprintf(fp, "refresh period %" PRIu32 " ms",
		    o->u.time.refresh_ms);
		break;
	case RSVP_CLASS_ERROR_SPEC:
		pr_error_spec(fp, &o->u.error_spec);
		break;
	case RSVP_CLASS_SCOPE:
		sc = &o->u.scope;
		fputs("senders", fp);
		for (i = 0; i < sc->naddrs && i < RSVP_SCOPE_MAX; i++) {
			fputs(i == 0 ? " " : ", ", fp);
			pr_addr(fp, sc->addrs[i]);
		}
		break;
	case RSVP_CLASS_STYLE:
		fprintf(fp, "flags 0x%02x, options 0x%06" PRIx32 " ",
		    o->u.style.flags, o->u.style.options);
		pr_named(fp, rsvp_style_name(o->u.style.options),
		    o->u.style.options & RSVP_STYLE_MASK);
		break;
	case RSVP_CLASS_FILTER_SPEC:
	case RSVP_CLASS_SENDER_TEMPLATE:
		if (o->c_type == RSVP_CTYPE_LSP_TUNNEL_IPV4) {
			fputs("sender ", fp);
			pr_addr(fp, o->u.filter_lsp.sender);
			fprintf(fp, ", LSP id %u", o->u.filter_lsp.lsp_id);
		} else {
			fputs("source ", fp);
			pr_addr(fp, o->u.filter_ipv4.src);
			fprintf(fp, ", port %u", o->u.filter_ipv4.sport);
		}
		break;
	case RSVP_CLASS_SENDER_TSPEC:
		pr_sender_tspec(fp, &o->u.opaque);
		break;
	case RSVP_CLASS_FLOWSPEC:
		pr_flowspec(fp, &o->u.opaque);
		break;
	case RSVP_CLASS_ADSPEC:
		pr_adspec(fp, &o->u.opaque);
		break;
	case RSVP_CLASS_RESV_CONFIRM:
		fputs("receiver ", fp);
		pr_addr(fp, o->u.resv_confirm.receiver);
		break;
	case RSVP_CLASS_INTEGRITY:
		fprintf(fp, "flags 0x%02x, key id ", o->u.integrity.flags);
		pr_bytes(fp, o->u.integrity.key_id, RSVP_INTEGRITY_KEYID_LEN);
		fprintf(fp, ", sequence %" PRIu64 ", digest ",
		    o->u.integrity.seq);
		pr_bytes(fp, o->u.integrity.digest, o->u.integrity.digest_len);
		break;
	case RSVP_CLASS_LABEL_REQUEST:
		fprintf(fp, "L3PID 0x%04x%s", o->u.label_request.l3pid,
		    o->u.label_request.l3pid == ETH_P_IPV4_ ? " (IPv4)" : "");
		break;
	case RSVP_CLASS_LABEL:
		fprintf(fp, "label %" PRIu32, o->u.label.label);
		break;
	case RSVP_CLASS_EXPLICIT_ROUTE:
		pr_route(fp, &o->u.route, true);
		break;
	case RSVP_CLASS_RECORD_ROUTE:
		pr_route(fp, &o->u.route, false);
		break;
	case RSVP_CLASS_SESSION_ATTRIBUTE:
		pr_session_attr(fp, o);
		break;
	case RSVP_CLASS_HELLO:
		fprintf(fp, "source instance 0x%08" PRIx32 ", destination "
		    "instance 0x%08" PRIx32, o->u.hello.src_instance,
		    o->u.hello.dst_instance);
		break;
	default:
		fprintf(fp, "%u bytes ", o->u.opaque.len);
		pr_bytes(fp, o->u.opaque.data, o->u.opaque.len);
		break;
	}
}

/* "\tNAME (n) CTYPE (c), length L: " */
static void
pr_obj_head(FILE *fp, const struct pkt_view *v, uint8_t class_num,
    uint8_t c_type, size_t offset)
{
	fputc('\t', fp);
	pr_named(fp, rsvp_class_name(class_num), class_num);
	fputs(" ", fp);
	if (rsvp_ctype_name(class_num, c_type) != NULL)
		pr_named(fp, rsvp_ctype_name(class_num, c_type), c_type);
	else
		fprintf(fp, "C-Type %u", c_type);
	fprintf(fp, ", length %u: ", view_obj_length(v, offset));
}

static void
pr_objects(FILE *fp, const struct pkt_view *v)
{
	struct view_pos pos = { 0, 0 };
	const struct rsvp_obj *o;
	const struct rsvp_ignored *ign;

	while (view_next_object(v, &pos, &o, &ign)) {
		if (ign != NULL) {
			pr_obj_head(fp, v, ign->class_num, ign->c_type,
			    ign->offset);
			fputs("unknown class, ignored and not forwarded "
			    "(RFC 2205 3.10, 10bbbbbb)\n", fp);
			continue;
		}
		pr_obj_head(fp, v, o->class_num, o->c_type, o->offset);
		if (o->kind == RSVP_OBJ_FORWARD) {
			fputs("unknown class, forwarded unexamined (RFC 2205 "
			    "3.10, 11bbbbbb): ", fp);
			pr_bytes(fp, o->u.opaque.data, o->u.opaque.len);
		} else
			pr_body(fp, o);
		fputc('\n', fp);
	}
}

/* Where an rsvp_error was found, and why. */
static void
pr_rsvp_error(FILE *fp, const char *what, const struct rsvp_error *e)
{
	fprintf(fp, "\t%s: %s", what, rsvp_reason_name(e->reason) ?
	    rsvp_reason_name(e->reason) : "error");
	if (e->text != NULL)
		fprintf(fp, ": %s", e->text);
	fprintf(fp, ", at byte %zu", e->offset);
	if (e->class_num != 0 || e->c_type != 0) {
		fputs(", object ", fp);
		pr_named(fp, rsvp_class_name(e->class_num), e->class_num);
		fprintf(fp, " C-Type %u", e->c_type);
	}
	if (e->action == RSVP_ACT_SEND_ERROR) {
		fputs("; a router answers with error code ", fp);
		pr_named(fp, rsvp_error_code_name(e->err_code), e->err_code);
		fputs(", value ", fp);
		pr_err_value(fp, e->err_code, e->err_value);
	}
	fputc('\n', fp);
}

static void
pr_time(FILE *fp, const struct timeval *ts)
{
	struct tm tm;
	time_t t = ts->tv_sec;

	gmtime_r(&t, &tm);
	fprintf(fp, "%02d:%02d:%02d.%06ld ", tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long)ts->tv_usec);
}

static void
pr_ip(FILE *fp, const struct pkt_view *v)
{
	const struct ipv4_info *ip = &v->ip;
	unsigned i;
	const char *name;

	fprintf(fp, "IP (tos 0x%02x, ttl %u, id %u, offset %u, flags [%s%s%s]"
	    ", proto %u, length %u, cksum 0x%04x (%s)", ip->tos, ip->ttl,
	    ip->id, ip->frag_off, ip->df ? "DF" : "", ip->mf ? "+" : "",
	    !ip->df && !ip->mf ? "none" : "", ip->proto, ip->total_len,
	    ip->cksum, ip->cksum_ok ? "ok" : "bad");
	if (ip->nopts > 0) {
		fputs(", options [", fp);
		for (i = 0; i < ip->nopts; i++) {
			if (i > 0)
				fputs(", ", fp);
			name = ipv4_opt_name(ip->opts[i].type);
			if (name != NULL)
				fputs(name, fp);
			else
				fprintf(fp, "type %u len %u",
				    ip->opts[i].type, ip->opts[i].len);
			if (ip->opts[i].type == IPV4_OPT_ROUTER_ALERT &&
			    ip->router_alert)
				fprintf(fp, " value %u",
				    ip->router_alert_value);
		}
		fputc(']', fp);
	}
	fputs(") ", fp);
	pr_addr(fp, ip->src);
	fputs(" > ", fp);
	pr_addr(fp, ip->dst);
	fputs(": ", fp);
}

static void
pr_rsvp_header(FILE *fp, const struct pkt_view *v)
{
	const struct rsvp_common_view *h = &v->hdr;

	if (!h->present) {
		fprintf(fp, "RSVP, truncated: %zu bytes, shorter than the "
		    "common header\n", v->rsvp_len);
		return;
	}
	fprintf(fp, "RSVPv%u ", h->version);
	pr_named(fp, rsvp_msg_type_name(h->type), h->type);
	fprintf(fp, ", flags 0x%x, length %u, send_TTL %u, cksum 0x%04x ",
	    h->flags, h->length, h->send_ttl, h->cksum);
	switch (v->cksum) {
	case CKSUM_OK:
		fputs("(ok)", fp);
		break;
	case CKSUM_NONE:
		fputs("(none)", fp);
		break;
	case CKSUM_BAD:
		fprintf(fp, "(bad, should be 0x%04x)", v->cksum_computed);
		break;
	case CKSUM_UNKNOWN:
		fputs("(unverified, message incomplete)", fp);
		break;
	}
	fputc('\n', fp);
}

static void
pr_link(FILE *fp, const struct pkt_view *v)
{
	unsigned i;

	fprintf(fp, "\tlink: %zu bytes captured of %zu, ethertype 0x%04x",
	    v->caplen, v->wirelen, v->link.ethertype);
	for (i = 0; i < v->link.nvlan; i++)
		fprintf(fp, ", vlan %u", v->link.vlan[i]);
	fputc('\n', fp);
}

void
print_text(FILE *fp, const struct pkt_view *v, bool verbose)
{
	pr_time(fp, &v->ts);
	switch (v->status) {
	case VIEW_LINK_TRUNCATED:
		fprintf(fp, "truncated link header (%zu bytes)\n", v->caplen);
		return;
	case VIEW_NOT_IPV4:
		fprintf(fp, "not IPv4 (ethertype 0x%04x), skipped\n",
		    v->link.ethertype);
		return;
	case VIEW_IP_ERROR:
		fprintf(fp, "IP malformed: %s, at byte %zu of the IPv4 "
		    "header\n", ipv4_strerror(v->ip_err), v->ip_err_off);
		return;
	case VIEW_NOT_RSVP:
		pr_ip(fp, v);
		fprintf(fp, "protocol %u, not RSVP, skipped\n", v->ip.proto);
		return;
	case VIEW_FRAGMENT:
		pr_ip(fp, v);
		fprintf(fp, "RSVP fragment (offset %u, %zu bytes%s), not "
		    "decoded: fragments are not reassembled\n",
		    v->ip.frag_off, v->ip.payload_len,
		    v->ip.mf ? ", more follow" : ", last");
		return;
	case VIEW_RSVP:
	case VIEW_RSVP_ERROR:
		break;
	}
	pr_ip(fp, v);
	pr_rsvp_header(fp, v);
	if (verbose)
		pr_link(fp, v);
	if (v->ip.payload_truncated)
		fprintf(fp, "\tcapture truncated: %zu of %u IP payload bytes\n",
		    v->ip.payload_len, v->ip.total_len - v->ip.hlen);
	if (v->status == VIEW_RSVP_ERROR) {
		pr_rsvp_error(fp, "malformed", &v->err);
		return;
	}
	pr_objects(fp, v);
	if (!v->grammar_ok)
		pr_rsvp_error(fp, "grammar", &v->grammar);
}
