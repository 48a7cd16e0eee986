/*
 * Framing of the routelet's UNIX socket channel (docs/routelet.md): every
 * message is an 8-byte header (version, type, two zero bytes, payload
 * length, all in network order) followed by a text payload.
 */
#ifndef ROUTELET_PROTO_H
#define ROUTELET_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define RL_PROTO_VERSION	1
#define RL_MSG_HLEN		8
#define RL_MSG_PAYLOAD_MAX	4096
#define RL_MSG_MAX		(RL_MSG_HLEN + RL_MSG_PAYLOAD_MAX)

enum rl_msg_type {
	RL_MSG_CONFIG = 1,	/* controller -> routelet: config text */
	RL_MSG_OK = 2,		/* routelet -> controller: "generation N" */
	RL_MSG_ERROR = 3,	/* routelet -> controller: why not */
	RL_MSG_COUNTERS_GET = 4, /* controller -> routelet: empty */
	RL_MSG_COUNTERS = 5,	/* routelet -> controller: counters text */
};

struct rl_msg {
	uint8_t type;
	const uint8_t *payload;	/* points into the decoded buffer */
	uint32_t len;
};

/*
 * Encode a message of 'type' with 'len' payload bytes at 'payload' into
 * 'buf' ('cap' bytes).  Returns the bytes written, or -1 if they do not fit
 * or the payload is too long.
 */
ssize_t rl_msg_encode(uint8_t type, const void *payload, size_t len,
    uint8_t *buf, size_t cap);
/*
 * Decode the message at the start of 'len' bytes at 'buf' into 'msg_r'.
 * Returns the bytes it takes, 0 if more bytes are needed, or -1 if the
 * header is malformed (wrong version, non-zero reserved bytes, unknown
 * type, payload over RL_MSG_PAYLOAD_MAX).
 */
ssize_t rl_msg_decode(const uint8_t *buf, size_t len, struct rl_msg *msg_r);

#endif
