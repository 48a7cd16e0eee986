#include "helpers.h"

#include <arpa/inet.h>
#include <check.h>
#include <string.h>

#include "lib/inet.h"

struct in_addr
ip(const char *s)
{
	struct in_addr a;

	ck_assert(inet_pton(AF_INET, s, &a) == 1);
	return a;
}

static struct rsvp_obj *
add(struct rsvp_msg *m, uint8_t class_num, uint8_t c_type)
{
	struct rsvp_obj *o = rsvp_msg_add(m, class_num, c_type);

	ck_assert_ptr_nonnull(o);
	return o;
}

struct rsvp_obj *
add_session_ipv4(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_IPV4);

	o->u.session_ipv4.dst = ip("10.0.0.9");
	o->u.session_ipv4.proto = 17;
	o->u.session_ipv4.flags = 1;
	o->u.session_ipv4.dport = 5001;
	return o;
}

struct rsvp_obj *
add_session_lsp(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_SESSION,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);

	o->u.session_lsp.endpoint = ip("192.0.2.9");
	o->u.session_lsp.tunnel_id = 42;
	o->u.session_lsp.ext_tunnel_id = ip("192.0.2.1");
	return o;
}

struct rsvp_obj *
add_hop(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);

	o->u.hop.addr = ip("198.51.100.1");
	o->u.hop.lih = 0x01020304;
	return o;
}

struct rsvp_obj *
add_time(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1);

	o->u.time.refresh_ms = 30000;
	return o;
}

struct rsvp_obj *
add_style(struct rsvp_msg *m, uint32_t style)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);

	o->u.style.options = style;
	return o;
}

struct rsvp_obj *
add_opaque(struct rsvp_msg *m, uint8_t class_num, uint8_t c_type,
    uint16_t len, uint8_t seed)
{
	struct rsvp_obj *o = add(m, class_num, c_type);
	uint16_t i;

	o->u.opaque.len = len;
	for (i = 0; i < len; i++)
		o->u.opaque.data[i] = (uint8_t)(seed + i);
	return o;
}

struct rsvp_obj *
add_filter_ipv4(struct rsvp_msg *m, uint8_t class_num, uint16_t sport)
{
	struct rsvp_obj *o = add(m, class_num, RSVP_CTYPE_IPV4);

	o->u.filter_ipv4.src = ip("10.0.0.1");
	o->u.filter_ipv4.sport = sport;
	return o;
}

struct rsvp_obj *
add_filter_lsp(struct rsvp_msg *m, uint8_t class_num, uint16_t lsp_id)
{
	struct rsvp_obj *o = add(m, class_num, RSVP_CTYPE_LSP_TUNNEL_IPV4);

	o->u.filter_lsp.sender = ip("192.0.2.1");
	o->u.filter_lsp.lsp_id = lsp_id;
	return o;
}

struct rsvp_obj *
add_label(struct rsvp_msg *m, uint32_t label)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1);

	o->u.label.label = label;
	return o;
}

struct rsvp_obj *
add_label_request(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_LABEL_REQUEST, RSVP_CTYPE_1);

	o->u.label_request.l3pid = 0x0800;
	return o;
}

struct rsvp_obj *
add_ero(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_EXPLICIT_ROUTE, RSVP_CTYPE_1);
	struct rsvp_route *r = &o->u.route;

	r->nsub = 3;
	r->sub[0].type = RSVP_SUBOBJ_IPV4;
	r->sub[0].addr = ip("198.51.100.2");
	r->sub[0].prefix_len = 32;
	r->sub[1].type = RSVP_SUBOBJ_AS;
	r->sub[1].loose = true;
	r->sub[1].asn = 64512;
	r->sub[2].type = RSVP_SUBOBJ_IPV4;
	r->sub[2].loose = true;
	r->sub[2].addr = ip("192.0.2.0");
	r->sub[2].prefix_len = 24;
	return o;
}

struct rsvp_obj *
add_rro(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1);
	struct rsvp_route *r = &o->u.route;

	r->nsub = 3;
	r->sub[0].type = RSVP_SUBOBJ_IPV4;
	r->sub[0].addr = ip("198.51.100.1");
	r->sub[0].prefix_len = 32;
	r->sub[0].flags = RSVP_RRO_F_LOCAL_PROT_AVAIL;
	r->sub[1].type = RSVP_SUBOBJ_LABEL;
	r->sub[1].flags = RSVP_RRO_LABEL_F_GLOBAL;
	r->sub[1].label_ctype = RSVP_CTYPE_1;
	r->sub[1].label = 1000;
	r->sub[2].type = RSVP_SUBOBJ_IPV4;
	r->sub[2].addr = ip("192.0.2.1");
	r->sub[2].prefix_len = 32;
	return o;
}

struct rsvp_obj *
add_session_attr(struct rsvp_msg *m, uint8_t c_type, const char *name)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_SESSION_ATTRIBUTE, c_type);
	struct rsvp_session_attr *sa = &o->u.session_attr;

	if (c_type == RSVP_CTYPE_SA_LSP_TUNNEL_RA) {
		sa->exclude_any = 0x000000f0;
		sa->include_any = 0x0000000f;
		sa->include_all = 0x80000001;
	}
	sa->setup_prio = 7;
	sa->hold_prio = 0;
	sa->flags = RSVP_SA_F_LABEL_RECORDING | RSVP_SA_F_SE_STYLE;
	sa->name_len = (uint8_t)strlen(name);
	memcpy(sa->name, name, sa->name_len);
	return o;
}

struct rsvp_obj *
add_error_spec(struct rsvp_msg *m, uint8_t code, uint16_t value)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);

	o->u.error_spec.node = ip("198.51.100.7");
	o->u.error_spec.flags = RSVP_ERRSPEC_F_INPLACE |
	    RSVP_ERRSPEC_F_NOTGUILTY;
	o->u.error_spec.code = code;
	o->u.error_spec.value = value;
	return o;
}

struct rsvp_obj *
add_resv_confirm(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_RESV_CONFIRM, RSVP_CTYPE_IPV4);

	o->u.resv_confirm.receiver = ip("10.0.0.9");
	return o;
}

struct rsvp_obj *
add_scope(struct rsvp_msg *m, uint16_t n)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_SCOPE, RSVP_CTYPE_IPV4);
	uint16_t i;

	o->u.scope.naddrs = n;
	for (i = 0; i < n; i++)
		o->u.scope.addrs[i].s_addr = htonl(0x0a000001u + i);
	return o;
}

struct rsvp_obj *
add_integrity(struct rsvp_msg *m)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_INTEGRITY, RSVP_CTYPE_1);
	struct rsvp_integrity *in = &o->u.integrity;
	size_t i;

	in->flags = RSVP_INTEGRITY_F_HANDSHAKE;
	for (i = 0; i < sizeof(in->key_id); i++)
		in->key_id[i] = (uint8_t)(0xa0 + i);
	in->seq = 0x0102030405060708ull;
	in->digest_len = 16;
	for (i = 0; i < 16; i++)
		in->digest[i] = (uint8_t)(0xd0 + i);
	return o;
}

struct rsvp_obj *
add_hello(struct rsvp_msg *m, uint8_t c_type)
{
	struct rsvp_obj *o = add(m, RSVP_CLASS_HELLO, c_type);

	o->u.hello.src_instance = 0x11111111;
	o->u.hello.dst_instance = 0x22222222;
	return o;
}

void
sample_path(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_PATH);
	add_integrity(m);
	add_session_lsp(m);
	add_hop(m);
	add_time(m);
	add_ero(m);
	add_label_request(m);
	add_session_attr(m, RSVP_CTYPE_SA_LSP_TUNNEL, "quasar-lsp");
	add_opaque(m, RSVP_CLASS_POLICY_DATA, RSVP_CTYPE_1, 8, 0x50);
	add_filter_lsp(m, RSVP_CLASS_SENDER_TEMPLATE, 1);
	add_opaque(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV, 32, 0x10);
	add_opaque(m, RSVP_CLASS_ADSPEC, RSVP_CTYPE_INTSERV, 48, 0x30);
	add_rro(m);
}

void
sample_path_ipv4(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_PATH);
	add_session_ipv4(m);
	add_hop(m);
	add_time(m);
	add_filter_ipv4(m, RSVP_CLASS_SENDER_TEMPLATE, 4000);
	add_opaque(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV, 32, 0x10);
}

void
sample_resv_ff(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_RESV);
	add_session_lsp(m);
	add_hop(m);
	add_time(m);
	add_resv_confirm(m);
	add_style(m, RSVP_STYLE_FF);
	add_opaque(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 36, 0x20);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 1);
	add_label(m, 1001);
	add_rro(m);
	/* Second descriptor reuses the FLOWSPEC (RFC 2205 3.1.4). */
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 2);
	add_label(m, 1002);
	add_opaque(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 36, 0x60);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 3);
	add_label(m, 1003);
}

void
sample_resv_se(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_RESV);
	add_session_lsp(m);
	add_hop(m);
	add_time(m);
	add_style(m, RSVP_STYLE_SE);
	add_opaque(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 36, 0x20);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 1);
	add_label(m, 2001);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 2);
	add_label(m, 2002);
	add_rro(m);
}

void
sample_resv_wf(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_RESV);
	add_session_ipv4(m);
	add_hop(m);
	add_time(m);
	add_scope(m, 3);
	add_style(m, RSVP_STYLE_WF);
	add_opaque(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 36, 0x20);
}

void
sample_patherr(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_PATHERR);
	add_session_lsp(m);
	add_error_spec(m, RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_ERO);
	add_filter_lsp(m, RSVP_CLASS_SENDER_TEMPLATE, 1);
	add_opaque(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV, 32, 0x10);
}

void
sample_resverr(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_RESVERR);
	add_session_lsp(m);
	add_hop(m);
	add_error_spec(m, RSVP_ERR_ADMISSION, RSVP_ERRV_ADM_BANDWIDTH);
	add_style(m, RSVP_STYLE_FF);
	add_opaque(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 36, 0x20);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 1);
	add_label(m, 1001);
}

void
sample_pathtear(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_PATHTEAR);
	add_session_lsp(m);
	add_hop(m);
	add_filter_lsp(m, RSVP_CLASS_SENDER_TEMPLATE, 1);
}

void
sample_resvtear(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_RESVTEAR);
	add_session_lsp(m);
	add_hop(m);
	add_style(m, RSVP_STYLE_SE);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 1);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 2);
}

void
sample_resvconf(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_RESVCONF);
	add_session_lsp(m);
	add_error_spec(m, RSVP_ERR_CONFIRM, 0);
	add_resv_confirm(m);
	add_style(m, RSVP_STYLE_FF);
	add_opaque(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV, 36, 0x20);
	add_filter_lsp(m, RSVP_CLASS_FILTER_SPEC, 1);
	add_label(m, 1001);
}

void
sample_hello(struct rsvp_msg *m)
{
	rsvp_msg_init(m, RSVP_MSG_HELLO);
	m->send_ttl = 1;
	add_hello(m, RSVP_CTYPE_HELLO_REQUEST);
}

const sample_fn samples[] = {
	sample_path, sample_path_ipv4, sample_resv_ff, sample_resv_se,
	sample_resv_wf, sample_patherr, sample_resverr, sample_pathtear,
	sample_resvtear, sample_resvconf, sample_hello,
};
const size_t nsamples = sizeof(samples) / sizeof(samples[0]);

int
msg_remove(struct rsvp_msg *m, uint8_t class_num)
{
	uint16_t i, j = 0;
	int n = 0;

	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].class_num == class_num) {
			n++;
			continue;
		}
		m->objs[j++] = m->objs[i];
	}
	m->nobjs = j;
	return n;
}

int
msg_pos(const struct rsvp_msg *m, uint8_t class_num)
{
	uint16_t i;

	for (i = 0; i < m->nobjs; i++)
		if (m->objs[i].class_num == class_num)
			return i;
	return -1;
}

size_t
encode_ok(const struct rsvp_msg *m, uint8_t *buf)
{
	ssize_t n = rsvp_encode(m, buf, TEST_BUF_LEN);

	ck_assert_int_gt(n, 0);
	return (size_t)n;
}

void
roundtrip(const struct rsvp_msg *m, bool validate, struct rsvp_msg *out)
{
	static uint8_t a[TEST_BUF_LEN], b[TEST_BUF_LEN];
	struct rsvp_error err;
	struct rsvp_obj x;
	size_t na, nb;
	uint16_t i;
	int rc;

	na = encode_ok(m, a);
	/* Unused array slots keep old bytes; start clean to compare. */
	memset(out, 0, sizeof(*out));
	rc = validate ? rsvp_decode(a, na, out, &err) :
	    rsvp_parse(a, na, out, &err);
	ck_assert_msg(rc == 0, "decode failed: %s at %zu (%s)",
	    err.text, err.offset, rsvp_reason_name(err.reason));
	ck_assert_uint_eq(out->type, m->type);
	ck_assert_uint_eq(out->flags, m->flags);
	ck_assert_uint_eq(out->send_ttl, m->send_ttl);
	ck_assert_uint_eq(out->length, na);
	ck_assert_uint_eq(out->nobjs, m->nobjs);
	for (i = 0; i < m->nobjs; i++) {
		memcpy(&x, &out->objs[i], sizeof(x));
		ck_assert_uint_gt(x.offset, 0);
		x.offset = m->objs[i].offset;
		ck_assert_msg(memcmp(&x, &m->objs[i], sizeof(x)) == 0,
		    "object %u (class %u) differs after decode", i,
		    m->objs[i].class_num);
	}
	nb = encode_ok(out, b);
	ck_assert_uint_eq(na, nb);
	ck_assert_mem_eq(a, b, na);
}

void
refresh_header(uint8_t *buf, size_t len)
{
	uint16_t ck;

	buf[6] = (uint8_t)(len >> 8);
	buf[7] = (uint8_t)len;
	buf[2] = buf[3] = 0;
	ck = inet_cksum(buf, len);
	memcpy(buf + 2, &ck, sizeof(ck));
}

void
expect_invalid(const struct rsvp_msg *m, enum rsvp_reason reason,
    uint8_t class_num, struct rsvp_error *err)
{
	static uint8_t b[TEST_BUF_LEN];
	static struct rsvp_msg d;
	struct rsvp_error verr;
	size_t n;

	ck_assert_int_eq(rsvp_validate(m, &verr), -1);
	ck_assert_msg(verr.reason == reason, "reason %s, want %s (%s)",
	    rsvp_reason_name(verr.reason), rsvp_reason_name(reason),
	    verr.text);
	ck_assert_uint_eq(verr.class_num, class_num);
	n = encode_ok(m, b);
	ck_assert_int_eq(rsvp_decode(b, n, &d, err), -1);
	ck_assert_int_eq(err->reason, reason);
	ck_assert_uint_eq(err->class_num, class_num);
	ck_assert_uint_le(err->offset, n);
	ck_assert_uint_ge(err->offset, RSVP_HDR_LEN);
	ck_assert_ptr_nonnull(err->text);
	ck_assert_int_eq(err->action, verr.action);
	ck_assert_uint_eq(err->err_code, verr.err_code);
	ck_assert_uint_eq(err->err_value, verr.err_value);
}
