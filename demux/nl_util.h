/*
 * Small helpers over libnl-3 shared by the egress classes and the u32
 * data plane: a route socket, libnl error codes as errno values, and the
 * link facts (index, MTU) that tc objects need.
 */
#ifndef QUASAR_DEMUX_NL_UTIL_H
#define QUASAR_DEMUX_NL_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <netlink/netlink.h>

/* Open a NETLINK_ROUTE socket in '*sk_r'; 0 or a negative errno. */
int nlu_open(struct nl_sock **sk_r);

/* The negative errno that stands for libnl error 'nlerr' (< 0). */
int nlu_errno(int nlerr);

/*
 * Look up interface 'ifname' (or, when it is NULL, 'ifindex') and fill
 * '*ifindex_r', '*mtu_r' and 'name_r' (IFNAMSIZ bytes) with what the
 * kernel reports; any output may be NULL.  Returns 0 or a negative libnl
 * error code.
 */
int nlu_link(struct nl_sock *sk, const char *ifname, uint32_t ifindex,
    uint32_t *ifindex_r, uint32_t *mtu_r, char *name_r);

/*
 * Which tc filter, as "tc filter get" names it.  libnl-3.7 parses filters
 * but not the statistics of their actions, so nlu_filter_stats asks the
 * kernel for the filter (RTM_GETTFILTER with its handle) and decodes the
 * reply itself.
 */
struct nlu_filter_id {
	uint32_t ifindex;
	uint32_t parent;	/* e.g. TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS) */
	uint16_t prio;
	uint16_t protocol;	/* ETH_P_*, host order */
	uint32_t handle;
	const char *kind;	/* "u32" */
};

/*
 * Read the basic counters (packets, bytes) of the first action of filter
 * 'id' into '*packets_r' and '*bytes_r'.  Returns 0 or a negative libnl
 * error code (-NLE_OBJ_NOTFOUND when the filter is not there).
 */
int nlu_filter_stats(struct nl_sock *sk, const struct nlu_filter_id *id,
    uint64_t *packets_r, uint64_t *bytes_r);

/*
 * Decode one RTM_NEWTFILTER message of 'len' bytes at 'buf' (starting at
 * its struct nlmsghdr) as above.  Returns 0, or -NLE_MSG_TOOSHORT or
 * -NLE_NOATTR when the message is short or carries no action statistics.
 */
int nlu_filter_stats_decode(const void *buf, size_t len, uint64_t *packets_r,
    uint64_t *bytes_r);

#endif
