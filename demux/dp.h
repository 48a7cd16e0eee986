/*
 * The dom0 data plane behind one interface, as FRR's zebra_dplane: this
 * header is the logic side, and each platform has one file behind it
 * (dp_bpf.c: clsact + BPF programs that steer, swap, pop and push;
 * dp_u32.c: tc u32 hash tables + mirred that can only steer).
 *
 * A caller opens one instance, attaches the line cards and the routelet
 * vifs, and then sets ILM entries (incoming label -> action) and FTN
 * entries (IPv4 class -> pushed label).  Every function returns 0 or a
 * negative errno; a backend that cannot do an operation returns
 * -EOPNOTSUPP and logs why.  On failure nothing is left half-done: an
 * attach that fails leaves no filter and no entry behind (a clsact qdisc
 * it created stays; it does nothing by itself).
 *
 * Labels and ports are in host order; IPv4 addresses are in network order
 * (as in struct in_addr); MAC addresses are 6 bytes in wire order.
 */
#ifndef QUASAR_DEMUX_DP_H
#define QUASAR_DEMUX_DP_H

#include <stdbool.h>
#include <stdint.h>

#define DP_INSTANCE_MAX	32	/* including the NUL */
#define DP_PIN_ROOT	"/sys/fs/bpf/quasar"

enum dp_backend {
	DP_BACKEND_BPF = 0,	/* dp_bpf.c */
	DP_BACKEND_U32,		/* dp_u32.c */
};

struct dp_params {
	enum dp_backend backend;
	/* Names this data plane among others on the box: [A-Za-z0-9_-]. */
	const char *instance;
	/*
	 * Where state that must survive a restart lives (pinned maps for
	 * dp_bpf); NULL means DP_PIN_ROOT "/<instance>".
	 */
	const char *pin_dir;
};

/* What dp_close leaves behind. */
enum dp_close_mode {
	/* Keep filters and pinned state: a later dp_open finds the entries. */
	DP_CLOSE_KEEP = 0,
	/* Detach every filter this instance attached and remove its pins. */
	DP_CLOSE_TEARDOWN,
};

enum dp_ilm_action {
	/* Send the frame unchanged to a routelet's vif. */
	DP_ILM_ROUTELET = 1,
	/* Swap the top label, TTL - 1, rewrite MACs, send to a line card. */
	DP_ILM_SWAP,
	/*
	 * Pop the top label (implicit null, RFC 3032 2.1), TTL - 1, rewrite
	 * MACs, send to a line card.  When the popped entry was the bottom
	 * of the stack the frame becomes IPv4 (ethertype 0x0800); otherwise
	 * it stays MPLS.
	 */
	DP_ILM_POP,
};

struct dp_ilm {
	uint32_t in_label;		/* the top label looked up */
	enum dp_ilm_action action;
	uint32_t vif_ifindex;		/* ROUTELET */
	uint32_t out_label;		/* SWAP */
	uint32_t out_ifindex;		/* SWAP, POP: the line card */
	uint8_t dst_mac[6];		/* SWAP, POP: next hop */
	uint8_t src_mac[6];		/* SWAP, POP: out_ifindex's own */
};

/* Where a routelet's returning frames go. */
struct dp_vif {
	uint32_t vif_ifindex;		/* dom0 end of the routelet's link */
	uint32_t out_ifindex;		/* outgoing line card */
	/* skb->priority: the HTB class major:minor as TC_H_MAKE() builds. */
	uint32_t priority;
};

/*
 * An ingress push (FTN) entry: IPv4 packets to dst/plen with this
 * protocol and destination port get 'label' pushed (S=1, TTL from the
 * IP TTL, TC from the DSCP map).  proto 0 matches any protocol; the port
 * range is only checked for TCP and UDP and [0, 65535] matches any.
 * Within the longest matching prefix the first rule that matches wins;
 * a miss there sends the packet unlabelled.
 */
struct dp_ftn {
	uint32_t dst;			/* network order */
	uint8_t plen;			/* 0-32 */
	uint8_t proto;			/* IPPROTO_*, 0 = any */
	uint16_t port_min;
	uint16_t port_max;
	uint32_t label;
};

struct dp_counters {
	uint64_t packets;
	uint64_t bytes;
};

/* Why frames left the fast path; dp_reason_counters() reads these. */
enum dp_reason {
	DP_R_NO_ENTRY = 0,	/* top label not in the ILM: dropped */
	DP_R_TTL_EXPIRED,	/* TTL <= 1: to the control plane */
	DP_R_ROUTER_ALERT,	/* label 1 on top: to the control plane */
	DP_R_MALFORMED,		/* short or truncated frame: dropped */
	DP_R_REDIRECT_FAIL,	/* redirect or rewrite failed: dropped */
	DP_R_NO_VIF,		/* frame from an unknown vif: dropped */
	DP_R_MAX
};

struct dp;

/* Open (or re-open, reusing pinned state) the data plane in 'p'. */
int dp_open(const struct dp_params *p, struct dp **dp_r);
/* Close 'dp' as 'mode' says and free it; NULL is a no-op. */
void dp_close(struct dp *dp, enum dp_close_mode mode);

/* Steer labelled frames that arrive on line card 'ifindex'. */
int dp_linecard_attach(struct dp *dp, uint32_t ifindex);
int dp_linecard_detach(struct dp *dp, uint32_t ifindex);

/* Send what a routelet sends back out as 'v' says; attach its vif. */
int dp_vif_attach(struct dp *dp, const struct dp_vif *v);
int dp_vif_detach(struct dp *dp, uint32_t vif_ifindex);
/* Packets and bytes sent back by the routelet on 'vif_ifindex'. */
int dp_vif_counters(struct dp *dp, uint32_t vif_ifindex,
    struct dp_counters *c_r);

/*
 * Call 'cb' for each ILM entry with its counters, in no set order, until
 * it returns non-zero (which dp_ilm_walk then returns).  'cb' may delete
 * entries.  For a restarted control plane to find what the pinned state
 * still holds.
 */
typedef int (*dp_ilm_walk_cb)(const struct dp_ilm *e,
    const struct dp_counters *c, void *arg);
int dp_ilm_walk(struct dp *dp, dp_ilm_walk_cb cb, void *arg);

/* Add or replace the ILM entry for e->in_label. */
int dp_ilm_set(struct dp *dp, const struct dp_ilm *e);
int dp_ilm_del(struct dp *dp, uint32_t in_label);
/* Packets and bytes that matched 'in_label', summed over CPUs. */
int dp_ilm_counters(struct dp *dp, uint32_t in_label, struct dp_counters *c_r);

/* Push labels on IPv4 leaving host interface 'ifindex'. */
int dp_ftn_attach(struct dp *dp, uint32_t ifindex);
int dp_ftn_detach(struct dp *dp, uint32_t ifindex);
/* Add or replace the rule with f's prefix, protocol and port range. */
int dp_ftn_set(struct dp *dp, const struct dp_ftn *f);
int dp_ftn_del(struct dp *dp, const struct dp_ftn *f);
/* Packets and bytes pushed by the rule that f names. */
int dp_ftn_counters(struct dp *dp, const struct dp_ftn *f,
    struct dp_counters *c_r);
/* Map DSCP 'dscp' (0-63) to MPLS TC 'tc' (0-7) for pushed labels. */
int dp_ftn_dscp_tc(struct dp *dp, uint8_t dscp, uint8_t tc);

/* Fill 'c_r[DP_R_MAX]' with the per-reason packet counts. */
int dp_reason_counters(struct dp *dp, uint64_t c_r[DP_R_MAX]);

/* "bpf", "u32": the backend's name for messages. */
const char *dp_backend_name(enum dp_backend b);

/*
 * The ops table each backend fills.  dp.c checks the arguments that do not
 * depend on the platform (label range, action fields, dscp range) before
 * it calls these; 'state' is what the backend's open returned.  An op left
 * NULL makes dp.c log and return -EOPNOTSUPP; an op that exists but cannot
 * do what it is asked (u32 asked to swap) logs why and returns -EOPNOTSUPP.
 */
struct dp_ops {
	const char *name;
	int (*open)(const struct dp_params *p, void **state_r);
	void (*close)(void *state, enum dp_close_mode mode);
	int (*linecard_attach)(void *state, uint32_t ifindex);
	int (*linecard_detach)(void *state, uint32_t ifindex);
	int (*vif_attach)(void *state, const struct dp_vif *v);
	int (*vif_detach)(void *state, uint32_t vif_ifindex);
	int (*ilm_set)(void *state, const struct dp_ilm *e);
	int (*ilm_del)(void *state, uint32_t in_label);
	int (*ilm_counters)(void *state, uint32_t in_label,
	    struct dp_counters *c_r);
	int (*ftn_attach)(void *state, uint32_t ifindex);
	int (*ftn_detach)(void *state, uint32_t ifindex);
	int (*ftn_set)(void *state, const struct dp_ftn *f);
	int (*ftn_del)(void *state, const struct dp_ftn *f);
	int (*ftn_counters)(void *state, const struct dp_ftn *f,
	    struct dp_counters *c_r);
	int (*ftn_dscp_tc)(void *state, uint8_t dscp, uint8_t tc);
	int (*reason_counters)(void *state, uint64_t c_r[DP_R_MAX]);
	/* Added after the first version: backends may leave it NULL. */
	int (*vif_counters)(void *state, uint32_t vif_ifindex,
	    struct dp_counters *c_r);
	int (*ilm_walk)(void *state, dp_ilm_walk_cb cb, void *arg);
};

/* The backends; dp_u32.c defines dp_u32_ops, dp_bpf.c dp_bpf_ops. */
extern const struct dp_ops dp_bpf_ops;
extern const struct dp_ops dp_u32_ops;

#endif
