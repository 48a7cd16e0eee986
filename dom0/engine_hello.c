/*
 * Hello's verdicts on a neighbour (dom0/hello.h) applied to the engine's
 * state: a restart or a loss means the neighbour's state is gone, so ours
 * learned from it goes too (RFC 3209 5.3).
 */
#include "dom0/engine.h"

void
engine_hello_event(void *engine, struct in_addr nbr, unsigned ifindex,
    enum hello_event ev)
{
	(void)ifindex;
	if (ev == HELLO_EV_RESTART || ev == HELLO_EV_LOST)
		engine_neighbor_down(engine, nbr);
}
