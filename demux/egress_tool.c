/*
 * quasar-egress: drive the egress classes and the data plane (dp.h, either
 * backend) by hand or from a script, one command per argument or, with no
 * arguments, one per line of standard input (so that a script can keep
 * one instance, and the state it holds, open while it sends traffic).
 * Every command answers one line: "ok [values]" or "error: why".
 * docs/egress.md lists the commands.
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demux/dp.h"
#include "demux/egress_htb.h"
#include "lib/log.h"
#include "lib/mpls.h"

#define TOOL_LINECARDS	8
#define TOOL_ARGS	5	/* the command and up to four operands */
#define TOOL_OUT	160

struct tool {
	struct {
		char ifname[IF_NAMESIZE];
		struct egress *eg;
	} cards[TOOL_LINECARDS];
	struct dp *dp;		/* once "dp-open" ran */
};

struct cmd {
	const char *name;
	int min_args;		/* operands, not counting the name */
	int max_args;
	const char *usage;
	/* a[0] is the name; operands not given are NULL. */
	int (*fn)(struct tool *t, char **a, char *out);
};

static int
num(const char *s, uint64_t *v_r)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -EINVAL;
	errno = 0;
	*v_r = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0')
		return -EINVAL;
	return 0;
}

/* "1:10" (hex, as tc prints class ids) into a class id. */
static int
classid(const char *s, uint32_t *id_r)
{
	unsigned maj, min;
	int n = 0;

	if (sscanf(s, "%x:%x%n", &maj, &min, &n) != 2 || s[n] != '\0' ||
	    maj > 0xffff || min > 0xffff)
		return -EINVAL;
	*id_r = (maj << 16) | min;
	return 0;
}

static int
ifindex(const char *name, uint32_t *idx_r)
{
	if ((*idx_r = if_nametoindex(name)) == 0)
		return -ENODEV;
	return 0;
}

static int
label(const char *s, uint32_t *label_r)
{
	uint64_t v;
	int rc;

	if ((rc = num(s, &v)) < 0)
		return rc;
	if (v > MPLS_LABEL_MAX || mpls_label_is_reserved((uint32_t)v))
		return -ERANGE;
	*label_r = (uint32_t)v;
	return 0;
}

/* A rate and a burst, both bytes. */
static int
rate_burst(char **a, uint64_t *rate_r, uint32_t *burst_r)
{
	uint64_t burst;
	int rc;

	if ((rc = num(a[0], rate_r)) < 0 || (rc = num(a[1], &burst)) < 0)
		return rc;
	if (burst > UINT32_MAX)
		return -ERANGE;
	*burst_r = (uint32_t)burst;
	return 0;
}

/* The egress classes that "classes" opened on 'name', or NULL. */
static struct egress *
card(struct tool *t, const char *name)
{
	int i;

	for (i = 0; i < TOOL_LINECARDS; i++)
		if (t->cards[i].eg != NULL &&
		    strcmp(t->cards[i].ifname, name) == 0)
			return t->cards[i].eg;
	return NULL;
}

static int
do_classes(struct tool *t, char **a, char *out)
{
	uint64_t rate = 0, line, reserved;
	struct egress *eg;
	int i, rc;

	if ((eg = card(t, a[1])) == NULL) {
		if (strcmp(a[2], "auto") != 0 && (rc = num(a[2], &rate)) < 0)
			return rc;
		for (i = 0; i < TOOL_LINECARDS && t->cards[i].eg != NULL; i++)
			;
		if (i == TOOL_LINECARDS)
			return -ENOSPC;
		if ((rc = egress_open(a[1], rate, &eg)) < 0)
			return rc;
		t->cards[i].eg = eg;
		snprintf(t->cards[i].ifname, IF_NAMESIZE, "%s", a[1]);
	}
	egress_rates(eg, &line, &reserved);
	snprintf(out, TOOL_OUT, " line %" PRIu64 " reserved %" PRIu64
	    " control %" PRIu64, line, reserved, egress_ctl_rate(line));
	return 0;
}

static int
do_flow_add(struct tool *t, char **a, char *out)
{
	struct egress *eg = card(t, a[1]);
	uint64_t rate;
	uint32_t burst, id;
	int rc;

	if (eg == NULL)
		return -ENOENT;
	if ((rc = rate_burst(a + 2, &rate, &burst)) < 0 ||
	    (rc = egress_flow_add(eg, rate, burst, &id)) < 0)
		return rc;
	snprintf(out, TOOL_OUT, " %x:%x", id >> 16, id & 0xffff);
	return 0;
}

static int
do_flow_change(struct tool *t, char **a, char *out)
{
	struct egress *eg = card(t, a[1]);
	uint64_t rate;
	uint32_t burst, id;
	int rc;

	(void)out;
	if (eg == NULL)
		return -ENOENT;
	if ((rc = classid(a[2], &id)) < 0 ||
	    (rc = rate_burst(a + 3, &rate, &burst)) < 0)
		return rc;
	return egress_flow_change(eg, id, rate, burst);
}

static int
do_flow_del(struct tool *t, char **a, char *out)
{
	struct egress *eg = card(t, a[1]);
	uint32_t id;
	int rc;

	(void)out;
	if (eg == NULL)
		return -ENOENT;
	if ((rc = classid(a[2], &id)) < 0)
		return rc;
	return egress_flow_del(eg, id);
}

static int
do_class(struct tool *t, char **a, char *out)
{
	struct egress *eg = card(t, a[1]);
	struct egress_class c;
	uint32_t id;
	int rc;

	if (eg == NULL)
		return -ENOENT;
	if ((rc = classid(a[2], &id)) < 0 ||
	    (rc = egress_class_get(eg, id, &c)) < 0)
		return rc;
	snprintf(out, TOOL_OUT, " rate %" PRIu64 " ceil %" PRIu64 " bytes %"
	    PRIu64 " packets %" PRIu64 " drops %" PRIu64, c.rate, c.ceil,
	    c.bytes, c.packets, c.drops);
	return 0;
}

static int
do_teardown(struct tool *t, char **a, char *out)
{
	int i, rc;

	(void)out;
	for (i = 0; i < TOOL_LINECARDS; i++) {
		if (t->cards[i].eg == NULL ||
		    strcmp(t->cards[i].ifname, a[1]) != 0)
			continue;
		if ((rc = egress_teardown(t->cards[i].eg)) < 0)
			return rc;
		egress_close(t->cards[i].eg);
		t->cards[i].eg = NULL;
		return 0;
	}
	return -ENOENT;
}

static int
do_dp_open(struct tool *t, char **a, char *out)
{
	struct dp_params p = { .instance = a[2] != NULL ? a[2] :
	    "quasar-egress", .pin_dir = a[3] };

	(void)out;
	if (t->dp != NULL)
		return -EBUSY;
	if (strcmp(a[1], "bpf") == 0)
		p.backend = DP_BACKEND_BPF;
	else if (strcmp(a[1], "u32") == 0)
		p.backend = DP_BACKEND_U32;
	else
		return -EINVAL;
	return dp_open(&p, &t->dp);
}

static int
do_dp_close(struct tool *t, char **a, char *out)
{
	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if (strcmp(a[1], "keep") != 0 && strcmp(a[1], "teardown") != 0)
		return -EINVAL;
	dp_close(t->dp, strcmp(a[1], "teardown") == 0 ?
	    DP_CLOSE_TEARDOWN : DP_CLOSE_KEEP);
	t->dp = NULL;
	return 0;
}

static int
do_dp_linecard(struct tool *t, char **a, char *out)
{
	uint32_t idx;
	int rc;

	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = ifindex(a[1], &idx)) < 0)
		return rc;
	return dp_linecard_attach(t->dp, idx);
}

static int
do_dp_vif(struct tool *t, char **a, char *out)
{
	struct dp_vif v = { 0 };
	int rc;

	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = ifindex(a[1], &v.vif_ifindex)) < 0 ||
	    (rc = ifindex(a[2], &v.out_ifindex)) < 0 ||
	    (a[3] != NULL && (rc = classid(a[3], &v.priority)) < 0))
		return rc;
	return dp_vif_attach(t->dp, &v);
}

static int
do_dp_steer(struct tool *t, char **a, char *out)
{
	struct dp_ilm e = { .action = DP_ILM_ROUTELET };
	int rc;

	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = label(a[1], &e.in_label)) < 0 ||
	    (rc = ifindex(a[2], &e.vif_ifindex)) < 0)
		return rc;
	return dp_ilm_set(t->dp, &e);
}

/* "aa:bb:cc:dd:ee:ff" into 6 bytes. */
static int
mac(const char *s, uint8_t m[6])
{
	unsigned v[6];
	int i, n = 0;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%n", &v[0], &v[1], &v[2], &v[3],
	    &v[4], &v[5], &n) != 6 || s[n] != '\0')
		return -EINVAL;
	for (i = 0; i < 6; i++) {
		if (v[i] > 0xff)
			return -EINVAL;
		m[i] = (uint8_t)v[i];
	}
	return 0;
}

/* The MAC address of interface 'name', from sysfs. */
static int
own_mac(const char *name, uint8_t m[6])
{
	char path[96], buf[32];
	FILE *f;
	int rc = -ENODEV;

	snprintf(path, sizeof(path), "/sys/class/net/%s/address", name);
	if ((f = fopen(path, "r")) == NULL)
		return rc;
	if (fgets(buf, sizeof(buf), f) != NULL) {
		buf[strcspn(buf, "\n")] = '\0';
		rc = mac(buf, m);
	}
	fclose(f);
	return rc;
}

static int
do_dp_swap(struct tool *t, char **a, char *out)
{
	struct dp_ilm e = { .action = DP_ILM_SWAP };
	int rc;

	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = label(a[1], &e.in_label)) < 0 ||
	    (rc = label(a[2], &e.out_label)) < 0 ||
	    (rc = ifindex(a[3], &e.out_ifindex)) < 0 ||
	    (rc = mac(a[4], e.dst_mac)) < 0 ||
	    (rc = own_mac(a[3], e.src_mac)) < 0)
		return rc;
	return dp_ilm_set(t->dp, &e);
}

/* Pop the top label (implicit null: this box is the penultimate hop). */
static int
do_dp_pop(struct tool *t, char **a, char *out)
{
	struct dp_ilm e = { .action = DP_ILM_POP };
	int rc;

	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = label(a[1], &e.in_label)) < 0 ||
	    (rc = ifindex(a[2], &e.out_ifindex)) < 0 ||
	    (rc = mac(a[3], e.dst_mac)) < 0 ||
	    (rc = own_mac(a[2], e.src_mac)) < 0)
		return rc;
	return dp_ilm_set(t->dp, &e);
}

static int
do_dp_del(struct tool *t, char **a, char *out)
{
	uint32_t l;
	int rc;

	(void)out;
	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = label(a[1], &l)) < 0)
		return rc;
	return dp_ilm_del(t->dp, l);
}

static int
do_dp_count(struct tool *t, char **a, char *out)
{
	struct dp_counters c;
	uint32_t l;
	int rc;

	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = label(a[1], &l)) < 0 ||
	    (rc = dp_ilm_counters(t->dp, l, &c)) < 0)
		return rc;
	snprintf(out, TOOL_OUT, " packets %" PRIu64 " bytes %" PRIu64,
	    c.packets, c.bytes);
	return 0;
}

static int
do_dp_vif_count(struct tool *t, char **a, char *out)
{
	struct dp_counters c;
	uint32_t idx;
	int rc;

	if (t->dp == NULL)
		return -ENOTCONN;
	if ((rc = ifindex(a[1], &idx)) < 0 ||
	    (rc = dp_vif_counters(t->dp, idx, &c)) < 0)
		return rc;
	snprintf(out, TOOL_OUT, " packets %" PRIu64 " bytes %" PRIu64,
	    c.packets, c.bytes);
	return 0;
}

static const struct cmd cmds[] = {
	{ "classes", 2, 2, "IFNAME RATE|auto", do_classes },
	{ "flow-add", 3, 3, "IFNAME RATE BURST", do_flow_add },
	{ "flow-change", 4, 4, "IFNAME CLASSID RATE BURST", do_flow_change },
	{ "flow-del", 2, 2, "IFNAME CLASSID", do_flow_del },
	{ "class", 2, 2, "IFNAME CLASSID", do_class },
	{ "teardown", 1, 1, "IFNAME", do_teardown },
	{ "dp-open", 1, 3, "bpf|u32 [INSTANCE [PINDIR]]", do_dp_open },
	{ "dp-linecard", 1, 1, "IFNAME", do_dp_linecard },
	{ "dp-vif", 2, 3, "VIF OUT [CLASSID]", do_dp_vif },
	{ "dp-steer", 2, 2, "LABEL VIF", do_dp_steer },
	{ "dp-swap", 4, 4, "LABEL OUTLABEL OUTIF NEXTHOP-MAC", do_dp_swap },
	{ "dp-pop", 3, 3, "LABEL OUTIF NEXTHOP-MAC", do_dp_pop },
	{ "dp-del", 1, 1, "LABEL", do_dp_del },
	{ "dp-count", 1, 1, "LABEL", do_dp_count },
	{ "dp-vif-count", 1, 1, "VIF", do_dp_vif_count },
	{ "dp-close", 1, 1, "keep|teardown", do_dp_close },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: quasar-egress [COMMAND ...]  (none: read stdin)\n"
	    "rates in bytes/s, bursts in bytes, class ids as 1:10\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %s %s\n", cmds[i].name, cmds[i].usage);
}

/* Run one command line; print its answer.  Returns 0 if it succeeded. */
static int
run(struct tool *t, char *line)
{
	char *a[TOOL_ARGS + 1] = { NULL }, *save = NULL, *w;
	char out[TOOL_OUT] = "";
	int n = 0, rc;
	size_t i;

	for (w = strtok_r(line, " \t\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n", &save)) {
		if (n == TOOL_ARGS) {
			printf("error: too many words\n");
			return -1;
		}
		a[n++] = w;
	}
	if (n == 0)
		return 0;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(a[0], cmds[i].name) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0])) {
		printf("error: unknown command %s\n", a[0]);
		return -1;
	}
	if (n - 1 < cmds[i].min_args || n - 1 > cmds[i].max_args) {
		printf("error: usage: %s %s\n", cmds[i].name, cmds[i].usage);
		return -1;
	}
	rc = cmds[i].fn(t, a, out);
	if (rc < 0)
		printf("error: %s: %s\n", a[0], strerror(-rc));
	else
		printf("ok%s\n", out);
	fflush(stdout);
	return rc < 0 ? -1 : 0;
}

int
main(int argc, char **argv)
{
	struct tool t;
	char buf[256];
	int i, failed = 0;

	memset(&t, 0, sizeof(t));
	log_init("quasar-egress", LOG_LVL_INFO, false);
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if (argc > 1) {
		for (i = 1; i < argc && !failed; i++) {
			snprintf(buf, sizeof(buf), "%s", argv[i]);
			failed = run(&t, buf) < 0;
		}
	} else {
		while (fgets(buf, sizeof(buf), stdin) != NULL)
			failed |= run(&t, buf) < 0;
	}
	/* What was built stays; only "teardown" and "dp-close" remove it. */
	for (i = 0; i < TOOL_LINECARDS; i++)
		egress_close(t.cards[i].eg);
	dp_close(t.dp, DP_CLOSE_KEEP);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
