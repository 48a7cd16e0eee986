/*
 * The one place where RFC 2205 3.10 decides what happens to an object the
 * codec does not know.
 */
#include "rsvp/rsvp_local.h"

/*
 * RFC 2205 3.10: a known Class-Num with an unknown C-Type is rejected with
 * "Unknown object C-Type"; an unknown Class-Num is treated by its two high
 * bits: 0bbbbbbb rejects the message ("Unknown object class"), 10bbbbbb
 * ignores the object (not forwarded, no error), 11bbbbbb keeps it and
 * forwards it unexamined and unmodified.  The NULL object (class 0, any
 * C-Type, RFC 2205 Appendix A) may appear anywhere and is ignored.
 */
enum rsvp_unknown_verdict
rsvp_unknown_verdict(uint8_t class_num)
{
	if (class_num == RSVP_CLASS_NULL)
		return RSVP_UNKNOWN_IGNORE;
	if (rsvp_class_known(class_num))
		return RSVP_UNKNOWN_REJECT_CTYPE;
	switch (class_num & RSVP_CLASS_RULE_MASK) {
	case RSVP_CLASS_RULE_IGNORE:
		return RSVP_UNKNOWN_IGNORE;
	case RSVP_CLASS_RULE_FORWARD:
		return RSVP_UNKNOWN_FORWARD;
	default:
		/* 00bbbbbb and 01bbbbbb alike. */
		return RSVP_UNKNOWN_REJECT_CLASS;
	}
}

/*
 * Fill 'err' for a rejected object of a 'msg_type' message.  RFC 2205
 * Appendix B: codes 13 and 14 carry (Class-Num, C-Type) as Error Value.
 */
void
rsvp_unknown_error(uint8_t msg_type, uint8_t class_num, uint8_t c_type,
    enum rsvp_unknown_verdict v, struct rsvp_error *err)
{
	uint16_t value = (uint16_t)(class_num << 8 | c_type);

	err->class_num = class_num;
	err->c_type = c_type;
	if (v == RSVP_UNKNOWN_REJECT_CTYPE) {
		err->reason = RSVP_E_UNKNOWN_CTYPE;
		err->text = "unknown object C-Type";
		rsvp_err_answer(err, msg_type, RSVP_ERR_UNKNOWN_CTYPE, value);
	} else {
		err->reason = RSVP_E_UNKNOWN_CLASS;
		err->text = "unknown object class";
		rsvp_err_answer(err, msg_type, RSVP_ERR_UNKNOWN_CLASS, value);
	}
}
