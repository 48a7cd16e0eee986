#include "routelet/chan_xs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "routelet/config.h"
#include "routelet/counters.h"

#define XS_DIR		"quasar/"
#define XS_CONFIG	XS_DIR "config"
#define XS_STATUS	XS_DIR "status"
#define XS_COUNTERS	XS_DIR "counters/"
#define XS_MEM_AVAILABLE XS_COUNTERS "mem-available-kb"

int
chan_xs_init(struct chan_xs *ch, const struct xs_ops *ops, void *h)
{
	memset(ch, 0, sizeof(*ch));
	ch->ops = ops;
	ch->h = h;
	if (!ops->watch(h, XS_CONFIG, "config")) {
		log_warn("xenstore watch %s", XS_CONFIG);
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

/* Refuse text of generation 'g' (0 if it names none) for 'why'. */
static void
refuse(struct chan_xs *ch, uint64_t g, const char *why)
{
	char status[RL_ERR_MAX + 24];

	log_warnx("xenstore config generation %llu refused: %s",
	    (unsigned long long)g, why);
	snprintf(status, sizeof(status), "error %llu: %s",
	    (unsigned long long)g, why);
	write_status(ch, status);
}

void
chan_xs_load(struct chan_xs *ch, struct rl_fwd *fwd, uint64_t now)
{
	struct rl_config cfg;
	char err[RL_ERR_MAX], status[32];
	uint64_t g = 0;
	size_t len;
	char *text;

	/* One node, one read: the text is whole, whichever generation. */
	if ((text = ch->ops->read(ch->h, 0, XS_CONFIG)) == NULL) {
		if (errno != ENOENT)	/* else: not configured yet */
			log_warn("xenstore read %s", XS_CONFIG);
		return;
	}
	len = strlen(text);
	if (rl_config_generation(text, len, &g) < 0) {
		free(text);
		if (!ch->have_generation || ch->seen_generation != 0)
			refuse(ch, 0, "no generation line");
		ch->have_generation = true;
		ch->seen_generation = 0;
		return;
	}
	/* The watch fires when it is set and for every write: once each. */
	if (ch->have_generation && g == ch->seen_generation) {
		free(text);
		return;
	}
	ch->have_generation = true;
	ch->seen_generation = g;
	if (rl_config_parse(text, len, &cfg, err, sizeof(err)) < 0) {
		free(text);
		refuse(ch, g, err);
		return;
	}
	free(text);
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
