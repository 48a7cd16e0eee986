#include "routelet/counters.h"

#include <stdio.h>

const char *const rl_counter_names[RL_COUNTERS_N] = {
	"generation",
	"rx-packets", "rx-bytes",
	"tx-packets", "tx-bytes",
	"policed-packets", "policed-bytes",
	"bad-label-packets",
	"not-mpls-packets",
	"ttl-expired-packets",
	"malformed-packets",
	"send-error-packets", "send-error-bytes",
	"ring-drop-packets",
	"dropped-packets",
};

void
rl_counters_values(const struct rl_counters *c, uint64_t generation,
    uint64_t v_r[RL_COUNTERS_N])
{
	uint64_t *v = v_r;

	*v++ = generation;
	*v++ = c->rx_packets;
	*v++ = c->rx_bytes;
	*v++ = c->tx_packets;
	*v++ = c->tx_bytes;
	*v++ = c->policed_packets;
	*v++ = c->policed_bytes;
	*v++ = c->bad_label_packets;
	*v++ = c->not_mpls_packets;
	*v++ = c->ttl_expired_packets;
	*v++ = c->malformed_packets;
	*v++ = c->send_error_packets;
	*v++ = c->send_error_bytes;
	*v++ = c->ring_drop_packets;
	*v = c->policed_packets + c->bad_label_packets + c->not_mpls_packets +
	    c->ttl_expired_packets + c->malformed_packets +
	    c->send_error_packets + c->ring_drop_packets;
}

int
rl_counters_format(const struct rl_counters *c, uint64_t generation,
    char *buf, size_t cap)
{
	uint64_t v[RL_COUNTERS_N];
	size_t len = 0;
	int i, r;

	rl_counters_values(c, generation, v);
	for (i = 0; i < RL_COUNTERS_N; i++) {
		r = snprintf(buf + len, cap - len, "%s %llu\n",
		    rl_counter_names[i], (unsigned long long)v[i]);
		if (r < 0 || (size_t)r >= cap - len)
			return -1;
		len += (size_t)r;
	}
	return (int)len;
}
