#include "routelet/xs_ops_xen.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <xenstore.h>

#include "lib/log.h"

/*
 * Two connections: one that holds the watch and only ever reads its
 * events, one for requests that never has a watch event land in it.
 * Without a reader thread (Debian's libxenstore.a is built without
 * USE_PTHREAD) an event that arrives while a request waits for its reply
 * makes libxenstore drop the connection; kept apart, the two never meet.
 *
 * Such a library also reads the socket only when asked, so its watch
 * descriptor (xs_fileno) never wakes a poll loop.  A thread of ours, on
 * the watch connection alone once the watch is set, blocks in
 * xs_read_watch and counts each event into an eventfd that the loop
 * polls: a new generation is seen at once with either library.
 */
struct xs_xen {
	struct xs_handle *req;
	struct xs_handle *watch;
	int		efd;
	bool		reading;	/* the thread runs */
	pthread_t	reader;
};

/* The watch connection's reader: every event becomes a count. */
static void *
reader_main(void *arg)
{
	struct xs_xen *x = arg;
	uint64_t one = 1;
	unsigned int n;
	char **ev;

	while ((ev = xs_read_watch(x->watch, &n)) != NULL) {
		free(ev);
		if (write(x->efd, &one, sizeof(one)) != sizeof(one))
			log_warn("xenstore watch eventfd");
	}
	/* The connection is gone: wake the loop, whose next read fails. */
	log_warn("xenstore watch connection");
	(void)write(x->efd, &one, sizeof(one));
	return NULL;
}

static int
xen_fileno(void *h)
{
	struct xs_xen *x = h;

	return x->efd;
}

/* Set the watch (once: the thread owns the connection afterwards). */
static bool
xen_watch(void *h, const char *path, const char *token)
{
	struct xs_xen *x = h;
	sigset_t all, old;
	int r;

	if (x->reading) {
		errno = EBUSY;
		return false;
	}
	if (!xs_watch(x->watch, path, token))
		return false;
	/* Signals stay with the main loop's signalfd. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	r = pthread_create(&x->reader, NULL, reader_main, x);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0) {
		errno = r;
		return false;
	}
	x->reading = true;
	return true;
}

/* True once for any number of events since the last call. */
static bool
xen_read_watch(void *h)
{
	struct xs_xen *x = h;
	uint64_t n;

	return read(x->efd, &n, sizeof(n)) == sizeof(n) && n > 0;
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
	x->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (x->efd < 0)
		goto fail;
	if ((x->req = xs_open(0)) == NULL || (x->watch = xs_open(0)) == NULL)
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
	/*
	 * The reader blocks in xs_read_watch on the watch connection, and
	 * cannot be ended cleanly: with a threaded libxenstore it waits on a
	 * condition variable without a cancellation cleanup, so cancelling
	 * it would leave the connection's mutex locked for xs_close.  Only
	 * the process's exit follows this call: the connection, its reader
	 * and 'x' end with it.
	 */
	if (x->reading)
		return;
	if (x->watch != NULL)
		xs_close(x->watch);
	if (x->efd >= 0)
		close(x->efd);
	free(x);
}
