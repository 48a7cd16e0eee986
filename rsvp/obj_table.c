/*
 * Every (Class-Num, C-Type) the codec knows, with its decoder and encoder,
 * sorted by class and then C-Type, so that lookups bisect.
 */
#include "rsvp/rsvp_local.h"

#include <stddef.h>

#define MEMBER(m)	sizeof(((struct rsvp_obj *)NULL)->u.m)
#define OPAQUE		offsetof(struct rsvp_opaque, data)
#define ROUTE		offsetof(struct rsvp_route, sub)
#define SATTR		offsetof(struct rsvp_session_attr, name)

const struct rsvp_obj_codec rsvp_forward_codec = {
	0, 0, OPAQUE, rsvp_opaque_decode, rsvp_opaque_encode
};

static const struct rsvp_obj_codec codecs[] = {
	{ RSVP_CLASS_SESSION, RSVP_CTYPE_IPV4,
	  MEMBER(session_ipv4),
	  rsvp_session_ipv4_decode, rsvp_session_ipv4_encode },
	{ RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4,
	  MEMBER(session_lsp),
	  rsvp_session_lsp_decode, rsvp_session_lsp_encode },
	{ RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4,
	  MEMBER(hop),
	  rsvp_hop_decode, rsvp_hop_encode },
	{ RSVP_CLASS_INTEGRITY, RSVP_CTYPE_1,
	  MEMBER(integrity),
	  rsvp_integrity_decode, rsvp_integrity_encode },
	{ RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1,
	  MEMBER(time),
	  rsvp_time_decode, rsvp_time_encode },
	{ RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4,
	  MEMBER(error_spec),
	  rsvp_error_spec_decode, rsvp_error_spec_encode },
	{ RSVP_CLASS_SCOPE, RSVP_CTYPE_IPV4,
	  MEMBER(scope),
	  rsvp_scope_decode, rsvp_scope_encode },
	{ RSVP_CLASS_STYLE, RSVP_CTYPE_1,
	  MEMBER(style),
	  rsvp_style_decode, rsvp_style_encode },
	{ RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV,
	  OPAQUE,
	  rsvp_opaque_decode, rsvp_opaque_encode },
	{ RSVP_CLASS_FILTER_SPEC, RSVP_CTYPE_IPV4,
	  MEMBER(filter_ipv4),
	  rsvp_filter_ipv4_decode, rsvp_filter_ipv4_encode },
	{ RSVP_CLASS_FILTER_SPEC, RSVP_CTYPE_LSP_TUNNEL_IPV4,
	  MEMBER(filter_lsp),
	  rsvp_filter_lsp_decode, rsvp_filter_lsp_encode },
	{ RSVP_CLASS_SENDER_TEMPLATE, RSVP_CTYPE_IPV4,
	  MEMBER(filter_ipv4),
	  rsvp_filter_ipv4_decode, rsvp_filter_ipv4_encode },
	{ RSVP_CLASS_SENDER_TEMPLATE, RSVP_CTYPE_LSP_TUNNEL_IPV4,
	  MEMBER(filter_lsp),
	  rsvp_filter_lsp_decode, rsvp_filter_lsp_encode },
	{ RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV,
	  OPAQUE,
	  rsvp_opaque_decode, rsvp_opaque_encode },
	{ RSVP_CLASS_ADSPEC, RSVP_CTYPE_INTSERV,
	  OPAQUE,
	  rsvp_opaque_decode, rsvp_opaque_encode },
	{ RSVP_CLASS_POLICY_DATA, RSVP_CTYPE_1,
	  OPAQUE,
	  rsvp_opaque_decode, rsvp_opaque_encode },
	{ RSVP_CLASS_RESV_CONFIRM, RSVP_CTYPE_IPV4,
	  MEMBER(resv_confirm),
	  rsvp_resv_confirm_decode, rsvp_resv_confirm_encode },
	{ RSVP_CLASS_LABEL, RSVP_CTYPE_1,
	  MEMBER(label),
	  rsvp_label_decode, rsvp_label_encode },
	{ RSVP_CLASS_LABEL_REQUEST, RSVP_CTYPE_1,
	  MEMBER(label_request),
	  rsvp_label_request_decode, rsvp_label_request_encode },
	{ RSVP_CLASS_EXPLICIT_ROUTE, RSVP_CTYPE_1,
	  ROUTE,
	  rsvp_ero_decode, rsvp_ero_encode },
	{ RSVP_CLASS_RECORD_ROUTE, RSVP_CTYPE_1,
	  ROUTE,
	  rsvp_rro_decode, rsvp_rro_encode },
	{ RSVP_CLASS_HELLO, RSVP_CTYPE_HELLO_REQUEST,
	  MEMBER(hello),
	  rsvp_hello_obj_decode, rsvp_hello_obj_encode },
	{ RSVP_CLASS_HELLO, RSVP_CTYPE_HELLO_ACK,
	  MEMBER(hello),
	  rsvp_hello_obj_decode, rsvp_hello_obj_encode },
	{ RSVP_CLASS_SESSION_ATTRIBUTE, RSVP_CTYPE_SA_LSP_TUNNEL_RA,
	  SATTR,
	  rsvp_session_attr_decode, rsvp_session_attr_encode },
	{ RSVP_CLASS_SESSION_ATTRIBUTE, RSVP_CTYPE_SA_LSP_TUNNEL,
	  SATTR,
	  rsvp_session_attr_decode, rsvp_session_attr_encode },
};

#define NCODECS		(sizeof(codecs) / sizeof(codecs[0]))
#define KEY(class, ctype)	((unsigned)(class) << 8 | (ctype))

/*
 * The first entry whose (class, C-Type) is not below 'key'; the table is
 * sorted by class, then C-Type.
 */
static size_t
lower_bound(unsigned key)
{
	size_t lo = 0, hi = NCODECS, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (KEY(codecs[mid].class_num, codecs[mid].c_type) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct rsvp_obj_codec *
rsvp_codec_find(uint8_t class_num, uint8_t c_type)
{
	size_t i = lower_bound(KEY(class_num, c_type));

	if (i < NCODECS && codecs[i].class_num == class_num &&
	    codecs[i].c_type == c_type)
		return &codecs[i];
	return NULL;
}

bool
rsvp_class_known(uint8_t class_num)
{
	size_t i = lower_bound(KEY(class_num, 0));

	return i < NCODECS && codecs[i].class_num == class_num;
}
