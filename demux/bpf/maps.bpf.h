/*
 * The maps every demux BPF object declares.  Each is pinned by name under
 * the instance's pin directory, so the three objects (linecard, vif, ftn)
 * share one set, and a re-opened loader finds the entries again.
 */
#ifndef QUASAR_DEMUX_MAPS_BPF_H
#define QUASAR_DEMUX_MAPS_BPF_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "demux/dp_bpf_types.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DPB_ILM_MAX);
	__type(key, __u32);
	__type(value, struct dpb_ilm);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_ilm SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, DPB_ILM_MAX);
	__type(key, __u32);
	__type(value, struct dpb_counters);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_ilm_cnt SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DPB_VIF_MAX);
	__type(key, __u32);
	__type(value, struct dpb_vif);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_vif SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, DPB_VIF_MAX);
	__type(key, __u32);
	__type(value, struct dpb_counters);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_vif_cnt SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, DPB_FTN_MAX);
	__type(key, struct dpb_ftn_key);
	__type(value, struct dpb_ftn);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_ftn SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, DPB_FTN_MAX * DPB_FTN_RULES);
	__type(key, struct dpb_ftn_ckey);
	__type(value, struct dpb_counters);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_ftn_cnt SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, DPB_DSCP_MAX);
	__type(key, __u32);
	__type(value, __u32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_dscp_tc SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, DPB_R_MAX);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_reasons SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DPB_ATTACHED_MAX);
	__type(key, __u32);
	__type(value, __u32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dp_attached SEC(".maps");

/* Count one frame for 'reason'. */
static __always_inline void
dp_count_reason(__u32 reason)
{
	__u64 *n = bpf_map_lookup_elem(&dp_reasons, &reason);

	if (n != NULL)
		*n += 1;
}

/*
 * Add one frame of 'len' bytes to the per-CPU counters in 'map' at 'key'.
 * The loader creates the counters with the entry, so a miss counts nothing.
 */
static __always_inline void
dp_count_entry(void *map, const void *key, __u32 len)
{
	struct dpb_counters *c = bpf_map_lookup_elem(map, key);

	if (c == NULL)
		return;
	c->packets += 1;
	c->bytes += len;
}

#endif
