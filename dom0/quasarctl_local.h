/*
 * quasarctl inside: the command table (quasarctl_cmds.c), the reply
 * printers (quasarctl_print.c) and main (quasarctl.c).
 */
#ifndef QUASAR_DOM0_QUASARCTL_LOCAL_H
#define QUASAR_DOM0_QUASARCTL_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* Exit codes, as ip(8) and xl(1). */
#define QC_EXIT_OK	0
#define QC_EXIT_DAEMON	1	/* quasard refused, or cannot be reached */
#define QC_EXIT_USAGE	2

/* What an argument's value must look like. */
enum qc_arg_type {
	QC_ARG_ADDR,		/* dotted IPv4 address */
	QC_ARG_U16,		/* 0-65535 */
	QC_ARG_COUNT,		/* 0-2147483647 */
};

/* An argument: given as 'keyword VALUE' or by position. */
struct qc_arg {
	const char		*keyword;	/* on the command line */
	const char		*key;		/* in the request's args */
	enum qc_arg_type	type;
	bool			required;
};

#define QC_ARGS_MAX	4

/* One command of the table. */
struct qc_cmd {
	const char	*name;		/* the daemon's name, "session show" */
	const char	*usage;		/* its arguments, "" when none */
	const char	*help;		/* one line */
	struct qc_arg	args[QC_ARGS_MAX];	/* ends at keyword NULL */
	/* Print the reply for people. */
	void		(*print)(FILE *out, json_t *reply);
};

extern const struct qc_cmd qc_cmds[];
extern const size_t qc_ncmds;

/*
 * Find the command named by the words at the head of 'argv' ('argc' of
 * them) among 'names' ('n' full names, in the order that decides between
 * prefixes, as ip(8)): "s l" is "session list", "session" alone is its
 * "list" (or its only command).  Returns 0 with the index in '*idx_r' and
 * the words used in '*used_r'; 1 when no object matches the first word;
 * -1 with a message in 'err' when the object matches but the command does
 * not.
 */
int qc_match(const char *const *names, size_t n, int argc, char **argv,
    size_t *idx_r, int *used_r, char *err, size_t errlen);

/*
 * The request arguments of 'cmd' from the words 'argv' ('argc'): keywords
 * (prefixes allowed) with their values, or values by position.  Returns 0
 * and a new object in '*args_r', or -1 with a message in 'err'.
 */
int qc_args_parse(const struct qc_cmd *cmd, int argc, char **argv,
    json_t **args_r, char *err, size_t errlen);

/*
 * Arguments of a command quasarctl has no table entry for: 'key value'
 * pairs, values that are decimal integers sent as numbers.
 */
int qc_args_pairs(int argc, char **argv, json_t **args_r, char *err,
    size_t errlen);

/* Print the usage of every command of object 'object' (NULL: all). */
void qc_usage(FILE *out, const char *object);

/* Reply printers for people. */
void qc_print_session_list(FILE *out, json_t *reply);
void qc_print_session_show(FILE *out, json_t *reply);
void qc_print_lsp_list(FILE *out, json_t *reply);
void qc_print_label_list(FILE *out, json_t *reply);
void qc_print_neighbor_list(FILE *out, json_t *reply);
void qc_print_stats(FILE *out, json_t *reply);
void qc_print_pool_show(FILE *out, json_t *reply);
void qc_print_routelet_list(FILE *out, json_t *reply);
void qc_print_flow_list(FILE *out, json_t *reply);
/* Any reply: tables for arrays of objects, "key: value" lines else. */
void qc_print_generic(FILE *out, json_t *reply);

#endif
