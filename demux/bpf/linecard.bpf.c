/*
 * Line-card ingress (clsact ingress, direct action): steer labelled frames
 * by their top label (RFC 3031 3.10; the label stack is never looked
 * under, seed 004).
 *
 *   ROUTELET  redirect the frame unchanged to the routelet's vif
 *   SWAP      swap the top label, TTL - 1, rewrite MACs, redirect
 *   POP       pop the top label, TTL - 1 into the new top entry or the
 *             IPv4 header (uniform model, RFC 3443 3.1), rewrite MACs,
 *             redirect
 *
 * Router Alert on top and TTL <= 1 go up the stack (TC_ACT_OK), where the
 * control plane's AF_PACKET socket sees them; unknown labels and short
 * frames are counted and dropped; other ethertypes pass untouched.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "lib/mpls.h"
#include "demux/bpf/l2.bpf.h"
#include "demux/bpf/maps.bpf.h"

#define IP_TTL_OFF	8
#define IP_CSUM_OFF	10

/*
 * Take out the 4 bytes of the top label stack entry at DP_ETH_HLEN and
 * set the ethertype to 'type'.  bpf_skb_adjust_room refuses skbs that are
 * not IP, so the entry is removed as an 802.1Q tag: a first push parks a
 * tag in skb->vlan_tci, a second moves it into the data in front of the
 * ethertype, the old ethertype and entry are rewritten as a second tag
 * followed by 'type', and one pop removes both tags from the data (the
 * kernel moves the inner one back to vlan_tci), a last pop clears it.
 * Expects an untagged frame.  Returns 0 or the helper's error.
 */
static __always_inline long
pop_top(struct __sk_buff *skb, __u16 type)
{
	__u8 fake[6] = { 0x81, 0x00, 0x00, 0x00, type >> 8, type & 0xff };
	__be16 tpid = bpf_htons(DP_ETH_P_8021Q);
	long r;

	r = bpf_skb_vlan_push(skb, tpid, 0);
	if (r < 0)
		return r;
	r = bpf_skb_vlan_push(skb, tpid, 0);
	if (r < 0)
		return r;
	/* The old ethertype sits after the tag now: 16 bytes in. */
	r = bpf_skb_store_bytes(skb, DP_ETH_HLEN + 2, fake, sizeof(fake), 0);
	if (r < 0)
		return r;
	r = bpf_skb_vlan_pop(skb);
	if (r < 0)
		return r;
	return bpf_skb_vlan_pop(skb);
}

/* Set the IPv4 TTL at 'l3off' to 'ttl', fixing the header checksum. */
static __always_inline long
set_ipv4_ttl(struct __sk_buff *skb, __u32 l3off, __u8 ttl)
{
	__u8 old[2], now[2];
	__u16 oldw, noww;
	long r;

	r = bpf_skb_load_bytes(skb, l3off + IP_TTL_OFF, old, sizeof(old));
	if (r < 0)
		return r;
	now[0] = ttl;
	now[1] = old[1];
	__builtin_memcpy(&oldw, old, sizeof(oldw));
	__builtin_memcpy(&noww, now, sizeof(noww));
	r = bpf_l3_csum_replace(skb, l3off + IP_CSUM_OFF, oldw, noww,
	    sizeof(noww));
	if (r < 0)
		return r;
	return bpf_skb_store_bytes(skb, l3off + IP_TTL_OFF, now, sizeof(now),
	    0);
}

/* Swap or pop as 'e' says and send the frame out of e->ifindex. */
static __always_inline int
forward(struct __sk_buff *skb, const struct dpb_ilm *e, __u32 l3off,
    __u32 lse)
{
	__u8 ttl = mpls_lse_ttl(lse) - 1;
	__be32 out;
	long r;

	r = dp_l2_untag(skb, l3off);
	if (r < 0)
		goto fail;
	if (e->action == DPB_ILM_SWAP) {
		out = bpf_htonl(mpls_lse_set_ttl(
		    mpls_lse_set_label(lse, e->out_label), ttl));
		r = bpf_skb_store_bytes(skb, DP_ETH_HLEN, &out, sizeof(out),
		    BPF_F_RECOMPUTE_CSUM);
	} else if (mpls_lse_bottom(lse)) {
		r = pop_top(skb, DP_ETH_P_IP);
		if (r == 0)
			r = set_ipv4_ttl(skb, DP_ETH_HLEN, ttl);
	} else {
		__be32 next;

		r = pop_top(skb, ETH_P_MPLS_UC_);
		if (r == 0)
			r = bpf_skb_load_bytes(skb, DP_ETH_HLEN, &next,
			    sizeof(next));
		if (r == 0) {
			out = bpf_htonl(mpls_lse_set_ttl(bpf_ntohl(next), ttl));
			r = bpf_skb_store_bytes(skb, DP_ETH_HLEN, &out,
			    sizeof(out), BPF_F_RECOMPUTE_CSUM);
		}
	}
	if (r < 0)
		goto fail;
	r = bpf_skb_store_bytes(skb, 0, e->dst_mac, DP_ETH_ALEN, 0);
	if (r == 0)
		r = bpf_skb_store_bytes(skb, DP_ETH_ALEN, e->src_mac,
		    DP_ETH_ALEN, 0);
	if (r < 0)
		goto fail;
	r = bpf_redirect(e->ifindex, 0);
	if (r != TC_ACT_REDIRECT)
		goto fail;
	return TC_ACT_REDIRECT;
fail:
	dp_count_reason(DPB_R_REDIRECT_FAIL);
	return TC_ACT_SHOT;
}

SEC("tc")
int
dp_linecard_in(struct __sk_buff *skb)
{
	const struct dpb_ilm *e;
	__u32 l3off, lse, label;
	__be32 raw;
	__u16 type;
	long r;

	if (dp_l2_parse(skb, &type, &l3off) < 0) {
		dp_count_reason(DPB_R_MALFORMED);
		return TC_ACT_SHOT;
	}
	if (type != ETH_P_MPLS_UC_)
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, l3off, &raw, sizeof(raw)) < 0) {
		dp_count_reason(DPB_R_MALFORMED);
		return TC_ACT_SHOT;
	}
	lse = bpf_ntohl(raw);
	label = mpls_lse_label(lse);
	/* RFC 3032 2.1: Router Alert goes to local software. */
	if (label == MPLS_LABEL_ROUTER_ALERT) {
		dp_count_reason(DPB_R_ROUTER_ALERT);
		return TC_ACT_OK;
	}
	/* RFC 3032 2.4.1: no forwarding once the TTL would reach zero. */
	if (mpls_lse_ttl(lse) <= 1) {
		dp_count_reason(DPB_R_TTL_EXPIRED);
		return TC_ACT_OK;
	}
	e = bpf_map_lookup_elem(&dp_ilm, &label);
	if (e == NULL) {
		dp_count_reason(DPB_R_NO_ENTRY);
		return TC_ACT_SHOT;
	}
	dp_count_entry(&dp_ilm_cnt, &label, skb->len);
	if (e->action == DPB_ILM_ROUTELET ||
	    e->action == DPB_ILM_ROUTELET_PEER) {
		/*
		 * A netns routelet's vif: straight into the routelet's end
		 * (one queueing on this CPU's backlog less).
		 */
		if (e->action == DPB_ILM_ROUTELET_PEER)
			r = bpf_redirect_peer(e->ifindex, 0);
		else
			r = bpf_redirect(e->ifindex, 0);
		if (r != TC_ACT_REDIRECT) {
			dp_count_reason(DPB_R_REDIRECT_FAIL);
			return TC_ACT_SHOT;
		}
		return TC_ACT_REDIRECT;
	}
	return forward(skb, e, l3off, lse);
}

char _license[] SEC("license") = "GPL";
