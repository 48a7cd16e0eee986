/*
 * A recording fake of the flows' data plane for test_flows: the ILM
 * entries, vifs and classes it holds, a log of the calls in order
 * ("class+ 1 16", "vif+ 100 p16", "ilm 16>100", "ilm- 16", ...) and
 * failures injected per op.
 */
#ifndef TEST_FLOWS_REC_PLANE_H
#define TEST_FLOWS_REC_PLANE_H

#include <stdint.h>

#include "dom0/flows.h"

#define REC_MAX	8

struct rec_class {
	uint32_t	classid;	/* 0: free */
	unsigned	link;
	uint64_t	rate;
	uint32_t	burst;
};

struct rec_plane {
	struct dp_ilm	ilm[REC_MAX];	/* in_label 0: free */
	struct dp_vif	vif[REC_MAX];	/* vif_ifindex 0: free */
	struct rec_class class[REC_MAX];
	unsigned	next_minor;
	unsigned	n_ilm_set;
	char		log[2048];
	int		fail_ilm_set;	/* next call returns this, if < 0 */
	int		fail_vif_attach;
	int		fail_class_add;
	int		fail_class_change;
};

extern const struct flows_plane_ops rec_plane_ops;

void	rec_plane_init(struct rec_plane *p);
const struct dp_ilm *rec_ilm(const struct rec_plane *p, uint32_t label);
const struct dp_vif *rec_vif(const struct rec_plane *p, uint32_t vif);
const struct rec_class *rec_class(const struct rec_plane *p,
	    uint32_t classid);
/* ILM entries, vifs and classes held, in all. */
unsigned rec_count(const struct rec_plane *p);

#endif
