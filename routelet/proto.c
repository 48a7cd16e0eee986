#include "routelet/proto.h"

#include "lib/cursor.h"
#include "lib/writer.h"

ssize_t
rl_msg_encode(uint8_t type, const void *payload, size_t len, uint8_t *buf,
    size_t cap)
{
	struct writer w;

	if (len > RL_MSG_PAYLOAD_MAX)
		return -1;
	w_init(&w, buf, cap);
	w_u8(&w, RL_PROTO_VERSION);
	w_u8(&w, type);
	w_u16(&w, 0);
	w_u32(&w, (uint32_t)len);
	if (len > 0)
		w_bytes(&w, payload, len);
	if (!w_ok(&w))
		return -1;
	return (ssize_t)w.len;
}

static int
type_known(uint8_t type)
{
	return type >= RL_MSG_CONFIG && type <= RL_MSG_COUNTERS;
}

ssize_t
rl_msg_decode(const uint8_t *buf, size_t len, struct rl_msg *msg_r)
{
	struct cursor c;
	uint8_t version, type;
	uint16_t reserved;
	uint32_t plen;

	cur_init(&c, buf, len);
	/* Judge what is there as soon as it is there. */
	if (cur_u8(&c, &version) && version != RL_PROTO_VERSION)
		return -1;
	if (cur_u8(&c, &type) && !type_known(type))
		return -1;
	if (cur_u16(&c, &reserved) && reserved != 0)
		return -1;
	if (!cur_u32(&c, &plen))
		return 0;
	if (plen > RL_MSG_PAYLOAD_MAX)
		return -1;
	if (cur_left(&c) < plen)
		return 0;
	msg_r->type = type;
	msg_r->payload = cur_pos(&c);
	msg_r->len = plen;
	return (ssize_t)(RL_MSG_HLEN + plen);
}
