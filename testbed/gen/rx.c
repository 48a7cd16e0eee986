#include "testbed/gen/rx.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/log.h"

void
gen_rx_init(struct gen_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
	rx->fd = -1;
	rx->map = MAP_FAILED;
}

/*
 * A classic BPF filter that cuts frames to GEN_RX_SNAPLEN and, with
 * 'only', accepts only MPLS frames whose top label is in [first, last]:
 * the kernel then counts just those (PACKET_STATISTICS), so that one
 * socket per flow counts the flows of one link apart.
 */
static int
set_filter(int fd, const struct gen_rx_labels *only)
{
	struct sock_filter all[] = {
		BPF_STMT(BPF_RET | BPF_K, GEN_RX_SNAPLEN),
	};
	struct sock_filter range[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_MPLS_UC, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 14),
		BPF_STMT(BPF_ALU | BPF_RSH | BPF_K, 12),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, only ? only->first : 0,
		    0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, only ? only->last : 0,
		    1, 0),
		BPF_STMT(BPF_RET | BPF_K, GEN_RX_SNAPLEN),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog;

	if (only == NULL) {
		prog.len = sizeof(all) / sizeof(all[0]);
		prog.filter = all;
	} else {
		prog.len = sizeof(range) / sizeof(range[0]);
		prog.filter = range;
	}
	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog));
}

int
gen_rx_open(struct gen_rx *rx, const char *ifname,
    const struct gen_rx_labels *only)
{
	struct tpacket_req3 req;
	struct sockaddr_ll sll;
	int version = TPACKET_V3, rc = -1;

	gen_rx_init(rx);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	if ((sll.sll_ifindex = (int)if_nametoindex(ifname)) == 0) {
		log_warn("interface %s", ifname);
		goto out;
	}
	/* Protocol 0 until bound, so no other interface's frames get in. */
	if ((rx->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("packet socket");
		goto out;
	}
	if (setsockopt(rx->fd, SOL_PACKET, PACKET_VERSION, &version,
	    sizeof(version)) < 0) {
		log_warn("PACKET_VERSION");
		goto out;
	}
	if (set_filter(rx->fd, only) < 0) {
		log_warn("SO_ATTACH_FILTER");
		goto out;
	}
	memset(&req, 0, sizeof(req));
	req.tp_block_size = GEN_RX_BLOCK_SIZE;
	req.tp_block_nr = GEN_RX_BLOCK_NR;
	req.tp_frame_size = 2048;
	req.tp_frame_nr = GEN_RX_BLOCK_SIZE / 2048 * GEN_RX_BLOCK_NR;
	req.tp_retire_blk_tov = GEN_RX_BLOCK_TOV_MS;
	if (setsockopt(rx->fd, SOL_PACKET, PACKET_RX_RING, &req,
	    sizeof(req)) < 0) {
		log_warn("PACKET_RX_RING");
		goto out;
	}
	rx->map_len = (size_t)GEN_RX_BLOCK_SIZE * GEN_RX_BLOCK_NR;
	rx->map = mmap(NULL, rx->map_len, PROT_READ | PROT_WRITE, MAP_SHARED,
	    rx->fd, 0);
	if (rx->map == MAP_FAILED) {
		log_warn("mmap ring");
		goto out;
	}
	if (bind(rx->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		log_warn("bind to %s", ifname);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		gen_rx_close(rx);
	return rc;
}

/*
 * The ring's headers are the kernel's ABI in our own mapping (not packet
 * bytes), so they are read in place; each frame's offsets are checked
 * against the block before use.
 */
static int
walk_block(struct tpacket_block_desc *bd, gen_rx_fn fn, void *arg)
{
	const uint8_t *block = (const uint8_t *)bd;
	const struct tpacket3_hdr *h;
	uint32_t i, n = bd->hdr.bh1.num_pkts;
	size_t off = bd->hdr.bh1.offset_to_first_pkt;

	for (i = 0; i < n; i++) {
		if (off + sizeof(*h) > GEN_RX_BLOCK_SIZE)
			break;
		h = (const struct tpacket3_hdr *)(const void *)(block + off);
		if (h->tp_mac + (size_t)h->tp_snaplen <= GEN_RX_BLOCK_SIZE - off)
			fn(arg, block + off + h->tp_mac, h->tp_snaplen,
			    h->tp_len, (uint64_t)h->tp_sec * 1000000000ull +
			    h->tp_nsec);
		if (h->tp_next_offset == 0)
			break;
		off += h->tp_next_offset;
	}
	return (int)i;
}

int
gen_rx_poll(struct gen_rx *rx, int timeout_ms, gen_rx_fn fn, void *arg)
{
	struct tpacket_block_desc *bd;
	struct pollfd pfd = { .fd = rx->fd, .events = POLLIN | POLLERR };
	int n = 0;

	bd = (struct tpacket_block_desc *)(void *)(rx->map +
	    (size_t)rx->next * GEN_RX_BLOCK_SIZE);
	if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) &
	    TP_STATUS_USER)) {
		if (poll(&pfd, 1, timeout_ms) < 0 && errno != EINTR) {
			log_warn("poll");
			return -1;
		}
	}
	while (__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) &
	    TP_STATUS_USER) {
		n += walk_block(bd, fn, arg);
		__atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL,
		    __ATOMIC_RELEASE);
		rx->next = (rx->next + 1) % GEN_RX_BLOCK_NR;
		bd = (struct tpacket_block_desc *)(void *)(rx->map +
		    (size_t)rx->next * GEN_RX_BLOCK_SIZE);
	}
	return n;
}

int
gen_rx_stats(struct gen_rx *rx, uint64_t *frames_r, uint64_t *drops_r)
{
	struct tpacket_stats_v3 st;
	socklen_t len = sizeof(st);

	if (getsockopt(rx->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) < 0) {
		log_warn("PACKET_STATISTICS");
		return -1;
	}
	/* tp_packets already includes tp_drops. */
	*frames_r = st.tp_packets;
	*drops_r = st.tp_drops;
	return 0;
}

void
gen_rx_close(struct gen_rx *rx)
{
	if (rx->map != MAP_FAILED)
		munmap(rx->map, rx->map_len);
	if (rx->fd >= 0)
		close(rx->fd);
	gen_rx_init(rx);
}
