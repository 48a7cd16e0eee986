/*
 * The quasard control protocol on the wire, shared by the server
 * (dom0/ctl.c) and its clients (quasarctl, tests): over a UNIX stream
 * socket, each request and each reply is one JSON object on one line,
 * ended by '\n' (docs/ctl-protocol.md):
 *
 *   request  {"cmd": "session show", "args": {...}}
 *   reply    {"ok": true, "reply": ...}
 *            {"ok": false, "error": "message for the operator"}
 *
 * Replies come in the order of the requests.  A request line longer than
 * CTL_REQ_MAX bytes is refused and its connection closed.
 */
#ifndef QUASAR_CTL_PROTO_H
#define QUASAR_CTL_PROTO_H

#include <stddef.h>

#include <jansson.h>

#define CTL_SOCK_DEFAULT	"/run/quasar/quasard.sock"
#define CTL_REQ_MAX		(64 * 1024)	/* bytes of a request line */
#define CTL_REPLY_MAX		(256 * 1024 * 1024) /* of a reply line */
#define CTL_CMD_MAX		64		/* bytes of a command name */

/*
 * Parse the request 'line' of 'len' bytes (without its '\n').  On success
 * returns 0, '*cmd_r' (the command name, in 'cmd' of CTL_CMD_MAX bytes) and
 * '*args_r' (a new reference to the arguments object; an empty object when
 * absent).  On failure returns -1 with a message in 'err'.
 */
int ctl_req_parse(const char *line, size_t len, char cmd[CTL_CMD_MAX],
    json_t **args_r, char *err, size_t errlen);

/*
 * The request line for 'cmd' with 'args' (NULL: none), '\n' included, in a
 * malloc'd string of '*len_r' bytes; NULL when out of memory or 'cmd' is
 * too long.
 */
char *ctl_req_format(const char *cmd, json_t *args, size_t *len_r);

/*
 * The reply line for a success carrying 'reply' (NULL: JSON null; the
 * reference is not taken) or, when 'error' is not NULL, for a failure with
 * that message.  '\n' included, malloc'd, '*len_r' bytes; NULL when out of
 * memory.
 */
char *ctl_reply_format(json_t *reply, const char *error, size_t *len_r);

/*
 * Parse the reply 'line' of 'len' bytes.  Returns 0 and '*reply_r' (a new
 * reference) for a success; 1 for the daemon's refusal, its message in
 * 'err'; -1 when the line is not a reply, with a message in 'err'.
 */
int ctl_reply_parse(const char *line, size_t len, json_t **reply_r,
    char *err, size_t errlen);

/*
 * Connect to the control socket 'path'.  Returns the socket, or -1 with
 * errno set.
 */
int ctl_connect(const char *path);

/*
 * Send the request 'cmd' with 'args' (NULL: none) on the connected socket
 * 'fd' and wait for its reply.  Returns as ctl_reply_parse(); -1 also when
 * the connection fails or closes, with the reason in 'err'.
 */
int ctl_call(int fd, const char *cmd, json_t *args, json_t **reply_r,
    char *err, size_t errlen);

#endif
