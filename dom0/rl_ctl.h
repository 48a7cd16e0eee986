/*
 * The controller's side of a routelet's UNIX socket channel
 * (docs/routelet.md, framing in routelet/proto.h): connect, send a config
 * and wait for its OK or ERROR, ask for the counters.  Calls block for at
 * most the timeout they are given; they are meant for a routelet that
 * answers at once (it runs next to us), on the event loop.  COUNTERS the
 * routelet sends unasked (every second) are kept as the latest ones while
 * waiting for something else.
 */
#ifndef QUASAR_DOM0_RL_CTL_H
#define QUASAR_DOM0_RL_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "routelet/proto.h"

struct rl_ctl;

#define RL_CTL_ERR_MAX	RL_MSG_PAYLOAD_MAX

/*
 * Connect to the routelet listening at 'path', retrying (the routelet may
 * still be starting) for up to 'timeout_ms'.  Returns 0 with '*ctl_r', or
 * -errno (-ETIMEDOUT when it never accepted).
 */
int	rl_ctl_connect(const char *path, int timeout_ms, struct rl_ctl **ctl_r);

/* Take over connected stream socket 'fd' (closed by rl_ctl_close). */
int	rl_ctl_open_fd(int fd, struct rl_ctl **ctl_r);

/* Close the connection and free 'ctl' (NULL is fine). */
void	rl_ctl_close(struct rl_ctl *ctl);

/* Its socket, to poll for unasked counters (then call rl_ctl_drain). */
int	rl_ctl_fd(const struct rl_ctl *ctl);

/*
 * Send config text ('len' bytes, 1 to RL_MSG_PAYLOAD_MAX) and wait up to
 * 'timeout_ms' for the answer.  Returns 0 with the generation now in
 * force in '*gen_r' (if not NULL); -EINVAL if the routelet refused it,
 * with its reason in 'err' ('errlen' bytes, NUL-ended; may be NULL);
 * -ETIMEDOUT; -EPROTO on a malformed answer; -EPIPE when it hung up.
 */
int	rl_ctl_configure(struct rl_ctl *ctl, const char *text, size_t len,
	    int timeout_ms, uint64_t *gen_r, char *err, size_t errlen);

/*
 * Ask for the counters and wait up to 'timeout_ms' for them: the first
 * COUNTERS read after the request is sent (rl_ctl_drain first skips
 * unasked ones already waiting).  Returns 0 with the text ("name value"
 * lines) in 'buf' ('cap' bytes, NUL-ended, cut if longer), or -errno as
 * rl_ctl_configure.
 */
int	rl_ctl_counters(struct rl_ctl *ctl, int timeout_ms, char *buf,
	    size_t cap);

/*
 * Read whatever is waiting without blocking (unasked counters).  Returns
 * 0, or -EPIPE / -EPROTO when the connection is no longer usable.
 */
int	rl_ctl_drain(struct rl_ctl *ctl);

/*
 * The value of counter 'name' in counters text ('len' bytes).  Returns 0
 * with '*v_r', or -ENOENT.
 */
int	rl_ctl_counter(const char *text, size_t len, const char *name,
	    uint64_t *v_r);

#endif
