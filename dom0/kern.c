/*
 * The kernel view on libnl-3: link, address and neighbour caches kept
 * current by a cache manager whose socket the event loop watches, and
 * RTM_GETROUTE / RTM_NEWNEIGH requests on a second, synchronous socket.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/neighbour.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/kern.h"
#include "lib/log.h"

/* Neighbour states whose link-layer address can be used. */
#define NUD_USABLE	(NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | \
			 NUD_PERMANENT | NUD_NOARP)

struct kern {
	struct nl_cache_mngr *mngr;
	struct nl_cache *links;
	struct nl_cache *addrs;
	struct nl_cache *neighs;
	struct nl_sock *sk;		/* requests */
	struct event *ev;
	kern_neigh_cb neigh_cb;
	void *neigh_arg;
	unsigned linecards[KERN_LINECARDS_MAX];
	size_t n_linecards;
};

/* A libnl error code as a negative errno, as near as libnl lets us. */
static int
nlerr(int err)
{
	switch (-err) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_PERM:
		return -EPERM;
	case NLE_AGAIN:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

static void
neigh_changed(struct nl_cache *cache, struct nl_object *obj, int action,
    void *arg)
{
	struct kern *k = arg;
	struct rtnl_neigh *n = (struct rtnl_neigh *)obj;
	struct nl_addr *dst;
	struct in_addr a;

	(void)cache;
	(void)action;
	if (k->neigh_cb == NULL || rtnl_neigh_get_family(n) != AF_INET)
		return;
	dst = rtnl_neigh_get_dst(n);
	if (dst == NULL || nl_addr_get_len(dst) != sizeof(a))
		return;
	memcpy(&a, nl_addr_get_binary_addr(dst), sizeof(a));
	k->neigh_cb((unsigned)rtnl_neigh_get_ifindex(n), a, k->neigh_arg);
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	kern_refresh(arg);
}

int
kern_open(struct event_base *base, struct kern **k_r)
{
	struct kern *k;
	int err, rc = -ENOMEM;

	if ((k = calloc(1, sizeof(*k))) == NULL)
		return -ENOMEM;
	if ((k->sk = nl_socket_alloc()) == NULL)
		goto out;
	if ((err = nl_connect(k->sk, NETLINK_ROUTE)) < 0) {
		rc = nlerr(err);
		goto out;
	}
	/* Route replies come alone; neighbour requests ask for an ACK. */
	nl_socket_disable_auto_ack(k->sk);
	if ((err = nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, NL_AUTO_PROVIDE,
	    &k->mngr)) < 0 ||
	    (err = nl_cache_mngr_add(k->mngr, "route/link", NULL, NULL,
	    &k->links)) < 0 ||
	    (err = nl_cache_mngr_add(k->mngr, "route/addr", NULL, NULL,
	    &k->addrs)) < 0 ||
	    (err = nl_cache_mngr_add(k->mngr, "route/neigh", neigh_changed, k,
	    &k->neighs)) < 0) {
		log_warnx("kern: netlink caches: %s", nl_geterror(err));
		rc = nlerr(err);
		goto out;
	}
	if (base != NULL) {
		k->ev = event_new(base, nl_cache_mngr_get_fd(k->mngr),
		    EV_READ | EV_PERSIST, on_readable, k);
		if (k->ev == NULL || event_add(k->ev, NULL) != 0)
			goto out;
	}
	*k_r = k;
	k = NULL;
	rc = 0;
out:
	kern_close(k);
	return rc;
}

void
kern_close(struct kern *k)
{
	if (k == NULL)
		return;
	if (k->ev != NULL)
		event_free(k->ev);
	if (k->mngr != NULL)
		nl_cache_mngr_free(k->mngr);	/* frees its caches */
	if (k->sk != NULL)
		nl_socket_free(k->sk);
	free(k);
}

int
kern_resync(struct kern *k)
{
	int err;

	if ((err = nl_cache_refill(k->sk, k->links)) < 0 ||
	    (err = nl_cache_refill(k->sk, k->addrs)) < 0 ||
	    (err = nl_cache_refill(k->sk, k->neighs)) < 0) {
		log_warnx("kern: netlink dump: %s", nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

int
kern_refresh(struct kern *k)
{
	int err;

	if ((err = nl_cache_mngr_data_ready(k->mngr)) >= 0)
		return 0;
	/* ENOBUFS (libnl's NLE_NOMEM): the kernel dropped updates for us. */
	log_warnx("kern: netlink update: %s; dumping again",
	    nl_geterror(err));
	return kern_resync(k);
}

static void
add_addr(struct nl_object *obj, void *arg)
{
	struct kern_if *kif = arg;
	struct rtnl_addr *a = (struct rtnl_addr *)obj;
	struct nl_addr *local;
	struct kern_addr *ka;

	if (rtnl_addr_get_family(a) != AF_INET ||
	    (unsigned)rtnl_addr_get_ifindex(a) != kif->ifindex ||
	    kif->n_addrs == KERN_IF_ADDRS_MAX)
		return;
	local = rtnl_addr_get_local(a);
	if (local == NULL || nl_addr_get_len(local) != sizeof(struct in_addr))
		return;
	ka = &kif->addrs[kif->n_addrs++];
	memcpy(&ka->addr, nl_addr_get_binary_addr(local), sizeof(ka->addr));
	ka->plen = (uint8_t)rtnl_addr_get_prefixlen(a);
}

static void
fill_if(struct kern *k, struct rtnl_link *l, struct kern_if *kif)
{
	struct nl_addr *mac = rtnl_link_get_addr(l);
	unsigned flags = rtnl_link_get_flags(l);

	memset(kif, 0, sizeof(*kif));
	snprintf(kif->name, sizeof(kif->name), "%s", rtnl_link_get_name(l));
	kif->ifindex = (unsigned)rtnl_link_get_ifindex(l);
	if (mac != NULL && nl_addr_get_len(mac) == sizeof(kif->mac))
		memcpy(kif->mac, nl_addr_get_binary_addr(mac), sizeof(kif->mac));
	kif->up = (flags & IFF_UP) && (flags & IFF_RUNNING);
	nl_cache_foreach(k->addrs, add_addr, kif);
}

int
kern_if_get(struct kern *k, unsigned ifindex, struct kern_if *if_r)
{
	struct rtnl_link *l;

	if ((l = rtnl_link_get(k->links, (int)ifindex)) == NULL)
		return -ENODEV;
	fill_if(k, l, if_r);
	rtnl_link_put(l);
	return 0;
}

int
kern_if_by_name(struct kern *k, const char *name, struct kern_if *if_r)
{
	struct rtnl_link *l;

	if ((l = rtnl_link_get_by_name(k->links, name)) == NULL)
		return -ENODEV;
	fill_if(k, l, if_r);
	rtnl_link_put(l);
	return 0;
}

struct walk {
	struct kern *k;
	kern_if_cb cb;
	void *arg;
	int rc;
};

static void
walk_one(struct nl_object *obj, void *arg)
{
	struct walk *w = arg;
	struct kern_if kif;

	if (w->rc != 0)
		return;
	fill_if(w->k, (struct rtnl_link *)obj, &kif);
	w->rc = w->cb(&kif, w->arg);
}

int
kern_if_walk(struct kern *k, kern_if_cb cb, void *arg)
{
	struct walk w = { .k = k, .cb = cb, .arg = arg };

	nl_cache_foreach(k->links, walk_one, &w);
	return w.rc;
}

int
kern_if_addr(struct kern *k, unsigned ifindex, struct in_addr *addr_r)
{
	struct kern_if kif;
	int rc;

	if ((rc = kern_if_get(k, ifindex, &kif)) != 0)
		return rc;
	if (kif.n_addrs == 0)
		return -EADDRNOTAVAIL;
	*addr_r = kif.addrs[0].addr;
	return 0;
}

struct local_find {
	struct in_addr addr;
	bool found;
};

static void
match_local(struct nl_object *obj, void *arg)
{
	struct local_find *f = arg;
	struct rtnl_addr *a = (struct rtnl_addr *)obj;
	struct nl_addr *local = rtnl_addr_get_local(a);

	if (rtnl_addr_get_family(a) == AF_INET && local != NULL &&
	    nl_addr_get_len(local) == sizeof(f->addr) &&
	    memcmp(nl_addr_get_binary_addr(local), &f->addr,
	    sizeof(f->addr)) == 0)
		f->found = true;
}

bool
kern_addr_is_local(struct kern *k, struct in_addr addr)
{
	struct local_find f = { .addr = addr };

	nl_cache_foreach(k->addrs, match_local, &f);
	return f.found;
}

struct route_reply {
	struct kern_route *r;
	int rc;
	bool got;
};

static int
route_valid(struct nl_msg *msg, void *arg)
{
	struct route_reply *rr = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg rtm;
	uint32_t oif;

	if (nlh->nlmsg_type != RTM_NEWROUTE ||
	    nlmsg_parse(nlh, sizeof(rtm), tb, RTA_MAX, NULL) < 0) {
		rr->rc = -EBADMSG;
		return NL_STOP;
	}
	memcpy(&rtm, nlmsg_data(nlh), sizeof(rtm));
	memset(rr->r, 0, sizeof(*rr->r));
	rr->r->local = rtm.rtm_type == RTN_LOCAL;
	if (tb[RTA_OIF] != NULL && nla_len(tb[RTA_OIF]) == sizeof(oif)) {
		memcpy(&oif, nla_data(tb[RTA_OIF]), sizeof(oif));
		rr->r->ifindex = oif;
	}
	if (tb[RTA_GATEWAY] != NULL &&
	    nla_len(tb[RTA_GATEWAY]) == sizeof(struct in_addr))
		memcpy(&rr->r->gateway, nla_data(tb[RTA_GATEWAY]),
		    sizeof(struct in_addr));
	if (tb[RTA_PREFSRC] != NULL &&
	    nla_len(tb[RTA_PREFSRC]) == sizeof(struct in_addr))
		memcpy(&rr->r->prefsrc, nla_data(tb[RTA_PREFSRC]),
		    sizeof(struct in_addr));
	if (rtm.rtm_type != RTN_UNICAST && rtm.rtm_type != RTN_LOCAL)
		rr->rc = -ENETUNREACH;
	rr->got = true;
	return NL_STOP;
}

static int
request_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	int *rc = arg;

	(void)nla;
	*rc = e->error < 0 ? e->error : -EIO;
	return NL_STOP;
}

/* Send 'msg' on k->sk and read the answer with 'valid' (or an ACK). */
static int
request(struct kern *k, struct nl_msg *msg, nl_recvmsg_msg_cb_t valid,
    void *arg, int *rc_r)
{
	struct nl_cb *cb;
	int err;

	if ((cb = nl_cb_alloc(NL_CB_DEFAULT)) == NULL)
		return -ENOMEM;
	if (valid != NULL)
		nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid, arg);
	nl_cb_err(cb, NL_CB_CUSTOM, request_error, rc_r);
	if ((err = nl_send_auto(k->sk, msg)) < 0 ||
	    (err = nl_recvmsgs(k->sk, cb)) < 0) {
		nl_cb_put(cb);
		/* request_error already put the kernel's errno there. */
		return *rc_r != 0 ? *rc_r : nlerr(err);
	}
	nl_cb_put(cb);
	return 0;
}

int
kern_route_get(struct kern *k, struct in_addr dst, struct kern_route *r)
{
	struct rtmsg rtm = {
		.rtm_family = AF_INET,
		.rtm_dst_len = 32,
	};
	struct route_reply rr = { .r = r };
	struct nl_msg *msg;
	int rc;

	if ((msg = nlmsg_alloc_simple(RTM_GETROUTE, 0)) == NULL)
		return -ENOMEM;
	if (nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, RTA_DST, sizeof(dst), &dst) < 0) {
		rc = -ENOMEM;
		goto out;
	}
	if ((rc = request(k, msg, route_valid, &rr, &rr.rc)) != 0)
		goto out;
	rc = rr.rc != 0 ? rr.rc : rr.got ? 0 : -EIO;
out:
	nlmsg_free(msg);
	return rc;
}

/* Ask the kernel to resolve 'addr' on 'ifindex' (NTF_USE: it sends
 * the ARP request as if a packet were waiting). */
static int
neigh_solicit(struct kern *k, unsigned ifindex, struct in_addr addr)
{
	struct ndmsg ndm = {
		.ndm_family = AF_INET,
		.ndm_ifindex = (int)ifindex,
		.ndm_state = NUD_NONE,
		.ndm_flags = NTF_USE,
	};
	struct nl_msg *msg;
	int rc, krc = 0;

	msg = nlmsg_alloc_simple(RTM_NEWNEIGH,
	    NLM_F_CREATE | NLM_F_REPLACE | NLM_F_ACK);
	if (msg == NULL)
		return -ENOMEM;
	if (nlmsg_append(msg, &ndm, sizeof(ndm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, NDA_DST, sizeof(addr), &addr) < 0) {
		rc = -ENOMEM;
		goto out;
	}
	if ((rc = request(k, msg, NULL, NULL, &krc)) == 0)
		rc = krc;
out:
	nlmsg_free(msg);
	return rc;
}

int
kern_neigh_get(struct kern *k, unsigned ifindex, struct in_addr addr,
    uint8_t mac_r[6])
{
	struct rtnl_neigh *n;
	struct nl_addr *dst, *ll;
	int rc = -EAGAIN;

	if ((dst = nl_addr_build(AF_INET, &addr, sizeof(addr))) == NULL)
		return -ENOMEM;
	n = rtnl_neigh_get(k->neighs, (int)ifindex, dst);
	nl_addr_put(dst);
	if (n != NULL) {
		ll = rtnl_neigh_get_lladdr(n);
		if ((rtnl_neigh_get_state(n) & NUD_USABLE) && ll != NULL &&
		    nl_addr_get_len(ll) == 6) {
			memcpy(mac_r, nl_addr_get_binary_addr(ll), 6);
			rc = 0;
		}
		rtnl_neigh_put(n);
		if (rc == 0)
			return 0;
	}
	if ((rc = neigh_solicit(k, ifindex, addr)) != 0)
		return rc;
	return -EAGAIN;
}

void
kern_set_neigh_cb(struct kern *k, kern_neigh_cb cb, void *arg)
{
	k->neigh_cb = cb;
	k->neigh_arg = arg;
}

int
kern_linecard_add(struct kern *k, unsigned ifindex)
{
	size_t i;

	for (i = 0; i < k->n_linecards; i++)
		if (k->linecards[i] == ifindex)
			return 0;
	if (k->n_linecards == KERN_LINECARDS_MAX)
		return -ENOSPC;
	k->linecards[k->n_linecards++] = ifindex;
	return 0;
}

bool
kern_adjacent(struct kern *k, struct in_addr addr, unsigned *ifindex_r)
{
	struct kern_if kif;
	uint32_t mask;
	size_t i, j;

	for (i = 0; i < k->n_linecards; i++) {
		if (kern_if_get(k, k->linecards[i], &kif) != 0 || !kif.up)
			continue;
		for (j = 0; j < kif.n_addrs; j++) {
			mask = kif.addrs[j].plen == 0 ? 0 :
			    htonl(~UINT32_C(0) << (32 - kif.addrs[j].plen));
			if (((addr.s_addr ^ kif.addrs[j].addr.s_addr) & mask)
			    != 0)
				continue;
			if (ifindex_r != NULL)
				*ifindex_r = kif.ifindex;
			return true;
		}
	}
	return false;
}
