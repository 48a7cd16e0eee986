/*
 * Pushing the label a sender learnt onto its own traffic: demux's FTN
 * element (demux/dp.h, dp_ftn_*) on clsact egress of one interface of the
 * sending host.  Kept out of librsvpapi.a so that users of the host API
 * who do not push need no BPF.  host/api_push.c.
 */
#ifndef QUASAR_HOST_API_PUSH_H
#define QUASAR_HOST_API_PUSH_H

#include <stdint.h>
#include <netinet/in.h>

struct rsvp_push;

/*
 * Open a data-plane instance of our own, "qrsvp-<pid>" (BPF backend,
 * pinned under /sys/fs/bpf/quasar/), and attach the FTN program to the
 * egress of interface 'ifname'.  Returns 0 or a negative errno.
 */
int rsvp_push_open(const char *ifname, struct rsvp_push **p_r);
/*
 * ICMP, TCP, UDP and SCTP to 'dst' leaving the interface get 'label'
 * pushed, replacing the label of an earlier call; RSVP itself never does.
 * Implicit null (3) pushes nothing and removes the rules.
 */
int rsvp_push_set(struct rsvp_push *p, struct in_addr dst, uint32_t label);
/* Stop pushing onto traffic to 'dst' (no rule: 0). */
int rsvp_push_clear(struct rsvp_push *p, struct in_addr dst);
/* Detach the program, remove the pins, free 'p'.  NULL is a no-op. */
void rsvp_push_close(struct rsvp_push *p);

#endif
