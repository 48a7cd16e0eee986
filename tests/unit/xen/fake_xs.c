#include "fake_xs.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fake_xs fx;

static struct fake_node *
find(const char *path)
{
	int i;

	for (i = 0; i < fx.n; i++)
		if (strcmp(fx.nodes[i].path, path) == 0)
			return &fx.nodes[i];
	return NULL;
}

const struct fake_node *
fake_node(const char *path)
{
	return find(path);
}

const char *
fake_val(const char *path)
{
	struct fake_node *nd = find(path);

	return nd != NULL ? nd->val : NULL;
}

/* The parent path of 'path' into 'buf'. */
static void
parent_of(const char *path, char *buf, size_t cap)
{
	const char *slash = strrchr(path, '/');

	snprintf(buf, cap, "%.*s", (int)(slash != NULL ? slash - path : 0),
	    path);
}

/*
 * Make or set node 'path' for domain 'dom'; a new node takes its parent's
 * permissions, owned by its maker unless that is dom0 (xenstored's rule).
 */
static void
set_node(const char *path, const char *val, unsigned dom)
{
	struct fake_node *nd = find(path), *parent;
	char ppath[96];

	if (nd == NULL) {
		ck_assert_int_lt(fx.n, FAKE_NODES);
		nd = &fx.nodes[fx.n++];
		memset(nd, 0, sizeof(*nd));
		snprintf(nd->path, sizeof(nd->path), "%s", path);
		parent_of(path, ppath, sizeof(ppath));
		if ((parent = find(ppath)) != NULL) {
			nd->owner = parent->owner;
			nd->guest = parent->guest;
			nd->guest_perm = parent->guest_perm;
		}
		if (dom != 0)
			nd->owner = dom;
	}
	snprintf(nd->val, sizeof(nd->val), "%s", val);
}

void
fake_put(const char *path, const char *val)
{
	set_node(path, val, 0);
}

void
fake_reset(void)
{
	char path[64];

	memset(&fx, 0, sizeof(fx));
	/* libxl: the domain's home is dom0's, the guest may read it */
	snprintf(path, sizeof(path), "/local/domain/%u", FAKE_DOMID);
	set_node(path, "", 0);
	fx.nodes[0].guest = FAKE_DOMID;
	fx.nodes[0].guest_perm = XEN_PERM_READ;
}

/* May domain 'dom' read ('write' false) or write node 'path'? */
static bool
allowed(unsigned dom, const char *path, bool write)
{
	struct fake_node *nd = find(path);
	char ppath[96];
	unsigned need = write ? XEN_PERM_WRITE : XEN_PERM_READ;

	if (dom == 0)
		return true;
	if (nd == NULL) {
		if (!write)
			return true;	/* ENOENT follows */
		parent_of(path, ppath, sizeof(ppath));
		nd = find(ppath);
		if (nd == NULL)
			return false;
	}
	return nd->owner == dom || (nd->guest == dom &&
	    (nd->guest_perm & need) != 0);
}

/* A pending write of the open transaction to 'path', or NULL. */
static int
pend_find(const char *path)
{
	int i;

	for (i = fx.npend - 1; i >= 0; i--)
		if (strcmp(fx.pend[i].path, path) == 0)
			return i;
	return -1;
}

static char *
do_read(unsigned dom, xen_tx_t tx, const char *path)
{
	const char *v;
	int i;

	ck_assert(tx == 0 || tx == fx.open_tx);
	if (!allowed(dom, path, false)) {
		fx.denied++;
		errno = EACCES;
		return NULL;
	}
	if (tx != 0 && (i = pend_find(path)) >= 0)
		v = fx.pend[i].val;
	else
		v = fake_val(path);
	if (v == NULL) {
		errno = ENOENT;
		return NULL;
	}
	return strdup(v);
}

static bool
do_write(unsigned dom, xen_tx_t tx, const char *path, const char *val)
{
	ck_assert(tx == 0 || tx == fx.open_tx);
	if (!allowed(dom, path, true)) {
		fx.denied++;
		errno = EACCES;
		return false;
	}
	if (tx == 0) {
		set_node(path, val, dom);
		return true;
	}
	ck_assert_int_lt(fx.npend, FAKE_PENDING);
	snprintf(fx.pend[fx.npend].path, sizeof(fx.pend[0].path), "%s", path);
	snprintf(fx.pend[fx.npend].val, sizeof(fx.pend[0].val), "%s", val);
	fx.npend++;
	return true;
}

static xen_tx_t
do_tx_start(void)
{
	ck_assert_uint_eq(fx.open_tx, 0);
	fx.npend = 0;
	fx.open_tx = ++fx.next_tx;
	return fx.open_tx;
}

static bool
do_tx_end(unsigned dom, xen_tx_t tx, bool abort)
{
	int i;

	ck_assert_uint_eq(tx, fx.open_tx);
	fx.open_tx = 0;
	if (abort) {
		fx.aborts++;
		return true;
	}
	if (fx.commits_to_fail != 0) {
		if (fx.commits_to_fail > 0)
			fx.commits_to_fail--;
		errno = EAGAIN;
		return false;
	}
	for (i = 0; i < fx.npend; i++)
		set_node(fx.pend[i].path, fx.pend[i].val, dom);
	fx.npend = 0;
	fx.commits++;
	return true;
}

/* dom0's side: absolute paths, privileged. */
static xen_tx_t
d0_tx_start(void *h)
{
	(void)h;
	return do_tx_start();
}

static bool
d0_tx_end(void *h, xen_tx_t tx, bool abort)
{
	(void)h;
	return do_tx_end(0, tx, abort);
}

static char *
d0_read(void *h, xen_tx_t tx, const char *path)
{
	char status[64];

	(void)h;
	snprintf(status, sizeof(status), "/local/domain/%u/quasar/status",
	    FAKE_DOMID);
	if (strcmp(path, status) == 0 && fx.on_status_read != NULL)
		fx.on_status_read();
	return do_read(0, tx, path);
}

static bool
d0_write(void *h, xen_tx_t tx, const char *path, const char *val)
{
	(void)h;
	return do_write(0, tx, path, val);
}

static bool
d0_set_perms(void *h, xen_tx_t tx, const char *path, unsigned owner,
    unsigned guest, unsigned guest_perm)
{
	struct fake_node *nd;

	(void)h;
	ck_assert(tx == 0 || tx == fx.open_tx);
	/* the test's transactions apply perms at once: node must exist */
	if (tx != 0 && pend_find(path) >= 0 && find(path) == NULL)
		set_node(path, "", 0);
	if ((nd = find(path)) == NULL) {
		errno = ENOENT;
		return false;
	}
	nd->owner = owner;
	nd->guest = guest;
	nd->guest_perm = guest == owner ? XEN_PERM_NONE : guest_perm;
	return true;
}

const struct xen_xs_ops fake_dom0_ops = {
	.tx_start = d0_tx_start,
	.tx_end = d0_tx_end,
	.read = d0_read,
	.write = d0_write,
	.set_perms = d0_set_perms,
};

/* The guest's side: relative paths, checked permissions. */
static void
abs_path(const char *rel, char *buf, size_t cap)
{
	snprintf(buf, cap, "/local/domain/%u/%s", FAKE_DOMID, rel);
}

static int
g_fileno(void *h)
{
	(void)h;
	return -1;
}

static bool
g_watch(void *h, const char *path, const char *token)
{
	(void)h;
	(void)path;
	(void)token;
	return true;
}

static bool
g_read_watch(void *h)
{
	(void)h;
	return false;
}

static xs_tx_t
g_tx_start(void *h)
{
	(void)h;
	return do_tx_start();
}

static char *
g_read(void *h, xs_tx_t tx, const char *path)
{
	char p[96];

	(void)h;
	abs_path(path, p, sizeof(p));
	return do_read(FAKE_DOMID, tx, p);
}

static bool
g_write(void *h, xs_tx_t tx, const char *path, const char *val)
{
	char p[96];

	(void)h;
	abs_path(path, p, sizeof(p));
	return do_write(FAKE_DOMID, tx, p, val);
}

static bool
g_tx_end(void *h, xs_tx_t tx, bool abort)
{
	(void)h;
	return do_tx_end(FAKE_DOMID, tx, abort);
}

const struct xs_ops fake_guest_ops = {
	.fileno = g_fileno,
	.watch = g_watch,
	.read_watch = g_read_watch,
	.tx_start = g_tx_start,
	.read = g_read,
	.write = g_write,
	.tx_end = g_tx_end,
};
