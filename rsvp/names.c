/*
 * Names of message types, object classes and C-Types, error codes and
 * values, styles and subobjects, for printing (RFC 2205 3.1.1, Appendix A
 * and B; RFC 3209 4.5, 5 and 7; RFC 2747).
 */
#include "rsvp/rsvp_local.h"

struct name {
	unsigned	value;
	const char	*name;
};

static const char *
lookup(const struct name *t, size_t n, unsigned value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return NULL;
}

#define LOOKUP(t, v)	lookup((t), sizeof(t) / sizeof((t)[0]), (v))

static const struct name msg_types[] = {
	{ RSVP_MSG_PATH, "Path" },
	{ RSVP_MSG_RESV, "Resv" },
	{ RSVP_MSG_PATHERR, "PathErr" },
	{ RSVP_MSG_RESVERR, "ResvErr" },
	{ RSVP_MSG_PATHTEAR, "PathTear" },
	{ RSVP_MSG_RESVTEAR, "ResvTear" },
	{ RSVP_MSG_RESVCONF, "ResvConf" },
	{ RSVP_MSG_HELLO, "Hello" },
};

static const struct name classes[] = {
	{ RSVP_CLASS_NULL, "NULL" },
	{ RSVP_CLASS_SESSION, "SESSION" },
	{ RSVP_CLASS_RSVP_HOP, "RSVP_HOP" },
	{ RSVP_CLASS_INTEGRITY, "INTEGRITY" },
	{ RSVP_CLASS_TIME_VALUES, "TIME_VALUES" },
	{ RSVP_CLASS_ERROR_SPEC, "ERROR_SPEC" },
	{ RSVP_CLASS_SCOPE, "SCOPE" },
	{ RSVP_CLASS_STYLE, "STYLE" },
	{ RSVP_CLASS_FLOWSPEC, "FLOWSPEC" },
	{ RSVP_CLASS_FILTER_SPEC, "FILTER_SPEC" },
	{ RSVP_CLASS_SENDER_TEMPLATE, "SENDER_TEMPLATE" },
	{ RSVP_CLASS_SENDER_TSPEC, "SENDER_TSPEC" },
	{ RSVP_CLASS_ADSPEC, "ADSPEC" },
	{ RSVP_CLASS_POLICY_DATA, "POLICY_DATA" },
	{ RSVP_CLASS_RESV_CONFIRM, "RESV_CONFIRM" },
	{ RSVP_CLASS_LABEL, "LABEL" },
	{ RSVP_CLASS_LABEL_REQUEST, "LABEL_REQUEST" },
	{ RSVP_CLASS_EXPLICIT_ROUTE, "EXPLICIT_ROUTE" },
	{ RSVP_CLASS_RECORD_ROUTE, "RECORD_ROUTE" },
	{ RSVP_CLASS_HELLO, "HELLO" },
	{ RSVP_CLASS_SESSION_ATTRIBUTE, "SESSION_ATTRIBUTE" },
};

/* (class << 8 | C-Type) -> name. */
#define CT(class, ctype)	((unsigned)(class) << 8 | (ctype))
static const struct name ctypes[] = {
	{ CT(RSVP_CLASS_SESSION, 1), "IPv4" },
	{ CT(RSVP_CLASS_SESSION, 7), "LSP_TUNNEL_IPv4" },
	{ CT(RSVP_CLASS_RSVP_HOP, 1), "IPv4" },
	{ CT(RSVP_CLASS_INTEGRITY, 1), "Keyed digest" },
	{ CT(RSVP_CLASS_TIME_VALUES, 1), "Refresh period" },
	{ CT(RSVP_CLASS_ERROR_SPEC, 1), "IPv4" },
	{ CT(RSVP_CLASS_SCOPE, 1), "IPv4 list" },
	{ CT(RSVP_CLASS_STYLE, 1), "Style" },
	{ CT(RSVP_CLASS_FLOWSPEC, 2), "IntServ" },
	{ CT(RSVP_CLASS_FILTER_SPEC, 1), "IPv4" },
	{ CT(RSVP_CLASS_FILTER_SPEC, 7), "LSP_TUNNEL_IPv4" },
	{ CT(RSVP_CLASS_SENDER_TEMPLATE, 1), "IPv4" },
	{ CT(RSVP_CLASS_SENDER_TEMPLATE, 7), "LSP_TUNNEL_IPv4" },
	{ CT(RSVP_CLASS_SENDER_TSPEC, 2), "IntServ" },
	{ CT(RSVP_CLASS_ADSPEC, 2), "IntServ" },
	{ CT(RSVP_CLASS_POLICY_DATA, 1), "Policy data" },
	{ CT(RSVP_CLASS_RESV_CONFIRM, 1), "IPv4" },
	{ CT(RSVP_CLASS_LABEL, 1), "Label" },
	{ CT(RSVP_CLASS_LABEL_REQUEST, 1), "Without label range" },
	{ CT(RSVP_CLASS_EXPLICIT_ROUTE, 1), "Type 1" },
	{ CT(RSVP_CLASS_RECORD_ROUTE, 1), "Type 1" },
	{ CT(RSVP_CLASS_HELLO, 1), "REQUEST" },
	{ CT(RSVP_CLASS_HELLO, 2), "ACK" },
	{ CT(RSVP_CLASS_SESSION_ATTRIBUTE, 1), "LSP_TUNNEL_RA" },
	{ CT(RSVP_CLASS_SESSION_ATTRIBUTE, 7), "LSP_TUNNEL" },
};

static const struct name error_codes[] = {
	{ RSVP_ERR_CONFIRM, "Confirmation" },
	{ RSVP_ERR_ADMISSION, "Admission Control failure" },
	{ RSVP_ERR_POLICY, "Policy Control failure" },
	{ RSVP_ERR_NO_PATH, "No path information for this Resv message" },
	{ RSVP_ERR_NO_SENDER, "No sender information for this Resv message" },
	{ RSVP_ERR_CONFLICT_STYLE, "Conflicting reservation style" },
	{ RSVP_ERR_UNKNOWN_STYLE, "Unknown reservation style" },
	{ RSVP_ERR_CONFLICT_DPORT, "Conflicting dest ports" },
	{ RSVP_ERR_CONFLICT_SPORT, "Conflicting sender ports" },
	{ RSVP_ERR_PREEMPTED, "Service preempted" },
	{ RSVP_ERR_UNKNOWN_CLASS, "Unknown object class" },
	{ RSVP_ERR_UNKNOWN_CTYPE, "Unknown object C-Type" },
	{ RSVP_ERR_API, "Reserved for API" },
	{ RSVP_ERR_TRAFFIC_CONTROL, "Traffic Control Error" },
	{ RSVP_ERR_TC_SYSTEM, "Traffic Control System error" },
	{ RSVP_ERR_RSVP_SYSTEM, "RSVP System error" },
	{ RSVP_ERR_ROUTING, "Routing Problem" },
	{ RSVP_ERR_NOTIFY, "Notify" },
};

/* Globally-defined sub-codes, (code << 16 | value) -> name. */
#define EV(code, value)	((unsigned)(code) << 16 | (value))
static const struct name error_values[] = {
	{ EV(RSVP_ERR_ADMISSION, RSVP_ERRV_ADM_DELAY),
	  "Delay bound cannot be met" },
	{ EV(RSVP_ERR_ADMISSION, RSVP_ERRV_ADM_BANDWIDTH),
	  "Requested bandwidth unavailable" },
	{ EV(RSVP_ERR_ADMISSION, RSVP_ERRV_ADM_MTU),
	  "MTU in flowspec larger than interface MTU" },
	{ EV(RSVP_ERR_TRAFFIC_CONTROL, RSVP_ERRV_TC_SERVICE_CONFLICT),
	  "Service conflict" },
	{ EV(RSVP_ERR_TRAFFIC_CONTROL, RSVP_ERRV_TC_SERVICE_UNSUPP),
	  "Service unsupported" },
	{ EV(RSVP_ERR_TRAFFIC_CONTROL, RSVP_ERRV_TC_BAD_FLOWSPEC),
	  "Bad Flowspec value" },
	{ EV(RSVP_ERR_TRAFFIC_CONTROL, RSVP_ERRV_TC_BAD_TSPEC),
	  "Bad Tspec value" },
	{ EV(RSVP_ERR_TRAFFIC_CONTROL, RSVP_ERRV_TC_BAD_ADSPEC),
	  "Bad Adspec value" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_ERO),
	  "Bad EXPLICIT_ROUTE object" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_STRICT), "Bad strict node" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_LOOSE), "Bad loose node" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_INITIAL),
	  "Bad initial subobject" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_NO_ROUTE),
	  "No route available toward destination" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_LABEL),
	  "Unacceptable label value" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_RRO_LOOP),
	  "RRO indicated routing loops" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_NON_RSVP),
	  "MPLS being negotiated, but a non-RSVP-capable router stands in "
	  "the path" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_LABEL_ALLOC),
	  "MPLS label allocation failure" },
	{ EV(RSVP_ERR_ROUTING, RSVP_ERRV_RT_BAD_L3PID), "Unsupported L3PID" },
	{ EV(RSVP_ERR_NOTIFY, RSVP_ERRV_NT_RRO_TOO_LARGE),
	  "RRO too large for MTU" },
	{ EV(RSVP_ERR_NOTIFY, RSVP_ERRV_NT_RRO_NOTIFY), "RRO notification" },
	{ EV(RSVP_ERR_NOTIFY, RSVP_ERRV_NT_LOCAL_REPAIR),
	  "Tunnel locally repaired" },
};

static const struct name styles[] = {
	{ RSVP_STYLE_WF, "WF" },
	{ RSVP_STYLE_FF, "FF" },
	{ RSVP_STYLE_SE, "SE" },
};

static const struct name subobjs[] = {
	{ RSVP_SUBOBJ_IPV4, "IPv4" },
	{ RSVP_SUBOBJ_IPV6, "IPv6" },
	{ RSVP_SUBOBJ_LABEL, "Label" },
	{ RSVP_SUBOBJ_AS, "AS" },
};

static const struct name reasons[] = {
	{ RSVP_E_NONE, "none" },
	{ RSVP_E_SHORT, "short message" },
	{ RSVP_E_VERSION, "bad version" },
	{ RSVP_E_MSG_TYPE, "unknown message type" },
	{ RSVP_E_MSG_LENGTH, "bad message length" },
	{ RSVP_E_CHECKSUM, "bad checksum" },
	{ RSVP_E_OBJ_LENGTH, "bad object length" },
	{ RSVP_E_OBJ_TRUNCATED, "truncated object" },
	{ RSVP_E_OBJ_BODY, "malformed object" },
	{ RSVP_E_UNKNOWN_CLASS, "unknown object class" },
	{ RSVP_E_UNKNOWN_CTYPE, "unknown object C-Type" },
	{ RSVP_E_BOUND, "decoder bound exceeded" },
	{ RSVP_E_MISSING, "required object missing" },
	{ RSVP_E_DUPLICATE, "duplicate object" },
	{ RSVP_E_ILLEGAL_CLASS, "object class not allowed" },
	{ RSVP_E_ORDER, "object order violated" },
	{ RSVP_E_DESCRIPTOR, "bad descriptor list" },
	{ RSVP_E_STYLE, "unknown reservation style" },
	{ RSVP_E_CTYPE_MISMATCH, "C-Type mismatch" },
	{ RSVP_E_ROUTE, "bad EXPLICIT_ROUTE" },
	{ RSVP_E_PORT, "bad source port" },
};

const char *
rsvp_msg_type_name(uint8_t type)
{
	return LOOKUP(msg_types, type);
}

const char *
rsvp_class_name(uint8_t class_num)
{
	return LOOKUP(classes, class_num);
}

const char *
rsvp_ctype_name(uint8_t class_num, uint8_t c_type)
{
	return LOOKUP(ctypes, CT(class_num, c_type));
}

const char *
rsvp_error_code_name(uint8_t code)
{
	return LOOKUP(error_codes, code);
}

/*
 * Codes 1, 12 and 21 carry 'ssur' bits above a 12-bit sub-code (RFC 2205
 * Appendix B); only globally-defined sub-codes (ss = 00) have names.
 */
const char *
rsvp_error_value_name(uint8_t code, uint16_t value)
{
	if (code == RSVP_ERR_ADMISSION || code == RSVP_ERR_TRAFFIC_CONTROL ||
	    code == RSVP_ERR_PREEMPTED) {
		if (value & 0xc000)
			return NULL;
		value &= 0x0fff;
	}
	return LOOKUP(error_values, EV(code, value));
}

const char *
rsvp_style_name(uint32_t options)
{
	return LOOKUP(styles, options & RSVP_STYLE_MASK);
}

const char *
rsvp_subobj_name(uint8_t type)
{
	return LOOKUP(subobjs, type);
}

const char *
rsvp_reason_name(enum rsvp_reason reason)
{
	return LOOKUP(reasons, (unsigned)reason);
}
