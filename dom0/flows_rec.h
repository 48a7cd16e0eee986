/*
 * One flow's record in quasard's state directory (docs/flowops.md): what
 * a restarted quasard needs to take the flow back while it still
 * forwards (its LSP, labels, routelet, vif, HTB class, routelet config
 * generation and the admission inputs).  Text, one "key value" line per
 * field, after a version line; bytes in, struct out, no I/O.
 */
#ifndef QUASAR_DOM0_FLOWS_REC_H
#define QUASAR_DOM0_FLOWS_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dom0/flows.h"
#include "flowspec/intserv.h"

#define FLOWS_REC_VERSION	1
#define FLOWS_REC_TEXT_MAX	1024

struct flows_rec {
	struct flow_session	session;
	char			name[FLOW_NAME_MAX];
	uint8_t			setup_prio;
	uint8_t			hold_prio;
	uint32_t		in_label;
	uint32_t		out_label;
	unsigned		out_ifindex;
	uint8_t			nexthop_mac[6];
	uint8_t			source_mac[6];
	unsigned		rl_id;		/* the pool's routelet id */
	unsigned		vif_ifindex;	/* its dom0 end */
	uint32_t		classid;	/* HTB class on out_ifindex */
	uint64_t		generation;	/* of the config it runs */
	struct is_flowspec	fs;		/* admission inputs */
	bool			has_sender;
	struct is_tspec		sender;
};

/*
 * Write 'r' as text into 'buf' ('cap' bytes, NUL-ended).  Returns the
 * length, or -1 if it does not fit or a body cannot be encoded.
 */
int	flows_rec_format(const struct flows_rec *r, char *buf, size_t cap);

/*
 * Read the record in 'text' ('len' bytes) into '*r'.  Every field must
 * be there once, with nothing unknown and the version this build
 * writes.  Returns 0, or -1 with the reason (and line) in 'err'.
 */
int	flows_rec_parse(const char *text, size_t len, struct flows_rec *r,
	    char *err, size_t errlen);

/* Do 'a' and 'b' name the same LSP (SESSION and SENDER_TEMPLATE)? */
bool	flows_rec_same_lsp(const struct flow_session *a,
	    const struct flow_session *b);

#endif
