/*
 * A run of a topology: names, the run directory, and each router's
 * generated quasard.conf.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "testbed/run.h"

static const char prefix_chars[] = "abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

int
tb_prefix_valid(const char *p)
{
	size_t len = strlen(p);

	return len > 0 && len < TB_PREFIX_MAX && p[0] != '-' &&
	    p[0] != '_' && strspn(p, prefix_chars) == len;
}

void
tb_prefix_from_path(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t n, i;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n > TB_PREFIX_MAX - 1)
		n = TB_PREFIX_MAX - 1;
	if (n >= len)
		n = len - 1;
	for (i = 0; i < n; i++)
		buf[i] = strchr(prefix_chars, base[i]) != NULL &&
		    base[i] != '\0' ? base[i] : '_';
	buf[n] = '\0';
	if (n == 0 || buf[0] == '_' || buf[0] == '-')
		snprintf(buf, len, "tb");
}

int
tb_run_init(struct tb_run *run, const struct topo *t, const char *prefix,
    char *err, size_t errlen)
{
	memset(run, 0, sizeof(*run));
	if (!tb_prefix_valid(prefix)) {
		snprintf(err, errlen, "prefix '%s': need 1-%d of "
		    "[A-Za-z0-9_-], a letter or digit first", prefix,
		    TB_PREFIX_MAX - 1);
		return -1;
	}
	run->t = t;
	snprintf(run->prefix, sizeof(run->prefix), "%s", prefix);
	snprintf(run->dir, sizeof(run->dir), "%s/%s", TB_RUN_ROOT, prefix);
	return 0;
}

void
tb_netns_name(const struct tb_run *run, const struct topo_node *n, char *buf,
    size_t len)
{
	snprintf(buf, len, "%s-%s", run->prefix, n->name);
}

void
tb_run_path(const struct tb_run *run, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", run->dir, name);
}

/* Is interface 'ifidx' of 'n' one of its line cards? */
static int
is_linecard(const struct topo_node *n, size_t ifidx)
{
	size_t i;

	if (n->router.n_linecards == 0)
		return 1;
	for (i = 0; i < n->router.n_linecards; i++)
		if (strcmp(n->router.linecards[i], n->ifs[ifidx].name) == 0)
			return 1;
	return 0;
}

int
tb_quasard_conf(const struct tb_run *run, const struct topo_node *n, FILE *f)
{
	const struct topo_router *r = &n->router;
	const struct topo_link *l;
	char id[INET_ADDRSTRLEN], path[TB_PATH_MAX], ns[TB_NETNS_MAX];
	size_t i;

	fprintf(f, "router-id %s\n",
	    inet_ntop(AF_INET, &r->router_id, id, sizeof(id)));
	for (i = 0; i < n->n_ifs; i++) {
		if (!is_linecard(n, i))
			continue;
		l = &run->t->links[n->ifs[i].link];
		fprintf(f, "interface %s", n->ifs[i].name);
		if (l->shape.rate_bps != 0)
			fprintf(f, " rate %" PRIu64 "bit", l->shape.rate_bps);
		fputc('\n', f);
	}
	tb_netns_name(run, n, ns, sizeof(ns));
	fprintf(f, "dataplane %s\n", topo_dataplane_name(r->dataplane));
	fprintf(f, "dataplane-instance %s\n", ns);
	snprintf(path, sizeof(path), "%s/%s.sock", run->dir, n->name);
	fprintf(f, "control-socket %s\n", path);
	snprintf(path, sizeof(path), "%s/%s", run->dir, n->name);
	fprintf(f, "state-dir %s\n", path);
	for (i = 0; i < r->n_conf_lines; i++)
		fprintf(f, "%s\n", r->conf_lines[i]);
	return ferror(f) ? -1 : 0;
}
