/*
 * The topology builder: up, down and status of a run, each step one ip or
 * tc command (iproute2, argv, no shell) or a sysctl written from inside
 * the namespace.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demux/dp.h"
#include "lib/inet.h"
#include "lib/log.h"
#include "testbed/build.h"
#include "testbed/proc.h"

#define ARGS_MAX	32
#define RECORD_NAME	"netns"
#define KILL_GRACE_MS	2000
#define TBF_LATENCY	"100ms"

volatile sig_atomic_t tb_interrupted;

/* The namespaces a run's record names. */
struct record {
	char names[TOPO_NODES_MAX][TB_NETNS_MAX];
	size_t n;
};

static int
record_load(const struct tb_run *run, struct record *rec)
{
	char path[TB_PATH_MAX], line[TB_NETNS_MAX + 2];
	size_t len;
	FILE *f;

	memset(rec, 0, sizeof(*rec));
	tb_run_path(run, RECORD_NAME, path, sizeof(path));
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		log_warn("%s", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL &&
	    rec->n < TOPO_NODES_MAX) {
		len = strcspn(line, "\n");
		line[len] = '\0';
		if (len == 0 || len >= TB_NETNS_MAX)
			continue;
		memcpy(rec->names[rec->n++], line, len + 1);
	}
	fclose(f);
	return 0;
}

static bool
record_has(const struct record *rec, const char *name)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strcmp(rec->names[i], name) == 0)
			return true;
	return false;
}

/* Write 'name' to the record, on disk, before the namespace is made. */
static int
record_add(const struct tb_run *run, struct record *rec, const char *name)
{
	char path[TB_PATH_MAX];
	int fd, rc = -1;

	if (record_has(rec, name))
		return 0;
	tb_run_path(run, RECORD_NAME, path, sizeof(path));
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) < 0) {
		log_warn("%s", path);
		return -1;
	}
	if (dprintf(fd, "%s\n", name) < 0 || fsync(fd) < 0)
		log_warn("%s", path);
	else
		rc = 0;
	close(fd);
	if (rc == 0 && rec->n < TOPO_NODES_MAX)
		snprintf(rec->names[rec->n++], TB_NETNS_MAX, "%s", name);
	return rc;
}

/*
 * Run a command given as a NULL-terminated list of words; log it when it
 * fails (its own error is on stderr unless 'quiet').
 */
static int __attribute__((sentinel))
step(bool quiet, const char *arg0, ...)
{
	char *argv[ARGS_MAX + 1], text[512];
	size_t n = 0, off = 0;
	va_list ap;
	const char *a;
	int r;

	va_start(ap, arg0);
	for (a = arg0; a != NULL && n < ARGS_MAX; a = va_arg(ap, const char *))
		argv[n++] = (char *)(uintptr_t)a;
	va_end(ap);
	argv[n] = NULL;
	if ((r = tb_cmd(argv, quiet)) == 0)
		return 0;
	if (!quiet) {
		for (n = 0; argv[n] != NULL && off < sizeof(text); n++)
			off += (size_t)snprintf(text + off, sizeof(text) - off,
			    "%s%s", n > 0 ? " " : "", argv[n]);
		log_warnx("failed: %s", text);
	}
	return -1;
}

/* Write 'value' to /proc/sys/'key' (inside the caller's namespace). */
struct sysctl {
	const char *key;
	const char *value;
};

static int
sysctl_write(void *arg)
{
	const struct sysctl *s = arg;
	char path[128];
	int fd, rc = 1;

	snprintf(path, sizeof(path), "/proc/sys/%s", s->key);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
		log_warn("%s", path);
		return 1;
	}
	if (write(fd, s->value, strlen(s->value)) < 0)
		log_warn("%s", path);
	else
		rc = 0;
	close(fd);
	return rc;
}

static int
node_sysctls(const char *ns)
{
	static const struct sysctl forward[] = {
		{ "net/ipv4/ip_forward", "1" },
		{ "net/ipv4/conf/all/rp_filter", "0" },
		{ "net/ipv4/conf/default/rp_filter", "0" },
	};
	size_t i;

	for (i = 0; i < sizeof(forward) / sizeof(forward[0]); i++)
		if (tb_in_netns(ns, sysctl_write, (void *)(uintptr_t)
		    &forward[i]) != 0) {
			log_warnx("%s: cannot set %s", ns, forward[i].key);
			return -1;
		}
	return 0;
}

static int
if_present(void *arg)
{
	return if_nametoindex(arg) != 0 ? 0 : 1;
}

/* Is interface 'ifname' in namespace 'ns'? */
static bool
has_if(const char *ns, const char *ifname)
{
	return tb_in_netns(ns, if_present, (void *)(uintptr_t)ifname) == 0;
}

static int
make_node(const struct tb_run *run, struct record *rec,
    const struct topo_node *n)
{
	char ns[TB_NETNS_MAX];

	tb_netns_name(run, n, ns, sizeof(ns));
	if (tb_netns_exists(ns)) {
		if (!record_has(rec, ns)) {
			log_warnx("namespace %s exists and was not made by "
			    "this run (%s): choose another prefix (-p)", ns,
			    run->dir);
			return -1;
		}
	} else if (record_add(run, rec, ns) < 0 ||
	    step(false, "ip", "netns", "add", ns, NULL) < 0)
		return -1;
	if (step(false, "ip", "-n", ns, "link", "set", "lo", "up", NULL) < 0)
		return -1;
	return n->forward ? node_sysctls(ns) : 0;
}

/* Shape the egress of 'ifname' in 'ns' as 's' says (or unshape it). */
static int
shape_if(const char *ns, const char *ifname, const struct topo_shape *s)
{
	char rate[32], burst[32], delay[32];

	snprintf(rate, sizeof(rate), "%" PRIu64 "bit", s->rate_bps);
	snprintf(burst, sizeof(burst), "%" PRIu64, topo_burst(s));
	snprintf(delay, sizeof(delay), "%" PRIu32 "us", s->delay_us);
	if (s->rate_bps == 0 && s->delay_us == 0) {
		/* Nothing to shape; an earlier up's qdisc goes. */
		step(true, "tc", "-n", ns, "qdisc", "del", "dev", ifname,
		    "root", NULL);
		return 0;
	}
	if (s->rate_bps == 0)
		return step(false, "tc", "-n", ns, "qdisc", "replace", "dev",
		    ifname, "root", "handle", "1:", "netem", "delay", delay,
		    NULL);
	if (step(false, "tc", "-n", ns, "qdisc", "replace", "dev", ifname,
	    "root", "handle", "1:", "tbf", "rate", rate, "burst", burst,
	    "latency", TBF_LATENCY, NULL) < 0)
		return -1;
	if (s->delay_us == 0)
		return 0;
	return step(false, "tc", "-n", ns, "qdisc", "replace", "dev", ifname,
	    "parent", "1:1", "handle", "10:", "netem", "delay", delay, NULL);
}

static int
make_link(const struct tb_run *run, size_t li)
{
	const struct topo *t = run->t;
	const struct topo_link *l = &t->links[li];
	char ns[2][TB_NETNS_MAX], mac[2][18];
	const char *ifn[2];
	uint8_t m[ETH_ALEN_];
	bool have[2];
	int s;

	for (s = 0; s < 2; s++) {
		tb_netns_name(run, &t->nodes[l->node[s]], ns[s],
		    sizeof(ns[s]));
		ifn[s] = t->nodes[l->node[s]].ifs[l->ifidx[s]].name;
		topo_if_mac(l->node[s], l->ifidx[s], m);
		mac_format(m, mac[s], sizeof(mac[s]));
		have[s] = has_if(ns[s], ifn[s]);
	}
	if (!have[0] || !have[1]) {
		/* Half a pair (an up cut short): start again. */
		for (s = 0; s < 2; s++)
			if (have[s] && step(false, "ip", "-n", ns[s], "link",
			    "del", ifn[s], NULL) < 0)
				return -1;
		if (step(false, "ip", "-n", ns[0], "link", "add", ifn[0],
		    "address", mac[0], "type", "veth", "peer", "name", ifn[1],
		    "address", mac[1], "netns", ns[1], NULL) < 0)
			return -1;
	}
	for (s = 0; s < 2; s++)
		if (step(false, "ip", "-n", ns[s], "link", "set", ifn[s], "up",
		    NULL) < 0 || shape_if(ns[s], ifn[s], &l->shape) < 0)
			return -1;
	return 0;
}

static int
make_addr(const struct tb_run *run, const struct topo_addr *a)
{
	const struct topo_node *n = &run->t->nodes[a->node];
	char ns[TB_NETNS_MAX], addr[INET_ADDRSTRLEN], pfx[INET_ADDRSTRLEN + 4];

	tb_netns_name(run, n, ns, sizeof(ns));
	snprintf(pfx, sizeof(pfx), "%s/%u",
	    ipv4_ntop(a->addr, addr, sizeof(addr)), a->plen);
	return step(false, "ip", "-n", ns, "addr", "replace", pfx, "dev",
	    a->ifidx < 0 ? "lo" : n->ifs[a->ifidx].name, NULL);
}

static int
make_route(const struct tb_run *run, const struct topo_route *r)
{
	const struct topo_node *n = &run->t->nodes[r->node];
	char ns[TB_NETNS_MAX], dst[INET_ADDRSTRLEN], via[INET_ADDRSTRLEN];
	char pfx[INET_ADDRSTRLEN + 4];

	tb_netns_name(run, n, ns, sizeof(ns));
	ipv4_ntop(r->via, via, sizeof(via));
	if (r->plen == 0)
		snprintf(pfx, sizeof(pfx), "default");
	else
		snprintf(pfx, sizeof(pfx), "%s/%u",
		    ipv4_ntop(r->dst, dst, sizeof(dst)), r->plen);
	if (r->ifidx >= 0)
		return step(false, "ip", "-n", ns, "route", "replace", pfx,
		    "via", via, "dev", n->ifs[r->ifidx].name, NULL);
	return step(false, "ip", "-n", ns, "route", "replace", pfx, "via", via,
	    NULL);
}

/* RUN_DIR/NODE.conf and the state directory RUN_DIR/NODE of a router. */
static int
write_router(const struct tb_run *run, const struct topo_node *n)
{
	char path[TB_PATH_MAX], tmp[TB_PATH_MAX + 4], name[TOPO_NAME_MAX + 8];
	FILE *f;
	int rc = -1;

	tb_run_path(run, n->name, path, sizeof(path));
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		log_warn("%s", path);
		return -1;
	}
	snprintf(name, sizeof(name), "%s.conf", n->name);
	tb_run_path(run, name, path, sizeof(path));
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	if ((f = fopen(tmp, "w")) == NULL) {
		log_warn("%s", tmp);
		return -1;
	}
	if (tb_quasard_conf(run, n, f) < 0)
		log_warnx("%s: write error", tmp);
	else
		rc = 0;
	if (fclose(f) != 0 && rc == 0) {
		log_warn("%s", tmp);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) < 0) {
		log_warn("%s", path);
		rc = -1;
	}
	return rc;
}

static int
make_dir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		log_warn("%s", path);
		return -1;
	}
	return 0;
}

/* The steps of up, in order; stops at the first failure or signal. */
static int
up_steps(const struct tb_run *run)
{
	const struct topo *t = run->t;
	struct record rec;
	size_t i;

	if (make_dir(TB_RUN_ROOT) < 0 || make_dir(run->dir) < 0 ||
	    record_load(run, &rec) < 0)
		return -1;
	for (i = 0; i < t->n_nodes && !tb_interrupted; i++)
		if (make_node(run, &rec, &t->nodes[i]) < 0)
			return -1;
	for (i = 0; i < t->n_links && !tb_interrupted; i++)
		if (make_link(run, i) < 0)
			return -1;
	for (i = 0; i < t->n_addrs && !tb_interrupted; i++)
		if (make_addr(run, &t->addrs[i]) < 0)
			return -1;
	for (i = 0; i < t->n_routes && !tb_interrupted; i++)
		if (make_route(run, &t->routes[i]) < 0)
			return -1;
	for (i = 0; i < t->n_nodes && !tb_interrupted; i++)
		if (t->nodes[i].is_router && write_router(run,
		    &t->nodes[i]) < 0)
			return -1;
	return tb_interrupted ? -1 : 0;
}

int
tb_up(const struct tb_run *run)
{
	const struct topo *t = run->t;
	sigset_t block, old;
	size_t i;

	for (i = 0; i < t->n_links; i++)
		if (t->links[i].shape.delay_us != 0) {
			if (tb_netem_available())
				break;
			log_warnx("link on line %u asks for a delay, but this "
			    "kernel has no sch_netem (tc: unknown qdisc "
			    "netem): remove the delay or load the module",
			    t->links[i].line);
			return -1;
		}
	if (up_steps(run) == 0)
		return 0;
	if (tb_interrupted)
		log_warnx("interrupted: removing what was made");
	else
		log_warnx("up failed: removing what was made");
	/* A second Ctrl-C must not cut the cleanup short. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	tb_down(run);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return -1;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0 && errno != ENOENT) {
		log_warn("%s", path);
		return -1;
	}
	return 0;
}

/* rm -r 'path'; absent is fine. */
static int
remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

int
tb_down(const struct tb_run *run)
{
	const struct topo *t = run->t;
	struct record rec;
	char ns[TB_NETNS_MAX], pins[TB_PATH_MAX + TB_NETNS_MAX];
	size_t i;
	int rc = 0;

	if (record_load(run, &rec) < 0)
		return -1;
	for (i = 0; i < rec.n; i++) {
		if (!tb_netns_exists(rec.names[i]))
			continue;
		tb_netns_kill(rec.names[i], KILL_GRACE_MS);
		if (step(false, "ip", "netns", "del", rec.names[i], NULL) < 0)
			rc = -1;
	}
	/* The routers' data-plane instances are named after their netns. */
	for (i = 0; i < t->n_nodes; i++) {
		if (!t->nodes[i].is_router)
			continue;
		tb_netns_name(run, &t->nodes[i], ns, sizeof(ns));
		if (!record_has(&rec, ns))
			continue;
		snprintf(pins, sizeof(pins), "%s/%s", DP_PIN_ROOT, ns);
		if (remove_tree(pins) < 0) {
			log_warn("%s", pins);
			rc = -1;
		}
	}
	if (rc == 0 && remove_tree(run->dir) < 0) {
		log_warn("%s", run->dir);
		rc = -1;
	}
	return rc;
}

int
tb_status(const struct tb_run *run, FILE *f, int json)
{
	const struct topo *t = run->t;
	const struct topo_node *n;
	struct record rec;
	char ns[TB_NETNS_MAX];
	json_t *nodes = json_array(), *o;
	size_t i, k, total = 0, present = 0, ifs;
	bool exists;

	if (record_load(run, &rec) < 0)
		memset(&rec, 0, sizeof(rec));
	for (i = 0; i < t->n_nodes; i++) {
		n = &t->nodes[i];
		tb_netns_name(run, n, ns, sizeof(ns));
		exists = tb_netns_exists(ns);
		for (k = ifs = 0; exists && k < n->n_ifs; k++)
			ifs += has_if(ns, n->ifs[k].name);
		total += 1 + n->n_ifs;
		present += exists + ifs;
		if (json) {
			o = json_pack("{s:s, s:s, s:b, s:b, s:I, s:I}",
			    "name", n->name, "netns", ns, "exists", exists,
			    "ours", record_has(&rec, ns), "interfaces",
			    (json_int_t)n->n_ifs, "interfaces_present",
			    (json_int_t)ifs);
			json_array_append_new(nodes, o);
		} else
			fprintf(f, "%-16s %-32s %s, %zu/%zu interfaces\n",
			    n->name, ns, !exists ? "absent" :
			    record_has(&rec, ns) ? "present" :
			    "present (not ours)", ifs, n->n_ifs);
	}
	if (json) {
		o = json_pack("{s:s, s:s, s:o}", "prefix", run->prefix,
		    "state", present == total ? "up" : present == 0 ? "down" :
		    "partial", "nodes", nodes);
		json_dumpf(o, f, JSON_COMPACT);
		fputc('\n', f);
		json_decref(o);
	} else
		json_decref(nodes);
	return present == total ? TB_STATUS_UP : present == 0 ?
	    TB_STATUS_DOWN : TB_STATUS_PARTIAL;
}
