/*
 * The IPv4 header of a captured packet (RFC 791 3.1), with its options,
 * for display: every field, the options by type, Router Alert (RFC 2113)
 * and whether the packet is a fragment.
 */
#ifndef QUASAR_HOST_IPV4_H
#define QUASAR_HOST_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define IPV4_OPT_EOL		0
#define IPV4_OPT_NOP		1
#define IPV4_OPT_ROUTER_ALERT	148	/* RFC 2113 2.1: copied, class 0, 20 */
#define IPV4_OPTS_MAX		40	/* at most 40 option bytes */

struct ipv4_opt {
	uint8_t type;
	uint8_t len;		/* 1 for EOL and NOP */
	size_t off;		/* from the start of the IP header */
};

struct ipv4_info {
	uint8_t hlen;		/* header length in bytes */
	uint8_t tos;
	uint16_t total_len;
	uint16_t id;
	bool df;
	bool mf;
	uint16_t frag_off;	/* in bytes */
	uint8_t ttl;
	uint8_t proto;
	uint16_t cksum;		/* as on the wire */
	bool cksum_ok;
	struct in_addr src;	/* network order */
	struct in_addr dst;
	unsigned nopts;
	struct ipv4_opt opts[IPV4_OPTS_MAX];
	bool router_alert;
	uint16_t router_alert_value;	/* 0: "examine this packet" */
	size_t payload_len;	/* captured bytes after the header, at most
				   total_len - hlen */
	bool payload_truncated;	/* the capture holds less than total_len */
};

enum ipv4_error {
	IPV4_OK = 0,
	IPV4_ETRUNC,		/* shorter than its header */
	IPV4_EVERSION,		/* version is not 4 */
	IPV4_EHLEN,		/* IHL below 5 */
	IPV4_ETOTLEN,		/* total length below the header length */
	IPV4_EOPTION,		/* an option's length runs off the header */
};

/*
 * Decode the IPv4 header at the start of the 'len' captured bytes of 'pkt'
 * into '*info_r'.  On an error, '*err_off_r' is the byte offset where it
 * was found.  The payload starts at pkt + info_r->hlen.
 */
enum ipv4_error ipv4_decode(const uint8_t *pkt, size_t len,
    struct ipv4_info *info_r, size_t *err_off_r);
/* Words for 'err'. */
const char *ipv4_strerror(enum ipv4_error err);
/* True if 'ip' is a fragment (more to come, or not the first). */
bool ipv4_is_fragment(const struct ipv4_info *ip);
/* The name of option 'type' ("RA", "NOP", ...) or NULL if unknown. */
const char *ipv4_opt_name(uint8_t type);

#endif
