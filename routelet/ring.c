#include "routelet/ring.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"

static struct log_ratelimit rl_send_err = LOG_RATELIMIT_INIT(10, 5);

/* Where a transmit slot's virtio_net_hdr and frame start. */
#define TX_VNET_OFF	TPACKET_ALIGN(sizeof(struct tpacket3_hdr))
#define TX_FRAME_OFF	(TX_VNET_OFF + sizeof(struct virtio_net_hdr))
#define TX_FRAME_MAX	(RING_FRAME_SIZE - TX_FRAME_OFF)

void
ring_init(struct ring *r)
{
	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->long_fd = -1;
	r->map = MAP_FAILED;
}

int
ring_open(struct ring *r, const char *ifname)
{
	struct tpacket_req3 req;
	struct sockaddr_ll sll;
	int version = TPACKET_V3, one = 1, rc = -1;

	ring_init(r);
	if ((r->ifindex = (int)if_nametoindex(ifname)) == 0) {
		log_warn("interface %s", ifname);
		goto out;
	}
	snprintf(r->ifname, sizeof(r->ifname), "%s", ifname);
	/* Protocol 0 until bound, so no other interface's frames get in. */
	if ((r->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("packet socket");
		goto out;
	}
	if (setsockopt(r->fd, SOL_PACKET, PACKET_VERSION, &version,
	    sizeof(version)) < 0) {
		log_warn("PACKET_VERSION");
		goto out;
	}
	/*
	 * A virtio_net_hdr before each frame sent, whose hdr_len covers the
	 * frame, makes the kernel copy the frame into its buffer; without it
	 * a frame sent from the transmit ring becomes page fragments that a
	 * veth copies again, page allocation included.  Frames received get
	 * one too (before tp_mac), which the routelet does not read.
	 */
	if (setsockopt(r->fd, SOL_PACKET, PACKET_VNET_HDR, &one,
	    sizeof(one)) < 0) {
		log_warn("PACKET_VNET_HDR");
		goto out;
	}
	memset(&req, 0, sizeof(req));
	req.tp_block_size = RING_BLOCK_SIZE;
	req.tp_block_nr = RING_BLOCK_NR;
	req.tp_frame_size = RING_FRAME_SIZE;
	req.tp_frame_nr = RING_BLOCK_SIZE / RING_FRAME_SIZE * RING_BLOCK_NR;
	req.tp_retire_blk_tov = RING_BLOCK_TIMEOUT_MS;
	if (setsockopt(r->fd, SOL_PACKET, PACKET_RX_RING, &req,
	    sizeof(req)) < 0) {
		log_warn("PACKET_RX_RING");
		goto out;
	}
	/* The transmit ring: frames only, no block timeout (the kernel
	 * refuses one). */
	memset(&req, 0, sizeof(req));
	req.tp_block_size = RING_BLOCK_SIZE;
	req.tp_block_nr = RING_TX_BLOCK_NR;
	req.tp_frame_size = RING_FRAME_SIZE;
	req.tp_frame_nr = RING_TX_SLOTS;
	if (setsockopt(r->fd, SOL_PACKET, PACKET_TX_RING, &req,
	    sizeof(req)) < 0) {
		log_warn("PACKET_TX_RING");
		goto out;
	}
	/* One mapping: the receive ring, then the transmit ring. */
	r->map_len = (size_t)RING_BLOCK_SIZE * (RING_BLOCK_NR + RING_TX_BLOCK_NR);
	r->map = mmap(NULL, r->map_len, PROT_READ | PROT_WRITE, MAP_SHARED,
	    r->fd, 0);
	if (r->map == MAP_FAILED) {
		log_warn("mmap rings");
		goto out;
	}
	r->tx_map = r->map + (size_t)RING_BLOCK_SIZE * RING_BLOCK_NR;
	/* Our own frames must not come back in through the ring. */
	if (setsockopt(r->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
	    sizeof(one)) < 0) {
		log_warn("PACKET_IGNORE_OUTGOING");
		goto out;
	}
	/* The routelet's side has no qdisc worth passing through. */
	if (setsockopt(r->fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
	    sizeof(one)) < 0)
		log_warn("PACKET_QDISC_BYPASS (sending through the qdisc)");

	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = r->ifindex;
	if (bind(r->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		log_warn("bind %s", ifname);
		goto out;
	}
	/* For frames longer than a transmit slot: sends only (protocol 0). */
	if ((r->long_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("packet socket");
		goto out;
	}
	if (setsockopt(r->long_fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
	    sizeof(one)) < 0)
		log_warn("PACKET_QDISC_BYPASS (sending through the qdisc)");
	sll.sll_protocol = 0;
	if (bind(r->long_fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		log_warn("bind %s", ifname);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		ring_close(r);
	return rc;
}

static struct tpacket3_hdr *
tx_slot(struct ring *r, unsigned i)
{
	return (struct tpacket3_hdr *)(r->tx_map +
	    (size_t)(i % RING_TX_SLOTS) * RING_FRAME_SIZE);
}

/*
 * Hand the kernel the slots queued so far and count each one's outcome.
 * The socket blocks, so send() returns once the kernel is done with every
 * slot it took: those are available again.  It takes them in order and
 * stops at the first it cannot send (left as a send request, or marked
 * wrong format); that slot is where it will look next, so that slot and
 * those after it are counted as send errors, made available, and the
 * queue starts again there.
 */
static void
flush_tx(struct ring *r, struct rl_fwd *fwd)
{
	struct tpacket3_hdr *h;
	unsigned i, sent;

	if (r->ntx == 0)
		return;
	while (send(r->fd, NULL, 0, 0) < 0) {
		if (errno == EINTR)
			continue;
		log_debug_rl(&rl_send_err, "%s: send: %s", r->ifname,
		    strerror(errno));
		break;
	}
	for (sent = 0; sent < r->ntx; sent++) {
		h = tx_slot(r, r->tx_head + sent);
		if (__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) !=
		    TP_STATUS_AVAILABLE)
			break;
		rl_fwd_sent(fwd, h->tp_len - sizeof(struct virtio_net_hdr),
		    true);
	}
	for (i = sent; i < r->ntx; i++) {
		h = tx_slot(r, r->tx_head + i);
		rl_fwd_sent(fwd, h->tp_len - sizeof(struct virtio_net_hdr),
		    false);
		__atomic_store_n(&h->tp_status, TP_STATUS_AVAILABLE,
		    __ATOMIC_RELEASE);
	}
	r->tx_head = (r->tx_head + sent) % RING_TX_SLOTS;
	r->ntx = 0;
}

/*
 * A frame too long for a transmit slot (a flow with a jumbo max-size) goes
 * out on the second socket, after the slots queued before it (a socket
 * with a transmit ring sends only from the ring).
 */
static void
send_long(struct ring *r, struct rl_fwd *fwd, const uint8_t *frame,
    size_t len)
{
	ssize_t n;

	flush_tx(r, fwd);
	while ((n = send(r->long_fd, frame, len, 0)) < 0 && errno == EINTR)
		;
	if (n < 0)
		log_debug_rl(&rl_send_err, "%s: send: %s", r->ifname,
		    strerror(errno));
	rl_fwd_sent(fwd, len, n >= 0);
}

/* Copy a frame into the next transmit slot; send when the ring is full. */
static void
queue_tx(struct ring *r, struct rl_fwd *fwd, const uint8_t *frame,
    size_t len)
{
	struct tpacket3_hdr *h = tx_slot(r, r->tx_head + r->ntx);
	struct virtio_net_hdr *vh;

	if (len > TX_FRAME_MAX) {
		send_long(r, fwd, frame, len);
		return;
	}
	vh = (struct virtio_net_hdr *)((uint8_t *)h + TX_VNET_OFF);
	memset(vh, 0, sizeof(*vh));
	vh->hdr_len = (uint16_t)len;
	memcpy((uint8_t *)h + TX_FRAME_OFF, frame, len);
	h->tp_len = (uint32_t)(len + sizeof(*vh));
	__atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST,
	    __ATOMIC_RELEASE);
	if (++r->ntx == RING_TX_SLOTS)
		flush_tx(r, fwd);
}

/*
 * Run the frames of one block.  The block descriptor and the tpacket3
 * headers are the kernel's metadata, not packet bytes; their offsets are
 * still checked against the block before use.
 */
/*
 * When the frame in 'h' arrived, on the monotonic clock of 'now': the
 * kernel stamps each frame on the real-time clock as it is queued to the
 * ring, and 'real_to_mono' is the difference of the two clocks read for
 * this pass.  Policing by arrival time means frames that waited in the ring
 * while the routelet was not scheduled (its CPU cap, a busy host) are judged
 * by when they came, not by when they were read: a flow that keeps to its
 * TSpec is not policed for our lateness.  A missing stamp, or one from the
 * future (the real-time clock stepped), falls back to 'now'.
 */
static uint64_t
arrival(const struct tpacket3_hdr *h, int64_t real_to_mono, uint64_t now)
{
	int64_t t;

	if (h->tp_sec == 0 && h->tp_nsec == 0)
		return now;
	t = (int64_t)h->tp_sec * 1000000000ll + h->tp_nsec + real_to_mono;
	return t > 0 && (uint64_t)t <= now ? (uint64_t)t : now;
}

static unsigned
process_block(struct ring *r, struct tpacket_block_desc *bd,
    struct rl_fwd *fwd, uint64_t now, int64_t real_to_mono)
{
	struct tpacket3_hdr h;
	uint8_t *block = (uint8_t *)bd, *frame;
	uint32_t n = bd->hdr.bh1.num_pkts, i;
	size_t off = bd->hdr.bh1.offset_to_first_pkt, out_off, out_len;

	for (i = 0; i < n; i++) {
		if (off + sizeof(h) > RING_BLOCK_SIZE)
			break;
		memcpy(&h, block + off, sizeof(h));
		if (off + h.tp_mac + h.tp_snaplen > RING_BLOCK_SIZE)
			break;
		frame = block + off + h.tp_mac;
		if (h.tp_snaplen < h.tp_len)
			rl_fwd_drop_truncated(fwd, h.tp_len);
		else if (rl_forward(fwd, frame, h.tp_snaplen,
		    arrival(&h, real_to_mono, now), &out_off,
		    &out_len) == RL_SEND)
			queue_tx(r, fwd, frame + out_off, out_len);
		if (h.tp_next_offset == 0)
			break;
		off += h.tp_next_offset;
	}
	return i;
}

unsigned
ring_process(struct ring *r, struct rl_fwd *fwd, uint64_t now)
{
	struct tpacket_block_desc *bd;
	struct timespec real;
	int64_t real_to_mono;
	unsigned seen = 0, n;

	clock_gettime(CLOCK_REALTIME, &real);
	real_to_mono = (int64_t)now -
	    ((int64_t)real.tv_sec * 1000000000ll + real.tv_nsec);

	/* One lap at most: a saturated ring must not starve the signals
	 * and the control channel (poll comes back at once for the rest). */
	for (n = 0; n < RING_BLOCK_NR; n++) {
		bd = (struct tpacket_block_desc *)(r->map +
		    (size_t)r->cur_block * RING_BLOCK_SIZE);
		if ((__atomic_load_n(&bd->hdr.bh1.block_status,
		    __ATOMIC_ACQUIRE) & TP_STATUS_USER) == 0)
			break;
		seen += process_block(r, bd, fwd, now, real_to_mono);
		__atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL,
		    __ATOMIC_RELEASE);
		r->cur_block = (r->cur_block + 1) % RING_BLOCK_NR;
	}
	flush_tx(r, fwd);
	return seen;
}

bool
ring_check_error(struct ring *r)
{
	char name[IF_NAMESIZE];
	socklen_t len = sizeof(int);
	int err = 0;

	/* Reading SO_ERROR clears it, so poll stops reporting it. */
	if (getsockopt(r->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		log_warn("%s: SO_ERROR", r->ifname);
	else if (err != 0)
		log_warnx("%s: %s", r->ifname, strerror(err));
	if (if_indextoname((unsigned)r->ifindex, name) == NULL) {
		log_warnx("%s: interface gone", r->ifname);
		return false;
	}
	return true;
}

void
ring_count_drops(struct ring *r, struct rl_fwd *fwd)
{
	struct tpacket_stats_v3 st;
	socklen_t len = sizeof(st);

	/* Reading the statistics resets them, so they add up here. */
	if (getsockopt(r->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) < 0) {
		log_warn("PACKET_STATISTICS");
		return;
	}
	fwd->cnt.ring_drop_packets += st.tp_drops;
}

void
ring_close(struct ring *r)
{
	if (r->map != MAP_FAILED)
		munmap(r->map, r->map_len);
	if (r->fd >= 0)
		close(r->fd);
	if (r->long_fd >= 0)
		close(r->long_fd);
	r->map = MAP_FAILED;
	r->fd = -1;
	r->long_fd = -1;
}
