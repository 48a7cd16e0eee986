/*
 * Small IPv4 and Ethernet helpers shared by the control and data planes.
 */
#ifndef QUASAR_INET_H
#define QUASAR_INET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define ETH_ALEN_		6
#define ETH_HLEN_		14
#define ETH_P_IPV4_		0x0800
#define IPV4_HLEN_MIN		20
#define IPV4_TTL_OFF		8	/* in the IPv4 header */
#define IPV4_CSUM_OFF		10
#define IPPROTO_RSVP_		46

/* The Internet checksum (RFC 1071) of 'len' bytes, in network order. */
uint16_t inet_cksum(const void *buf, size_t len);
/* Fold 'len' more bytes into a running one's-complement sum. */
uint32_t inet_cksum_add(uint32_t sum, const void *buf, size_t len);
/* Finish a running sum into a checksum in network order. */
uint16_t inet_cksum_fold(uint32_t sum);

/*
 * The checksum 'cksum' after one 16-bit word of what it covers changed
 * from 'old_word' to 'new_word' (RFC 1624 3, eqn. 3); all in host order.
 */
uint16_t inet_cksum_replace16(uint16_t cksum, uint16_t old_word,
    uint16_t new_word);

/* Format 'addr' (network order) into 'buf' (at least INET_ADDRSTRLEN). */
const char *ipv4_ntop(struct in_addr addr, char *buf, size_t len);
/* Parse dotted-quad 's'; false if it is not one. */
bool ipv4_pton(const char *s, struct in_addr *addr_r);

/* Parse "aa:bb:cc:dd:ee:ff" into 'mac'; false if malformed. */
bool mac_parse(const char *s, uint8_t mac[ETH_ALEN_]);
/* Format 'mac' into 'buf' (at least 18 bytes). */
const char *mac_format(const uint8_t mac[ETH_ALEN_], char *buf, size_t len);

#endif
