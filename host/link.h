/*
 * The link layer under a captured packet: find where the IPv4 header starts
 * in a frame of one of the link types a capture may carry (Ethernet with
 * 802.1Q/802.1ad tags, raw IP, Linux cooked SLL and SLL2, BSD loopback).
 * No libpcap here: link types are the DLT_ numbers pcap_datalink() returns.
 */
#ifndef QUASAR_HOST_LINK_H
#define QUASAR_HOST_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINK_VLAN_MAX	2

enum link_kind {
	LINK_ETHERNET,
	LINK_RAW,		/* IPv4 or IPv6, told apart by the version */
	LINK_IPV4,		/* LINKTYPE_IPV4: IPv4 only */
	LINK_SLL,
	LINK_SLL2,
	LINK_NULL,		/* 4-byte address family, host order */
	LINK_LOOP,		/* 4-byte address family, network order */
};

enum link_result {
	LINK_OK = 0,		/* an IPv4 packet starts at 'off' */
	LINK_NOT_IPV4,		/* a well-formed frame of another protocol */
	LINK_TRUNCATED,		/* the frame ends inside its link header */
};

struct link_info {
	size_t off;		/* where the network header starts */
	uint16_t ethertype;	/* of the payload (0 if the link has none) */
	unsigned nvlan;		/* 802.1Q/802.1ad tags seen, outermost first */
	uint16_t vlan[LINK_VLAN_MAX];
};

/* Set '*kind_r' to the link type of pcap's 'dlt'; false if unsupported. */
bool link_kind_from_dlt(int dlt, enum link_kind *kind_r);
/* A short name of 'kind' for messages ("Ethernet", "Linux SLL2"...). */
const char *link_kind_name(enum link_kind kind);
/*
 * Decode the link header of the 'len' bytes of 'frame' of type 'kind' and
 * fill '*info_r' (offset of the network header, ethertype, VLAN tags).
 */
enum link_result link_decode(enum link_kind kind, const uint8_t *frame,
    size_t len, struct link_info *info_r);

#endif
