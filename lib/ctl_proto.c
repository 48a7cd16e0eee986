/*
 * The quasard control protocol: one JSON object per line (ctl_proto.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "lib/ctl_proto.h"

/* The compact one-line form of 'obj' with '\n' appended. */
static char *
line_dump(json_t *obj, size_t *len_r)
{
	char *s, *line = NULL;
	size_t n;

	s = json_dumps(obj, JSON_COMPACT | JSON_ENCODE_ANY);
	if (s == NULL)
		goto out;
	n = strlen(s);
	line = realloc(s, n + 2);
	if (line == NULL) {
		free(s);
		goto out;
	}
	line[n] = '\n';
	line[n + 1] = '\0';
	*len_r = n + 1;
out:
	return line;
}

int
ctl_req_parse(const char *line, size_t len, char cmd[CTL_CMD_MAX],
    json_t **args_r, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *req, *jcmd, *args;
	const char *name;
	int rc = -1;

	req = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (req == NULL) {
		snprintf(err, errlen, "request is not JSON: %s (column %d)",
		    jerr.text, jerr.column);
		goto out;
	}
	if (!json_is_object(req)) {
		snprintf(err, errlen, "request is not a JSON object");
		goto out;
	}
	jcmd = json_object_get(req, "cmd");
	if (!json_is_string(jcmd)) {
		snprintf(err, errlen, "request has no \"cmd\" string");
		goto out;
	}
	name = json_string_value(jcmd);
	if (json_string_length(jcmd) == 0 ||
	    json_string_length(jcmd) >= CTL_CMD_MAX ||
	    strlen(name) != json_string_length(jcmd)) {
		snprintf(err, errlen, "bad command name");
		goto out;
	}
	args = json_object_get(req, "args");
	if (args == NULL || json_is_null(args))
		args = json_object();
	else if (json_is_object(args))
		json_incref(args);
	else {
		snprintf(err, errlen, "\"args\" is not a JSON object");
		goto out;
	}
	if (args == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	memcpy(cmd, name, json_string_length(jcmd) + 1);
	*args_r = args;
	rc = 0;
out:
	json_decref(req);
	return rc;
}

char *
ctl_req_format(const char *cmd, json_t *args, size_t *len_r)
{
	json_t *req;
	char *line = NULL;

	if (strlen(cmd) >= CTL_CMD_MAX)
		return NULL;
	req = json_pack("{s:s}", "cmd", cmd);
	if (req == NULL)
		goto out;
	if (args != NULL && json_object_set(req, "args", args) != 0)
		goto out;
	line = line_dump(req, len_r);
out:
	json_decref(req);
	return line;
}

char *
ctl_reply_format(json_t *reply, const char *error, size_t *len_r)
{
	json_t *rep;
	char *line = NULL;

	if (error != NULL)
		rep = json_pack("{s:b, s:s}", "ok", 0, "error", error);
	else
		rep = json_pack("{s:b, s:O}", "ok", 1, "reply",
		    reply != NULL ? reply : json_null());
	if (rep == NULL)
		goto out;
	line = line_dump(rep, len_r);
out:
	json_decref(rep);
	return line;
}

int
ctl_reply_parse(const char *line, size_t len, json_t **reply_r, char *err,
    size_t errlen)
{
	json_error_t jerr;
	json_t *rep, *ok, *msg, *reply;
	int rc = -1;

	rep = json_loadb(line, len, 0, &jerr);
	if (rep == NULL) {
		snprintf(err, errlen, "reply is not JSON: %s", jerr.text);
		goto out;
	}
	ok = json_object_get(rep, "ok");
	if (!json_is_boolean(ok)) {
		snprintf(err, errlen, "reply has no \"ok\" boolean");
		goto out;
	}
	if (json_is_false(ok)) {
		msg = json_object_get(rep, "error");
		snprintf(err, errlen, "%s", json_is_string(msg) ?
		    json_string_value(msg) : "error without a message");
		rc = 1;
		goto out;
	}
	reply = json_object_get(rep, "reply");
	*reply_r = json_incref(reply != NULL ? reply : json_null());
	rc = 0;
out:
	json_decref(rep);
	return rc;
}

int
ctl_connect(const char *path)
{
	struct sockaddr_un sun;
	int fd, r;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	do
		r = connect(fd, (struct sockaddr *)&sun, sizeof(sun));
	while (r == -1 && errno == EINTR);
	if (r == -1) {
		r = errno;
		close(fd);
		errno = r;
		return -1;
	}
	return fd;
}

/* Write all 'len' bytes of 'buf' to 'fd'; 0 or -1 with errno. */
static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t r;

	while (len > 0) {
		r = send(fd, buf, len, MSG_NOSIGNAL);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		buf += r;
		len -= (size_t)r;
	}
	return 0;
}

/*
 * Read from 'fd' up to the first '\n' into a malloc'd '*line_r' of
 * '*len_r' bytes (without the '\n').  Returns 0, or -1 with 'err' filled.
 */
static int
read_line(int fd, char **line_r, size_t *len_r, char *err, size_t errlen)
{
	char *buf = NULL, *nbuf, *nl;
	size_t len = 0, cap = 0;
	ssize_t r;
	int rc = -1;

	for (;;) {
		if (cap - len < 4096) {
			cap = cap == 0 ? 8192 : cap * 2;
			nbuf = realloc(buf, cap);
			if (nbuf == NULL) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			buf = nbuf;
		}
		r = recv(fd, buf + len, cap - len, 0);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			snprintf(err, errlen, "read: %s", strerror(errno));
			goto out;
		}
		if (r == 0) {
			snprintf(err, errlen, "connection closed by quasard");
			goto out;
		}
		nl = memchr(buf + len, '\n', (size_t)r);
		len += (size_t)r;
		if (nl != NULL) {
			*len_r = (size_t)(nl - buf);
			break;
		}
		if (len > CTL_REPLY_MAX) {
			snprintf(err, errlen, "reply longer than %d bytes",
			    CTL_REPLY_MAX);
			goto out;
		}
	}
	*line_r = buf;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	return rc;
}

int
ctl_call(int fd, const char *cmd, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	char *req, *line = NULL;
	size_t len;
	int rc = -1;

	req = ctl_req_format(cmd, args, &len);
	if (req == NULL) {
		snprintf(err, errlen, "cannot format the request");
		goto out;
	}
	if (write_all(fd, req, len) == -1) {
		snprintf(err, errlen, "write: %s", strerror(errno));
		goto out;
	}
	if (read_line(fd, &line, &len, err, errlen) == -1)
		goto out;
	rc = ctl_reply_parse(line, len, reply_r, err, errlen);
out:
	free(req);
	free(line);
	return rc;
}
