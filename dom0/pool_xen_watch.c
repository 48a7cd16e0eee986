/*
 * The death watch of routelet domains.  xenstored fires @releaseDomain
 * when a domain shuts down, crashes or is destroyed; the event arrives on
 * the descriptor of a xenstore connection that only holds this watch and
 * @introduceDomain's, on the loop.  Which domains died is then read from
 * libxl's domain list: a watched routelet is dead when its domid is gone,
 * belongs to another domain (another uuid), or is shut down or dying.
 * @introduceDomain (a new domain, ours or an admin's) goes to the pool,
 * which lists the domains again for routelets it did not make.
 *
 * Everything here runs on the loop; the pool stops a routelet's watch
 * before the worker destroys it, so the list is the loop's alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

#include <event2/event.h>

#include "dom0/pool_xen_local.h"
#include "lib/log.h"

#define XEN_RELEASE_TOKEN	"quasar-release"
#define XEN_INTRODUCE_TOKEN	"quasar-introduce"

bool
xen_watch_alive_in(const struct xen_rl *rl, const libxl_dominfo *list, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (list[i].domid != rl->domid)
			continue;
		return libxl_uuid_compare(&list[i].uuid, &rl->uuid) == 0 &&
		    !list[i].shutdown && !list[i].dying;
	}
	return false;
}

/* Tell the pool, once; the record is off the watched list already. */
static void
report_dead(struct xen_rl *rl)
{
	void (*dead)(void *) = rl->dead;

	rl->dead = NULL;
	log_warnx("xen: %s (domid %u) died", rl->name, rl->domid);
	if (dead != NULL)
		dead(rl->dead_arg);
}

/* Check every watched routelet against the domain list. */
static void
scan(struct xen_be *be)
{
	libxl_dominfo *list;
	struct xen_rl *rl;
	int n;

	if (LIST_EMPTY(&be->watched))
		return;
	list = libxl_list_domain(be->ctx, &n);
	if (list == NULL) {
		log_warnx("xen: cannot list domains after @releaseDomain");
		return;
	}
	/* a callback may stop other watches: start over after each */
 again:
	LIST_FOREACH(rl, &be->watched, watched) {
		if (xen_watch_alive_in(rl, list, n))
			continue;
		LIST_REMOVE(rl, watched);
		rl->listed = false;
		report_dead(rl);
		goto again;
	}
	libxl_dominfo_list_free(list, n);
}

static void
on_watch(evutil_socket_t fd, short what, void *arg)
{
	struct xen_be *be = arg;
	bool introduced = false, released = false;
	char **ev;

	(void)fd;
	(void)what;
	while ((ev = xs_check_watch(be->xs_watch)) != NULL) {
		if (strcmp(ev[XS_WATCH_TOKEN], XEN_INTRODUCE_TOKEN) == 0)
			introduced = true;
		else
			released = true;
		free(ev);
	}
	if (released)
		scan(be);
	if (introduced && be->appeared != NULL)
		be->appeared(be->appeared_arg);
}

int
xen_watch_new(void *arg, void (*appeared)(void *), void *appeared_arg)
{
	struct xen_be *be = arg;

	be->appeared = appeared;
	be->appeared_arg = appeared_arg;
	return 0;
}

int
xen_watch_init(struct xen_be *be)
{
	int fd;

	LIST_INIT(&be->watched);
	if (!xs_watch(be->xs_watch, "@releaseDomain", XEN_RELEASE_TOKEN)) {
		log_warn("xen: xenstore watch @releaseDomain");
		return -errno;
	}
	if (!xs_watch(be->xs_watch, "@introduceDomain",
	    XEN_INTRODUCE_TOKEN)) {
		log_warn("xen: xenstore watch @introduceDomain");
		return -errno;
	}
	if ((fd = xs_fileno(be->xs_watch)) < 0)
		return -EIO;
	be->ev_release = event_new(be->conf.base, fd, EV_READ | EV_PERSIST,
	    on_watch, be);
	if (be->ev_release == NULL || event_add(be->ev_release, NULL) != 0)
		return -ENOMEM;
	return 0;
}

void
xen_watch_dispose(struct xen_be *be)
{
	if (be->ev_release != NULL)
		event_free(be->ev_release);
	be->ev_release = NULL;
}

static void
on_dead_now(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	report_dead(arg);
}

/* True if routelet 'rl' is a live domain now. */
static bool
alive_now(struct xen_be *be, const struct xen_rl *rl)
{
	libxl_dominfo info;
	bool alive;

	libxl_dominfo_init(&info);
	alive = libxl_domain_info(be->ctx, &info, rl->domid) == 0 &&
	    xen_watch_alive_in(rl, &info, 1);
	libxl_dominfo_dispose(&info);
	return alive;
}

int
xen_watch_rl(struct xen_be *be, struct xen_rl *rl, void (*dead)(void *),
    void *dead_arg)
{
	if (rl->listed)
		LIST_REMOVE(rl, watched);
	rl->listed = false;
	if (rl->ev_dead != NULL)
		event_free(rl->ev_dead);
	rl->ev_dead = NULL;
	rl->dead = dead;
	rl->dead_arg = dead_arg;
	if (dead == NULL)
		return 0;
	if (alive_now(be, rl)) {
		LIST_INSERT_HEAD(&be->watched, rl, watched);
		rl->listed = true;
		return 0;
	}
	/* dead already: say so from the loop, soon after this call */
	rl->ev_dead = evtimer_new(be->conf.base, on_dead_now, rl);
	if (rl->ev_dead == NULL) {
		rl->dead = NULL;
		return -ENOMEM;
	}
	event_active(rl->ev_dead, EV_TIMEOUT, 0);
	return 0;
}
