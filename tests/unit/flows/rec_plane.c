/* The recording fake plane of rec_plane.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rec_plane.h"

static void
rec_log(struct rec_plane *p, const char *fmt, unsigned a, unsigned b)
{
	size_t n = strlen(p->log);

	snprintf(p->log + n, sizeof(p->log) - n, fmt, a, b);
}

/* Take a pending failure of an op: its value once, then 0. */
static int
take(int *fail)
{
	int rc = *fail;

	*fail = 0;
	return rc;
}

static int
r_ilm_set(void *arg, const struct dp_ilm *e)
{
	struct rec_plane *p = arg;
	unsigned i, free_i = REC_MAX;
	int rc;

	if ((rc = take(&p->fail_ilm_set)) < 0)
		return rc;
	for (i = 0; i < REC_MAX; i++) {
		if (p->ilm[i].in_label == e->in_label)
			break;
		if (p->ilm[i].in_label == 0 && free_i == REC_MAX)
			free_i = i;
	}
	if (i == REC_MAX)
		i = free_i;
	if (i == REC_MAX)
		return -ENOSPC;
	p->ilm[i] = *e;
	p->n_ilm_set++;
	rec_log(p, "ilm %u>%u ", e->in_label, e->vif_ifindex);
	return 0;
}

static int
r_ilm_del(void *arg, uint32_t in_label)
{
	struct rec_plane *p = arg;
	unsigned i;

	for (i = 0; i < REC_MAX; i++) {
		if (p->ilm[i].in_label == in_label) {
			memset(&p->ilm[i], 0, sizeof(p->ilm[i]));
			rec_log(p, "ilm- %u ", in_label, 0);
			return 0;
		}
	}
	return -ENOENT;
}

static int
r_ilm_counters(void *arg, uint32_t in_label, struct dp_counters *c_r)
{
	struct rec_plane *p = arg;

	if (rec_ilm(p, in_label) == NULL)
		return -ENOENT;
	c_r->packets = in_label;	/* something to see */
	c_r->bytes = 2 * in_label;
	return 0;
}

static int
r_vif_attach(void *arg, const struct dp_vif *v)
{
	struct rec_plane *p = arg;
	unsigned i;
	int rc;

	if ((rc = take(&p->fail_vif_attach)) < 0)
		return rc;
	for (i = 0; i < REC_MAX; i++) {
		if (p->vif[i].vif_ifindex == 0) {
			p->vif[i] = *v;
			rec_log(p, "vif+ %u p%x ", v->vif_ifindex,
			    v->priority & 0xffff);
			return 0;
		}
	}
	return -ENOSPC;
}

static int
r_vif_detach(void *arg, uint32_t vif)
{
	struct rec_plane *p = arg;
	unsigned i;

	for (i = 0; i < REC_MAX; i++) {
		if (p->vif[i].vif_ifindex == vif) {
			memset(&p->vif[i], 0, sizeof(p->vif[i]));
			rec_log(p, "vif- %u ", vif, 0);
			return 0;
		}
	}
	return -ENOENT;
}

static int
r_class_add(void *arg, unsigned link, uint64_t rate, uint32_t burst,
    uint32_t *classid_r)
{
	struct rec_plane *p = arg;
	unsigned i;
	int rc;

	if ((rc = take(&p->fail_class_add)) < 0)
		return rc;
	for (i = 0; i < REC_MAX; i++) {
		if (p->class[i].classid == 0) {
			p->class[i].classid = 0x10000 | p->next_minor++;
			p->class[i].link = link;
			p->class[i].rate = rate;
			p->class[i].burst = burst;
			*classid_r = p->class[i].classid;
			rec_log(p, "class+ %u %x ", link,
			    p->class[i].classid & 0xffff);
			return 0;
		}
	}
	return -ERANGE;
}

static int
r_class_change(void *arg, unsigned link, uint32_t classid, uint64_t rate,
    uint32_t burst)
{
	struct rec_plane *p = arg;
	struct rec_class *c;
	int rc;

	if ((rc = take(&p->fail_class_change)) < 0)
		return rc;
	c = (struct rec_class *)(uintptr_t)rec_class(p, classid);
	if (c == NULL || c->link != link)
		return -ENOENT;
	c->rate = rate;
	c->burst = burst;
	rec_log(p, "class~ %x %u ", classid & 0xffff, (unsigned)rate);
	return 0;
}

static int
r_class_del(void *arg, unsigned link, uint32_t classid)
{
	struct rec_plane *p = arg;
	unsigned i;

	for (i = 0; i < REC_MAX; i++) {
		if (p->class[i].classid == classid && p->class[i].link == link) {
			memset(&p->class[i], 0, sizeof(p->class[i]));
			rec_log(p, "class- %x ", classid & 0xffff, 0);
			return 0;
		}
	}
	return -ENOENT;
}

const struct flows_plane_ops rec_plane_ops = {
	.ilm_set = r_ilm_set,
	.ilm_del = r_ilm_del,
	.ilm_counters = r_ilm_counters,
	.vif_attach = r_vif_attach,
	.vif_detach = r_vif_detach,
	.class_add = r_class_add,
	.class_change = r_class_change,
	.class_del = r_class_del,
};

void
rec_plane_init(struct rec_plane *p)
{
	memset(p, 0, sizeof(*p));
	p->next_minor = 0x10;
}

const struct dp_ilm *
rec_ilm(const struct rec_plane *p, uint32_t label)
{
	unsigned i;

	for (i = 0; i < REC_MAX; i++)
		if (p->ilm[i].in_label == label && label != 0)
			return &p->ilm[i];
	return NULL;
}

const struct dp_vif *
rec_vif(const struct rec_plane *p, uint32_t vif)
{
	unsigned i;

	for (i = 0; i < REC_MAX; i++)
		if (p->vif[i].vif_ifindex == vif && vif != 0)
			return &p->vif[i];
	return NULL;
}

const struct rec_class *
rec_class(const struct rec_plane *p, uint32_t classid)
{
	unsigned i;

	for (i = 0; i < REC_MAX; i++)
		if (p->class[i].classid == classid && classid != 0)
			return &p->class[i];
	return NULL;
}

unsigned
rec_count(const struct rec_plane *p)
{
	unsigned i, n = 0;

	for (i = 0; i < REC_MAX; i++)
		n += (p->ilm[i].in_label != 0) + (p->vif[i].vif_ifindex != 0) +
		    (p->class[i].classid != 0);
	return n;
}
