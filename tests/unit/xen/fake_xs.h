/*
 * A fake xenstore for the Xen backend's tests: one store of absolute
 * paths with permissions, served both as the backend's xen_xs_ops (dom0,
 * privileged) and as the routelet's xs_ops (routelet/chan_xs.h) for guest
 * FAKE_DOMID, whose relative paths resolve under /local/domain/<domid>/
 * and whose requests are checked against the nodes' permissions as
 * xenstored does.  Transactions buffer their writes until commit, which
 * can be made to lose its race.
 */
#ifndef TEST_XEN_FAKE_XS_H
#define TEST_XEN_FAKE_XS_H

#include <stdbool.h>

#include "dom0/pool_xen_local.h"
#include "routelet/chan_xs.h"
#include "routelet/config.h"

#define FAKE_DOMID	7
#define FAKE_NODES	96
#define FAKE_PENDING	32

struct fake_node {
	char	path[96];
	char	val[RL_CONFIG_TEXT_MAX + 1];
	unsigned owner;
	unsigned guest;		/* the one other domain with a right */
	unsigned guest_perm;
};

struct fake_xs {
	struct fake_node nodes[FAKE_NODES];
	int	n;
	/* the one open transaction's writes */
	struct { char path[96]; char val[160]; } pend[FAKE_PENDING];
	int	npend;
	xen_tx_t open_tx, next_tx;
	int	commits_to_fail;	/* < 0: every one */
	int	commits, aborts, denied;
	/* called when dom0 reads quasar/status: the guest's turn */
	void	(*on_status_read)(void);
};

extern struct fake_xs fx;
extern const struct xen_xs_ops fake_dom0_ops;
extern const struct xs_ops fake_guest_ops;

/* Empty the store and make /local/domain/FAKE_DOMID as libxl does. */
void	fake_reset(void);
/* The node at 'path', or NULL. */
const struct fake_node *fake_node(const char *path);
/* Its value, or NULL. */
const char *fake_val(const char *path);
/* Set a node's value as dom0 would, outside any transaction. */
void	fake_put(const char *path, const char *val);

#endif
