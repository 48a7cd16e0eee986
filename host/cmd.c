/* What every quasar-rsvp command shares (host/cmd.h). */
#include "host/cmd.h"

void
cmd_usage(const struct cmd *cmd, FILE *fp, int full)
{
	fprintf(fp, "usage: quasar-rsvp %s %s\n", cmd->name, cmd->usage);
	if (full && cmd->help[0] != '\0')
		fprintf(fp, "%s", cmd->help);
}
