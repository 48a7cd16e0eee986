/*
 * quasard: the dom0 RSVP-TE router.  One process, one thread, one
 * event_base: the raw RSVP socket, the kernel's netlink updates, the
 * engine's and Hello's timers, the control socket and the signals all run
 * on it.  This file only wires the pieces together (docs/man/quasard.8).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "demux/dp.h"
#include "demux/egress_htb.h"
#include "dom0/conf.h"
#include "dom0/ctl.h"
#include "dom0/engine.h"
#include "dom0/flows_backend.h"
#include "dom0/flows_ctl.h"
#include "dom0/flows_state.h"
#include "dom0/pool_ctl.h"
#include "dom0/hello.h"
#include "dom0/kern.h"
#include "dom0/labels.h"
#include "lib/log.h"
#include "lib/rsvp_sock.h"

/* Messages read per wake-up before other events get their turn. */
#define RX_BATCH	64
/* Socket buffers: a burst of refreshes from 100,000 sessions fits. */
#define SOCK_BUF_BYTES	(8 << 20)

struct quasard {
	struct conf conf;
	const char *conf_path;
	struct event_base *base;
	struct labels *labels;
	struct kern *kern;
	struct rsvp_sock sock;
	struct event *rx_ev;
	struct dp *dp;
	unsigned linecards[CONF_IF_MAX];
	size_t n_linecards;
	struct engine *engine;
	struct flows_backend fb;	/* QoS flows; fb.flows NULL: none */
	struct hello *hello;
	struct ctl *ctl;
	struct event *sig_ev[3];
	char pidfile[CONF_PATH_MAX + 16];
	uint64_t rx_bad_ip;		/* datagrams with a bad IP header */
	uint64_t rx_error;		/* other receive errors */
};

static uint64_t
now_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
env_send(void *arg, const struct rsvp_pkt_out *pkt)
{
	struct quasard *q = arg;

	return rsvp_sock_send(&q->sock, pkt);
}

static int
env_route(void *arg, struct in_addr dst, struct engine_route *rt_r)
{
	struct quasard *q = arg;
	struct kern_route r;
	int rc;

	if ((rc = kern_route_get(q->kern, dst, &r)) != 0)
		return rc;
	rt_r->ifindex = r.ifindex;
	rt_r->gateway = r.gateway;
	rt_r->src = r.prefsrc;
	return 0;
}

static bool
env_is_local(void *arg, struct in_addr addr)
{
	struct quasard *q = arg;

	return kern_addr_is_local(q->kern, addr);
}

static bool
env_adjacent(void *arg, struct in_addr addr, unsigned *ifindex_r)
{
	struct quasard *q = arg;

	return kern_adjacent(q->kern, addr, ifindex_r);
}

static int
env_if_addr(void *arg, unsigned ifindex, struct in_addr *addr_r)
{
	struct quasard *q = arg;

	return kern_if_addr(q->kern, ifindex, addr_r);
}

static int
env_if_mac(void *arg, unsigned ifindex, uint8_t mac_r[6])
{
	struct quasard *q = arg;
	struct kern_if kif;
	int rc;

	if ((rc = kern_if_get(q->kern, ifindex, &kif)) != 0)
		return rc;
	memcpy(mac_r, kif.mac, 6);
	return 0;
}

/* The name of 'ifindex' for show commands (engine and Hello). */
static int
env_if_name(void *arg, unsigned ifindex, char *buf, size_t len)
{
	struct quasard *q = arg;
	struct kern_if kif;
	int rc;

	if ((rc = kern_if_get(q->kern, ifindex, &kif)) != 0)
		return rc;
	snprintf(buf, len, "%s", kif.name);
	return 0;
}

static int
env_neigh_mac(void *arg, unsigned ifindex, struct in_addr addr,
    uint8_t mac_r[6])
{
	struct quasard *q = arg;

	return kern_neigh_get(q->kern, ifindex, addr, mac_r);
}

static void
env_hello_input(void *arg, const struct rsvp_pkt_in *pkt,
    const struct rsvp_msg *msg)
{
	struct quasard *q = arg;

	if (q->hello != NULL)
		hello_input(q->hello, pkt, msg);
}

/* The engine's flow ops on the flows of the backend. */
static int
env_flow_set(void *arg, const struct flow_req *req, struct flow_err *err_r)
{
	struct quasard *q = arg;

	return flows_set(q->fb.flows, req, err_r);
}

static int
env_flow_del(void *arg, uint64_t key)
{
	struct quasard *q = arg;

	return flows_del(q->fb.flows, key);
}

/* The label a flow kept across a restart still forwards with. */
static int
env_flow_label(void *arg, const struct flow_session *s, uint32_t *label_r)
{
	struct quasard *q = arg;

	return flows_state_label(q->fb.flows, s, label_r);
}

/* Our hop's part of a Path's ADSPEC (RFC 2210 3, RFC 2212). */
static int
env_flow_adspec(void *arg, unsigned out_ifindex, const uint8_t *tspec,
    size_t tspec_len, uint8_t *buf, size_t *len, size_t cap)
{
	struct quasard *q = arg;

	return flows_adspec_update(q->fb.flows, out_ifindex, tspec, tspec_len,
	    buf, len, cap);
}

/* A restored flow's label: no other LSP may get it (labels_reserve). */
static void
reserve_label(void *arg, uint32_t label)
{
	struct quasard *q = arg;
	int rc;

	if ((rc = labels_reserve(q->labels, label)) < 0)
		log_warnx("flows: restored label %u: %s", label,
		    strerror(-rc));
}

/* The flows took a flow down (preemption, a lost routelet). */
static void
flow_gone(void *arg, uint64_t key, uint8_t code, uint16_t value)
{
	struct quasard *q = arg;

	if (q->engine != NULL)
		engine_flow_gone(q->engine, key, code, value);
}

static bool
is_linecard(const struct quasard *q, unsigned ifindex)
{
	size_t i;

	for (i = 0; i < q->n_linecards; i++)
		if (q->linecards[i] == ifindex)
			return true;
	return false;
}

static void
on_rsvp(evutil_socket_t fd, short what, void *arg)
{
	static struct log_ratelimit rl = LOG_RATELIMIT_INIT(10, 5);
	struct quasard *q = arg;
	struct rsvp_pkt_in in;
	unsigned ifindex;
	int i, rc;

	(void)fd;
	(void)what;
	for (i = 0; i < RX_BATCH; i++) {
		rc = rsvp_sock_recv(&q->sock, &in);
		if (rc == -EAGAIN)
			return;
		if (rc == -EBADMSG) {
			q->rx_bad_ip++;
			log_debug_rl(&rl, "dropped a datagram with a bad IP "
			    "header");
			continue;
		}
		if (rc != 0) {
			q->rx_error++;
			log_warnx_rl(&rl, "rsvp receive: %s", strerror(-rc));
			return;
		}
		/*
		 * Every RSVP speaker next to a line card runs Hello with us
		 * (RFC 3209 5); one that never answers stays in "init" and
		 * is never declared lost.
		 */
		if (q->hello != NULL && is_linecard(q, in.ifindex) &&
		    !kern_addr_is_local(q->kern, in.src) &&
		    kern_adjacent(q->kern, in.src, &ifindex) &&
		    ifindex == in.ifindex)
			hello_nbr_add(q->hello, in.src, in.ifindex);
		engine_input(q->engine, &in);
	}
}

/* "socket stats": what the raw socket refused before the engine saw it. */
static int
ctl_socket_stats(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	struct quasard *q = arg;

	(void)args;
	*reply_r = json_pack("{s:I, s:I}",
	    "bad_ip_header", (json_int_t)q->rx_bad_ip,
	    "receive_errors", (json_int_t)q->rx_error);
	if (*reply_r == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/* What a re-read config changes that only a restart can apply. */
static void
warn_restart_needed(const struct conf *old, const struct conf *new)
{
	const char *what[16];
	size_t n = 0, i;

	if (old->router_id.s_addr != new->router_id.s_addr)
		what[n++] = "router-id";
	if (old->n_ifs != new->n_ifs ||
	    memcmp(old->ifs, new->ifs, sizeof(old->ifs)) != 0)
		what[n++] = "interface";
	if (memcmp(&old->labels, &new->labels, sizeof(old->labels)) != 0)
		what[n++] = "label-*";
	if (old->refresh_ms != new->refresh_ms ||
	    old->keep_multiplier != new->keep_multiplier)
		what[n++] = "refresh-interval/keep-multiplier";
	if (old->hello_ms != new->hello_ms ||
	    old->hello_dead_ms != new->hello_dead_ms)
		what[n++] = "hello-*";
	if (old->dataplane != new->dataplane ||
	    strcmp(old->dp_instance, new->dp_instance) != 0)
		what[n++] = "dataplane*";
	if (strcmp(old->ctl_path, new->ctl_path) != 0)
		what[n++] = "control-socket";
	if (strcmp(old->state_dir, new->state_dir) != 0)
		what[n++] = "state-dir";
	if (old->backend != new->backend ||
	    old->pool_min_idle != new->pool_min_idle ||
	    old->pool_max_idle != new->pool_max_idle ||
	    old->pool_max_total != new->pool_max_total ||
	    strcmp(old->routelet, new->routelet) != 0 ||
	    old->on_exit != new->on_exit)
		what[n++] = "backend/pool/routelet/on-exit";
	if (old->reservable_pm != new->reservable_pm ||
	    old->cpu_budget_mc != new->cpu_budget_mc ||
	    old->dom0_reserve_mc != new->dom0_reserve_mc ||
	    old->memory_budget != new->memory_budget ||
	    old->pkt_cost_ns != new->pkt_cost_ns)
		what[n++] = "reservable/*-budget/dom0-reserve/pkt-cost-ns";
	for (i = 0; i < n; i++)
		log_warnx("SIGHUP: %s changed; it takes effect at the next "
		    "start", what[i]);
}

/* SIGHUP: re-read the config; apply the log level, report the rest. */
static void
reload(struct quasard *q)
{
	char err[CONF_ERR_MAX];
	struct conf c;

	/* The kernel's view is always safe to take again. */
	kern_resync(q->kern);
	if (conf_load(q->conf_path, &c, err, sizeof(err)) != 0) {
		log_warnx("SIGHUP: %s; keeping the running config", err);
		return;
	}
	warn_restart_needed(&q->conf, &c);
	if (c.log_level != q->conf.log_level) {
		log_setlevel(c.log_level);
		q->conf.log_level = c.log_level;
		log_info("SIGHUP: log level changed");
	}
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct quasard *q = arg;

	(void)what;
	if (sig == SIGHUP) {
		reload(q);
		return;
	}
	log_info("signal %d: shutting down", (int)sig);
	event_base_loopbreak(q->base);
}

/* mkdir -p for 'path', or for its directory when it names a file. */
static int
make_dirs(const char *path, bool is_dir)
{
	char buf[PATH_MAX];
	char *p, *end;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	if (!is_dir && (end = strrchr(buf, '/')) != NULL)
		*end = '\0';
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (buf[0] != '\0' && mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int
write_pidfile(struct quasard *q)
{
	FILE *f;
	int rc;

	if ((rc = make_dirs(q->conf.state_dir, true)) != 0) {
		log_warnx("state-dir %s: %s", q->conf.state_dir,
		    strerror(-rc));
		return -1;
	}
	snprintf(q->pidfile, sizeof(q->pidfile), "%s/quasard.pid",
	    q->conf.state_dir);
	if ((f = fopen(q->pidfile, "w")) == NULL) {
		log_warn("%s", q->pidfile);
		q->pidfile[0] = '\0';
		return -1;
	}
	fprintf(f, "%ld\n", (long)getpid());
	fclose(f);
	return 0;
}

static int
setup_linecards(struct quasard *q)
{
	struct kern_if kif;
	size_t i;
	int rc;

	for (i = 0; i < q->conf.n_ifs; i++) {
		rc = kern_if_by_name(q->kern, q->conf.ifs[i].name, &kif);
		if (rc != 0) {
			log_warnx("interface %s: %s", q->conf.ifs[i].name,
			    strerror(-rc));
			return -1;
		}
		if ((rc = kern_linecard_add(q->kern, kif.ifindex)) != 0 ||
		    (rc = dp_linecard_attach(q->dp, kif.ifindex)) != 0) {
			log_warnx("interface %s: line card: %s", kif.name,
			    strerror(-rc));
			return -1;
		}
		q->linecards[q->n_linecards++] = kif.ifindex;
		log_info("line card %s (ifindex %u)", kif.name, kif.ifindex);
	}
	return 0;
}

static int
setup(struct quasard *q)
{
	struct dp_params dpp = {
		.backend = q->conf.dataplane,
		.instance = q->conf.dp_instance,
	};
	struct engine_env env = {
		.arg = q,
		.send = env_send,
		.route = env_route,
		.is_local = env_is_local,
		.adjacent = env_adjacent,
		.if_addr = env_if_addr,
		.if_mac = env_if_mac,
		.if_name = env_if_name,
		.neigh_mac = env_neigh_mac,
		.now_ms = now_ms,
		.hello_input = env_hello_input,
		.router_id = q->conf.router_id,
		.refresh_ms = q->conf.refresh_ms,
		.keep_multiplier = q->conf.keep_multiplier,
	};
	struct hello_conf hc = {
		.interval_ms = q->conf.hello_ms,
		.dead_ms = q->conf.hello_dead_ms,
	};
	struct hello_env he = {
		.send = env_send, .send_arg = q,
		.now_ms = now_ms, .now_arg = q,
		.if_addr = env_if_addr, .if_addr_arg = q,
		.if_name = env_if_name, .if_name_arg = q,
		.event = engine_hello_event,
	};
	static const int sigs[3] = { SIGTERM, SIGINT, SIGHUP };
	int i, rc;

	if ((q->base = event_base_new()) == NULL) {
		log_warnx("event_base_new failed");
		return -1;
	}
	/*
	 * The control socket first: it refuses to start a second quasard
	 * on a live socket before that one could touch the data plane.
	 */
	if ((rc = make_dirs(q->conf.ctl_path, false)) != 0) {
		log_warnx("control socket directory: %s", strerror(-rc));
		return -1;
	}
	if (ctl_create(q->base, q->conf.ctl_path, &q->ctl) != 0)
		return -1;
	if ((rc = labels_create(&q->conf.labels, &q->labels)) != 0) {
		log_warnx("labels: %s", strerror(-rc));
		return -1;
	}
	if ((rc = kern_open(q->base, &q->kern)) != 0) {
		log_warnx("netlink: %s", strerror(-rc));
		return -1;
	}
	if ((rc = dp_open(&dpp, &q->dp)) != 0) {
		log_warnx("data plane %s/%s: %s",
		    dp_backend_name(q->conf.dataplane), q->conf.dp_instance,
		    strerror(-rc));
		return -1;
	}
	if (setup_linecards(q) != 0)
		return -1;
	if ((rc = rsvp_sock_open(&q->sock, RSVP_SOCK_ROUTER |
	    RSVP_SOCK_NONBLOCK)) != 0) {
		log_warnx("raw RSVP socket: %s", strerror(-rc));
		return -1;
	}
	if ((rc = rsvp_sock_set_bufsize(&q->sock, SOCK_BUF_BYTES)) != 0)
		log_warnx("raw RSVP socket buffers: %s", strerror(-rc));

	if (q->conf.backend != CONF_BACKEND_NONE) {
		/* The flows keep their records under it. */
		if ((rc = make_dirs(q->conf.state_dir, true)) != 0) {
			log_warnx("state-dir %s: %s", q->conf.state_dir,
			    strerror(-rc));
			return -1;
		}
		if (flows_backend_start(&q->fb, &q->conf, q->base, q->dp,
		    q->linecards, flow_gone, q) != 0)
			return -1;
		/*
		 * Every line card now has the HTB classes: RSVP and Hello
		 * go in network control, never behind best effort.
		 */
		if ((rc = rsvp_sock_set_priority(&q->sock,
		    EGRESS_CLASS_CTL)) != 0) {
			log_warnx("raw RSVP socket priority: %s",
			    strerror(-rc));
			return -1;
		}
		env.flow_arg = q;
		env.flow_set = env_flow_set;
		env.flow_del = env_flow_del;
		env.flow_label = env_flow_label;
		env.flow_adspec = env_flow_adspec;
		flows_state_labels(q->fb.flows, reserve_label, q);
	}
	env.labels = q->labels;
	env.base = q->base;
	env.seed = (uint32_t)now_ms(NULL) ^ (uint32_t)getpid();
	engine_env_use_dp(&env, q->dp);
	if ((rc = engine_create(&env, &q->engine)) != 0) {
		log_warnx("engine: %s", strerror(-rc));
		return -1;
	}
	/* RFC 3209 5.3: a restarted or lost neighbour's state goes. */
	he.event_arg = q->engine;
	if (q->conf.hello_ms != 0 &&
	    hello_create(q->base, &hc, &he, &q->hello) != 0) {
		log_warn("hello");
		return -1;
	}

	if (engine_ctl_register(q->engine, q->ctl) != 0 ||
	    (q->hello != NULL && hello_ctl_register(q->hello, q->ctl) != 0) ||
	    ctl_register(q->ctl, "socket stats", ctl_socket_stats, q) != 0)
		return -1;
	/* pool show|resize, routelet list, flow list (docs/flowops.md). */
	if (q->fb.flows != NULL &&
	    (pool_ctl_register(q->ctl, q->fb.pool) != 0 ||
	    flows_ctl_register(q->ctl, q->fb.flows) != 0))
		return -1;

	q->rx_ev = event_new(q->base, rsvp_sock_fd(&q->sock),
	    EV_READ | EV_PERSIST, on_rsvp, q);
	if (q->rx_ev == NULL || event_add(q->rx_ev, NULL) != 0)
		return -1;
	for (i = 0; i < 3; i++) {
		q->sig_ev[i] = evsignal_new(q->base, sigs[i], on_signal, q);
		if (q->sig_ev[i] == NULL || event_add(q->sig_ev[i], NULL) != 0)
			return -1;
	}
	return 0;
}

static void
teardown(struct quasard *q)
{
	int i;

	for (i = 0; i < 3; i++)
		if (q->sig_ev[i] != NULL)
			event_free(q->sig_ev[i]);
	if (q->rx_ev != NULL)
		event_free(q->rx_ev);
	ctl_destroy(q->ctl);
	hello_destroy(q->hello);
	/*
	 * Removes every ILM entry, flow and label the engine programmed;
	 * with "on-exit keep" the QoS flows are left running first.
	 */
	if (q->engine != NULL && q->fb.keep)
		engine_flows_forget(q->engine);
	engine_destroy(q->engine);
	q->engine = NULL;
	/* Routelets and HTB trees destroyed, or (keep) left for the next. */
	flows_backend_stop(&q->fb);
	/* Without flows kept, nothing is re-adopted: leave no filter. */
	dp_close(q->dp, q->fb.keep ? DP_CLOSE_KEEP : DP_CLOSE_TEARDOWN);
	rsvp_sock_close(&q->sock);
	kern_close(q->kern);
	labels_destroy(q->labels);
	if (q->base != NULL)
		event_base_free(q->base);
	if (q->pidfile[0] != '\0')
		unlink(q->pidfile);
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: quasard [-dnv] [-f file]\n"
	    "       quasard --calibrate [-f file]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct quasard q = { .conf_path = CONF_PATH_DEFAULT,
	    .sock = { .fd = -1 } };
	char err[CONF_ERR_MAX];
	static const struct option longopts[] = {
		{ "calibrate", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	bool foreground = false, check_only = false, calibrate = false;
	int verbose = 0, ch, rc = 1;
	enum log_level level;

	while ((ch = getopt_long(argc, argv, "df:nv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			calibrate = true;
			break;
		case 'd':
			foreground = true;
			break;
		case 'f':
			q.conf_path = optarg;
			break;
		case 'n':
			check_only = true;
			break;
		case 'v':
			verbose++;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	if (conf_load(q.conf_path, &q.conf, err, sizeof(err)) != 0) {
		fprintf(stderr, "quasard: %s\n", err);
		return 1;
	}
	if (check_only) {
		/* The config as parsed, in its own syntax. */
		return conf_print(&q.conf, stdout) == 0 ? 0 : 1;
	}
	if (calibrate) {
		log_init("quasard", q.conf.log_level, false);
		return flows_calibrate(&q.conf) == 0 ? 0 : 1;
	}
	level = q.conf.log_level;
	if (verbose == 1 && level < LOG_LVL_INFO)
		level = LOG_LVL_INFO;
	else if (verbose > 1)
		level = LOG_LVL_DEBUG;
	log_init("quasard", level, !foreground);
	if (!foreground && daemon(0, 0) != 0)
		fatal("daemon");
	signal(SIGPIPE, SIG_IGN);

	if (setup(&q) != 0 || write_pidfile(&q) != 0)
		goto out;
	inet_ntop(AF_INET, &q.conf.router_id, err, sizeof(err));
	log_info("started: router-id %s, %zu line cards, data plane %s, "
	    "flows backend %s", err, q.n_linecards,
	    dp_backend_name(q.conf.dataplane),
	    conf_backend_name(q.conf.backend));
	if (event_base_dispatch(q.base) < 0) {
		log_warnx("event loop failed");
		goto out;
	}
	rc = 0;
out:
	teardown(&q);
	log_info("exiting");
	return rc;
}
