/*
 * A flow whose routelet died: re-homed make-before-break (docs/flowops.md).
 * The new routelet is assigned with the dead one's caps and config
 * (pool_replace) and its vif attached towards the flow's line card in the
 * flow's class before the ILM entry flips to it; only then is the old vif
 * detached and the dead routelet released.  Frames of the flow therefore
 * always take one routelet: none is reordered (seed 004).  When no idle
 * routelet is left, or a step fails, the flow is taken down with the
 * ERROR_SPEC a refusal of that kind carries, and its ends are told.
 */
#include <errno.h>
#include <string.h>

#include "dom0/flows_local.h"
#include "lib/log.h"

/* Give up on 'f': take it down and tell the engine why. */
static void
rehome_fail(struct flows *flows, struct flow *f, const char *what, int rc)
{
	uint16_t value = rc == -EAGAIN ? ADM_AC_POOL : FLOWS_AC_DATAPLANE;

	log_warnx("flows: label %u (%s): re-homing failed: %s: %s; flow taken "
	    "down", f->in_label, f->name, what, rc == -EAGAIN ?
	    "no idle routelet" : strerror(-rc));
	flows->st.failed++;
	flow_remove(flows, f, false, ADM_RSVP_ERR_ADMISSION, value);
}

/* Move 'f', whose routelet f->rl died, to another routelet. */
void
flows_rehome(struct flows *flows, struct flow *f)
{
	struct pool *pool = flows->conf.pool;
	struct pool_rl *old = f->rl, *rl;
	struct pool_rl_info oi, ni;
	unsigned old_vif = f->vif_ifindex, vif;
	int rc;

	pool_rl_info(old, &oi);
	/* 1. A new routelet with the old one's caps and config. */
	if ((rc = pool_replace(pool, old, &rl)) < 0) {
		rehome_fail(flows, f, "routelet", rc);
		return;
	}
	/* 2. Its returning frames go out of the flow's line card, class. */
	if ((rc = flow_vif_attach(flows, f, rl, &vif)) < 0) {
		pool_release(pool, rl);
		rehome_fail(flows, f, "vif", rc);
		return;
	}
	/* 3. The flip: from now on the flow's frames go to the new one. */
	if ((rc = flow_ilm_steer(flows, f, vif)) < 0) {
		if (flows->plane->vif_detach(flows->plane_arg, vif) < 0)
			log_warnx("flows: label %u: detach vif %u failed",
			    f->in_label, vif);
		pool_release(pool, rl);
		rehome_fail(flows, f, "ILM entry", rc);
		return;
	}
	f->rl = rl;
	f->vif_ifindex = vif;
	/* 4. Break: the old vif (gone already with its routelet, or not). */
	if (old_vif != 0 && old_vif != vif &&
	    (rc = flows->plane->vif_detach(flows->plane_arg, old_vif)) < 0 &&
	    rc != -ENOENT && rc != -ENODEV)
		log_warnx("flows: label %u: detach old vif %u: %s",
		    f->in_label, old_vif, strerror(-rc));
	pool_release(pool, old);
	flows->st.rehomed++;
	pool_rl_info(rl, &ni);
	log_info("flows: label %u (%s) re-homed from routelet %u to %u "
	    "(vif %u)", f->in_label, f->name, oi.id, ni.id, vif);
}
