#include "demux/nl_util.h"

#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <string.h>

#include <linux/gen_stats.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
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

/* Where u32 keeps its actions; other classifiers are not needed yet. */
#define U32_ACT_ATTR	TCA_U32_ACT

int
nlu_filter_stats_decode(const void *buf, size_t len, uint64_t *packets_r,
    uint64_t *bytes_r)
{
	struct nlmsghdr nlh;
	struct nlattr *tb[TCA_MAX + 1], *opt[TCA_U32_MAX + 1];
	struct nlattr *acts[TCA_ACT_MAX_PRIO + 1], *act[TCA_ACT_MAX + 1];
	struct nlattr *st[TCA_STATS_MAX + 1];
	struct gnet_stats_basic basic;
	int rc;

	if (len < sizeof(nlh))
		return -NLE_MSG_TOOSHORT;
	memcpy(&nlh, buf, sizeof(nlh));
	if (nlh.nlmsg_len > len || nlh.nlmsg_len < NLMSG_LENGTH(
	    sizeof(struct tcmsg)))
		return -NLE_MSG_TOOSHORT;
	/* nlmsg_parse checks every attribute's length against the message. */
	rc = nlmsg_parse((struct nlmsghdr *)(uintptr_t)buf,
	    sizeof(struct tcmsg), tb, TCA_MAX, NULL);
	if (rc < 0)
		return rc;
	if (tb[TCA_OPTIONS] == NULL)
		return -NLE_NOATTR;
	if ((rc = nla_parse_nested(opt, TCA_U32_MAX, tb[TCA_OPTIONS],
	    NULL)) < 0)
		return rc;
	if (opt[U32_ACT_ATTR] == NULL)
		return -NLE_NOATTR;
	if ((rc = nla_parse_nested(acts, TCA_ACT_MAX_PRIO, opt[U32_ACT_ATTR],
	    NULL)) < 0)
		return rc;
	/* Actions are numbered from 1 in the order they run. */
	if (acts[1] == NULL)
		return -NLE_NOATTR;
	if ((rc = nla_parse_nested(act, TCA_ACT_MAX, acts[1], NULL)) < 0)
		return rc;
	if (act[TCA_ACT_STATS] == NULL)
		return -NLE_NOATTR;
	if ((rc = nla_parse_nested(st, TCA_STATS_MAX, act[TCA_ACT_STATS],
	    NULL)) < 0)
		return rc;
	if (st[TCA_STATS_BASIC] == NULL ||
	    (size_t)nla_len(st[TCA_STATS_BASIC]) < sizeof(basic))
		return -NLE_NOATTR;
	memcpy(&basic, nla_data(st[TCA_STATS_BASIC]), sizeof(basic));
	*packets_r = basic.packets;
	*bytes_r = basic.bytes;
	return 0;
}

struct stats_reply {
	int rc;
	bool acked;
	uint64_t packets;
	uint64_t bytes;
};

static int
stats_valid(struct nl_msg *msg, void *arg)
{
	struct stats_reply *r = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (nlh->nlmsg_type == RTM_NEWTFILTER)
		r->rc = nlu_filter_stats_decode(nlh, nlh->nlmsg_len,
		    &r->packets, &r->bytes);
	return NL_OK;
}

static int
stats_ack(struct nl_msg *msg, void *arg)
{
	struct stats_reply *r = arg;

	(void)msg;
	r->acked = true;
	return NL_STOP;
}

int
nlu_filter_stats(struct nl_sock *sk, const struct nlu_filter_id *id,
    uint64_t *packets_r, uint64_t *bytes_r)
{
	struct tcmsg t = {
		.tcm_family = AF_UNSPEC,
		.tcm_ifindex = (int)id->ifindex,
		.tcm_handle = id->handle,
		.tcm_parent = id->parent,
		.tcm_info = TC_H_MAKE((uint32_t)id->prio << 16,
		    htons(id->protocol)),
	};
	struct stats_reply r = { .rc = -NLE_OBJ_NOTFOUND };
	struct nl_msg *msg;
	struct nl_cb *cb;
	int rc;

	msg = nlmsg_alloc_simple(RTM_GETTFILTER, NLM_F_ACK);
	if (msg == NULL)
		return -NLE_NOMEM;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (cb == NULL) {
		rc = -NLE_NOMEM;
		goto out;
	}
	if ((rc = nlmsg_append(msg, &t, sizeof(t), NLMSG_ALIGNTO)) < 0 ||
	    (rc = nla_put_string(msg, TCA_KIND, id->kind)) < 0)
		goto out;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, stats_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, stats_ack, &r);
	if ((rc = nl_send_auto(sk, msg)) < 0)
		goto out;
	/* The filter comes first, then the ACK, in one read or in two. */
	while (!r.acked)
		if ((rc = nl_recvmsgs(sk, cb)) < 0)
			goto out;
	rc = r.rc;
	if (rc == 0) {
		*packets_r = r.packets;
		*bytes_r = r.bytes;
	}
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return rc;
}
