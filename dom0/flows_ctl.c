/*
 * "flow list" and the flows' "routelet list" (docs/ctl-protocol.md): each
 * QoS flow with its LSP, service, reserved rate, routelet, labels, class
 * and counters (frames the demux steered to it, frames its routelet
 * delivered and policed).  Runs on quasard's loop.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "dom0/ctl.h"
#include "dom0/flows.h"
#include "dom0/flows_ctl.h"
#include "dom0/flows_state.h"
#include "dom0/pool.h"
#include "dom0/pool_ctl.h"

#define RL_COUNTERS_TEXT_MAX	1024

/* The name "flow list" gives IntServ service 'service'. */
static const char *
service_name(uint8_t service)
{
	switch (service) {
	case IS_SVC_GUARANTEED:
		return "guaranteed";
	case IS_SVC_CONTROLLED_LOAD:
		return "controlled-load";
	default:
		return "other";
	}
}

/* Counter 'key' of the routelet's counters 'c' (null if unknown). */
static json_t *
rl_counter(json_t *c, const char *key)
{
	json_t *v = json_object_get(c, key);

	return v != NULL ? json_incref(v) : json_null();
}

/* One flow of "flow list". */
static json_t *
flow_json(const struct flow_info *fi)
{
	char ep[INET_ADDRSTRLEN], ext[INET_ADDRSTRLEN], snd[INET_ADDRSTRLEN];
	char text[RL_COUNTERS_TEXT_MAX], cls[16];
	struct pool_rl_info ri;
	json_t *c = NULL, *o;

	inet_ntop(AF_INET, &fi->session.endpoint, ep, sizeof(ep));
	inet_ntop(AF_INET, &fi->session.ext_id, ext, sizeof(ext));
	inet_ntop(AF_INET, &fi->session.sender, snd, sizeof(snd));
	snprintf(cls, sizeof(cls), "%x:%x", fi->classid >> 16,
	    fi->classid & 0xffff);
	memset(&ri, 0, sizeof(ri));
	if (fi->rl != NULL) {
		pool_rl_info(fi->rl, &ri);
		if (pool_rl_counters(fi->rl, text, sizeof(text)) >= 0)
			c = pool_ctl_counters(text);
	}
	o = json_pack("{s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:f, s:I, s:I,"
	    " s:I, s:o, s:o, s:I, s:o, s:b,"
	    " s:o, s:o, s:o, s:o, s:o, s:o}",
	    "endpoint", ep,
	    "tunnel_id", (json_int_t)fi->session.tunnel_id,
	    "ext_tunnel_id", ext,
	    "sender", snd,
	    "lsp_id", (json_int_t)fi->session.lsp_id,
	    "name", fi->name,
	    "service", service_name(fi->service),
	    "rate", fi->rate,
	    "in_label", (json_int_t)fi->in_label,
	    "out_label", (json_int_t)fi->out_label,
	    "out_ifindex", (json_int_t)fi->out_ifindex,
	    "routelet", fi->rl != NULL ? json_integer((json_int_t)fi->rl_id) :
	    json_null(),
	    "interface", ri.ifname[0] != '\0' ? json_string(ri.ifname) :
	    json_null(),
	    "vif_ifindex", (json_int_t)fi->vif_ifindex,
	    "class", fi->classid != 0 ? json_string(cls) : json_null(),
	    "restored", (fi->key & FLOWS_STATE_KEY_RESTORED) != 0,
	    "steered_packets", fi->has_ilm_counters ?
	    json_integer((json_int_t)fi->ilm.packets) : json_null(),
	    "steered_bytes", fi->has_ilm_counters ?
	    json_integer((json_int_t)fi->ilm.bytes) : json_null(),
	    "delivered_packets", rl_counter(c, "tx_packets"),
	    "delivered_bytes", rl_counter(c, "tx_bytes"),
	    "policed_packets", rl_counter(c, "policed_packets"),
	    "policed_bytes", rl_counter(c, "policed_bytes"));
	json_decref(c);
	return o;
}

struct walk {
	json_t	*list;
	bool	failed;
};

/* flows_walk: one flow into the list. */
static void
flow_walk_one(void *arg, const struct flow_info *fi)
{
	struct walk *w = arg;

	if (!w->failed && json_array_append_new(w->list, flow_json(fi)) == -1)
		w->failed = true;
}

/* "flow list": every flow, oldest first. */
static int
cmd_flow_list(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	struct walk w = { NULL, false };

	(void)args;
	if ((w.list = json_array()) == NULL)
		goto nomem;
	flows_walk(arg, flow_walk_one, &w);
	if (w.failed)
		goto nomem;
	*reply_r = w.list;
	return 0;
nomem:
	json_decref(w.list);
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* Name the flow of each routelet in 'list' ("routelet list"). */
struct name_walk {
	json_t	*list;
};

/* flows_walk: name the flow of its routelet in the list. */
static void
name_one(void *arg, const struct flow_info *fi)
{
	struct name_walk *w = arg;
	char ep[INET_ADDRSTRLEN], name[96];
	json_t *rl;
	size_t i;

	if (fi->rl == NULL)
		return;
	inet_ntop(AF_INET, &fi->session.endpoint, ep, sizeof(ep));
	snprintf(name, sizeof(name), "%s %u/%u", ep, fi->session.tunnel_id,
	    fi->session.lsp_id);
	json_array_foreach(w->list, i, rl) {
		if (json_integer_value(json_object_get(rl, "id")) !=
		    (json_int_t)fi->rl_id)
			continue;
		json_object_set_new(rl, "flow", json_string(name));
		json_object_set_new(rl, "flow_label",
		    json_integer((json_int_t)fi->in_label));
	}
}

/* "routelet list" with each routelet's flow. */
static int
cmd_routelet_list(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	struct name_walk w;

	(void)args;
	if ((w.list = pool_ctl_routelets(flows_pool(arg))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	flows_walk(arg, name_one, &w);
	*reply_r = w.list;
	return 0;
}

/* Register "flow list" and replace "routelet list". */
int
flows_ctl_register(struct ctl *ctl, struct flows *flows)
{
	int saved;

	if (ctl_register(ctl, "flow list", cmd_flow_list, flows) == -1)
		return -1;
	if (ctl_unregister(ctl, "routelet list") == -1 && errno != ENOENT)
		goto undo;
	if (ctl_register(ctl, "routelet list", cmd_routelet_list, flows) == -1)
		goto undo;
	return 0;
undo:
	saved = errno;
	ctl_unregister(ctl, "flow list");
	errno = saved;
	return -1;
}
