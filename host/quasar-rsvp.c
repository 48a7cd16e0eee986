/*
 * quasar-rsvp: the end host's RSVP-TE tool.  "quasar-rsvp CMD [ARGS]", with
 * CMD a command name or a prefix of one, as ip(8) takes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/cmd.h"

static int cmd_help_run(int argc, char **argv);

static const struct cmd cmd_help = {
	.name = "help",
	.summary = "show the commands, or the usage of one",
	.usage = "[COMMAND]",
	.help = "",
	.run = cmd_help_run,
};

/* In the order prefixes are matched: most used first. */
static const struct cmd *const cmds[] = {
	&cmd_dump,
	&cmd_send,
	&cmd_recv,
	&cmd_help,
};

#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

/* The list of commands, to 'fp'. */
static void
usage_all(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: quasar-rsvp COMMAND [ARGS]\n"
	    "       quasar-rsvp help [COMMAND]\n\ncommands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "  %-8s %s\n", cmds[i]->name, cmds[i]->summary);
	fprintf(fp, "\nA command may be abbreviated to a prefix: the first "
	    "command above\nthat it matches is run.\n");
}

/*
 * The command that 'word' names or abbreviates, or NULL.  As ip(8) does,
 * the first command of the table that 'word' is a prefix of wins, so the
 * table's order says which command a short prefix means.
 */
static const struct cmd *
cmd_find(const char *word)
{
	size_t i, n = strlen(word);

	for (i = 0; n > 0 && i < NCMDS; i++)
		if (strncmp(cmds[i]->name, word, n) == 0)
			return cmds[i];
	fprintf(stderr, "quasar-rsvp: unknown command \"%s\"; try "
	    "\"quasar-rsvp help\"\n", word);
	return NULL;
}

static int
cmd_help_run(int argc, char **argv)
{
	const struct cmd *cmd;

	if (argc > 2) {
		cmd_usage(&cmd_help, stderr, 0);
		return EXIT_USAGE;
	}
	if (argc < 2) {
		usage_all(stdout);
		return EXIT_OK;
	}
	cmd = cmd_find(argv[1]);
	if (cmd == NULL)
		return EXIT_USAGE;
	cmd_usage(cmd, stdout, 1);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	const struct cmd *cmd;

	if (argc < 2) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage_all(stdout);
		return EXIT_OK;
	}
	cmd = cmd_find(argv[1]);
	if (cmd == NULL)
		return EXIT_USAGE;
	/* "quasar-rsvp CMD --help" for every command. */
	if (argc == 3 && strcmp(argv[2], "--help") == 0) {
		cmd_usage(cmd, stdout, 1);
		return EXIT_OK;
	}
	return cmd->run(argc - 1, argv + 1);
}
