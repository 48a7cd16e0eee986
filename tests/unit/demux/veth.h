/*
 * A private network namespace with veth pairs for the end-to-end tests,
 * and AF_PACKET sockets to put frames on a link and take them off.
 */
#ifndef TEST_DEMUX_VETH_H
#define TEST_DEMUX_VETH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Move this (forked) test process into a network namespace of its own,
 * which goes with it, and create veth pairs a<->b for each pair of names
 * in 'pairs' (NULL-terminated), all up.  Fails the test on error.
 */
void veth_netns(const char *const *pairs);
uint32_t veth_ifindex(const char *name);

/*
 * A further network namespace (a host beside dom0): its fd.  The caller
 * stays where it was.  netns_sh runs a shell command inside it; netns_enter
 * and netns_leave move the caller in and back (sockets keep the namespace
 * they were made in).
 */
int netns_new(void);
void netns_sh(int nsfd, const char *cmd);
void netns_enter(int nsfd);
void netns_leave(void);

/* Run a shell command in the test's namespace; fail the test if it fails. */
void sh(const char *cmd);
/* Packets that HTB class 'classid' ("1:2") on 'dev' has sent. */
uint64_t htb_class_packets(const char *dev, const char *classid);

/*
 * A raw socket on 'name' for ethertype 'proto' (ETH_P_ALL, 3, for every
 * frame, which it sees before tc ingress; a single ethertype sees only
 * what tc ingress let up the stack).
 */
int pkt_open(const char *name, uint16_t proto);
/* Send 'len' bytes of frame on 'fd'; skb->protocol becomes 'proto'. */
void pkt_send(int fd, const char *name, const void *buf, size_t len,
    uint16_t proto);
/*
 * Wait up to 'ms' for a frame with ethertype 'type' on 'fd'; its length,
 * or 0 when none came.
 */
size_t pkt_recv(int fd, uint16_t type, void *buf, size_t cap, int ms);

#endif
