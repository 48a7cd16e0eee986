/*
 * The dom0 side of the routelet's xenstore channel (routelet/chan_xs.c,
 * docs/routelet.md): dom0 writes the whole config text, its generation
 * line renumbered, to the one node /local/domain/<domid>/quasar/config;
 * the routelet answers in quasar/status ("ok N" or "error N: why") and
 * writes its counters under quasar/counters/ every second.  Everything here goes
 * through struct xen_xs_ops, so the unit test runs it on a fake store
 * together with the routelet's own channel code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dom0/pool_xen_local.h"
#include "lib/log.h"
#include "routelet/config.h"
#include "routelet/counters.h"

#define XS_TX_TRIES	5
#define XS_PATH_MAX	96

/*
 * The config of an idle routelet: every frame is dropped, as no label
 * but 1048575 matches and that one is policed (any frame is longer than
 * max-size 1).  The strict parser has no empty config.  Its generation
 * is replaced like any other's.
 */
static const char null_config[] =
    "generation 0\n"
    "in-label 1048575\n"
    "out-label 1048575\n"
    "nexthop-mac 00:00:00:00:00:00\n"
    "source-mac 00:00:00:00:00:00\n"
    "rate 1\n"
    "bucket 1\n"
    "peak 1\n"
    "min-unit 1\n"
    "max-size 1\n";

static void
qpath(char *buf, uint32_t domid, const char *key)
{
	snprintf(buf, XS_PATH_MAX, "/local/domain/%u/quasar%s%s", domid,
	    key[0] != '\0' ? "/" : "", key);
}

/* Make node 'key' if missing, with its permissions. */
static bool
ensure_node(const struct xen_xs_ops *ops, void *h, xen_tx_t tx,
    uint32_t domid, const char *key, unsigned owner, unsigned guest_perm)
{
	char path[XS_PATH_MAX], *v;

	qpath(path, domid, key);
	if ((v = ops->read(h, tx, path)) != NULL) {
		free(v);
		return true;
	}
	if (errno != ENOENT)
		return false;
	return ops->write(h, tx, path, "") &&
	    ops->set_perms(h, tx, path, owner, domid, guest_perm);
}

int
xen_chan_prepare(const struct xen_xs_ops *ops, void *h, uint32_t domid)
{
	xen_tx_t tx;
	int tries;
	bool ok;

	for (tries = 0; tries < XS_TX_TRIES; tries++) {
		if ((tx = ops->tx_start(h)) == 0)
			return -errno;
		/* the config: dom0's, the guest reads it */
		ok = ensure_node(ops, h, tx, domid, "", 0, XEN_PERM_READ) &&
		    /* what the routelet writes: the guest's own */
		    ensure_node(ops, h, tx, domid, "status", domid,
		    XEN_PERM_NONE) &&
		    ensure_node(ops, h, tx, domid, "counters", domid,
		    XEN_PERM_NONE);
		if (!ok) {
			int saved = errno;

			ops->tx_end(h, tx, true);
			return -saved;
		}
		if (ops->tx_end(h, tx, false))
			return 0;
		if (errno != EAGAIN)
			return -errno;
	}
	return -EAGAIN;
}

int
xen_chan_write(const struct xen_xs_ops *ops, void *h, uint32_t domid,
    const char *text, size_t len, uint64_t generation, char *err,
    size_t errlen)
{
	char out[RL_CONFIG_TEXT_MAX + 1], path[XS_PATH_MAX];
	struct rl_config cfg;

	if (len == 0) {
		text = null_config;
		len = sizeof(null_config) - 1;
	}
	/* the routelet parses it too; a bad one is refused here already */
	if (rl_config_parse(text, len, &cfg, err, errlen) < 0)
		return -EINVAL;
	cfg.generation = generation;
	if (rl_config_format(&cfg, out, sizeof(out)) < 0) {
		snprintf(err, errlen, "config longer than %d bytes",
		    RL_CONFIG_TEXT_MAX);
		return -EINVAL;
	}
	/* one node: the guest reads it whole, whichever write it sees */
	qpath(path, domid, "config");
	if (!ops->write(h, 0, path, out))
		return -errno;
	return 0;
}

/* Read quasar/<key>: 0 with the value, or -errno. */
static int
read_key(const struct xen_xs_ops *ops, void *h, uint32_t domid,
    const char *key, char **v_r)
{
	char path[XS_PATH_MAX];

	qpath(path, domid, key);
	if ((*v_r = ops->read(h, 0, path)) == NULL)
		return -errno;
	return 0;
}

/* A decimal number ending at a NUL or at 'stop'; false if not one. */
static bool
parse_gen(const char *s, char stop, uint64_t *g_r, const char **end_r)
{
	unsigned long long g;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	g = strtoull(s, &end, 10);
	if (errno != 0 || (*end != '\0' && *end != stop))
		return false;
	*g_r = g;
	*end_r = end;
	return true;
}

int
xen_chan_status(const struct xen_xs_ops *ops, void *h, uint32_t domid,
    uint64_t generation, char *err, size_t errlen)
{
	const char *end;
	char *v;
	uint64_t g;
	int rc;

	rc = read_key(ops, h, domid, "status", &v);
	if (rc == -ENOENT)
		return 0;
	if (rc != 0)
		return rc;
	if (v[0] == '\0')
		rc = 0;		/* never configured */
	else if (strncmp(v, "ok ", 3) == 0 && parse_gen(v + 3, '\0', &g, &end))
		rc = g >= generation ? 1 : 0;
	else if (strncmp(v, "error ", 6) == 0 &&
	    parse_gen(v + 6, ':', &g, &end)) {
		rc = 0;
		if (g == generation) {
			/* the guest's words: printable only */
			snprintf(err, errlen, "%.120s",
			    *end == ':' ? end + 1 + (end[1] == ' ') : "");
			for (char *p = err; *p != '\0'; p++)
				if (*p < 0x20 || *p > 0x7e)
					*p = '?';
			rc = -EINVAL;
		}
	} else {
		snprintf(err, errlen, "unreadable quasar/status");
		rc = -EPROTO;
	}
	free(v);
	return rc;
}

int
xen_chan_wait(const struct xen_xs_ops *ops, void *h, uint32_t domid,
    uint64_t generation, unsigned timeout_ms, char *err, size_t errlen)
{
	struct timespec start, now, pause = { 0, 1000000 };
	long waited_ms;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		rc = xen_chan_status(ops, h, domid, generation, err, errlen);
		if (rc != 0)
			return rc > 0 ? 0 : rc;
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited_ms = (now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000;
		if (waited_ms >= (long)timeout_ms) {
			snprintf(err, errlen, "no answer to generation %llu "
			    "in %u ms", (unsigned long long)generation,
			    timeout_ms);
			return -ETIMEDOUT;
		}
		/*
		 * 1 ms, doubling to 4: an answer takes the guest two xenstore
		 * requests, a few ms on hardware and 15-30 ms in an emulated
		 * guest; each poll is one read of dom0's own xenstored.
		 */
		nanosleep(&pause, NULL);
		if (pause.tv_nsec < 4000000)
			pause.tv_nsec *= 2;
	}
}

uint64_t
xen_chan_last_generation(const struct xen_xs_ops *ops, void *h,
    uint32_t domid)
{
	const char *end;
	uint64_t best = 0, g;
	char *v;

	if (read_key(ops, h, domid, "config", &v) == 0) {
		if (rl_config_generation(v, strlen(v), &g) == 0 && g > best)
			best = g;
		free(v);
	}
	if (read_key(ops, h, domid, "status", &v) == 0) {
		if ((strncmp(v, "ok ", 3) == 0 &&
		    parse_gen(v + 3, '\0', &g, &end)) ||
		    (strncmp(v, "error ", 6) == 0 &&
		    parse_gen(v + 6, ':', &g, &end)))
			if (g > best)
				best = g;
		free(v);
	}
	return best;
}

int
xen_chan_mem_available(const struct xen_xs_ops *ops, void *h,
    uint32_t domid, uint64_t *kb_r)
{
	const char *end;
	char *v;
	int rc;

	if ((rc = read_key(ops, h, domid, "counters/mem-available-kb", &v)))
		return rc;
	/* written by the guest: digits only */
	rc = parse_gen(v, '\0', kb_r, &end) ? 0 : -EPROTO;
	free(v);
	return rc;
}

bool
xen_chan_alive(const struct xen_xs_ops *ops, void *h, uint32_t domid)
{
	char *v;

	if (read_key(ops, h, domid, "counters/generation", &v) != 0)
		return false;
	free(v);
	return true;
}

int
xen_chan_counters(const struct xen_xs_ops *ops, void *h, uint32_t domid,
    char *buf, size_t len)
{
	char key[64], *v;
	const char *end;
	size_t off = 0;
	uint64_t val;
	int i, n, rc;

	if (len == 0)
		return -ENOSPC;
	buf[0] = '\0';
	for (i = 0; i < RL_COUNTERS_N; i++) {
		snprintf(key, sizeof(key), "counters/%s", rl_counter_names[i]);
		if ((rc = read_key(ops, h, domid, key, &v)) != 0)
			return rc;
		/* written by the guest: digits only */
		if (!parse_gen(v, '\0', &val, &end)) {
			free(v);
			return -EPROTO;
		}
		free(v);
		n = snprintf(buf + off, len - off, "%s %llu\n",
		    rl_counter_names[i], (unsigned long long)val);
		if (n < 0 || (size_t)n >= len - off)
			return -ENOSPC;
		off += (size_t)n;
	}
	return (int)off;
}
