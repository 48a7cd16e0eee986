/*
 * The topology builder: makes and removes a run's namespaces, veth pairs,
 * addresses, routes, sysctls and link shaping with iproute2 (testbed/
 * proc.h).  Every namespace it makes is written to the run's record
 * (RUN_DIR/netns) before it is made, so `down` finds everything even after
 * an `up` that was cut short, and never touches a namespace it did not
 * make.
 */
#ifndef QUASAR_TESTBED_BUILD_H
#define QUASAR_TESTBED_BUILD_H

#include <signal.h>
#include <stdio.h>

#include "testbed/run.h"

/* Set (by the caller's SIGINT/SIGTERM handler) to make tb_up stop. */
extern volatile sig_atomic_t tb_interrupted;

/*
 * Build the run: idempotent (what exists from an earlier `up` of the
 * same run is kept or set again).  On any failure, or when tb_interrupted
 * is set, everything of the run is removed (tb_down) and -1 is returned
 * with the reason logged.  Returns 0.
 */
int tb_up(const struct tb_run *run);

/*
 * Remove everything of the run: processes still in its namespaces
 * (SIGTERM, then SIGKILL), its namespaces (and with them the veths,
 * addresses, routes and qdiscs), the BPF pins of its routers' data-plane
 * instances, its run directory.  Returns 0, or -1 if something could not
 * be removed (logged).
 */
int tb_down(const struct tb_run *run);

/* Exit statuses of tb_status. */
#define TB_STATUS_UP		0	/* every namespace and interface */
#define TB_STATUS_PARTIAL	1
#define TB_STATUS_DOWN		3	/* none of its namespaces */

/*
 * Print what of the run exists to 'f' (text, or JSON with 'json') and
 * return TB_STATUS_UP, _PARTIAL or _DOWN.
 */
int tb_status(const struct tb_run *run, FILE *f, int json);

#endif
