/*
 * A recording fake of the flows' data plane (struct flows_plane_ops):
 * ILM entries, attached vifs and classes in small tables, and a log of
 * every call in order ("vif+ 101", "ilm 1001>101", "vif- 100", ...), so
 * tests can check what was built and in which order.
 */
#ifndef TEST_FLOWOPS_PLANE_H
#define TEST_FLOWOPS_PLANE_H

#include <stdbool.h>
#include <stdint.h>

#include "dom0/flows.h"

#define PLANE_MAX	16

struct plane {
	uint32_t	ilm_label[PLANE_MAX];	/* 0: free slot */
	uint32_t	ilm_vif[PLANE_MAX];
	uint32_t	vif[PLANE_MAX];		/* attached, 0: free */
	uint32_t	vif_prio[PLANE_MAX];
	uint32_t	class[PLANE_MAX];	/* classids, 0: free */
	unsigned	next_minor;
	char		log[1024];
	unsigned	fail_ilm_set;		/* fail this many next */
	unsigned	fail_vif_attach;
};

extern const struct flows_plane_ops plane_ops;

void	plane_init(struct plane *p);
/* The vif the ILM entry of 'label' steers to, or 0 if none. */
uint32_t plane_ilm(const struct plane *p, uint32_t label);
/* Is 'vif' attached? */
bool	plane_has_vif(const struct plane *p, uint32_t vif);
/* Entries, vifs and classes in place. */
unsigned plane_count(const struct plane *p);

#endif
