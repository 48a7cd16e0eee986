/* Names of the reasons an IntServ body is refused. */
#include "flowspec/intserv.h"

const char *
is_reason_str(enum is_reason reason)
{
	switch (reason) {
	case IS_OK:
		return "ok";
	case IS_E_TRUNCATED:
		return "truncated header";
	case IS_E_LENGTH:
		return "length does not match its container";
	case IS_E_VERSION:
		return "unknown message format version";
	case IS_E_SERVICE:
		return "service not allowed in this object";
	case IS_E_UNSUPPORTED:
		return "unsupported service";
	case IS_E_MISSING:
		return "required parameter or fragment missing";
	case IS_E_DUPLICATE:
		return "parameter or fragment repeated";
	case IS_E_PARAM_LEN:
		return "wrong parameter length";
	case IS_E_NAN:
		return "value is NaN";
	case IS_E_NEGATIVE:
		return "value is negative";
	case IS_E_INFINITE:
		return "value is infinite";
	case IS_E_MIN_GT_MAX:
		return "minimum policed unit above maximum packet size";
	case IS_E_PEAK_LT_RATE:
		return "peak rate below token rate";
	case IS_E_TOO_MANY:
		return "too many unknown service fragments";
	}
	return "unknown reason";
}
