/*
 * quasar-rsvp send: signal one LSP as its sender (RFC 3209 Path), keep it
 * refreshed, print its label and recorded route whenever they change and
 * its errors as they come, and tear it down (PathTear) on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <jansson.h>

#include "flowspec/units.h"
#include "host/cmd.h"
#include "host/api_cli.h"
#include "host/api_push.h"
#include "host/rsvp_api.h"
#include "lib/inet.h"

static int send_run(int argc, char **argv);

const struct cmd cmd_send = {
	.name = "send",
	.summary = "signal an LSP as its sender and keep it up",
	.usage = "DST --tunnel-id N --rate RATE --burst SIZE [--lsp-id N]\n"
	    "       [--peak RATE] [--min-unit SIZE] [--max-size SIZE]"
	    " [--ero HOP,...]\n"
	    "       [--name S] [--record-route] [--se] [--source ADDR]"
	    " [--refresh SEC]\n"
	    "       [--push IFACE] [--count N] [-j]",
	.help =
	    "  DST               the tunnel end point (the receiver)\n"
	    "  --tunnel-id N     tunnel id, 0-65535\n"
	    "  --lsp-id N        LSP id, 0-65535 (default 1)\n"
	    "  --rate RATE       token rate r, tc units (\"10mbit\")\n"
	    "  --burst SIZE      bucket depth b, tc units (\"64k\")\n"
	    "  --peak RATE       peak rate p (default: none, infinity)\n"
	    "  --min-unit SIZE   minimum policed unit m (default 64)\n"
	    "  --max-size SIZE   maximum packet size M (default 1500)\n"
	    "  --ero HOP,...     explicit route; HOP is ADDR[/PLEN][/loose],\n"
	    "                    strict unless /loose\n"
	    "  --name S          session name (SESSION_ATTRIBUTE)\n"
	    "  --record-route    ask for the route and labels (RRO)\n"
	    "  --se              ask for the shared explicit style\n"
	    "  --source ADDR     our address (default: the route's source)\n"
	    "  --refresh SEC     refresh period R (default 30)\n"
	    "  --push IFACE      push the label on IPv4 to DST leaving IFACE\n"
	    "  --count N         N LSPs: tunnel ids from --tunnel-id N0 up\n"
	    "                    to 65535, then again with the next LSP\n"
	    "                    id; says when all are up\n"
	    "  -j                one JSON object per event, one per line\n",
	.run = send_run,
};

enum {
	OPT_TUNNEL = 256, OPT_LSP, OPT_RATE, OPT_BURST, OPT_PEAK, OPT_MIN,
	OPT_MAX, OPT_ERO, OPT_NAME, OPT_RRO, OPT_SE, OPT_SOURCE, OPT_REFRESH,
	OPT_PUSH, OPT_COUNT,
};

static const struct option send_opts[] = {
	{ "tunnel-id", required_argument, NULL, OPT_TUNNEL },
	{ "lsp-id", required_argument, NULL, OPT_LSP },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "peak", required_argument, NULL, OPT_PEAK },
	{ "min-unit", required_argument, NULL, OPT_MIN },
	{ "max-size", required_argument, NULL, OPT_MAX },
	{ "ero", required_argument, NULL, OPT_ERO },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "record-route", no_argument, NULL, OPT_RRO },
	{ "se", no_argument, NULL, OPT_SE },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "refresh", required_argument, NULL, OPT_REFRESH },
	{ "push", required_argument, NULL, OPT_PUSH },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The most LSPs one --count opens (each holds a sender, about 1.3 KB). */
#define SEND_COUNT_MAX	1000000ul

/* Senders opened per millisecond with --count: a burst of thousands
 * would overrun the raw socket's send buffer. */
#define SEND_BATCH	50

struct send_ctx {
	bool json;
	const char *push_if;		/* --push */
	struct rsvp_push *push;
	struct rsvp_host *host;
	struct rsvp_sender_params p;	/* the first LSP; see lsp_params() */
	unsigned long count;		/* --count */
	unsigned long opened;
	unsigned long up;		/* LSPs that had a Resv */
	struct rsvp_sender **senders;	/* [count] */
	bool *had_resv;			/* [count] */
	struct event *opener;
	uint64_t t0;			/* when the first Path went */
	struct in_addr src;		/* ours */
	bool failed;			/* an LSP of --count did not open */
};

/* Push the label of 'r' (NULL: nothing) on traffic to the LSP's end. */
static void
send_push(struct send_ctx *ctx, struct rsvp_sender *s,
    const struct rsvp_sender_resv *r)
{
	struct in_addr dst = rsvp_sender_params(s)->dst;
	int rc;

	if (ctx->push == NULL)
		return;
	rc = r != NULL ? rsvp_push_set(ctx->push, dst, r->label) :
	    rsvp_push_clear(ctx->push, dst);
	if (rc != 0)
		fprintf(stderr, "quasar-rsvp send: push on %s: %s\n",
		    ctx->push_if, strerror(-rc));
}

/* How many tunnel ids --count may use from 'first': up to 65535. */
static unsigned long
tunnels_from(uint16_t first)
{
	return UINT16_MAX + 1ul - first;
}

/*
 * LSP 'i' of --count: tunnel ids N0, N0 + 1, ... up to 65535, then the same
 * tunnels again with the next LSP id, so that one process can signal more
 * than 65,536 LSPs.
 */
static void
lsp_params(const struct send_ctx *ctx, unsigned long i,
    struct rsvp_sender_params *p_r)
{
	unsigned long k = tunnels_from(ctx->p.tunnel_id);

	*p_r = ctx->p;
	p_r->tunnel_id = (uint16_t)(ctx->p.tunnel_id + i % k);
	p_r->lsp_id = (uint16_t)(ctx->p.lsp_id + i / k);
}

/* Where LSP 'p' of --count stands in the order lsp_params() opens them. */
static unsigned long
lsp_index(const struct send_ctx *ctx, const struct rsvp_sender_params *p)
{
	return (unsigned long)(p->lsp_id - ctx->p.lsp_id) *
	    tunnels_from(ctx->p.tunnel_id) +
	    (unsigned long)(p->tunnel_id - ctx->p.tunnel_id);
}

/* Say once when every LSP of --count has had its Resv: setups/s. */
static void
send_count_up(struct send_ctx *ctx, const struct rsvp_sender *s)
{
	const struct rsvp_sender_params *p = rsvp_sender_params(s);
	unsigned long i = lsp_index(ctx, p);
	uint64_t ms;
	double rate;

	if (ctx->had_resv[i])
		return;
	ctx->had_resv[i] = true;
	if (++ctx->up != ctx->count || ctx->count == 1)
		return;
	ms = rsvp_host_clock_ms(NULL) - ctx->t0;
	rate = (double)ctx->count * 1000.0 / (double)(ms > 0 ? ms : 1);
	if (ctx->json)
		api_cli_json_print(json_pack("{s:s, s:I, s:I, s:f}", "event",
		    "all_up", "lsps", (json_int_t)ctx->count, "ms",
		    (json_int_t)ms, "setups_per_s", rate));
	else {
		printf("all up: %lu lsps in %llu ms, %.0f setups/s\n",
		    ctx->count, (unsigned long long)ms, rate);
		fflush(stdout);
	}
}

/* The LSP's identity at the start of every line or JSON object. */
static json_t *
send_json(const struct rsvp_sender *s, const char *event)
{
	const struct rsvp_sender_params *p = rsvp_sender_params(s);
	char dst[INET_ADDRSTRLEN];

	ipv4_ntop(p->dst, dst, sizeof(dst));
	return json_pack("{s:s, s:s, s:i, s:i}", "event", event, "dst", dst,
	    "tunnel_id", p->tunnel_id, "lsp_id", p->lsp_id);
}

static void
send_on_resv(void *arg, struct rsvp_sender *s, const struct rsvp_sender_resv *r)
{
	const struct rsvp_sender_params *p = rsvp_sender_params(s);
	struct send_ctx *ctx = arg;
	char nhop[INET_ADDRSTRLEN], style[16], route[1024];
	json_t *o, *rro;
	size_t i;

	send_push(ctx, s, r);
	send_count_up(ctx, s);
	ipv4_ntop(r->nhop, nhop, sizeof(nhop));
	rsvp_api_style_text(r->style, style, sizeof(style));
	if (!ctx->json) {
		printf("resv: tunnel %u lsp %u label %u style %s from %s",
		    p->tunnel_id, p->lsp_id, r->label, style, nhop);
		if (r->n_rro > 0)
			printf(" route %s", rsvp_api_route_text(r->rro,
			    r->n_rro, route, sizeof(route)));
		printf("\n");
		fflush(stdout);
		return;
	}
	o = send_json(s, "resv");
	rro = json_array();
	for (i = 0; i < r->n_rro; i++)
		json_array_append_new(rro, api_cli_json_hop(&r->rro[i]));
	json_object_set_new(o, "label", json_integer(r->label));
	json_object_set_new(o, "style", json_string(style));
	json_object_set_new(o, "nhop", json_string(nhop));
	json_object_set_new(o, "rro", rro);
	api_cli_json_print(o);
}

static void
send_on_lost(void *arg, struct rsvp_sender *s, enum rsvp_api_lost why)
{
	const struct rsvp_sender_params *p = rsvp_sender_params(s);
	struct send_ctx *ctx = arg;
	const char *reason = why == RSVP_API_LOST_TEAR ? "ResvTear" :
	    "no refresh";
	json_t *o;

	send_push(ctx, s, NULL);
	if (!ctx->json) {
		printf("resv lost: tunnel %u lsp %u: %s\n", p->tunnel_id,
		    p->lsp_id, reason);
		fflush(stdout);
		return;
	}
	o = send_json(s, "resv_lost");
	json_object_set_new(o, "reason", json_string(
	    why == RSVP_API_LOST_TEAR ? "resvtear" : "timeout"));
	api_cli_json_print(o);
}

static void
send_on_err(void *arg, struct rsvp_sender *s, const struct rsvp_error_spec *e)
{
	const struct rsvp_sender_params *p = rsvp_sender_params(s);
	struct send_ctx *ctx = arg;
	char text[256];
	json_t *o;

	if (!ctx->json) {
		printf("patherr: tunnel %u lsp %u: %s\n", p->tunnel_id,
		    p->lsp_id, rsvp_api_error_text(e, text, sizeof(text)));
		fflush(stdout);
		return;
	}
	o = send_json(s, "patherr");
	api_cli_json_error(o, e);
	api_cli_json_print(o);
}

/* We answered a Resv asking for a confirmation (RFC 2205 3.1.9). */
static void
send_on_confirm_sent(void *arg, struct rsvp_sender *s, struct in_addr receiver)
{
	const struct rsvp_sender_params *p = rsvp_sender_params(s);
	struct send_ctx *ctx = arg;
	char to[INET_ADDRSTRLEN];
	json_t *o;

	ipv4_ntop(receiver, to, sizeof(to));
	if (!ctx->json) {
		printf("confirm sent: tunnel %u lsp %u to %s\n", p->tunnel_id,
		    p->lsp_id, to);
		fflush(stdout);
		return;
	}
	o = send_json(s, "confirm_sent");
	json_object_set_new(o, "receiver", json_string(to));
	api_cli_json_print(o);
}

/* One ERO hop: ADDR[/PLEN][/loose|/strict] (RFC 3209 4.3.3.1). */
static bool
send_parse_hop(char *word, struct rsvp_api_hop *hop)
{
	char *part, *save = NULL, *end;
	unsigned long plen;

	part = strtok_r(word, "/", &save);
	if (part == NULL || !ipv4_pton(part, &hop->addr))
		return false;
	hop->prefix_len = 32;
	hop->loose = false;
	while ((part = strtok_r(NULL, "/", &save)) != NULL) {
		if (strcmp(part, "loose") == 0)
			hop->loose = true;
		else if (strcmp(part, "strict") == 0)
			hop->loose = false;
		else {
			errno = 0;
			plen = strtoul(part, &end, 10);
			if (errno != 0 || *end != '\0' || part[0] < '0' ||
			    part[0] > '9' || plen > 32)
				return false;
			hop->prefix_len = (uint8_t)plen;
		}
	}
	return true;
}

static bool
send_parse_ero(const char *s, struct rsvp_sender_params *p)
{
	char *copy, *word, *save = NULL;
	bool ok = true;

	if ((copy = strdup(s)) == NULL)
		return false;
	p->n_ero = 0;
	for (word = strtok_r(copy, ",", &save); word != NULL && ok;
	    word = strtok_r(NULL, ",", &save)) {
		if (p->n_ero == RSVP_API_ERO_MAX)
			ok = false;
		else
			ok = send_parse_hop(word, &p->ero[p->n_ero++]);
	}
	free(copy);
	return ok && p->n_ero > 0;
}

/* Parse the options into 'p' and 'src'; an exit status or -1 to go on. */
static int
send_parse(int argc, char **argv, struct rsvp_sender_params *p,
    struct in_addr *src, uint32_t *refresh_ms, struct send_ctx *ctx)
{
	uint64_t v;
	unsigned long n;
	bool have_tunnel = false, have_rate = false, have_burst = false;
	const char *bad = NULL;
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":jh", send_opts, NULL)) != -1) {
		switch (ch) {
		case OPT_TUNNEL:
		case OPT_LSP:
			if (!api_cli_parse_ulong(optarg, UINT16_MAX, &n)) {
				bad = ch == OPT_TUNNEL ? "tunnel id" : "LSP id";
				break;
			}
			if (ch == OPT_TUNNEL) {
				p->tunnel_id = (uint16_t)n;
				have_tunnel = true;
			} else
				p->lsp_id = (uint16_t)n;
			break;
		case OPT_RATE:
		case OPT_PEAK:
			if (units_parse_rate_bits(optarg, &v) != 0) {
				bad = "rate";
				break;
			}
			if (ch == OPT_RATE) {
				p->tspec.rate = units_bits_to_is_rate(v);
				have_rate = true;
			} else
				p->tspec.peak = units_bits_to_is_rate(v);
			break;
		case OPT_BURST:
			if (units_parse_size_bytes(optarg, &v) != 0) {
				bad = "size";
				break;
			}
			p->tspec.bucket = units_bytes_to_is_size(v);
			have_burst = true;
			break;
		case OPT_MIN:
		case OPT_MAX:
			if (units_parse_size_bytes(optarg, &v) != 0 ||
			    v > UINT32_MAX) {
				bad = "size";
				break;
			}
			if (ch == OPT_MIN)
				p->tspec.min_unit = (uint32_t)v;
			else
				p->tspec.max_size = (uint32_t)v;
			break;
		case OPT_ERO:
			if (!send_parse_ero(optarg, p))
				bad = "explicit route";
			break;
		case OPT_NAME:
			if (strlen(optarg) > RSVP_NAME_MAX)
				bad = "name (255 bytes at most)";
			p->name = optarg;
			break;
		case OPT_RRO:
			p->record_route = true;
			break;
		case OPT_SE:
			p->se_style = true;
			break;
		case OPT_SOURCE:
			if (!ipv4_pton(optarg, src))
				bad = "address";
			break;
		case OPT_REFRESH:
			if (!api_cli_parse_seconds(optarg, refresh_ms))
				bad = "refresh period";
			break;
		case OPT_PUSH:
			ctx->push_if = optarg;
			break;
		case OPT_COUNT:
			if (!api_cli_parse_ulong(optarg, SEND_COUNT_MAX,
			    &ctx->count) || ctx->count == 0)
				bad = "count";
			break;
		case 'j':
			ctx->json = true;
			break;
		case 'h':
			cmd_usage(&cmd_send, stdout, 1);
			return EXIT_OK;
		default:
			return api_cli_bad_option(&cmd_send, argv, ch);
		}
		if (bad != NULL)
			return api_cli_usage_error(&cmd_send, "bad %s \"%s\"",
			    bad, optarg);
	}
	if (optind + 1 != argc || !ipv4_pton(argv[optind], &p->dst))
		return api_cli_usage_error(&cmd_send, "%s", optind + 1 < argc ?
		    "unexpected argument" : optind == argc ?
		    "give the destination DST" : "DST is not an IPv4 address");
	if (!have_tunnel || !have_rate || !have_burst)
		return api_cli_usage_error(&cmd_send,
		    "--tunnel-id, --rate and --burst are required");
	if (p->lsp_id + (ctx->count - 1) / tunnels_from(p->tunnel_id) >
	    UINT16_MAX) {
		fprintf(stderr, "quasar-rsvp send: --count %lu runs past LSP "
		    "id 65535\n", ctx->count);
		return EXIT_USAGE;
	}
	if (is_tspec_check(&p->tspec) != IS_OK) {
		fprintf(stderr, "quasar-rsvp send: bad traffic spec: %s\n",
		    is_reason_str(is_tspec_check(&p->tspec)));
		return EXIT_USAGE;
	}
	return -1;
}

/* Open the next LSP of --count and say so. */
static int
send_open_one(struct send_ctx *ctx)
{
	static const struct rsvp_sender_cbs cbs = {
		send_on_resv, send_on_lost, send_on_err, send_on_confirm_sent,
	};
	struct rsvp_sender_params p;
	struct rsvp_sender *s;
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	json_t *o;
	int rc;

	lsp_params(ctx, ctx->opened, &p);
	if ((rc = rsvp_sender_open(ctx->host, &p, &cbs, ctx, &s)) != 0) {
		fprintf(stderr, "quasar-rsvp send: tunnel %u: %s\n",
		    p.tunnel_id, strerror(-rc));
		return -1;
	}
	ctx->senders[ctx->opened++] = s;
	ipv4_ntop(ctx->src, a, sizeof(a));
	ipv4_ntop(p.dst, b, sizeof(b));
	if (ctx->json) {
		o = send_json(s, "path");
		json_object_set_new(o, "src", json_string(a));
		api_cli_json_print(o);
		return 0;
	}
	printf("path: tunnel %u lsp %u from %s to %s\n", p.tunnel_id,
	    p.lsp_id, a, b);
	fflush(stdout);
	return 0;
}

/* Open up to SEND_BATCH more LSPs, and come back in 1 ms for the rest. */
static int
send_open_some(struct send_ctx *ctx)
{
	static const struct timeval ms = { 0, 1000 };
	unsigned long n;

	for (n = 0; n < SEND_BATCH && ctx->opened < ctx->count; n++)
		if (send_open_one(ctx) != 0)
			return -1;
	if (ctx->opened < ctx->count)
		evtimer_add(ctx->opener, &ms);
	return 0;
}

static void
send_on_opener(evutil_socket_t fd, short what, void *arg)
{
	struct send_ctx *ctx = arg;

	(void)fd;
	(void)what;
	if (send_open_some(ctx) != 0) {
		ctx->failed = true;
		event_base_loopbreak(event_get_base(ctx->opener));
	}
}

/* PathTear for every LSP, and say so; paced as the Paths were, so that
 * a router's receive buffer does not drop a burst of thousands. */
static void
send_close_all(struct send_ctx *ctx)
{
	static const struct timespec ms = { 0, 1000000 };
	const struct rsvp_sender_params *p;
	char b[INET_ADDRSTRLEN];
	unsigned long i;
	json_t *o;

	for (i = 0; i < ctx->opened; i++) {
		if (i > 0 && i % SEND_BATCH == 0)
			nanosleep(&ms, NULL);
		p = rsvp_sender_params(ctx->senders[i]);
		ipv4_ntop(p->dst, b, sizeof(b));
		if (ctx->json) {
			o = json_pack("{s:s, s:s, s:i, s:i}", "event",
			    "pathtear", "dst", b, "tunnel_id", p->tunnel_id,
			    "lsp_id", p->lsp_id);
			api_cli_json_print(o);
		} else
			printf("pathtear: tunnel %u lsp %u\n", p->tunnel_id,
			    p->lsp_id);
		send_push(ctx, ctx->senders[i], NULL);
		rsvp_sender_close(ctx->senders[i]);
	}
	ctx->opened = 0;
}

/*
 * With an explicit route the Path leaves towards its first hop (RFC 3209
 * 4.3.4.1, skipping hops that are this host): when that hop is a strict
 * node it is the link-layer next hop, with the IP destination still DST.
 * A loose or prefix first hop leaves the choice to the routing table.
 */
static void
send_first_hop(struct rsvp_sender_params *p, struct in_addr src)
{
	size_t i;

	for (i = 0; i < p->n_ero && p->ero[i].addr.s_addr == src.s_addr; i++)
		;
	if (i < p->n_ero && !p->ero[i].loose && p->ero[i].prefix_len == 32)
		p->nexthop = p->ero[i].addr;
}

static int
send_run(int argc, char **argv)
{
	struct rsvp_sender_params p;
	struct rsvp_host_params hp;
	struct send_ctx ctx;
	struct api_cli loop;
	struct in_addr src = { INADDR_ANY };
	uint32_t refresh_ms = RSVP_API_REFRESH_MS;
	int rc;

	memset(&p, 0, sizeof(p));
	memset(&ctx, 0, sizeof(ctx));
	ctx.count = 1;
	p.lsp_id = 1;
	p.tspec.peak = INFINITY;
	p.tspec.min_unit = 64;
	p.tspec.max_size = 1500;
	p.setup_prio = 7;
	p.hold_prio = 7;
	if ((rc = send_parse(argc, argv, &p, &src, &refresh_ms, &ctx)) >= 0)
		return rc;
	if (src.s_addr == INADDR_ANY &&
	    (rc = rsvp_host_source_for(p.dst, &src)) != 0) {
		fprintf(stderr, "quasar-rsvp send: no route to %s: %s\n",
		    argv[argc - 1], strerror(-rc));
		return EXIT_IO;
	}
	send_first_hop(&p, src);
	memset(&hp, 0, sizeof(hp));
	hp.addr = src;
	hp.refresh_ms = refresh_ms;
	if (ctx.push_if != NULL &&
	    (rc = rsvp_push_open(ctx.push_if, &ctx.push)) != 0) {
		fprintf(stderr, "quasar-rsvp send: push on %s: %s\n",
		    ctx.push_if, strerror(-rc));
		return EXIT_IO;
	}
	if (api_cli_open(&loop, &hp, "send") != 0) {
		rsvp_push_close(ctx.push);
		return EXIT_IO;
	}
	ctx.host = loop.host;
	ctx.p = p;
	ctx.src = src;
	ctx.t0 = rsvp_host_clock_ms(NULL);
	ctx.senders = calloc(ctx.count, sizeof(*ctx.senders));
	ctx.had_resv = calloc(ctx.count, sizeof(*ctx.had_resv));
	ctx.opener = evtimer_new(loop.base, send_on_opener, &ctx);
	if (ctx.senders == NULL || ctx.had_resv == NULL || ctx.opener == NULL) {
		fprintf(stderr, "quasar-rsvp send: out of memory\n");
		rc = EXIT_IO;
		goto out;
	}
	if (send_open_some(&ctx) != 0) {
		rc = EXIT_IO;
		goto out;
	}
	event_base_dispatch(loop.base);
	/* SIGINT or SIGTERM: PathTear, then out (RFC 2205 3.1.5). */
	send_close_all(&ctx);
	api_cli_print_stats(&loop, ctx.json);
	rc = ctx.failed ? EXIT_IO : EXIT_OK;
out:
	if (ctx.opener != NULL)
		event_free(ctx.opener);
	free(ctx.senders);
	free(ctx.had_resv);
	api_cli_close(&loop);
	rsvp_push_close(ctx.push);
	if (rc != EXIT_OK)
		return rc;
	return api_cli_flush("send");
}
