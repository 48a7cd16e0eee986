#include "objtest.h"

#include <check.h>
#include <string.h>

int
parse_one(uint8_t class_num, uint8_t c_type, const uint8_t *body, size_t len,
    struct rsvp_msg *out, struct rsvp_error *err)
{
	static uint8_t b[TEST_BUF_LEN];
	size_t olen = RSVP_OBJ_HDR_LEN + len;

	ck_assert_uint_le(RSVP_HDR_LEN + olen, sizeof(b));
	memset(b, 0, RSVP_HDR_LEN);
	b[0] = 0x10;
	b[1] = RSVP_MSG_PATH;
	b[4] = 64;
	b[8] = (uint8_t)(olen >> 8);
	b[9] = (uint8_t)olen;
	b[10] = class_num;
	b[11] = c_type;
	if (len > 0)
		memcpy(b + 12, body, len);
	refresh_header(b, RSVP_HDR_LEN + olen);
	return rsvp_parse(b, RSVP_HDR_LEN + olen, out, err);
}
