/*
 * Whether a routelet's vif is one end of a veth pair whose other end is
 * in another network namespace (the netns backend's link): then the line
 * card can hand a frame straight to that end's ingress (bpf_redirect_peer)
 * instead of transmitting it on the vif and queueing it again.
 */
#ifndef QUASAR_DEMUX_VETH_PEER_H
#define QUASAR_DEMUX_VETH_PEER_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Set '*yes_r' if interface 'ifindex' (of the caller's namespace) is a
 * veth whose peer is in another namespace (an interface that does not
 * exist is not one).  Returns 0, or a negative
 * errno with the reason logged (and '*yes_r' false).
 */
int dp_veth_peer_elsewhere(uint32_t ifindex, bool *yes_r);

#endif
