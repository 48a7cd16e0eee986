/*
 * The counter's receiving side: an AF_PACKET TPACKET_V3 ring on one
 * interface.  The kernel counts every frame it hands to the socket
 * (PACKET_STATISTICS, including those the ring had no room for); the
 * ring itself carries only the first GEN_RX_SNAPLEN bytes of each, enough
 * to check the headers.
 */
#ifndef QUASAR_GEN_RX_H
#define QUASAR_GEN_RX_H

#include <stddef.h>
#include <stdint.h>

#define GEN_RX_SNAPLEN		128
/*
 * At low rates a block retires on its timeout with few frames in it, so
 * the ring covers BLOCK_NR x TOV of the reader not being scheduled: 128
 * blocks of 2 ms are 256 ms (16 covered only 32 ms, and quasar-sink -i
 * lost 3% of a 4 Mbit/s flow on a busy 2-core box); 32 MiB mapped.
 */
#define GEN_RX_BLOCK_SIZE	(1u << 18)
#define GEN_RX_BLOCK_NR		128
#define GEN_RX_BLOCK_TOV_MS	2

struct gen_rx {
	int fd;
	uint8_t *map;
	size_t map_len;
	unsigned next;		/* the block to look at next */
};

/*
 * Called for each frame: its first 'caplen' bytes of 'len', and when the
 * kernel received it ('ts_ns', CLOCK_REALTIME).
 */
typedef void (*gen_rx_fn)(void *arg, const uint8_t *frame, size_t caplen,
    size_t len, uint64_t ts_ns);

/* Make gen_rx_close() safe on 'rx' before or after a failed open. */
void gen_rx_init(struct gen_rx *rx);

/* A range of top labels, both ends included. */
struct gen_rx_labels {
	uint32_t first;
	uint32_t last;
};

/*
 * Open a ring that receives every frame arriving at interface 'ifname'
 * (none that it sends), or with 'only' just the MPLS frames whose top
 * label it names.  Returns 0, or -1 with the reason logged.
 */
int gen_rx_open(struct gen_rx *rx, const char *ifname,
    const struct gen_rx_labels *only);

/*
 * Wait up to 'timeout_ms' for a filled block, then hand every frame of the
 * filled blocks to 'fn' and give the blocks back.  Returns the number of
 * frames, or -1 on a poll error.
 */
int gen_rx_poll(struct gen_rx *rx, int timeout_ms, gen_rx_fn fn, void *arg);

/*
 * The frames the kernel gave the socket since the last call (or the
 * open), and of those the ones the ring had no room for.  Reading resets
 * both.  Returns 0 or -1.
 */
int gen_rx_stats(struct gen_rx *rx, uint64_t *frames_r, uint64_t *drops_r);

/* Unmap the ring and close the socket. */
void gen_rx_close(struct gen_rx *rx);

#endif
