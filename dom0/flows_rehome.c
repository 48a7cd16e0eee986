/*
 * A flow whose routelet died.  This is the placeholder until flowops'
 * make-before-break re-homing replaces this file (docs/flows.md): the
 * flow is taken down and its ends told (code 1, FLOWS_AC_DATAPLANE); the
 * receiver's next Resv refresh builds it again on an idle routelet.
 */
#include "dom0/flows_local.h"
#include "lib/log.h"

/* Take 'f', whose routelet died, down. */
void
flows_rehome(struct flows *flows, struct flow *f)
{
	log_warnx("flows: label %u (%s): routelet died, flow taken down "
	    "(no re-homing in this build)", f->in_label, f->name);
	flow_remove(flows, f, false, ADM_RSVP_ERR_ADMISSION,
	    FLOWS_AC_DATAPLANE);
}
