/*
 * ctl-fake-quasard: the control socket of quasard (dom0/ctl.c) with canned
 * replies in the shapes of docs/ctl-protocol.md, for testing quasarctl
 * without a router (tests/integration/ctl_cli.sh).
 *
 *   ctl-fake-quasard SOCKET       serve until SIGTERM or SIGINT
 *
 * It also answers "debug echo" (returns its args; a command quasarctl has
 * no table entry for) and "session show" for tunnel 7 only.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "dom0/ctl.h"
#include "lib/log.h"

struct canned {
	const char	*name;
	const char	*reply;
};

static struct canned canned[] = {
	{ "session list",
	  "[{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,"
	  "\"ext_tunnel_id\":\"10.0.1.2\",\"name\":\"video-a\",\"lsps\":1,"
	  "\"lsps_up\":1,\"age\":125.5},"
	  "{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":12,"
	  "\"ext_tunnel_id\":\"10.0.1.2\",\"name\":\"bulk\",\"lsps\":2,"
	  "\"lsps_up\":0,\"age\":3.2}]" },
	{ "lsp list",
	  "[{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,"
	  "\"ext_tunnel_id\":\"10.0.1.2\",\"lsp_id\":1,\"sender\":\"10.0.1.2\","
	  "\"name\":\"video-a\",\"setup_prio\":7,\"hold_prio\":0,"
	  "\"phop\":\"10.0.1.2\",\"in_ifindex\":1,\"state\":\"up\","
	  "\"age\":125.5,\"in_label\":1001,\"out_label\":3,"
	  "\"nhop\":\"10.0.12.2\",\"out_ifindex\":1,\"egress\":false,"
	  "\"style\":\"SE\",\"rro\":[]}]" },
	{ "label list",
	  "{\"labels\":[{\"label\":1001,\"owner\":\"rsvp-te\","
	  "\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,\"lsp_id\":1,"
	  "\"state\":\"up\",\"action\":\"pop\",\"out_label\":3,"
	  "\"out_ifindex\":1}],\"used\":1,\"held\":2}" },
	{ "neighbor list",
	  "{\"interval_ms\":1000,\"dead_ms\":3500,\"neighbors\":["
	  "{\"address\":\"10.0.12.2\",\"ifindex\":1,\"state\":\"up\","
	  "\"src_instance\":305419896,\"dst_instance\":2882400001,"
	  "\"last_seen_ms\":420,\"up_ms\":60000,\"restarts\":1,"
	  "\"losses\":0}],\"counters\":{\"tx_request\":60}}" },
	{ "stats",
	  "{\"rx\":{\"Path\":12,\"Resv\":10},\"tx\":{\"Path\":10,"
	  "\"Resv\":12},\"drops\":{\"ttl_mismatch\":3,\"unknown_session\":0},"
	  "\"decode\":{\"checksum\":1},\"sessions\":2,\"lsps\":3}" },
};

static int
h_canned(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	const struct canned *c = arg;
	json_error_t jerr;

	(void)args;
	*reply_r = json_loads(c->reply, 0, &jerr);
	if (*reply_r == NULL) {
		snprintf(err, errlen, "canned reply: %s", jerr.text);
		return -1;
	}
	return 0;
}

static int
h_session_show(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	json_error_t jerr;

	(void)arg;
	if (json_integer_value(json_object_get(args, "tunnel_id")) != 7) {
		snprintf(err, errlen, "no such session");
		return -1;
	}
	*reply_r = json_loads("{\"endpoint\":\"10.0.2.2\",\"tunnel_id\":7,"
	    "\"ext_tunnel_id\":\"10.0.1.2\",\"name\":\"video-a\",\"lsps\":1,"
	    "\"lsps_up\":1,\"age\":125.5,\"lsp\":[{\"lsp_id\":1,"
	    "\"state\":\"up\",\"in_label\":1001,\"out_label\":3,"
	    "\"rro\":[\"10.0.12.2\",\"label 3\"],"
	    "\"path_refresh_ms\":30000}]}", 0, &jerr);
	return *reply_r != NULL ? 0 : -1;
}

static int
h_echo(void *arg, json_t *args, json_t **reply_r, char *err, size_t errlen)
{
	(void)arg;
	(void)err;
	(void)errlen;
	*reply_r = json_incref(args);
	return 0;
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopbreak(arg);
}

int
main(int argc, char **argv)
{
	struct event_base *base;
	struct event *sigterm, *sigint;
	struct ctl *ctl;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: ctl-fake-quasard SOCKET\n");
		return 2;
	}
	log_init("ctl-fake-quasard", LOG_LVL_INFO, false);
	base = event_base_new();
	if (base == NULL || ctl_create(base, argv[1], &ctl) == -1)
		return 1;
	for (i = 0; i < sizeof(canned) / sizeof(canned[0]); i++)
		if (ctl_register(ctl, canned[i].name, h_canned,
		    &canned[i]) == -1)
			return 1;
	if (ctl_register(ctl, "session show", h_session_show, NULL) == -1 ||
	    ctl_register(ctl, "debug echo", h_echo, NULL) == -1)
		return 1;
	sigterm = evsignal_new(base, SIGTERM, on_signal, base);
	sigint = evsignal_new(base, SIGINT, on_signal, base);
	if (sigterm == NULL || sigint == NULL || evsignal_add(sigterm,
	    NULL) == -1 || evsignal_add(sigint, NULL) == -1)
		return 1;
	event_base_dispatch(base);
	ctl_destroy(ctl);
	event_free(sigterm);
	event_free(sigint);
	event_base_free(base);
	return 0;
}
