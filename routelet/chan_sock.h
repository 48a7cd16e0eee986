/*
 * The UNIX socket channel of the netns backend.  The routelet listens on a
 * path (mode 0600) and serves one controller at a time: it applies each
 * config block it receives between two frames and answers ok or error, and
 * it sends its counters every second and when asked.  The routelet
 * outlives its controller, so a restarted one simply connects again.
 */
#ifndef ROUTELET_CHAN_SOCK_H
#define ROUTELET_CHAN_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/un.h>

#include "routelet/forward.h"
#include "routelet/proto.h"

struct chan_sock {
	int listen_fd;		/* -1 when only attached (tests) */
	int conn_fd;		/* the controller, or -1 */
	uint8_t in[RL_MSG_MAX];
	size_t inlen;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
};

/* Start with no listener and no controller. */
void chan_sock_init(struct chan_sock *ch);
/*
 * Listen on 'path', replacing a stale socket there (one nobody listens
 * on), with mode 0600.  Returns 0 or -1 (logged).
 */
int chan_sock_listen(struct chan_sock *ch, const char *path);
/*
 * Accept a controller on the listening socket.  One is served at a time:
 * while one is connected another is told "busy" and closed.
 */
void chan_sock_accept(struct chan_sock *ch);
/* Serve the controller on connected socket 'fd' (the channel owns it). */
void chan_sock_attach(struct chan_sock *ch, int fd);
/*
 * Read what the controller sent and handle each whole message: apply
 * configs to 'fwd' at time 'now', answer counter requests.  Drops the
 * controller on end of file, a read error or a malformed message.
 */
void chan_sock_input(struct chan_sock *ch, struct rl_fwd *fwd, uint64_t now);
/* Send the counters of 'fwd' to the controller, if there is one. */
void chan_sock_push_counters(struct chan_sock *ch, const struct rl_fwd *fwd);
/* Drop the controller, stop listening and remove the socket path. */
void chan_sock_close(struct chan_sock *ch);

#endif
