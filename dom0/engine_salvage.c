/*
 * What to answer a message the decoder refused with an error to send
 * (RFC 2205 3.10: an unknown 0bbbbbbb class; App. B): the error needs the
 * SESSION, the hops and the descriptors of the refused message, which the
 * decoder will not hand out.  So the objects that address the error are
 * copied from the wire into a small message of their own, which then
 * decodes.
 */
#include <string.h>

#include "dom0/engine_local.h"
#include "lib/cursor.h"
#include "lib/writer.h"

static bool
salvage_class(uint8_t class_num)
{
	switch (class_num) {
	case RSVP_CLASS_SESSION:
	case RSVP_CLASS_RSVP_HOP:
	case RSVP_CLASS_TIME_VALUES:
	case RSVP_CLASS_STYLE:
	case RSVP_CLASS_FLOWSPEC:
	case RSVP_CLASS_FILTER_SPEC:
	case RSVP_CLASS_SENDER_TEMPLATE:
	case RSVP_CLASS_SENDER_TSPEC:
		return true;
	default:
		return false;
	}
}

/*
 * Copy the common header of 'buf' ('len' bytes) and its objects of the
 * classes above into e->wire, and parse that into 'msg'.  Returns 0, or
 * -1 when even that does not parse.
 */
int
engine_salvage(struct engine *e, const uint8_t *buf, size_t len,
    struct rsvp_msg *msg)
{
	struct rsvp_error err;
	struct cursor c;
	struct writer w;
	uint16_t olen;
	uint8_t class_num;

	cur_init(&c, buf, len);
	w_init(&w, e->wire, RSVP_MSG_MAX_LEN);
	if (!w_bytes(&w, cur_pos(&c), RSVP_HDR_LEN) ||
	    !cur_skip(&c, RSVP_HDR_LEN))
		return -1;
	while (cur_left(&c) >= RSVP_OBJ_HDR_LEN) {
		if (!cur_peek_u16(&c, 0, &olen) ||
		    !cur_peek_u8(&c, 2, &class_num) ||
		    olen < RSVP_OBJ_HDR_LEN || olen > cur_left(&c))
			return -1;
		if (salvage_class(class_num) &&
		    !w_bytes(&w, cur_pos(&c), olen))
			return -1;
		(void)cur_skip(&c, olen);
	}
	/* RFC 2205 3.1.1: a zero checksum is none; the length is ours. */
	if (!w_patch_u16(&w, 2, 0) || !w_patch_u16(&w, 6, (uint16_t)w.len))
		return -1;
	return rsvp_parse(e->wire, w.len, msg, &err);
}
