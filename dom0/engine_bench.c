/*
 * bench_engine: the engine's own cost, without sockets or kernel.  N
 * LSP tunnels are set up through engine_input() (a Path from the host,
 * then the Resv from the next hop), the setup rate printed; then the
 * state is kept alive for some refresh periods R (every neighbour's Path
 * and Resv refresh once per R, the engine's own refresh timers run) and
 * the process CPU time per R is printed as a share of one core.
 *
 *   bench_engine [-n SESSIONS] [-r R_SECONDS] [-p PERIODS]
 *
 * The environment is a minimal fake: every destination routes out of
 * ifindex 2 to one neighbour, sends are counted, the data plane is a
 * counter.  Messages are encoded before the clock starts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "dom0/engine.h"
#include "flowspec/intserv.h"
#include "lib/log.h"
#include "rsvp/rsvp.h"

#define IF_UP		1
#define IF_DOWN		2

struct bench {
	uint64_t	now;
	uint64_t	sent;
	uint64_t	ilm;
	struct in_addr	up_addr, down_addr, me_up, me_down;
};

static struct bench B;

static int
b_send(void *arg, const struct rsvp_pkt_out *pkt)
{
	(void)arg;
	(void)pkt;
	B.sent++;
	return 0;
}

static int
b_route(void *arg, struct in_addr dst, struct engine_route *rt_r)
{
	(void)arg;
	(void)dst;
	memset(rt_r, 0, sizeof(*rt_r));
	rt_r->ifindex = IF_DOWN;
	rt_r->gateway = B.down_addr;
	return 0;
}

static bool
b_is_local(void *arg, struct in_addr a)
{
	(void)arg;
	return a.s_addr == B.me_up.s_addr || a.s_addr == B.me_down.s_addr;
}

static bool
b_adjacent(void *arg, struct in_addr a, unsigned *ifindex_r)
{
	(void)arg;
	*ifindex_r = a.s_addr == B.up_addr.s_addr ? IF_UP : IF_DOWN;
	return true;
}

static int
b_if_addr(void *arg, unsigned ifindex, struct in_addr *addr_r)
{
	(void)arg;
	*addr_r = ifindex == IF_UP ? B.me_up : B.me_down;
	return 0;
}

static int
b_mac(void *arg, unsigned ifindex, uint8_t mac_r[6])
{
	(void)arg;
	memset(mac_r, (int)ifindex, 6);
	return 0;
}

static int
b_neigh(void *arg, unsigned ifindex, struct in_addr a, uint8_t mac_r[6])
{
	(void)a;
	return b_mac(arg, ifindex, mac_r);
}

static uint64_t
b_now(void *arg)
{
	(void)arg;
	return B.now;
}

static int
b_ilm_set(void *arg, const struct dp_ilm *e)
{
	(void)arg;
	(void)e;
	B.ilm++;
	return 0;
}

static int
b_ilm_del(void *arg, uint32_t label)
{
	(void)arg;
	(void)label;
	return 0;
}

/* Encoded messages, one Path and one Resv per session, back to back. */
struct wire {
	uint8_t		*buf;
	size_t		*off;
	size_t		*len;
	size_t		used, cap;
};

static void
wire_add(struct wire *w, size_t i, const struct rsvp_msg *m)
{
	ssize_t n;

	if (w->cap - w->used < RSVP_MSG_MAX_LEN) {
		w->cap = w->cap * 2 + RSVP_MSG_MAX_LEN;
		if ((w->buf = realloc(w->buf, w->cap)) == NULL)
			fatal("realloc");
	}
	n = rsvp_encode(m, w->buf + w->used, w->cap - w->used);
	if (n < 0)
		fatalx("encode");
	w->off[i] = w->used;
	w->len[i] = (size_t)n;
	w->used += (size_t)n;
}

static struct rsvp_obj *
add(struct rsvp_msg *m, uint8_t class_num, uint8_t c_type)
{
	struct rsvp_obj *o = rsvp_msg_add(m, class_num, c_type);

	if (o == NULL)
		fatalx("rsvp_msg_add");
	return o;
}

static void
common(struct rsvp_msg *m, size_t i, struct in_addr hop)
{
	struct rsvp_obj *o;

	o = add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp.endpoint.s_addr =
	    htonl(0x0a020000u + (uint32_t)(i >> 16));
	o->u.session_lsp.tunnel_id = (uint16_t)i;
	o->u.session_lsp.ext_tunnel_id = B.up_addr;
	o = add(m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = hop;
	o = add(m, RSVP_CLASS_TIME_VALUES, RSVP_CTYPE_1);
	o->u.time.refresh_ms = 30000;
}

static void
build(struct wire *paths, struct wire *resvs, size_t n)
{
	struct is_tspec ts = { .rate = 125000, .bucket = 10000,
	    .peak = 250000, .min_unit = 64, .max_size = 1500 };
	struct is_flowspec fs = { .service = IS_SVC_CONTROLLED_LOAD };
	struct rsvp_msg *m = malloc(sizeof(*m));
	struct rsvp_obj *o;
	size_t i;
	int r;

	if (m == NULL)
		fatal("malloc");
	fs.tspec = ts;
	for (i = 0; i < n; i++) {
		rsvp_msg_init(m, RSVP_MSG_PATH);
		m->send_ttl = 64;
		common(m, i, B.up_addr);
		o = add(m, RSVP_CLASS_LABEL_REQUEST, RSVP_CTYPE_1);
		o->u.label_request.l3pid = 0x0800;
		o = add(m, RSVP_CLASS_SENDER_TEMPLATE,
		    RSVP_CTYPE_LSP_TUNNEL_IPV4);
		o->u.filter_lsp.sender = B.up_addr;
		o->u.filter_lsp.lsp_id = 1;
		o = add(m, RSVP_CLASS_SENDER_TSPEC, RSVP_CTYPE_INTSERV);
		r = is_sender_tspec_encode(&ts, o->u.opaque.data,
		    sizeof(o->u.opaque.data));
		o->u.opaque.len = (uint16_t)r;
		wire_add(paths, i, m);

		rsvp_msg_init(m, RSVP_MSG_RESV);
		common(m, i, B.down_addr);
		o = add(m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
		o->u.style.options = RSVP_STYLE_FF;
		o = add(m, RSVP_CLASS_FLOWSPEC, RSVP_CTYPE_INTSERV);
		r = is_flowspec_encode(&fs, o->u.opaque.data,
		    sizeof(o->u.opaque.data));
		o->u.opaque.len = (uint16_t)r;
		o = add(m, RSVP_CLASS_FILTER_SPEC, RSVP_CTYPE_LSP_TUNNEL_IPV4);
		o->u.filter_lsp.sender = B.up_addr;
		o->u.filter_lsp.lsp_id = 1;
		o = add(m, RSVP_CLASS_LABEL, RSVP_CTYPE_1);
		o->u.label.label = 16 + (uint32_t)(i % 1000000);
		wire_add(resvs, i, m);
	}
	free(m);
}

static void
feed(struct engine *e, const struct wire *w, size_t i, struct in_addr src,
    unsigned ifindex)
{
	struct rsvp_pkt_in in;

	memset(&in, 0, sizeof(in));
	in.buf = w->buf + w->off[i];
	in.len = w->len[i];
	in.src = src;
	in.ifindex = ifindex;
	in.ip_ttl = 64;
	engine_input(e, &in);
}

static double
cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_engine [-n SESSIONS] [-r R_SECONDS] "
	    "[-p PERIODS]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct labels_params lp = { .min = 16, .max = LABELS_MAX,
	    .order = LABELS_ASCENDING, .holddown_ms = 60000 };
	struct wire paths = { 0 }, resvs = { 0 };
	struct engine_env env;
	struct engine *e;
	struct labels *labels;
	unsigned long n = 100000, periods = 3, r_s = 30, p;
	double t0, t_setup, t_refresh;
	uint64_t c[ENGINE_C_MAX], step, end, sent0;
	size_t i;
	int ch, rc;

	while ((ch = getopt(argc, argv, "n:r:p:")) != -1) {
		switch (ch) {
		case 'n':
			n = strtoul(optarg, NULL, 10);
			break;
		case 'r':
			r_s = strtoul(optarg, NULL, 10);
			break;
		case 'p':
			periods = strtoul(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (n == 0 || r_s == 0 || periods == 0 || n > 1000000)
		usage();
	log_init("bench_engine", LOG_LVL_WARN, false);
	inet_pton(AF_INET, "10.0.1.2", &B.up_addr);
	inet_pton(AF_INET, "10.0.1.1", &B.me_up);
	inet_pton(AF_INET, "10.0.12.1", &B.me_down);
	inet_pton(AF_INET, "10.0.12.2", &B.down_addr);
	B.now = 1000;
	paths.off = calloc(n, sizeof(size_t));
	paths.len = calloc(n, sizeof(size_t));
	resvs.off = calloc(n, sizeof(size_t));
	resvs.len = calloc(n, sizeof(size_t));
	if (!paths.off || !paths.len || !resvs.off || !resvs.len)
		fatal("calloc");
	build(&paths, &resvs, n);
	if ((rc = labels_create(&lp, &labels)) < 0)
		fatalx("labels_create: %s", strerror(-rc));
	memset(&env, 0, sizeof(env));
	env.send = b_send;
	env.route = b_route;
	env.is_local = b_is_local;
	env.adjacent = b_adjacent;
	env.if_addr = b_if_addr;
	env.if_mac = b_mac;
	env.neigh_mac = b_neigh;
	env.now_ms = b_now;
	env.labels = labels;
	env.ilm_set = b_ilm_set;
	env.ilm_del = b_ilm_del;
	env.refresh_ms = (uint32_t)(r_s * 1000);
	env.keep_multiplier = 3;
	env.seed = 1;
	if ((rc = engine_create(&env, &e)) < 0)
		fatalx("engine_create: %s", strerror(-rc));

	/* Setup: Path in, Path out; Resv in, label, ILM, Resv out. */
	t0 = cpu_s();
	for (i = 0; i < n; i++) {
		feed(e, &paths, i, B.up_addr, IF_UP);
		feed(e, &resvs, i, B.down_addr, IF_DOWN);
	}
	t_setup = cpu_s() - t0;
	if (B.ilm != n)
		fatalx("%lu LSPs programmed of %lu", (unsigned long)B.ilm, n);

	/*
	 * Refresh: for each R, both neighbours refresh every session once,
	 * spread over the period, and the engine's timers run every 10 ms.
	 */
	sent0 = B.sent;
	step = 10;
	t0 = cpu_s();
	for (p = 0; p < periods; p++) {
		size_t per_step = n * step / (r_s * 1000) + 1;

		end = B.now + r_s * 1000;
		for (i = 0; B.now < end; B.now += step) {
			size_t k;

			for (k = 0; k < per_step && i < n; k++, i++) {
				feed(e, &paths, i, B.up_addr, IF_UP);
				feed(e, &resvs, i, B.down_addr, IF_DOWN);
			}
			engine_timers_run(e);
		}
	}
	t_refresh = cpu_s() - t0;
	engine_counters(e, c);
	if (c[ENGINE_C_PATH_TIMEOUT] || c[ENGINE_C_RESV_TIMEOUT])
		fatalx("state expired during refresh");

	printf("engine: %lu LSP setups (Path + Resv in, Path + Resv out, "
	    "label, ILM) in %.3f s CPU: %.0f setups/s\n", n, t_setup,
	    (double)n / t_setup);
	printf("engine: %lu sessions refreshed at R = %lu s: %.3f s CPU per "
	    "R = %.2f%% of one core (%.1f ms per 1000 sessions per R); "
	    "%.0f messages sent per R\n", n, r_s, t_refresh / (double)periods,
	    100.0 * t_refresh / (double)periods / (double)r_s,
	    1000.0 * t_refresh / (double)periods / ((double)n / 1000.0),
	    (double)(B.sent - sent0) / (double)periods);
	engine_destroy(e);
	labels_destroy(labels);
	free(paths.buf);
	free(resvs.buf);
	free(paths.off);
	free(paths.len);
	free(resvs.off);
	free(resvs.len);
	return 0;
}
