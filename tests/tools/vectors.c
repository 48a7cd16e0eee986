#include "tests/tools/vectors.h"

#include <math.h>
#include <string.h>

#include "flowspec/intserv.h"
#include "lib/inet.h"

static struct in_addr
addr(const char *s)
{
	struct in_addr a = { 0 };

	ipv4_pton(s, &a);
	return a;
}

static void
add_session(struct rsvp_msg *m)
{
	struct rsvp_obj *o;

	o = rsvp_msg_add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp.endpoint = addr(VEC_EGRESS);
	o->u.session_lsp.tunnel_id = VEC_TUNNEL_ID;
	o->u.session_lsp.ext_tunnel_id = addr(VEC_EXT_TUNNEL_ID);
}

static void
add_hop(struct rsvp_msg *m, const char *a)
{
	struct rsvp_obj *o;

	o = rsvp_msg_add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = addr(a);
	o->u.hop.lih = 0;
}

static void
add_time(struct rsvp_msg *m)
{
	rsvp_msg_add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1)->u.time
	    .refresh_ms = VEC_REFRESH_MS;
}

static void
add_filter(struct rsvp_msg *m, uint8_t class_num, uint16_t lsp_id)
{
	struct rsvp_obj *o;

	o = rsvp_msg_add(m, class_num, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = addr(VEC_INGRESS);
	o->u.filter_lsp.lsp_id = lsp_id;
}

static struct is_tspec
tspec(void)
{
	return (struct is_tspec){ .rate = VEC_RATE_BPS, .bucket = VEC_BUCKET,
	    .peak = INFINITY, .min_unit = VEC_MIN_UNIT,
	    .max_size = VEC_MAX_SIZE };
}

static int
add_sender_tspec(struct rsvp_msg *m)
{
	struct rsvp_obj *o;
	struct is_tspec t = tspec();
	int n;

	o = rsvp_msg_add(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV);
	n = is_sender_tspec_encode(&t, o->u.opaque.data,
	    sizeof(o->u.opaque.data));
	o->u.opaque.len = (uint16_t)(n < 0 ? 0 : n);
	return n < 0 ? -1 : 0;
}

static int
add_adspec(struct rsvp_msg *m)
{
	struct rsvp_obj *o;
	struct is_adspec a;
	int n;

	memset(&a, 0, sizeof(a));
	a.general.hop_count = (struct is_ad_u32){ true, 0, 1 };
	a.general.path_bw = (struct is_ad_float){ true, 0, VEC_PATH_BW_BPS };
	a.general.min_latency = (struct is_ad_u32){ true, 0, 0 };
	a.general.path_mtu = (struct is_ad_u32){ true, 0, VEC_MAX_SIZE };
	a.cl.present = true;
	o = rsvp_msg_add(m, RSVP_CLASS_ADSPEC, RSVP_CTYPE_INTSERV);
	n = is_adspec_encode(&a, o->u.opaque.data, sizeof(o->u.opaque.data));
	o->u.opaque.len = (uint16_t)(n < 0 ? 0 : n);
	return n < 0 ? -1 : 0;
}

static int
add_flowspec(struct rsvp_msg *m, uint8_t service)
{
	struct rsvp_obj *o;
	struct is_flowspec f;
	int n;

	memset(&f, 0, sizeof(f));
	f.service = service;
	f.tspec = tspec();
	f.rspec.rate = VEC_GS_RATE_BPS;
	f.rspec.slack = VEC_GS_SLACK_US;
	o = rsvp_msg_add(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV);
	n = is_flowspec_encode(&f, o->u.opaque.data,
	    sizeof(o->u.opaque.data));
	o->u.opaque.len = (uint16_t)(n < 0 ? 0 : n);
	return n < 0 ? -1 : 0;
}

static void
add_ipv4_subobj(struct rsvp_route *r, const char *a, bool loose)
{
	struct rsvp_subobj *s = &r->sub[r->nsub++];

	s->type = RSVP_SUBOBJ_IPV4;
	s->addr = addr(a);
	s->prefix_len = 32;
	s->loose = loose;
}

static void
add_ero(struct rsvp_msg *m)
{
	struct rsvp_route *r;

	r = &rsvp_msg_add(m, RSVP_CLASS_EXPLICIT_ROUTE, RSVP_CTYPE_1)->u.route;
	add_ipv4_subobj(r, VEC_ERO_HOP1, false);
	add_ipv4_subobj(r, VEC_ERO_HOP2, true);
	add_ipv4_subobj(r, VEC_ERO_HOP3, false);
	add_ipv4_subobj(r, VEC_ERO_HOP4, false);
}

/* An RRO with 'a' and, if 'label' is not 0, the label it gave. */
static void
add_rro(struct rsvp_msg *m, const char *a, uint32_t label)
{
	struct rsvp_route *r;
	struct rsvp_subobj *s;

	r = &rsvp_msg_add(m, RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1)->u.route;
	add_ipv4_subobj(r, a, false);
	if (label == 0)
		return;
	s = &r->sub[r->nsub++];
	s->type = RSVP_SUBOBJ_LABEL;
	s->flags = RSVP_RRO_LABEL_F_GLOBAL;
	s->label_ctype = RSVP_CTYPE_1;
	s->label = label;
}

static void
add_label(struct rsvp_msg *m, uint32_t label)
{
	rsvp_msg_add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1)->u.label.label = label;
}

static void
add_style(struct rsvp_msg *m, uint32_t style)
{
	rsvp_msg_add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1)->u.style.options =
	    style;
}

static void
add_error_spec(struct rsvp_msg *m, const char *node, uint8_t code,
    uint16_t value)
{
	struct rsvp_error_spec *e;

	e = &rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4)->u
	    .error_spec;
	e->node = addr(node);
	e->code = code;
	e->value = value;
}

static void
add_session_attr(struct rsvp_msg *m)
{
	struct rsvp_session_attr *sa;

	sa = &rsvp_msg_add(m, RSVP_CLASS_SESSION_ATTRIBUTE,
	    RSVP_CTYPE_SA_LSP_TUNNEL)->u.session_attr;
	sa->setup_prio = VEC_SETUP_PRIO;
	sa->hold_prio = VEC_HOLD_PRIO;
	sa->flags = RSVP_SA_F_LABEL_RECORDING | RSVP_SA_F_SE_STYLE;
	sa->name_len = (uint8_t)strlen(VEC_SESSION_NAME);
	memcpy(sa->name, VEC_SESSION_NAME, sa->name_len + 1);
}

/* RFC 3209 4.3.1: SESSION, RSVP_HOP, TIME_VALUES, ERO, LABEL_REQUEST,
 * SESSION_ATTRIBUTE, then the sender descriptor. */
static int
vec_path(struct rsvp_msg *m)
{
	add_session(m);
	add_hop(m, VEC_INGRESS);
	add_time(m);
	add_ero(m);
	rsvp_msg_add(m, RSVP_CLASS_LABEL_REQUEST, RSVP_CTYPE_1)->u
	    .label_request.l3pid = ETH_P_IPV4_;
	add_session_attr(m);
	add_filter(m, RSVP_CLASS_SENDER_TEMPLATE, VEC_LSP_ID);
	if (add_sender_tspec(m) < 0 || add_adspec(m) < 0)
		return -1;
	add_rro(m, VEC_INGRESS, 0);
	return 0;
}

/* RFC 3209 4.3.2: FF and SE flow descriptors with LABEL and RRO. */
static int
vec_resv(struct rsvp_msg *m, bool se)
{
	add_session(m);
	add_hop(m, VEC_NEXT_HOP);
	add_time(m);
	add_style(m, se ? RSVP_STYLE_SE : RSVP_STYLE_FF);
	if (add_flowspec(m, se ? IS_SVC_GUARANTEED :
	    IS_SVC_CONTROLLED_LOAD) < 0)
		return -1;
	add_filter(m, RSVP_CLASS_FILTER_SPEC, VEC_LSP_ID);
	add_label(m, se ? VEC_LABEL_SE : VEC_LABEL_FF);
	add_rro(m, VEC_NEXT_HOP, se ? VEC_LABEL_SE : VEC_LABEL_FF);
	if (se) {
		add_filter(m, RSVP_CLASS_FILTER_SPEC, VEC_LSP_ID_2);
		add_label(m, VEC_LABEL_SE_2);
		add_rro(m, VEC_NEXT_HOP, VEC_LABEL_SE_2);
	}
	return 0;
}

int
vec_build(enum vec_kind kind, struct rsvp_msg *m)
{
	struct rsvp_obj *o;
	static const uint8_t types[VEC_COUNT] = {
		[VEC_PATH] = RSVP_MSG_PATH, [VEC_RESV_FF] = RSVP_MSG_RESV,
		[VEC_RESV_SE] = RSVP_MSG_RESV, [VEC_PATHERR] = RSVP_MSG_PATHERR,
		[VEC_RESVERR] = RSVP_MSG_RESVERR,
		[VEC_PATHTEAR] = RSVP_MSG_PATHTEAR,
		[VEC_RESVTEAR] = RSVP_MSG_RESVTEAR,
		[VEC_RESVCONF] = RSVP_MSG_RESVCONF,
		[VEC_HELLO_REQUEST] = RSVP_MSG_HELLO,
		[VEC_HELLO_ACK] = RSVP_MSG_HELLO,
	};

	rsvp_msg_init(m, types[kind]);
	m->send_ttl = 64;
	switch (kind) {
	case VEC_PATH:
		return vec_path(m);
	case VEC_RESV_FF:
		return vec_resv(m, false);
	case VEC_RESV_SE:
		return vec_resv(m, true);
	case VEC_PATHERR:
		/* RFC 2205 3.1.7 */
		add_session(m);
		add_error_spec(m, VEC_ERO_HOP1, RSVP_ERR_ROUTING,
		    RSVP_ERRV_RT_NO_ROUTE);
		add_filter(m, RSVP_CLASS_SENDER_TEMPLATE, VEC_LSP_ID);
		return add_sender_tspec(m);
	case VEC_RESVERR:
		/* RFC 2205 3.1.8 */
		add_session(m);
		add_hop(m, VEC_INGRESS);
		add_error_spec(m, VEC_INGRESS, RSVP_ERR_ADMISSION,
		    RSVP_ERRV_ADM_BANDWIDTH);
		add_style(m, RSVP_STYLE_FF);
		if (add_flowspec(m, IS_SVC_CONTROLLED_LOAD) < 0)
			return -1;
		add_filter(m, RSVP_CLASS_FILTER_SPEC, VEC_LSP_ID);
		return 0;
	case VEC_PATHTEAR:
		/* RFC 2205 3.1.5 */
		add_session(m);
		add_hop(m, VEC_INGRESS);
		add_filter(m, RSVP_CLASS_SENDER_TEMPLATE, VEC_LSP_ID);
		return add_sender_tspec(m);
	case VEC_RESVTEAR:
		/* RFC 2205 3.1.6 */
		add_session(m);
		add_hop(m, VEC_NEXT_HOP);
		add_style(m, RSVP_STYLE_FF);
		if (add_flowspec(m, IS_SVC_CONTROLLED_LOAD) < 0)
			return -1;
		add_filter(m, RSVP_CLASS_FILTER_SPEC, VEC_LSP_ID);
		return 0;
	case VEC_RESVCONF:
		/* RFC 2205 3.1.9 */
		add_session(m);
		add_error_spec(m, VEC_EGRESS, RSVP_ERR_CONFIRM, 0);
		rsvp_msg_add(m, RSVP_CLASS_RESV_CONFIRM, RSVP_CTYPE_IPV4)->u
		    .resv_confirm.receiver = addr(VEC_EGRESS);
		add_style(m, RSVP_STYLE_FF);
		if (add_flowspec(m, IS_SVC_CONTROLLED_LOAD) < 0)
			return -1;
		add_filter(m, RSVP_CLASS_FILTER_SPEC, VEC_LSP_ID);
		return 0;
	case VEC_HELLO_REQUEST:
	case VEC_HELLO_ACK:
		/* RFC 3209 5.1: sent with TTL 1 */
		m->send_ttl = 1;
		o = rsvp_msg_add(m, RSVP_CLASS_HELLO,
		    kind == VEC_HELLO_REQUEST ? RSVP_CTYPE_HELLO_REQUEST :
		    RSVP_CTYPE_HELLO_ACK);
		o->u.hello.src_instance = kind == VEC_HELLO_REQUEST ?
		    VEC_HELLO_SRC : VEC_HELLO_DST;
		o->u.hello.dst_instance = kind == VEC_HELLO_REQUEST ? 0 :
		    VEC_HELLO_SRC;
		return 0;
	case VEC_COUNT:
		break;
	}
	return -1;
}

const char *
vec_name(enum vec_kind kind)
{
	static const char *const names[VEC_COUNT] = {
		[VEC_PATH] = "path", [VEC_RESV_FF] = "resv-ff",
		[VEC_RESV_SE] = "resv-se", [VEC_PATHERR] = "patherr",
		[VEC_RESVERR] = "resverr", [VEC_PATHTEAR] = "pathtear",
		[VEC_RESVTEAR] = "resvtear", [VEC_RESVCONF] = "resvconf",
		[VEC_HELLO_REQUEST] = "hello-request",
		[VEC_HELLO_ACK] = "hello-ack",
	};

	return kind < VEC_COUNT ? names[kind] : "?";
}

void
vec_addrs(enum vec_kind kind, struct in_addr *src_r, struct in_addr *dst_r)
{
	switch (kind) {
	case VEC_PATH:
	case VEC_PATHTEAR:
		/* RFC 2205 3.1.3: addressed to the session's destination */
		*src_r = addr(VEC_INGRESS);
		*dst_r = addr(VEC_EGRESS);
		return;
	case VEC_RESVCONF:
		*src_r = addr(VEC_NEXT_HOP);
		*dst_r = addr(VEC_EGRESS);
		return;
	case VEC_PATHERR:
	case VEC_RESV_FF:
	case VEC_RESV_SE:
	case VEC_RESVTEAR:
	case VEC_HELLO_ACK:
		*src_r = addr(VEC_NEXT_HOP);
		*dst_r = addr(VEC_INGRESS);
		return;
	case VEC_RESVERR:
	case VEC_HELLO_REQUEST:
	case VEC_COUNT:
		break;
	}
	*src_r = addr(VEC_INGRESS);
	*dst_r = addr(VEC_NEXT_HOP);
}

int
vec_router_alert(enum vec_kind kind)
{
	return kind == VEC_PATH || kind == VEC_PATHTEAR;
}
