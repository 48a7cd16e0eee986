/*
 * Topology files: a strict line parser.  Each statement has one handler
 * in the table below; what no single line can check (gateways on a
 * connected subnet, line cards that exist) is checked at the end, with
 * the line of the statement at fault.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "flowspec/units.h"
#include "testbed/topo.h"
#include "lib/words.h"

#define TOPO_WORDS_MAX	16

struct parse {
	struct topo *t;
	unsigned line;
	char *err;
	size_t errlen;
};

static int __attribute__((format(printf, 2, 3)))
perr(struct parse *ps, const char *fmt, ...)
{
	char msg[TOPO_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(ps->err, ps->errlen, "line %u: %s", ps->line, msg);
	return -1;
}

/* Node names: 1-15 of [A-Za-z0-9_], starting with a letter. */
static bool
valid_node_name(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && len < TOPO_NAME_MAX && isalpha((unsigned char)s[0]) &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == len;
}

/* As Linux's dev_valid_name(), and [A-Za-z0-9_.-] only. */
static bool
valid_ifname(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && len < IF_NAMESIZE && strcmp(s, ".") != 0 &&
	    strcmp(s, "..") != 0 && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == len;
}

/* A decimal in [0, max], digits only. */
static int
parse_uint(const char *s, unsigned long max, unsigned long *v_r)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*v_r = v;
	return 0;
}

/* A delay: "10ms", "500us", "1s". */
static int
parse_delay_us(const char *s, uint32_t *us_r)
{
	unsigned long v, mult;
	char num[16];
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (strcmp(s + n, "us") == 0)
		mult = 1;
	else if (strcmp(s + n, "ms") == 0)
		mult = 1000;
	else if (strcmp(s + n, "s") == 0)
		mult = 1000000;
	else
		return -1;
	if (parse_uint(num, TOPO_DELAY_US_MAX, &v) != 0 ||
	    v > TOPO_DELAY_US_MAX / mult)
		return -1;
	*us_r = (uint32_t)(v * mult);
	return 0;
}

/* "A.B.C.D/PLEN" with 0 <= PLEN <= 32. */
static int
parse_prefix(const char *s, struct in_addr *a_r, uint8_t *plen_r)
{
	char buf[INET_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	unsigned long plen;

	if (slash == NULL || (size_t)(slash - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	if (inet_pton(AF_INET, buf, a_r) != 1 ||
	    parse_uint(slash + 1, 32, &plen) != 0)
		return -1;
	*plen_r = (uint8_t)plen;
	return 0;
}

static uint32_t
mask(uint8_t plen)
{
	return plen == 0 ? 0 : htonl(~0u << (32 - plen));
}

static int
find_node(const struct topo *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_nodes; i++)
		if (strcmp(t->nodes[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* "NODE" of a declared node, or an error. */
static int
want_node(struct parse *ps, const char *name)
{
	int n = find_node(ps->t, name);

	if (n < 0)
		perr(ps, "unknown node '%s' (declare it with node or router "
		    "first)", name);
	return n;
}

/*
 * "NODE:IF" into a node index and the interface name ('ifname',
 * IF_NAMESIZE bytes).  The node must be declared.
 */
static int
split_endpoint(struct parse *ps, const char *s, int *node_r, char *ifname)
{
	char node[TOPO_NAME_MAX];
	const char *colon = strchr(s, ':');

	if (colon == NULL || (size_t)(colon - s) >= sizeof(node))
		return perr(ps, "'%s': need NODE:INTERFACE", s);
	memcpy(node, s, (size_t)(colon - s));
	node[colon - s] = '\0';
	if (!valid_ifname(colon + 1))
		return perr(ps, "'%s' is not an interface name", colon + 1);
	if ((*node_r = want_node(ps, node)) < 0)
		return -1;
	snprintf(ifname, IF_NAMESIZE, "%s", colon + 1);
	return 0;
}

static int
add_node(struct parse *ps, const char *name, struct topo_node **n_r)
{
	struct topo *t = ps->t;
	struct topo_node *n;

	if (!valid_node_name(name))
		return perr(ps, "'%s' is not a node name (1-%d of "
		    "[A-Za-z0-9_], a letter first)", name, TOPO_NAME_MAX - 1);
	if (find_node(t, name) >= 0)
		return perr(ps, "node %s declared twice", name);
	if (t->n_nodes == TOPO_NODES_MAX)
		return perr(ps, "more than %d nodes", TOPO_NODES_MAX);
	n = &t->nodes[t->n_nodes++];
	snprintf(n->name, sizeof(n->name), "%s", name);
	n->line = ps->line;
	*n_r = n;
	return 0;
}

static int
st_node(struct parse *ps, char **w, int nw)
{
	struct topo_node *n;

	if (nw != 2 && !(nw == 3 && strcmp(w[2], "forward") == 0))
		return perr(ps, "usage: node NAME [forward]");
	if (add_node(ps, w[1], &n) < 0)
		return -1;
	n->forward = nw == 3;
	return 0;
}

static int
router_linecards(struct parse *ps, struct topo_router *r, const char *list)
{
	char copy[TOPO_LINE_MAX + 1], *word, *save = NULL;
	size_t i;

	snprintf(copy, sizeof(copy), "%s", list);
	for (word = strtok_r(copy, ",", &save); word != NULL;
	    word = strtok_r(NULL, ",", &save)) {
		if (!valid_ifname(word))
			return perr(ps, "linecards: '%s' is not an interface "
			    "name", word);
		for (i = 0; i < r->n_linecards; i++)
			if (strcmp(r->linecards[i], word) == 0)
				return perr(ps, "linecards: %s given twice",
				    word);
		if (r->n_linecards == TOPO_IFS_MAX)
			return perr(ps, "more than %d line cards",
			    TOPO_IFS_MAX);
		snprintf(r->linecards[r->n_linecards++], IF_NAMESIZE, "%s",
		    word);
	}
	if (r->n_linecards == 0)
		return perr(ps, "linecards: empty list");
	return 0;
}

static int
st_router(struct parse *ps, char **w, int nw)
{
	static const char usage[] = "usage: router NAME router-id A.B.C.D "
	    "[backend netns|xen|virt] [dataplane bpf|u32] "
	    "[linecards IF,IF...]";
	struct topo_node *n;
	struct topo_router *r;
	bool have_id = false, have_be = false, have_dp = false;
	int i;

	if (nw < 2)
		return perr(ps, "%s", usage);
	if (add_node(ps, w[1], &n) < 0)
		return -1;
	n->is_router = n->forward = true;
	r = &n->router;
	for (i = 2; i < nw; i += 2) {
		if (i + 1 == nw)
			return perr(ps, "%s: missing value", w[i]);
		if (strcmp(w[i], "router-id") == 0 && !have_id) {
			if (inet_pton(AF_INET, w[i + 1], &r->router_id) != 1 ||
			    r->router_id.s_addr == INADDR_ANY)
				return perr(ps, "router-id: '%s' is not a "
				    "usable IPv4 address", w[i + 1]);
			have_id = true;
		} else if (strcmp(w[i], "backend") == 0 && !have_be) {
			if (strcmp(w[i + 1], "netns") == 0)
				r->backend = TOPO_BACKEND_NETNS;
			else if (strcmp(w[i + 1], "xen") == 0)
				r->backend = TOPO_BACKEND_XEN;
			else if (strcmp(w[i + 1], "virt") == 0)
				r->backend = TOPO_BACKEND_VIRT;
			else
				return perr(ps, "backend: netns, xen or virt, "
				    "not '%s'", w[i + 1]);
			have_be = true;
		} else if (strcmp(w[i], "dataplane") == 0 && !have_dp) {
			if (strcmp(w[i + 1], "bpf") == 0)
				r->dataplane = TOPO_DP_BPF;
			else if (strcmp(w[i + 1], "u32") == 0)
				r->dataplane = TOPO_DP_U32;
			else
				return perr(ps, "dataplane: bpf or u32, not "
				    "'%s'", w[i + 1]);
			have_dp = true;
		} else if (strcmp(w[i], "linecards") == 0 &&
		    r->n_linecards == 0) {
			if (router_linecards(ps, r, w[i + 1]) < 0)
				return -1;
		} else
			return perr(ps, "router: unknown or repeated option "
			    "'%s'", w[i]);
	}
	if (!have_id)
		return perr(ps, "router %s: no router-id", n->name);
	return 0;
}

/* quasard.conf statements that the generated file writes itself. */
static const char *const generated[] = {
	"router-id", "interface", "dataplane", "dataplane-instance",
	"control-socket", "state-dir",
};

/* router-conf NODE WORDS...: one more line for the router's quasard.conf. */
static int
st_router_conf(struct parse *ps, char **w, int nw)
{
	struct topo_router *r;
	char *line;
	int n, i;
	size_t off = 0, k;

	if (nw < 3)
		return perr(ps, "usage: router-conf NODE STATEMENT...");
	for (k = 0; k < sizeof(generated) / sizeof(generated[0]); k++)
		if (strcmp(w[2], generated[k]) == 0)
			return perr(ps, "router-conf: %s is written from the "
			    "router statement and the links", w[2]);
	if ((n = want_node(ps, w[1])) < 0)
		return -1;
	if (!ps->t->nodes[n].is_router)
		return perr(ps, "router-conf: %s is not a router", w[1]);
	r = &ps->t->nodes[n].router;
	if (r->n_conf_lines == TOPO_CONF_LINES_MAX)
		return perr(ps, "more than %d router-conf lines for %s",
		    TOPO_CONF_LINES_MAX, w[1]);
	line = r->conf_lines[r->n_conf_lines++];
	for (i = 2; i < nw; i++)
		off += (size_t)snprintf(line + off, TOPO_LINE_MAX + 1 - off,
		    "%s%s", i > 2 ? " " : "", w[i]);
	return 0;
}

/* Add interface 'name' to node 'n' as side 'side' of link 'link'. */
static int
add_if(struct parse *ps, unsigned n, const char *name, unsigned link,
    int side, unsigned *ifidx_r)
{
	struct topo_node *node = &ps->t->nodes[n];
	struct topo_if *ifc;

	if (strcmp(name, "lo") == 0)
		return perr(ps, "%s:lo cannot be a link's end", node->name);
	if (topo_if_find(node, name) >= 0)
		return perr(ps, "%s:%s is already the end of a link",
		    node->name, name);
	if (node->n_ifs == TOPO_IFS_MAX)
		return perr(ps, "node %s: more than %d interfaces",
		    node->name, TOPO_IFS_MAX);
	ifc = &node->ifs[node->n_ifs];
	snprintf(ifc->name, sizeof(ifc->name), "%s", name);
	ifc->link = link;
	ifc->side = side;
	*ifidx_r = (unsigned)node->n_ifs++;
	return 0;
}

static int
st_link(struct parse *ps, char **w, int nw)
{
	struct topo *t = ps->t;
	struct topo_link *l;
	char ifname[2][IF_NAMESIZE];
	bool have_rate = false, have_burst = false, have_delay = false;
	int node[2], i, s;

	if (nw < 3 || nw % 2 != 1)
		return perr(ps, "usage: link NODE:IF NODE:IF [rate RATE] "
		    "[burst SIZE] [delay TIME]");
	if (t->n_links == TOPO_LINKS_MAX)
		return perr(ps, "more than %d links", TOPO_LINKS_MAX);
	for (s = 0; s < 2; s++)
		if (split_endpoint(ps, w[1 + s], &node[s], ifname[s]) < 0)
			return -1;
	if (node[0] == node[1] && strcmp(ifname[0], ifname[1]) == 0)
		return perr(ps, "a link needs two different ends");
	l = &t->links[t->n_links];
	memset(l, 0, sizeof(*l));
	for (i = 3; i < nw; i += 2) {
		if (strcmp(w[i], "rate") == 0 && !have_rate) {
			if (units_parse_rate_bits(w[i + 1], &l->shape.rate_bps)
			    != 0 || l->shape.rate_bps < 8000)
				return perr(ps, "rate: '%s' is not a rate of "
				    "at least 8kbit (tc units: 10mbit)",
				    w[i + 1]);
			have_rate = true;
		} else if (strcmp(w[i], "burst") == 0 && !have_burst) {
			if (units_parse_size_bytes(w[i + 1],
			    &l->shape.burst_bytes) != 0 ||
			    l->shape.burst_bytes < 1600 ||
			    l->shape.burst_bytes > UINT32_MAX)
				return perr(ps, "burst: '%s' is not a size of "
				    "1600b to 4gb (tc units: 32k)", w[i + 1]);
			have_burst = true;
		} else if (strcmp(w[i], "delay") == 0 && !have_delay) {
			if (parse_delay_us(w[i + 1], &l->shape.delay_us) != 0 ||
			    l->shape.delay_us == 0)
				return perr(ps, "delay: '%s' is not a delay of "
				    "1us to 10s (500us, 10ms, 1s)", w[i + 1]);
			have_delay = true;
		} else
			return perr(ps, "link: unknown or repeated option "
			    "'%s'", w[i]);
	}
	if (have_burst && !have_rate)
		return perr(ps, "burst without rate");
	l->line = ps->line;
	for (s = 0; s < 2; s++) {
		l->node[s] = (unsigned)node[s];
		if (add_if(ps, (unsigned)node[s], ifname[s],
		    (unsigned)t->n_links, s, &l->ifidx[s]) < 0)
			return -1;
	}
	t->n_links++;
	return 0;
}

static int
st_addr(struct parse *ps, char **w, int nw)
{
	struct topo *t = ps->t;
	struct topo_addr *a;
	char ifname[IF_NAMESIZE];
	int node, ifidx = -1;
	size_t i;

	if (nw != 3)
		return perr(ps, "usage: addr NODE:IF A.B.C.D/PLEN");
	if (t->n_addrs == TOPO_ADDRS_MAX)
		return perr(ps, "more than %d addresses", TOPO_ADDRS_MAX);
	if (split_endpoint(ps, w[1], &node, ifname) < 0)
		return -1;
	if (strcmp(ifname, "lo") != 0 &&
	    (ifidx = topo_if_find(&t->nodes[node], ifname)) < 0)
		return perr(ps, "%s has no interface %s (declare its link "
		    "first)", w[1], ifname);
	a = &t->addrs[t->n_addrs];
	a->node = (unsigned)node;
	a->ifidx = ifidx;
	a->line = ps->line;
	if (parse_prefix(w[2], &a->addr, &a->plen) != 0 || a->plen == 0)
		return perr(ps, "'%s' is not A.B.C.D/PLEN (PLEN 1-32)", w[2]);
	if (a->addr.s_addr == INADDR_ANY ||
	    IN_MULTICAST(ntohl(a->addr.s_addr)) ||
	    a->addr.s_addr == INADDR_BROADCAST)
		return perr(ps, "%s is not a unicast address", w[2]);
	for (i = 0; i < t->n_addrs; i++)
		if (t->addrs[i].addr.s_addr == a->addr.s_addr)
			return perr(ps, "address %s already given on line %u",
			    w[2], t->addrs[i].line);
	t->n_addrs++;
	return 0;
}

static int
st_route(struct parse *ps, char **w, int nw)
{
	struct topo *t = ps->t;
	struct topo_route *r;
	int node;
	size_t i;

	if ((nw != 5 && nw != 7) || strcmp(w[3], "via") != 0 ||
	    (nw == 7 && strcmp(w[5], "dev") != 0))
		return perr(ps, "usage: route NODE PREFIX/PLEN|default via "
		    "A.B.C.D [dev IF]");
	if (t->n_routes == TOPO_ROUTES_MAX)
		return perr(ps, "more than %d routes", TOPO_ROUTES_MAX);
	if ((node = want_node(ps, w[1])) < 0)
		return -1;
	r = &t->routes[t->n_routes];
	memset(r, 0, sizeof(*r));
	r->node = (unsigned)node;
	r->ifidx = -1;
	r->line = ps->line;
	if (strcmp(w[2], "default") != 0 &&
	    parse_prefix(w[2], &r->dst, &r->plen) != 0)
		return perr(ps, "'%s' is not A.B.C.D/PLEN or default", w[2]);
	if ((r->dst.s_addr & ~mask(r->plen)) != 0)
		return perr(ps, "%s has host bits set", w[2]);
	if (inet_pton(AF_INET, w[4], &r->via) != 1 ||
	    r->via.s_addr == INADDR_ANY)
		return perr(ps, "via: '%s' is not an IPv4 address", w[4]);
	if (nw == 7 &&
	    (r->ifidx = topo_if_find(&t->nodes[node], w[6])) < 0)
		return perr(ps, "node %s has no interface %s", w[1], w[6]);
	for (i = 0; i < t->n_routes; i++)
		if (t->routes[i].node == r->node &&
		    t->routes[i].dst.s_addr == r->dst.s_addr &&
		    t->routes[i].plen == r->plen)
			return perr(ps, "%s: route to %s already given on "
			    "line %u", w[1], w[2], t->routes[i].line);
	t->n_routes++;
	return 0;
}

struct statement {
	const char *name;
	int (*parse)(struct parse *ps, char **w, int n);
};

static const struct statement statements[] = {
	{ "node", st_node },
	{ "router", st_router },
	{ "router-conf", st_router_conf },
	{ "link", st_link },
	{ "addr", st_addr },
	{ "route", st_route },
};
#define N_STATEMENTS (sizeof(statements) / sizeof(statements[0]))

static int
parse_line(struct parse *ps, char *line)
{
	char *w[TOPO_WORDS_MAX];
	size_t i;
	int n;

	if ((n = words_split(line, w, TOPO_WORDS_MAX)) < 0)
		return perr(ps, "more than %d words", TOPO_WORDS_MAX);
	if (n == 0)
		return 0;
	for (i = 0; i < N_STATEMENTS; i++)
		if (strcmp(w[0], statements[i].name) == 0)
			return statements[i].parse(ps, w, n);
	return perr(ps, "unknown statement '%s'", w[0]);
}

/* Is 'a' on a subnet of one of node 'n''s addresses (not the address)? */
static bool
on_connected(const struct topo *t, unsigned n, struct in_addr a, int ifidx)
{
	const struct topo_addr *x;
	size_t i;

	for (i = 0; i < t->n_addrs; i++) {
		x = &t->addrs[i];
		if (x->node != n || x->ifidx < 0 ||
		    (ifidx >= 0 && x->ifidx != ifidx))
			continue;
		if ((x->addr.s_addr & mask(x->plen)) ==
		    (a.s_addr & mask(x->plen)) && x->addr.s_addr != a.s_addr)
			return true;
	}
	return false;
}

/* What no single line can check. */
static int
check_whole(struct parse *ps)
{
	const struct topo *t = ps->t;
	const struct topo_node *n;
	const struct topo_route *r;
	char via[INET_ADDRSTRLEN];
	size_t i, k;

	if (t->n_nodes == 0) {
		snprintf(ps->err, ps->errlen, "no node");
		return -1;
	}
	for (i = 0; i < t->n_routes; i++) {
		r = &t->routes[i];
		if (on_connected(t, r->node, r->via, r->ifidx))
			continue;
		ps->line = r->line;
		return perr(ps, "gateway %s is on no subnet of %s%s%s",
		    inet_ntop(AF_INET, &r->via, via, sizeof(via)),
		    t->nodes[r->node].name, r->ifidx >= 0 ? ":" : "",
		    r->ifidx >= 0 ? t->nodes[r->node].ifs[r->ifidx].name : "");
	}
	for (i = 0; i < t->n_nodes; i++) {
		n = &t->nodes[i];
		ps->line = n->line;
		if (n->is_router && n->n_ifs == 0)
			return perr(ps, "router %s has no link", n->name);
		for (k = 0; k < n->router.n_linecards; k++)
			if (topo_if_find(n, n->router.linecards[k]) < 0)
				return perr(ps, "router %s: line card %s is "
				    "the end of no link", n->name,
				    n->router.linecards[k]);
	}
	return 0;
}

int
topo_parse(const char *text, size_t len, struct topo **t_r, char *err,
    size_t errlen)
{
	struct parse ps = { .err = err, .errlen = errlen };
	char line[TOPO_LINE_MAX + 1];
	size_t off = 0, n;
	const char *nl;
	int rc = -1;

	if ((ps.t = calloc(1, sizeof(*ps.t))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (off < len) {
		ps.line++;
		nl = memchr(text + off, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - (text + off)) : len - off;
		if (n > TOPO_LINE_MAX) {
			perr(&ps, "longer than %d bytes", TOPO_LINE_MAX);
			goto out;
		}
		memcpy(line, text + off, n);
		line[n] = '\0';
		if (memchr(line, '\0', n) != NULL) {
			perr(&ps, "NUL byte");
			goto out;
		}
		off += n + (nl != NULL);
		if (parse_line(&ps, line) != 0)
			goto out;
	}
	if (check_whole(&ps) != 0)
		goto out;
	*t_r = ps.t;
	ps.t = NULL;
	rc = 0;
out:
	free(ps.t);
	return rc;
}

int
topo_load(const char *path, struct topo **t_r, char *err, size_t errlen)
{
	char msg[TOPO_ERR_MAX];
	char *text = NULL;
	size_t len;
	FILE *f;
	int rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((text = malloc(TOPO_FILE_MAX + 1)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	len = fread(text, 1, TOPO_FILE_MAX + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		goto out;
	}
	if (len > TOPO_FILE_MAX) {
		snprintf(err, errlen, "%s: larger than %d bytes", path,
		    TOPO_FILE_MAX);
		goto out;
	}
	if (topo_parse(text, len, t_r, msg, sizeof(msg)) != 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		goto out;
	}
	rc = 0;
out:
	free(text);
	fclose(f);
	return rc;
}

void
topo_free(struct topo *t)
{
	free(t);
}

const struct topo_node *
topo_node_find(const struct topo *t, const char *name)
{
	int n = find_node(t, name);

	return n >= 0 ? &t->nodes[n] : NULL;
}

int
topo_if_find(const struct topo_node *n, const char *name)
{
	size_t i;

	for (i = 0; i < n->n_ifs; i++)
		if (strcmp(n->ifs[i].name, name) == 0)
			return (int)i;
	return -1;
}
