/*
 * JSON output of a dissected packet (jansson): one object per packet with
 * the same content as the text printer.  Key names are stable; scripts may
 * rely on them (docs/man/quasar-rsvp.1, OUTPUT).
 */
#include "host/print.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "flowspec/units.h"
#include "lib/inet.h"

static json_t *
j_addr(struct in_addr a)
{
	char buf[INET_ADDRSTRLEN];

	return json_string(ipv4_ntop(a, buf, sizeof(buf)));
}

/* Move the members of 'add' into 'o' and drop 'add'. */
static void
j_merge(json_t *o, json_t *add)
{
	if (add == NULL)
		return;
	json_object_update(o, add);
	json_decref(add);
}

/* A name from a table, or null. */
static json_t *
j_name(const char *name)
{
	return name != NULL ? json_string(name) : json_null();
}

static json_t *
j_hex(const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s;
	json_t *j;
	size_t i;

	s = malloc(2 * n + 1);
	if (s == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		s[2 * i] = digits[b[i] >> 4];
		s[2 * i + 1] = digits[b[i] & 0x0F];
	}
	s[2 * n] = '\0';
	j = json_string(s);
	free(s);
	return j;
}

/* A float that JSON can carry: null for NaN and infinities. */
static json_t *
j_float(float f)
{
	return isfinite(f) ? json_real((double)f) : json_null();
}

/* An IntServ rate in tc's units ("10Mbit", "inf"). */
static json_t *
j_rate_str(float bytes_per_s)
{
	char buf[UNITS_STRLEN];

	if (isinf(bytes_per_s) && bytes_per_s > 0)
		return json_string("inf");
	if (isnan(bytes_per_s) || bytes_per_s < 0 ||
	    units_print_rate_bits(units_is_rate_to_bits(bytes_per_s), buf,
	    sizeof(buf)) < 0)
		return json_null();
	return json_string(buf);
}

static json_t *
j_tspec(const struct is_tspec *t)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:I, s:I}",
	    "rate_Bps", j_float(t->rate), "rate", j_rate_str(t->rate),
	    "bucket_bytes", j_float(t->bucket),
	    "peak_Bps", j_float(t->peak), "peak", j_rate_str(t->peak),
	    "min_unit", (json_int_t)t->min_unit,
	    "max_size", (json_int_t)t->max_size);
}

static json_t *
j_is_error(const struct is_err *e)
{
	return json_pack("{s:s, s:I}", "reason", is_reason_str(e->reason),
	    "offset", (json_int_t)e->offset);
}

static void
j_sender_tspec(json_t *o, const struct rsvp_opaque *op)
{
	struct is_tspec t;
	struct is_err e;

	if (is_sender_tspec_decode(op->data, op->len, &t, &e) < 0)
		json_object_set_new(o, "intserv_error", j_is_error(&e));
	else
		json_object_set_new(o, "tspec", j_tspec(&t));
}

static void
j_flowspec(json_t *o, const struct rsvp_opaque *op)
{
	struct is_flowspec f;
	struct is_err e;

	if (is_flowspec_decode(op->data, op->len, &f, &e) < 0) {
		json_object_set_new(o, "intserv_error", j_is_error(&e));
		return;
	}
	json_object_set_new(o, "service", json_string(
	    f.service == IS_SVC_GUARANTEED ? "guaranteed" :
	    "controlled-load"));
	json_object_set_new(o, "tspec", j_tspec(&f.tspec));
	if (f.service == IS_SVC_GUARANTEED)
		json_object_set_new(o, "rspec", json_pack("{s:o, s:o, s:I}",
		    "rate_Bps", j_float(f.rspec.rate),
		    "rate", j_rate_str(f.rspec.rate),
		    "slack_us", (json_int_t)f.rspec.slack));
}

static void
j_ad_u32(json_t *o, const char *key, const struct is_ad_u32 *p)
{
	if (p->present)
		json_object_set_new(o, key, json_pack("{s:I, s:b}", "value",
		    (json_int_t)p->value, "invalid",
		    (p->flags & IS_PARAM_INVALID) != 0));
}

static json_t *
j_ad_general(const struct is_ad_general *g, bool brk)
{
	json_t *o = json_pack("{s:b}", "break", brk);

	if (o == NULL)
		return NULL;
	j_ad_u32(o, "hops", &g->hop_count);
	if (g->path_bw.present)
		json_object_set_new(o, "path_bw", json_pack("{s:o, s:o, s:b}",
		    "value_Bps", j_float(g->path_bw.value),
		    "value", j_rate_str(g->path_bw.value),
		    "invalid", (g->path_bw.flags & IS_PARAM_INVALID) != 0));
	j_ad_u32(o, "min_latency_us", &g->min_latency);
	j_ad_u32(o, "mtu", &g->path_mtu);
	return o;
}

static void
j_adspec(json_t *o, const struct rsvp_opaque *op)
{
	struct is_adspec a;
	struct is_err e;
	json_t *g, *others;
	unsigned i;

	if (is_adspec_decode(op->data, op->len, &a, &e) < 0) {
		json_object_set_new(o, "intserv_error", j_is_error(&e));
		return;
	}
	json_object_set_new(o, "general", j_ad_general(&a.general,
	    a.gen_brk));
	if (a.guaranteed.present) {
		g = j_ad_general(&a.guaranteed.override, a.guaranteed.brk);
		if (g != NULL) {
			j_ad_u32(g, "ctot", &a.guaranteed.ctot);
			j_ad_u32(g, "dtot_us", &a.guaranteed.dtot);
			j_ad_u32(g, "csum", &a.guaranteed.csum);
			j_ad_u32(g, "dsum_us", &a.guaranteed.dsum);
		}
		json_object_set_new(o, "guaranteed", g);
	}
	if (a.cl.present)
		json_object_set_new(o, "controlled_load",
		    j_ad_general(&a.cl.override, a.cl.brk));
	others = json_array();
	for (i = 0; i < a.n_other && i < IS_AD_MAX_OTHER; i++)
		json_array_append_new(others, json_pack("{s:i, s:b, s:o}",
		    "service", a.other[i].service, "break", a.other[i].brk,
		    "data", j_hex(a.other[i].data, a.other[i].len)));
	json_object_set_new(o, "other_services", others);
}

static json_t *
j_subobj(const struct rsvp_subobj *s, bool ero)
{
	json_t *j;

	switch (s->type) {
	case RSVP_SUBOBJ_IPV4:
		j = json_pack("{s:s, s:o, s:i}", "type", "ipv4", "address",
		    j_addr(s->addr), "prefix_len", s->prefix_len);
		break;
	case RSVP_SUBOBJ_AS:
		j = json_pack("{s:s, s:i}", "type", "as", "asn", s->asn);
		break;
	case RSVP_SUBOBJ_LABEL:
		j = json_pack("{s:s, s:I, s:i, s:b}", "type", "label",
		    "label", (json_int_t)s->label, "ctype", s->label_ctype,
		    "global", (s->flags & RSVP_RRO_LABEL_F_GLOBAL) != 0);
		break;
	default:
		j = json_pack("{s:i}", "type", s->type);
		break;
	}
	if (j == NULL)
		return NULL;
	if (ero)
		json_object_set_new(j, "loose", json_boolean(s->loose));
	else
		json_object_set_new(j, "flags", json_integer(s->flags));
	return j;
}

static json_t *
j_route(const struct rsvp_route *r, bool ero)
{
	json_t *a = json_array();
	uint16_t i;

	for (i = 0; a != NULL && i < r->nsub && i < RSVP_ROUTE_MAX; i++)
		json_array_append_new(a, j_subobj(&r->sub[i], ero));
	return a;
}

/* Add the fields of a decoded object's body to 'o'. */
static void
j_body(json_t *o, const struct rsvp_obj *ob)
{
	const struct rsvp_session_attr *sa;
	const struct rsvp_error_spec *es;
	json_t *a;
	uint16_t i;

	switch (ob->class_num) {
	case RSVP_CLASS_SESSION:
		if (ob->c_type == RSVP_CTYPE_LSP_TUNNEL_IPV4)
			j_merge(o, json_pack("{s:o, s:i, s:o}",
			    "endpoint", j_addr(ob->u.session_lsp.endpoint),
			    "tunnel_id", ob->u.session_lsp.tunnel_id,
			    "ext_tunnel_id",
			    j_addr(ob->u.session_lsp.ext_tunnel_id)));
		else
			j_merge(o, json_pack("{s:o, s:i, s:i, s:i}",
			    "destination", j_addr(ob->u.session_ipv4.dst),
			    "protocol", ob->u.session_ipv4.proto,
			    "flags", ob->u.session_ipv4.flags,
			    "port", ob->u.session_ipv4.dport));
		break;
	case RSVP_CLASS_RSVP_HOP:
		j_merge(o, json_pack("{s:o, s:I}", "address",
		    j_addr(ob->u.hop.addr), "lih", (json_int_t)ob->u.hop.lih));
		break;
	case RSVP_CLASS_TIME_VALUES:
		json_object_set_new(o, "refresh_ms",
		    json_integer(ob->u.time.refresh_ms));
		break;
	case RSVP_CLASS_ERROR_SPEC:
		es = &ob->u.error_spec;
		j_merge(o, json_pack("{s:o, s:i, s:b, s:b, s:i, "
		    "s:o, s:i, s:o}", "node", j_addr(es->node),
		    "flags", es->flags,
		    "in_place", (es->flags & RSVP_ERRSPEC_F_INPLACE) != 0,
		    "not_guilty", (es->flags & RSVP_ERRSPEC_F_NOTGUILTY) != 0,
		    "code", es->code, "code_name",
		    j_name(rsvp_error_code_name(es->code)),
		    "value", es->value, "value_name",
		    j_name(rsvp_error_value_name(es->code, es->value))));
		break;
	case RSVP_CLASS_SCOPE:
		a = json_array();
		for (i = 0; i < ob->u.scope.naddrs && i < RSVP_SCOPE_MAX; i++)
			json_array_append_new(a, j_addr(ob->u.scope.addrs[i]));
		json_object_set_new(o, "senders", a);
		break;
	case RSVP_CLASS_STYLE:
		j_merge(o, json_pack("{s:i, s:I, s:o}", "flags",
		    ob->u.style.flags, "options",
		    (json_int_t)ob->u.style.options, "style",
		    j_name(rsvp_style_name(ob->u.style.options))));
		break;
	case RSVP_CLASS_FILTER_SPEC:
	case RSVP_CLASS_SENDER_TEMPLATE:
		if (ob->c_type == RSVP_CTYPE_LSP_TUNNEL_IPV4)
			j_merge(o, json_pack("{s:o, s:i}",
			    "sender", j_addr(ob->u.filter_lsp.sender),
			    "lsp_id", ob->u.filter_lsp.lsp_id));
		else
			j_merge(o, json_pack("{s:o, s:i}",
			    "source", j_addr(ob->u.filter_ipv4.src),
			    "port", ob->u.filter_ipv4.sport));
		break;
	case RSVP_CLASS_SENDER_TSPEC:
		j_sender_tspec(o, &ob->u.opaque);
		break;
	case RSVP_CLASS_FLOWSPEC:
		j_flowspec(o, &ob->u.opaque);
		break;
	case RSVP_CLASS_ADSPEC:
		j_adspec(o, &ob->u.opaque);
		break;
	case RSVP_CLASS_RESV_CONFIRM:
		json_object_set_new(o, "receiver",
		    j_addr(ob->u.resv_confirm.receiver));
		break;
	case RSVP_CLASS_INTEGRITY:
		j_merge(o, json_pack("{s:i, s:o, s:I, s:o}",
		    "flags", ob->u.integrity.flags,
		    "key_id", j_hex(ob->u.integrity.key_id,
		    RSVP_INTEGRITY_KEYID_LEN),
		    "sequence", (json_int_t)ob->u.integrity.seq,
		    "digest", j_hex(ob->u.integrity.digest,
		    ob->u.integrity.digest_len)));
		break;
	case RSVP_CLASS_LABEL_REQUEST:
		json_object_set_new(o, "l3pid",
		    json_integer(ob->u.label_request.l3pid));
		break;
	case RSVP_CLASS_LABEL:
		json_object_set_new(o, "label",
		    json_integer(ob->u.label.label));
		break;
	case RSVP_CLASS_EXPLICIT_ROUTE:
		json_object_set_new(o, "hops", j_route(&ob->u.route, true));
		break;
	case RSVP_CLASS_RECORD_ROUTE:
		json_object_set_new(o, "hops", j_route(&ob->u.route, false));
		break;
	case RSVP_CLASS_SESSION_ATTRIBUTE:
		sa = &ob->u.session_attr;
		if (ob->c_type == RSVP_CTYPE_SA_LSP_TUNNEL_RA)
			j_merge(o, json_pack("{s:I, s:I, s:I}",
			    "exclude_any", (json_int_t)sa->exclude_any,
			    "include_any", (json_int_t)sa->include_any,
			    "include_all", (json_int_t)sa->include_all));
		j_merge(o, json_pack("{s:i, s:i, s:i, s:s#}",
		    "setup_prio", sa->setup_prio, "hold_prio", sa->hold_prio,
		    "flags", sa->flags, "name", sa->name,
		    (int)strnlen(sa->name, sizeof(sa->name))));
		break;
	case RSVP_CLASS_HELLO:
		j_merge(o, json_pack("{s:I, s:I}", "src_instance",
		    (json_int_t)ob->u.hello.src_instance, "dst_instance",
		    (json_int_t)ob->u.hello.dst_instance));
		break;
	default:
		json_object_set_new(o, "data", j_hex(ob->u.opaque.data,
		    ob->u.opaque.len));
		break;
	}
}

/* The header fields every object has. */
static json_t *
j_obj_head(const struct pkt_view *v, uint8_t class_num, uint8_t c_type,
    size_t offset)
{
	return json_pack("{s:i, s:o, s:i, s:o, s:I, s:i}",
	    "class", class_num,
	    "class_name", j_name(rsvp_class_name(class_num)),
	    "ctype", c_type, "ctype_name",
	    j_name(rsvp_ctype_name(class_num, c_type)),
	    "offset", (json_int_t)offset,
	    "length", view_obj_length(v, offset));
}

static json_t *
j_objects(const struct pkt_view *v)
{
	struct view_pos pos = { 0, 0 };
	const struct rsvp_obj *ob;
	const struct rsvp_ignored *ign;
	json_t *a = json_array(), *o;

	while (a != NULL && view_next_object(v, &pos, &ob, &ign)) {
		if (ign != NULL) {
			o = j_obj_head(v, ign->class_num, ign->c_type,
			    ign->offset);
			json_object_set_new(o, "fate", json_string("ignore"));
		} else {
			o = j_obj_head(v, ob->class_num, ob->c_type,
			    ob->offset);
			if (ob->kind == RSVP_OBJ_FORWARD) {
				json_object_set_new(o, "fate",
				    json_string("forward"));
				json_object_set_new(o, "data",
				    j_hex(ob->u.opaque.data,
				    ob->u.opaque.len));
			} else
				j_body(o, ob);
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
j_rsvp_error(const struct rsvp_error *e)
{
	json_t *o;

	o = json_pack("{s:o, s:o, s:I, s:i, s:o, s:i}",
	    "reason", j_name(rsvp_reason_name(e->reason)),
	    "text", j_name(e->text), "offset", (json_int_t)e->offset,
	    "class", e->class_num, "class_name",
	    j_name(rsvp_class_name(e->class_num)), "ctype", e->c_type);
	if (o != NULL && e->action == RSVP_ACT_SEND_ERROR)
		json_object_set_new(o, "answer", json_pack("{s:i, s:o, s:i}",
		    "code", e->err_code,
		    "code_name", j_name(rsvp_error_code_name(e->err_code)),
		    "value", e->err_value));
	return o;
}

static const char *
cksum_word(enum cksum_state s)
{
	switch (s) {
	case CKSUM_OK:
		return "ok";
	case CKSUM_BAD:
		return "bad";
	case CKSUM_NONE:
		return "none";
	case CKSUM_UNKNOWN:
		break;
	}
	return "unverified";
}

static json_t *
j_rsvp_header(const struct pkt_view *v)
{
	const struct rsvp_common_view *h = &v->hdr;

	if (!h->present)
		return json_null();
	return json_pack("{s:i, s:i, s:i, s:o, s:i, s:i, s:i, s:s, s:o}",
	    "version", h->version, "flags", h->flags, "type", h->type,
	    "type_name", j_name(rsvp_msg_type_name(h->type)),
	    "length", h->length, "send_ttl", h->send_ttl,
	    "cksum", h->cksum, "cksum_status", cksum_word(v->cksum),
	    "cksum_computed", v->cksum == CKSUM_UNKNOWN ? json_null() :
	    json_integer(v->cksum_computed));
}

static json_t *
j_ip(const struct pkt_view *v)
{
	const struct ipv4_info *ip = &v->ip;
	json_t *o, *opts;
	unsigned i;

	opts = json_array();
	for (i = 0; opts != NULL && i < ip->nopts; i++)
		json_array_append_new(opts, json_pack("{s:i, s:o, s:i}",
		    "type", ip->opts[i].type,
		    "name", j_name(ipv4_opt_name(ip->opts[i].type)),
		    "length", ip->opts[i].len));
	o = json_pack("{s:o, s:o, s:i, s:i, s:i, s:b, s:b, s:i, s:i, s:i, "
	    "s:b, s:o, s:b}",
	    "src", j_addr(ip->src), "dst", j_addr(ip->dst),
	    "ttl", ip->ttl, "tos", ip->tos, "id", ip->id, "df", ip->df,
	    "mf", ip->mf, "frag_offset", ip->frag_off,
	    "length", ip->total_len, "proto", ip->proto,
	    "cksum_ok", ip->cksum_ok, "options", opts,
	    "router_alert", ip->router_alert);
	if (o != NULL && ip->router_alert)
		json_object_set_new(o, "router_alert_value",
		    json_integer(ip->router_alert_value));
	return o;
}

static const char *
status_word(enum view_status s)
{
	switch (s) {
	case VIEW_RSVP:
		return "rsvp";
	case VIEW_RSVP_ERROR:
		return "malformed";
	case VIEW_FRAGMENT:
		return "fragment";
	case VIEW_LINK_TRUNCATED:
		return "link_truncated";
	case VIEW_IP_ERROR:
		return "ip_malformed";
	case VIEW_NOT_IPV4:
		return "not_ipv4";
	case VIEW_NOT_RSVP:
		break;
	}
	return "not_rsvp";
}

json_t *
print_json_view(const struct pkt_view *v, bool verbose)
{
	json_t *o;

	o = json_pack("{s:f, s:s, s:I, s:I}",
	    "time", (double)v->ts.tv_sec + v->ts.tv_usec / 1e6,
	    "status", status_word(v->status),
	    "caplen", (json_int_t)v->caplen, "len", (json_int_t)v->wirelen);
	if (o == NULL)
		return NULL;
	if (verbose)
		json_object_set_new(o, "link", json_pack("{s:i, s:I, s:o}",
		    "ethertype", v->link.ethertype,
		    "offset", (json_int_t)v->link.off,
		    "vlans", v->link.nvlan == 0 ? json_array() :
		    v->link.nvlan == 1 ? json_pack("[i]", v->link.vlan[0]) :
		    json_pack("[i, i]", v->link.vlan[0], v->link.vlan[1])));
	switch (v->status) {
	case VIEW_LINK_TRUNCATED:
	case VIEW_NOT_IPV4:
		return o;
	case VIEW_IP_ERROR:
		json_object_set_new(o, "error", json_pack("{s:s, s:I}",
		    "reason", ipv4_strerror(v->ip_err),
		    "offset", (json_int_t)v->ip_err_off));
		return o;
	case VIEW_NOT_RSVP:
	case VIEW_FRAGMENT:
		json_object_set_new(o, "ip", j_ip(v));
		return o;
	case VIEW_RSVP:
	case VIEW_RSVP_ERROR:
		break;
	}
	json_object_set_new(o, "ip", j_ip(v));
	json_object_set_new(o, "rsvp", j_rsvp_header(v));
	json_object_set_new(o, "truncated",
	    json_boolean(v->ip.payload_truncated));
	if (v->status == VIEW_RSVP_ERROR) {
		json_object_set_new(o, "error", j_rsvp_error(&v->err));
		return o;
	}
	json_object_set_new(o, "objects", j_objects(v));
	if (!v->grammar_ok)
		json_object_set_new(o, "grammar_error",
		    j_rsvp_error(&v->grammar));
	return o;
}

int
print_json(FILE *fp, const struct pkt_view *v, bool verbose)
{
	json_t *o;
	int rc = -1;

	o = print_json_view(v, verbose);
	if (o == NULL)
		goto out;
	if (json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER) < 0)
		goto out;
	if (fputc('\n', fp) == EOF)
		goto out;
	rc = 0;
out:
	json_decref(o);
	return rc;
}
