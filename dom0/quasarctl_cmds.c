/*
 * quasarctl's command table, in the manner of iproute2's ip/ip.c and Xen's
 * xl_cmdtable.c: what each command is called, takes and prints.  The data
 * come from quasard; a command quasard has and this table does not is still
 * reachable (quasarctl.c) and printed generically.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/quasarctl_local.h"

const struct qc_cmd qc_cmds[] = {
	{ "session list", "", "RSVP-TE sessions (tunnels) with their LSPs",
	    { { NULL, NULL, 0, false } }, qc_print_session_list },
	{ "session show", "[endpoint] ADDR [tunnel-id] N [ext-tunnel-id ADDR]",
	    "one session in detail: each LSP, its labels, hops and timers",
	    { { "endpoint", "endpoint", QC_ARG_ADDR, true },
	      { "tunnel-id", "tunnel_id", QC_ARG_U16, true },
	      { "ext-tunnel-id", "ext_tunnel_id", QC_ARG_ADDR, false },
	      { NULL, NULL, 0, false } }, qc_print_session_show },
	{ "lsp list", "", "every LSP: state, labels in and out, hops",
	    { { NULL, NULL, 0, false } }, qc_print_lsp_list },
	{ "label list", "", "labels handed out and what each does",
	    { { NULL, NULL, 0, false } }, qc_print_label_list },
	{ "neighbor list", "", "RSVP neighbours and their Hello state",
	    { { NULL, NULL, 0, false } }, qc_print_neighbor_list },
	{ "stats", "", "messages in and out, every reason for a drop",
	    { { NULL, NULL, 0, false } }, qc_print_stats },
	{ "pool show", "", "routelet pool: limits, routelets in each state, "
	    "counters",
	    { { NULL, NULL, 0, false } }, qc_print_pool_show },
	{ "pool resize", "[min] N [max] N [max-idle N]",
	    "keep N idle, at most N routelets (max-idle: the current one "
	    "kept within them)",
	    { { "min", "min_idle", QC_ARG_COUNT, true },
	      { "max", "max_total", QC_ARG_COUNT, true },
	      { "max-idle", "max_idle", QC_ARG_COUNT, false },
	      { NULL, NULL, 0, false } }, qc_print_pool_show },
	{ "routelet list", "", "every routelet: state, flow, caps, CPU time, "
	    "counters",
	    { { NULL, NULL, 0, false } }, qc_print_routelet_list },
	{ "flow list", "", "QoS flows: LSP, service, rate, routelet, labels, "
	    "counters",
	    { { NULL, NULL, 0, false } }, qc_print_flow_list },
};
const size_t qc_ncmds = sizeof(qc_cmds) / sizeof(qc_cmds[0]);

/* Other spellings of objects, as ip(8) takes "neighbour" too. */
static const struct {
	const char	*alias;
	const char	*object;
} qc_aliases[] = {
	{ "neighbour", "neighbor" },
};

/* Is 'word' a non-empty prefix of 'of'? (ip's matches()) */
static bool
is_prefix(const char *word, const char *of)
{
	size_t n = strlen(word);

	return n > 0 && strncmp(word, of, n) == 0;
}

/* The 'i'th word (0 or 1) of a name into 'buf'; false when none. */
static bool
name_word(const char *name, int i, char *buf, size_t cap)
{
	const char *sp = strchr(name, ' ');
	size_t n;

	if (i == 0) {
		n = sp != NULL ? (size_t)(sp - name) : strlen(name);
	} else {
		if (sp == NULL)
			return false;
		name = sp + 1;
		n = strlen(name);
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return true;
}

int
qc_match(const char *const *names, size_t n, int argc, char **argv,
    size_t *idx_r, int *used_r, char *err, size_t errlen)
{
	char obj[64], w[64];
	const char *word = argc >= 1 ? argv[0] : "";
	size_t i, first = n, list = n;

	for (i = 0; i < sizeof(qc_aliases) / sizeof(qc_aliases[0]); i++)
		if (is_prefix(word, qc_aliases[i].alias) &&
		    !is_prefix(word, qc_aliases[i].object))
			word = qc_aliases[i].object;
	for (i = 0; i < n; i++) {
		name_word(names[i], 0, obj, sizeof(obj));
		if (is_prefix(word, obj))
			break;
	}
	if (i == n)
		return 1;
	/* The object is 'obj'; now its command. */
	for (i = 0; i < n; i++) {
		name_word(names[i], 0, w, sizeof(w));
		if (strcmp(w, obj) != 0)
			continue;
		if (!name_word(names[i], 1, w, sizeof(w))) {
			/* A command of one word ("stats"). */
			*idx_r = i;
			*used_r = 1;
			return 0;
		}
		if (first == n)
			first = i;
		if (list == n && strcmp(w, "list") == 0)
			list = i;
		if (argc >= 2 && is_prefix(argv[1], w)) {
			*idx_r = i;
			*used_r = 2;
			return 0;
		}
	}
	if (argc >= 2) {
		snprintf(err, errlen, "unknown command \"%s\" for %s; try "
		    "\"quasarctl %s help\"", argv[1], obj, obj);
		return -1;
	}
	*idx_r = list != n ? list : first;
	*used_r = 1;
	return 0;
}

/* Check 'val' against 'a' and add it to 'args'. */
static int
arg_set(const struct qc_arg *a, const char *val, json_t *args, char *err,
    size_t errlen)
{
	struct in_addr addr;
	unsigned long v;
	char *end;

	switch (a->type) {
	case QC_ARG_ADDR:
		if (inet_pton(AF_INET, val, &addr) != 1) {
			snprintf(err, errlen, "%s: \"%s\" is not an IPv4 "
			    "address", a->keyword, val);
			return -1;
		}
		json_object_set_new(args, a->key, json_string(val));
		return 0;
	case QC_ARG_U16:
		v = strtoul(val, &end, 10);
		if (val[0] < '0' || val[0] > '9' || *end != '\0' ||
		    v > 65535) {
			snprintf(err, errlen, "%s: \"%s\" is not a number from "
			    "0 to 65535", a->keyword, val);
			return -1;
		}
		json_object_set_new(args, a->key, json_integer((json_int_t)v));
		return 0;
	case QC_ARG_COUNT:
		errno = 0;
		v = strtoul(val, &end, 10);
		if (val[0] < '0' || val[0] > '9' || *end != '\0' ||
		    errno != 0 || v > INT_MAX) {
			snprintf(err, errlen, "%s: \"%s\" is not a number from "
			    "0 to %d", a->keyword, val, INT_MAX);
			return -1;
		}
		json_object_set_new(args, a->key, json_integer((json_int_t)v));
		return 0;
	}
	return -1;
}

int
qc_args_parse(const struct qc_cmd *cmd, int argc, char **argv,
    json_t **args_r, char *err, size_t errlen)
{
	const struct qc_arg *a;
	json_t *args;
	int i, k, rc = -1;

	args = json_object();
	if (args == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (i = 0; i < argc; i++) {
		for (k = 0; cmd->args[k].keyword != NULL; k++)
			if (is_prefix(argv[i], cmd->args[k].keyword))
				break;
		if (cmd->args[k].keyword != NULL) {
			/* A keyword: its value follows. */
			a = &cmd->args[k];
			if (++i == argc) {
				snprintf(err, errlen, "%s: missing value",
				    a->keyword);
				goto out;
			}
		} else {
			/* By position: the first not given yet. */
			for (k = 0; cmd->args[k].keyword != NULL; k++)
				if (json_object_get(args,
				    cmd->args[k].key) == NULL)
					break;
			if (cmd->args[k].keyword == NULL) {
				snprintf(err, errlen, "unexpected argument "
				    "\"%s\"", argv[i]);
				goto out;
			}
			a = &cmd->args[k];
		}
		if (json_object_get(args, a->key) != NULL) {
			snprintf(err, errlen, "%s given twice", a->keyword);
			goto out;
		}
		if (arg_set(a, argv[i], args, err, errlen) == -1)
			goto out;
	}
	for (k = 0; cmd->args[k].keyword != NULL; k++)
		if (cmd->args[k].required &&
		    json_object_get(args, cmd->args[k].key) == NULL) {
			snprintf(err, errlen, "missing %s", cmd->args[k].keyword);
			goto out;
		}
	*args_r = args;
	args = NULL;
	rc = 0;
out:
	json_decref(args);
	return rc;
}

int
qc_args_pairs(int argc, char **argv, json_t **args_r, char *err,
    size_t errlen)
{
	json_t *args;
	long long v;
	char *end;
	int i;

	if (argc % 2 != 0) {
		snprintf(err, errlen, "arguments come as KEY VALUE pairs");
		return -1;
	}
	args = json_object();
	if (args == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < argc; i += 2) {
		v = strtoll(argv[i + 1], &end, 10);
		if (argv[i + 1][0] != '\0' && *end == '\0')
			json_object_set_new(args, argv[i],
			    json_integer((json_int_t)v));
		else
			json_object_set_new(args, argv[i],
			    json_string(argv[i + 1]));
	}
	*args_r = args;
	return 0;
}

void
qc_usage(FILE *out, const char *object)
{
	char obj[64];
	size_t i;

	for (i = 0; i < qc_ncmds; i++) {
		name_word(qc_cmds[i].name, 0, obj, sizeof(obj));
		if (object != NULL && strcmp(obj, object) != 0)
			continue;
		fprintf(out, "  %s%s%s\n      %s\n", qc_cmds[i].name,
		    qc_cmds[i].usage[0] != '\0' ? " " : "", qc_cmds[i].usage,
		    qc_cmds[i].help);
	}
}
