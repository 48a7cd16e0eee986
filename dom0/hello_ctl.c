/*
 * The "neighbor list" control command of Hello (docs/ctl-protocol.md).
 */
#include <stdio.h>
#include <arpa/inet.h>

#include <jansson.h>

#include "dom0/ctl.h"
#include "dom0/hello.h"
#include "dom0/hello_local.h"

/* One neighbour as JSON, times relative to 'now'. */
static json_t *
nbr_json(const struct hello *h, const struct hello_nbr_info *n, uint64_t now)
{
	char addr[INET_ADDRSTRLEN], ifname[64];
	bool named;

	inet_ntop(AF_INET, &n->addr, addr, sizeof(addr));
	named = h->env.if_name != NULL && h->env.if_name(h->env.if_name_arg,
	    n->ifindex, ifname, sizeof(ifname)) == 0;
	return json_pack("{s:s, s:I, s:o, s:s, s:I, s:I, s:o, s:o, s:I, s:I}",
	    "address", addr,
	    "ifindex", (json_int_t)n->ifindex,
	    "interface", named ? json_string(ifname) : json_null(),
	    "state", hello_state_name(n->state),
	    "src_instance", (json_int_t)n->src_instance,
	    "dst_instance", (json_int_t)n->dst_instance,
	    "last_seen_ms", n->last_rx_ms == 0 ? json_null() :
	    json_integer((json_int_t)(now - n->last_rx_ms)),
	    "up_ms", n->up_since_ms == 0 ? json_null() :
	    json_integer((json_int_t)(now - n->up_since_ms)),
	    "restarts", (json_int_t)n->restarts,
	    "losses", (json_int_t)n->losses);
}

static json_t *
stats_json(const struct hello_stats *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
	    " s:I}",
	    "tx_request", (json_int_t)s->tx_request,
	    "tx_ack", (json_int_t)s->tx_ack,
	    "tx_error", (json_int_t)s->tx_error,
	    "rx_request", (json_int_t)s->rx_request,
	    "rx_ack", (json_int_t)s->rx_ack,
	    "rx_bad_ttl", (json_int_t)s->rx_bad_ttl,
	    "rx_no_hello", (json_int_t)s->rx_no_hello,
	    "rx_zero_instance", (json_int_t)s->rx_zero_instance,
	    "rx_unknown_nbr", (json_int_t)s->rx_unknown_nbr,
	    "restarts", (json_int_t)s->restarts,
	    "losses", (json_int_t)s->losses);
}

/*
 * "neighbor list": {"interval_ms", "dead_ms", "neighbors": [...],
 * "counters": {...}}.
 */
static int
cmd_neighbor_list(void *arg, json_t *args, json_t **reply_r, char *err,
    size_t errlen)
{
	struct hello *h = arg;
	json_t *list, *reply = NULL;
	uint64_t now = h->env.now_ms(h->env.now_arg);
	size_t i;

	(void)args;
	list = json_array();
	if (list == NULL)
		goto nomem;
	for (i = 0; i < h->nnbrs; i++)
		if (json_array_append_new(list,
		    nbr_json(h, &h->nbrs[i].info, now)) == -1)
			goto nomem;
	reply = json_pack("{s:I, s:I, s:O, s:o}",
	    "interval_ms", (json_int_t)h->conf.interval_ms,
	    "dead_ms", (json_int_t)h->conf.dead_ms,
	    "neighbors", list,
	    "counters", stats_json(&h->stats));
	if (reply == NULL)
		goto nomem;
	json_decref(list);
	*reply_r = reply;
	return 0;
nomem:
	json_decref(list);
	snprintf(err, errlen, "out of memory");
	return -1;
}

int
hello_ctl_register(struct hello *h, struct ctl *ctl)
{
	return ctl_register(ctl, "neighbor list", cmd_neighbor_list, h);
}
