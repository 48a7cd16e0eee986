/*
 * Testbed topology files (docs/testbed.md): nodes (network namespaces),
 * links between them (veth pairs, optionally shaped), IPv4 addresses,
 * static routes, and the nodes that run quasard.
 *
 * One statement per line, '#' starts a comment, words are separated by
 * blanks.  topo_parse() reads the text strictly: an unknown statement, a
 * name used before it is declared, a duplicate, a bad value or a route
 * whose gateway is on no connected subnet is an error naming its line.
 * topo_print() writes a parsed topology back in the same syntax, every
 * value spelled out, so that parse(print(t)) prints the same text.
 */
#ifndef QUASAR_TESTBED_TOPO_H
#define QUASAR_TESTBED_TOPO_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TOPO_NAME_MAX		16	/* node names, NUL included */
#define TOPO_NODES_MAX		64
#define TOPO_IFS_MAX		32	/* interfaces of one node */
#define TOPO_LINKS_MAX		256
#define TOPO_ADDRS_MAX		512
#define TOPO_ROUTES_MAX		512
#define TOPO_CONF_LINES_MAX	16	/* extra quasard.conf lines per router */
#define TOPO_LINE_MAX		512	/* bytes in a line, without '\n' */
#define TOPO_FILE_MAX		(1024 * 1024)
#define TOPO_ERR_MAX		256
#define TOPO_DELAY_US_MAX	10000000u	/* 10 s */

enum topo_backend {
	TOPO_BACKEND_NETNS,
	TOPO_BACKEND_XEN,
	TOPO_BACKEND_VIRT,
};

enum topo_dataplane {
	TOPO_DP_BPF,
	TOPO_DP_U32,
};

/* One end of a link: an interface of a node. */
struct topo_if {
	char name[IF_NAMESIZE];
	unsigned link;		/* index into topo.links */
	int side;		/* 0: the link's first end, 1: its second */
};

struct topo_router {
	struct in_addr router_id;
	enum topo_backend backend;
	enum topo_dataplane dataplane;
	/* Line cards, by interface name; none given: all of the node's. */
	char linecards[TOPO_IFS_MAX][IF_NAMESIZE];
	size_t n_linecards;
	char conf_lines[TOPO_CONF_LINES_MAX][TOPO_LINE_MAX + 1];
	size_t n_conf_lines;
};

struct topo_node {
	char name[TOPO_NAME_MAX];
	bool forward;		/* ip_forward on, rp_filter off */
	bool is_router;		/* runs quasard (implies forward) */
	struct topo_router router;
	struct topo_if ifs[TOPO_IFS_MAX];
	size_t n_ifs;
	unsigned line;
};

/* Shaping of a link, applied to both ends' egress. */
struct topo_shape {
	uint64_t rate_bps;	/* 0: not shaped */
	uint64_t burst_bytes;	/* 0: derived from the rate (topo_burst) */
	uint32_t delay_us;	/* 0: no delay (needs sch_netem) */
};

struct topo_link {
	unsigned node[2];	/* indexes into topo.nodes */
	unsigned ifidx[2];	/* indexes into the node's ifs */
	struct topo_shape shape;
	unsigned line;
};

struct topo_addr {
	unsigned node;
	int ifidx;		/* -1: the loopback */
	struct in_addr addr;
	uint8_t plen;
	unsigned line;
};

struct topo_route {
	unsigned node;
	struct in_addr dst;	/* 0.0.0.0/0: the default route */
	uint8_t plen;
	struct in_addr via;
	int ifidx;		/* -1: not given */
	unsigned line;
};

struct topo {
	struct topo_node nodes[TOPO_NODES_MAX];
	size_t n_nodes;
	struct topo_link links[TOPO_LINKS_MAX];
	size_t n_links;
	struct topo_addr addrs[TOPO_ADDRS_MAX];
	size_t n_addrs;
	struct topo_route routes[TOPO_ROUTES_MAX];
	size_t n_routes;
};

/*
 * Parse 'len' bytes of topology text at 'text' into a new topology
 * (*t_r, to be freed with topo_free).  Returns 0, or -1 with "line N:
 * what" in 'err' ('errlen' bytes).
 */
int topo_parse(const char *text, size_t len, struct topo **t_r, char *err,
    size_t errlen);
/* Read and parse the file at 'path'; errors are prefixed "path:". */
int topo_load(const char *path, struct topo **t_r, char *err,
    size_t errlen);
/* Free a topology from topo_parse or topo_load; NULL is a no-op. */
void topo_free(struct topo *t);

/* Write 't' to 'f' in the file syntax.  0, or -1 on a write error. */
int topo_print(const struct topo *t, FILE *f);

/* The node named 'name', or NULL. */
const struct topo_node *topo_node_find(const struct topo *t,
    const char *name);
/* The interface 'name' of 'n', or -1. */
int topo_if_find(const struct topo_node *n, const char *name);

/* The bucket depth tbf gets for 's': its burst, or 10 ms at its rate
 * (at least 3200 bytes, two full-size frames). */
uint64_t topo_burst(const struct topo_shape *s);

/*
 * The deterministic MAC address of interface 'ifidx' of node 'node':
 * 02:51:00:NN:II:00, locally administered.
 */
void topo_if_mac(unsigned node, unsigned ifidx, uint8_t mac[6]);

const char *topo_backend_name(enum topo_backend b);
const char *topo_dataplane_name(enum topo_dataplane d);

#endif
