/*
 * Small helpers over libnl-3 shared by the egress classes and the u32
 * data plane: a route socket, libnl error codes as errno values, and the
 * link facts (index, MTU) that tc objects need.
 */
#ifndef QUASAR_DEMUX_NL_UTIL_H
#define QUASAR_DEMUX_NL_UTIL_H

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

#endif
