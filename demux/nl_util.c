#include "demux/nl_util.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>

#include <netlink/errno.h>
#include <netlink/route/link.h>

int
nlu_open(struct nl_sock **sk_r)
{
	struct nl_sock *sk;
	int rc;

	sk = nl_socket_alloc();
	if (sk == NULL)
		return -ENOMEM;
	rc = nl_connect(sk, NETLINK_ROUTE);
	if (rc < 0) {
		nl_socket_free(sk);
		return nlu_errno(rc);
	}
	*sk_r = sk;
	return 0;
}

int
nlu_errno(int nlerr)
{
	static const struct {
		int nle;
		int err;
	} map[] = {
		{ NLE_INTR, EINTR },
		{ NLE_BAD_SOCK, EBADF },
		{ NLE_AGAIN, EAGAIN },
		{ NLE_NOMEM, ENOMEM },
		{ NLE_EXIST, EEXIST },
		{ NLE_INVAL, EINVAL },
		{ NLE_RANGE, ERANGE },
		{ NLE_MSGSIZE, EMSGSIZE },
		{ NLE_OPNOTSUPP, EOPNOTSUPP },
		{ NLE_AF_NOSUPPORT, EAFNOSUPPORT },
		{ NLE_OBJ_NOTFOUND, ENOENT },
		{ NLE_NOATTR, ENOENT },
		{ NLE_MISSING_ATTR, EINVAL },
		{ NLE_AF_MISMATCH, EINVAL },
		{ NLE_SEQ_MISMATCH, EPROTO },
		{ NLE_MSG_OVERFLOW, EMSGSIZE },
		{ NLE_MSG_TRUNC, EMSGSIZE },
		{ NLE_NOADDR, EADDRNOTAVAIL },
		{ NLE_SRCRT_NOSUPPORT, EOPNOTSUPP },
		{ NLE_MSG_TOOSHORT, EPROTO },
		{ NLE_MSGTYPE_NOSUPPORT, EOPNOTSUPP },
		{ NLE_OBJ_MISMATCH, EINVAL },
		{ NLE_NOCACHE, ENOENT },
		{ NLE_BUSY, EBUSY },
		{ NLE_PROTO_MISMATCH, EPROTO },
		{ NLE_NOACCESS, EACCES },
		{ NLE_PERM, EPERM },
		{ NLE_PKTLOC_FILE, ENOENT },
		{ NLE_PARSE_ERR, EPROTO },
		{ NLE_NODEV, ENODEV },
		{ NLE_IMMUTABLE, EPERM },
		{ NLE_DUMP_INTR, EINTR },
		{ NLE_ATTRSIZE, ERANGE },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].nle == -nlerr)
			return -map[i].err;
	return -EIO;
}

int
nlu_link(struct nl_sock *sk, const char *ifname, uint32_t ifindex,
    uint32_t *ifindex_r, uint32_t *mtu_r, char *name_r)
{
	struct rtnl_link *link = NULL;
	int rc;

	rc = rtnl_link_get_kernel(sk, ifname != NULL ? 0 : (int)ifindex,
	    ifname, &link);
	if (rc < 0)
		goto out;
	if (ifindex_r != NULL)
		*ifindex_r = (uint32_t)rtnl_link_get_ifindex(link);
	if (mtu_r != NULL)
		*mtu_r = rtnl_link_get_mtu(link);
	if (name_r != NULL) {
		strncpy(name_r, rtnl_link_get_name(link), IFNAMSIZ - 1);
		name_r[IFNAMSIZ - 1] = '\0';
	}
out:
	rtnl_link_put(link);
	return rc;
}
