#include "testbed/gen/tx.h"

#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"

#define NS_PER_S	1000000000ull
#define PACE_SLICE_NS	1000000ull	/* paced batches cover at most 1 ms */

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

void
gen_tx_init(struct gen_tx *tx)
{
	memset(tx, 0, sizeof(*tx));
	tx->fd = -1;
}

static int
build_slots(struct gen_tx *tx, const struct gen_frame_spec *spec)
{
	unsigned i;
	uint8_t *slot;

	tx->spec = *spec;
	if ((tx->slots = calloc(GEN_TX_BATCH_MAX, spec->size)) == NULL) {
		log_warn("frames");
		return -1;
	}
	for (i = 0; i < GEN_TX_BATCH_MAX; i++) {
		slot = tx->slots + (size_t)i * spec->size;
		if (gen_frame_build(spec, 0, slot, spec->size) < 0) {
			log_warnx("cannot build a frame of %zu bytes",
			    spec->size);
			return -1;
		}
		tx->iov[i].iov_base = slot;
		tx->iov[i].iov_len = spec->size;
		tx->msgs[i].msg_hdr.msg_iov = &tx->iov[i];
		tx->msgs[i].msg_hdr.msg_iovlen = 1;
	}
	return 0;
}

int
gen_tx_open(struct gen_tx *tx, const char *ifname,
    const struct gen_frame_spec *spec)
{
	struct sockaddr_ll sll;
	int one = 1, sndbuf = GEN_TX_SNDBUF, rc = -1;

	gen_tx_init(tx);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	if ((sll.sll_ifindex = (int)if_nametoindex(ifname)) == 0) {
		log_warn("interface %s", ifname);
		goto out;
	}
	/* Protocol 0: bound for sending only, nothing is received. */
	if ((tx->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) < 0) {
		log_warn("packet socket");
		goto out;
	}
	if (setsockopt(tx->fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
	    sizeof(one)) < 0) {
		log_warn("PACKET_QDISC_BYPASS");
		goto out;
	}
	/*
	 * A frame stays charged to this socket while it crosses veths and
	 * waits in a router's queue downstream, so a small send buffer would
	 * let that queue slow the generator down: a real link does not push
	 * back.  With room for far more than any queue holds, a full queue
	 * drops instead, as on a wire.
	 */
	if (setsockopt(tx->fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf,
	    sizeof(sndbuf)) < 0)
		log_warn("SO_SNDBUFFORCE (a downstream queue may slow us)");
	if (bind(tx->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		log_warn("bind to %s", ifname);
		goto out;
	}
	if (build_slots(tx, spec) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		gen_tx_close(tx);
	return rc;
}

/* Frames per batch: the plan's, or fewer so that a paced batch is short. */
static unsigned
batch_size(const struct gen_tx_plan *plan)
{
	uint64_t per_slice;

	if (plan->rate == 0)
		return plan->batch;
	per_slice = plan->rate * PACE_SLICE_NS / NS_PER_S;
	if (per_slice < 1)
		return 1;
	return per_slice < plan->batch ? (unsigned)per_slice : plan->batch;
}

/* Sleep until frame 'k' is due at 'rate' frames per second from 'start'. */
static void
pace(uint64_t start, uint64_t k, uint64_t rate)
{
	struct timespec ts;
	uint64_t due;

	due = start + k / rate * NS_PER_S + k % rate * NS_PER_S / rate;
	if (now_ns() >= due)
		return;
	ts.tv_sec = (time_t)(due / NS_PER_S);
	ts.tv_nsec = (long)(due % NS_PER_S);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

int
gen_tx_run(struct gen_tx *tx, const struct gen_tx_plan *plan,
    struct gen_tx_result *res)
{
	uint64_t start, now, k = 0;
	unsigned batch, i;
	int r, rc = -1;

	memset(res, 0, sizeof(*res));
	if (plan->batch < 1 || plan->batch > GEN_TX_BATCH_MAX) {
		log_warnx("batch %u out of 1..%d", plan->batch,
		    GEN_TX_BATCH_MAX);
		return -1;
	}
	batch = batch_size(plan);
	start = now = now_ns();
	while (now - start < plan->duration_ns) {
		if (plan->rate != 0)
			pace(start, res->sent + res->refused, plan->rate);
		for (i = 0; i < batch; i++)
			gen_frame_stamp(&tx->spec, (uint32_t)(k + i),
			    tx->slots + (size_t)i * tx->spec.size,
			    tx->spec.size);
		r = sendmmsg(tx->fd, tx->msgs, batch, 0);
		if (r < 0) {
			if (errno != ENOBUFS && errno != EAGAIN &&
			    errno != EINTR) {
				log_warn("sendmmsg");
				goto out;
			}
			/* The first frame was refused; go on after it. */
			res->refused++;
			k++;
		} else {
			res->sent += (uint64_t)r;
			k += (uint64_t)r;
		}
		now = now_ns();
	}
	rc = 0;
out:
	res->elapsed_ns = now_ns() - start;
	return rc;
}

void
gen_tx_close(struct gen_tx *tx)
{
	if (tx->fd >= 0)
		close(tx->fd);
	free(tx->slots);
	gen_tx_init(tx);
}
