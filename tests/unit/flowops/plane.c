/*
 * The recording fake data plane of the flowops tests (plane.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "plane.h"

static void
plane_log(struct plane *p, const char *what, uint32_t a, uint32_t b)
{
	size_t n = strlen(p->log);

	snprintf(p->log + n, sizeof(p->log) - n, "%s%s %u>%u",
	    n > 0 ? ", " : "", what, a, b);
}

static int
slot(const uint32_t *t, uint32_t v)
{
	int i;

	for (i = 0; i < PLANE_MAX; i++)
		if (t[i] == v)
			return i;
	return -1;
}

static int
p_ilm_set(void *arg, const struct dp_ilm *e)
{
	struct plane *p = arg;
	int i;

	if (p->fail_ilm_set > 0) {
		p->fail_ilm_set--;
		return -EIO;
	}
	if ((i = slot(p->ilm_label, e->in_label)) < 0 &&
	    (i = slot(p->ilm_label, 0)) < 0)
		return -ENOSPC;
	p->ilm_label[i] = e->in_label;
	p->ilm_vif[i] = e->vif_ifindex;
	plane_log(p, "ilm", e->in_label, e->vif_ifindex);
	return 0;
}

static int
p_ilm_del(void *arg, uint32_t in_label)
{
	struct plane *p = arg;
	int i;

	if ((i = slot(p->ilm_label, in_label)) < 0)
		return -ENOENT;
	p->ilm_label[i] = 0;
	plane_log(p, "ilm-", in_label, 0);
	return 0;
}

static int
p_ilm_counters(void *arg, uint32_t in_label, struct dp_counters *c_r)
{
	struct plane *p = arg;

	if (slot(p->ilm_label, in_label) < 0)
		return -ENOENT;
	c_r->packets = 10;
	c_r->bytes = 1000;
	return 0;
}

static int
p_vif_attach(void *arg, const struct dp_vif *v)
{
	struct plane *p = arg;
	int i;

	if (p->fail_vif_attach > 0) {
		p->fail_vif_attach--;
		return -EIO;
	}
	if ((i = slot(p->vif, v->vif_ifindex)) < 0 &&
	    (i = slot(p->vif, 0)) < 0)
		return -ENOSPC;
	p->vif[i] = v->vif_ifindex;
	p->vif_prio[i] = v->priority;
	plane_log(p, "vif", v->vif_ifindex, v->priority);
	return 0;
}

static int
p_vif_detach(void *arg, uint32_t vif_ifindex)
{
	struct plane *p = arg;
	int i;

	if ((i = slot(p->vif, vif_ifindex)) < 0)
		return -ENOENT;
	p->vif[i] = 0;
	plane_log(p, "vif-", vif_ifindex, 0);
	return 0;
}

static int
p_class_add(void *arg, unsigned link, uint64_t rate, uint32_t burst,
    uint32_t *classid_r)
{
	struct plane *p = arg;
	int i;

	(void)link;
	(void)rate;
	(void)burst;
	if ((i = slot(p->class, 0)) < 0)
		return -ENOSPC;
	p->class[i] = 0x10000 | (0x10 + p->next_minor++);
	*classid_r = p->class[i];
	plane_log(p, "class", p->class[i], 0);
	return 0;
}

static int
p_class_change(void *arg, unsigned link, uint32_t classid, uint64_t rate,
    uint32_t burst)
{
	struct plane *p = arg;

	(void)link;
	(void)rate;
	(void)burst;
	return slot(p->class, classid) < 0 ? -ENOENT : 0;
}

static int
p_class_del(void *arg, unsigned link, uint32_t classid)
{
	struct plane *p = arg;
	int i;

	(void)link;
	if ((i = slot(p->class, classid)) < 0)
		return -ENOENT;
	p->class[i] = 0;
	plane_log(p, "class-", classid, 0);
	return 0;
}

const struct flows_plane_ops plane_ops = {
	.ilm_set = p_ilm_set,
	.ilm_del = p_ilm_del,
	.ilm_counters = p_ilm_counters,
	.vif_attach = p_vif_attach,
	.vif_detach = p_vif_detach,
	.class_add = p_class_add,
	.class_change = p_class_change,
	.class_del = p_class_del,
};

void
plane_init(struct plane *p)
{
	memset(p, 0, sizeof(*p));
}

uint32_t
plane_ilm(const struct plane *p, uint32_t label)
{
	int i = slot(p->ilm_label, label);

	return i < 0 ? 0 : p->ilm_vif[i];
}

bool
plane_has_vif(const struct plane *p, uint32_t vif)
{
	return slot(p->vif, vif) >= 0;
}

unsigned
plane_count(const struct plane *p)
{
	unsigned i, n = 0;

	for (i = 0; i < PLANE_MAX; i++)
		n += (p->ilm_label[i] != 0) + (p->vif[i] != 0) +
		    (p->class[i] != 0);
	return n;
}
