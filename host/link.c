#include "host/link.h"

#include <string.h>
#include <pcap/dlt.h>

#include "lib/cursor.h"
#include "lib/inet.h"

#define ETH_P_8021Q_	0x8100
#define ETH_P_8021AD_	0x88A8
#define ETH_P_IPV6_	0x86DD
#define AF_INET_WIRE	2	/* AF_INET in every BSD and Linux */
#define SLL_HLEN	16
#define SLL2_HLEN	20
#define NULL_HLEN	4

bool
link_kind_from_dlt(int dlt, enum link_kind *kind_r)
{
	switch (dlt) {
	case DLT_EN10MB:
		*kind_r = LINK_ETHERNET;
		return true;
	case DLT_RAW:
	case 101:		/* LINKTYPE_RAW, should a file carry it raw */
		*kind_r = LINK_RAW;
		return true;
	case DLT_IPV4:
		*kind_r = LINK_IPV4;
		return true;
	case DLT_LINUX_SLL:
		*kind_r = LINK_SLL;
		return true;
	case DLT_LINUX_SLL2:
		*kind_r = LINK_SLL2;
		return true;
	case DLT_NULL:
		*kind_r = LINK_NULL;
		return true;
	case DLT_LOOP:
		*kind_r = LINK_LOOP;
		return true;
	}
	return false;
}

const char *
link_kind_name(enum link_kind kind)
{
	switch (kind) {
	case LINK_ETHERNET:
		return "Ethernet";
	case LINK_RAW:
		return "raw IP";
	case LINK_IPV4:
		return "raw IPv4";
	case LINK_SLL:
		return "Linux SLL";
	case LINK_SLL2:
		return "Linux SLL2";
	case LINK_NULL:
		return "BSD loopback";
	case LINK_LOOP:
		return "OpenBSD loopback";
	}
	return "unknown";
}

/* Ethernet II with up to LINK_VLAN_MAX 802.1Q/802.1ad tags (IEEE 802.1Q 9). */
static enum link_result
link_ethernet(struct cursor *c, struct link_info *info)
{
	uint16_t type, tci;

	if (!cur_skip(c, 2 * ETH_ALEN_) || !cur_u16(c, &type))
		return LINK_TRUNCATED;
	while (type == ETH_P_8021Q_ || type == ETH_P_8021AD_) {
		if (!cur_u16(c, &tci) || !cur_u16(c, &type))
			return LINK_TRUNCATED;
		if (info->nvlan == LINK_VLAN_MAX)
			return LINK_NOT_IPV4;
		info->vlan[info->nvlan++] = tci & 0x0FFF;
	}
	info->ethertype = type;
	return type == ETH_P_IPV4_ ? LINK_OK : LINK_NOT_IPV4;
}

/* A bare IP packet: IPv4 if its version nibble says 4. */
static enum link_result
link_raw(struct cursor *c, struct link_info *info)
{
	uint8_t vhl;

	if (!cur_peek_u8(c, 0, &vhl))
		return LINK_TRUNCATED;
	if (vhl >> 4 != 4)
		return LINK_NOT_IPV4;
	info->ethertype = ETH_P_IPV4_;
	return LINK_OK;
}

/* Linux cooked capture v1: the protocol is the last 2 of 16 bytes. */
static enum link_result
link_sll(struct cursor *c, struct link_info *info)
{
	uint16_t type;

	if (!cur_skip(c, SLL_HLEN - 2) || !cur_u16(c, &type))
		return LINK_TRUNCATED;
	info->ethertype = type;
	return type == ETH_P_IPV4_ ? LINK_OK : LINK_NOT_IPV4;
}

/* Linux cooked capture v2: the protocol is the first 2 of 20 bytes. */
static enum link_result
link_sll2(struct cursor *c, struct link_info *info)
{
	uint16_t type;

	if (!cur_u16(c, &type) || !cur_skip(c, SLL2_HLEN - 2))
		return LINK_TRUNCATED;
	info->ethertype = type;
	return type == ETH_P_IPV4_ ? LINK_OK : LINK_NOT_IPV4;
}

/* BSD loopback: a 4-byte address family, host or network order. */
static enum link_result
link_null(struct cursor *c, struct link_info *info, bool network_order)
{
	uint8_t b[NULL_HLEN];
	uint32_t af;

	if (!cur_bytes(c, b, sizeof(b)))
		return LINK_TRUNCATED;
	if (network_order)
		af = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		    (uint32_t)b[2] << 8 | b[3];
	else
		memcpy(&af, b, sizeof(af));
	/* A capture from a host of the other byte order: accept it too. */
	if (af != AF_INET_WIRE && af != (uint32_t)AF_INET_WIRE << 24)
		return LINK_NOT_IPV4;
	info->ethertype = ETH_P_IPV4_;
	return LINK_OK;
}

enum link_result
link_decode(enum link_kind kind, const uint8_t *frame, size_t len,
    struct link_info *info_r)
{
	struct cursor c;
	enum link_result rc = LINK_NOT_IPV4;

	memset(info_r, 0, sizeof(*info_r));
	cur_init(&c, frame, len);
	switch (kind) {
	case LINK_ETHERNET:
		rc = link_ethernet(&c, info_r);
		break;
	case LINK_RAW:
	case LINK_IPV4:
		rc = link_raw(&c, info_r);
		break;
	case LINK_SLL:
		rc = link_sll(&c, info_r);
		break;
	case LINK_SLL2:
		rc = link_sll2(&c, info_r);
		break;
	case LINK_NULL:
		rc = link_null(&c, info_r, false);
		break;
	case LINK_LOOP:
		rc = link_null(&c, info_r, true);
		break;
	}
	info_r->off = c.off;
	return rc;
}
