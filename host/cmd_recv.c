/*
 * quasar-rsvp recv: the receiving end of LSPs.  Answers every Path that
 * ends here with a Resv (a label of ours, or implicit null for
 * penultimate-hop popping), keeps it refreshed, prints each LSP as it comes
 * and goes (and, with --confirm, when its reservation is confirmed), and
 * sends ResvTear on SIGINT/SIGTERM.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <event2/event.h>
#include <jansson.h>

#include "flowspec/units.h"
#include "host/api_cli.h"
#include "host/cmd.h"
#include "host/rsvp_api.h"
#include "lib/inet.h"
#include "lib/mpls.h"

static int recv_run(int argc, char **argv);

const struct cmd cmd_recv = {
	.name = "recv",
	.summary = "answer the Paths that end here with Resv",
	.usage = "[--service cl|gs] [--reserve RATE] [--label N | --php]\n"
	    "       [--style ff|se] [--endpoint ADDR] [--refresh SEC] [--confirm]\n"
	    "       [-j]",
	.help =
	    "  --service cl|gs   Controlled-Load (default) or Guaranteed\n"
	    "  --reserve RATE    rate to reserve, tc units (default: the\n"
	    "                    Path's token rate)\n"
	    "  --label N         our labels, from N up, one per LSP\n"
	    "  --php             implicit null: penultimate-hop popping\n"
	    "                    (the default)\n"
	    "  --style ff|se     reservation style (default: SE when the\n"
	    "                    Path asks for it, else FF)\n"
	    "  --endpoint ADDR   only Paths to ADDR (default: any of ours)\n"
	    "  --refresh SEC     refresh period R (default 30)\n"
	    "  --confirm         ask for a reservation confirmation (RESV_CONFIRM)\n"
	    "                    and print \"confirmed\" when a ResvConf comes\n"
	    "  -j                one JSON object per event, one per line\n",
	.run = recv_run,
};

enum {
	OPT_SERVICE = 256, OPT_RESERVE, OPT_LABEL, OPT_PHP, OPT_STYLE,
	OPT_ENDPOINT, OPT_REFRESH, OPT_CONFIRM,
};

static const struct option recv_opts[] = {
	{ "service", required_argument, NULL, OPT_SERVICE },
	{ "reserve", required_argument, NULL, OPT_RESERVE },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "php", no_argument, NULL, OPT_PHP },
	{ "style", required_argument, NULL, OPT_STYLE },
	{ "endpoint", required_argument, NULL, OPT_ENDPOINT },
	{ "refresh", required_argument, NULL, OPT_REFRESH },
	{ "confirm", no_argument, NULL, OPT_CONFIRM },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The LSP's identity, as every event shows it. */
static json_t *
recv_json(const struct rsvp_receiver_path *p, const char *event)
{
	char ep[INET_ADDRSTRLEN], snd[INET_ADDRSTRLEN], phop[INET_ADDRSTRLEN];

	ipv4_ntop(p->session.endpoint, ep, sizeof(ep));
	ipv4_ntop(p->sender.sender, snd, sizeof(snd));
	ipv4_ntop(p->phop, phop, sizeof(phop));
	return json_pack("{s:s, s:s, s:i, s:s, s:i, s:s, s:s}", "event", event,
	    "endpoint", ep, "tunnel_id", p->session.tunnel_id, "sender", snd,
	    "lsp_id", p->sender.lsp_id, "phop", phop, "name", p->name);
}

static void
recv_text_head(const struct rsvp_receiver_path *p, const char *event)
{
	char snd[INET_ADDRSTRLEN];

	ipv4_ntop(p->sender.sender, snd, sizeof(snd));
	printf("%s: tunnel %u lsp %u from %s", event, p->session.tunnel_id,
	    p->sender.lsp_id, snd);
	if (p->name[0] != '\0')
		printf(" name \"%s\"", p->name);
}

static void
recv_on_path(void *arg, struct rsvp_receiver *r,
    const struct rsvp_receiver_path *p, uint32_t label)
{
	bool json = *(bool *)arg;
	char rate[UNITS_STRLEN], route[1024];
	json_t *o, *rro;
	size_t i;

	(void)r;
	units_print_rate_bits(units_is_rate_to_bits(p->tspec.rate), rate,
	    sizeof(rate));
	if (!json) {
		recv_text_head(p, "path");
		printf(" rate %s label %u", rate, label);
		if (p->n_rro > 0)
			printf(" route %s", rsvp_api_route_text(p->rro,
			    p->n_rro, route, sizeof(route)));
		printf("\n");
		fflush(stdout);
		return;
	}
	o = recv_json(p, "path");
	json_object_set_new(o, "rate", json_string(rate));
	json_object_set_new(o, "label", json_integer(label));
	rro = json_array();
	for (i = 0; i < p->n_rro; i++)
		json_array_append_new(rro, api_cli_json_hop(&p->rro[i]));
	json_object_set_new(o, "rro", rro);
	api_cli_json_print(o);
}

static void
recv_on_gone(void *arg, struct rsvp_receiver *r,
    const struct rsvp_receiver_path *p, bool torn)
{
	bool json = *(bool *)arg;
	json_t *o;

	(void)r;
	if (!json) {
		recv_text_head(p, "path gone");
		printf(": %s\n", torn ? "PathTear" : "no refresh");
		fflush(stdout);
		return;
	}
	o = recv_json(p, "path_gone");
	json_object_set_new(o, "reason",
	    json_string(torn ? "pathtear" : "timeout"));
	api_cli_json_print(o);
}

static void
recv_on_err(void *arg, struct rsvp_receiver *r,
    const struct rsvp_receiver_path *p, const struct rsvp_error_spec *e)
{
	bool json = *(bool *)arg;
	char text[256];
	json_t *o;

	(void)r;
	if (!json) {
		recv_text_head(p, "resverr");
		printf(": %s\n", rsvp_api_error_text(e, text, sizeof(text)));
		fflush(stdout);
		return;
	}
	o = recv_json(p, "resverr");
	api_cli_json_error(o, e);
	api_cli_json_print(o);
}

/* A ResvConf confirmed the reservation of 'p' (RFC 2205 3.1.9). */
static void
recv_on_confirmed(void *arg, struct rsvp_receiver *r,
    const struct rsvp_receiver_path *p, struct in_addr node)
{
	bool json = *(bool *)arg;
	char by[INET_ADDRSTRLEN];
	json_t *o;

	(void)r;
	ipv4_ntop(node, by, sizeof(by));
	if (!json) {
		recv_text_head(p, "confirmed");
		printf(" by %s\n", by);
		fflush(stdout);
		return;
	}
	o = recv_json(p, "confirmed");
	json_object_set_new(o, "node", json_string(by));
	api_cli_json_print(o);
}

/* Parse the options into 'p'; an exit status, or -1 to go on. */
static int
recv_parse(int argc, char **argv, struct rsvp_receiver_params *p,
    uint32_t *refresh_ms, bool *json)
{
	const char *bad = NULL;
	unsigned long n;
	uint64_t v;
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":jh", recv_opts, NULL)) != -1) {
		switch (ch) {
		case OPT_SERVICE:
			if (strcmp(optarg, "cl") == 0)
				p->service = IS_SVC_CONTROLLED_LOAD;
			else if (strcmp(optarg, "gs") == 0)
				p->service = IS_SVC_GUARANTEED;
			else
				bad = "service";
			break;
		case OPT_RESERVE:
			if (units_parse_rate_bits(optarg, &v) != 0 || v == 0)
				bad = "rate";
			p->reserve_bits = v;
			break;
		case OPT_LABEL:
			if (!api_cli_parse_ulong(optarg, MPLS_LABEL_MAX, &n) ||
			    mpls_label_is_reserved((uint32_t)n))
				bad = "label (16-1048575)";
			p->label = (uint32_t)n;
			p->php = false;
			break;
		case OPT_PHP:
			p->php = true;
			break;
		case OPT_STYLE:
			if (strcmp(optarg, "ff") == 0)
				p->style = RSVP_API_STYLE_FF;
			else if (strcmp(optarg, "se") == 0)
				p->style = RSVP_API_STYLE_SE;
			else
				bad = "style";
			break;
		case OPT_ENDPOINT:
			if (!ipv4_pton(optarg, &p->endpoint))
				bad = "address";
			break;
		case OPT_REFRESH:
			if (!api_cli_parse_seconds(optarg, refresh_ms))
				bad = "refresh period";
			break;
		case OPT_CONFIRM:
			p->confirm = true;
			break;
		case 'j':
			*json = true;
			break;
		case 'h':
			cmd_usage(&cmd_recv, stdout, 1);
			return EXIT_OK;
		default:
			return api_cli_bad_option(&cmd_recv, argv, ch);
		}
		if (bad != NULL)
			return api_cli_usage_error(&cmd_recv, "bad %s \"%s\"",
			    bad, optarg);
	}
	if (optind != argc)
		return api_cli_usage_error(&cmd_recv, "unexpected argument");
	return -1;
}

static int
recv_run(int argc, char **argv)
{
	static const struct rsvp_receiver_cbs cbs = {
		recv_on_path, recv_on_gone, recv_on_err, recv_on_confirmed,
	};
	struct rsvp_receiver_params p;
	struct rsvp_host_params hp;
	struct rsvp_receiver *r;
	struct api_cli cli;
	uint32_t refresh_ms = RSVP_API_REFRESH_MS;
	bool json = false;
	size_t n;
	int rc;

	memset(&p, 0, sizeof(p));
	p.service = IS_SVC_CONTROLLED_LOAD;
	p.php = true;
	if ((rc = recv_parse(argc, argv, &p, &refresh_ms, &json)) >= 0)
		return rc;
	memset(&hp, 0, sizeof(hp));
	hp.refresh_ms = refresh_ms;
	if (api_cli_open(&cli, &hp, "recv") != 0)
		return EXIT_IO;
	if ((rc = rsvp_receiver_open(cli.host, &p, &cbs, &json, &r)) != 0) {
		fprintf(stderr, "quasar-rsvp recv: %s\n", strerror(-rc));
		api_cli_close(&cli);
		return EXIT_IO;
	}
	if (json)
		api_cli_json_print(json_pack("{s:s}", "event", "listening"));
	else {
		printf("listening\n");
		fflush(stdout);
	}
	event_base_dispatch(cli.base);
	/* SIGINT or SIGTERM: ResvTear for what we hold (RFC 2205 3.1.6). */
	n = rsvp_receiver_count(r);
	rsvp_receiver_close(r);
	if (json)
		api_cli_json_print(json_pack("{s:s, s:i}", "event", "resvtear",
		    "lsps", (json_int_t)n));
	else
		printf("resvtear: %zu lsps\n", n);
	api_cli_print_stats(&cli, json);
	api_cli_close(&cli);
	return api_cli_flush("recv");
}
