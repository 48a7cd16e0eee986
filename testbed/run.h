/*
 * One run of a topology: its prefix (every namespace is PREFIX-NODE, so
 * that parallel runs never collide), its directory under TB_RUN_ROOT
 * (the record of what `up` made, and each router's quasard.conf), and
 * what the experiment runner reads of it (tb_json).
 */
#ifndef QUASAR_TESTBED_RUN_H
#define QUASAR_TESTBED_RUN_H

#include <jansson.h>
#include <limits.h>
#include <stdio.h>

#include "testbed/topo.h"

#define TB_PREFIX_MAX	16	/* NUL included */
#define TB_RUN_ROOT	"/run/quasar-testbed"
#define TB_NETNS_MAX	(TB_PREFIX_MAX + TOPO_NAME_MAX)
#define TB_DIR_MAX	64
#define TB_PATH_MAX	128

struct tb_run {
	const struct topo *t;
	char prefix[TB_PREFIX_MAX];
	char dir[TB_DIR_MAX];		/* TB_RUN_ROOT/PREFIX */
};

/* Is 'p' a prefix: 1-15 of [A-Za-z0-9_-], a letter or digit first? */
int tb_prefix_valid(const char *p);

/*
 * The default prefix for topology file 'path': its base name without the
 * extension, other bytes than [A-Za-z0-9_-] as '_', cut to 15.
 */
void tb_prefix_from_path(const char *path, char *buf, size_t len);

/*
 * Set up 'run' for topology 't' with prefix 'prefix' (checked).
 * Returns 0, or -1 with the reason in 'err'.
 */
int tb_run_init(struct tb_run *run, const struct topo *t, const char *prefix,
    char *err, size_t errlen);

/* The namespace of node 'n': PREFIX-NAME. */
void tb_netns_name(const struct tb_run *run, const struct topo_node *n,
    char *buf, size_t len);

/* Path of the file NAME (e.g. "R1.conf") in the run directory. */
void tb_run_path(const struct tb_run *run, const char *name, char *buf,
    size_t len);

/*
 * Write the quasard.conf of router node 'n': router id, its line cards
 * (with the link's rate when shaped), data plane, an instance, control
 * socket and state directory of its own in the run directory, then its
 * router-conf lines.  0, or -1 on a write error.
 */
int tb_quasard_conf(const struct tb_run *run, const struct topo_node *n,
    FILE *f);

/* The run as JSON (docs/testbed.md, "show -j"); NULL when out of memory. */
json_t *tb_json(const struct tb_run *run);

#endif
