/*
 * One captured packet taken apart for display: link layer, IPv4 header,
 * and the RSVP message it carries, decoded by rsvp/ (rsvp_parse, then
 * rsvp_validate).  The printers (print_text.c, print_json.c) show a
 * struct pkt_view; nothing here prints.
 */
#ifndef QUASAR_HOST_DISSECT_H
#define QUASAR_HOST_DISSECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "host/ipv4.h"
#include "host/link.h"
#include "rsvp/rsvp.h"

enum view_status {
	VIEW_RSVP,		/* an RSVP message, parsed: 'msg' */
	VIEW_RSVP_ERROR,	/* an RSVP message rsvp_parse refused: 'err' */
	VIEW_FRAGMENT,		/* an IPv4 fragment, not decoded */
	VIEW_LINK_TRUNCATED,	/* the frame ends in its link header */
	VIEW_IP_ERROR,		/* a malformed IPv4 header: 'ip_err' */
	VIEW_NOT_IPV4,		/* another network protocol */
	VIEW_NOT_RSVP,		/* IPv4, another protocol */
};

/* The RSVP common header (RFC 2205 3.1.1) as read from the bytes. */
struct rsvp_common_view {
	bool present;		/* at least RSVP_HDR_LEN bytes were there */
	uint8_t version;
	uint8_t flags;
	uint8_t type;
	uint16_t cksum;
	uint8_t send_ttl;
	uint16_t length;
};

enum cksum_state {
	CKSUM_NONE,		/* zero: none transmitted (RFC 2205 3.1.1) */
	CKSUM_OK,
	CKSUM_BAD,
	CKSUM_UNKNOWN,		/* the message is not all there */
};

struct pkt_view {
	struct timeval ts;
	size_t caplen;
	size_t wirelen;
	enum view_status status;
	struct link_info link;
	struct ipv4_info ip;
	enum ipv4_error ip_err;
	size_t ip_err_off;	/* from the start of the IPv4 header */
	const uint8_t *rsvp;	/* the RSVP bytes, inside the packet */
	size_t rsvp_len;
	struct rsvp_common_view hdr;
	enum cksum_state cksum;
	uint16_t cksum_computed;	/* what the checksum should be */
	struct rsvp_msg msg;		/* VIEW_RSVP */
	struct rsvp_error err;		/* VIEW_RSVP_ERROR */
	bool grammar_ok;		/* VIEW_RSVP: rsvp_validate passed */
	struct rsvp_error grammar;	/* VIEW_RSVP: why it did not */
};

/*
 * Take apart the 'caplen' bytes at 'frame' (of link type 'link', captured
 * at 'ts' from a packet of 'wirelen' bytes) into '*v'.  'v' keeps pointers
 * into 'frame'.  A bad RSVP checksum is reported in v->cksum and does not
 * stop the decoding.
 */
void dissect_packet(enum link_kind link, const struct timeval *ts,
    const uint8_t *frame, size_t caplen, size_t wirelen,
    struct pkt_view *v);

/*
 * Take apart the 'len' bytes of an RSVP message at 'buf' into '*v' (its
 * rsvp_* fields, hdr, cksum, msg, err, grammar and status).
 */
void dissect_rsvp(const uint8_t *buf, size_t len, struct pkt_view *v);

/*
 * Walk the objects of v->msg and the unknown ones the decoder dropped
 * (v->msg.ignored) together, in wire order.  Start with '*pos_r' zeroed;
 * each call sets one of '*obj_r' and '*ign_r' (the other NULL) and returns
 * true, or returns false at the end.
 */
struct view_pos {
	size_t obj;
	size_t ign;
};
bool view_next_object(const struct pkt_view *v, struct view_pos *pos_r,
    const struct rsvp_obj **obj_r, const struct rsvp_ignored **ign_r);
/* The Length field of the object whose header is at 'offset'; 0 if the
 * bytes are not there. */
uint16_t view_obj_length(const struct pkt_view *v, size_t offset);

#endif
