/*
 * Inside the control socket server: shared by ctl.c (connections) and
 * ctl_cmd.c (the command registry).
 */
#ifndef QUASAR_DOM0_CTL_LOCAL_H
#define QUASAR_DOM0_CTL_LOCAL_H

#include <sys/queue.h>

#include "dom0/ctl.h"
#include "lib/ctl_proto.h"

struct ctl_client;

struct ctl_cmd {
	char		name[CTL_CMD_MAX];
	ctl_handler	fn;
	void		*arg;
};

struct ctl {
	struct event_base		*base;
	struct evconnlistener		*lis;
	char				*path;	/* unlinked at the end */
	TAILQ_HEAD(, ctl_client)	clients;
	unsigned			nclients;
	struct ctl_cmd			*cmds;	/* sorted by name */
	size_t				ncmds;
	size_t				capcmds;
};

/*
 * Run the command 'name' (or the built-in "help") with 'args'; as a
 * ctl_handler, with "unknown command" for a name nobody registered.
 */
int ctl_cmd_run(struct ctl *ctl, const char *name, json_t *args,
    json_t **reply_r, char *err, size_t errlen);

/* Forget every registered command. */
void ctl_cmd_free_all(struct ctl *ctl);

#endif
