/*
 * RECORD_ROUTE handling (RFC 3209 4.4): loop detection and pushing our
 * hop (and label, when SESSION_ATTRIBUTE asks for label recording) onto
 * the top of the stack, that is the front of the list (4.4.1).
 */
#include <errno.h>
#include <string.h>

#include "dom0/engine_local.h"

/* Does 'rro' already list one of our addresses (RFC 3209 4.4.3)? */
bool
rro_has_local(struct engine *e, const struct rsvp_route *rro)
{
	uint16_t i;

	for (i = 0; i < rro->nsub; i++)
		if (rro->sub[i].type == RSVP_SUBOBJ_IPV4 &&
		    e->env.is_local(e->env.arg, rro->sub[i].addr))
			return true;
	return false;
}

static struct rsvp_subobj *
rro_push(struct rsvp_route *rro)
{
	if (rro->nsub >= RSVP_ROUTE_MAX)
		return NULL;
	memmove(&rro->sub[1], &rro->sub[0], rro->nsub * sizeof(rro->sub[0]));
	rro->nsub++;
	memset(&rro->sub[0], 0, sizeof(rro->sub[0]));
	return &rro->sub[0];
}

/* Push an IPv4 subobject for 'addr'; 0, or -ENOSPC when full. */
int
rro_push_addr(struct rsvp_route *rro, struct in_addr addr)
{
	struct rsvp_subobj *so = rro_push(rro);

	if (so == NULL)
		return -ENOSPC;
	so->type = RSVP_SUBOBJ_IPV4;
	so->addr = addr;
	so->prefix_len = 32;
	return 0;
}

/* Push a Label subobject (global label, RFC 3209 4.4.1.3). */
int
rro_push_label(struct rsvp_route *rro, uint32_t label)
{
	struct rsvp_subobj *so = rro_push(rro);

	if (so == NULL)
		return -ENOSPC;
	so->type = RSVP_SUBOBJ_LABEL;
	so->flags = RSVP_RRO_LABEL_F_GLOBAL;
	so->label_ctype = RSVP_CTYPE_1;
	so->label = label;
	return 0;
}
