/*
 * struct xen_xs_ops on a libxenstore connection (the handle is a
 * struct xs_handle *).  quasard links the shared libxenstore, whose
 * reader thread makes one connection safe for requests from one thread
 * while another thread's connection holds watches; each thread of the
 * backend still has its own connection (dom0/pool_xen_local.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

#include "dom0/pool_xen_local.h"

static xen_tx_t
real_tx_start(void *h)
{
	return xs_transaction_start(h);
}

static bool
real_tx_end(void *h, xen_tx_t tx, bool abort)
{
	return xs_transaction_end(h, tx, abort);
}

static char *
real_read(void *h, xen_tx_t tx, const char *path)
{
	unsigned int len;

	return xs_read(h, tx, path, &len);
}

static bool
real_write(void *h, xen_tx_t tx, const char *path, const char *val)
{
	return xs_write(h, tx, path, val, (unsigned int)strlen(val));
}

static bool
real_set_perms(void *h, xen_tx_t tx, const char *path, unsigned owner,
    unsigned guest, unsigned guest_perm)
{
	struct xs_permissions perms[2] = {
		{ .id = owner, .perms = XS_PERM_NONE },
		{ .id = guest, .perms = guest_perm },
	};

	return xs_set_permissions(h, tx, path, perms, guest == owner ? 1 : 2);
}

const struct xen_xs_ops xen_xs_real = {
	.tx_start = real_tx_start,
	.tx_end = real_tx_end,
	.read = real_read,
	.write = real_write,
	.set_perms = real_set_perms,
};
