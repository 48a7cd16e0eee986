/*
 * Ingress push (FTN, RFC 3031 3.11): clsact egress of a host's or an
 * ingress router's interface.  An IPv4 packet whose destination, protocol
 * and destination port match a rule gets the rule's label pushed with
 * S=1, the TTL of the IP header and a TC from the DSCP (RFC 3270 2.1,
 * through the dp_dscp_tc map), and the ethertype becomes 0x8847.  So
 * unmodified applications ride the LSP.  Everything else passes as is.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "lib/mpls.h"
#include "demux/bpf/l2.bpf.h"
#include "demux/bpf/maps.bpf.h"

#define IP_PROTO_TCP	6
#define IP_PROTO_UDP	17
#define IP_FRAG_OFFSET	0x1fff	/* fragment offset, in 8-byte units */

/* The fields of an IPv4 header (RFC 791 3.1) the classifier uses. */
struct ip_fields {
	__u8 ihl;
	__u8 dscp;
	__u8 ttl;
	__u8 proto;
	__u16 frag_off;
	__u32 dst;	/* network order */
};

/* Read the IPv4 header at DP_ETH_HLEN into 'ip'; -1 if it is not there. */
static __always_inline int
read_ip(struct __sk_buff *skb, struct ip_fields *ip)
{
	__u8 h[20];

	if (bpf_skb_load_bytes(skb, DP_ETH_HLEN, h, sizeof(h)) < 0)
		return -1;
	if ((h[0] >> 4) != 4 || (h[0] & 0xf) < 5)
		return -1;
	ip->ihl = (h[0] & 0xf) * 4;
	ip->dscp = h[1] >> 2;
	ip->frag_off = ((__u16)h[6] << 8 | h[7]) & IP_FRAG_OFFSET;
	ip->ttl = h[8];
	ip->proto = h[9];
	__builtin_memcpy(&ip->dst, &h[16], sizeof(ip->dst));
	return 0;
}

/* The destination port of a TCP or UDP packet, or 0 when there is none. */
static __always_inline __u16
read_dport(struct __sk_buff *skb, const struct ip_fields *ip)
{
	__be16 port;

	if (ip->proto != IP_PROTO_TCP && ip->proto != IP_PROTO_UDP)
		return 0;
	/* Only the first fragment carries the ports. */
	if (ip->frag_off != 0)
		return 0;
	if (bpf_skb_load_bytes(skb, DP_ETH_HLEN + ip->ihl + 2, &port,
	    sizeof(port)) < 0)
		return 0;
	return bpf_ntohs(port);
}

static __always_inline int
rule_matches(const struct dpb_ftn_rule *r, const struct ip_fields *ip,
    __u16 dport)
{
	if (r->label == 0)
		return 0;
	if (r->proto != 0 && r->proto != ip->proto)
		return 0;
	if (ip->proto != IP_PROTO_TCP && ip->proto != IP_PROTO_UDP)
		return 1;
	return dport >= r->port_min && dport <= r->port_max;
}

/*
 * Put 'lse' between the MAC header and the IPv4 header, ethertype 0x8847.
 * bpf_skb_change_head grows the frame at the front and leaves the skb's
 * network header on the IPv4 header, then the MAC addresses move to the
 * new front.  (bpf_skb_adjust_room would leave the network header on the
 * label, and segmenting a GSO skb would then read the label as IP: on
 * this kernel such skbs were dropped on transmit.)  The MAC header is 18
 * bytes from here on, so a GSO skb that a device segments carries the
 * label in every segment.  Routes into the LSP need an MTU 4 bytes below
 * the link's.
 */
static __always_inline long
push_label(struct __sk_buff *skb, __be32 lse)
{
	__be16 type = bpf_htons(ETH_P_MPLS_UC_);
	__u8 macs[2 * DP_ETH_ALEN];
	long r;

	r = bpf_skb_change_head(skb, MPLS_HLEN, 0);
	if (r == 0)
		r = bpf_skb_load_bytes(skb, MPLS_HLEN, macs, sizeof(macs));
	if (r == 0)
		r = bpf_skb_store_bytes(skb, 0, macs, sizeof(macs), 0);
	if (r == 0)
		r = bpf_skb_store_bytes(skb, DP_ETH_TYPE_OFF, &type,
		    sizeof(type), 0);
	if (r == 0)
		r = bpf_skb_store_bytes(skb, DP_ETH_HLEN, &lse, sizeof(lse),
		    0);
	return r;
}

SEC("tc")
int
dp_ftn_out(struct __sk_buff *skb)
{
	struct dpb_ftn_key key = { .prefixlen = 32 };
	const struct dpb_ftn_rule *hit = NULL;
	struct dpb_ftn_ckey ckey = { 0 };
	const struct dpb_ftn *f;
	struct ip_fields ip;
	__u32 dscp, l3off, tc = 0;
	const __u32 *tcp;
	__be32 lse;
	__u16 type, dport;
	int i;

	if (dp_l2_parse(skb, &type, &l3off) < 0 || type != DP_ETH_P_IP ||
	    l3off != DP_ETH_HLEN)
		return TC_ACT_OK;
	if (read_ip(skb, &ip) < 0)
		return TC_ACT_OK;
	key.dst = ip.dst;
	f = bpf_map_lookup_elem(&dp_ftn, &key);
	if (f == NULL)
		return TC_ACT_OK;
	dport = read_dport(skb, &ip);
	for (i = 0; i < DPB_FTN_RULES; i++) {
		if (rule_matches(&f->rule[i], &ip, dport)) {
			hit = &f->rule[i];
			break;
		}
	}
	if (hit == NULL)
		return TC_ACT_OK;
	dscp = ip.dscp;
	tcp = bpf_map_lookup_elem(&dp_dscp_tc, &dscp);
	if (tcp != NULL)
		tc = *tcp;
	lse = bpf_htonl(mpls_lse_make(hit->label, tc, 1, ip.ttl));
	ckey.dst = f->dst;
	ckey.plen = f->plen;
	ckey.proto = hit->proto;
	ckey.port_min = hit->port_min;
	ckey.port_max = hit->port_max;
	if (push_label(skb, lse) < 0) {
		dp_count_reason(DPB_R_REDIRECT_FAIL);
		return TC_ACT_SHOT;
	}
	dp_count_entry(&dp_ftn_cnt, &ckey, skb->len);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
