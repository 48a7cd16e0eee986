/*
 * A run as JSON, for the experiment runner (quasar-testbed show -j):
 * every node with its namespace, interfaces (MAC, peer, addresses,
 * shaping), routes, and for routers the quasard.conf to start them with.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "lib/inet.h"
#include "testbed/run.h"

static json_t *
prefix_json(struct in_addr a, uint8_t plen)
{
	char buf[INET_ADDRSTRLEN + 4], addr[INET_ADDRSTRLEN];

	snprintf(buf, sizeof(buf), "%s/%u",
	    inet_ntop(AF_INET, &a, addr, sizeof(addr)), plen);
	return json_string(buf);
}

/* The addresses of interface 'ifidx' (-1: lo) of node 'node'. */
static json_t *
addrs_json(const struct topo *t, size_t node, int ifidx)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < t->n_addrs; i++)
		if (t->addrs[i].node == node && t->addrs[i].ifidx == ifidx)
			json_array_append_new(a, prefix_json(t->addrs[i].addr,
			    t->addrs[i].plen));
	return a;
}

static json_t *
if_json(const struct topo *t, size_t node, size_t ifidx)
{
	const struct topo_if *ifc = &t->nodes[node].ifs[ifidx];
	const struct topo_link *l = &t->links[ifc->link];
	int peer = 1 - ifc->side;
	uint8_t mac[ETH_ALEN_];
	char macs[18], peer_macs[18];

	topo_if_mac(l->node[peer], l->ifidx[peer], mac);
	mac_format(mac, peer_macs, sizeof(peer_macs));
	topo_if_mac((unsigned)node, (unsigned)ifidx, mac);
	return json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:I, s:I, s:I}",
	    "name", ifc->name,
	    "mac", mac_format(mac, macs, sizeof(macs)),
	    "peer", "node", t->nodes[l->node[peer]].name,
	    "interface", t->nodes[l->node[peer]].ifs[l->ifidx[peer]].name,
	    "mac", peer_macs,
	    "addrs", addrs_json(t, node, (int)ifidx),
	    "rate_bps", (json_int_t)l->shape.rate_bps,
	    "burst_bytes", (json_int_t)(l->shape.rate_bps != 0 ?
	    topo_burst(&l->shape) : 0),
	    "delay_us", (json_int_t)l->shape.delay_us);
}

static json_t *
routes_json(const struct topo *t, size_t node)
{
	const struct topo_route *r;
	char via[INET_ADDRSTRLEN];
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < t->n_routes; i++) {
		r = &t->routes[i];
		if (r->node != node)
			continue;
		o = json_pack("{s:o, s:s}", "dst", r->plen == 0 ?
		    json_string("default") : prefix_json(r->dst, r->plen),
		    "via", inet_ntop(AF_INET, &r->via, via, sizeof(via)));
		if (r->ifidx >= 0)
			json_object_set_new(o, "dev", json_string(
			    t->nodes[node].ifs[r->ifidx].name));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
router_json(const struct tb_run *run, const struct topo_node *n)
{
	const struct topo_router *r = &n->router;
	char id[INET_ADDRSTRLEN], path[TB_PATH_MAX], sock[TB_PATH_MAX];
	char name[TOPO_NAME_MAX + 8], *text = NULL;
	size_t len = 0, i;
	json_t *o, *lc;
	FILE *f;

	if ((f = open_memstream(&text, &len)) == NULL)
		return NULL;
	tb_quasard_conf(run, n, f);
	fclose(f);
	lc = json_array();
	for (i = 0; i < n->n_ifs; i++)
		json_array_append_new(lc, json_string(n->ifs[i].name));
	if (r->n_linecards != 0) {
		json_array_clear(lc);
		for (i = 0; i < r->n_linecards; i++)
			json_array_append_new(lc,
			    json_string(r->linecards[i]));
	}
	snprintf(name, sizeof(name), "%s.conf", n->name);
	tb_run_path(run, name, path, sizeof(path));
	snprintf(name, sizeof(name), "%s.sock", n->name);
	tb_run_path(run, name, sock, sizeof(sock));
	o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s}",
	    "router_id", inet_ntop(AF_INET, &r->router_id, id, sizeof(id)),
	    "backend", topo_backend_name(r->backend),
	    "dataplane", topo_dataplane_name(r->dataplane),
	    "linecards", lc,
	    "conf_path", path,
	    "control_socket", sock,
	    "quasard_conf", text != NULL ? text : "");
	free(text);
	return o;
}

static json_t *
node_json(const struct tb_run *run, size_t i)
{
	const struct topo *t = run->t;
	const struct topo_node *n = &t->nodes[i];
	char ns[TB_NETNS_MAX];
	json_t *o, *ifs;
	size_t k;

	tb_netns_name(run, n, ns, sizeof(ns));
	ifs = json_array();
	for (k = 0; k < n->n_ifs; k++)
		json_array_append_new(ifs, if_json(t, i, k));
	o = json_pack("{s:s, s:s, s:b, s:o, s:o, s:o}",
	    "name", n->name, "netns", ns, "forward", n->forward,
	    "interfaces", ifs, "loopback_addrs", addrs_json(t, i, -1),
	    "routes", routes_json(t, i));
	if (o != NULL && n->is_router)
		json_object_set_new(o, "router", router_json(run, n));
	return o;
}

json_t *
tb_json(const struct tb_run *run)
{
	const struct topo *t = run->t;
	json_t *nodes = json_array();
	size_t i;
	int delay = 0;

	for (i = 0; i < t->n_nodes; i++)
		json_array_append_new(nodes, node_json(run, i));
	for (i = 0; i < t->n_links; i++)
		delay |= t->links[i].shape.delay_us != 0;
	return json_pack("{s:s, s:s, s:b, s:o}", "prefix", run->prefix,
	    "run_dir", run->dir, "needs_netem", delay, "nodes", nodes);
}
