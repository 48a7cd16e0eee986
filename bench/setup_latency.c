/*
 * bench-setup: how long a QoS flow takes from its Resv to the first frame
 * its routelet forwards (bench/setup_latency.sh, docs/flowops.md).
 *
 *   bench-setup -A NETNS -B NETNS -i IN_IF -o OUT_IF -a A_IF -b B_IF
 *               -r ROUTELET [-n FLOWS] [-w WARM]
 *
 * Runs in the router's network namespace, with the real pieces quasard
 * uses: the BPF data plane (line card IN_IF), HTB on OUT_IF, a pool of
 * netns routelets kept WARM idle, admission and the flows.  For each of
 * FLOWS flows in turn: the clock starts, flows_set() builds the flow (the
 * engine calls it on a Resv), then frames carrying the flow's label are
 * sent from A_IF (in namespace A, cabled to IN_IF) until the first one
 * comes out at B_IF (namespace B, cabled to OUT_IF) with the flow's out
 * label: that arrival stops the clock.  The flow is then deleted and the
 * pool allowed to settle, so every setup starts from a warm pool.
 *
 * The baseline, measured the same way in the same run: a best-effort
 * label swap in dom0 (one ILM SWAP entry, no routelet).  Prints p50, p99
 * and max of both, the part spent in flows_set(), the ratio and whether
 * the target (p99 <= 5 ms) is met.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <event2/event.h>

#include "demux/dp.h"
#include "dom0/flows.h"
#include "dom0/pool.h"
#include "dom0/pool_netns.h"
#include "lib/log.h"
#include "routelet/config.h"
#include "testbed/gen/frame.h"

#define TARGET_P99_MS	5.0
#define WAIT_NS		1000000000ull	/* give up on one flow after 1 s */
#define SEND_GAP_US	50		/* between two probe frames */
#define LABEL_IN	1000u
#define LABEL_OUT	5000u

struct bench {
	const char	*ns_a, *ns_b, *if_in, *if_out, *if_a, *if_b;
	const char	*routelet;
	unsigned	flows, warm;
	int		tx_fd, rx_fd;
	uint8_t		mac_in[6], mac_out[6], mac_a[6], mac_b[6];
	unsigned	ifi_in, ifi_out;
	struct event_base *base;
	struct dp	*dp;
	void		*be;
	struct pool	*pool;
	struct flows_plane *plane;
	struct flows	*fl;
	char		inst[32], run_dir[64];
};

/* CLOCK_MONOTONIC in nanoseconds. */
static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* MAC of 'ifname' in the current namespace; 0 or -errno. */
static int
if_mac(const char *ifname, uint8_t mac[6])
{
	struct ifreq ifr;
	int fd, r;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	r = ioctl(fd, SIOCGIFHWADDR, &ifr);
	close(fd);
	if (r < 0)
		return -errno;
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return 0;
}

/* A non-blocking packet socket on 'ifname' of the current namespace. */
static int
packet_socket(const char *ifname)
{
	struct sockaddr_ll sll;
	int fd;

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    htons(ETH_P_ALL));
	if (fd < 0)
		return -1;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (sll.sll_ifindex == 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * In namespace 'path': the packet socket on 'ifname' and its MAC; back
 * to namespace 'home' after.  The socket stays in 'path'.
 */
static int
socket_in(const char *path, int home, const char *ifname, uint8_t mac[6])
{
	int nsfd, fd = -1;

	if ((nsfd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_warn("%s", path);
		return -1;
	}
	if (setns(nsfd, CLONE_NEWNET) < 0) {
		log_warn("setns %s", path);
		close(nsfd);
		return -1;
	}
	if (if_mac(ifname, mac) < 0 || (fd = packet_socket(ifname)) < 0)
		log_warn("%s in %s", ifname, path);
	if (setns(home, CLONE_NEWNET) < 0)
		fatal("setns back home");
	close(nsfd);
	return fd;
}

/* Every frame waiting at B; true if one carries top label 'label'. */
static bool
drain(struct bench *b, uint32_t label)
{
	uint8_t buf[2048];
	ssize_t n;
	bool seen = false;

	while ((n = recv(b->rx_fd, buf, sizeof(buf), 0)) > 0) {
		uint32_t lse;

		if (n < 18 || buf[12] != 0x88 || buf[13] != 0x47)
			continue;
		memcpy(&lse, buf + 14, 4);
		if (ntohl(lse) >> 12 == label)
			seen = true;
	}
	return seen;
}

/* Send probe frames with 'label' until one arrives with 'out'; ns. */
static int64_t
first_frame(struct bench *b, uint32_t label, uint32_t out, uint64_t t0)
{
	struct gen_frame_spec spec = {
		.kind = GEN_MPLS, .label = label, .nlabels = 1, .ttl = 64,
		.size = 64,
	};
	uint8_t frame[128];
	struct timespec gap = { 0, SEND_GAP_US * 1000 };
	uint32_t i;
	int len;

	memcpy(spec.dst, b->mac_in, 6);
	memcpy(spec.src, b->mac_a, 6);
	inet_pton(AF_INET, "10.77.1.1", &spec.ip_src);
	inet_pton(AF_INET, "10.77.2.2", &spec.ip_dst);
	for (i = 0; now_ns() - t0 < WAIT_NS; i++) {
		len = gen_frame_build(&spec, i, frame, sizeof(frame));
		if (len < 0 || send(b->tx_fd, frame, (size_t)len, 0) < 0)
			return -1;
		nanosleep(&gap, NULL);
		if (drain(b, out))
			return (int64_t)(now_ns() - t0);
	}
	return -1;
}

/* Routelets of the pool in state 's'. */
static unsigned
in_state(struct bench *b, enum pool_rl_state s)
{
	struct pool_counters c;

	pool_counters(b->pool, &c);
	return c.in_state[s];
}

/* Run the loop until the pool has 'warm' idle and is quiet (or 60 s). */
static int
settle(struct bench *b)
{
	uint64_t t0 = now_ns();
	struct timespec ms = { 0, 1000000 };

	while (now_ns() - t0 < 60000000000ull) {
		event_base_loop(b->base, EVLOOP_NONBLOCK);
		if (in_state(b, POOL_RL_IDLE) >= b->warm &&
		    in_state(b, POOL_RL_CREATING) == 0 &&
		    in_state(b, POOL_RL_DRAINING) == 0 &&
		    in_state(b, POOL_RL_DEAD) == 0)
			return 0;
		nanosleep(&ms, NULL);
	}
	return -1;
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, c = *(const uint64_t *)y;

	return a < c ? -1 : a > c;
}

/* The 'q' quantile (nearest rank) of sorted 'v', in ms. */
static double
quantile_ms(const uint64_t *v, unsigned n, double q)
{
	unsigned k = (unsigned)ceil(q * n);

	if (k == 0)
		k = 1;
	return (double)v[k - 1] / 1e6;
}

/* Sort 'v' and print its p50, p99 and max as one line. */
static void
report(const char *what, uint64_t *v, unsigned n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	printf("  %-52s p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", what,
	    quantile_ms(v, n, 0.5), quantile_ms(v, n, 0.99),
	    (double)v[n - 1] / 1e6);
}

/* The request of flow 'i' (a 1 Mbit/s Controlled-Load reservation). */
static void
flow_req_of(struct bench *b, unsigned i, uint8_t *fs, size_t fslen,
    struct flow_req *req)
{
	memset(req, 0, sizeof(*req));
	req->key = i + 1;
	inet_pton(AF_INET, "10.77.2.2", &req->session.endpoint);
	inet_pton(AF_INET, "10.77.1.1", &req->session.ext_id);
	inet_pton(AF_INET, "10.77.1.1", &req->session.sender);
	req->session.tunnel_id = (uint16_t)(i + 1);
	req->session.lsp_id = 1;
	snprintf(req->name, sizeof(req->name), "bench%u", i);
	req->in_label = LABEL_IN + i;
	req->out_label = LABEL_OUT + i;
	req->out_ifindex = b->ifi_out;
	memcpy(req->nexthop_mac, b->mac_b, 6);
	memcpy(req->source_mac, b->mac_out, 6);
	req->setup_prio = 7;
	req->hold_prio = 7;
	req->flowspec = fs;
	req->flowspec_len = fslen;
}

/* QoS flows: Resv (flows_set) -> first frame out of the routelet. */
static int
run_qos(struct bench *b, uint64_t *lat, uint64_t *ctl)
{
	struct is_flowspec spec = {
		.service = IS_SVC_CONTROLLED_LOAD,
		.tspec = { .rate = 125000, .bucket = 3000, .peak = INFINITY,
		    .min_unit = 64, .max_size = 1500 },
	};
	uint8_t fs[64];
	struct flow_req req;
	struct flow_err err;
	uint64_t t0;
	int64_t t;
	unsigned i;
	int n;

	if ((n = is_flowspec_encode(&spec, fs, sizeof(fs))) < 0)
		return -1;
	for (i = 0; i < b->flows; i++) {
		if (settle(b) < 0) {
			log_warnx("the pool did not settle");
			return -1;
		}
		flow_req_of(b, i, fs, (size_t)n, &req);
		drain(b, 0);
		t0 = now_ns();
		if (flows_set(b->fl, &req, &err) != 0) {
			log_warnx("flow %u: %s", i, err.msg);
			return -1;
		}
		ctl[i] = now_ns() - t0;
		if ((t = first_frame(b, req.in_label, req.out_label, t0)) < 0) {
			log_warnx("flow %u: no frame came through its routelet",
			    i);
			flows_del(b->fl, req.key);
			return -1;
		}
		lat[i] = (uint64_t)t;
		flows_del(b->fl, req.key);
	}
	return 0;
}

/*
 * Parts of flows_set(), alone: pool_assign (caps and config of a warm
 * routelet, waiting for its answer), an HTB class add, and the vif
 * attach of the assigned routelet (its BPF program on its dom0 end).
 */
static int
run_parts(struct bench *b, uint64_t *assign, uint64_t *cls, uint64_t *vif)
{
	struct pool_rl_info info;
	struct dp_vif v;
	struct rl_config cfg = {
		.generation = 1, .flow_id = 1, .in_label = LABEL_IN,
		.out_label = LABEL_OUT,
		.tspec = { .rate = 125000, .bucket = 3000,
		    .peak = POLICER_RATE_INF, .min_unit = 64,
		    .max_size = 1500 },
	};
	char text[RL_CONFIG_TEXT_MAX];
	struct pool_caps caps = { .cpu_quota_us = 2000,
	    .cpu_period_us = 100000, .mem_bytes = 16 << 20 };
	struct pool_rl *rl;
	uint32_t classid;
	uint64_t t0;
	unsigned i;
	int rc, len;

	memcpy(cfg.nexthop_mac, b->mac_b, 6);
	memcpy(cfg.source_mac, b->mac_out, 6);
	if ((len = rl_config_format(&cfg, text, sizeof(text))) < 0)
		return -1;
	for (i = 0; i < b->flows; i++) {
		if (settle(b) < 0)
			return -1;
		t0 = now_ns();
		rc = pool_assign(b->pool, &caps, text, (size_t)len, NULL,
		    b, &rl);
		assign[i] = now_ns() - t0;
		if (rc != 0) {
			log_warnx("pool_assign: %s", strerror(-rc));
			return -1;
		}
		pool_rl_info(rl, &info);
		memset(&v, 0, sizeof(v));
		v.vif_ifindex = info.ifindex;
		v.out_ifindex = b->ifi_out;
		v.priority = 0x10002;
		t0 = now_ns();
		rc = flows_plane_real_ops.vif_attach(b->plane, &v);
		vif[i] = now_ns() - t0;
		if (rc != 0 || flows_plane_real_ops.vif_detach(b->plane,
		    v.vif_ifindex) != 0) {
			log_warnx("vif %u: %s", v.vif_ifindex, strerror(-rc));
			pool_release(b->pool, rl);
			return -1;
		}
		pool_release(b->pool, rl);
		t0 = now_ns();
		rc = flows_plane_real_ops.class_add(b->plane, 0, 125000, 3000,
		    &classid);
		cls[i] = now_ns() - t0;
		if (rc != 0 || flows_plane_real_ops.class_del(b->plane, 0,
		    classid) != 0)
			return -1;
	}
	return 0;
}

/* Best effort: one ILM SWAP entry in dom0 -> first swapped frame. */
static int
run_be(struct bench *b, uint64_t *lat)
{
	struct dp_ilm e;
	uint64_t t0;
	int64_t t;
	unsigned i;

	for (i = 0; i < b->flows; i++) {
		memset(&e, 0, sizeof(e));
		e.in_label = LABEL_IN + i;
		e.action = DP_ILM_SWAP;
		e.out_label = LABEL_OUT + i;
		e.out_ifindex = b->ifi_out;
		memcpy(e.dst_mac, b->mac_b, 6);
		memcpy(e.src_mac, b->mac_out, 6);
		drain(b, 0);
		t0 = now_ns();
		if (dp_ilm_set(b->dp, &e) != 0)
			return -1;
		if ((t = first_frame(b, e.in_label, e.out_label, t0)) < 0) {
			log_warnx("best effort %u: no frame came through", i);
			dp_ilm_del(b->dp, e.in_label);
			return -1;
		}
		lat[i] = (uint64_t)t;
		dp_ilm_del(b->dp, e.in_label);
	}
	return 0;
}

/* The data plane, the pool, the HTB tree and the flows. */
static int
bring_up(struct bench *b)
{
	struct dp_params dpp = { .backend = DP_BACKEND_BPF };
	struct pool_netns_conf nc;
	struct pool_conf pc;
	struct flows_conf fc;
	char err[256], nsp[48], cgp[48];
	int rc;

	dpp.instance = b->inst;
	if ((rc = dp_open(&dpp, &b->dp)) < 0 ||
	    (rc = dp_linecard_attach(b->dp, b->ifi_in)) < 0) {
		log_warnx("data plane: %s", strerror(-rc));
		return -1;
	}
	snprintf(nsp, sizeof(nsp), "%s-rl-", b->inst);
	snprintf(cgp, sizeof(cgp), "quasar-%s", b->inst);
	memset(&nc, 0, sizeof(nc));
	nc.routelet = b->routelet;
	nc.ip = "ip";
	nc.ns_prefix = nsp;
	nc.if_prefix = "sl";
	nc.cgroup_parent = cgp;
	nc.run_dir = b->run_dir;
	nc.mounts = "/proc/mounts";
	nc.base = b->base;
	if ((rc = pool_netns_init(&nc, &b->be)) < 0) {
		log_warnx("netns backend: %s", strerror(-rc));
		return -1;
	}
	memset(&pc, 0, sizeof(pc));
	pc.min_idle = b->warm;
	pc.max_idle = b->warm + 1;
	pc.max_total = b->warm + 2;
	pc.retry_ms = 1000;
	if ((rc = pool_create(b->base, &pool_netns_ops, b->be, &pc, false,
	    &b->pool)) < 0) {
		log_warnx("pool: %s", strerror(-rc));
		return -1;
	}
	memset(&fc, 0, sizeof(fc));
	fc.n_links = 1;
	fc.links[0].ifindex = b->ifi_out;
	snprintf(fc.links[0].name, sizeof(fc.links[0].name), "%s", b->if_out);
	fc.links[0].rate = 125000000;	/* 1 Gbit/s */
	fc.links[0].reservable = 0.9;
	fc.links[0].mtu = 1500;
	fc.cores = 64;
	fc.dom0_reserve = 1;
	fc.mem_budget = 64ull << 30;
	fc.pool_size = pc.max_total;
	rs_params_default(&fc.params);
	fc.params.pkt_cost_ns = 2000;
	fc.pool = b->pool;
	if ((rc = flows_plane_open(b->dp, fc.links, 1, &b->plane, err,
	    sizeof(err))) < 0) {
		log_warnx("%s", err);
		return -1;
	}
	fc.plane = &flows_plane_real_ops;
	fc.plane_arg = b->plane;
	if ((rc = flows_init(&fc, &b->fl, err, sizeof(err))) < 0) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

/* Everything down; nothing of the run is left. */
static void
bring_down(struct bench *b)
{
	flows_free(b->fl);
	flows_plane_close(b->plane);
	pool_free(b->pool, false);
	if (b->be != NULL) {
		(void)pool_netns_cleanup(b->be);
		pool_netns_dispose(b->be);
	}
	dp_close(b->dp, DP_CLOSE_TEARDOWN);
	if (b->run_dir[0] != '\0')
		rmdir(b->run_dir);
	if (b->base != NULL)
		event_base_free(b->base);
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: bench-setup -A NETNS -B NETNS -i IN_IF "
	    "-o OUT_IF -a A_IF -b B_IF -r ROUTELET [-n FLOWS] [-w WARM]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct bench b;
	uint64_t *qos = NULL, *ctl = NULL, *be = NULL, *asg = NULL;
	uint64_t *cls = NULL, *vif = NULL;
	double p99;
	int c, home, rc = 1;

	memset(&b, 0, sizeof(b));
	b.flows = 200;
	b.warm = 8;
	b.tx_fd = b.rx_fd = -1;
	while ((c = getopt(argc, argv, "A:B:i:o:a:b:r:n:w:")) != -1) {
		switch (c) {
		case 'A': b.ns_a = optarg; break;
		case 'B': b.ns_b = optarg; break;
		case 'i': b.if_in = optarg; break;
		case 'o': b.if_out = optarg; break;
		case 'a': b.if_a = optarg; break;
		case 'b': b.if_b = optarg; break;
		case 'r': b.routelet = optarg; break;
		case 'n': b.flows = (unsigned)atoi(optarg); break;
		case 'w': b.warm = (unsigned)atoi(optarg); break;
		default: usage();
		}
	}
	if (b.ns_a == NULL || b.ns_b == NULL || b.if_in == NULL ||
	    b.if_out == NULL || b.if_a == NULL || b.if_b == NULL ||
	    b.routelet == NULL || b.flows == 0 || b.flows > 4000 ||
	    b.warm == 0)
		usage();
	log_init("bench-setup", LOG_LVL_WARN, false);
	snprintf(b.inst, sizeof(b.inst), "bsl%d", (int)getpid());
	snprintf(b.run_dir, sizeof(b.run_dir), "/tmp/bench-setup.XXXXXX");
	if (mkdtemp(b.run_dir) == NULL) {
		b.run_dir[0] = '\0';
		log_warn("mkdtemp");
		goto out;
	}
	if ((home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		fatal("/proc/self/ns/net");
	b.tx_fd = socket_in(b.ns_a, home, b.if_a, b.mac_a);
	b.rx_fd = socket_in(b.ns_b, home, b.if_b, b.mac_b);
	close(home);
	if (b.tx_fd < 0 || b.rx_fd < 0 || if_mac(b.if_in, b.mac_in) < 0 ||
	    if_mac(b.if_out, b.mac_out) < 0 ||
	    (b.ifi_in = if_nametoindex(b.if_in)) == 0 ||
	    (b.ifi_out = if_nametoindex(b.if_out)) == 0) {
		log_warnx("interfaces %s, %s, %s, %s", b.if_a, b.if_in,
		    b.if_out, b.if_b);
		goto out;
	}
	if ((b.base = event_base_new()) == NULL || bring_up(&b) < 0)
		goto out;
	qos = calloc(b.flows, sizeof(*qos));
	ctl = calloc(b.flows, sizeof(*ctl));
	be = calloc(b.flows, sizeof(*be));
	asg = calloc(b.flows, sizeof(*asg));
	cls = calloc(b.flows, sizeof(*cls));
	vif = calloc(b.flows, sizeof(*vif));
	if (qos == NULL || ctl == NULL || be == NULL || asg == NULL ||
	    cls == NULL || vif == NULL)
		goto out;
	if (run_be(&b, be) < 0 || run_qos(&b, qos, ctl) < 0 ||
	    run_parts(&b, asg, cls, vif) < 0)
		goto out;
	printf("setup latency, Resv to the first frame forwarded (%u flows, "
	    "warm pool of %u netns routelets):\n", b.flows, b.warm);
	report("QoS flow (admission, routelet, HTB class, vif, ILM)", qos,
	    b.flows);
	report("  of which flows_set() (control, no frame yet)", ctl,
	    b.flows);
	report("    pool_assign alone (caps, config, its answer)", asg,
	    b.flows);
	report("    HTB class add alone", cls, b.flows);
	report("    vif attach alone (BPF program on its dom0 end)", vif,
	    b.flows);
	report("baseline: best-effort swap in dom0 (one ILM entry)", be,
	    b.flows);
	p99 = quantile_ms(qos, b.flows, 0.99);
	printf("  ratio, p99 QoS / p99 best effort: %.1f\n",
	    p99 / quantile_ms(be, b.flows, 0.99));
	printf("  target p99 <= %.0f ms: %s\n", TARGET_P99_MS,
	    p99 <= TARGET_P99_MS ? "met" : "NOT met");
	rc = 0;
out:
	free(qos);
	free(ctl);
	free(be);
	free(asg);
	free(cls);
	free(vif);
	bring_down(&b);
	if (b.tx_fd >= 0)
		close(b.tx_fd);
	if (b.rx_fd >= 0)
		close(b.rx_fd);
	return rc;
}
