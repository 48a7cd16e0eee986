/*
 * What the routelet counts, and its text encoding (one "key value" line per
 * counter), shared by the socket and xenstore channels.
 */
#ifndef ROUTELET_COUNTERS_H
#define ROUTELET_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

struct rl_counters {
	uint64_t rx_packets, rx_bytes;
	uint64_t tx_packets, tx_bytes;
	uint64_t policed_packets, policed_bytes;
	uint64_t bad_label_packets;
	uint64_t not_mpls_packets;
	uint64_t ttl_expired_packets;
	uint64_t malformed_packets;
	uint64_t send_error_packets, send_error_bytes;
	uint64_t ring_drop_packets;	/* the kernel found the ring full */
};

/* Counter names, as in the text encoding and under quasar/counters/. */
#define RL_COUNTERS_N	15
extern const char *const rl_counter_names[RL_COUNTERS_N];

/* The counters of 'c' in the order of rl_counter_names, plus generation. */
void rl_counters_values(const struct rl_counters *c, uint64_t generation,
    uint64_t v_r[RL_COUNTERS_N]);
/*
 * Write 'c' and the applied 'generation' as text into 'buf' ('cap' bytes,
 * NUL-terminated).  Returns the length, or -1 if it does not fit.
 */
int rl_counters_format(const struct rl_counters *c, uint64_t generation,
    char *buf, size_t cap);

#endif
