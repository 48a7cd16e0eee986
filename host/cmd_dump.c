/*
 * quasar-rsvp dump: print the RSVP messages of a capture file, or of a
 * live interface, as text or JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/capture.h"
#include "host/cmd.h"
#include "host/dissect.h"
#include "host/print.h"

static int dump_run(int argc, char **argv);

const struct cmd cmd_dump = {
	.name = "dump",
	.summary = "print the RSVP messages of a capture or an interface",
	.usage = "{ -r FILE | -i IFACE } [-j] [-c COUNT] [-v]",
	.help =
	    "  -r FILE   read a pcap or pcapng file (\"-\": standard input)\n"
	    "  -i IFACE  capture live on IFACE (filter \"" CAPTURE_FILTER
	    "\")\n"
	    "  -j        one JSON object per message, one per line\n"
	    "  -c COUNT  stop after COUNT packets\n"
	    "  -v        also show the link layer and non-RSVP packets\n"
	    "  -h        this help\n",
	.run = dump_run,
};

static struct capture *dump_cap;

static void
dump_on_signal(int sig)
{
	(void)sig;
	if (dump_cap != NULL)
		capture_interrupt(dump_cap);
}

/* Stop a live capture cleanly on SIGINT and SIGTERM. */
static void
dump_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = dump_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Parse COUNT, a positive decimal number. */
static bool
dump_parse_count(const char *s, unsigned long *count_r)
{
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return false;
	errno = 0;
	*count_r = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *count_r > 0;
}

/* Whether a packet of 'status' is shown without -v. */
static bool
dump_shown(enum view_status status)
{
	return status != VIEW_NOT_IPV4 && status != VIEW_NOT_RSVP;
}

static int
dump_run(int argc, char **argv)
{
	const char *file = NULL, *iface = NULL;
	bool json = false, verbose = false;
	unsigned long count = 0, seen = 0;
	struct capture_pkt pkt;
	struct pkt_view *v = NULL;
	char err[512];
	int ch, r = 0, rc = EXIT_IO;

	optind = 1;
	opterr = 0;
	while ((ch = getopt(argc, argv, ":r:i:jc:vh")) != -1) {
		switch (ch) {
		case 'r':
			file = optarg;
			break;
		case 'i':
			iface = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'c':
			if (!dump_parse_count(optarg, &count)) {
				fprintf(stderr, "quasar-rsvp dump: bad COUNT "
				    "\"%s\": a positive number\n", optarg);
				cmd_usage(&cmd_dump, stderr, 0);
				return EXIT_USAGE;
			}
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			cmd_usage(&cmd_dump, stdout, 1);
			return EXIT_OK;
		case ':':
			fprintf(stderr, "quasar-rsvp dump: option -%c needs "
			    "an argument\n", optopt);
			cmd_usage(&cmd_dump, stderr, 0);
			return EXIT_USAGE;
		default:
			fprintf(stderr, "quasar-rsvp dump: unknown option "
			    "-%c\n", optopt);
			cmd_usage(&cmd_dump, stderr, 0);
			return EXIT_USAGE;
		}
	}
	if (optind != argc || (file == NULL) == (iface == NULL)) {
		fprintf(stderr, "quasar-rsvp dump: %s\n", optind != argc ?
		    "unexpected argument" : "give one of -r FILE and -i IFACE");
		cmd_usage(&cmd_dump, stderr, 0);
		return EXIT_USAGE;
	}
	v = malloc(sizeof(*v));
	if (v == NULL) {
		fprintf(stderr, "quasar-rsvp dump: out of memory\n");
		goto out;
	}
	if (file != NULL)
		dump_cap = capture_open_file(file, err, sizeof(err));
	else
		dump_cap = capture_open_live(iface, err, sizeof(err));
	if (dump_cap == NULL) {
		fprintf(stderr, "quasar-rsvp dump: %s\n", err);
		goto out;
	}
	if (iface != NULL)
		dump_catch_signals();
	while ((count == 0 || seen < count) &&
	    (r = capture_next(dump_cap, &pkt)) == 1) {
		seen++;
		dissect_packet(capture_link(dump_cap), &pkt.ts, pkt.data,
		    pkt.caplen, pkt.wirelen, v);
		if (!verbose && !dump_shown(v->status))
			continue;
		if (json) {
			if (print_json(stdout, v, verbose) < 0) {
				fprintf(stderr, "quasar-rsvp dump: cannot "
				    "write JSON\n");
				goto out;
			}
		} else
			print_text(stdout, v, verbose);
		if (iface != NULL)
			fflush(stdout);
	}
	if (r < 0) {
		fprintf(stderr, "quasar-rsvp dump: %s: %s\n",
		    file != NULL ? file : iface, capture_error(dump_cap));
		goto out;
	}
	rc = EXIT_OK;
out:
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "quasar-rsvp dump: write error: %s\n",
		    strerror(errno));
		rc = EXIT_IO;
	}
	capture_close(dump_cap);
	dump_cap = NULL;
	free(v);
	return rc;
}
