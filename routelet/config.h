/*
 * The routelet's configuration: one flow's swap and policer.  Its text
 * encoding is one "key value" pair per line; docs/routelet.md lists the
 * keys.  The parser is strict, because the text crosses a trust boundary
 * (a socket or xenstore): unknown keys, duplicates, missing mandatory keys,
 * malformed or overflowing numbers and over-long lines are all rejected
 * with a message naming the line.
 */
#ifndef ROUTELET_CONFIG_H
#define ROUTELET_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/inet.h"
#include "routelet/policer.h"

#define RL_CONFIG_LINE_MAX	128	/* bytes in one line, without '\n' */
#define RL_CONFIG_TEXT_MAX	2048	/* bytes in a whole config block */
#define RL_NAME_MAX		32	/* bytes in a flow name, with the NUL */
#define RL_ERR_MAX		160	/* bytes in a parse error message */

struct rl_config {
	uint64_t generation;
	uint32_t flow_id;
	char name[RL_NAME_MAX];
	uint32_t in_label;
	uint32_t out_label;	/* 3 (implicit null) pops */
	uint8_t nexthop_mac[ETH_ALEN_];
	uint8_t source_mac[ETH_ALEN_];
	struct policer_params tspec;
};

/*
 * Parse 'len' bytes of config text at 'text' into 'cfg_r'.  Returns 0, or
 * -1 with a message naming the line in 'err' ('errlen' bytes); 'cfg_r' is
 * left untouched on failure.
 */
int rl_config_parse(const char *text, size_t len, struct rl_config *cfg_r,
    char *err, size_t errlen);
/*
 * The generation of config text that may not parse, to name it when it is
 * refused: the value of its "generation" line.  Returns 0 with it in
 * *gen_r, or -1 if there is no such line with a decimal number.
 */
int rl_config_generation(const char *text, size_t len, uint64_t *gen_r);
/*
 * Write 'cfg' as config text into 'buf' ('cap' bytes, NUL-terminated).
 * Returns the length written, or -1 if it does not fit.
 */
int rl_config_format(const struct rl_config *cfg, char *buf, size_t cap);

#endif
