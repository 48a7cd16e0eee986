/*
 * Deaths of routelets, from libvirt to the pool's loop
 * (dom0/pool_virt_local.h).
 *
 * libvirt delivers domain events only through an event loop of its own
 * kind.  We run libvirt's default one (virEventRegisterDefaultImpl) in a
 * thread of its own rather than bridging it onto libevent with
 * virEventRegisterImpl: libvirt adds and changes its handles from any
 * thread that makes a call (the pool's worker among them), which a
 * libevent base built without thread support must not see.  The lifecycle
 * callback runs in that thread: it marks the routelet dead under the
 * backend's lock and writes an eventfd; the loop reads it and calls each
 * watched routelet's dead() there, one at a time.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <event2/event.h>

#include "dom0/pool_virt_local.h"
#include "lib/log.h"

static pthread_mutex_t evloop_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned evloop_users;
static bool evloop_registered;
static volatile bool evloop_quit;
static pthread_t evloop_thread;

static void *
evloop_run(void *arg)
{
	(void)arg;
	while (!evloop_quit)
		if (virEventRunDefaultImpl() < 0)
			log_warnx("virt: event loop: %s",
			    virGetLastErrorMessage());
	return NULL;
}

/* A timeout that only wakes the loop thread (to see evloop_quit). */
static void
evloop_wake(int timer, void *arg)
{
	(void)arg;
	virEventRemoveTimeout(timer);
}

int
virt_evloop_start(void)
{
	int rc = 0, r;

	pthread_mutex_lock(&evloop_lock);
	if (evloop_users++ > 0)
		goto out;
	if (!evloop_registered) {
		if (virEventRegisterDefaultImpl() < 0) {
			rc = virt_err("event loop", -1);
			evloop_users--;
			goto out;
		}
		evloop_registered = true;
	}
	evloop_quit = false;
	r = pthread_create(&evloop_thread, NULL, evloop_run, NULL);
	if (r != 0) {
		rc = -r;
		evloop_users--;
	}
 out:
	pthread_mutex_unlock(&evloop_lock);
	return rc;
}

void
virt_evloop_stop(void)
{
	pthread_mutex_lock(&evloop_lock);
	if (evloop_users > 0 && --evloop_users == 0) {
		evloop_quit = true;
		if (virEventAddTimeout(0, evloop_wake, NULL, NULL) < 0)
			log_warnx("virt: cannot wake the event loop: %s",
			    virGetLastErrorMessage());
		pthread_join(evloop_thread, NULL);
	}
	pthread_mutex_unlock(&evloop_lock);
}

static void
wake_loop(struct virt_be *be)
{
	uint64_t one = 1;

	if (write(be->evfd, &one, sizeof(one)) != sizeof(one))
		log_warn("virt: eventfd");
}

void
virt_mark_dead(struct virt_rl *rl)
{
	pthread_mutex_lock(&rl->be->lock);
	rl->died = true;
	pthread_mutex_unlock(&rl->be->lock);
	wake_loop(rl->be);
}

/* libvirt's event thread: a domain stopped or crashed. */
static int
on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail,
    void *arg)
{
	struct virt_be *be = arg;
	unsigned char uuid[VIR_UUID_BUFLEN];
	struct virt_rl *rl;
	bool found = false;

	(void)conn;
	if (event != VIR_DOMAIN_EVENT_STOPPED &&
	    event != VIR_DOMAIN_EVENT_CRASHED)
		return 0;
	if (virDomainGetUUID(dom, uuid) < 0)
		return 0;
	pthread_mutex_lock(&be->lock);
	LIST_FOREACH(rl, &be->rls, link) {
		if (memcmp(rl->uuid, uuid, sizeof(uuid)) == 0) {
			rl->died = true;
			found = true;
		}
	}
	pthread_mutex_unlock(&be->lock);
	if (found) {
		log_debug("virt: %s stopped (event %d, detail %d)",
		    virDomainGetName(dom), event, detail);
		wake_loop(be);
	}
	return 0;
}

static void
on_close(virConnectPtr conn, int reason, void *arg)
{
	struct virt_be *be = arg;

	(void)conn;
	log_warnx("virt: connection to %s closed (reason %d): deaths are no "
	    "longer seen", be->uri, reason);
}

/* The loop: call dead() of each watched routelet that died, once. */
static void
on_evfd(evutil_socket_t fd, short what, void *arg)
{
	struct virt_be *be = arg;
	struct virt_rl *rl;
	void (*dead)(void *);
	void *dead_arg;
	uint64_t n;

	(void)what;
	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		log_warn("virt: eventfd");
	for (;;) {
		dead = NULL;
		pthread_mutex_lock(&be->lock);
		LIST_FOREACH(rl, &be->rls, link) {
			if (rl->died && !rl->reported && rl->dead != NULL) {
				rl->reported = true;
				dead = rl->dead;
				dead_arg = rl->dead_arg;
				log_warnx("virt: %s: routelet died", rl->name);
				break;
			}
		}
		pthread_mutex_unlock(&be->lock);
		if (dead == NULL)
			return;
		/* may unwatch or forget others: the list is walked afresh */
		dead(dead_arg);
	}
}

int
virt_events_init(struct virt_be *be)
{
	int rc;

	be->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (be->evfd == -1)
		return -errno;
	be->ev = event_new(be->base, be->evfd, EV_READ | EV_PERSIST, on_evfd,
	    be);
	if (be->ev == NULL || event_add(be->ev, NULL) != 0) {
		rc = -ENOMEM;
		goto out;
	}
	be->cb_id = virConnectDomainEventRegisterAny(be->conn, NULL,
	    VIR_DOMAIN_EVENT_ID_LIFECYCLE,
	    VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), be, NULL);
	if (be->cb_id < 0) {
		rc = virt_err("lifecycle events", -1);
		goto out;
	}
	if (virConnectRegisterCloseCallback(be->conn, on_close, be, NULL) < 0)
		virResetLastError();	/* local drivers never close */
	/* a dead libvirtd is noticed (on_close) within 15 s */
	if (virConnectSetKeepAlive(be->conn, 5, 3) < 0)
		virResetLastError();	/* not remote: nothing to keep alive */
	rc = 0;
 out:
	if (rc != 0)
		virt_events_dispose(be);
	return rc;
}

void
virt_events_stop(struct virt_be *be)
{
	if (be->cb_id < 0)
		return;
	virConnectDomainEventDeregisterAny(be->conn, be->cb_id);
	if (virConnectUnregisterCloseCallback(be->conn, on_close) < 0)
		virResetLastError();	/* it was never registered */
	be->cb_id = -1;
}

void
virt_events_dispose(struct virt_be *be)
{
	virt_events_stop(be);
	if (be->ev != NULL)
		event_free(be->ev);
	be->ev = NULL;
	if (be->evfd != -1)
		close(be->evfd);
	be->evfd = -1;
}
