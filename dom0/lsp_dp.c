/*
 * Best-effort LSPs in dom0's own data plane (demux/dp.h): once a sender's
 * downstream label is known and ours is allocated, our label swaps to the
 * downstream one (or pops, when downstream asked for implicit null: the
 * penultimate hop, RFC 3032 2.1) towards the next hop's MAC.  With
 * flow ops in the env (a routelet backend), reservations that ask for
 * Controlled-Load or Guaranteed service become QoS flows instead
 * (engine_flow.c, dom0/flows.h).
 */
#include <errno.h>
#include <string.h>

#include "dom0/engine_local.h"
#include "lib/log.h"

static const char *const state_names[] = {
	[LSP_WAIT_RESV] = "wait-resv",
	[LSP_WAIT_NEIGH] = "wait-neighbor",
	[LSP_UP] = "up",
	[LSP_EGRESS] = "egress",
	[LSP_DP_FAILED] = "dataplane-failed",
};

/* The name of 's' for lsp list ("up", "wait-resv", ...). */
const char *
lsp_state_name(enum lsp_state s)
{
	if ((unsigned)s >= sizeof(state_names) / sizeof(state_names[0]))
		return "?";
	return state_names[s];
}

/*
 * Program the LSP of 'p' (which has a reservation and our label): a QoS
 * flow through env.flow_set when there is one and the FLOWSPEC asks for
 * it, else a best-effort ILM entry.  Sets p->state: LSP_UP, LSP_WAIT_NEIGH
 * (asks again in a second) or LSP_DP_FAILED.  Returns 0, or -1 when the
 * flows refused the reservation, with the ERROR_SPEC in '*err_r': a new
 * flow leaves nothing programmed (p->state LSP_WAIT_RESV); a changed one
 * keeps its old reservation (LSP_UP).
 */
int
lsp_program(struct engine *e, struct psb *p, struct flow_err *err_r)
{
	struct dp_ilm ilm;
	int r;

	memset(&ilm, 0, sizeof(ilm));
	ilm.in_label = p->in_label;
	ilm.out_ifindex = p->out_ifindex;
	if (p->rsb->label == ENGINE_LABEL_IMPLICIT_NULL) {
		ilm.action = DP_ILM_POP;
	} else {
		ilm.action = DP_ILM_SWAP;
		ilm.out_label = p->rsb->label;
	}
	r = e->env.neigh_mac(e->env.arg, p->out_ifindex, p->rsb->nhop,
	    ilm.dst_mac);
	if (r == -EAGAIN) {
		engine_count(e, ENGINE_C_NEIGH_WAIT);
		lsp_unprogram(e, p);	/* an old entry points elsewhere */
		p->state = LSP_WAIT_NEIGH;
		etimer_arm(e, &p->neigh_retry, engine_now(e) +
		    ENGINE_NEIGH_RETRY_MS);
		return 0;
	}
	if (r == 0)
		r = e->env.if_mac(e->env.arg, p->out_ifindex, ilm.src_mac);
	if (r == 0 && e->env.flow_set != NULL) {
		r = lsp_flow_set(e, p, &ilm, err_r);
		if (r < 0) {
			if (p->flow && !err_r->was_removed)
				return -1;	/* a change refused */
			p->flow = false;	/* nothing of it is left */
			lsp_unprogram(e, p);
			return -1;
		}
		if (r == 0) {
			etimer_stop(e, &p->neigh_retry);
			p->state = LSP_UP;
			return 0;
		}
		lsp_flow_del(e, p);	/* best effort now */
		r = 0;
	}
	if (r == 0)
		r = e->env.ilm_set(e->env.dp_arg, &ilm);
	if (r < 0) {
		engine_count(e, ENGINE_C_DP);
		log_warnx("engine: label %u of tunnel %u lsp %u (%s): %s",
		    p->in_label, p->session->tunnel_id, p->lsp_id, p->name,
		    strerror(-r));
		lsp_unprogram(e, p);
		p->state = LSP_DP_FAILED;
		return 0;
	}
	etimer_stop(e, &p->neigh_retry);
	p->dp_set = true;
	p->state = LSP_UP;
	return 0;
}

/* Remove the ILM entry of 'p' if it has one. */
void
lsp_unprogram(struct engine *e, struct psb *p)
{
	int r;

	etimer_stop(e, &p->neigh_retry);
	if (p->state == LSP_UP || p->state == LSP_WAIT_NEIGH ||
	    p->state == LSP_DP_FAILED)
		p->state = LSP_WAIT_RESV;
	lsp_flow_del(e, p);
	if (!p->dp_set)
		return;
	p->dp_set = false;
	r = e->env.ilm_del(e->env.dp_arg, p->in_label);
	if (r < 0 && r != -ENOENT) {
		engine_count(e, ENGINE_C_DP);
		log_warnx("engine: remove label %u: %s", p->in_label,
		    strerror(-r));
	}
}

/* Give our label of 'p' back to the allocator (held down there). */
void
lsp_release_label(struct engine *e, struct psb *p)
{
	if (!p->has_in_label)
		return;
	/* The egress's implicit null was never allocated. */
	if (p->in_label >= LABELS_MIN)
		(void)labels_free(e->env.labels, p->in_label, engine_now(e));
	p->has_in_label = false;
}
