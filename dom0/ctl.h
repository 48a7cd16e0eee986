/*
 * The control socket of quasard: a UNIX stream socket (mode 0600) on the
 * daemon's event_base, many clients at once, one JSON request per line and
 * one JSON reply per line (lib/ctl_proto.h, docs/ctl-protocol.md).
 *
 * Modules register their commands by full name ("session list",
 * "neighbor list", "stats"); quasarctl matches prefixes on its side, the
 * server only exact names.  The server answers "help" itself with the list
 * of registered commands.  A handler runs on the event loop, so it must not
 * block.
 */
#ifndef QUASAR_DOM0_CTL_H
#define QUASAR_DOM0_CTL_H

#include <stddef.h>

#include <jansson.h>

struct event_base;
struct ctl;

/*
 * A command handler.  'args' is the request's "args" object (never NULL:
 * an empty object when the client sent none); the handler must not keep
 * it.  On success it returns 0 and sets '*reply_r' to a new reference (the
 * server takes it over; NULL answers JSON null).  On failure it returns -1
 * and writes a one-line message for the operator into 'err' (of 'errlen'
 * bytes), which quasarctl prints as it is; '*reply_r' is then ignored.
 */
typedef int (*ctl_handler)(void *arg, json_t *args, json_t **reply_r,
    char *err, size_t errlen);

/*
 * Listen on the UNIX socket 'path' with mode 0600, serving clients on
 * 'base'.  A stale socket (nobody accepts on it) is removed first; a live
 * one (another quasard answers) is refused with EADDRINUSE, anything else
 * at 'path' with EEXIST; a missing parent directory is made (0755).  The
 * process ignores SIGPIPE from then on (a client that leaves before its
 * reply must not kill the daemon).  Returns 0 and '*ctl_r', or -1 with
 * errno set and a warning logged.
 */
int ctl_create(struct event_base *base, const char *path, struct ctl **ctl_r);

/*
 * Like ctl_create(), on a socket that is already listening ('fd', for
 * tests and socket activation).  The server owns 'fd'; it unlinks no path.
 */
int ctl_create_fd(struct event_base *base, int fd, struct ctl **ctl_r);

/*
 * Serve one already connected stream socket (a socketpair end, for
 * tests).  The server owns 'fd' and closes it when the client goes, or at
 * once when it cannot take it (-1; EMFILE past 128 clients).
 */
int ctl_attach(struct ctl *ctl, int fd);

/*
 * Register 'handler' with 'arg' under the full command name 'name' (words
 * separated by single spaces, e.g. "session show": lower-case letters,
 * digits, '-' and '_').  Returns 0, or -1 with errno EEXIST when the name
 * is taken, EINVAL when it is malformed or "help", ENOMEM.
 */
int ctl_register(struct ctl *ctl, const char *name, ctl_handler handler,
    void *arg);

/* Remove the command 'name'; returns 0, or -1 (ENOENT) when not there. */
int ctl_unregister(struct ctl *ctl, const char *name);

/* Clients connected now. */
unsigned ctl_nclients(const struct ctl *ctl);

/*
 * Close every client and the listening socket, unlink the socket path
 * (ctl_create() only) and free 'ctl'.  NULL is a no-op.
 */
void ctl_destroy(struct ctl *ctl);

#endif
