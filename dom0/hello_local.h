/*
 * Inside Hello: shared by hello.c (the protocol) and hello_ctl.c (its
 * control command).
 */
#ifndef QUASAR_DOM0_HELLO_LOCAL_H
#define QUASAR_DOM0_HELLO_LOCAL_H

#include "dom0/hello.h"
#include "rsvp/rsvp.h"

struct hello_nbr {
	struct hello_nbr_info	info;
	uint64_t		next_tx_ms;	/* next REQUEST */
	uint32_t		old_instance;	/* our Src_Instance before the
						   last change: a Hello sent
						   before it saw the change may
						   still echo it */
};

struct hello {
	struct hello_conf	conf;
	struct hello_env	env;
	struct event		*timer;		/* NULL without a base */
	uint32_t		instance;	/* last Src_Instance handed out */
	struct hello_nbr	*nbrs;		/* sorted by address */
	size_t			nnbrs;
	size_t			capnbrs;
	struct hello_stats	stats;
	struct rsvp_msg		msg;		/* scratch for sending */
};

#endif
