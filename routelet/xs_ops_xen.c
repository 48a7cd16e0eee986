#include "routelet/xs_ops_xen.h"

#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

static int
xen_fileno(void *h)
{
	return xs_fileno(h);
}

static bool
xen_watch(void *h, const char *path, const char *token)
{
	return xs_watch(h, path, token);
}

static bool
xen_read_watch(void *h)
{
	char **ev;

	if ((ev = xs_check_watch(h)) == NULL)
		return false;
	free(ev);
	return true;
}

static xs_tx_t
xen_tx_start(void *h)
{
	return xs_transaction_start(h);
}

static char *
xen_read(void *h, xs_tx_t tx, const char *path)
{
	unsigned int len;

	return xs_read(h, tx, path, &len);
}

static bool
xen_write(void *h, xs_tx_t tx, const char *path, const char *val)
{
	return xs_write(h, tx, path, val, (unsigned int)strlen(val));
}

static bool
xen_tx_end(void *h, xs_tx_t tx, bool abort)
{
	return xs_transaction_end(h, tx, abort);
}

const struct xs_ops xs_ops_xen = {
	.fileno = xen_fileno,
	.watch = xen_watch,
	.read_watch = xen_read_watch,
	.tx_start = xen_tx_start,
	.read = xen_read,
	.write = xen_write,
	.tx_end = xen_tx_end,
};

void *
xs_xen_open(void)
{
	return xs_open(0);
}

void
xs_xen_close(void *h)
{
	xs_close(h);
}
