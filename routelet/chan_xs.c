#include "routelet/chan_xs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "routelet/config.h"
#include "routelet/counters.h"

#define XS_DIR		"quasar/"
#define XS_GENERATION	XS_DIR "generation"
#define XS_STATUS	XS_DIR "status"
#define XS_COUNTERS	XS_DIR "counters/"
#define XS_MEM_AVAILABLE XS_COUNTERS "mem-available-kb"
#define XS_TX_TRIES	5

int
chan_xs_init(struct chan_xs *ch, const struct xs_ops *ops, void *h)
{
	memset(ch, 0, sizeof(*ch));
	ch->ops = ops;
	ch->h = h;
	if (!ops->watch(h, XS_GENERATION, "generation")) {
		log_warn("xenstore watch %s", XS_GENERATION);
		return -1;
	}
	return 0;
}

static void
write_status(struct chan_xs *ch, const char *status)
{
	if (!ch->ops->write(ch->h, 0, XS_STATUS, status))
		log_warn("xenstore write %s", XS_STATUS);
}

/*
 * Read every config key under quasar/ in transaction 'tx' into 'text'
 * ('cap' bytes) as config text.  Returns its length, or -1 with 'err'.
 */
static int
read_keys(struct chan_xs *ch, xs_tx_t tx, char *text, size_t cap, char *err,
    size_t errlen)
{
	char path[64], *v;
	size_t len = 0;
	int i, n;

	for (i = 0; rl_config_keys[i] != NULL; i++) {
		snprintf(path, sizeof(path), XS_DIR "%s", rl_config_keys[i]);
		if ((v = ch->ops->read(ch->h, tx, path)) == NULL) {
			if (errno == ENOENT)
				continue;	/* the parser names it */
			snprintf(err, errlen, "read %s: %s", path,
			    strerror(errno));
			return -1;
		}
		/* One value per key: a newline would smuggle in more keys. */
		if (strchr(v, '\n') != NULL) {
			snprintf(err, errlen, "%s: newline in value", path);
			free(v);
			return -1;
		}
		n = snprintf(text + len, cap - len, "%s %s\n",
		    rl_config_keys[i], v);
		free(v);
		if (n < 0 || (size_t)n >= cap - len) {
			snprintf(err, errlen, "config longer than %zu bytes",
			    cap - 1);
			return -1;
		}
		len += (size_t)n;
	}
	return (int)len;
}

/* Read the config keys in one transaction, retrying when it races. */
static int
read_config(struct chan_xs *ch, char *text, size_t cap, char *err,
    size_t errlen)
{
	xs_tx_t tx;
	int tries, len;

	for (tries = 0; tries < XS_TX_TRIES; tries++) {
		if ((tx = ch->ops->tx_start(ch->h)) == 0) {
			snprintf(err, errlen, "transaction: %s",
			    strerror(errno));
			return -1;
		}
		len = read_keys(ch, tx, text, cap, err, errlen);
		if (len < 0) {
			ch->ops->tx_end(ch->h, tx, true);
			return -1;
		}
		if (ch->ops->tx_end(ch->h, tx, false))
			return len;
		if (errno != EAGAIN) {
			snprintf(err, errlen, "commit: %s", strerror(errno));
			return -1;
		}
	}
	snprintf(err, errlen, "config kept changing (%d tries)", XS_TX_TRIES);
	return -1;
}

void
chan_xs_load(struct chan_xs *ch, struct rl_fwd *fwd, uint64_t now)
{
	struct rl_config cfg;
	char text[RL_CONFIG_TEXT_MAX + 1], err[RL_ERR_MAX];
	char status[RL_ERR_MAX + 24];
	char *gen, *end;
	unsigned long long g;
	int len;

	if ((gen = ch->ops->read(ch->h, 0, XS_GENERATION)) == NULL) {
		if (errno != ENOENT)	/* else: not configured yet */
			log_warn("xenstore read %s", XS_GENERATION);
		return;
	}
	errno = 0;
	g = strtoull(gen, &end, 10);
	if (errno != 0 || end == gen || *end != '\0') {
		log_warnx("xenstore %s is not a number", XS_GENERATION);
		write_status(ch, "error: bad generation");
		free(gen);
		return;
	}
	free(gen);
	if (ch->have_generation && g == ch->seen_generation)
		return;
	ch->have_generation = true;
	ch->seen_generation = g;

	if ((len = read_config(ch, text, sizeof(text), err, sizeof(err))) < 0 ||
	    rl_config_parse(text, (size_t)len, &cfg, err, sizeof(err)) < 0) {
		log_warnx("xenstore config generation %llu refused: %s", g,
		    err);
		snprintf(status, sizeof(status), "error %llu: %s", g, err);
		write_status(ch, status);
		return;
	}
	/* The transaction may have seen a newer generation than the watch. */
	ch->seen_generation = cfg.generation;
	rl_fwd_apply(fwd, &cfg, now);
	log_info("config generation %llu applied: label %u -> %u",
	    (unsigned long long)cfg.generation, cfg.in_label, cfg.out_label);
	snprintf(status, sizeof(status), "ok %llu",
	    (unsigned long long)cfg.generation);
	write_status(ch, status);
}

void
chan_xs_input(struct chan_xs *ch, struct rl_fwd *fwd, uint64_t now)
{
	bool fired = false;

	while (ch->ops->read_watch(ch->h))
		fired = true;
	if (fired)
		chan_xs_load(ch, fwd, now);
}

void
chan_xs_push_counters(struct chan_xs *ch, const struct rl_fwd *fwd,
    uint64_t mem_available_kb)
{
	uint64_t v[RL_COUNTERS_N];
	char path[64], val[24];
	xs_tx_t tx;
	int i;

	rl_counters_values(&fwd->cnt, fwd->cfg.generation, v);
	if ((tx = ch->ops->tx_start(ch->h)) == 0) {
		log_warn("xenstore transaction");
		return;
	}
	for (i = 0; i < RL_COUNTERS_N; i++) {
		snprintf(path, sizeof(path), XS_COUNTERS "%s",
		    rl_counter_names[i]);
		snprintf(val, sizeof(val), "%llu", (unsigned long long)v[i]);
		if (!ch->ops->write(ch->h, tx, path, val)) {
			log_warn("xenstore write %s", path);
			ch->ops->tx_end(ch->h, tx, true);
			return;
		}
	}
	if (mem_available_kb != 0) {
		snprintf(val, sizeof(val), "%llu",
		    (unsigned long long)mem_available_kb);
		if (!ch->ops->write(ch->h, tx, XS_MEM_AVAILABLE, val)) {
			log_warn("xenstore write %s", XS_MEM_AVAILABLE);
			ch->ops->tx_end(ch->h, tx, true);
			return;
		}
	}
	/* A lost race costs one second of counters; the next push wins. */
	if (!ch->ops->tx_end(ch->h, tx, false) && errno != EAGAIN)
		log_warn("xenstore commit counters");
}
