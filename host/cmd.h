/*
 * The commands of quasar-rsvp.  Each command lives in its own file and
 * exports one struct cmd; quasar-rsvp.c lists them in its table.  Adding a
 * command is one file and one line there.
 */
#ifndef QUASAR_HOST_CMD_H
#define QUASAR_HOST_CMD_H

#include <stdio.h>

/* Exit statuses shared by every command. */
#define EXIT_OK		0
#define EXIT_IO		1	/* I/O error: the job could not be done */
#define EXIT_USAGE	2	/* bad command line */

struct cmd {
	const char *name;
	const char *summary;	/* one line, for the command list */
	const char *usage;	/* the synopsis after "quasar-rsvp NAME " */
	const char *help;	/* the options, one per line, indented */
	/* Run with argv[0] the command name; returns an exit status. */
	int (*run)(int argc, char **argv);
};

/* Print the usage of 'cmd' to 'fp' (full help if 'full'). */
void cmd_usage(const struct cmd *cmd, FILE *fp, int full);

extern const struct cmd cmd_dump;
extern const struct cmd cmd_send;
extern const struct cmd cmd_recv;

#endif
