/*
 * The pool's libvirt backend (dom0/pool_virt.h, docs/pool-virt.md): the
 * connection, and a routelet's birth, adoption and end.  The ops that run
 * on the loop (caps, config, watch, show) are in pool_virt_live.c.
 *
 * Domains are transient (virDomainCreateXML): a routelet lives exactly as
 * long as its domain runs, so a failed start, a death or a destroy leaves
 * no definition behind to undefine, and nothing of ours waits in libvirt's
 * configuration to start at the next boot.  A domain that outlives
 * quasard is still listed while it runs, which is all adoption needs.
 *
 * Threads: create and destroy run in the pool's worker, the other ops on
 * the loop, lifecycle events in libvirt's event thread.  The connection
 * is thread-safe; the list of handles and their death flags are guarded by
 * be->lock; each handle is used by one of worker and loop at a time (the
 * pool stops the watch before it queues a destroy).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xenstore.h>

#include "dom0/pool_virt.h"
#include "dom0/pool_virt_local.h"
#include "dom0/pool_xen_local.h"	/* the xenstore channel, xen_chan_* */
#include "dom0/rl_ctl.h"
#include "lib/log.h"

#define VIRT_CONNECT_MS		5000	/* a starting container's socket */
#define VIRT_ADOPT_MS		500	/* a running one's */
#define VIRT_VETH_GONE_MS	2000	/* after destroy, the dom0 end goes */
#define VIRT_XML_MAX		8192

static int
copy_str(char *dst, size_t cap, const char *src)
{
	int n = snprintf(dst, cap, "%s", src != NULL ? src : "");

	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

/* Domain and interface names: letters, digits, '_', '.', '-' only. */
static bool
valid_prefix(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("_.-", *s) == NULL)
			return false;
	return true;
}

/* libvirt prints every error to stderr by default; we log our own. */
static void
quiet_errors(void *arg, virErrorPtr e)
{
	(void)arg;
	(void)e;
}

static int
copy_conf(struct virt_be *be, const struct pool_virt_conf *conf)
{
	int rc;

	rc = copy_str(be->uri, sizeof(be->uri), conf->uri);
	if (rc == 0)
		rc = copy_str(be->name_prefix, sizeof(be->name_prefix),
		    conf->name_prefix);
	if (rc == 0)
		rc = copy_str(be->if_prefix, sizeof(be->if_prefix),
		    conf->if_prefix);
	if (rc == 0)
		rc = copy_str(be->run_dir, sizeof(be->run_dir), conf->run_dir);
	if (rc == 0)
		rc = copy_str(be->routelet, sizeof(be->routelet),
		    conf->routelet);
	if (rc == 0)
		rc = copy_str(be->kernel, sizeof(be->kernel), conf->kernel);
	if (rc == 0)
		rc = copy_str(be->initrd, sizeof(be->initrd), conf->initrd);
	if (rc == 0)
		rc = copy_str(be->cmdline, sizeof(be->cmdline),
		    conf->cmdline != NULL ? conf->cmdline :
		    "console=hvc0 quiet");
	if (rc == 0)
		rc = copy_str(be->vif_script, sizeof(be->vif_script),
		    conf->vif_script != NULL ? conf->vif_script :
		    "vif-quasar");
	if (rc != 0)
		return rc;
	if (!valid_prefix(be->name_prefix) || !valid_prefix(be->if_prefix)) {
		log_warnx("virt: prefixes '%s' and '%s': only letters, digits, "
		    "'_', '.' and '-'", be->name_prefix, be->if_prefix);
		return -EINVAL;
	}
	be->mem_kib = conf->mem_kib != 0 ? conf->mem_kib : 131072;
	be->weight = conf->weight != 0 ? conf->weight : 256;
	be->base = conf->base;
	return 0;
}

/* The driver behind the connection, and what it needs from the conf. */
static int
find_kind(struct virt_be *be)
{
	const char *type = virConnectGetType(be->conn);
	struct stat st;

	if (type == NULL)
		return virt_err("driver type", -1);
	if (strcasecmp(type, "LXC") == 0) {
		be->kind = VIRT_LXC;
		if (be->run_dir[0] != '/' || stat(be->run_dir, &st) != 0 ||
		    !S_ISDIR(st.st_mode) || access(be->routelet, X_OK) != 0) {
			log_warnx("virt: LXC needs an absolute run_dir (%s) and "
			    "quasar-routelet (%s)", be->run_dir, be->routelet);
			return -EINVAL;
		}
	} else if (strcasecmp(type, "Xen") == 0 ||
	    strcasecmp(type, "xenlight") == 0) {
		be->kind = VIRT_XEN;
		if (access(be->kernel, R_OK) != 0 ||
		    access(be->initrd, R_OK) != 0) {
			log_warnx("virt: Xen needs the routelet kernel (%s) and "
			    "initramfs (%s)", be->kernel, be->initrd);
			return -EINVAL;
		}
		be->xs_worker = xs_open(0);
		be->xs_loop = xs_open(0);
		if (be->xs_worker == NULL || be->xs_loop == NULL) {
			log_warn("virt: xenstore");
			return -errno;
		}
	} else if (strcasecmp(type, "Test") == 0) {
		be->kind = VIRT_TEST;
	} else {
		log_warnx("virt: %s: driver %s is not supported (LXC, Xen, "
		    "Test)", be->uri, type);
		return -ENOTSUP;
	}
	return 0;
}

static void
close_xs(struct virt_be *be)
{
	if (be->xs_worker != NULL)
		xs_close(be->xs_worker);
	if (be->xs_loop != NULL)
		xs_close(be->xs_loop);
	be->xs_worker = be->xs_loop = NULL;
}

int
pool_virt_init(const struct pool_virt_conf *conf, void **be_r)
{
	struct virt_be *be;
	bool evloop = false;
	int rc;

	be = calloc(1, sizeof(*be));
	if (be == NULL)
		return -ENOMEM;
	be->cb_id = -1;
	be->evfd = -1;
	LIST_INIT(&be->rls);
	pthread_mutex_init(&be->lock, NULL);
	rc = copy_conf(be, conf);
	if (rc != 0)
		goto out;
	/* first, before any other call: libvirt's threads need it */
	if (virInitialize() < 0) {
		rc = -EIO;
		goto out;
	}
	virSetErrorFunc(NULL, quiet_errors);
	/* the event implementation must exist before the connection */
	if ((rc = virt_evloop_start()) != 0)
		goto out;
	evloop = true;
	be->conn = virConnectOpen(be->uri);
	if (be->conn == NULL) {
		virt_err(be->uri, -1);
		rc = -ECONNREFUSED;
		goto out;
	}
	if ((rc = find_kind(be)) != 0 || (rc = virt_events_init(be)) != 0)
		goto out;
	log_info("virt: %s, routelets %s<n>, interfaces %s<n>", be->uri,
	    be->name_prefix, be->if_prefix);
	*be_r = be;
 out:
	if (rc != 0) {
		close_xs(be);
		virt_events_stop(be);
		if (be->conn != NULL)
			virConnectClose(be->conn);
		if (evloop)
			virt_evloop_stop();
		virt_events_dispose(be);
		pthread_mutex_destroy(&be->lock);
		free(be);
	}
	return rc;
}

/* Free our side of 'rl' (not the domain); it must be off the list. */
static void
rl_free(struct virt_rl *rl)
{
	virt_live_unwatch(rl);
	virt_live_drop(rl);
	if (rl->dom != NULL)
		virDomainFree(rl->dom);
	free(rl);
}

static void
rl_unlink(struct virt_rl *rl)
{
	pthread_mutex_lock(&rl->be->lock);
	LIST_REMOVE(rl, link);
	pthread_mutex_unlock(&rl->be->lock);
}

void
pool_virt_dispose(void *arg)
{
	struct virt_be *be = arg;
	struct virt_rl *rl;

	/* no callback may touch 'be' once it is freed: deregister, close,
	 * and stop the event thread before the eventfd goes */
	virt_events_stop(be);
	while ((rl = LIST_FIRST(&be->rls)) != NULL) {
		rl_unlink(rl);
		rl_free(rl);
	}
	virConnectClose(be->conn);
	virt_evloop_stop();
	virt_events_dispose(be);
	close_xs(be);
	pthread_mutex_destroy(&be->lock);
	free(be);
}

/* A handle for routelet 'id', no domain yet. */
static int
rl_new(struct virt_be *be, unsigned id, struct virt_rl **rl_r)
{
	struct virt_rl *rl;
	int n1, n2, n3, n4;

	rl = calloc(1, sizeof(*rl));
	if (rl == NULL)
		return -ENOMEM;
	rl->be = be;
	rl->id = id;
	rl->domid = -1;
	rl->pid = -1;
	rl->pidfd = -1;
	n1 = snprintf(rl->name, sizeof(rl->name), "%s%u", be->name_prefix,
	    id);
	n2 = snprintf(rl->ifname, sizeof(rl->ifname), "%s%u", be->if_prefix,
	    id);
	n3 = snprintf(rl->sock, sizeof(rl->sock), "%s/%s.sock", be->run_dir,
	    rl->name);
	n4 = snprintf(rl->log, sizeof(rl->log), "%s/%s.log", be->run_dir,
	    rl->name);
	if (n1 < 0 || (size_t)n1 >= sizeof(rl->name) || n2 < 0 ||
	    (size_t)n2 >= sizeof(rl->ifname) || n3 < 0 ||
	    (size_t)n3 >= sizeof(rl->sock) || n4 < 0 ||
	    (size_t)n4 >= sizeof(rl->log)) {
		free(rl);
		return -ENAMETOOLONG;
	}
	*rl_r = rl;
	return 0;
}

/* Take domain 'dom' (our reference) as this run of 'rl'; list it. */
static void
rl_bind(struct virt_rl *rl, virDomainPtr dom)
{
	struct virt_be *be = rl->be;

	rl->dom = dom;
	if (virDomainGetUUID(dom, rl->uuid) < 0)
		virResetLastError();
	rl->domid = (int)virDomainGetID(dom);
	pthread_mutex_lock(&be->lock);
	LIST_INSERT_HEAD(&be->rls, rl, link);
	pthread_mutex_unlock(&be->lock);
}

/* Wait up to 'ms' for interface 'ifname' to be gone; false if it stays. */
static bool
iface_gone(const char *ifname, int ms)
{
	for (; ms > 0; ms -= 10) {
		if (if_nametoindex(ifname) == 0)
			return true;
		usleep(10000);
	}
	return if_nametoindex(ifname) == 0;
}

/*
 * End the domain and remove what it leaves (socket, log); 'rl' is taken
 * off the list and freed.  A domain already gone is fine.
 */
static int
teardown(struct virt_rl *rl)
{
	int rc = 0;

	rl_unlink(rl);
	virt_live_unwatch(rl);
	virt_live_drop(rl);
	if (rl->dom != NULL && virDomainDestroy(rl->dom) < 0) {
		virErrorPtr e = virGetLastError();

		if (e != NULL && (e->code == VIR_ERR_NO_DOMAIN ||
		    e->code == VIR_ERR_OPERATION_INVALID))
			virResetLastError();	/* it was dead already */
		else
			rc = virt_err(rl->name, -1);
	}
	if (rl->be->kind != VIRT_TEST && !iface_gone(rl->ifname,
	    VIRT_VETH_GONE_MS)) {
		log_warnx("virt: %s: %s outlives its domain", rl->name,
		    rl->ifname);
		if (rc == 0)
			rc = -EBUSY;
	}
	if (rl->be->kind == VIRT_LXC) {
		unlink(rl->sock);
		unlink(rl->log);
	}
	rl_free(rl);
	return rc;
}

/* Start the domain of 'rl' from its XML. */
static int
start_domain(struct virt_rl *rl)
{
	struct virt_be *be = rl->be;
	struct virt_xml_args a = {
		.kind = be->kind, .name = rl->name, .ifname = rl->ifname,
		.mem_kib = be->mem_kib, .routelet = be->routelet,
		.sock = rl->sock, .log = rl->log, .run_dir = be->run_dir,
		.kernel = be->kernel, .initrd = be->initrd,
		.cmdline = be->cmdline, .vif_script = be->vif_script,
	};
	virDomainPtr dom;
	char *xml;
	int rc;

	xml = malloc(VIRT_XML_MAX);
	if (xml == NULL)
		return -ENOMEM;
	rc = virt_xml_domain(&a, xml, VIRT_XML_MAX);
	if (rc < 0) {
		log_warnx("virt: %s: domain XML: %s", rl->name, strerror(-rc));
		goto out;
	}
	dom = virDomainCreateXML(be->conn, xml, 0);
	if (dom == NULL) {
		rc = virt_err(rl->name, -1);
		goto out;
	}
	rl_bind(rl, dom);
	rc = 0;
 out:
	free(xml);
	return rc;
}

/*
 * No IPv6 on dom0's end of a veth (libvirt leaves it on): its link-local
 * address, router solicitations and MLD reports would only be frames the
 * routelet drops.  A host without IPv6 has nothing to turn off.
 */
static void
no_ipv6(const char *ifname)
{
	char path[96];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6",
	    ifname);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
		if (errno != ENOENT)
			log_warn("virt: %s", path);
		return;
	}
	if (write(fd, "1", 1) != 1)
		log_warn("virt: %s", path);
	close(fd);
}

static int
virt_create(void *arg, unsigned id, void **h_r)
{
	struct virt_be *be = arg;
	struct virt_rl *rl;
	virDomainPtr other;
	int rc;

	rc = rl_new(be, id, &rl);
	if (rc != 0)
		return rc;
	/* a domain or an interface of that name is someone else's */
	if ((other = virDomainLookupByName(be->conn, rl->name)) != NULL) {
		virDomainFree(other);
		free(rl);
		return -EEXIST;
	}
	virResetLastError();
	if (if_nametoindex(rl->ifname) != 0) {
		log_warnx("virt: %s: interface %s exists", rl->name,
		    rl->ifname);
		free(rl);
		return -EEXIST;
	}
	if (be->kind == VIRT_LXC) {
		unlink(rl->sock);
		unlink(rl->log);
	}
	rc = start_domain(rl);
	if (rc != 0) {
		free(rl);
		return rc;
	}
	if (be->kind == VIRT_LXC) {
		no_ipv6(rl->ifname);
		rc = virt_live_connect(rl, VIRT_CONNECT_MS);
	}
	else if (be->kind == VIRT_XEN)
		rc = xen_chan_prepare(&xen_xs_real, be->xs_worker,
		    (uint32_t)rl->domid);
	if (rc != 0) {
		log_warnx("virt: %s: routelet did not start: %s", rl->name,
		    strerror(-rc));
		teardown(rl);
		return rc;
	}
	log_debug("virt: %s created: %s, domain id %d", rl->name, rl->ifname,
	    rl->domid);
	*h_r = rl;
	return 0;
}

static int
virt_destroy(void *arg, void *h)
{
	struct virt_rl *rl = h;
	char name[VIRT_NAME_MAX];
	int rc;

	(void)arg;
	memcpy(name, rl->name, sizeof(name));
	rc = teardown(rl);
	if (rc != 0)
		log_warnx("virt: %s: destroy: %s", name, strerror(-rc));
	else
		log_debug("virt: %s destroyed", name);
	return rc;
}

/* The id in domain name 'name' after our prefix (digits only), or -1. */
static long
id_of(const struct virt_be *be, const char *name, const char *suffix)
{
	size_t plen = strlen(be->name_prefix), slen = strlen(suffix), len, i;
	long id = 0;

	len = strlen(name);
	if (len <= plen + slen || strncmp(name, be->name_prefix, plen) != 0 ||
	    strcmp(name + len - slen, suffix) != 0)
		return -1;
	for (i = plen; i < len - slen; i++) {
		if (!isdigit((unsigned char)name[i]) || id > 100000000)
			return -1;
		id = id * 10 + (name[i] - '0');
	}
	return id;
}

/*
 * Call cb(arg, id, rl) with a fresh handle of each running domain of ours
 * (the handle is the callback's).
 */
static int
each_domain(struct virt_be *be,
    void (*cb)(void *, unsigned, struct virt_rl *), void *arg)
{
	virDomainPtr *doms = NULL;
	struct virt_rl *rl;
	long id;
	int i, n;

	n = virConnectListAllDomains(be->conn, &doms,
	    VIR_CONNECT_LIST_DOMAINS_ACTIVE);
	if (n < 0)
		return virt_err("list domains", -1);
	for (i = 0; i < n; i++) {
		id = id_of(be, virDomainGetName(doms[i]), "");
		if (id < 0 || rl_new(be, (unsigned)id, &rl) != 0) {
			virDomainFree(doms[i]);
			continue;
		}
		rl_bind(rl, doms[i]);
		if (be->kind == VIRT_XEN)
			rl->gen = xen_chan_last_generation(&xen_xs_real,
			    be->xs_loop, (uint32_t)rl->domid);
		if (be->kind == VIRT_LXC &&
		    virt_live_connect(rl, VIRT_ADOPT_MS) != 0)
			log_warnx("virt: %s: no answer on %s", rl->name,
			    rl->sock);
		cb(arg, (unsigned)id, rl);
	}
	free(doms);
	return 0;
}

struct list_ctx {
	void	(*found)(void *, unsigned, void *);
	void	*arg;
};

static void
list_one(void *arg, unsigned id, struct virt_rl *rl)
{
	struct list_ctx *ctx = arg;

	log_debug("virt: found %s (domain id %d)", rl->name, rl->domid);
	ctx->found(ctx->arg, id, rl);
}

static int
virt_list(void *arg, void (*found)(void *, unsigned, void *), void *farg)
{
	struct list_ctx ctx = { found, farg };

	return each_domain(arg, list_one, &ctx);
}

static void
virt_forget(void *arg, void *h)
{
	struct virt_rl *rl = h;

	(void)arg;
	rl_unlink(rl);
	log_debug("virt: %s left running", rl->name);
	rl_free(rl);
}

static void
cleanup_one(void *arg, unsigned id, struct virt_rl *rl)
{
	unsigned *n = arg;

	(void)id;
	log_info("virt: removing leftover %s", rl->name);
	virt_destroy(rl->be, rl);
	(*n)++;
}

int
pool_virt_cleanup(void *arg)
{
	struct virt_be *be = arg;
	char path[sizeof(be->run_dir) + 256 + 2];
	struct dirent *de;
	unsigned n = 0;
	DIR *d;
	int rc;

	rc = each_domain(be, cleanup_one, &n);
	if (rc != 0)
		return rc;
	/* sockets and logs of domains that are gone */
	if (be->kind == VIRT_LXC && (d = opendir(be->run_dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (id_of(be, de->d_name, ".sock") < 0 &&
			    id_of(be, de->d_name, ".log") < 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", be->run_dir,
			    de->d_name);
			if (unlink(path) == 0 && strstr(de->d_name, ".sock"))
				n++;
		}
		closedir(d);
	}
	return (int)n;
}

const struct pool_backend_ops pool_virt_ops = {
	.name = "virt",
	.create = virt_create,
	.destroy = virt_destroy,
	.set_caps = virt_live_set_caps,
	.configure = virt_live_configure,
	.vif = virt_live_vif,
	.watch = virt_live_watch,
	.list = virt_list,
	.forget = virt_forget,
	.counters = virt_live_counters,
	.cpu_time = virt_live_cpu_time,
	.describe = virt_live_describe,
};
