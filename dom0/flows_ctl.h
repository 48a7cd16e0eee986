/*
 * The flows' commands on quasard's control socket (docs/ctl-protocol.md):
 * "flow list", and "routelet list" with each routelet's flow.
 */
#ifndef QUASAR_DOM0_FLOWS_CTL_H
#define QUASAR_DOM0_FLOWS_CTL_H

struct ctl;
struct flows;

/*
 * Register "flow list" on 'ctl' for 'flows', and "routelet list" of the
 * flows' pool naming the flow of each routelet (it replaces the one of
 * pool_ctl_register, called before or after).  Returns 0, or -1 with
 * errno as ctl_register and nothing registered.
 */
int	flows_ctl_register(struct ctl *ctl, struct flows *flows);

#endif
