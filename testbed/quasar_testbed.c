/*
 * quasar-testbed: build, remove, inspect and enter a topology file's
 * namespaces (docs/man/quasar-testbed.8, docs/testbed.md).
 *
 *   quasar-testbed [-p PREFIX] [-j] [-v] up|down|status|show FILE
 *   quasar-testbed [-p PREFIX] exec FILE NODE CMD [ARG...]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "testbed/build.h"
#include "testbed/proc.h"
#include "testbed/run.h"

#define EXIT_USAGE	2

struct opts {
	const char *prefix;
	int json;
};

struct command {
	const char *name;
	int (*run)(const struct opts *o, const struct tb_run *run, int argc,
	    char **argv);
	int extra;		/* takes NODE CMD... after FILE */
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: quasar-testbed [-p PREFIX] [-j] [-v] up|down|status|show "
	    "FILE\n"
	    "       quasar-testbed [-p PREFIX] exec FILE NODE CMD [ARG...]\n");
	exit(EXIT_USAGE);
}

static void
on_signal(int sig)
{
	(void)sig;
	tb_interrupted = 1;
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int
cmd_up(const struct opts *o, const struct tb_run *run, int argc, char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	catch_signals();
	if (tb_up(run) < 0)
		return 1;
	log_info("%s is up (%s)", run->prefix, run->dir);
	return 0;
}

static int
cmd_down(const struct opts *o, const struct tb_run *run, int argc,
    char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	return tb_down(run) < 0 ? 1 : 0;
}

static int
cmd_status(const struct opts *o, const struct tb_run *run, int argc,
    char **argv)
{
	(void)argc;
	(void)argv;
	return tb_status(run, stdout, o->json);
}

static int
cmd_show(const struct opts *o, const struct tb_run *run, int argc,
    char **argv)
{
	json_t *j;

	(void)argc;
	(void)argv;
	if (!o->json)
		return topo_print(run->t, stdout) < 0 ? 1 : 0;
	if ((j = tb_json(run)) == NULL) {
		log_warnx("out of memory");
		return 1;
	}
	json_dumpf(j, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(j);
	return 0;
}

static int
cmd_exec(const struct opts *o, const struct tb_run *run, int argc,
    char **argv)
{
	const struct topo_node *n;
	char ns[TB_NETNS_MAX];

	(void)o;
	if (argc < 2)
		usage();
	if ((n = topo_node_find(run->t, argv[0])) == NULL) {
		log_warnx("no node %s in the topology", argv[0]);
		return 1;
	}
	tb_netns_name(run, n, ns, sizeof(ns));
	if (!tb_netns_exists(ns)) {
		log_warnx("namespace %s does not exist (is the testbed up?)",
		    ns);
		return 1;
	}
	if (tb_netns_enter(ns) < 0)
		return 1;
	execvp(argv[1], argv + 1);
	log_warn("%s", argv[1]);
	return errno == ENOENT ? 127 : 126;
}

static const struct command commands[] = {
	{ "up", cmd_up, 0 },
	{ "down", cmd_down, 0 },
	{ "status", cmd_status, 0 },
	{ "show", cmd_show, 0 },
	{ "exec", cmd_exec, 1 },
};

/* The command 'word' names or is the unique prefix of, or NULL. */
static const struct command *
find_command(const char *word)
{
	const struct command *found = NULL;
	size_t i, len = strlen(word);

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i].name, word) == 0)
			return &commands[i];
		if (len > 0 && strncmp(commands[i].name, word, len) == 0) {
			if (found != NULL)
				return NULL;
			found = &commands[i];
		}
	}
	return found;
}

int
main(int argc, char *argv[])
{
	struct opts o = { 0 };
	const struct command *cmd;
	struct topo *t = NULL;
	struct tb_run run;
	char err[TOPO_ERR_MAX + TB_PATH_MAX], prefix[TB_PREFIX_MAX];
	enum log_level level = LOG_LVL_WARN;
	int ch, rc = 1;

	while ((ch = getopt(argc, argv, "+hjp:v")) != -1) {
		switch (ch) {
		case 'j':
			o.json = 1;
			break;
		case 'p':
			o.prefix = optarg;
			break;
		case 'v':
			level = level == LOG_LVL_WARN ? LOG_LVL_INFO :
			    LOG_LVL_DEBUG;
			break;
		default:
			usage();
		}
	}
	log_init("quasar-testbed", level, false);
	if (argc - optind < 2 || (cmd = find_command(argv[optind])) == NULL)
		usage();
	if (!cmd->extra && argc - optind != 2)
		usage();
	if (topo_load(argv[optind + 1], &t, err, sizeof(err)) < 0) {
		fprintf(stderr, "quasar-testbed: %s\n", err);
		return 1;
	}
	if (o.prefix == NULL) {
		tb_prefix_from_path(argv[optind + 1], prefix, sizeof(prefix));
		o.prefix = prefix;
	}
	if (tb_run_init(&run, t, o.prefix, err, sizeof(err)) < 0) {
		fprintf(stderr, "quasar-testbed: %s\n", err);
		goto out;
	}
	rc = cmd->run(&o, &run, argc - optind - 2, argv + optind + 2);
out:
	topo_free(t);
	return rc;
}
