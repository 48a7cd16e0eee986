/*
 * The BPF data plane (dp.h backend "bpf"): loads the line-card, vif and
 * FTN programs with their maps pinned under the instance's bpffs
 * directory, attaches them to clsact hooks and keeps their maps.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lib/log.h"
#include "demux/dp.h"
#include "demux/dp_bpf.h"
#include "demux/dp_bpf_types.h"
/* bpftool's generated code casts const away; it is not ours to fix. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-qual"
#include "demux/linecard.skel.h"
#include "demux/vif.skel.h"
#include "demux/ftn.skel.h"
#pragma GCC diagnostic pop

_Static_assert(DPB_R_MAX == DP_R_MAX, "reason counters differ");
_Static_assert(DPB_ILM_ROUTELET == DP_ILM_ROUTELET &&
    DPB_ILM_SWAP == DP_ILM_SWAP && DPB_ILM_POP == DP_ILM_POP,
    "ILM actions differ");

/*
 * libbpf's own lines, through our log.  The netlink extended acks it
 * prints ("Kernel error message: ...") also come for answers we expect
 * (a clsact that exists), so they go at debug level; the failures that
 * matter are logged by the caller with libbpf_strerror and the interface.
 */
static int
libbpf_log(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char msg[512];

	if (level == LIBBPF_DEBUG)
		return 0;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	if (strstr(msg, "Kernel error message") != NULL)
		log_debug("%s", msg);
	else
		log_warnx("%s", msg);
	return 0;
}

/* Open, point at 'pin_dir' and load one skeleton; libbpf's message on failure. */
#define DPB_LOAD(skel, name, pin_dir, rc) do {				\
	DECLARE_LIBBPF_OPTS(bpf_object_open_opts, o_,			\
	    .pin_root_path = (pin_dir));				\
	(skel) = name##__open_opts(&o_);				\
	(rc) = (skel) == NULL ? -errno : name##__load(skel);		\
	if ((rc) < 0) {							\
		char m_[128];						\
		libbpf_strerror((rc), m_, sizeof(m_));			\
		log_warnx("dp_bpf: load %s: %s", #name, m_);		\
	}								\
} while (0)

static void
dpb_free(struct dpb *b)
{
	dpskel_ftn__destroy(b->ftn);
	dpskel_vif__destroy(b->vif);
	dpskel_linecard__destroy(b->lc);
	free(b);
}

/* Class selector default (RFC 2474 4.2.2): TC is the DSCP's top 3 bits. */
static int
dscp_defaults(struct dpb *b)
{
	__u32 dscp, tc;

	for (dscp = 0; dscp < DPB_DSCP_MAX; dscp++) {
		tc = dscp >> 3;
		if (bpf_map_update_elem(b->dscp_fd, &dscp, &tc, BPF_ANY) < 0)
			return -errno;
	}
	return 0;
}

/* Load the three programs on the pinned maps and keep the maps' fds. */
static int
load_all(struct dpb *b)
{
	int rc;

	DPB_LOAD(b->lc, dpskel_linecard, b->pin_dir, rc);
	if (rc < 0)
		return rc;
	DPB_LOAD(b->vif, dpskel_vif, b->pin_dir, rc);
	if (rc < 0)
		return rc;
	DPB_LOAD(b->ftn, dpskel_ftn, b->pin_dir, rc);
	if (rc < 0)
		return rc;
	b->ilm_fd = bpf_map__fd(b->lc->maps.dp_ilm);
	b->ilm_cnt_fd = bpf_map__fd(b->lc->maps.dp_ilm_cnt);
	b->vif_fd = bpf_map__fd(b->lc->maps.dp_vif);
	b->vif_cnt_fd = bpf_map__fd(b->lc->maps.dp_vif_cnt);
	b->ftn_fd = bpf_map__fd(b->lc->maps.dp_ftn);
	b->ftn_cnt_fd = bpf_map__fd(b->lc->maps.dp_ftn_cnt);
	b->dscp_fd = bpf_map__fd(b->lc->maps.dp_dscp_tc);
	b->reasons_fd = bpf_map__fd(b->lc->maps.dp_reasons);
	b->attached_fd = bpf_map__fd(b->lc->maps.dp_attached);
	return 0;
}

static int
dpb_open(const struct dp_params *p, void **state_r)
{
	struct dpb *b;
	bool fresh = false;
	int rc;

	libbpf_set_print(libbpf_log);
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return -ENOMEM;
	if (p->pin_dir != NULL)
		rc = snprintf(b->pin_dir, sizeof(b->pin_dir), "%s", p->pin_dir);
	else
		rc = snprintf(b->pin_dir, sizeof(b->pin_dir), "%s/%s",
		    DP_PIN_ROOT, p->instance);
	if (rc >= (int)sizeof(b->pin_dir)) {
		log_warnx("dp_bpf: pin directory name too long");
		rc = -ENAMETOOLONG;
		goto out;
	}
	rc = dpb_pin_prepare(b->pin_dir, &fresh);
	if (rc < 0)
		goto out;
	rc = load_all(b);
	if (rc == 0 && fresh)
		rc = dscp_defaults(b);
out:
	if (rc < 0) {
		/* Pins that this open made go again; older ones hold entries. */
		if (fresh)
			dpb_pin_remove(b->pin_dir);
		dpb_free(b);
		return rc;
	}
	log_info("dp_bpf: %s maps in %s", fresh ? "new" : "reusing",
	    b->pin_dir);
	*state_r = b;
	return 0;
}

/* Which hook and program an attachment kind uses. */
static bool
kind_ingress(uint32_t kind)
{
	return kind != DPB_ATT_FTN;
}

static const char *
kind_name(uint32_t kind)
{
	switch (kind) {
	case DPB_ATT_LINECARD:
		return "line card";
	case DPB_ATT_VIF:
		return "vif";
	default:
		return "ftn";
	}
}

static int
kind_prog_fd(const struct dpb *b, uint32_t kind)
{
	switch (kind) {
	case DPB_ATT_LINECARD:
		return bpf_program__fd(b->lc->progs.dp_linecard_in);
	case DPB_ATT_VIF:
		return bpf_program__fd(b->vif->progs.dp_vif_in);
	default:
		return bpf_program__fd(b->ftn->progs.dp_ftn_out);
	}
}

static uint32_t
attached_kinds(const struct dpb *b, uint32_t ifindex)
{
	uint32_t kinds = 0;

	if (bpf_map_lookup_elem(b->attached_fd, &ifindex, &kinds) < 0)
		return 0;
	return kinds;
}

static int
set_attached_kinds(struct dpb *b, uint32_t ifindex, uint32_t kinds)
{
	if (kinds == 0) {
		if (bpf_map_delete_elem(b->attached_fd, &ifindex) < 0 &&
		    errno != ENOENT)
			return -errno;
		return 0;
	}
	if (bpf_map_update_elem(b->attached_fd, &ifindex, &kinds, BPF_ANY) < 0)
		return -errno;
	return 0;
}

/*
 * Attach our 'kind' filter to ifindex and record it, or leave nothing.
 * A line card and a vif share the ingress hook, so one interface can be
 * only one of them.
 */
static int
attach_kind(struct dpb *b, uint32_t ifindex, uint32_t kind)
{
	uint32_t kinds = attached_kinds(b, ifindex);
	uint32_t other = DPB_ATT_LINECARD | DPB_ATT_VIF;
	int rc;

	if (kind_ingress(kind) && (kinds & other & ~kind) != 0) {
		log_warnx("dp_bpf: ifindex %u is already a %s", ifindex,
		    kind_name(kinds & other & ~kind));
		return -EBUSY;
	}
	rc = dpb_tc_attach(ifindex, kind_ingress(kind), kind_prog_fd(b, kind),
	    kind_name(kind));
	if (rc < 0)
		return rc;
	rc = set_attached_kinds(b, ifindex, kinds | kind);
	if (rc < 0) {
		log_warnx("dp_bpf: record ifindex %u: %s", ifindex,
		    strerror(-rc));
		dpb_tc_detach(ifindex, kind_ingress(kind), kind_name(kind));
	}
	return rc;
}

static int
detach_kind(struct dpb *b, uint32_t ifindex, uint32_t kind)
{
	uint32_t kinds = attached_kinds(b, ifindex);
	int rc;

	if ((kinds & kind) == 0)
		return -ENOENT;
	rc = dpb_tc_detach(ifindex, kind_ingress(kind), kind_name(kind));
	if (rc < 0)
		return rc;
	return set_attached_kinds(b, ifindex, kinds & ~kind);
}

/* Detach every filter the pinned record names, then forget them. */
static void
detach_all(struct dpb *b)
{
	uint32_t key, next, kinds, kind;
	void *prev = NULL;

	while (bpf_map_get_next_key(b->attached_fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		kinds = attached_kinds(b, key);
		for (kind = DPB_ATT_LINECARD; kind <= DPB_ATT_FTN; kind <<= 1)
			if (kinds & kind)
				dpb_tc_detach(key, kind_ingress(kind),
				    kind_name(kind));
	}
}

static void
dpb_close(void *state, enum dp_close_mode mode)
{
	struct dpb *b = state;

	if (mode == DP_CLOSE_TEARDOWN) {
		detach_all(b);
		dpb_pin_remove(b->pin_dir);
		log_info("dp_bpf: torn down %s", b->pin_dir);
	}
	dpb_free(b);
}

static int
dpb_linecard_attach(void *state, uint32_t ifindex)
{
	return attach_kind(state, ifindex, DPB_ATT_LINECARD);
}

static int
dpb_linecard_detach(void *state, uint32_t ifindex)
{
	return detach_kind(state, ifindex, DPB_ATT_LINECARD);
}

static int
dpb_ftn_attach(void *state, uint32_t ifindex)
{
	return attach_kind(state, ifindex, DPB_ATT_FTN);
}

static int
dpb_ftn_detach(void *state, uint32_t ifindex)
{
	return detach_kind(state, ifindex, DPB_ATT_FTN);
}

/* The vif's map entry goes in first, so its first frame finds it. */
static int
dpb_vif_attach(void *state, const struct dp_vif *v)
{
	struct dpb *b = state;
	struct dpb_vif val = { .out_ifindex = v->out_ifindex,
	    .priority = v->priority };
	int rc;

	if (bpf_map_update_elem(b->vif_fd, &v->vif_ifindex, &val, BPF_ANY) < 0)
		return -errno;
	rc = dpb_counters_create(b->vif_cnt_fd, &v->vif_ifindex);
	if (rc == 0)
		rc = attach_kind(b, v->vif_ifindex, DPB_ATT_VIF);
	if (rc < 0) {
		bpf_map_delete_elem(b->vif_fd, &v->vif_ifindex);
		bpf_map_delete_elem(b->vif_cnt_fd, &v->vif_ifindex);
	}
	return rc;
}

static int
dpb_vif_detach(void *state, uint32_t vif_ifindex)
{
	struct dpb *b = state;
	int rc;

	rc = detach_kind(b, vif_ifindex, DPB_ATT_VIF);
	if (rc < 0)
		return rc;
	bpf_map_delete_elem(b->vif_fd, &vif_ifindex);
	bpf_map_delete_elem(b->vif_cnt_fd, &vif_ifindex);
	return 0;
}

const struct dp_ops dp_bpf_ops = {
	.name = "bpf",
	.open = dpb_open,
	.close = dpb_close,
	.linecard_attach = dpb_linecard_attach,
	.linecard_detach = dpb_linecard_detach,
	.vif_attach = dpb_vif_attach,
	.vif_detach = dpb_vif_detach,
	.ilm_set = dpb_ilm_set,
	.ilm_del = dpb_ilm_del,
	.ilm_counters = dpb_ilm_counters,
	.ftn_attach = dpb_ftn_attach,
	.ftn_detach = dpb_ftn_detach,
	.ftn_set = dpb_ftn_set,
	.ftn_del = dpb_ftn_del,
	.ftn_counters = dpb_ftn_counters,
	.ftn_dscp_tc = dpb_ftn_dscp_tc,
	.reason_counters = dpb_reason_counters,
	.vif_counters = dpb_vif_counters,
	.ilm_walk = dpb_ilm_walk,
};
