/*
 * A vif's link facts over rtnetlink: its kind (IFLA_INFO_KIND) and
 * whether the kernel names its peer's namespace (IFLA_LINK_NETNSID, only
 * present when the peer is in another namespace).
 */
#include <errno.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "lib/log.h"
#include "demux/nl_util.h"
#include "demux/veth_peer.h"

int
dp_veth_peer_elsewhere(uint32_t ifindex, bool *yes_r)
{
	struct nl_sock *sk = NULL;
	struct rtnl_link *link = NULL;
	const char *kind;
	int32_t nsid;
	int rc;

	*yes_r = false;
	rc = nlu_open(&sk);
	if (rc < 0) {
		log_warnx("veth_peer: route socket: %s", strerror(-rc));
		return rc;
	}
	rc = rtnl_link_get_kernel(sk, (int)ifindex, NULL, &link);
	/* An interface that is not there is no veth. */
	if (rc < 0 && (nlu_errno(rc) == -ENODEV || nlu_errno(rc) == -ENOENT)) {
		rc = 0;
		goto out;
	}
	if (rc < 0) {
		rc = nlu_errno(rc);
		log_warnx("veth_peer: ifindex %u: %s", ifindex, strerror(-rc));
		goto out;
	}
	kind = rtnl_link_get_type(link);
	*yes_r = kind != NULL && strcmp(kind, "veth") == 0 &&
	    rtnl_link_get_link_netnsid(link, &nsid) == 0;
out:
	rtnl_link_put(link);
	nl_socket_free(sk);
	return rc;
}
