/*
 * quasard's state directory (docs/flowops.md): one record per QoS flow
 * (dom0/flows_rec.h), so that a restarted quasard takes its flows back
 * while their routelets, HTB classes and pinned ILM entries go on
 * forwarding.  Records are written atomically (a temporary file, fsync,
 * rename) when a flow changes, by a periodic sync and at exit.
 *
 * At start, flows_state_restore() reads the records: each flow's routelet
 * is claimed from the pool (pool_claim: the pool must have adopted with
 * conf.hold_adopted), its admission share taken again, its vif and ILM
 * entry asserted, and it waits, under a restored key, for the refresh of
 * its LSP: flows_set() asks flows_state_claim() before it builds a new
 * flow, so the refreshed Resv finds the running flow instead of admitting
 * a second one.  Restored flows no refresh claims within the timeout
 * (the LSP ended while quasard was down) are taken down.
 */
#ifndef QUASAR_DOM0_FLOWS_STATE_H
#define QUASAR_DOM0_FLOWS_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "dom0/flows.h"

struct event_base;
struct flows_state;
struct flow;

/*
 * Keys of restored flows until their refresh claims them: this bit and a
 * sequence number.  The engine's keys never have it set.
 */
#define FLOWS_STATE_KEY_RESTORED	(UINT64_C(1) << 63)

/* RFC 2205 3.7: L = (K + 0.5) * 1.5 * R with K = 3 and R = 30 s. */
#define FLOWS_STATE_TIMEOUT_MS		157500u

/*
 * Use directory 'dir' (made with mode 0700 when missing, its missing
 * parents 0755) for the records
 * of 'flows'; sync every 'sync_ms' milliseconds on 'base' (0: only when
 * flows_state_sync is called).  Returns 0 with '*st_r', or -errno with a
 * warning logged.
 */
int	flows_state_open(struct flows *flows, const char *dir,
	    struct event_base *base, unsigned sync_ms,
	    struct flows_state **st_r);

/*
 * Take back the flows of the records in the directory (see above), then
 * let the pool reset the adopted routelets nobody claimed
 * (pool_claim_done).  A record that cannot be restored (unreadable, its
 * routelet gone, its line card gone, refused by admission) is dropped
 * with what is left of it in the data plane, and logged.  Restored flows
 * not claimed within 'timeout_ms' are taken down.  Returns the number of
 * flows restored, or -errno when the directory cannot be read (the
 * adopted routelets are then all reset, as by pool_claim_done).
 */
int	flows_state_restore(struct flows_state *st, unsigned timeout_ms);

/*
 * Write the record of every flow that changed since the last sync and
 * remove those of flows that are gone.  Returns 0, or the first -errno
 * (the others are still tried).
 */
int	flows_state_sync(struct flows_state *st);

/*
 * Remove every record in the directory, also those of an earlier quasard
 * (one that tears its flows down has nothing for a later one to take
 * back).  Returns 0 or the first -errno.
 */
int	flows_state_clear(struct flows_state *st);

/*
 * Free 'flows' leaving every flow running: no ILM entry, vif, class or
 * routelet is touched (quasard exiting with "on-exit keep", after a last
 * flows_state_sync; pool_free(keep) and dp_close(DP_CLOSE_KEEP) follow).
 * NULL: no-op.
 */
void	flows_state_forget(struct flows *flows);

/*
 * Call cb(arg, in_label) for the in label of each restored flow not yet
 * claimed (for the label allocator to keep them: labels_reserve).
 */
void	flows_state_labels(const struct flows *flows,
	    void (*cb)(void *arg, uint32_t label), void *arg);

/* Stop the periodic sync and free 'st' (records stay).  NULL: no-op. */
void	flows_state_close(struct flows_state *st);

/*
 * For flows_set() with a key it does not know: the restored flow of the
 * same LSP as 'req' (SESSION and SENDER_TEMPLATE), re-keyed to req->key,
 * its in label moved to req->in_label when the engine chose another
 * (ILM entry for the new label, routelet reconfigured, old entry
 * removed).  NULL when there is none, or when the move failed (the
 * restored flow is then taken down and flows_set builds a new one).
 */
struct flow *flows_state_claim(struct flows *flows,
	    const struct flow_req *req);

/*
 * The in label a restored flow of the LSP 's' still forwards with, for an
 * engine that wants to hand out the same label again (labels_reserve):
 * 0 with '*label_r', or -ENOENT.
 */
int	flows_state_label(const struct flows *flows,
	    const struct flow_session *s, uint32_t *label_r);

#endif
