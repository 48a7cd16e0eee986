/*
 * The flows' real data plane: the ILM entries and vifs of demux/dp.h on
 * quasard's struct dp, and one HTB tree (demux/egress_htb.h) per line
 * card for the flows' classes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demux/egress_htb.h"
#include "dom0/flows.h"
#include "lib/log.h"

struct flows_plane {
	struct dp	*dp;
	unsigned	n;
	struct egress	*eg[ADM_MAX_LINKS];
};

static int
plane_ilm_set(void *arg, const struct dp_ilm *e)
{
	struct flows_plane *p = arg;

	return dp_ilm_set(p->dp, e);
}

static int
plane_ilm_del(void *arg, uint32_t in_label)
{
	struct flows_plane *p = arg;

	return dp_ilm_del(p->dp, in_label);
}

static int
plane_ilm_counters(void *arg, uint32_t in_label, struct dp_counters *c_r)
{
	struct flows_plane *p = arg;

	return dp_ilm_counters(p->dp, in_label, c_r);
}

static int
plane_vif_attach(void *arg, const struct dp_vif *v)
{
	struct flows_plane *p = arg;

	return dp_vif_attach(p->dp, v);
}

static int
plane_vif_detach(void *arg, uint32_t vif_ifindex)
{
	struct flows_plane *p = arg;

	return dp_vif_detach(p->dp, vif_ifindex);
}

static int
plane_class_add(void *arg, unsigned link, uint64_t rate, uint32_t burst,
    uint32_t *classid_r)
{
	struct flows_plane *p = arg;

	if (link >= p->n)
		return -EINVAL;
	return egress_flow_add(p->eg[link], rate, burst, classid_r);
}

static int
plane_class_change(void *arg, unsigned link, uint32_t classid, uint64_t rate,
    uint32_t burst)
{
	struct flows_plane *p = arg;

	if (link >= p->n)
		return -EINVAL;
	return egress_flow_change(p->eg[link], classid, rate, burst);
}

static int
plane_class_del(void *arg, unsigned link, uint32_t classid)
{
	struct flows_plane *p = arg;

	if (link >= p->n)
		return -EINVAL;
	return egress_flow_del(p->eg[link], classid);
}

const struct flows_plane_ops flows_plane_real_ops = {
	.ilm_set = plane_ilm_set,
	.ilm_del = plane_ilm_del,
	.ilm_counters = plane_ilm_counters,
	.vif_attach = plane_vif_attach,
	.vif_detach = plane_vif_detach,
	.class_add = plane_class_add,
	.class_change = plane_class_change,
	.class_del = plane_class_del,
};

/*
 * Admission may not promise flows more than the HTB tree can give them:
 * the line rate less the network-control class and best effort's floor
 * ('room' bytes/s).  A 'reservable' fraction above that is lowered.
 */
static void
flows_plane_fit(struct flows_link *l, uint64_t room)
{
	double most = (double)room / l->rate;

	if (l->reservable <= most)
		return;
	log_info("flows: %s: reservable %.3f lowered to %.3f (network "
	    "control and best effort keep the rest)", l->name, l->reservable,
	    most);
	l->reservable = most;
}

/* Open the HTB tree of every line card in 'links'. */
int
flows_plane_open(struct dp *dp, struct flows_link *links, unsigned n_links,
    struct flows_plane **plane_r, char *err, size_t errlen)
{
	struct flows_plane *p;
	uint64_t line, reserved;
	unsigned i;
	int rc;

	*plane_r = NULL;
	if (n_links > ADM_MAX_LINKS)
		return -EINVAL;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(err, errlen, "flows: out of memory");
		return -ENOMEM;
	}
	p->dp = dp;
	for (i = 0; i < n_links; i++) {
		rc = egress_open(links[i].name, (uint64_t)links[i].rate,
		    &p->eg[i]);
		if (rc < 0) {
			snprintf(err, errlen, "egress classes on %s: %s%s",
			    links[i].name, strerror(-rc), rc == -ENODATA ?
			    " (no link speed: give 'interface NAME rate "
			    "RATE')" : "");
			goto out;
		}
		p->n = i + 1;
		egress_rates(p->eg[i], &line, &reserved);
		links[i].rate = (double)line;
		flows_plane_fit(&links[i], egress_flow_room(p->eg[i]));
	}
	*plane_r = p;
	return 0;
out:
	flows_plane_close(p);
	return rc;
}

/* Remove the HTB trees and free 'p'. */
void
flows_plane_close(struct flows_plane *p)
{
	unsigned i;
	int rc;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		rc = egress_teardown(p->eg[i]);
		if (rc < 0)
			log_warnx("flows: egress teardown: %s",
			    egress_error(p->eg[i]));
		egress_close(p->eg[i]);
	}
	free(p);
}

/* Free 'p', the HTB trees left as they are. */
void
flows_plane_forget(struct flows_plane *p)
{
	unsigned i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		egress_close(p->eg[i]);
	free(p);
}
