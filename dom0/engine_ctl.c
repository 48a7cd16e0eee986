/*
 * The engine's commands on quasard's control socket (dom0/ctl.h): each
 * handler answers through engine_query().
 */
#include "dom0/ctl.h"
#include "dom0/engine.h"

#define ENGINE_CTL_HANDLER(fn, name)					\
static int								\
fn(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)	\
{									\
	return engine_query(arg, name, args, reply_r, err, errlen);	\
}

ENGINE_CTL_HANDLER(ctl_session_list, "session list")
ENGINE_CTL_HANDLER(ctl_session_show, "session show")
ENGINE_CTL_HANDLER(ctl_lsp_list, "lsp list")
ENGINE_CTL_HANDLER(ctl_label_list, "label list")
ENGINE_CTL_HANDLER(ctl_stats, "stats")

static const struct {
	const char	*name;
	ctl_handler	fn;
} engine_cmds[] = {
	{ "session list", ctl_session_list },
	{ "session show", ctl_session_show },
	{ "lsp list", ctl_lsp_list },
	{ "label list", ctl_label_list },
	{ "stats", ctl_stats },
};

int
engine_ctl_register(struct engine *e, struct ctl *ctl)
{
	size_t i;

	for (i = 0; i < sizeof(engine_cmds) / sizeof(engine_cmds[0]); i++)
		if (ctl_register(ctl, engine_cmds[i].name, engine_cmds[i].fn,
		    e) < 0)
			return -1;
	return 0;
}
