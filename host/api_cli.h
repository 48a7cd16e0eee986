/*
 * What quasar-rsvp send and recv share: the event loop around one host
 * on a raw socket with SIGINT/SIGTERM ending it, JSON lines, and option
 * parsing.  host/api_cli.c.
 */
#ifndef QUASAR_HOST_API_CLI_H
#define QUASAR_HOST_API_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "host/cmd.h"
#include "host/rsvp_api.h"

struct api_cli {
	struct event_base	*base;
	struct rsvp_host_sock	*hs;
	struct rsvp_host	*host;
	struct event		*sigint;
	struct event		*sigterm;
};

/*
 * Open the loop: an event_base, the raw socket, a host made from 'hp'
 * (base, send, now_ms and arg filled in here), SIGINT and SIGTERM ending
 * the loop.  Prints why to stderr as "quasar-rsvp CMD: ..." and returns
 * -1 on failure, leaving nothing open.
 */
int api_cli_open(struct api_cli *cli, struct rsvp_host_params *hp,
    const char *cmd);
/* Destroy the host (its tears go out), close the socket and the base. */
void api_cli_close(struct api_cli *cli);

/* The host's counters, a line of text or a JSON "stats" event. */
void api_cli_print_stats(const struct api_cli *cli, bool json);

/* {"addr": ..., "label": ...} of a recorded hop (no label: absent). */
json_t *api_cli_json_hop(const struct rsvp_api_rr_hop *hop);
/* Add code, code_name, value, value_name and node of 'e' to 'o'. */
void api_cli_json_error(json_t *o, const struct rsvp_error_spec *e);
/* Print 'o' on one line of stdout, flush, and free it. */
void api_cli_json_print(json_t *o);

/* A decimal number of at most 'max'. */
bool api_cli_parse_ulong(const char *s, unsigned long max, unsigned long *v);
/* Seconds, with decimals ("0.5"), into ms: more than 0, at most a day. */
bool api_cli_parse_seconds(const char *s, uint32_t *ms);
/*
 * Say which option getopt_long refused ('ch' is what it returned) and
 * print the usage of 'cmd'; returns EXIT_USAGE.
 */
int api_cli_bad_option(const struct cmd *cmd, char **argv, int ch);
/* Print "quasar-rsvp NAME: " and 'fmt', then the usage; EXIT_USAGE. */
int api_cli_usage_error(const struct cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Flush stdout; EXIT_OK, or EXIT_IO after a write error. */
int api_cli_flush(const char *cmd);

#endif
