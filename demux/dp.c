/*
 * The data plane's logic side: picks the backend that dp_params names,
 * checks what does not depend on the platform, and calls the backend's op.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/mpls.h"
#include "demux/dp.h"

struct dp {
	const struct dp_ops *ops;
	void *state;
};

static const struct dp_ops *
backend_ops(enum dp_backend b)
{
	switch (b) {
	case DP_BACKEND_BPF:
		return &dp_bpf_ops;
	case DP_BACKEND_U32:
		return &dp_u32_ops;
	default:
		return NULL;
	}
}

const char *
dp_backend_name(enum dp_backend b)
{
	switch (b) {
	case DP_BACKEND_BPF:
		return "bpf";
	case DP_BACKEND_U32:
		return "u32";
	default:
		return "unknown";
	}
}

static bool
instance_ok(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n == 0 || n >= DP_INSTANCE_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/*
 * Labels a frame can carry on top for us to act on: the explicit nulls
 * (RFC 3032 2.1) and the unreserved range.  Router Alert (1) always goes
 * to the control plane; implicit null (3) never appears on the wire.
 */
static bool
in_label_ok(uint32_t label)
{
	return label <= MPLS_LABEL_MAX && (!mpls_label_is_reserved(label) ||
	    label == MPLS_LABEL_IPV4_EXPLICIT_NULL ||
	    label == MPLS_LABEL_IPV6_EXPLICIT_NULL);
}

/* A label we may put on the wire in place of the top one. */
static bool
out_label_ok(uint32_t label)
{
	return in_label_ok(label);
}

int
dp_open(const struct dp_params *p, struct dp **dp_r)
{
	const struct dp_ops *ops = backend_ops(p->backend);
	struct dp *dp;
	int rc;

	if (ops == NULL) {
		log_warnx("dp: backend %s is not built in",
		    dp_backend_name(p->backend));
		return -EOPNOTSUPP;
	}
	if (!instance_ok(p->instance)) {
		log_warnx("dp: bad instance name (1-%d of A-Za-z0-9_-)",
		    DP_INSTANCE_MAX - 1);
		return -EINVAL;
	}
	dp = calloc(1, sizeof(*dp));
	if (dp == NULL)
		return -ENOMEM;
	dp->ops = ops;
	rc = ops->open(p, &dp->state);
	if (rc < 0) {
		free(dp);
		return rc;
	}
	*dp_r = dp;
	return 0;
}

void
dp_close(struct dp *dp, enum dp_close_mode mode)
{
	if (dp == NULL)
		return;
	dp->ops->close(dp->state, mode);
	free(dp);
}

static int
unsupported(const struct dp *dp, const char *what)
{
	log_warnx("dp: the %s backend cannot %s", dp->ops->name, what);
	return -EOPNOTSUPP;
}

/* Call dp's op 'op' with the arguments after it, or say it has none. */
#define DP_CALL(dp, op, what, ...)					\
	((dp)->ops->op == NULL ? unsupported((dp), (what)) :		\
	    (dp)->ops->op((dp)->state, __VA_ARGS__))

int
dp_linecard_attach(struct dp *dp, uint32_t ifindex)
{
	if (ifindex == 0)
		return -EINVAL;
	return DP_CALL(dp, linecard_attach, "attach line cards", ifindex);
}

int
dp_linecard_detach(struct dp *dp, uint32_t ifindex)
{
	return DP_CALL(dp, linecard_detach, "detach line cards", ifindex);
}

int
dp_vif_attach(struct dp *dp, const struct dp_vif *v)
{
	if (v->vif_ifindex == 0 || v->out_ifindex == 0 ||
	    v->vif_ifindex == v->out_ifindex)
		return -EINVAL;
	return DP_CALL(dp, vif_attach, "attach vifs", v);
}

int
dp_vif_detach(struct dp *dp, uint32_t vif_ifindex)
{
	return DP_CALL(dp, vif_detach, "detach vifs", vif_ifindex);
}

int
dp_vif_counters(struct dp *dp, uint32_t vif_ifindex, struct dp_counters *c_r)
{
	return DP_CALL(dp, vif_counters, "count vif frames", vif_ifindex, c_r);
}

int
dp_ilm_set(struct dp *dp, const struct dp_ilm *e)
{
	if (!in_label_ok(e->in_label))
		return -EINVAL;
	switch (e->action) {
	case DP_ILM_ROUTELET:
		if (e->vif_ifindex == 0)
			return -EINVAL;
		break;
	case DP_ILM_SWAP:
		if (!out_label_ok(e->out_label))
			return -EINVAL;
		/* FALLTHROUGH */
	case DP_ILM_POP:
		if (e->out_ifindex == 0)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	return DP_CALL(dp, ilm_set, "set ILM entries", e);
}

int
dp_ilm_walk(struct dp *dp, dp_ilm_walk_cb cb, void *arg)
{
	return DP_CALL(dp, ilm_walk, "list ILM entries", cb, arg);
}

int
dp_ilm_del(struct dp *dp, uint32_t in_label)
{
	if (!in_label_ok(in_label))
		return -EINVAL;
	return DP_CALL(dp, ilm_del, "delete ILM entries", in_label);
}

int
dp_ilm_counters(struct dp *dp, uint32_t in_label, struct dp_counters *c_r)
{
	if (!in_label_ok(in_label))
		return -EINVAL;
	return DP_CALL(dp, ilm_counters, "count ILM entries", in_label, c_r);
}

int
dp_ftn_attach(struct dp *dp, uint32_t ifindex)
{
	if (ifindex == 0)
		return -EINVAL;
	return DP_CALL(dp, ftn_attach, "push labels (FTN)", ifindex);
}

int
dp_ftn_detach(struct dp *dp, uint32_t ifindex)
{
	return DP_CALL(dp, ftn_detach, "push labels (FTN)", ifindex);
}

static bool
ftn_ok(const struct dp_ftn *f)
{
	return f->plen <= 32 && f->port_min <= f->port_max;
}

int
dp_ftn_set(struct dp *dp, const struct dp_ftn *f)
{
	if (!ftn_ok(f) || f->label > MPLS_LABEL_MAX ||
	    mpls_label_is_reserved(f->label))
		return -EINVAL;
	return DP_CALL(dp, ftn_set, "push labels (FTN)", f);
}

int
dp_ftn_del(struct dp *dp, const struct dp_ftn *f)
{
	if (!ftn_ok(f))
		return -EINVAL;
	return DP_CALL(dp, ftn_del, "push labels (FTN)", f);
}

int
dp_ftn_counters(struct dp *dp, const struct dp_ftn *f,
    struct dp_counters *c_r)
{
	if (!ftn_ok(f))
		return -EINVAL;
	return DP_CALL(dp, ftn_counters, "push labels (FTN)", f, c_r);
}

int
dp_ftn_dscp_tc(struct dp *dp, uint8_t dscp, uint8_t tc)
{
	if (dscp >= 64 || tc >= 8)
		return -EINVAL;
	return DP_CALL(dp, ftn_dscp_tc, "map DSCP to TC", dscp, tc);
}

int
dp_reason_counters(struct dp *dp, uint64_t c_r[DP_R_MAX])
{
	return DP_CALL(dp, reason_counters, "count exceptions", c_r);
}
