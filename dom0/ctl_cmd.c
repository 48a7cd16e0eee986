/*
 * The command registry of the control socket: full names ("session
 * list") in a sorted array, looked up by bisection (dom0/ctl.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/ctl.h"
#include "dom0/ctl_local.h"
#include "lib/ctl_proto.h"

/* Words of [a-z0-9_-] separated by single spaces. */
static bool
name_valid(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n >= CTL_CMD_MAX || name[0] == ' ' ||
	    name[n - 1] == ' ')
		return false;
	for (i = 0; i < n; i++) {
		if (name[i] == ' ' && name[i + 1] == ' ')
			return false;
		if (name[i] != ' ' && name[i] != '-' && name[i] != '_' &&
		    !(name[i] >= 'a' && name[i] <= 'z') &&
		    !(name[i] >= '0' && name[i] <= '9'))
			return false;
	}
	return true;
}

/*
 * The index of 'name' in ctl->cmds, or where it would go (then '*found'
 * is false).
 */
static size_t
cmd_find(const struct ctl *ctl, const char *name, bool *found)
{
	size_t lo = 0, hi = ctl->ncmds, mid;
	int c;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, ctl->cmds[mid].name);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int
ctl_register(struct ctl *ctl, const char *name, ctl_handler handler,
    void *arg)
{
	struct ctl_cmd *ncmds;
	size_t at, ncap;
	bool found;

	if (!name_valid(name) || strcmp(name, "help") == 0 ||
	    handler == NULL) {
		errno = EINVAL;
		return -1;
	}
	at = cmd_find(ctl, name, &found);
	if (found) {
		errno = EEXIST;
		return -1;
	}
	if (ctl->ncmds == ctl->capcmds) {
		ncap = ctl->capcmds == 0 ? 16 : ctl->capcmds * 2;
		ncmds = reallocarray(ctl->cmds, ncap, sizeof(*ncmds));
		if (ncmds == NULL)
			return -1;
		ctl->cmds = ncmds;
		ctl->capcmds = ncap;
	}
	memmove(&ctl->cmds[at + 1], &ctl->cmds[at],
	    (ctl->ncmds - at) * sizeof(*ctl->cmds));
	snprintf(ctl->cmds[at].name, sizeof(ctl->cmds[at].name), "%s", name);
	ctl->cmds[at].fn = handler;
	ctl->cmds[at].arg = arg;
	ctl->ncmds++;
	return 0;
}

int
ctl_unregister(struct ctl *ctl, const char *name)
{
	size_t at;
	bool found;

	at = cmd_find(ctl, name, &found);
	if (!found) {
		errno = ENOENT;
		return -1;
	}
	memmove(&ctl->cmds[at], &ctl->cmds[at + 1],
	    (ctl->ncmds - at - 1) * sizeof(*ctl->cmds));
	ctl->ncmds--;
	return 0;
}

/* "help": {"commands": [every name, sorted, "help" included]}. */
static int
cmd_help(struct ctl *ctl, json_t **reply_r, char *err, size_t errlen)
{
	json_t *names, *reply;
	size_t i;

	names = json_array();
	if (names == NULL || json_array_append_new(names,
	    json_string("help")) == -1)
		goto nomem;
	for (i = 0; i < ctl->ncmds; i++)
		if (json_array_append_new(names,
		    json_string(ctl->cmds[i].name)) == -1)
			goto nomem;
	reply = json_pack("{s:o}", "commands", names);
	if (reply == NULL)
		goto fail;
	*reply_r = reply;
	return 0;
nomem:
	json_decref(names);
fail:
	snprintf(err, errlen, "out of memory");
	return -1;
}

int
ctl_cmd_run(struct ctl *ctl, const char *name, json_t *args,
    json_t **reply_r, char *err, size_t errlen)
{
	size_t at;
	bool found;

	*reply_r = NULL;
	if (strcmp(name, "help") == 0)
		return cmd_help(ctl, reply_r, err, errlen);
	at = cmd_find(ctl, name, &found);
	if (!found) {
		snprintf(err, errlen, "unknown command \"%s\"", name);
		return -1;
	}
	if (ctl->cmds[at].fn(ctl->cmds[at].arg, args, reply_r, err,
	    errlen) == 0)
		return 0;
	json_decref(*reply_r);
	*reply_r = NULL;
	return -1;
}

void
ctl_cmd_free_all(struct ctl *ctl)
{
	free(ctl->cmds);
	ctl->cmds = NULL;
	ctl->ncmds = ctl->capcmds = 0;
}
