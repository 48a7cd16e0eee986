#include "host/ipv4.h"

#include <string.h>

#include "lib/cursor.h"
#include "lib/inet.h"

#define IPV4_FLAG_DF	0x4000
#define IPV4_FLAG_MF	0x2000
#define IPV4_FRAG_MASK	0x1FFF

/* RFC 791 3.1: options after the fixed header, up to IHL * 4 bytes. */
static enum ipv4_error
ipv4_options(const uint8_t *pkt, struct ipv4_info *ip, size_t *err_off_r)
{
	struct cursor c;
	uint8_t type, len;
	uint16_t v;
	size_t at;

	cur_init(&c, pkt + IPV4_HLEN_MIN, ip->hlen - IPV4_HLEN_MIN);
	while (cur_left(&c) > 0) {
		at = IPV4_HLEN_MIN + c.off;
		if (!cur_u8(&c, &type))
			break;
		if (type == IPV4_OPT_EOL || type == IPV4_OPT_NOP)
			len = 1;
		else if (!cur_u8(&c, &len) || len < 2 ||
		    (size_t)len - 2 > cur_left(&c)) {
			*err_off_r = at;
			return IPV4_EOPTION;
		}
		if (ip->nopts < IPV4_OPTS_MAX)
			ip->opts[ip->nopts++] =
			    (struct ipv4_opt){ .type = type, .len = len,
				.off = at };
		/* RFC 2113 2.1: type 148, length 4, a 2-byte value. */
		if (type == IPV4_OPT_ROUTER_ALERT && len == 4 &&
		    cur_peek_u16(&c, 0, &v)) {
			ip->router_alert = true;
			ip->router_alert_value = v;
		}
		if (type == IPV4_OPT_EOL)
			break;
		if (len > 1)
			cur_skip(&c, len - 2);
	}
	return IPV4_OK;
}

enum ipv4_error
ipv4_decode(const uint8_t *pkt, size_t len, struct ipv4_info *info_r,
    size_t *err_off_r)
{
	struct cursor c;
	uint8_t vhl;
	uint16_t frag;
	size_t avail;

	memset(info_r, 0, sizeof(*info_r));
	*err_off_r = 0;
	cur_init(&c, pkt, len);
	if (!cur_u8(&c, &vhl))
		return IPV4_ETRUNC;
	if (vhl >> 4 != 4)
		return IPV4_EVERSION;
	info_r->hlen = (uint8_t)((vhl & 0x0F) * 4);
	if (info_r->hlen < IPV4_HLEN_MIN)
		return IPV4_EHLEN;
	if (len < info_r->hlen) {
		*err_off_r = len;
		return IPV4_ETRUNC;
	}
	cur_u8(&c, &info_r->tos);
	cur_u16(&c, &info_r->total_len);
	cur_u16(&c, &info_r->id);
	cur_u16(&c, &frag);
	cur_u8(&c, &info_r->ttl);
	cur_u8(&c, &info_r->proto);
	cur_u16(&c, &info_r->cksum);
	cur_bytes(&c, &info_r->src, 4);
	cur_bytes(&c, &info_r->dst, 4);
	info_r->df = (frag & IPV4_FLAG_DF) != 0;
	info_r->mf = (frag & IPV4_FLAG_MF) != 0;
	info_r->frag_off = (uint16_t)((frag & IPV4_FRAG_MASK) * 8);
	info_r->cksum_ok = inet_cksum(pkt, info_r->hlen) == 0;
	if (info_r->total_len < info_r->hlen) {
		*err_off_r = 2;
		return IPV4_ETOTLEN;
	}
	avail = len - info_r->hlen;
	info_r->payload_len = info_r->total_len - info_r->hlen;
	if (avail < info_r->payload_len) {
		info_r->payload_len = avail;
		info_r->payload_truncated = true;
	}
	return ipv4_options(pkt, info_r, err_off_r);
}

const char *
ipv4_strerror(enum ipv4_error err)
{
	switch (err) {
	case IPV4_OK:
		return "no error";
	case IPV4_ETRUNC:
		return "truncated IPv4 header";
	case IPV4_EVERSION:
		return "IP version is not 4";
	case IPV4_EHLEN:
		return "IPv4 header length below 20";
	case IPV4_ETOTLEN:
		return "IPv4 total length below the header length";
	case IPV4_EOPTION:
		return "IPv4 option length runs past the header";
	}
	return "unknown IPv4 error";
}

bool
ipv4_is_fragment(const struct ipv4_info *ip)
{
	return ip->mf || ip->frag_off != 0;
}

const char *
ipv4_opt_name(uint8_t type)
{
	switch (type) {
	case IPV4_OPT_EOL:
		return "EOL";
	case IPV4_OPT_NOP:
		return "NOP";
	case 7:
		return "RR";
	case 68:
		return "TS";
	case 130:
		return "SEC";
	case 131:
		return "LSRR";
	case 137:
		return "SSRR";
	case IPV4_OPT_ROUTER_ALERT:
		return "RA";
	}
	return NULL;
}
