/*
 * dp_bpf's map side: ILM and FTN entries, the DSCP to TC map and the
 * counters, written and read through the pinned maps' fds.
 */
#include <arpa/inet.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lib/log.h"
#include "demux/dp.h"
#include "demux/dp_bpf.h"
#include "demux/dp_bpf_types.h"
#include "demux/veth_peer.h"

int
dpb_counters_create(int fd, const void *key)
{
	struct dpb_counters *zero;
	int ncpu = libbpf_num_possible_cpus(), rc = 0;

	if (ncpu < 0)
		return ncpu;
	zero = calloc((size_t)ncpu, sizeof(*zero));
	if (zero == NULL)
		return -ENOMEM;
	if (bpf_map_update_elem(fd, key, zero, BPF_NOEXIST) < 0 &&
	    errno != EEXIST)
		rc = -errno;
	free(zero);
	return rc;
}

int
dpb_counters_read(int fd, const void *key, struct dp_counters *c_r)
{
	struct dpb_counters *per;
	int ncpu = libbpf_num_possible_cpus(), i, rc = 0;

	if (ncpu < 0)
		return ncpu;
	per = calloc((size_t)ncpu, sizeof(*per));
	if (per == NULL)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, key, per) < 0) {
		rc = -errno;
		goto out;
	}
	c_r->packets = 0;
	c_r->bytes = 0;
	for (i = 0; i < ncpu; i++) {
		c_r->packets += per[i].packets;
		c_r->bytes += per[i].bytes;
	}
out:
	free(per);
	return rc;
}

/* Counters first, so the entry's first frame is counted. */
int
dpb_ilm_set(void *state, const struct dp_ilm *e)
{
	struct dpb *b = state;
	struct dpb_ilm v;
	bool peer;
	int rc;

	memset(&v, 0, sizeof(v));
	v.action = (__u32)e->action;
	if (e->action == DP_ILM_ROUTELET) {
		v.ifindex = e->vif_ifindex;
		rc = dp_veth_peer_elsewhere(e->vif_ifindex, &peer);
		if (rc < 0)
			return rc;
		if (peer)
			v.action = DPB_ILM_ROUTELET_PEER;
	} else {
		v.ifindex = e->out_ifindex;
		v.out_label = e->out_label;
		memcpy(v.dst_mac, e->dst_mac, sizeof(v.dst_mac));
		memcpy(v.src_mac, e->src_mac, sizeof(v.src_mac));
	}
	rc = dpb_counters_create(b->ilm_cnt_fd, &e->in_label);
	if (rc < 0)
		return rc;
	if (bpf_map_update_elem(b->ilm_fd, &e->in_label, &v, BPF_ANY) < 0) {
		rc = -errno;
		log_warn("dp_bpf: ILM set label %u", e->in_label);
	}
	return rc;
}

int
dpb_ilm_del(void *state, uint32_t in_label)
{
	struct dpb *b = state;
	int rc = 0;

	if (bpf_map_delete_elem(b->ilm_fd, &in_label) < 0)
		rc = -errno;
	bpf_map_delete_elem(b->ilm_cnt_fd, &in_label);
	return rc;
}

int
dpb_ilm_counters(void *state, uint32_t in_label, struct dp_counters *c_r)
{
	struct dpb *b = state;

	return dpb_counters_read(b->ilm_cnt_fd, &in_label, c_r);
}

/* The dp.h form of the entry at 'label'. */
static void
ilm_from_map(uint32_t label, const struct dpb_ilm *v, struct dp_ilm *e)
{
	memset(e, 0, sizeof(*e));
	e->in_label = label;
	e->action = (enum dp_ilm_action)v->action;
	if (v->action == DPB_ILM_ROUTELET ||
	    v->action == DPB_ILM_ROUTELET_PEER) {
		e->action = DP_ILM_ROUTELET;
		e->vif_ifindex = v->ifindex;
		return;
	}
	e->out_ifindex = v->ifindex;
	e->out_label = v->out_label;
	memcpy(e->dst_mac, v->dst_mac, sizeof(e->dst_mac));
	memcpy(e->src_mac, v->src_mac, sizeof(e->src_mac));
}

/*
 * The labels are collected first: deleting the key a hash map walk stands
 * on would send bpf_map_get_next_key back to the start.
 */
int
dpb_ilm_walk(void *state, dp_ilm_walk_cb cb, void *arg)
{
	struct dpb *b = state;
	struct dp_counters c;
	struct dpb_ilm v;
	struct dp_ilm e;
	uint32_t *labels, key, *prev = NULL;
	size_t n = 0, i;
	int rc = 0;

	labels = calloc(DPB_ILM_MAX, sizeof(*labels));
	if (labels == NULL)
		return -ENOMEM;
	while (n < DPB_ILM_MAX &&
	    bpf_map_get_next_key(b->ilm_fd, prev, &key) == 0) {
		labels[n++] = key;
		prev = &labels[n - 1];
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (bpf_map_lookup_elem(b->ilm_fd, &labels[i], &v) < 0)
			continue;	/* gone since */
		ilm_from_map(labels[i], &v, &e);
		if (dpb_counters_read(b->ilm_cnt_fd, &labels[i], &c) < 0)
			memset(&c, 0, sizeof(c));
		rc = cb(&e, &c, arg);
	}
	free(labels);
	return rc;
}

/* The LPM key and counter key that name f's rule; dst masked to plen. */
static void
ftn_keys(const struct dp_ftn *f, struct dpb_ftn_key *k,
    struct dpb_ftn_ckey *ck)
{
	uint32_t mask = f->plen == 0 ? 0 : htonl(~0u << (32 - f->plen));

	memset(k, 0, sizeof(*k));
	k->prefixlen = f->plen;
	k->dst = f->dst & mask;
	memset(ck, 0, sizeof(*ck));
	ck->dst = k->dst;
	ck->plen = f->plen;
	ck->proto = f->proto;
	ck->port_min = f->port_min;
	ck->port_max = f->port_max;
}

static bool
rule_is(const struct dpb_ftn_rule *r, const struct dp_ftn *f)
{
	return r->label != 0 && r->proto == f->proto &&
	    r->port_min == f->port_min && r->port_max == f->port_max;
}

int
dpb_ftn_set(void *state, const struct dp_ftn *f)
{
	struct dpb *b = state;
	struct dpb_ftn_key k;
	struct dpb_ftn_ckey ck;
	struct dpb_ftn v;
	int i, slot = -1, rc;

	ftn_keys(f, &k, &ck);
	if (bpf_map_lookup_elem(b->ftn_fd, &k, &v) < 0) {
		memset(&v, 0, sizeof(v));
		v.dst = k.dst;
		v.plen = k.prefixlen;
	}
	for (i = 0; i < DPB_FTN_RULES; i++) {
		if (rule_is(&v.rule[i], f)) {
			slot = i;
			break;
		}
		if (slot < 0 && v.rule[i].label == 0)
			slot = i;
	}
	if (slot < 0) {
		log_warnx("dp_bpf: FTN %s/%u holds %d rules already",
		    inet_ntoa((struct in_addr){ .s_addr = k.dst }), f->plen,
		    DPB_FTN_RULES);
		return -ENOSPC;
	}
	v.rule[slot].label = f->label;
	v.rule[slot].proto = f->proto;
	v.rule[slot].port_min = f->port_min;
	v.rule[slot].port_max = f->port_max;
	rc = dpb_counters_create(b->ftn_cnt_fd, &ck);
	if (rc < 0)
		return rc;
	if (bpf_map_update_elem(b->ftn_fd, &k, &v, BPF_ANY) < 0) {
		rc = -errno;
		log_warn("dp_bpf: FTN set");
	}
	return rc;
}

int
dpb_ftn_del(void *state, const struct dp_ftn *f)
{
	struct dpb *b = state;
	struct dpb_ftn_key k;
	struct dpb_ftn_ckey ck;
	struct dpb_ftn v;
	bool found = false, empty = true;
	int i;

	ftn_keys(f, &k, &ck);
	if (bpf_map_lookup_elem(b->ftn_fd, &k, &v) < 0)
		return -ENOENT;
	for (i = 0; i < DPB_FTN_RULES; i++) {
		if (rule_is(&v.rule[i], f)) {
			memset(&v.rule[i], 0, sizeof(v.rule[i]));
			found = true;
		}
		if (v.rule[i].label != 0)
			empty = false;
	}
	if (!found)
		return -ENOENT;
	if (empty ? bpf_map_delete_elem(b->ftn_fd, &k) < 0 :
	    bpf_map_update_elem(b->ftn_fd, &k, &v, BPF_ANY) < 0)
		return -errno;
	bpf_map_delete_elem(b->ftn_cnt_fd, &ck);
	return 0;
}

int
dpb_ftn_counters(void *state, const struct dp_ftn *f, struct dp_counters *c_r)
{
	struct dpb *b = state;
	struct dpb_ftn_key k;
	struct dpb_ftn_ckey ck;

	ftn_keys(f, &k, &ck);
	return dpb_counters_read(b->ftn_cnt_fd, &ck, c_r);
}

int
dpb_ftn_dscp_tc(void *state, uint8_t dscp, uint8_t tc)
{
	struct dpb *b = state;
	__u32 k = dscp, v = tc;

	if (bpf_map_update_elem(b->dscp_fd, &k, &v, BPF_ANY) < 0)
		return -errno;
	return 0;
}

int
dpb_vif_counters(void *state, uint32_t vif_ifindex, struct dp_counters *c_r)
{
	struct dpb *b = state;

	return dpb_counters_read(b->vif_cnt_fd, &vif_ifindex, c_r);
}

int
dpb_reason_counters(void *state, uint64_t c_r[DP_R_MAX])
{
	struct dpb *b = state;
	int ncpu = libbpf_num_possible_cpus(), i, rc = 0;
	__u32 reason;
	__u64 *per;

	if (ncpu < 0)
		return ncpu;
	per = calloc((size_t)ncpu, sizeof(*per));
	if (per == NULL)
		return -ENOMEM;
	for (reason = 0; reason < DP_R_MAX; reason++) {
		if (bpf_map_lookup_elem(b->reasons_fd, &reason, per) < 0) {
			rc = -errno;
			goto out;
		}
		c_r[reason] = 0;
		for (i = 0; i < ncpu; i++)
			c_r[reason] += per[i];
	}
out:
	free(per);
	return rc;
}
