#include "inet.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

uint32_t
inet_cksum_add(uint32_t sum, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len == 1)
		sum += (uint32_t)(p[0] << 8);
	return sum;
}

uint16_t
inet_cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/*
 * The one's-complement sum does not depend on byte order (RFC 1071 2(B)),
 * so sum native-order words four bytes at a time and fold at the end: the
 * complement, stored as it is, has the checksum's bytes in wire order.
 */
uint16_t
inet_cksum(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint64_t sum = 0;
	uint32_t w;
	uint16_t h;

	for (; len >= 4; p += 4, len -= 4) {
		memcpy(&w, p, sizeof(w));
		sum += w;
	}
	if (len >= 2) {
		memcpy(&h, p, sizeof(h));
		sum += h;
		p += 2;
		len -= 2;
	}
	if (len == 1) {
		h = 0;
		memcpy(&h, p, 1);
		sum += h;
	}
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t
inet_cksum_replace16(uint16_t cksum, uint16_t old_word, uint16_t new_word)
{
	uint32_t sum = (uint16_t)~cksum + (uint32_t)(uint16_t)~old_word +
	    new_word;

	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (uint16_t)~sum;
}

const char *
ipv4_ntop(struct in_addr addr, char *buf, size_t len)
{
	if (inet_ntop(AF_INET, &addr, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "?");
	return buf;
}

bool
ipv4_pton(const char *s, struct in_addr *addr_r)
{
	return inet_pton(AF_INET, s, addr_r) == 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
mac_parse(const char *s, uint8_t mac[ETH_ALEN_])
{
	int i, hi, lo;

	if (strlen(s) != 3 * ETH_ALEN_ - 1)
		return false;
	for (i = 0; i < ETH_ALEN_; i++) {
		hi = hexval(s[3 * i]);
		lo = hexval(s[3 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		if (i < ETH_ALEN_ - 1 && s[3 * i + 2] != ':')
			return false;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

const char *
mac_format(const uint8_t mac[ETH_ALEN_], char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
	    mac[2], mac[3], mac[4], mac[5]);
	return buf;
}
