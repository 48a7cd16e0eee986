/*
 * The pool's Xen backend (dom0/pool_xen.h, docs/pool-xen.md): the ops
 * table, the backend's state, create and destroy (in the pool's worker
 * thread, libxl's synchronous calls: ao_how NULL), list, and the quick ops
 * the loop runs.  The domain config, caps, xenstore channel and death
 * watch are in pool_xen_dom.c, pool_xen_caps.c, pool_xen_chan.c and
 * pool_xen_watch.c.
 *
 * libxl runs the vif's hotplug script as a child and learns of its end
 * through SIGCHLD (libxl_sigchld_owner_libxl, the default): the loop's
 * thread keeps SIGCHLD unblocked (the pool's worker blocks every signal),
 * and the program must not reap children it did not make itself.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xenstore.h>


#include "dom0/pool_xen_local.h"
#include "lib/log.h"
#include "routelet/config.h"

#define XEN_BOOT_MS_DEFAULT	60000	/* a TCG-emulated guest needs ~15 s */
#define XEN_CONFIG_MS_DEFAULT	5000	/* a TCG-emulated guest answers in
					   15-40 ms; a capped, busy one later */
#define XEN_BOOT_POLL_MS	50

int
xen_errno(int libxl_rc)
{
	switch (libxl_rc) {
	case 0:
		return 0;
	case ERROR_NOMEM:
		return -ENOMEM;
	case ERROR_INVAL:
		return -EINVAL;
	case ERROR_DOMAIN_NOTFOUND:
		return -ESRCH;
	case ERROR_NOTFOUND:
		return -ENOENT;
	case ERROR_NOT_READY:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

/* libxl's and libxc's messages, into lib/log.h. */
static void
xtl_to_log(struct xentoollog_logger *lg, xentoollog_level level,
    int errnoval, const char *context, const char *fmt, va_list ap)
{
	char msg[512];

	(void)lg;
	if (level < XTL_INFO && log_getlevel() < LOG_LVL_DEBUG)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (level >= XTL_WARN)
		log_warnx("%s: %s%s%s", context != NULL ? context : "libxl",
		    msg, errnoval >= 0 ? ": " : "",
		    errnoval >= 0 ? strerror(errnoval) : "");
	else
		log_debug("%s: %s", context != NULL ? context : "libxl", msg);
}

static int
copy_str(char *dst, size_t cap, const char *src, const char **keep_r)
{
	int n = snprintf(dst, cap, "%s", src != NULL ? src : "");

	*keep_r = dst;
	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

/* Copy conf's strings into 'be', with defaults for what is zero. */
static int
copy_conf(struct xen_be *be, const struct pool_xen_conf *conf)
{
	struct pool_xen_conf *c = &be->conf;
	int rc;

	*c = *conf;
	rc = copy_str(be->kernel, sizeof(be->kernel), conf->kernel,
	    &c->kernel);
	if (rc == 0)
		rc = copy_str(be->ramdisk, sizeof(be->ramdisk), conf->ramdisk,
		    &c->ramdisk);
	if (rc == 0)
		rc = copy_str(be->cmdline, sizeof(be->cmdline), conf->cmdline,
		    &c->cmdline);
	if (rc == 0)
		rc = copy_str(be->name_prefix, sizeof(be->name_prefix),
		    conf->name_prefix, &c->name_prefix);
	if (rc == 0)
		rc = copy_str(be->vif_script, sizeof(be->vif_script),
		    conf->vif_script, &c->vif_script);
	if (rc == 0)
		rc = copy_str(be->cpupool, sizeof(be->cpupool), conf->cpupool,
		    &c->cpupool);
	if (rc == 0)
		rc = copy_str(be->cpupool_cpus, sizeof(be->cpupool_cpus),
		    conf->cpupool_cpus, &c->cpupool_cpus);
	if (rc != 0)
		return rc;
	if (be->kernel[0] == '\0' || be->name_prefix[0] == '\0' ||
	    conf->base == NULL) {
		log_warnx("xen: the conf needs a kernel, a name prefix and a "
		    "loop");
		return -EINVAL;
	}
	if (conf->memory_mb < XEN_MEMORY_MIN_MB) {
		log_warnx("xen: routelet memory %u MiB: Debian's kernel needs "
		    "at least %u", conf->memory_mb, XEN_MEMORY_MIN_MB);
		return -EINVAL;
	}
	if (c->boot_ms == 0)
		c->boot_ms = XEN_BOOT_MS_DEFAULT;
	if (c->config_ms == 0)
		c->config_ms = XEN_CONFIG_MS_DEFAULT;
	return 0;
}

int
pool_xen_init(const struct pool_xen_conf *conf, void **be_r)
{
	struct xen_be *be;
	int rc;

	be = calloc(1, sizeof(*be));
	if (be == NULL)
		return -ENOMEM;
	LIST_INIT(&be->watched);
	be->lg.vmessage = xtl_to_log;
	rc = copy_conf(be, conf);
	if (rc != 0)
		goto out;
	rc = libxl_ctx_alloc(&be->ctx, LIBXL_VERSION, 0, &be->lg);
	if (rc != 0) {
		log_warnx("xen: no libxl context (not dom0 of a Xen host?)");
		be->ctx = NULL;
		rc = -ENODEV;
		goto out;
	}
	if ((be->xs_loop = xs_open(0)) == NULL ||
	    (be->xs_worker = xs_open(0)) == NULL ||
	    (be->xs_watch = xs_open(0)) == NULL) {
		log_warn("xen: cannot connect to xenstore");
		rc = -ENODEV;
		goto out;
	}
	rc = xen_caps_cpupool(be);
	if (rc == 0)
		rc = xen_watch_init(be);
	if (rc != 0)
		goto out;
	log_info("xen: routelets %s<n>: %s, %u MiB, vif script %s",
	    be->name_prefix, be->kernel, be->conf.memory_mb,
	    be->vif_script[0] != '\0' ? be->vif_script : "(libxl's)");
	*be_r = be;
 out:
	if (rc != 0)
		pool_xen_dispose(be);
	return rc;
}

void
pool_xen_dispose(void *arg)
{
	struct xen_be *be = arg;

	if (be == NULL)
		return;
	xen_watch_dispose(be);
	if (be->xs_loop != NULL)
		xs_close(be->xs_loop);
	if (be->xs_worker != NULL)
		xs_close(be->xs_worker);
	if (be->xs_watch != NULL)
		xs_close(be->xs_watch);
	libxl_ctx_free(be->ctx);
	free(be);
}

/* A handle for routelet 'id' of domain 'domid' (XEN_NO_DOMID: none). */
static int
rl_new(struct xen_be *be, unsigned id, struct xen_rl **rl_r)
{
	struct xen_rl *rl;
	int n;

	rl = calloc(1, sizeof(*rl));
	if (rl == NULL)
		return -ENOMEM;
	rl->be = be;
	rl->id = id;
	rl->domid = XEN_NO_DOMID;
	n = snprintf(rl->name, sizeof(rl->name), "%s%u", be->name_prefix, id);
	if (n < 0 || (size_t)n >= sizeof(rl->name)) {
		free(rl);
		return -ENAMETOOLONG;
	}
	*rl_r = rl;
	return 0;
}

/* Read the uuid of the new domain, the mark that tells domid reuse. */
static int
learn_uuid(struct xen_be *be, struct xen_rl *rl)
{
	libxl_dominfo info;
	int rc;

	libxl_dominfo_init(&info);
	rc = libxl_domain_info(be->ctx, &info, rl->domid);
	if (rc == 0)
		libxl_uuid_copy(be->ctx, &rl->uuid, &info.uuid);
	libxl_dominfo_dispose(&info);
	return xen_errno(rc);
}

/* Wait until the routelet writes its counters: it runs. */
static int
wait_boot(struct xen_be *be, struct xen_rl *rl)
{
	struct timespec pause = { 0, XEN_BOOT_POLL_MS * 1000000L };
	unsigned waited;

	for (waited = 0; waited < be->conf.boot_ms;
	    waited += XEN_BOOT_POLL_MS) {
		if (xen_chan_alive(&xen_xs_real, be->xs_worker, rl->domid))
			return 0;
		nanosleep(&pause, NULL);
	}
	log_warnx("xen: %s (domid %u): the routelet did not start in %u ms "
	    "(its console: /var/log/xen/console/guest-%s.log)", rl->name,
	    rl->domid, be->conf.boot_ms, rl->name);
	return -ETIMEDOUT;
}

/*
 * Destroy domain 'domid' if it is still the one of 'uuid' (a domid may
 * be another domain's after ours died).
 */
static int
destroy_domain(struct xen_be *be, const char *name, uint32_t domid,
    const libxl_uuid *uuid)
{
	libxl_dominfo info;
	bool ours;
	int rc;

	libxl_dominfo_init(&info);
	rc = libxl_domain_info(be->ctx, &info, domid);
	ours = rc == 0 && (uuid == NULL ||
	    libxl_uuid_compare(&info.uuid, uuid) == 0);
	libxl_dominfo_dispose(&info);
	if (rc == ERROR_DOMAIN_NOTFOUND || (rc == 0 && !ours))
		return 0;	/* gone already */
	if (rc != 0)
		return xen_errno(rc);
	rc = libxl_domain_destroy(be->ctx, domid, NULL);
	if (rc != 0) {
		log_warnx("xen: %s (domid %u): destroy: libxl error %d", name,
		    domid, rc);
		return xen_errno(rc);
	}
	return 0;
}

static int
xen_create(void *arg, unsigned id, void **h_r)
{
	struct xen_be *be = arg;
	libxl_domain_config dc;
	struct xen_rl *rl;
	uint32_t domid;
	int rc;

	rc = rl_new(be, id, &rl);
	if (rc != 0)
		return rc;
	libxl_domain_config_init(&dc);
	/* a domain of that name may be an admin's: not touched */
	if (libxl_name_to_domid(be->ctx, rl->name, &domid) == 0) {
		log_warnx("xen: %s exists already (domid %u)", rl->name,
		    domid);
		rc = -EEXIST;
		goto out;
	}
	rc = xen_dom_config(&be->conf, rl->name, be->poolid, &dc);
	if (rc != 0)
		goto out;
	rc = libxl_domain_create_new(be->ctx, &dc, &rl->domid, NULL, NULL);
	if (rc != 0) {
		log_warnx("xen: %s: create: libxl error %d", rl->name, rc);
		rc = xen_errno(rc);
		goto out;
	}
	rc = learn_uuid(be, rl);
	if (rc == 0)
		rc = xen_chan_prepare(&xen_xs_real, be->xs_worker, rl->domid);
	if (rc == 0) {
		rc = libxl_domain_unpause(be->ctx, rl->domid, NULL);
		if (rc != 0) {
			log_warnx("xen: %s: unpause: libxl error %d", rl->name,
			    rc);
			rc = xen_errno(rc);
		}
	}
	if (rc == 0)
		rc = wait_boot(be, rl);
	if (rc == 0)
		log_debug("xen: %s created: domid %u, vif%u.0", rl->name,
		    rl->domid, rl->domid);
 out:
	if (rc != 0 && rl->domid != XEN_NO_DOMID)
		destroy_domain(be, rl->name, rl->domid, NULL);
	libxl_domain_config_dispose(&dc);
	if (rc != 0)
		free(rl);
	else
		*h_r = rl;
	return rc;
}

static int
xen_destroy(void *arg, void *h)
{
	struct xen_be *be = arg;
	struct xen_rl *rl = h;
	int rc;

	rc = destroy_domain(be, rl->name, rl->domid, &rl->uuid);
	if (rc == 0)
		log_debug("xen: %s (domid %u) destroyed", rl->name, rl->domid);
	free(rl);
	return rc;
}

static int
xen_set_caps(void *arg, void *h, const struct pool_caps *caps)
{
	return xen_caps_apply(arg, h, caps);
}

static int
xen_configure(void *arg, void *h, const char *text, size_t len)
{
	struct xen_be *be = arg;
	struct xen_rl *rl = h;
	char err[RL_ERR_MAX];
	int rc;

	rl->generation++;
	err[0] = '\0';
	rc = xen_chan_write(&xen_xs_real, be->xs_loop, rl->domid, text, len,
	    rl->generation, err, sizeof(err));
	if (rc == 0)
		rc = xen_chan_wait(&xen_xs_real, be->xs_loop, rl->domid,
		    rl->generation, be->conf.config_ms, err, sizeof(err));
	if (rc == -EINVAL)
		log_warnx("xen: %s: config generation %llu refused: %s",
		    rl->name, (unsigned long long)rl->generation, err);
	else if (rc != 0)
		log_warnx("xen: %s: configure: %s%s%s", rl->name,
		    strerror(-rc), err[0] != '\0' ? ": " : "", err);
	else
		log_debug("xen: %s: generation %llu in force", rl->name,
		    (unsigned long long)rl->generation);
	return rc;
}

static int
xen_vif(void *arg, void *h, char name[POOL_IFNAME_MAX], unsigned *ifindex_r)
{
	struct xen_rl *rl = h;
	char ifname[POOL_IFNAME_MAX];
	unsigned idx;

	(void)arg;
	snprintf(ifname, sizeof(ifname), "vif%u.0", rl->domid);
	idx = if_nametoindex(ifname);
	if (idx == 0)
		return -errno;
	memcpy(name, ifname, sizeof(ifname));
	*ifindex_r = idx;
	return 0;
}

static int
xen_watch(void *arg, void *h, void (*dead)(void *), void *dead_arg)
{
	return xen_watch_rl(arg, h, dead, dead_arg);
}

long
xen_id_of(const char *prefix, const char *name)
{
	size_t plen = strlen(prefix), i;
	long id = 0;

	if (strncmp(name, prefix, plen) != 0 || name[plen] == '\0')
		return -1;
	/* one spelling per id: "quasar-rl-03" would be a second 3 */
	if (name[plen] == '0' && name[plen + 1] != '\0')
		return -1;
	for (i = plen; name[i] != '\0'; i++) {
		if (name[i] < '0' || name[i] > '9' || id > 100000000)
			return -1;
		id = id * 10 + (name[i] - '0');
	}
	return id;
}

/*
 * Call found(be, rl) for each domain named <prefix><n>, with a handle
 * made from its dominfo.  Returns 0 or -errno.
 */
static int
each_domain(struct xen_be *be, void (*found)(struct xen_be *,
    struct xen_rl *, void *), void *arg)
{
	libxl_dominfo *list;
	struct xen_rl *rl;
	char *name;
	long id;
	int i, n, rc = 0;

	list = libxl_list_domain(be->ctx, &n);
	if (list == NULL)
		return -EIO;
	for (i = 0; i < n; i++) {
		if (list[i].domid == 0)
			continue;
		name = libxl_domid_to_name(be->ctx, list[i].domid);
		id = name != NULL ? xen_id_of(be->name_prefix, name) : -1;
		free(name);
		if (id < 0)
			continue;
		if ((rc = rl_new(be, (unsigned)id, &rl)) != 0)
			break;
		rl->domid = list[i].domid;
		libxl_uuid_copy(be->ctx, &rl->uuid, &list[i].uuid);
		found(be, rl, arg);
	}
	libxl_dominfo_list_free(list, n);
	return rc;
}

struct list_ctx {
	void	(*found)(void *, unsigned, void *);
	void	*arg;
};

/*
 * Adopt: the generation goes on from what xenstore holds, and the
 * quasar/ directory is made if an admin's xl create left none.
 */
static void
adopt_one(struct xen_be *be, struct xen_rl *rl, void *arg)
{
	struct list_ctx *ctx = arg;
	int rc;

	rl->generation = xen_chan_last_generation(&xen_xs_real, be->xs_loop,
	    rl->domid);
	rc = xen_chan_prepare(&xen_xs_real, be->xs_loop, rl->domid);
	if (rc != 0)
		log_warnx("xen: %s: xenstore quasar/: %s", rl->name,
		    strerror(-rc));
	log_debug("xen: found %s (domid %u, generation %llu)", rl->name,
	    rl->domid, (unsigned long long)rl->generation);
	ctx->found(ctx->arg, rl->id, rl);
}

static int
xen_list(void *arg, void (*found)(void *, unsigned, void *), void *farg)
{
	struct list_ctx ctx = { found, farg };

	return each_domain(arg, adopt_one, &ctx);
}

static void
cleanup_one(struct xen_be *be, struct xen_rl *rl, void *arg)
{
	int *count = arg;

	log_info("xen: destroying leftover %s (domid %u)", rl->name,
	    rl->domid);
	if (destroy_domain(be, rl->name, rl->domid, &rl->uuid) == 0)
		(*count)++;
	free(rl);
}

int
pool_xen_cleanup(void *arg)
{
	int count = 0, rc;

	rc = each_domain(arg, cleanup_one, &count);
	return rc != 0 ? rc : count;
}

/* Leave the domain running; free only our side of it. */
static void
xen_forget(void *arg, void *h)
{
	struct xen_rl *rl = h;

	xen_watch_rl(arg, rl, NULL, NULL);
	log_debug("xen: %s left running (domid %u)", rl->name, rl->domid);
	free(rl);
}

static int
xen_counters(void *arg, void *h, char *buf, size_t len)
{
	struct xen_be *be = arg;
	struct xen_rl *rl = h;

	return xen_chan_counters(&xen_xs_real, be->xs_loop, rl->domid, buf,
	    len);
}

/* The domain's info, if it is still ours: 0, or -ESRCH. */
static int
dominfo(struct xen_be *be, struct xen_rl *rl, libxl_dominfo *info)
{
	int rc;

	rc = libxl_domain_info(be->ctx, info, rl->domid);
	if (rc != 0)
		return xen_errno(rc);
	return libxl_uuid_compare(&info->uuid, &rl->uuid) == 0 ? 0 : -ESRCH;
}

static int
xen_cpu_time(void *arg, void *h, uint64_t *ns_r)
{
	libxl_dominfo info;
	int rc;

	libxl_dominfo_init(&info);
	rc = dominfo(arg, h, &info);
	if (rc == 0)
		*ns_r = info.cpu_time;
	libxl_dominfo_dispose(&info);
	return rc;
}

static int
xen_describe(void *arg, void *h, char *buf, size_t len)
{
	struct xen_rl *rl = h;
	libxl_dominfo info;
	const char *state;
	int n;

	libxl_dominfo_init(&info);
	if (dominfo(arg, rl, &info) != 0)
		state = "gone";
	else if (info.dying)
		state = "dying";
	else if (info.shutdown)
		state = "shutdown";
	else if (info.paused)
		state = "paused";
	else if (info.running)
		state = "running";
	else
		state = "blocked";
	libxl_dominfo_dispose(&info);
	n = snprintf(buf, len, "xen %s domid %u %s", rl->name, rl->domid,
	    state);
	return n < 0 || (size_t)n >= len ? -ENOSPC : n;
}

const struct pool_backend_ops pool_xen_ops = {
	.name = "xen",
	.create = xen_create,
	.destroy = xen_destroy,
	.set_caps = xen_set_caps,
	.configure = xen_configure,
	.vif = xen_vif,
	.watch = xen_watch,
	.list = xen_list,
	.forget = xen_forget,
	.watch_new = xen_watch_new,
	.counters = xen_counters,
	.cpu_time = xen_cpu_time,
	.describe = xen_describe,
};
