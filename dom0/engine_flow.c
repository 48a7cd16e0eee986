/*
 * QoS flows from the engine's side (dom0/flows.h): the flow request of a
 * PSB with a reservation, and a flow the flows took down on their own
 * (preemption, a lost routelet).  The flow is keyed by our in label,
 * which the allocator gives one PSB at a time.
 */
#include <errno.h>
#include <string.h>

#include "dom0/engine_local.h"
#include "lib/log.h"

/* RSVP common header and object header sizes (RFC 2205 3.1). */
#define RAW_MSG_HDR	8
#define RAW_OBJ_HDR	4

/*
 * The body of the first object of class 'class_num' in the RSVP message
 * 'buf' ('len' bytes, decoded before it was kept), or NULL.
 */
static const uint8_t *
raw_object(const uint8_t *buf, size_t len, uint8_t class_num, size_t *blen_r)
{
	size_t off = RAW_MSG_HDR;

	while (buf != NULL && off + RAW_OBJ_HDR <= len) {
		size_t olen = ((size_t)buf[off] << 8) | buf[off + 1];

		if (olen < RAW_OBJ_HDR || off + olen > len)
			return NULL;
		if (buf[off + 2] == class_num) {
			*blen_r = olen - RAW_OBJ_HDR;
			return buf + off + RAW_OBJ_HDR;
		}
		off += olen;
	}
	return NULL;
}

/*
 * Ask the flows for the LSP of 'p' with the best-effort entry 'ilm' (its
 * labels and MACs).  Returns what env.flow_set returns.
 */
int
lsp_flow_set(struct engine *e, struct psb *p, const struct dp_ilm *ilm,
    struct flow_err *err_r)
{
	struct flow_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.key = p->in_label;
	req.session.endpoint = p->session->endpoint;
	req.session.tunnel_id = p->session->tunnel_id;
	req.session.ext_id = p->session->ext_id;
	req.session.sender = p->sender;
	req.session.lsp_id = p->lsp_id;
	memcpy(req.name, p->name, sizeof(req.name) - 1);
	req.in_label = p->in_label;
	req.out_label = ilm->action == DP_ILM_POP ?
	    FLOWS_OUT_LABEL_POP : ilm->out_label;
	req.out_ifindex = p->out_ifindex;
	memcpy(req.nexthop_mac, ilm->dst_mac, 6);
	memcpy(req.source_mac, ilm->src_mac, 6);
	req.setup_prio = p->setup_prio;
	req.hold_prio = p->hold_prio;
	req.sender_tspec = raw_object(p->path_in, p->path_in_len,
	    RSVP_CLASS_SENDER_TSPEC, &req.sender_tspec_len);
	if (p->rsb->flowspec.len > 0) {
		req.flowspec = p->rsb->flowspec.data;
		req.flowspec_len = p->rsb->flowspec.len;
	}
	r = e->env.flow_set(e->env.flow_arg, &req, err_r);
	if (r < 0) {
		log_info("engine: reservation of tunnel %u lsp %u (%s) "
		    "refused: %s (error %u/%u)", p->session->tunnel_id,
		    p->lsp_id, p->name, err_r->msg, err_r->code,
		    err_r->value);
		return -1;
	}
	if (r == 0) {
		/* The flow's ILM entry replaced a best-effort one. */
		p->dp_set = false;
		p->flow = true;
		p->refusal_sent = false;	/* a next refusal is news */
	}
	return r;
}

/* Take the flow of 'p' down, if it has one. */
void
lsp_flow_del(struct engine *e, struct psb *p)
{
	if (!p->flow)
		return;
	p->flow = false;
	if (e->env.flow_del(e->env.flow_arg, p->in_label) < 0)
		log_debug("engine: flow of label %u was gone already",
		    p->in_label);
}

/*
 * The flows refused the reservation of 'p' (new or changed) with 'err':
 * its sender hears it too, as in crankback (RFC 4920): a PathErr with
 * the refusal's ERROR_SPEC towards the previous hop, the path state kept
 * (no Path_State_Removed flag, RFC 3473 4.4), so that the ingress can
 * move the LSP to another path.  Only Admission Control Failures (code
 * 1, resources of this hop that another path may have).  One PathErr per
 * refused Resv, but the same error goes to the same sender at most once
 * per half of the receiver's refresh period R: a conforming receiver
 * refreshes no sooner than 0.5 R (RFC 2205 3.7), so each of its
 * refreshes is answered and a faster one is not relayed upstream.
 */
void
lsp_flow_refused(struct engine *e, struct psb *p, const struct flow_err *err)
{
	uint64_t now = engine_now(e);
	uint64_t hold;

	if (err->code != RSVP_ERR_ADMISSION)
		return;
	hold = (p->rsb != NULL ? p->rsb->refresh_ms : e->env.refresh_ms) / 2;
	if (p->refusal_sent && p->refusal_code == err->code &&
	    p->refusal_value == err->value && now < p->refusal_ms + hold) {
		log_debug("engine: tunnel %u lsp %u (%s): refusal %u/%u told "
		    "to the sender %llu ms ago, no PathErr",
		    p->session->tunnel_id, p->lsp_id, p->name, err->code,
		    err->value, (unsigned long long)(now - p->refusal_ms));
		return;
	}
	p->refusal_sent = true;
	p->refusal_code = err->code;
	p->refusal_value = err->value;
	p->refusal_ms = now;
	psb_send_patherr_state(e, p, err->code, err->value);
}

/* The PSB whose flow is keyed 'key', or NULL. */
static struct psb *
psb_of_flow(struct engine *e, uint64_t key)
{
	struct session *s;
	struct psb *p;

	TAILQ_FOREACH(s, &e->sessions, entry)
		TAILQ_FOREACH(p, &s->psbs, entry)
			if (p->flow && p->has_in_label && p->in_label == key)
				return p;
	return NULL;
}

/* The flows took the flow 'key' down: reservation down, both ends told. */
void
engine_flow_gone(struct engine *e, uint64_t key, uint8_t code,
    uint16_t value)
{
	struct psb *p = psb_of_flow(e, key);

	if (p == NULL || p->rsb == NULL)
		return;
	p->flow = false;	/* nothing left to delete */
	engine_count(e, ENGINE_C_FLOW_GONE);
	log_info("engine: flow of tunnel %u lsp %u (%s) taken down: error "
	    "%u/%u", p->session->tunnel_id, p->lsp_id, p->name, code, value);
	rsb_send_resverr_state(e, p, code, value);
	psb_send_patherr_state(e, p, code, value);
	rsb_delete(e, p, true);
	engine_timer_resched(e);
}

/* engine_flow_gone() for flows_conf.gone. */
void
engine_flow_gone_cb(void *engine, uint64_t key, uint8_t code, uint16_t value)
{
	engine_flow_gone(engine, key, code, value);
}

/* Leave every flow to run on: nothing of them is deleted afterwards. */
void
engine_flows_forget(struct engine *e)
{
	struct session *s;
	struct psb *p;

	TAILQ_FOREACH(s, &e->sessions, entry)
		TAILQ_FOREACH(p, &s->psbs, entry)
			p->flow = false;
}

/*
 * Our label for 'p': the one its running flow kept across a restart
 * (env.flow_label), else a new one.  0 or a negative errno.
 */
int
lsp_label_take(struct engine *e, struct psb *p)
{
	struct flow_session fs;
	uint32_t label;

	if (e->env.flow_label != NULL) {
		memset(&fs, 0, sizeof(fs));
		fs.endpoint = p->session->endpoint;
		fs.tunnel_id = p->session->tunnel_id;
		fs.ext_id = p->session->ext_id;
		fs.sender = p->sender;
		fs.lsp_id = p->lsp_id;
		if (e->env.flow_label(e->env.flow_arg, &fs, &label) == 0 &&
		    labels_state(e->env.labels, label, engine_now(e)) ==
		    LABEL_USED) {
			p->in_label = label;
			return 0;
		}
	}
	return labels_alloc(e->env.labels, engine_now(e), &p->in_label);
}
