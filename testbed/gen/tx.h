/*
 * The generator's sending side: frames sent in batches with sendmmsg on
 * an AF_PACKET socket that bypasses the qdisc, as fast as possible or at
 * a fixed rate, for a duration.  A batch is GEN_TX_BATCH_MAX slots built
 * once; before each send every slot is stamped with its frame's label and
 * sequence number, so the sender touches the same memory whether a run
 * cycles through one label or thousands.
 */
#ifndef QUASAR_GEN_TX_H
#define QUASAR_GEN_TX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "testbed/gen/frame.h"

#define GEN_TX_BATCH_MAX	256
#define GEN_TX_SNDBUF		(64 << 20)	/* bytes: see gen_tx_open */

struct gen_tx {
	int fd;
	struct gen_frame_spec spec;
	uint8_t *slots;		/* GEN_TX_BATCH_MAX frames of spec.size */
	struct iovec iov[GEN_TX_BATCH_MAX];
	struct mmsghdr msgs[GEN_TX_BATCH_MAX];
};

struct gen_tx_plan {
	uint64_t rate;		/* frames per second; 0: as fast as possible */
	uint64_t duration_ns;
	unsigned batch;		/* frames per sendmmsg, 1..GEN_TX_BATCH_MAX */
};

struct gen_tx_result {
	uint64_t sent;		/* frames the kernel took */
	uint64_t refused;	/* frames a send refused (ENOBUFS, EAGAIN) */
	uint64_t elapsed_ns;
};

/* Make gen_tx_close() safe on 'tx' before or after a failed open. */
void gen_tx_init(struct gen_tx *tx);

/*
 * Open a sending socket on interface 'ifname' and build the frames of
 * 'spec' (frame i carries label i % nlabels and sequence number i).
 * Returns 0, or -1 with the reason logged.
 */
int gen_tx_open(struct gen_tx *tx, const char *ifname,
    const struct gen_frame_spec *spec);

/* Send as 'plan' says; fills 'res'.  Returns 0, or -1 on a send error. */
int gen_tx_run(struct gen_tx *tx, const struct gen_tx_plan *plan,
    struct gen_tx_result *res);

/* Close the socket and free the frames. */
void gen_tx_close(struct gen_tx *tx);

#endif
