#include "helpers.h"

#include <check.h>
#include <string.h>

#include "lib/inet.h"

size_t
test_encode(enum vec_kind kind, uint8_t *buf, size_t cap)
{
	static struct rsvp_msg m;
	ssize_t n;

	ck_assert_int_eq(vec_build(kind, &m), 0);
	n = rsvp_encode(&m, buf, cap);
	ck_assert_int_gt(n, 0);
	return (size_t)n;
}

size_t
test_frame(uint8_t *frame, uint8_t proto, uint16_t frag,
    const uint8_t *payload, size_t len)
{
	static const uint8_t eth[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1,
	    0x08, 0x00 };
	static const uint8_t ip[24] = { 0x46, 0, 0, 0, 0, 1, 0, 0, 64, 0, 0,
	    0, 10, 0, 0, 1, 10, 0, 0, 9, 148, 4, 0, 0 };
	uint16_t total = (uint16_t)(sizeof(ip) + len), c;

	memcpy(frame, eth, sizeof(eth));
	memcpy(frame + 14, ip, sizeof(ip));
	frame[14 + 2] = (uint8_t)(total >> 8);
	frame[14 + 3] = (uint8_t)total;
	frame[14 + 6] = (uint8_t)(frag >> 8);
	frame[14 + 7] = (uint8_t)frag;
	frame[14 + 9] = proto;
	c = inet_cksum(frame + 14, sizeof(ip));
	memcpy(frame + 14 + 10, &c, 2);
	memcpy(frame + 14 + sizeof(ip), payload, len);
	return 14 + sizeof(ip) + len;
}

void
test_fix_cksum(uint8_t *msg, size_t len)
{
	uint16_t c;

	msg[2] = msg[3] = 0;
	c = inet_cksum(msg, len);
	memcpy(msg + 2, &c, 2);
}
