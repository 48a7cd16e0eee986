/*
 * quasarctl: ask quasard through its control socket, in the manner of
 * ip(8) and xl(1).
 *
 *   quasarctl [-s SOCK] [-j [-p]] OBJECT [COMMAND [ARGS]]
 *   quasarctl [-s SOCK] [-j [-p]] [-force] -b FILE | -batch FILE
 *   quasarctl help [OBJECT]
 *
 * Usage errors exit 2; quasard's refusals and a quasard that cannot be
 * reached exit 1 (docs/man/quasarctl.8).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dom0/quasarctl_local.h"
#include "lib/ctl_proto.h"

#define BATCH_ARGS_MAX	64

struct qc {
	const char	*sock;
	bool		json;
	bool		pretty;
	bool		force;		/* -batch goes on after a failure */
	int		fd;		/* -1 until the first request */
	json_t		*daemon_names;	/* quasard's "help", when asked */
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: quasarctl [-s SOCK] [-j [-p]] OBJECT [COMMAND [ARGS]]\n"
	    "       quasarctl [-s SOCK] [-j [-p]] [-f] -b FILE | -batch FILE\n"
	    "       quasarctl help [OBJECT]\n"
	    "OBJECT := { session | lsp | label | neighbor | stats | pool | routelet |\n"
	    "           flow }\n"
	    "options: -s, -socket SOCK  control socket (default %s)\n"
	    "         -j, -json         quasard's JSON reply\n"
	    "         -p, -pretty       indented JSON (with -j)\n"
	    "         -b, -batch FILE   one command per line (- for stdin)\n"
	    "         -f, -force        -batch goes on after a failure\n"
	    "commands:\n", CTL_SOCK_DEFAULT);
	qc_usage(out, NULL);
}

/* Connect on first use; 0 or -1 after printing why. */
static int
qc_connect(struct qc *qc)
{
	if (qc->fd != -1)
		return 0;
	qc->fd = ctl_connect(qc->sock);
	if (qc->fd == -1) {
		fprintf(stderr, "cannot connect to quasard at %s: %s\n",
		    qc->sock, strerror(errno));
		return -1;
	}
	return 0;
}

/* Send 'cmd' with 'args' and print the reply; an exit code. */
static int
run(struct qc *qc, const char *cmd, json_t *args,
    void (*print)(FILE *, json_t *))
{
	char err[1024];
	json_t *reply = NULL;
	int r;

	if (qc_connect(qc) == -1)
		return QC_EXIT_DAEMON;
	r = ctl_call(qc->fd, cmd, args, &reply, err, sizeof(err));
	if (r == 1) {
		fprintf(stderr, "quasard: %s\n", err);
		return QC_EXIT_DAEMON;
	}
	if (r == -1) {
		fprintf(stderr, "quasarctl: %s\n", err);
		return QC_EXIT_DAEMON;
	}
	if (qc->json) {
		json_dumpf(reply, stdout, JSON_ENCODE_ANY | (qc->pretty ?
		    JSON_INDENT(2) : JSON_COMPACT));
		fputc('\n', stdout);
	} else
		print(stdout, reply);
	json_decref(reply);
	fflush(stdout);
	return QC_EXIT_OK;
}

/*
 * quasard's own command names (its "help"), for commands this quasarctl
 * has no table entry for.  NULL after printing why.
 */
static json_t *
daemon_names(struct qc *qc)
{
	char err[1024];
	json_t *reply = NULL;
	int r;

	if (qc->daemon_names != NULL)
		return qc->daemon_names;
	if (qc_connect(qc) == -1)
		return NULL;
	r = ctl_call(qc->fd, "help", NULL, &reply, err, sizeof(err));
	if (r != 0) {
		fprintf(stderr, "quasard: %s\n", err);
		return NULL;
	}
	qc->daemon_names = json_incref(json_object_get(reply, "commands"));
	json_decref(reply);
	if (!json_is_array(qc->daemon_names)) {
		fprintf(stderr, "quasarctl: quasard's help has no command "
		    "list\n");
		return NULL;
	}
	return qc->daemon_names;
}

/* "help [OBJECT]": the table, and what else this quasard answers. */
static int
help(struct qc *qc, int argc, char **argv)
{
	const char *names[64];
	char obj[64];
	size_t i, n = 0, idx;
	int used;
	json_t *dn, *v;

	for (i = 0; i < qc_ncmds && i < 64; i++)
		names[n++] = qc_cmds[i].name;
	if (argc == 0) {
		usage(stdout);
		/* Commands this quasard has beyond the table, if it is up. */
		if (qc->fd == -1)
			qc->fd = ctl_connect(qc->sock);
		if (qc->fd == -1)
			return QC_EXIT_OK;
		dn = daemon_names(qc);
		json_array_foreach(dn, i, v) {
			for (idx = 0; idx < qc_ncmds; idx++)
				if (strcmp(qc_cmds[idx].name,
				    json_string_value(v)) == 0)
					break;
			if (idx == qc_ncmds && strcmp(json_string_value(v),
			    "help") != 0)
				printf("  %s [KEY VALUE ...]\n      (quasard "
				    "command, printed as it comes)\n",
				    json_string_value(v));
		}
		return QC_EXIT_OK;
	}
	if (qc_match(names, n, argc, argv, &idx, &used, obj,
	    sizeof(obj)) != 0) {
		fprintf(stderr, "quasarctl: unknown object \"%s\"; try "
		    "\"quasarctl help\"\n", argv[0]);
		return QC_EXIT_USAGE;
	}
	snprintf(obj, sizeof(obj), "%s", qc_cmds[idx].name);
	*strchrnul(obj, ' ') = '\0';
	printf("usage: quasarctl %s ...\n", obj);
	qc_usage(stdout, obj);
	return QC_EXIT_OK;
}

/* Run the command line 'argv' ('argc' words); an exit code. */
static int
command(struct qc *qc, int argc, char **argv)
{
	const char *names[64];
	const char *dnames[256];
	char err[256];
	json_t *args = NULL, *dn, *v;
	size_t i, n = 0, idx;
	int used, r;

	if (argc == 0) {
		usage(stderr);
		return QC_EXIT_USAGE;
	}
	if (strcmp(argv[0], "help") == 0)
		return help(qc, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "help") == 0)
		return help(qc, 1, argv);
	for (i = 0; i < qc_ncmds && i < 64; i++)
		names[n++] = qc_cmds[i].name;
	r = qc_match(names, n, argc, argv, &idx, &used, err, sizeof(err));
	if (r == 0) {
		if (qc_args_parse(&qc_cmds[idx], argc - used, argv + used,
		    &args, err, sizeof(err)) == -1) {
			fprintf(stderr, "quasarctl %s: %s\nusage: quasarctl "
			    "%s %s\n", qc_cmds[idx].name, err,
			    qc_cmds[idx].name, qc_cmds[idx].usage);
			return QC_EXIT_USAGE;
		}
		r = run(qc, qc_cmds[idx].name, args, qc_cmds[idx].print);
		json_decref(args);
		return r;
	}
	if (r == -1) {
		fprintf(stderr, "quasarctl: %s\n", err);
		return QC_EXIT_USAGE;
	}
	/* Not in the table: perhaps a command of this quasard's. */
	dn = daemon_names(qc);
	if (dn == NULL)
		return QC_EXIT_DAEMON;
	n = 0;
	json_array_foreach(dn, i, v)
		if (json_is_string(v) && n < 256)
			dnames[n++] = json_string_value(v);
	r = qc_match(dnames, n, argc, argv, &idx, &used, err, sizeof(err));
	if (r != 0) {
		if (r == 1)
			fprintf(stderr, "quasarctl: unknown object \"%s\"; "
			    "try \"quasarctl help\"\n", argv[0]);
		else
			fprintf(stderr, "quasarctl: %s\n", err);
		return QC_EXIT_USAGE;
	}
	if (qc_args_pairs(argc - used, argv + used, &args, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "quasarctl %s: %s\n", dnames[idx], err);
		return QC_EXIT_USAGE;
	}
	r = run(qc, dnames[idx], args, qc_print_generic);
	json_decref(args);
	return r;
}

/* Split 'line' in place into at most 'max' words; their count or -1. */
static int
split(char *line, char **words, int max)
{
	int n = 0;
	char *w;

	for (w = strtok(line, " \t\r\n"); w != NULL;
	    w = strtok(NULL, " \t\r\n")) {
		if (w[0] == '#')
			break;
		if (n == max)
			return -1;
		words[n++] = w;
	}
	return n;
}

/*
 * Run each line of 'path' ("-": stdin) as a command; stop at the first
 * that fails, as ip -batch, and return its exit code.  With -force go on,
 * and return the highest exit code.
 */
static int
batch(struct qc *qc, const char *path)
{
	char *line = NULL, *words[BATCH_ARGS_MAX];
	size_t cap = 0;
	unsigned lineno = 0;
	FILE *f;
	int n, r, rc = QC_EXIT_OK;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "quasarctl: cannot open %s: %s\n", path,
		    strerror(errno));
		return QC_EXIT_USAGE;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		n = split(line, words, BATCH_ARGS_MAX);
		if (n == 0)
			continue;
		if (n == -1) {
			fprintf(stderr, "quasarctl: %s:%u: too many words\n",
			    path, lineno);
			rc = QC_EXIT_USAGE;
			break;
		}
		r = command(qc, n, words);
		if (r == QC_EXIT_OK)
			continue;
		fprintf(stderr, "quasarctl: %s:%u: failed\n", path, lineno);
		if (r > rc)
			rc = r;
		if (!qc->force)
			break;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* Is the option word 'opt' (dashes stripped) a prefix of 'name'? */
static bool
opt_is(const char *opt, const char *name)
{
	return opt[0] != '\0' && strncmp(opt, name, strlen(opt)) == 0;
}

int
main(int argc, char **argv)
{
	struct qc qc = { .sock = CTL_SOCK_DEFAULT, .fd = -1 };
	const char *batch_file = NULL, *opt;
	int rc;

	/* Options as ip(8): one or two dashes, any unique prefix. */
	while (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		opt = argv[1] + 1;
		if (opt[0] == '-')
			opt++;
		if (opt_is(opt, "socket") || opt_is(opt, "batch")) {
			if (argc < 3) {
				fprintf(stderr, "quasarctl: option %s needs "
				    "an argument\n", argv[1]);
				return QC_EXIT_USAGE;
			}
			if (opt[0] == 's')
				qc.sock = argv[2];
			else
				batch_file = argv[2];
			argc--;
			argv++;
		} else if (opt_is(opt, "json"))
			qc.json = true;
		else if (opt_is(opt, "pretty"))
			qc.pretty = true;
		else if (opt_is(opt, "force"))
			qc.force = true;
		else if (opt_is(opt, "help")) {
			usage(stdout);
			return QC_EXIT_OK;
		} else {
			fprintf(stderr, "quasarctl: unknown option %s\n",
			    argv[1]);
			usage(stderr);
			return QC_EXIT_USAGE;
		}
		argc--;
		argv++;
	}
	if (batch_file != NULL) {
		if (argc > 1) {
			fprintf(stderr, "quasarctl: -batch takes no command "
			    "on the line\n");
			return QC_EXIT_USAGE;
		}
		rc = batch(&qc, batch_file);
	} else
		rc = command(&qc, argc - 1, argv + 1);
	if (qc.fd != -1)
		close(qc.fd);
	json_decref(qc.daemon_names);
	return rc;
}
