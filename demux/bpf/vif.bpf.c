/*
 * Routelet-vif ingress (clsact ingress of dom0's end of a routelet's
 * link, direct action): the frames a routelet sends back go to the flow's
 * outgoing line card, in the flow's egress class (skb->priority names an
 * HTB class major:minor, which HTB uses before its filters).  Those are
 * labelled frames, or IPv4 ones when the routelet popped the bottom label
 * (penultimate-hop popping, RFC 3032 2.1): its interface has no address,
 * so no IPv4 of the guest's own kernel comes this way.  Other ethertypes
 * (ARP, IPv6 neighbour discovery), and IPv4 from an interface that is
 * no routelet's, pass up dom0's stack.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#include "lib/mpls.h"
#include "demux/bpf/l2.bpf.h"
#include "demux/bpf/maps.bpf.h"

SEC("tc")
int
dp_vif_in(struct __sk_buff *skb)
{
	const struct dpb_vif *v;
	__u32 vif = skb->ifindex, l3off;
	__u16 type;

	if (dp_l2_parse(skb, &type, &l3off) < 0) {
		dp_count_reason(DPB_R_MALFORMED);
		return TC_ACT_SHOT;
	}
	if (type != ETH_P_MPLS_UC_ && type != DP_ETH_P_IP)
		return TC_ACT_OK;
	v = bpf_map_lookup_elem(&dp_vif, &vif);
	if (v == NULL) {
		if (type == DP_ETH_P_IP)
			return TC_ACT_OK;
		dp_count_reason(DPB_R_NO_VIF);
		return TC_ACT_SHOT;
	}
	dp_count_entry(&dp_vif_cnt, &vif, skb->len);
	skb->priority = v->priority;
	if (bpf_redirect(v->out_ifindex, 0) != TC_ACT_REDIRECT) {
		dp_count_reason(DPB_R_REDIRECT_FAIL);
		return TC_ACT_SHOT;
	}
	return TC_ACT_REDIRECT;
}

char _license[] SEC("license") = "GPL";
