/*
 * The routelet's one interface: an AF_PACKET socket with a TPACKET_V3
 * receive ring (block-based; the kernel retires a block when it is full or
 * after a timeout) and a transmit ring.  Frames are swapped in place in the
 * receive ring and copied into transmit slots, each behind a virtio_net_hdr
 * that makes the kernel copy the whole frame into its buffer; one send()
 * hands the kernel every slot queued (docs/routelet.md, "I/O").
 */
#ifndef ROUTELET_RING_H
#define ROUTELET_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <net/if.h>

#include "routelet/forward.h"

/*
 * 64 blocks of 16 KiB: 1 MiB of ring, which keeps the idle RSS under 4 MB.
 * The kernel retires a block after RING_BLOCK_TIMEOUT_MS even if it holds
 * one frame, so at low rates the ring covers blocks x timeout = 64 ms of
 * the routelet not being scheduled; at high rates ~8000 small frames
 * (docs/routelet.md).
 */
#define RING_BLOCK_SIZE		(16u * 1024)
#define RING_BLOCK_NR		64u
#define RING_FRAME_SIZE		2048u
#define RING_BLOCK_TIMEOUT_MS	1u
/*
 * The transmit ring: 8 blocks of 16 KiB, 64 slots of RING_FRAME_SIZE, all
 * handed to the kernel by one send() when they are full and at the end of
 * each pass.  A slot holds its tpacket3_hdr, the virtio_net_hdr and the
 * frame; a longer frame is sent on its own from a second socket.
 */
#define RING_TX_BLOCK_NR	8u
#define RING_TX_SLOTS		(RING_BLOCK_SIZE / RING_FRAME_SIZE * \
				 RING_TX_BLOCK_NR)

struct ring {
	int fd;
	int long_fd;		/* no ring: frames longer than a slot */
	int ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t *map;
	size_t map_len;
	unsigned cur_block;
	uint8_t *tx_map;	/* the transmit ring, after the receive ring */
	unsigned tx_head;	/* the slot the kernel sends next */
	unsigned ntx;		/* slots queued from tx_head on */
};

/* Start closed, so that ring_close is safe before ring_open. */
void ring_init(struct ring *r);
/*
 * Open the rings on interface 'ifname': socket, PACKET_VNET_HDR, TPACKET_V3
 * receive and transmit rings, bind, and PACKET_QDISC_BYPASS; and the
 * second socket, bound to send only.  Returns 0 or -1 (logged).
 */
int ring_open(struct ring *r, const char *ifname);
/*
 * Run every frame of the blocks the kernel has handed over (one lap of the
 * ring at most, so that a saturated routelet still serves its channel and
 * signals between laps) through 'fwd' and send what it keeps (every frame
 * queued is sent before it returns).  'now' is the monotonic time in ns;
 * each frame is policed at its arrival time (the kernel's stamp), never
 * later than 'now'.  Returns the frames seen.
 */
unsigned ring_process(struct ring *r, struct rl_fwd *fwd, uint64_t now);
/*
 * Take the socket's pending error (ENETDOWN when the link went down) and
 * log it.  Returns false if the interface itself is gone.
 */
bool ring_check_error(struct ring *r);
/* Add the frames the kernel dropped for want of ring space to 'fwd'. */
void ring_count_drops(struct ring *r, struct rl_fwd *fwd);
void ring_close(struct ring *r);

#endif
