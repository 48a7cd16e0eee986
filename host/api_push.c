/*
 * The sender's label push through demux's FTN element (RFC 3031 3.11:
 * the ingress maps a FEC, here the tunnel end point, to the label that
 * the Resv brought, RFC 3209 4.1).
 */
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demux/dp.h"
#include "host/api_push.h"
#include "lib/mpls.h"

struct rsvp_push {
	struct dp	*dp;
	unsigned	ifindex;
	char		instance[DP_INSTANCE_MAX];
};

/*
 * The protocols whose packets get the label: the data, never RSVP itself
 * (IP protocol 46), whose Path refreshes and PathTear to the same end
 * point must stay IPv4 for every router on the way to see them (RFC 2205
 * 3.1.3).  FTN takes at most 8 rules per prefix (docs/demux.md).
 */
static const uint8_t push_protos[] = {
	IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP,
};
#define NPROTOS	(sizeof(push_protos) / sizeof(push_protos[0]))

/* The rule for 'dst'/32, protocol 'proto', any port. */
static void
push_rule(struct in_addr dst, uint8_t proto, uint32_t label, struct dp_ftn *f)
{
	memset(f, 0, sizeof(*f));
	f->dst = dst.s_addr;
	f->plen = 32;
	f->proto = proto;
	f->port_max = UINT16_MAX;
	f->label = label;
}

int
rsvp_push_open(const char *ifname, struct rsvp_push **p_r)
{
	struct dp_params dpp;
	struct rsvp_push *p;
	int rc;

	*p_r = NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return -ENOMEM;
	if ((p->ifindex = if_nametoindex(ifname)) == 0) {
		rc = -errno;
		goto fail;
	}
	snprintf(p->instance, sizeof(p->instance), "qrsvp-%ld",
	    (long)getpid());
	memset(&dpp, 0, sizeof(dpp));
	dpp.backend = DP_BACKEND_BPF;
	dpp.instance = p->instance;
	if ((rc = dp_open(&dpp, &p->dp)) != 0)
		goto fail;
	if ((rc = dp_ftn_attach(p->dp, p->ifindex)) != 0)
		goto fail;
	*p_r = p;
	return 0;
fail:
	if (p->dp != NULL)
		dp_close(p->dp, DP_CLOSE_TEARDOWN);
	free(p);
	return rc;
}

int
rsvp_push_set(struct rsvp_push *p, struct in_addr dst, uint32_t label)
{
	struct dp_ftn f;
	size_t i;
	int rc;

	if (label == MPLS_LABEL_IMPLICIT_NULL)
		return rsvp_push_clear(p, dst);
	for (i = 0; i < NPROTOS; i++) {
		push_rule(dst, push_protos[i], label, &f);
		if ((rc = dp_ftn_set(p->dp, &f)) != 0) {
			rsvp_push_clear(p, dst);
			return rc;
		}
	}
	return 0;
}

int
rsvp_push_clear(struct rsvp_push *p, struct in_addr dst)
{
	struct dp_ftn f;
	size_t i;
	int r, rc = 0;

	for (i = 0; i < NPROTOS; i++) {
		push_rule(dst, push_protos[i], 0, &f);
		r = dp_ftn_del(p->dp, &f);
		if (r != 0 && r != -ENOENT && rc == 0)
			rc = r;
	}
	return rc;
}

void
rsvp_push_close(struct rsvp_push *p)
{
	if (p == NULL)
		return;
	dp_ftn_detach(p->dp, p->ifindex);
	dp_close(p->dp, DP_CLOSE_TEARDOWN);
	free(p);
}
