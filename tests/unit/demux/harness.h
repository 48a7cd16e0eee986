/*
 * What the demux program tests share: a dp instance of their own (pins in
 * a directory named after the test process), the three programs loaded
 * again from the same pins so that BPF_PROG_TEST_RUN sees the instance's
 * maps, and frame builders on lib/writer.h.
 */
#ifndef TEST_DEMUX_HARNESS_H
#define TEST_DEMUX_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/bpf.h>

#include "lib/writer.h"
#include "demux/dp.h"

struct harness {
	struct dp *dp;
	char pin_dir[128];
	int linecard_fd;
	int vif_fd;
	int ftn_fd;
	int vif_map_fd;
	int vif_cnt_fd;
	void *skels[3];
};

extern struct harness H;

/* Check fixtures: open the instance and the programs; tear all down. */
void harness_setup(void);
void harness_teardown(void);

/*
 * Remove the pins of test instances ("dmx-<what>-<pid>") whose process
 * has gone: a test that fails stops before its teardown.
 */
void harness_sweep(void);

/*
 * Run 'prog_fd' once on 'in'.  The result frame goes to 'out' (its
 * length to *out_len), the context after the run to *ctx_out when not
 * NULL, and the program's verdict to *verdict.  Returns
 * bpf_prog_test_run_opts' result.
 */
int run_prog(int prog_fd, const void *in, size_t len, const struct __sk_buff *ctx_in,
    void *out, size_t *out_len, struct __sk_buff *ctx_out, int *verdict);

/* The instance's count for 'reason'. */
uint64_t reason_count(enum dp_reason reason);

extern const uint8_t MAC_A[6], MAC_B[6], MAC_C[6], MAC_D[6];

/* Ethernet header, with an 802.1Q tag in front of 'type' when vid != 0. */
void put_eth(struct writer *w, const uint8_t dst[6], const uint8_t src[6],
    uint16_t vid, uint16_t type);
void put_lse(struct writer *w, uint32_t label, uint8_t tc, int bottom,
    uint8_t ttl);
/* A 20-byte IPv4 header with a valid checksum, then 'payload_len' bytes. */
void put_ipv4(struct writer *w, uint8_t tos, uint8_t ttl, uint8_t proto,
    uint32_t src, uint32_t dst, size_t payload_len);
/* A UDP or TCP header start: source and destination port, then zeros. */
void put_ports(struct writer *w, uint16_t sport, uint16_t dport, size_t len);
/* The RFC 1071 checksum over 'len' bytes, as it sits in a header. */
uint16_t ip_checksum(const uint8_t *p, size_t len);

#endif
