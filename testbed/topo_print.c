/*
 * Topology files: the printer (the canonical form of a parsed file) and
 * the small helpers the builder shares with it.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "flowspec/units.h"
#include "testbed/topo.h"

#define BURST_MIN	3200u		/* two full-size frames */
#define BURST_WINDOW_S	100u		/* 1/100 s at the rate */

const char *
topo_backend_name(enum topo_backend b)
{
	switch (b) {
	case TOPO_BACKEND_NETNS:
		return "netns";
	case TOPO_BACKEND_XEN:
		return "xen";
	case TOPO_BACKEND_VIRT:
		return "virt";
	}
	return "?";
}

const char *
topo_dataplane_name(enum topo_dataplane d)
{
	return d == TOPO_DP_U32 ? "u32" : "bpf";
}

uint64_t
topo_burst(const struct topo_shape *s)
{
	uint64_t b;

	if (s->burst_bytes != 0)
		return s->burst_bytes;
	b = s->rate_bps / 8 / BURST_WINDOW_S;
	return b < BURST_MIN ? BURST_MIN : b;
}

void
topo_if_mac(unsigned node, unsigned ifidx, uint8_t mac[6])
{
	mac[0] = 0x02;
	mac[1] = 0x51;
	mac[2] = 0x00;
	mac[3] = (uint8_t)node;
	mac[4] = (uint8_t)ifidx;
	mac[5] = 0x00;
}

static void
print_delay(FILE *f, uint32_t us)
{
	if (us % 1000000 == 0)
		fprintf(f, " delay %" PRIu32 "s", us / 1000000);
	else if (us % 1000 == 0)
		fprintf(f, " delay %" PRIu32 "ms", us / 1000);
	else
		fprintf(f, " delay %" PRIu32 "us", us);
}

static void
print_router(const struct topo_node *n, FILE *f)
{
	const struct topo_router *r = &n->router;
	char id[INET_ADDRSTRLEN];
	size_t i;

	fprintf(f, "router %s router-id %s backend %s dataplane %s", n->name,
	    inet_ntop(AF_INET, &r->router_id, id, sizeof(id)),
	    topo_backend_name(r->backend), topo_dataplane_name(r->dataplane));
	for (i = 0; i < r->n_linecards; i++)
		fprintf(f, "%s%s", i == 0 ? " linecards " : ",",
		    r->linecards[i]);
	fputc('\n', f);
}

static void
print_link(const struct topo *t, const struct topo_link *l, FILE *f)
{
	char rate[UNITS_STRLEN], burst[UNITS_STRLEN];
	int s;

	fprintf(f, "link");
	for (s = 0; s < 2; s++)
		fprintf(f, " %s:%s", t->nodes[l->node[s]].name,
		    t->nodes[l->node[s]].ifs[l->ifidx[s]].name);
	if (l->shape.rate_bps != 0 &&
	    units_print_rate_bits(l->shape.rate_bps, rate, sizeof(rate)) > 0)
		fprintf(f, " rate %s", rate);
	if (l->shape.burst_bytes != 0 && units_print_size_bytes(
	    l->shape.burst_bytes, burst, sizeof(burst)) > 0)
		fprintf(f, " burst %s", burst);
	if (l->shape.delay_us != 0)
		print_delay(f, l->shape.delay_us);
	fputc('\n', f);
}

static void
print_route(const struct topo *t, const struct topo_route *r, FILE *f)
{
	const struct topo_node *n = &t->nodes[r->node];
	char dst[INET_ADDRSTRLEN], via[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &r->dst, dst, sizeof(dst));
	inet_ntop(AF_INET, &r->via, via, sizeof(via));
	if (r->plen == 0)
		fprintf(f, "route %s default via %s", n->name, via);
	else
		fprintf(f, "route %s %s/%u via %s", n->name, dst, r->plen,
		    via);
	if (r->ifidx >= 0)
		fprintf(f, " dev %s", n->ifs[r->ifidx].name);
	fputc('\n', f);
}

int
topo_print(const struct topo *t, FILE *f)
{
	const struct topo_node *n;
	const struct topo_addr *a;
	char addr[INET_ADDRSTRLEN];
	size_t i, k;

	for (i = 0; i < t->n_nodes; i++) {
		n = &t->nodes[i];
		if (n->is_router)
			print_router(n, f);
		else
			fprintf(f, "node %s%s\n", n->name,
			    n->forward ? " forward" : "");
	}
	for (i = 0; i < t->n_nodes; i++)
		for (k = 0; k < t->nodes[i].router.n_conf_lines; k++)
			fprintf(f, "router-conf %s %s\n", t->nodes[i].name,
			    t->nodes[i].router.conf_lines[k]);
	for (i = 0; i < t->n_links; i++)
		print_link(t, &t->links[i], f);
	for (i = 0; i < t->n_addrs; i++) {
		a = &t->addrs[i];
		n = &t->nodes[a->node];
		fprintf(f, "addr %s:%s %s/%u\n", n->name,
		    a->ifidx < 0 ? "lo" : n->ifs[a->ifidx].name,
		    inet_ntop(AF_INET, &a->addr, addr, sizeof(addr)), a->plen);
	}
	for (i = 0; i < t->n_routes; i++)
		print_route(t, &t->routes[i], f);
	return ferror(f) ? -1 : 0;
}
