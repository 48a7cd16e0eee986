/*
 * calibrate-drive: dom0/calibrate.h from the command line, for
 * tests/integration/calibrate.sh and hand runs (docs/calibrate.md).
 *
 *   calibrate-drive [-r ROUTELET] [-i IP] [-T SECONDS] [-l FRAME_LEN]
 *                   [-p RATE] [-o FILE] [-v]
 *   calibrate-drive -L FILE
 *
 * The first form runs calibrate_run and prints the result as the
 * calibration file's text; with -o it also saves it there, loads it back
 * and prints "loaded pkt-cost-ns X".  The second loads FILE and prints
 * it.  Exit 0, 1 on failure (the reason on stderr), 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dom0/calibrate.h"
#include "lib/log.h"

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: calibrate-drive [-r routelet] [-i ip] "
	    "[-T seconds] [-l frame_len]\n"
	    "                       [-p rate] [-o file] [-v]\n"
	    "       calibrate-drive -L file\n");
	exit(2);
}

static unsigned
number(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > 100000000ul)
		usage();
	return (unsigned)v;
}

static int
print_result(const struct calib_result *r)
{
	char text[CALIB_FILE_MAX];

	if (calib_text_format(r, text, sizeof(text)) < 0)
		return -1;
	fputs(text, stdout);
	return 0;
}

/* Load 'path' and print it; 0 or 1. */
static int
load(const char *path)
{
	struct calib_result r;
	int rc;

	rc = calibrate_load(path, &r);
	if (rc != 0) {
		fprintf(stderr, "calibrate-drive: %s: %s\n", path,
		    strerror(-rc));
		return 1;
	}
	return print_result(&r) == 0 ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	struct calib_params p;
	struct calib_result r, back;
	const char *out = NULL, *in = NULL;
	enum log_level level = LOG_LVL_WARN;
	char err[256];
	int ch, rc;

	calib_params_default(&p);
	while ((ch = getopt(argc, argv, "i:l:L:o:p:r:T:v")) != -1) {
		switch (ch) {
		case 'i':
			p.ip = optarg;
			break;
		case 'l':
			p.frame_len = number(optarg);
			break;
		case 'L':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			p.rate = number(optarg);
			break;
		case 'r':
			p.routelet = optarg;
			break;
		case 'T':
			p.seconds = number(optarg);
			break;
		case 'v':
			level = LOG_LVL_INFO;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	log_init("calibrate-drive", level, false);
	if (in != NULL)
		return load(in);
	rc = calibrate_run(&p, &r, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "calibrate-drive: %s\n", err);
		return 1;
	}
	if (print_result(&r) != 0)
		return 1;
	if (out == NULL)
		return 0;
	rc = calibrate_save(out, &r);
	if (rc == 0)
		rc = calibrate_load(out, &back);
	if (rc != 0) {
		fprintf(stderr, "calibrate-drive: %s: %s\n", out,
		    strerror(-rc));
		return 1;
	}
	printf("loaded pkt-cost-ns %.3f\n", back.pkt_cost_ns);
	return 0;
}
