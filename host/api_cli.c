/*
 * The event loop, JSON lines and option parsing that quasar-rsvp send and
 * recv share (host/api_cli.h).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "host/api_cli.h"
#include "lib/inet.h"

static void
api_cli_on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopbreak(arg);
}

int
api_cli_open(struct api_cli *cli, struct rsvp_host_params *hp,
    const char *cmd)
{
	int rc;

	memset(cli, 0, sizeof(*cli));
	if ((cli->base = event_base_new()) == NULL) {
		fprintf(stderr, "quasar-rsvp %s: no event base\n", cmd);
		return -1;
	}
	if ((rc = rsvp_host_sock_open(cli->base, &cli->hs)) != 0) {
		fprintf(stderr, "quasar-rsvp %s: raw RSVP socket: %s%s\n", cmd,
		    strerror(-rc), rc == -EPERM ? " (needs CAP_NET_RAW)" : "");
		goto fail;
	}
	hp->base = cli->base;
	hp->send = rsvp_host_sock_send;
	hp->now_ms = rsvp_host_clock_ms;
	hp->arg = cli->hs;
	if ((rc = rsvp_host_create(hp, &cli->host)) != 0) {
		fprintf(stderr, "quasar-rsvp %s: %s\n", cmd, strerror(-rc));
		goto fail;
	}
	rsvp_host_sock_attach(cli->hs, cli->host);
	cli->sigint = evsignal_new(cli->base, SIGINT, api_cli_on_signal,
	    cli->base);
	cli->sigterm = evsignal_new(cli->base, SIGTERM, api_cli_on_signal,
	    cli->base);
	if (cli->sigint == NULL || cli->sigterm == NULL ||
	    evsignal_add(cli->sigint, NULL) != 0 ||
	    evsignal_add(cli->sigterm, NULL) != 0) {
		fprintf(stderr, "quasar-rsvp %s: cannot catch signals\n", cmd);
		goto fail;
	}
	return 0;
fail:
	api_cli_close(cli);
	return -1;
}

void
api_cli_close(struct api_cli *cli)
{
	rsvp_host_destroy(cli->host);
	rsvp_host_sock_close(cli->hs);
	if (cli->sigint != NULL)
		event_free(cli->sigint);
	if (cli->sigterm != NULL)
		event_free(cli->sigterm);
	if (cli->base != NULL)
		event_base_free(cli->base);
	memset(cli, 0, sizeof(*cli));
}

void
api_cli_print_stats(const struct api_cli *cli, bool json)
{
	struct rsvp_host_stats st;

	rsvp_host_stats(cli->host, &st);
	if (json) {
		api_cli_json_print(json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, "
		    "s:I, s:I, s:I, s:I, s:I, s:I}", "event", "stats",
		    "rx", (json_int_t)st.rx, "rx_bad", (json_int_t)st.rx_bad,
		    "rx_unknown_session", (json_int_t)st.rx_unknown_session,
		    "rx_ignored_type", (json_int_t)st.rx_ignored_type,
		    "tx", (json_int_t)st.tx, "tx_err", (json_int_t)st.tx_err,
		    "path_timeouts", (json_int_t)st.path_timeouts,
		    "resv_timeouts", (json_int_t)st.resv_timeouts,
		    "path_err_sent", (json_int_t)st.path_err_sent,
		    "resvconf_sent", (json_int_t)st.resvconf_sent,
		    "resvconf_rx", (json_int_t)st.resvconf_rx));
		return;
	}
	printf("stats: rx %llu (malformed %llu, unknown session %llu, "
	    "ignored %llu), tx %llu (failed %llu), timeouts path %llu "
	    "resv %llu, patherr sent %llu, resvconf sent %llu received "
	    "%llu\n",
	    (unsigned long long)st.rx, (unsigned long long)st.rx_bad,
	    (unsigned long long)st.rx_unknown_session,
	    (unsigned long long)st.rx_ignored_type,
	    (unsigned long long)st.tx, (unsigned long long)st.tx_err,
	    (unsigned long long)st.path_timeouts,
	    (unsigned long long)st.resv_timeouts,
	    (unsigned long long)st.path_err_sent,
	    (unsigned long long)st.resvconf_sent,
	    (unsigned long long)st.resvconf_rx);
}

json_t *
api_cli_json_hop(const struct rsvp_api_rr_hop *hop)
{
	char addr[INET_ADDRSTRLEN];
	json_t *o;

	ipv4_ntop(hop->addr, addr, sizeof(addr));
	o = json_pack("{s:s}", "addr", addr);
	if (hop->has_label)
		json_object_set_new(o, "label", json_integer(hop->label));
	return o;
}

void
api_cli_json_error(json_t *o, const struct rsvp_error_spec *e)
{
	const char *code = rsvp_error_code_name(e->code);
	const char *value = rsvp_error_value_name(e->code, e->value);
	char node[INET_ADDRSTRLEN];

	ipv4_ntop(e->node, node, sizeof(node));
	json_object_set_new(o, "code", json_integer(e->code));
	json_object_set_new(o, "code_name",
	    code != NULL ? json_string(code) : json_null());
	json_object_set_new(o, "value", json_integer(e->value));
	json_object_set_new(o, "value_name",
	    value != NULL ? json_string(value) : json_null());
	json_object_set_new(o, "node", json_string(node));
}

void
api_cli_json_print(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);

	if (s != NULL) {
		printf("%s\n", s);
		free(s);
	}
	fflush(stdout);
	json_decref(o);
}

bool
api_cli_parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}

bool
api_cli_parse_seconds(const char *s, uint32_t *ms)
{
	char *end;
	double d;

	if ((s[0] < '0' || s[0] > '9') && s[0] != '.')
		return false;
	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(d) || d * 1000 < 1 ||
	    d > 86400)
		return false;
	*ms = (uint32_t)lround(d * 1000);
	return true;
}

int
api_cli_usage_error(const struct cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "quasar-rsvp %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cmd_usage(cmd, stderr, 0);
	return EXIT_USAGE;
}

int
api_cli_bad_option(const struct cmd *cmd, char **argv, int ch)
{
	const char *opt = argv[optind - 1];

	if (ch == ':')
		return api_cli_usage_error(cmd, "option %s needs an argument",
		    opt);
	return api_cli_usage_error(cmd, "unknown option %s", opt);
}

int
api_cli_flush(const char *cmd)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "quasar-rsvp %s: write error: %s\n", cmd,
		    strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}
