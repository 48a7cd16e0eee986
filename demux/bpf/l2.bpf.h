/*
 * Ethernet framing for the demux programs: where the ethertype that
 * matters sits (after at most one 802.1Q tag) and how to drop the tag.
 * Reads go through bpf_skb_load_bytes, which checks the length.
 */
#ifndef QUASAR_DEMUX_L2_BPF_H
#define QUASAR_DEMUX_L2_BPF_H

#include <linux/bpf.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#define DP_ETH_HLEN		14
#define DP_ETH_ALEN		6
#define DP_ETH_TYPE_OFF		12
#define DP_VLAN_HLEN		4
#define DP_ETH_P_8021Q		0x8100
#define DP_ETH_P_IP		0x0800

/*
 * Find the ethertype of the frame and the offset of what follows it,
 * skipping one 802.1Q tag that is still in the data (a tag the driver
 * took out is in skb->vlan_tci and not in the data).  Returns 0, or -1
 * when the frame is too short for its own header.
 */
static __always_inline int
dp_l2_parse(struct __sk_buff *skb, __u16 *type_r, __u32 *l3off_r)
{
	__be16 type;

	if (bpf_skb_load_bytes(skb, DP_ETH_TYPE_OFF, &type, sizeof(type)) < 0)
		return -1;
	*type_r = bpf_ntohs(type);
	*l3off_r = DP_ETH_HLEN;
	if (*type_r != DP_ETH_P_8021Q)
		return 0;
	if (bpf_skb_load_bytes(skb, DP_ETH_HLEN + 2, &type, sizeof(type)) < 0)
		return -1;
	*type_r = bpf_ntohs(type);
	*l3off_r = DP_ETH_HLEN + DP_VLAN_HLEN;
	return 0;
}

/*
 * Drop the frame's 802.1Q tag, in skb->vlan_tci or in the data, so that
 * the frame leaves another line card untagged.  Returns 0 or the error.
 */
static __always_inline long
dp_l2_untag(struct __sk_buff *skb, __u32 l3off)
{
	long r = 0;

	if (skb->vlan_present || l3off != DP_ETH_HLEN)
		r = bpf_skb_vlan_pop(skb);
	return r;
}

#endif
