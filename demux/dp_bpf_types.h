/*
 * The map keys and values that the BPF programs in demux/bpf/ and their
 * loader (dp_bpf.c) share.  Plain __u8/__u16/__u32/__u64 so that both
 * sides lay them out the same; sizes are checked at compile time.
 */
#ifndef QUASAR_DEMUX_DP_BPF_TYPES_H
#define QUASAR_DEMUX_DP_BPF_TYPES_H

#include <linux/types.h>

#define DPB_ILM_MAX		262144	/* ILM entries */
#define DPB_VIF_MAX		1024	/* routelet vifs */
#define DPB_FTN_MAX		4096	/* FTN prefixes */
#define DPB_FTN_RULES		8	/* rules under one prefix */
#define DPB_ATTACHED_MAX	1024	/* interfaces with our filters */
#define DPB_DSCP_MAX		64

/* dpb_ilm.action; the same numbers as enum dp_ilm_action. */
#define DPB_ILM_ROUTELET	1
#define DPB_ILM_SWAP		2
#define DPB_ILM_POP		3
/*
 * Map-only: a ROUTELET entry whose vif is a veth with its peer in another
 * namespace (dp_veth_peer_elsewhere); the line card hands the frame to
 * the peer's ingress with bpf_redirect_peer.  Read back as ROUTELET.
 */
#define DPB_ILM_ROUTELET_PEER	4

/* ILM: key __u32 label (host order). */
struct dpb_ilm {
	__u32 action;
	__u32 ifindex;		/* vif (ROUTELET) or line card (SWAP, POP) */
	__u32 out_label;	/* SWAP */
	__u8 dst_mac[6];
	__u8 src_mac[6];
};

/* Routelet vifs: key __u32 vif ifindex. */
struct dpb_vif {
	__u32 out_ifindex;
	__u32 priority;		/* skb->priority, HTB major:minor */
};

/* FTN: an LPM trie key; dst in network order. */
struct dpb_ftn_key {
	__u32 prefixlen;
	__u32 dst;
};

struct dpb_ftn_rule {
	__u32 label;		/* 0: slot unused (labels 0-15 never pushed) */
	__u16 port_min;
	__u16 port_max;
	__u8 proto;		/* 0: any */
	__u8 pad[3];
};

/* An LPM lookup does not say which key matched, so the value repeats it. */
struct dpb_ftn {
	__u32 dst;		/* network order, masked to plen */
	__u32 plen;
	struct dpb_ftn_rule rule[DPB_FTN_RULES];
};

/* FTN per-rule counters: key names the rule, as struct dp_ftn does. */
struct dpb_ftn_ckey {
	__u32 dst;
	__u8 plen;
	__u8 proto;
	__u16 port_min;
	__u16 port_max;
	__u16 pad;
};

struct dpb_counters {
	__u64 packets;
	__u64 bytes;
};

/* dpb_attached value: which of our filters sit on an interface. */
#define DPB_ATT_LINECARD	0x1	/* clsact ingress, linecard.bpf.c */
#define DPB_ATT_VIF		0x2	/* clsact ingress, vif.bpf.c */
#define DPB_ATT_FTN		0x4	/* clsact egress, ftn.bpf.c */

/* Per-reason counters, index as enum dp_reason in dp.h. */
#define DPB_R_NO_ENTRY		0
#define DPB_R_TTL_EXPIRED	1
#define DPB_R_ROUTER_ALERT	2
#define DPB_R_MALFORMED		3
#define DPB_R_REDIRECT_FAIL	4
#define DPB_R_NO_VIF		5
#define DPB_R_MAX		6

_Static_assert(sizeof(struct dpb_ilm) == 24, "dpb_ilm layout");
_Static_assert(sizeof(struct dpb_vif) == 8, "dpb_vif layout");
_Static_assert(sizeof(struct dpb_ftn_key) == 8, "dpb_ftn_key layout");
_Static_assert(sizeof(struct dpb_ftn_rule) == 12, "dpb_ftn_rule layout");
_Static_assert(sizeof(struct dpb_ftn_ckey) == 12, "dpb_ftn_ckey layout");

#endif
