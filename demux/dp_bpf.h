/*
 * dp_bpf's insides, shared by its small files: the loaded objects and
 * their maps (dp_bpf.c), the bpffs pin directory (dp_bpf_pin.c) and the
 * clsact filters (dp_bpf_tc.c).
 */
#ifndef QUASAR_DEMUX_DP_BPF_H
#define QUASAR_DEMUX_DP_BPF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "demux/dp.h"

/* Our filters' place on a clsact hook. */
#define DPB_TC_HANDLE	1
#define DPB_TC_PRIO	0x5100

struct dpskel_linecard;
struct dpskel_vif;
struct dpskel_ftn;

struct dpb {
	char pin_dir[PATH_MAX];
	struct dpskel_linecard *lc;
	struct dpskel_vif *vif;
	struct dpskel_ftn *ftn;
	/* Map fds, all pinned and shared by the three objects. */
	int ilm_fd;
	int ilm_cnt_fd;
	int vif_fd;
	int vif_cnt_fd;
	int ftn_fd;
	int ftn_cnt_fd;
	int dscp_fd;
	int reasons_fd;
	int attached_fd;
};

/*
 * Make sure 'dir' exists on a bpf file system, mounting bpffs on
 * /sys/fs/bpf first when nothing is mounted there.  Sets *fresh_r when
 * 'dir' held no pins yet.
 */
int dpb_pin_prepare(const char *dir, bool *fresh_r);
/* Remove the pins in 'dir', then 'dir' and its parent when empty. */
int dpb_pin_remove(const char *dir);

/* Put 'prog_fd' on ifindex's clsact ingress (or egress), replacing ours. */
int dpb_tc_attach(uint32_t ifindex, bool ingress, int prog_fd,
    const char *what);
/* Take our filter off ifindex's clsact ingress (or egress). */
int dpb_tc_detach(uint32_t ifindex, bool ingress, const char *what);

/* Create zeroed per-CPU counters at 'key' in map 'fd' unless they exist. */
int dpb_counters_create(int fd, const void *key);
/* Sum the per-CPU counters at 'key' in map 'fd'. */
int dpb_counters_read(int fd, const void *key, struct dp_counters *c_r);

/* The map side of dp_bpf_ops (dp_bpf_map.c); 'state' is a struct dpb. */
int dpb_ilm_set(void *state, const struct dp_ilm *e);
int dpb_ilm_del(void *state, uint32_t in_label);
int dpb_ilm_counters(void *state, uint32_t in_label, struct dp_counters *c_r);
int dpb_ilm_walk(void *state, dp_ilm_walk_cb cb, void *arg);
int dpb_ftn_set(void *state, const struct dp_ftn *f);
int dpb_ftn_del(void *state, const struct dp_ftn *f);
int dpb_ftn_counters(void *state, const struct dp_ftn *f,
    struct dp_counters *c_r);
int dpb_ftn_dscp_tc(void *state, uint8_t dscp, uint8_t tc);
int dpb_vif_counters(void *state, uint32_t vif_ifindex,
    struct dp_counters *c_r);
int dpb_reason_counters(void *state, uint64_t c_r[DP_R_MAX]);

#endif
