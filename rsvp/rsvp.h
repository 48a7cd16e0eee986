/*
 * RSVP (RFC 2205) and RSVP-TE (RFC 3209) on the wire: constants, the
 * decoded message, and the codec.  Bytes in, structs out: no sockets, no
 * global state, no heap.  Every array is bounded; a message that does not
 * fit the bounds is refused with RSVP_E_BOUND.
 *
 * A decoded message is its common header plus the ordered list of its
 * objects, each decoded into a typed body.  The order is the wire order,
 * so encode(decode(x)) keeps every object, including the unknown objects
 * that RFC 2205 3.10 says to forward, at its place.  The message grammars
 * (RFC 2205 3.1, RFC 3209 4) are checked by rsvp_validate(), and the
 * sender and flow descriptors are read out with rsvp_path_sender() and
 * rsvp_resv_flows().  See docs/rsvp-codec.md.
 */
#ifndef QUASAR_RSVP_H
#define QUASAR_RSVP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <netinet/in.h>

/* Common header (RFC 2205 3.1.1). */
#define RSVP_VERSION		1
#define RSVP_HDR_LEN		8
#define RSVP_OBJ_HDR_LEN	4
#define RSVP_MSG_MAX_LEN	65535

/* Message types (RFC 2205 3.1.1, RFC 3209 5.1). */
#define RSVP_MSG_PATH		1
#define RSVP_MSG_RESV		2
#define RSVP_MSG_PATHERR	3
#define RSVP_MSG_RESVERR	4
#define RSVP_MSG_PATHTEAR	5
#define RSVP_MSG_RESVTEAR	6
#define RSVP_MSG_RESVCONF	7
#define RSVP_MSG_HELLO		20

/* Object classes (RFC 2205 Appendix A, RFC 3209 4 and 5, RFC 2747). */
#define RSVP_CLASS_NULL			0
#define RSVP_CLASS_SESSION		1
#define RSVP_CLASS_RSVP_HOP		3
#define RSVP_CLASS_INTEGRITY		4
#define RSVP_CLASS_TIME_VALUES		5
#define RSVP_CLASS_ERROR_SPEC		6
#define RSVP_CLASS_SCOPE		7
#define RSVP_CLASS_STYLE		8
#define RSVP_CLASS_FLOWSPEC		9
#define RSVP_CLASS_FILTER_SPEC		10
#define RSVP_CLASS_SENDER_TEMPLATE	11
#define RSVP_CLASS_SENDER_TSPEC		12
#define RSVP_CLASS_ADSPEC		13
#define RSVP_CLASS_POLICY_DATA		14
#define RSVP_CLASS_RESV_CONFIRM		15
#define RSVP_CLASS_LABEL		16
#define RSVP_CLASS_LABEL_REQUEST	19
#define RSVP_CLASS_EXPLICIT_ROUTE	20
#define RSVP_CLASS_RECORD_ROUTE		21
#define RSVP_CLASS_HELLO		22
#define RSVP_CLASS_SESSION_ATTRIBUTE	207

/* C-Types. */
#define RSVP_CTYPE_IPV4			1	/* SESSION, HOP, FILTER, ... */
#define RSVP_CTYPE_LSP_TUNNEL_IPV4	7	/* SESSION, SENDER_TEMPLATE,
						   FILTER_SPEC (RFC 3209 4.6) */
#define RSVP_CTYPE_INTSERV		2	/* FLOWSPEC, SENDER_TSPEC,
						   ADSPEC (RFC 2210) */
#define RSVP_CTYPE_1			1	/* the only C-Type of TIME_VALUES,
						   STYLE, SCOPE, LABEL, ... */
#define RSVP_CTYPE_SA_LSP_TUNNEL_RA	1	/* SESSION_ATTRIBUTE with
						   affinities (RFC 3209 4.7.2) */
#define RSVP_CTYPE_SA_LSP_TUNNEL	7	/* SESSION_ATTRIBUTE (4.7.1) */
#define RSVP_CTYPE_HELLO_REQUEST	1	/* RFC 3209 5.2 */
#define RSVP_CTYPE_HELLO_ACK		2	/* RFC 3209 5.3 */

/*
 * The two high bits of an unknown Class-Num say what to do with it
 * (RFC 2205 3.10).
 */
#define RSVP_CLASS_RULE_MASK		0xc0
#define RSVP_CLASS_RULE_REJECT		0x00	/* 0bbbbbbb (and 01bbbbbb) */
#define RSVP_CLASS_RULE_IGNORE		0x80	/* 10bbbbbb */
#define RSVP_CLASS_RULE_FORWARD		0xc0	/* 11bbbbbb */

/* ERROR_SPEC flags (RFC 2205 A.5). */
#define RSVP_ERRSPEC_F_INPLACE		0x01
#define RSVP_ERRSPEC_F_NOTGUILTY	0x02

/* STYLE option vector (RFC 2205 A.7): the low five bits name the style. */
#define RSVP_STYLE_MASK		0x1f
#define RSVP_STYLE_WF		0x11	/* shared, wildcard */
#define RSVP_STYLE_FF		0x0a	/* distinct, explicit */
#define RSVP_STYLE_SE		0x12	/* shared, explicit */

/* INTEGRITY flags (RFC 2747 2.1). */
#define RSVP_INTEGRITY_F_HANDSHAKE	0x01
#define RSVP_INTEGRITY_KEYID_LEN	6

/* EXPLICIT_ROUTE and RECORD_ROUTE subobjects (RFC 3209 4.3.3, 4.4.1). */
#define RSVP_SUBOBJ_IPV4		1
#define RSVP_SUBOBJ_IPV6		2	/* carried as bytes */
#define RSVP_SUBOBJ_LABEL		3	/* RRO only */
#define RSVP_SUBOBJ_AS			32	/* ERO only */
#define RSVP_ERO_L_BIT			0x80
#define RSVP_RRO_F_LOCAL_PROT_AVAIL	0x01
#define RSVP_RRO_F_LOCAL_PROT_IN_USE	0x02
#define RSVP_RRO_LABEL_F_GLOBAL		0x01

/* SESSION_ATTRIBUTE flags (RFC 3209 4.7.1). */
#define RSVP_SA_F_LOCAL_PROT		0x01
#define RSVP_SA_F_LABEL_RECORDING	0x02
#define RSVP_SA_F_SE_STYLE		0x04

/* ERROR_SPEC codes (RFC 2205 Appendix B, RFC 3209 4.5 and 7.3). */
#define RSVP_ERR_CONFIRM		0
#define RSVP_ERR_ADMISSION		1
#define RSVP_ERR_POLICY			2
#define RSVP_ERR_NO_PATH		3
#define RSVP_ERR_NO_SENDER		4
#define RSVP_ERR_CONFLICT_STYLE		5
#define RSVP_ERR_UNKNOWN_STYLE		6
#define RSVP_ERR_CONFLICT_DPORT		7
#define RSVP_ERR_CONFLICT_SPORT		8
#define RSVP_ERR_PREEMPTED		12
#define RSVP_ERR_UNKNOWN_CLASS		13
#define RSVP_ERR_UNKNOWN_CTYPE		14
#define RSVP_ERR_API			20
#define RSVP_ERR_TRAFFIC_CONTROL	21
#define RSVP_ERR_TC_SYSTEM		22
#define RSVP_ERR_RSVP_SYSTEM		23
#define RSVP_ERR_ROUTING		24
#define RSVP_ERR_NOTIFY			25

/* Error values of code 1 (Admission Control failure). */
#define RSVP_ERRV_ADM_DELAY		1
#define RSVP_ERRV_ADM_BANDWIDTH		2
#define RSVP_ERRV_ADM_MTU		3
/* Error values of code 21 (Traffic Control Error). */
#define RSVP_ERRV_TC_SERVICE_CONFLICT	1
#define RSVP_ERRV_TC_SERVICE_UNSUPP	2
#define RSVP_ERRV_TC_BAD_FLOWSPEC	3
#define RSVP_ERRV_TC_BAD_TSPEC		4
#define RSVP_ERRV_TC_BAD_ADSPEC		5
/* Error values of code 24 (Routing Problem, RFC 3209 4.5). */
#define RSVP_ERRV_RT_BAD_ERO		1
#define RSVP_ERRV_RT_BAD_STRICT		2
#define RSVP_ERRV_RT_BAD_LOOSE		3
#define RSVP_ERRV_RT_BAD_INITIAL	4
#define RSVP_ERRV_RT_NO_ROUTE		5
#define RSVP_ERRV_RT_BAD_LABEL		6
#define RSVP_ERRV_RT_RRO_LOOP		7
#define RSVP_ERRV_RT_NON_RSVP		8
#define RSVP_ERRV_RT_LABEL_ALLOC	9
#define RSVP_ERRV_RT_BAD_L3PID		10
/* Error values of code 25 (Notify, RFC 3209 4.5). */
#define RSVP_ERRV_NT_RRO_TOO_LARGE	1
#define RSVP_ERRV_NT_RRO_NOTIFY		2
#define RSVP_ERRV_NT_LOCAL_REPAIR	3

/* Bounds of the decoded message. */
#define RSVP_MAX_OBJECTS	64	/* objects kept per message */
#define RSVP_MAX_IGNORED	16	/* 10bbbbbb and NULL objects */
#define RSVP_OPAQUE_MAX		256	/* body bytes of an opaque object */
#define RSVP_ROUTE_MAX		32	/* subobjects of an ERO or RRO */
#define RSVP_ROUTE_RAW_MAX	128	/* bytes of subobjects carried as
					   bytes, per ERO or RRO */
#define RSVP_SCOPE_MAX		32	/* addresses in a SCOPE */
#define RSVP_DIGEST_MAX		64	/* INTEGRITY keyed digest bytes */
#define RSVP_NAME_MAX		255	/* SESSION_ATTRIBUTE name bytes */
#define RSVP_DESC_MAX		RSVP_MAX_OBJECTS

/* SESSION, C-Type 1 (RFC 2205 A.1). */
struct rsvp_session_ipv4 {
	struct in_addr	dst;
	uint8_t		proto;
	uint8_t		flags;
	uint16_t	dport;
};

/* SESSION, C-Type 7 (RFC 3209 4.6.1.1). */
struct rsvp_session_lsp {
	struct in_addr	endpoint;
	uint16_t	tunnel_id;
	struct in_addr	ext_tunnel_id;
};

/* RSVP_HOP, C-Type 1 (RFC 2205 A.2). */
struct rsvp_hop_ipv4 {
	struct in_addr	addr;
	uint32_t	lih;		/* logical interface handle */
};

/* TIME_VALUES (RFC 2205 A.4). */
struct rsvp_time_values {
	uint32_t	refresh_ms;
};

/* ERROR_SPEC, C-Type 1 (RFC 2205 A.5). */
struct rsvp_error_spec {
	struct in_addr	node;
	uint8_t		flags;		/* RSVP_ERRSPEC_F_* */
	uint8_t		code;
	uint16_t	value;
};

/* SCOPE, C-Type 1: a list of sender addresses (RFC 2205 A.6). */
struct rsvp_scope {
	uint16_t	naddrs;
	struct in_addr	addrs[RSVP_SCOPE_MAX];
};

/* STYLE (RFC 2205 A.7). */
struct rsvp_style {
	uint8_t		flags;
	uint32_t	options;	/* 24-bit option vector */
};

/* FILTER_SPEC and SENDER_TEMPLATE, C-Type 1 (RFC 2205 A.9). */
struct rsvp_filter_ipv4 {
	struct in_addr	src;
	uint16_t	sport;
};

/* FILTER_SPEC and SENDER_TEMPLATE, C-Type 7 (RFC 3209 4.6.2.1). */
struct rsvp_filter_lsp {
	struct in_addr	sender;
	uint16_t	lsp_id;
};

/*
 * An object body kept as bytes: the IntServ bodies of FLOWSPEC,
 * SENDER_TSPEC and ADSPEC (flowspec/ reads them), POLICY_DATA, and the
 * unknown objects forwarded unexamined (RFC 2205 3.10).  'data' is the
 * object after its 4-byte header.
 */
struct rsvp_opaque {
	uint16_t	len;
	uint8_t		data[RSVP_OPAQUE_MAX];
};

/* RESV_CONFIRM, C-Type 1 (RFC 2205 A.14). */
struct rsvp_resv_confirm {
	struct in_addr	receiver;
};

/* INTEGRITY, C-Type 1 (RFC 2747 2.1); the keyed check is not here. */
struct rsvp_integrity {
	uint8_t		flags;		/* RSVP_INTEGRITY_F_* */
	uint8_t		key_id[RSVP_INTEGRITY_KEYID_LEN];
	uint64_t	seq;
	uint16_t	digest_len;	/* a multiple of 4 */
	uint8_t		digest[RSVP_DIGEST_MAX];
};

/* LABEL_REQUEST, C-Type 1, without label range (RFC 3209 4.2.1). */
struct rsvp_label_request {
	uint16_t	l3pid;
};

/* LABEL, C-Type 1 (RFC 3209 4.1.1). */
struct rsvp_label {
	uint32_t	label;
};

/*
 * One subobject of an EXPLICIT_ROUTE (RFC 3209 4.3.3) or RECORD_ROUTE
 * (4.4.1).  'type' says which fields are used:
 *   RSVP_SUBOBJ_IPV4:  addr, prefix_len; loose (ERO) or flags (RRO)
 *   RSVP_SUBOBJ_AS:    asn, loose (ERO)
 *   RSVP_SUBOBJ_LABEL: flags (RSVP_RRO_LABEL_F_GLOBAL), label_ctype, label
 *   any other type (IPv6, unnumbered interface, ...): loose (ERO), and
 *     the contents after Type and Length as bytes, in the route's
 *     raw[raw_off .. raw_off + raw_len)
 */
struct rsvp_subobj {
	uint8_t		type;
	bool		loose;
	uint8_t		flags;
	uint8_t		prefix_len;
	struct in_addr	addr;
	uint16_t	asn;
	uint8_t		label_ctype;
	uint8_t		raw_off;
	uint32_t	label;
	uint8_t		raw_len;
};

/* EXPLICIT_ROUTE or RECORD_ROUTE, C-Type 1. */
struct rsvp_route {
	uint16_t		nsub;
	uint16_t		raw_used;	/* bytes of raw[] in use */
	struct rsvp_subobj	sub[RSVP_ROUTE_MAX];
	uint8_t			raw[RSVP_ROUTE_RAW_MAX];
};

/*
 * SESSION_ATTRIBUTE, C-Type 7 or C-Type 1 with resource affinities
 * (RFC 3209 4.7).  'name' is NUL-terminated; 'name_len' is its length
 * without padding (our encoder writes that as Name Length; a peer's padded
 * Name Length is accepted and trailing NULs dropped).
 */
struct rsvp_session_attr {
	uint32_t	exclude_any;	/* C-Type 1 only */
	uint32_t	include_any;	/* C-Type 1 only */
	uint32_t	include_all;	/* C-Type 1 only */
	uint8_t		setup_prio;
	uint8_t		hold_prio;
	uint8_t		flags;		/* RSVP_SA_F_* */
	uint8_t		name_len;
	char		name[RSVP_NAME_MAX + 1];
};

/* HELLO REQUEST (C-Type 1) or ACK (C-Type 2) (RFC 3209 5.2, 5.3). */
struct rsvp_hello {
	uint32_t	src_instance;
	uint32_t	dst_instance;
};

/* What the decoder did with an object. */
enum rsvp_obj_kind {
	RSVP_OBJ_DECODED = 0,	/* a known class and C-Type, body in 'u' */
	RSVP_OBJ_FORWARD,	/* unknown 11bbbbbb class: bytes in u.opaque,
				   forwarded unexamined (RFC 2205 3.10) */
};

/*
 * One object.  'class_num' and 'c_type' select the member of 'u':
 *   SESSION: session_ipv4 / session_lsp     RSVP_HOP: hop
 *   TIME_VALUES: time                       ERROR_SPEC: error_spec
 *   SCOPE: scope                            STYLE: style
 *   FILTER_SPEC, SENDER_TEMPLATE: filter_ipv4 / filter_lsp
 *   FLOWSPEC, SENDER_TSPEC, ADSPEC, POLICY_DATA: opaque
 *   RESV_CONFIRM: resv_confirm              INTEGRITY: integrity
 *   LABEL_REQUEST: label_request            LABEL: label
 *   EXPLICIT_ROUTE, RECORD_ROUTE: route     SESSION_ATTRIBUTE: session_attr
 *   HELLO: hello                            kind FORWARD: opaque
 */
struct rsvp_obj {
	uint8_t			class_num;
	uint8_t			c_type;
	enum rsvp_obj_kind	kind;
	uint16_t		offset;	/* of its header in the message, set
					   by the decoder (0 when built) */
	union {
		struct rsvp_session_ipv4	session_ipv4;
		struct rsvp_session_lsp		session_lsp;
		struct rsvp_hop_ipv4		hop;
		struct rsvp_time_values		time;
		struct rsvp_error_spec		error_spec;
		struct rsvp_scope		scope;
		struct rsvp_style		style;
		struct rsvp_filter_ipv4		filter_ipv4;
		struct rsvp_filter_lsp		filter_lsp;
		struct rsvp_opaque		opaque;
		struct rsvp_resv_confirm	resv_confirm;
		struct rsvp_integrity		integrity;
		struct rsvp_label_request	label_request;
		struct rsvp_label		label;
		struct rsvp_route		route;
		struct rsvp_session_attr	session_attr;
		struct rsvp_hello		hello;
	} u;
};

/*
 * An object the decoder dropped: an unknown 10bbbbbb class (RFC 2205 3.10)
 * or a NULL object (class 0, RFC 2205 Appendix A).
 */
struct rsvp_ignored {
	uint8_t		class_num;
	uint8_t		c_type;
	uint16_t	offset;
	uint16_t	length;
};

/*
 * A message: the common header (RFC 2205 3.1.1) and the objects in wire
 * order.  'cksum' and 'length' are as received; the encoder computes its
 * own and ignores them.
 */
struct rsvp_msg {
	uint8_t			flags;		/* 4 bits */
	uint8_t			type;		/* RSVP_MSG_* */
	uint16_t		cksum;
	uint8_t			send_ttl;
	uint16_t		length;
	uint16_t		nobjs;
	struct rsvp_obj		objs[RSVP_MAX_OBJECTS];
	uint16_t		nignored;
	struct rsvp_ignored	ignored[RSVP_MAX_IGNORED];
};

/* Why a message was refused. */
enum rsvp_reason {
	RSVP_E_NONE = 0,
	RSVP_E_SHORT,		/* shorter than the common header */
	RSVP_E_VERSION,		/* version is not 1 */
	RSVP_E_MSG_TYPE,	/* unknown message type */
	RSVP_E_MSG_LENGTH,	/* length field vs bytes received */
	RSVP_E_CHECKSUM,	/* checksum mismatch */
	RSVP_E_OBJ_LENGTH,	/* object length < 4 or not a multiple of 4 */
	RSVP_E_OBJ_TRUNCATED,	/* object runs past the message */
	RSVP_E_OBJ_BODY,	/* object body malformed for its C-Type */
	RSVP_E_UNKNOWN_CLASS,	/* unknown 0bbbbbbb class (RFC 2205 3.10) */
	RSVP_E_UNKNOWN_CTYPE,	/* known class, unknown C-Type */
	RSVP_E_BOUND,		/* exceeds a decoder bound (RSVP_*_MAX) */
	RSVP_E_MISSING,		/* required object missing */
	RSVP_E_DUPLICATE,	/* object present more than once */
	RSVP_E_ILLEGAL_CLASS,	/* object class not allowed in this message */
	RSVP_E_ORDER,		/* required object order violated */
	RSVP_E_DESCRIPTOR,	/* flow or sender descriptor malformed */
	RSVP_E_STYLE,		/* unknown reservation style */
	RSVP_E_CTYPE_MISMATCH,	/* C-Types that do not go together */
	RSVP_E_ROUTE,		/* malformed EXPLICIT_ROUTE */
	RSVP_E_PORT,		/* source port set, destination port zero */
};

/* What the receiver of a refused message should do. */
enum rsvp_action {
	RSVP_ACT_DROP = 0,	/* log locally and drop (RFC 2205 App. B) */
	RSVP_ACT_SEND_ERROR,	/* answer with PathErr/ResvErr carrying
				   err_code/err_value */
};

/*
 * A machine-usable reason.  'offset' is the byte offset in the message
 * where the problem was found (for a missing object: the message length);
 * 'class_num'/'c_type' the object involved (0 if none); 'text' a short
 * static string.
 */
struct rsvp_error {
	enum rsvp_reason	reason;
	enum rsvp_action	action;
	size_t			offset;
	uint8_t			class_num;
	uint8_t			c_type;
	uint8_t			err_code;	/* when RSVP_ACT_SEND_ERROR */
	uint16_t		err_value;
	const char		*text;
};

/* A sender descriptor: indices into msg->objs, -1 when absent. */
struct rsvp_sender_desc {
	int	tmpl;		/* SENDER_TEMPLATE */
	int	tspec;		/* SENDER_TSPEC */
	int	adspec;		/* ADSPEC */
	int	rro;		/* RECORD_ROUTE */
};

/*
 * A flow descriptor of a Resv, ResvTear, ResvErr or ResvConf: indices into
 * msg->objs, -1 when absent.  For FF a descriptor without its own FLOWSPEC
 * repeats the previous one (RFC 2205 3.1.4); 'flowspec' then names that
 * previous FLOWSPEC.  For SE every filter shares the one FLOWSPEC; for WF
 * there is one descriptor with no filter.
 */
struct rsvp_flow_desc {
	int	flowspec;
	int	filter;		/* FILTER_SPEC */
	int	label;		/* LABEL (RFC 3209 4.1) */
	int	rro;		/* RECORD_ROUTE */
};

/*
 * Decode the RSVP message of 'len' bytes at 'buf' (from its common header)
 * into 'msg', then check it with rsvp_validate().  Returns 0, or -1 with
 * 'err' filled.  Nothing in 'msg' points into 'buf'.  Array slots past
 * what a body uses (opaque bytes past 'len', subobjects past 'nsub', name
 * bytes past its NUL, objects past 'nobjs') are left as they were.
 */
int rsvp_decode(const uint8_t *buf, size_t len, struct rsvp_msg *msg,
    struct rsvp_error *err);

/*
 * Like rsvp_decode() without the grammar check: framing, checksum, object
 * headers, object bodies and the unknown-class rules only.  For printers
 * and fuzzers that want to see a message that breaks the grammar.
 */
int rsvp_parse(const uint8_t *buf, size_t len, struct rsvp_msg *msg,
    struct rsvp_error *err);

/*
 * Encode 'msg' into 'buf' of 'len' bytes, with version 1, the computed
 * length and checksum.  Returns the bytes written, or -1 when 'buf' is too
 * small or an object cannot be encoded.  The grammar is not checked: call
 * rsvp_validate() first if the message comes from outside.
 */
ssize_t rsvp_encode(const struct rsvp_msg *msg, uint8_t *buf, size_t len);

/*
 * Check 'msg' against its message grammar (RFC 2205 3.1, RFC 3209 4,
 * RFC 3209 5.1): required objects, allowed classes, INTEGRITY first,
 * descriptor lists, style, LSP_TUNNEL C-Type consistency.  Returns 0, or -1
 * with 'err' filled (with the PathErr/ResvErr code to send where the RFCs
 * give one).
 */
int rsvp_validate(const struct rsvp_msg *msg, struct rsvp_error *err);

/* Start an empty message of 'type' (flags 0, send_TTL 255). */
void rsvp_msg_init(struct rsvp_msg *msg, uint8_t type);

/*
 * Append a zeroed object of 'class_num'/'c_type' to 'msg'; returns it for
 * the caller to fill in, or NULL when msg already holds RSVP_MAX_OBJECTS.
 */
struct rsvp_obj *rsvp_msg_add(struct rsvp_msg *msg, uint8_t class_num,
    uint8_t c_type);

/*
 * Append a copy of object 'o' (from another message, decoded or built) to
 * 'msg'; its offset is cleared, as for any built object.  Returns the copy,
 * or NULL when msg already holds RSVP_MAX_OBJECTS.
 */
struct rsvp_obj *rsvp_msg_add_copy(struct rsvp_msg *msg,
    const struct rsvp_obj *o);

/* The first object of 'class_num' in 'msg', or NULL. */
const struct rsvp_obj *rsvp_msg_find(const struct rsvp_msg *msg,
    uint8_t class_num);

/*
 * The sender descriptor of a Path, PathTear or PathErr into 'sd'.  Returns
 * 1 if there is one, 0 if not, -1 if malformed.
 */
int rsvp_path_sender(const struct rsvp_msg *msg, struct rsvp_sender_desc *sd);

/*
 * The flow descriptors of a Resv, ResvTear, ResvErr or ResvConf into
 * 'fd[0..max)', their count into '*n_r'.  Returns 0, or -1 if the list is
 * malformed for its STYLE or longer than 'max'.
 */
int rsvp_resv_flows(const struct rsvp_msg *msg, struct rsvp_flow_desc *fd,
    size_t max, size_t *n_r);

/*
 * Name tables, for printing.  Each returns a static string, or NULL when
 * the value has no name (print the number then).
 */
const char *rsvp_msg_type_name(uint8_t type);
const char *rsvp_class_name(uint8_t class_num);
const char *rsvp_ctype_name(uint8_t class_num, uint8_t c_type);
const char *rsvp_error_code_name(uint8_t code);
const char *rsvp_error_value_name(uint8_t code, uint16_t value);
const char *rsvp_style_name(uint32_t options);
const char *rsvp_subobj_name(uint8_t type);
const char *rsvp_reason_name(enum rsvp_reason reason);

#endif
