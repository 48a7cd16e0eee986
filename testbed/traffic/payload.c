/*
 * The test payload and finding it in a captured frame.  Packet bytes are
 * read through lib/cursor.h only.
 */
#include <string.h>

#include "lib/cursor.h"
#include "lib/inet.h"
#include "lib/mpls.h"
#include "lib/writer.h"
#include "testbed/traffic/payload.h"

#define IPV4_FRAG_OFF_MASK	0x1fff
#define IPPROTO_UDP_		17

int
tr_payload_write(const struct tr_payload *p, uint8_t *buf, size_t len)
{
	struct writer w;

	w_init(&w, buf, len);
	w_u32(&w, TR_MAGIC);
	w_u32(&w, p->flow);
	w_u32(&w, (uint32_t)(p->seq >> 32));
	w_u32(&w, (uint32_t)p->seq);
	w_u32(&w, (uint32_t)(p->ts_ns >> 32));
	w_u32(&w, (uint32_t)p->ts_ns);
	w_u8(&w, (uint8_t)p->clock);
	w_zero(&w, 3);
	return w_ok(&w) ? 0 : -1;
}

int
tr_payload_read(const uint8_t *buf, size_t len, struct tr_payload *p_r)
{
	struct cursor c;
	uint32_t magic, hi, lo, hi2, lo2;
	uint8_t clock;

	cur_init(&c, buf, len);
	if (!cur_u32(&c, &magic) || magic != TR_MAGIC ||
	    !cur_u32(&c, &p_r->flow) || !cur_u32(&c, &hi) ||
	    !cur_u32(&c, &lo) || !cur_u32(&c, &hi2) || !cur_u32(&c, &lo2) ||
	    !cur_u8(&c, &clock) || !cur_skip(&c, 3))
		return -1;
	if (clock != TR_CLOCK_REALTIME && clock != TR_CLOCK_MONOTONIC)
		return -1;
	p_r->seq = (uint64_t)hi << 32 | lo;
	p_r->ts_ns = (uint64_t)hi2 << 32 | lo2;
	p_r->clock = (enum tr_clock)clock;
	return 0;
}

int
tr_frame_find(const uint8_t *frame, size_t len, struct tr_frame_info *info_r)
{
	struct cursor c;
	uint16_t type, frag, udp_len;
	uint32_t lse;
	uint8_t vihl, proto;
	size_t ihl, at, depth = 0;

	memset(info_r, 0, sizeof(*info_r));
	cur_init(&c, frame, len);
	if (!cur_skip(&c, 2 * ETH_ALEN_) || !cur_u16(&c, &type))
		return -1;
	if (type == ETH_P_MPLS_UC_) {
		do {
			if (depth++ == TR_MPLS_DEPTH_MAX || !cur_u32(&c, &lse))
				return -1;
			if (depth == 1) {
				info_r->labelled = true;
				info_r->top_label = mpls_lse_label(lse);
				info_r->top_tc = mpls_lse_tc(lse);
				info_r->top_ttl = mpls_lse_ttl(lse);
			}
		} while (!mpls_lse_bottom(lse));
	} else if (type != ETH_P_IPV4_)
		return -1;
	/* IPv4: version 4, header length, first fragment, UDP. */
	at = len - cur_left(&c);
	if (!cur_u8(&c, &vihl) || vihl >> 4 != 4 || (vihl & 0xf) < 5)
		return -1;
	ihl = (size_t)(vihl & 0xf) * 4;
	if (!cur_skip(&c, 5) || !cur_u16(&c, &frag) || !cur_skip(&c, 1) ||
	    !cur_u8(&c, &proto))
		return -1;
	if ((frag & IPV4_FRAG_OFF_MASK) != 0 || proto != IPPROTO_UDP_)
		return -1;
	cur_init(&c, frame, len);
	if (!cur_skip(&c, at + ihl + 4) || !cur_u16(&c, &udp_len) ||
	    !cur_skip(&c, 2) || udp_len < TR_UDP_HLEN)
		return -1;
	info_r->payload_at = at + ihl + TR_UDP_HLEN;
	info_r->payload_len = cur_left(&c);
	if (info_r->payload_len > (size_t)udp_len - TR_UDP_HLEN)
		info_r->payload_len = (size_t)udp_len - TR_UDP_HLEN;
	return 0;
}

const char *
tr_clock_name(enum tr_clock c)
{
	return c == TR_CLOCK_MONOTONIC ? "monotonic" : "realtime";
}

int
tr_clock_parse(const char *s, enum tr_clock *c_r)
{
	if (strcmp(s, "realtime") == 0)
		*c_r = TR_CLOCK_REALTIME;
	else if (strcmp(s, "monotonic") == 0)
		*c_r = TR_CLOCK_MONOTONIC;
	else
		return -1;
	return 0;
}
