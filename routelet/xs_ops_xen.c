#include "routelet/xs_ops_xen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

/*
 * Two connections: one that holds the watch and only ever reads its
 * events, one for requests that never has a watch event land in it.
 * Without a reader thread (Debian's libxenstore.a is built without
 * USE_PTHREAD) an event that arrives while a request waits for its reply
 * makes libxenstore drop the connection; kept apart, the two never meet.
 */
struct xs_xen {
	struct xs_handle *req;
	struct xs_handle *watch;
};

static int
xen_fileno(void *h)
{
	struct xs_xen *x = h;

	return xs_fileno(x->watch);
}

static bool
xen_watch(void *h, const char *path, const char *token)
{
	struct xs_xen *x = h;

	return xs_watch(x->watch, path, token);
}

static bool
xen_read_watch(void *h)
{
	struct xs_xen *x = h;
	char **ev;

	if ((ev = xs_check_watch(x->watch)) == NULL)
		return false;
	free(ev);
	return true;
}

static xs_tx_t
xen_tx_start(void *h)
{
	struct xs_xen *x = h;

	return xs_transaction_start(x->req);
}

static char *
xen_read(void *h, xs_tx_t tx, const char *path)
{
	struct xs_xen *x = h;
	unsigned int len;

	return xs_read(x->req, tx, path, &len);
}

static bool
xen_write(void *h, xs_tx_t tx, const char *path, const char *val)
{
	struct xs_xen *x = h;

	return xs_write(x->req, tx, path, val, (unsigned int)strlen(val));
}

static bool
xen_tx_end(void *h, xs_tx_t tx, bool abort)
{
	struct xs_xen *x = h;

	return xs_transaction_end(x->req, tx, abort);
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
	struct xs_xen *x;
	int saved;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	if ((x->req = xs_open(0)) == NULL || (x->watch = xs_open(0)) == NULL)
		goto fail;
	/* The watch pipe exists once it was asked for. */
	if (xs_fileno(x->watch) < 0)
		goto fail;
	return x;
fail:
	saved = errno;
	xs_xen_close(x);
	errno = saved;
	return NULL;
}

void
xs_xen_close(void *h)
{
	struct xs_xen *x = h;

	if (x->req != NULL)
		xs_close(x->req);
	if (x->watch != NULL)
		xs_close(x->watch);
	free(x);
}
