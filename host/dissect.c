#include "host/dissect.h"

#include <arpa/inet.h>
#include <string.h>

#include "lib/cursor.h"
#include "lib/inet.h"

#define RSVP_CKSUM_OFF	2

/* Read the common header without judging it. */
static void
dissect_common(const uint8_t *buf, size_t len, struct rsvp_common_view *h)
{
	struct cursor c;
	uint8_t vf, reserved;

	memset(h, 0, sizeof(*h));
	cur_init(&c, buf, len);
	if (!cur_u8(&c, &vf) || !cur_u8(&c, &h->type) ||
	    !cur_u16(&c, &h->cksum) || !cur_u8(&c, &h->send_ttl) ||
	    !cur_u8(&c, &reserved) || !cur_u16(&c, &h->length))
		return;
	h->present = true;
	h->version = vf >> 4;
	h->flags = vf & 0x0F;
}

/*
 * The checksum of the message (RFC 2205 3.1.1: one's complement of the
 * one's complement sum of the message, with the checksum field zero).
 */
static void
dissect_cksum(const uint8_t *buf, size_t len, struct pkt_view *v)
{
	uint32_t sum;

	v->cksum_computed = 0;
	if (!v->hdr.present || v->hdr.length < RSVP_HDR_LEN ||
	    v->hdr.length > len) {
		v->cksum = CKSUM_UNKNOWN;
		return;
	}
	sum = inet_cksum_add(0, buf, RSVP_CKSUM_OFF);
	sum = inet_cksum_add(sum, buf + RSVP_CKSUM_OFF + 2,
	    v->hdr.length - RSVP_CKSUM_OFF - 2);
	v->cksum_computed = ntohs(inet_cksum_fold(sum));
	if (v->hdr.cksum == 0)
		v->cksum = CKSUM_NONE;
	else if (v->hdr.cksum == v->cksum_computed)
		v->cksum = CKSUM_OK;
	else
		v->cksum = CKSUM_BAD;
}

void
dissect_rsvp(const uint8_t *buf, size_t len, struct pkt_view *v)
{
	uint8_t copy[RSVP_MSG_MAX_LEN];
	const uint8_t *in = buf;

	v->rsvp = buf;
	v->rsvp_len = len;
	dissect_common(buf, len, &v->hdr);
	dissect_cksum(buf, len, v);
	/*
	 * Show what a message with a bad checksum says: parse a copy whose
	 * checksum field is zero, "none transmitted" (RFC 2205 3.1.1).
	 */
	if (v->cksum == CKSUM_BAD && len <= sizeof(copy)) {
		memcpy(copy, buf, len);
		copy[RSVP_CKSUM_OFF] = 0;
		copy[RSVP_CKSUM_OFF + 1] = 0;
		in = copy;
	}
	memset(&v->err, 0, sizeof(v->err));
	memset(&v->grammar, 0, sizeof(v->grammar));
	if (rsvp_parse(in, len, &v->msg, &v->err) < 0) {
		v->status = VIEW_RSVP_ERROR;
		return;
	}
	v->msg.cksum = v->hdr.cksum;
	v->status = VIEW_RSVP;
	v->grammar_ok = rsvp_validate(&v->msg, &v->grammar) == 0;
}

void
dissect_packet(enum link_kind link, const struct timeval *ts,
    const uint8_t *frame, size_t caplen, size_t wirelen, struct pkt_view *v)
{
	const uint8_t *pkt;
	size_t len;

	v->ts = *ts;
	v->caplen = caplen;
	v->wirelen = wirelen;
	v->rsvp = NULL;
	v->rsvp_len = 0;
	memset(&v->hdr, 0, sizeof(v->hdr));
	switch (link_decode(link, frame, caplen, &v->link)) {
	case LINK_TRUNCATED:
		v->status = VIEW_LINK_TRUNCATED;
		return;
	case LINK_NOT_IPV4:
		v->status = VIEW_NOT_IPV4;
		return;
	case LINK_OK:
		break;
	}
	pkt = frame + v->link.off;
	len = caplen - v->link.off;
	v->ip_err = ipv4_decode(pkt, len, &v->ip, &v->ip_err_off);
	if (v->ip_err != IPV4_OK) {
		v->status = VIEW_IP_ERROR;
		return;
	}
	if (v->ip.proto != IPPROTO_RSVP_) {
		v->status = VIEW_NOT_RSVP;
		return;
	}
	if (ipv4_is_fragment(&v->ip)) {
		v->status = VIEW_FRAGMENT;
		return;
	}
	dissect_rsvp(pkt + v->ip.hlen, v->ip.payload_len, v);
}

bool
view_next_object(const struct pkt_view *v, struct view_pos *pos_r,
    const struct rsvp_obj **obj_r, const struct rsvp_ignored **ign_r)
{
	const struct rsvp_msg *m = &v->msg;
	bool have_obj = pos_r->obj < m->nobjs;
	bool have_ign = pos_r->ign < m->nignored;

	*obj_r = NULL;
	*ign_r = NULL;
	if (have_obj && (!have_ign ||
	    m->objs[pos_r->obj].offset < m->ignored[pos_r->ign].offset))
		*obj_r = &m->objs[pos_r->obj++];
	else if (have_ign)
		*ign_r = &m->ignored[pos_r->ign++];
	else
		return false;
	return true;
}

uint16_t
view_obj_length(const struct pkt_view *v, size_t offset)
{
	struct cursor c;
	uint16_t len;

	cur_init(&c, v->rsvp, v->rsvp_len);
	if (!cur_peek_u16(&c, offset, &len))
		return 0;
	return len;
}
