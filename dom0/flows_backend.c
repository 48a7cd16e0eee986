/*
 * quasard's QoS flows from its config: the backend (netns, xen or virt),
 * the pool, the HTB trees and the flows, in that order, and back
 * (dom0/flows_backend.h).
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom0/calibrate.h"
#include "dom0/flows_backend.h"
#include "dom0/flows_state.h"
#include "dom0/pool.h"
#include "dom0/pool_netns.h"
#include "dom0/pool_xen.h"
#ifdef QUASAR_HAVE_VIRT
#include "dom0/pool_virt.h"
#endif
#include "lib/log.h"

/* The routelet guests' kernel command line and their vif's hotplug
 * script (images/: /etc/xen/scripts/vif-quasar). */
#define FLOWS_GUEST_CMDLINE	"console=hvc0 quiet"
#define FLOWS_VIF_SCRIPT	"vif-quasar"

/* The model's default when nothing was measured (docs/admission.md). */
#define FLOWS_MTU_DEFAULT	1500

/* The routelet to run: the config's, or the one next to us. */
int
flows_routelet_path(const struct conf *conf, char *buf, size_t len)
{
	char self[PATH_MAX];
	ssize_t n;

	if (conf->routelet[0] != '\0') {
		if ((size_t)snprintf(buf, len, "%s", conf->routelet) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return -errno;
	self[n] = '\0';
	if ((size_t)snprintf(buf, len, "%s/quasar-routelet", dirname(self)) >=
	    len)
		return -ENAMETOOLONG;
	return 0;
}

/* The MTU of 'name' in our network namespace (sysfs may show another). */
static uint32_t
if_mtu(const char *name)
{
	struct ifreq ifr;
	int fd, r;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return FLOWS_MTU_DEFAULT;
	r = ioctl(fd, SIOCGIFMTU, &ifr);
	close(fd);
	return r == 0 && ifr.ifr_mtu > 0 ? (uint32_t)ifr.ifr_mtu :
	    FLOWS_MTU_DEFAULT;
}

/* The per-packet cost: config, else calibration file, else default. */
static void
flows_pkt_cost(struct flows_backend *fb, const struct conf *conf,
    struct rs_params *params)
{
	struct calib_result cr;
	char path[CONF_PATH_MAX + 32];

	if (conf->pkt_cost_ns != 0) {
		params->pkt_cost_ns = conf->pkt_cost_ns;
		fb->pkt_cost_from = "config";
	} else {
		snprintf(path, sizeof(path), "%s/%s", conf->state_dir,
		    FLOWS_CALIB_FILE);
		if (calibrate_load(path, &cr) == 0) {
			params->pkt_cost_ns = cr.pkt_cost_ns;
			fb->pkt_cost_from = "calibration";
		} else {
			fb->pkt_cost_from = "default";
			log_warnx("flows: no %s: per-packet cost %.0f ns is "
			    "the model's guess (run quasard --calibrate, or "
			    "set pkt-cost-ns)", path, params->pkt_cost_ns);
		}
	}
	fb->pkt_cost_ns = params->pkt_cost_ns;
}

/*
 * Names of the routelets: the production ones for the default data plane
 * instance, the instance's own otherwise (two quasards on one box, as in
 * the tests, must not take each other's routelets): <prefix><n> for the
 * namespace or domain, <ifp><n> for libvirt's dom0 interface end, 'cg'
 * for the netns backend's cgroup.
 */
static void
rl_names(const struct conf *conf, char *prefix, size_t plen, char *ifp,
    size_t ilen, char *cg, size_t cglen)
{
	if (strcmp(conf->dp_instance, CONF_DP_INSTANCE_DEFAULT) == 0) {
		snprintf(prefix, plen, "quasar-rl-");
		snprintf(ifp, ilen, "rl");
		snprintf(cg, cglen, "quasar");
	} else {
		snprintf(prefix, plen, "%s-rl-", conf->dp_instance);
		/* room for the id in IFNAMSIZ */
		snprintf(ifp, ilen, "%.8sr", conf->dp_instance);
		snprintf(cg, cglen, "quasar-%s", conf->dp_instance);
	}
}

/* The per-backend part of the bring-up: how to make, clean and free. */
struct backend_kind {
	const struct pool_backend_ops *ops;
	int	(*cleanup)(void *be);
	void	(*dispose)(void *be);
};

/* The netns backend's state; 0 or -1 (logged). */
static int
netns_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base)
{
	char ns[DP_INSTANCE_MAX + 8], ifp[16], cg[DP_INSTANCE_MAX + 8];
	struct pool_netns_conf nc;
	int rc;

	rl_names(conf, ns, sizeof(ns), ifp, sizeof(ifp), cg, sizeof(cg));
	memset(&nc, 0, sizeof(nc));
	nc.routelet = fb->routelet;
	nc.ip = "ip";
	nc.ns_prefix = ns;
	nc.if_prefix = "rl";
	nc.cgroup_parent = cg;
	nc.run_dir = FLOWS_RUN_DIR;
	nc.mounts = "/proc/mounts";
	nc.base = base;
	if ((rc = pool_netns_init(&nc, &fb->be)) < 0) {
		log_warnx("flows: netns backend: %s%s", strerror(-rc),
		    rc == -ENOENT ? " (no usable cgroup hierarchy)" : "");
		return -1;
	}
	return 0;
}

/* The Xen backend's state (libxl, xenstore); 0 or -1 (logged). */
static int
xen_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base)
{
	char prefix[DP_INSTANCE_MAX + 8], ifp[16], cg[DP_INSTANCE_MAX + 8];
	struct pool_xen_conf xc;
	int rc;

	rl_names(conf, prefix, sizeof(prefix), ifp, sizeof(ifp), cg,
	    sizeof(cg));
	memset(&xc, 0, sizeof(xc));
	xc.kernel = conf->xen_kernel;
	xc.ramdisk = conf->xen_ramdisk;
	xc.cmdline = FLOWS_GUEST_CMDLINE;
	xc.name_prefix = prefix;
	xc.vif_script = FLOWS_VIF_SCRIPT;
	xc.cpupool = conf->xen_cpupool;
	xc.cpupool_cpus = conf->xen_cpupool_cpus;
	xc.memory_mb = (unsigned)(conf->xen_memory >> 20);
	xc.base = base;
	if ((rc = pool_xen_init(&xc, &fb->be)) < 0) {
		log_warnx("flows: xen backend: %s%s", strerror(-rc),
		    rc == -ENODEV ? " (not running in a Xen dom0)" : "");
		return -1;
	}
	return 0;
}

#ifdef QUASAR_HAVE_VIRT
/* The libvirt backend's state (a connection to conf's URI); 0 or -1. */
static int
virt_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base)
{
	char prefix[DP_INSTANCE_MAX + 8], ifp[16], cg[DP_INSTANCE_MAX + 8];
	struct pool_virt_conf vc;
	int rc;

	rl_names(conf, prefix, sizeof(prefix), ifp, sizeof(ifp), cg,
	    sizeof(cg));
	memset(&vc, 0, sizeof(vc));
	vc.uri = conf->virt_uri;
	vc.name_prefix = prefix;
	vc.if_prefix = ifp;
	vc.run_dir = FLOWS_RUN_DIR;
	vc.routelet = fb->routelet;
	if (conf->virt_kernel[0] != '\0')
		vc.kernel = conf->virt_kernel;
	if (conf->virt_initrd[0] != '\0')
		vc.initrd = conf->virt_initrd;
	vc.cmdline = FLOWS_GUEST_CMDLINE;
	vc.vif_script = FLOWS_VIF_SCRIPT;
	vc.mem_kib = conf->virt_memory >> 10;
	vc.base = base;
	if ((rc = pool_virt_init(&vc, &fb->be)) < 0) {
		log_warnx("flows: virt backend on %s: %s", conf->virt_uri,
		    strerror(-rc));
		return -1;
	}
	return 0;
}
#endif

/*
 * The backend named by conf->backend into fb->ops/be/dispose; 'kind_r'
 * says how to clean its leftovers.  0 or -1 (logged).
 */
static int
backend_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base, struct backend_kind *kind_r)
{
	int rc = -1;

	memset(kind_r, 0, sizeof(*kind_r));
	switch (conf->backend) {
	case CONF_BACKEND_NETNS:
		rc = netns_start(fb, conf, base);
		*kind_r = (struct backend_kind){ &pool_netns_ops,
		    pool_netns_cleanup, pool_netns_dispose };
		break;
	case CONF_BACKEND_XEN:
		rc = xen_start(fb, conf, base);
		*kind_r = (struct backend_kind){ &pool_xen_ops,
		    pool_xen_cleanup, pool_xen_dispose };
		break;
	case CONF_BACKEND_VIRT:
#ifdef QUASAR_HAVE_VIRT
		rc = virt_start(fb, conf, base);
		*kind_r = (struct backend_kind){ &pool_virt_ops,
		    pool_virt_cleanup, pool_virt_dispose };
#else
		log_warnx("flows: backend virt not built in this quasard "
		    "(built without libvirt-dev)");
#endif
		break;
	case CONF_BACKEND_NONE:
		log_warnx("flows: backend none has no routelets");
		break;
	}
	if (rc < 0)
		return -1;
	fb->ops = kind_r->ops;
	fb->dispose = kind_r->dispose;
	return 0;
}

/* The backend and a pool over it; 0 or -1 (logged). */
static int
flows_pool_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base)
{
	struct backend_kind kind;
	struct pool_conf pc;
	int rc;

	if (mkdir(FLOWS_RUN_DIR, 0700) != 0 && errno != EEXIST) {
		log_warn("flows: %s", FLOWS_RUN_DIR);
		return -1;
	}
	if (backend_start(fb, conf, base, &kind) < 0)
		return -1;
	/*
	 * A crashed (or tearing-down) quasard's routelets: nothing of them
	 * is kept.  A keeping one's are adopted, held for their flows.
	 */
	if (!fb->keep) {
		if ((rc = kind.cleanup(fb->be)) > 0)
			log_info("flows: removed the remains of %d routelets",
			    rc);
		else if (rc < 0)
			log_warnx("flows: cleanup of leftovers: %s",
			    strerror(-rc));
	}
	memset(&pc, 0, sizeof(pc));
	pc.min_idle = conf->pool_min_idle;
	pc.max_idle = conf->pool_max_idle;
	pc.max_total = conf->pool_max_total;
	pc.retry_ms = 1000;
	pc.hold_adopted = fb->keep;
	if ((rc = pool_create(base, fb->ops, fb->be, &pc, fb->keep,
	    &fb->pool)) < 0) {
		log_warnx("flows: pool: %s", strerror(-rc));
		return -1;
	}
	return 0;
}

/*
 * Whether the backend runs quasar-routelet from dom0's file system (netns,
 * libvirt's LXC) rather than from a guest image (Xen, libvirt's Xen).
 */
static bool
runs_local_routelet(const struct conf *conf)
{
	return conf->backend == CONF_BACKEND_NETNS ||
	    (conf->backend == CONF_BACKEND_VIRT &&
	    !conf_uri_is_xen(conf->virt_uri));
}

/*
 * The flows' records in <state-dir>/flows: restored with "on-exit keep",
 * cleared (a keeping quasard's stale ones) otherwise.  0 or -1 (logged).
 */
static int
flows_state_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base)
{
	char dir[CONF_PATH_MAX + 16];
	double lifetime;
	int rc;

	snprintf(dir, sizeof(dir), "%s/%s", conf->state_dir, FLOWS_STATE_DIR);
	if (flows_state_open(fb->flows, dir, base, FLOWS_STATE_SYNC_MS,
	    &fb->state) < 0)
		return -1;
	if (!fb->keep) {
		(void)flows_state_clear(fb->state);
		return 0;
	}
	/* Flows no refresh claims within L (RFC 2205 3.7) have ended. */
	lifetime = (conf->keep_multiplier + 0.5) * 1.5 * conf->refresh_ms;
	if ((rc = flows_state_restore(fb->state, (unsigned)lifetime)) < 0) {
		log_warnx("flows: %s: %s", dir, strerror(-rc));
		return -1;
	}
	log_info("flows: %d flows taken back from %s", rc, dir);
	return 0;
}

/* Start the flows of 'conf'. */
int
flows_backend_start(struct flows_backend *fb, const struct conf *conf,
    struct event_base *base, struct dp *dp, const unsigned *ifindex,
    void (*gone)(void *, uint64_t, uint8_t, uint16_t), void *gone_arg)
{
	struct flows_conf fc;
	char err[256];
	long ncpu;
	size_t i;
	int rc;

	memset(fb, 0, sizeof(*fb));
	fb->keep = conf->on_exit == CONF_ON_EXIT_KEEP;
	if (conf->n_ifs > ADM_MAX_LINKS) {
		log_warnx("flows: more than %d line cards", ADM_MAX_LINKS);
		return -1;
	}
	if (((rc = flows_routelet_path(conf, fb->routelet,
	    sizeof(fb->routelet))) < 0 || access(fb->routelet, X_OK) != 0) &&
	    runs_local_routelet(conf)) {
		log_warnx("flows: routelet %s: %s", fb->routelet,
		    rc < 0 ? strerror(-rc) : strerror(errno));
		return -1;
	}
	memset(&fc, 0, sizeof(fc));
	rs_params_default(&fc.params);
	flows_pkt_cost(fb, conf, &fc.params);
	fc.n_links = (unsigned)conf->n_ifs;
	for (i = 0; i < conf->n_ifs; i++) {
		struct flows_link *l = &fc.links[i];

		l->ifindex = ifindex[i];
		snprintf(l->name, sizeof(l->name), "%s", conf->ifs[i].name);
		l->rate = (double)conf->ifs[i].rate_bps / 8;
		l->reservable = conf_if_reservable(conf, &conf->ifs[i]);
		l->mtu = if_mtu(l->name);
	}
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	fc.dom0_reserve = conf->dom0_reserve_mc / 1000.0;
	fc.cores = conf->cpu_budget_mc != 0 ?
	    conf->cpu_budget_mc / 1000.0 + fc.dom0_reserve :
	    (double)(ncpu > 0 ? ncpu : 1);
	fc.mem_budget = conf->memory_budget;
	fc.pool_size = conf->pool_max_total;
	fc.gone = gone;
	fc.gone_arg = gone_arg;
	if (flows_pool_start(fb, conf, base) < 0)
		goto fail;
	fc.pool = fb->pool;
	if ((rc = flows_plane_open(dp, fc.links, fc.n_links, &fb->plane, err,
	    sizeof(err))) < 0) {
		log_warnx("flows: %s", err);
		goto fail;
	}
	fc.plane = &flows_plane_real_ops;
	fc.plane_arg = fb->plane;
	if ((rc = flows_init(&fc, &fb->flows, err, sizeof(err))) < 0) {
		log_warnx("%s", err);
		goto fail;
	}
	if (flows_state_start(fb, conf, base) < 0)
		goto fail;
	log_info("flows: backend %s, routelet %s, pool %u/%u/%u, "
	    "%.3f cores for routelets, %llu bytes, %.0f ns per packet (%s)",
	    conf_backend_name(conf->backend), runs_local_routelet(conf) ?
	    fb->routelet : "in the guest image", conf->pool_min_idle,
	    conf->pool_max_idle,
	    conf->pool_max_total, fc.cores - fc.dom0_reserve,
	    (unsigned long long)fc.mem_budget, fb->pkt_cost_ns,
	    fb->pkt_cost_from);
	return 0;
fail:
	flows_backend_stop(fb);
	return -1;
}

/* Everything down, in the reverse order. */
void
flows_backend_stop(struct flows_backend *fb)
{
	if (fb->keep) {
		/* The records last, then let go of everything running. */
		if (fb->state != NULL)
			(void)flows_state_sync(fb->state);
		flows_state_close(fb->state);
		fb->state = NULL;
		flows_state_forget(fb->flows);
		fb->flows = NULL;
		flows_plane_forget(fb->plane);
		fb->plane = NULL;
		if (fb->pool != NULL)
			pool_free(fb->pool, true);
		fb->pool = NULL;
	}
	/* Flows first: ILM entries, vifs, classes, routelets released. */
	if (fb->state != NULL)
		(void)flows_state_clear(fb->state);
	flows_state_close(fb->state);
	fb->state = NULL;
	flows_free(fb->flows);
	fb->flows = NULL;
	flows_plane_close(fb->plane);
	fb->plane = NULL;
	if (fb->pool != NULL)
		pool_free(fb->pool, false);
	fb->pool = NULL;
	if (fb->be != NULL && fb->dispose != NULL)
		fb->dispose(fb->be);
	fb->be = NULL;
}

/* quasard --calibrate. */
int
flows_calibrate(const struct conf *conf)
{
	struct calib_params p;
	struct calib_result r;
	char routelet[CONF_PATH_MAX], path[CONF_PATH_MAX + 32], err[256];
	int rc;

	if ((rc = flows_routelet_path(conf, routelet, sizeof(routelet))) < 0) {
		fprintf(stderr, "quasard: routelet: %s\n", strerror(-rc));
		return -1;
	}
	calib_params_default(&p);
	p.routelet = routelet;
	if ((rc = calibrate_run(&p, &r, err, sizeof(err))) < 0) {
		fprintf(stderr, "quasard: calibrate: %s\n", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", conf->state_dir,
	    FLOWS_CALIB_FILE);
	if ((rc = calibrate_save(path, &r)) < 0) {
		fprintf(stderr, "quasard: %s: %s\n", path, strerror(-rc));
		return -1;
	}
	printf("pkt-cost-ns %.1f (%llu frames of %u bytes in %.2f s, %.3f s "
	    "of CPU) saved in %s\n", r.pkt_cost_ns,
	    (unsigned long long)r.frames, r.frame_len, r.seconds,
	    r.cpu_seconds, path);
	return 0;
}
