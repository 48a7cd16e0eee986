/*
 * QoS flows: admission -> routelet -> HTB class -> vif -> ILM entry, and
 * back (dom0/flows.h, docs/flows.md).  Each flow records which steps are
 * done, so that one function (flow_undo) takes down any partly built or
 * complete flow in the reverse order.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/flows_local.h"
#include "dom0/flows_state.h"
#include "lib/log.h"
#include "routelet/config.h"

static void
ferr(struct flow_err *err, uint8_t code, uint16_t value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Fill 'err' with 'code'/'value' and a message. */
static void
ferr(struct flow_err *err, uint8_t code, uint16_t value, const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	err->value = value;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* Make the flows over 'conf'. */
int
flows_init(const struct flows_conf *conf, struct flows **flows_r, char *err,
    size_t errlen)
{
	struct adm_capacity cap;
	struct flows *flows;
	unsigned i;

	*flows_r = NULL;
	if (conf->n_links == 0 || conf->n_links > ADM_MAX_LINKS ||
	    conf->pool == NULL || conf->plane == NULL) {
		snprintf(err, errlen, "flows: no line card, pool or data plane");
		return -EINVAL;
	}
	if ((flows = calloc(1, sizeof(*flows))) == NULL) {
		snprintf(err, errlen, "flows: out of memory");
		return -ENOMEM;
	}
	flows->conf = *conf;
	TAILQ_INIT(&flows->list);
	flows->plane = conf->plane;
	flows->plane_arg = conf->plane_arg;
	memset(&cap, 0, sizeof(cap));
	cap.n_links = flows->conf.n_links;
	for (i = 0; i < cap.n_links; i++) {
		cap.link[i].rate = flows->conf.links[i].rate;
		cap.link[i].reservable = flows->conf.links[i].reservable;
		cap.link[i].mtu = flows->conf.links[i].mtu;
	}
	cap.cores = conf->cores;
	cap.dom0_reserve = conf->dom0_reserve;
	cap.mem_budget = conf->mem_budget;
	cap.pool_size = conf->pool_size;
	if (adm_init(&flows->adm, &cap, &conf->params) < 0) {
		snprintf(err, errlen, "flows: bad capacity (a reservable "
		    "fraction outside 0..1?)");
		free(flows);
		return -EINVAL;
	}
	*flows_r = flows;
	return 0;
}

/* The flow 'key', or NULL. */
struct flow *
flows_find(const struct flows *flows, uint64_t key)
{
	struct flow *f;

	TAILQ_FOREACH(f, &flows->list, entry)
		if (f->key == key)
			return f;
	return NULL;
}

/* Is 'key' a flow? */
bool
flows_has(const struct flows *flows, uint64_t key)
{
	return flows_find(flows, key) != NULL;
}

/* The index of line card 'ifindex', or -1. */
int
flows_link_index(const struct flows *flows, unsigned ifindex)
{
	unsigned i;

	for (i = 0; i < flows->conf.n_links; i++)
		if (flows->conf.links[i].ifindex == ifindex)
			return (int)i;
	return -1;
}

/* A float of the TSpec as the policer's integer, at least 'min'. */
static uint64_t
tspec_u64(float v, uint64_t min, uint64_t max)
{
	if (!(v >= (float)min))
		return min;
	if (isinf(v) || v >= (float)max)
		return max;
	return (uint64_t)v;
}

/* The routelet's name of 'f': routelet/config.h allows [A-Za-z0-9._-]. */
static void
flow_rl_name(const struct flow *f, char *buf, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; f->name[i] != '\0' && n + 1 < cap; i++) {
		char c = f->name[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
			buf[n++] = c;
		else
			buf[n++] = '-';
	}
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, cap, "flow-%u", f->in_label);
}

/* The routelet config text of 'f' with a new generation. */
int
flow_config_text(struct flows *flows, struct flow *f, char *buf, size_t cap)
{
	struct rl_config c;
	const struct is_tspec *t = &f->fs.tspec;

	memset(&c, 0, sizeof(c));
	c.generation = ++flows->generation;
	c.flow_id = f->in_label;
	flow_rl_name(f, c.name, sizeof(c.name));
	c.in_label = f->in_label;
	c.out_label = f->out_label;
	memcpy(c.nexthop_mac, f->nexthop_mac, 6);
	memcpy(c.source_mac, f->source_mac, 6);
	c.tspec.rate = tspec_u64(t->rate, 1, POLICER_RATE_MAX);
	c.tspec.bucket = tspec_u64(t->bucket, 1, POLICER_BUCKET_MAX);
	c.tspec.peak = isinf(t->peak) ? POLICER_RATE_INF :
	    tspec_u64(t->peak, 1, POLICER_RATE_MAX);
	c.tspec.min_unit = t->min_unit > UINT16_MAX ? UINT16_MAX : t->min_unit;
	c.tspec.max_size = t->max_size > UINT16_MAX ? UINT16_MAX :
	    (t->max_size == 0 ? 1 : t->max_size);
	f->generation = c.generation;
	return rl_config_format(&c, buf, cap);
}

/* The caps of 'f' from what admission computed. */
void
flow_caps(const struct flow *f, struct pool_caps *caps_r)
{
	memset(caps_r, 0, sizeof(*caps_r));
	caps_r->cpu_period_us = f->need.cpu_period_us;
	caps_r->cpu_quota_us = f->need.cpu_quota_us > UINT32_MAX ?
	    UINT32_MAX : (uint32_t)f->need.cpu_quota_us;
	caps_r->mem_bytes = f->need.mem;
}

/* Attach the vif of 'rl' towards f's line card, in f's class. */
int
flow_vif_attach(struct flows *flows, const struct flow *f, struct pool_rl *rl,
    unsigned *vif_r)
{
	struct pool_rl_info info;
	struct dp_vif v;
	int rc;

	*vif_r = 0;
	pool_rl_info(rl, &info);
	if (info.ifindex == 0)
		return -ENODEV;
	memset(&v, 0, sizeof(v));
	v.vif_ifindex = info.ifindex;
	v.out_ifindex = f->out_ifindex;
	v.priority = f->classid;
	rc = flows->plane->vif_attach(flows->plane_arg, &v);
	if (rc < 0)
		return rc;
	*vif_r = info.ifindex;
	return 0;
}

/* Steer f's in label to 'vif'. */
int
flow_ilm_steer(struct flows *flows, struct flow *f, unsigned vif)
{
	struct dp_ilm e;
	int rc;

	memset(&e, 0, sizeof(e));
	e.in_label = f->in_label;
	e.action = DP_ILM_ROUTELET;
	e.vif_ifindex = vif;
	rc = flows->plane->ilm_set(flows->plane_arg, &e);
	if (rc == 0)
		f->ilm_set = true;
	return rc;
}

/*
 * Take down whatever of 'f' is built, in the reverse order: the ILM entry
 * first (its frames stop before their routelet goes), the vif, the class,
 * the routelet.  Failures are logged: the next step goes on regardless.
 */
static void
flow_undo(struct flows *flows, struct flow *f)
{
	int rc;

	if (f->ilm_set) {
		rc = flows->plane->ilm_del(flows->plane_arg, f->in_label);
		if (rc < 0 && rc != -ENOENT)
			log_warnx("flows: label %u: remove ILM entry: %s",
			    f->in_label, strerror(-rc));
		f->ilm_set = false;
	}
	if (f->vif_ifindex != 0) {
		rc = flows->plane->vif_detach(flows->plane_arg,
		    f->vif_ifindex);
		if (rc < 0 && rc != -ENOENT && rc != -ENODEV)
			log_warnx("flows: label %u: detach vif %u: %s",
			    f->in_label, f->vif_ifindex, strerror(-rc));
		f->vif_ifindex = 0;
	}
	if (f->classid != 0) {
		rc = flows->plane->class_del(flows->plane_arg, f->link,
		    f->classid);
		if (rc < 0)
			log_warnx("flows: label %u: remove class %x: %s",
			    f->in_label, f->classid, strerror(-rc));
		f->classid = 0;
	}
	if (f->rl != NULL) {
		pool_release(flows->conf.pool, f->rl);
		f->rl = NULL;
	}
}

/* Take 'f' down, free it and tell the engine. */
void
flow_remove(struct flows *flows, struct flow *f, bool adm_released,
    uint8_t code, uint16_t value)
{
	uint64_t key = f->key;

	flow_undo(flows, f);
	if (!adm_released)
		(void)adm_release(&flows->adm, key);
	TAILQ_REMOVE(&flows->list, f, entry);
	flows->n--;
	free(f);
	if (flows->conf.gone != NULL)
		flows->conf.gone(flows->conf.gone_arg, key, code, value);
}

/* The pool's death callback: re-home the flow of 'rl'. */
void
flow_rl_dead(void *owner, struct pool_rl *rl)
{
	struct flow *f = owner;

	if (f->rl != rl)	/* an old routelet of a re-homed flow */
		return;
	log_warnx("flows: routelet of label %u (%s) died", f->in_label,
	    f->name);
	flows_rehome(f->flows, f);
}

/* Preempted flows: gone from admission already, now from the box. */
static void
flows_drop_victims(struct flows *flows, struct adm_victims *v)
{
	struct flow *f;
	size_t i;

	for (i = 0; i < v->n; i++) {
		if ((f = flows_find(flows, v->key[i])) == NULL)
			continue;
		log_info("flows: label %u (%s) preempted", f->in_label,
		    f->name);
		flows->st.preempted++;
		flow_remove(flows, f, true, ADM_RSVP_ERR_POLICY,
		    ADM_POLICY_PREEMPTED);
	}
	adm_victims_dispose(v);
}

/* Admission's refusal 'reason' into 'err'. */
static void
flows_refused(struct flows *flows, const struct flow_req *req,
    enum adm_reason reason, struct flow_err *err)
{
	uint8_t code;
	uint16_t value;

	flows->st.refused++;
	if (adm_errspec(reason, &code, &value) < 0) {
		code = ADM_RSVP_ERR_ADMISSION;
		value = FLOWS_AC_DATAPLANE;
	}
	ferr(err, code, value, "label %u: admission: %s", req->in_label,
	    adm_reason_str(reason));
}

/* Decode the IntServ bodies of 'req' into 'f'; 0, FLOWS_BEST_EFFORT, -1. */
static int
flow_decode(const struct flow_req *req, struct flow *f, struct flow_err *err)
{
	struct is_err ie;

	if (req->flowspec == NULL || req->flowspec_len == 0)
		return FLOWS_BEST_EFFORT;
	if (is_flowspec_decode(req->flowspec, req->flowspec_len, &f->fs,
	    &ie) < 0) {
		ferr(err, 21, ie.tc_value != 0 ? ie.tc_value :
		    IS_TC_BAD_FLOWSPEC, "label %u: FLOWSPEC: %s",
		    req->in_label, is_reason_str(ie.reason));
		return -1;
	}
	if (f->fs.service != IS_SVC_CONTROLLED_LOAD &&
	    f->fs.service != IS_SVC_GUARANTEED)
		return FLOWS_BEST_EFFORT;
	f->has_sender = false;
	if (req->sender_tspec != NULL && req->sender_tspec_len > 0) {
		if (is_sender_tspec_decode(req->sender_tspec,
		    req->sender_tspec_len, &f->sender, &ie) < 0) {
			ferr(err, 21, ie.tc_value != 0 ? ie.tc_value :
			    IS_TC_BAD_TSPEC, "label %u: SENDER_TSPEC: %s",
			    req->in_label, is_reason_str(ie.reason));
			return -1;
		}
		f->has_sender = true;
	}
	return 0;
}

/* Copy what the engine says of the LSP into 'f'. */
static void
flow_from_req(struct flow *f, const struct flow_req *req, unsigned link)
{
	f->key = req->key;
	f->session = req->session;
	memcpy(f->name, req->name, sizeof(f->name));
	f->name[sizeof(f->name) - 1] = '\0';
	f->setup_prio = req->setup_prio;
	f->hold_prio = req->hold_prio;
	f->in_label = req->in_label;
	f->out_label = req->out_label;
	f->out_ifindex = req->out_ifindex;
	f->link = link;
	memcpy(f->nexthop_mac, req->nexthop_mac, 6);
	memcpy(f->source_mac, req->source_mac, 6);
}

static void
flow_adm_request(const struct flow *f, struct adm_request *ar)
{
	memset(ar, 0, sizeof(*ar));
	ar->key = f->key;
	ar->link = f->link;
	ar->setup_prio = f->setup_prio;
	ar->hold_prio = f->hold_prio;
	ar->sender = f->has_sender ? &f->sender : NULL;
	ar->flowspec = &f->fs;
}

/* The class burst of 'f': its bucket b, as bytes. */
static uint32_t
flow_burst(const struct flow *f)
{
	return (uint32_t)tspec_u64(f->fs.tspec.bucket, 1, UINT32_MAX);
}

/* A data-plane error 'rc' of step 'what' into 'err'. */
static void
flows_failed(struct flows *flows, const struct flow *f, const char *what,
    int rc, struct flow_err *err)
{
	uint16_t value = FLOWS_AC_DATAPLANE;

	flows->st.failed++;
	if (rc == -EAGAIN)
		value = ADM_AC_POOL;		/* no idle routelet */
	else if (rc == -ENOSPC)
		value = ADM_AC_BANDWIDTH;	/* HTB: best effort too small */
	ferr(err, ADM_RSVP_ERR_ADMISSION, value, "label %u: %s: %s",
	    f->in_label, what, rc == -EAGAIN ? "no idle routelet" :
	    strerror(-rc));
}

/* Build the new flow 'f' (admitted already); -1 with 'err' on failure. */
static int
flow_build(struct flows *flows, struct flow *f, struct flow_err *err)
{
	char text[RL_CONFIG_TEXT_MAX];
	struct pool_caps caps;
	unsigned vif;
	int len, rc;

	if ((len = flow_config_text(flows, f, text, sizeof(text))) < 0) {
		rc = -EOVERFLOW;
		flows_failed(flows, f, "routelet config", rc, err);
		return -1;
	}
	flow_caps(f, &caps);
	rc = pool_assign(flows->conf.pool, &caps, text, (size_t)len,
	    flow_rl_dead, f, &f->rl);
	if (rc < 0) {
		flows_failed(flows, f, "routelet", rc, err);
		goto out;
	}
	rc = flows->plane->class_add(flows->plane_arg, f->link, f->need.bw,
	    flow_burst(f), &f->classid);
	if (rc < 0) {
		f->classid = 0;
		flows_failed(flows, f, "egress class", rc, err);
		goto out;
	}
	rc = flow_vif_attach(flows, f, f->rl, &vif);
	if (rc < 0) {
		flows_failed(flows, f, "vif", rc, err);
		goto out;
	}
	f->vif_ifindex = vif;
	rc = flow_ilm_steer(flows, f, vif);
	if (rc < 0) {
		flows_failed(flows, f, "ILM entry", rc, err);
		goto out;
	}
	return 0;
out:
	flow_undo(flows, f);
	return -1;
}

/* A new flow for 'req' on line card 'link'. */
static int
flows_add(struct flows *flows, const struct flow_req *req, unsigned link,
    struct flow *f, struct flow_err *err)
{
	struct adm_victims victims = { 0, NULL };
	struct adm_request ar;
	const struct adm_flow *af;
	enum adm_reason reason;

	flow_from_req(f, req, link);
	f->flows = flows;
	flow_adm_request(f, &ar);
	reason = adm_admit(&flows->adm, &ar, &victims);
	if (reason != ADM_OK) {
		flows_refused(flows, req, reason, err);
		return -1;
	}
	af = adm_flow_find(&flows->adm, f->key);
	f->need = af->need;
	/* The victims' routelets and classes make room for this one. */
	flows_drop_victims(flows, &victims);
	if (flow_build(flows, f, err) < 0) {
		(void)adm_release(&flows->adm, f->key);
		return -1;
	}
	TAILQ_INSERT_TAIL(&flows->list, f, entry);
	flows->n++;
	flows->st.admitted++;
	log_info("flows: label %u (%s) -> vif %u, class %x, %.0f B/s, "
	    "cpu %llu/%u us, mem %llu", f->in_label, f->name, f->vif_ifindex,
	    f->classid, f->need.bw, (unsigned long long)f->need.cpu_quota_us,
	    f->need.cpu_period_us, (unsigned long long)f->need.mem);
	return 0;
}

/* Does the routelet of 'f' need its config or caps sent again for 'n'? */
static bool
flow_differs(const struct flow *f, const struct flow *n)
{
	return memcmp(&f->fs, &n->fs, sizeof(f->fs)) != 0 ||
	    f->out_label != n->out_label ||
	    memcmp(f->nexthop_mac, n->nexthop_mac, 6) != 0 ||
	    memcmp(f->source_mac, n->source_mac, 6) != 0 ||
	    f->setup_prio != n->setup_prio || f->hold_prio != n->hold_prio ||
	    f->has_sender != n->has_sender ||
	    (f->has_sender && memcmp(&f->sender, &n->sender,
	    sizeof(f->sender)) != 0);
}

/*
 * Change the flow 'f' to 'n' (same key and line card): re-admit, re-cap
 * and reconfigure its routelet, change its class; the ILM entry and the
 * vif stay, so its frames keep flowing.  On failure 'f' is as it was.
 */
static int
flows_change(struct flows *flows, struct flow *f, struct flow *n,
    struct flow_err *err)
{
	struct adm_victims victims = { 0, NULL };
	char text[RL_CONFIG_TEXT_MAX];
	struct pool_caps caps, old_caps;
	struct adm_request ar;
	enum adm_reason reason;
	int len, rc;

	flow_adm_request(n, &ar);
	reason = adm_change(&flows->adm, &ar, &victims);
	if (reason != ADM_OK) {
		struct flow_req r = { .in_label = f->in_label };

		flows_refused(flows, &r, reason, err);
		return -1;
	}
	n->need = adm_flow_find(&flows->adm, f->key)->need;
	flows_drop_victims(flows, &victims);
	/* The change may have preempted nothing but 'f' is still ours. */
	n->classid = f->classid;
	if ((len = flow_config_text(flows, n, text, sizeof(text))) < 0) {
		rc = -EOVERFLOW;
		flows_failed(flows, f, "routelet config", rc, err);
		goto undo_adm;
	}
	flow_caps(n, &caps);
	rc = pool_reconfigure(flows->conf.pool, f->rl, &caps, text,
	    (size_t)len);
	if (rc < 0) {
		flows_failed(flows, f, "routelet reconfigure", rc, err);
		goto undo_adm;
	}
	rc = flows->plane->class_change(flows->plane_arg, f->link, f->classid,
	    n->need.bw, flow_burst(n));
	if (rc < 0) {
		flows_failed(flows, f, "egress class", rc, err);
		goto undo_rl;
	}
	f->fs = n->fs;
	f->has_sender = n->has_sender;
	f->sender = n->sender;
	f->need = n->need;
	f->out_label = n->out_label;
	memcpy(f->nexthop_mac, n->nexthop_mac, 6);
	memcpy(f->source_mac, n->source_mac, 6);
	f->setup_prio = n->setup_prio;
	f->hold_prio = n->hold_prio;
	f->generation = n->generation;
	flows->st.changed++;
	log_info("flows: label %u (%s) changed: %.0f B/s, cpu %llu/%u us, "
	    "mem %llu", f->in_label, f->name, f->need.bw,
	    (unsigned long long)f->need.cpu_quota_us, f->need.cpu_period_us,
	    (unsigned long long)f->need.mem);
	return 0;
undo_rl:
	flow_caps(f, &old_caps);
	if ((len = flow_config_text(flows, f, text, sizeof(text))) < 0 ||
	    pool_reconfigure(flows->conf.pool, f->rl, &old_caps, text,
	    (size_t)len) < 0)
		log_warnx("flows: label %u: old config not restored",
		    f->in_label);
undo_adm:
	flow_adm_request(f, &ar);
	if (adm_change(&flows->adm, &ar, &victims) != ADM_OK)
		log_warnx("flows: label %u: old reservation not restored",
		    f->in_label);
	adm_victims_dispose(&victims);
	return -1;
}

/* Build or change the flow 'req'. */
int
flows_set(struct flows *flows, const struct flow_req *req,
    struct flow_err *err_r)
{
	struct flow *f, *n;
	bool moved = false;
	int link, rc;

	memset(err_r, 0, sizeof(*err_r));
	if ((n = calloc(1, sizeof(*n))) == NULL) {
		ferr(err_r, ADM_RSVP_ERR_ADMISSION, ADM_AC_MEMORY,
		    "label %u: out of memory", req->in_label);
		return -1;
	}
	if ((rc = flow_decode(req, n, err_r)) != 0) {
		if (rc < 0)
			flows->st.refused++;
		goto out;
	}
	if ((link = flows_link_index(flows, req->out_ifindex)) < 0) {
		ferr(err_r, ADM_RSVP_ERR_ADMISSION, FLOWS_AC_DATAPLANE,
		    "label %u: out interface %u is not a line card",
		    req->in_label, req->out_ifindex);
		flows->st.failed++;
		rc = -1;
		goto out;
	}
	/* After a restart, the running flow of this LSP (flows_state.h). */
	if ((f = flows_find(flows, req->key)) == NULL)
		f = flows_state_claim(flows, req);
	if (f != NULL && (unsigned)link != f->link) {
		/* A route change to another line card: a new class there. */
		(void)flows_del(flows, f->key);
		f = NULL;
		moved = true;
	}
	if (f == NULL) {
		rc = flows_add(flows, req, (unsigned)link, n, err_r);
		if (rc == 0)
			return 0;
		err_r->was_removed = moved;
		goto out;
	}
	flow_from_req(n, req, (unsigned)link);
	rc = flow_differs(f, n) ? flows_change(flows, f, n, err_r) : 0;
out:
	free(n);
	return rc;
}

/* Take the flow 'key' down. */
int
flows_del(struct flows *flows, uint64_t key)
{
	struct flow *f = flows_find(flows, key);

	if (f == NULL)
		return -ENOENT;
	flow_undo(flows, f);
	(void)adm_release(&flows->adm, key);
	TAILQ_REMOVE(&flows->list, f, entry);
	flows->n--;
	flows->st.removed++;
	log_info("flows: label %u (%s) removed", f->in_label, f->name);
	free(f);
	return 0;
}

/* Every flow down, then free. */
void
flows_free(struct flows *flows)
{
	struct flow *f;

	if (flows == NULL)
		return;
	while ((f = TAILQ_FIRST(&flows->list)) != NULL) {
		flow_undo(flows, f);
		TAILQ_REMOVE(&flows->list, f, entry);
		free(f);
	}
	adm_dispose(&flows->adm);
	free(flows);
}

static void
flow_info_fill(struct flows *flows, const struct flow *f,
    struct flow_info *info)
{
	struct pool_rl_info ri;

	memset(info, 0, sizeof(*info));
	info->key = f->key;
	info->session = f->session;
	memcpy(info->name, f->name, sizeof(info->name));
	info->service = f->fs.service;
	info->rate = f->need.bw;
	info->flowspec = f->fs;
	info->has_sender = f->has_sender;
	info->sender = f->sender;
	info->need = f->need;
	info->setup_prio = f->setup_prio;
	info->hold_prio = f->hold_prio;
	info->in_label = f->in_label;
	info->out_label = f->out_label;
	info->out_ifindex = f->out_ifindex;
	info->rl = f->rl;
	if (f->rl != NULL) {
		pool_rl_info(f->rl, &ri);
		info->rl_id = ri.id;
	}
	info->vif_ifindex = f->vif_ifindex;
	info->classid = f->classid;
	if (f->ilm_set && flows->plane->ilm_counters != NULL &&
	    flows->plane->ilm_counters(flows->plane_arg, f->in_label,
	    &info->ilm) == 0)
		info->has_ilm_counters = true;
}

/* Facts of the flow 'key'. */
int
flows_get(struct flows *flows, uint64_t key, struct flow_info *info_r)
{
	struct flow *f = flows_find(flows, key);

	if (f == NULL)
		return -ENOENT;
	flow_info_fill(flows, f, info_r);
	return 0;
}

/* cb(arg, info) for each flow, oldest first. */
void
flows_walk(struct flows *flows,
    void (*cb)(void *arg, const struct flow_info *info), void *arg)
{
	struct flow_info info;
	struct flow *f;

	TAILQ_FOREACH(f, &flows->list, entry) {
		flow_info_fill(flows, f, &info);
		cb(arg, &info);
	}
}

/* The pool of the flows. */
struct pool *
flows_pool(struct flows *flows)
{
	return flows->conf.pool;
}

/* Counters and usage. */
void
flows_stats(const struct flows *flows, struct flows_stats *s_r)
{
	*s_r = flows->st;
	s_r->n_flows = flows->n;
	s_r->used = flows->adm.used;
}
