#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "testbed/topo.h"
#include "suites.h"

/* Run from the top of the tree (tests/run.sh does). */
#define GOLDEN	"tests/unit/testbed/golden"

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t len;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	buf = malloc(65536);
	ck_assert_ptr_nonnull(buf);
	len = fread(buf, 1, 65535, f);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static char *
print_topo(const struct topo *t)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(topo_print(t, f), 0);
	fclose(f);
	return out;
}

/* NAME.topo prints as NAME.out; the printout parses and prints the same. */
static void
check_golden(const char *name)
{
	char path[512], err[TOPO_ERR_MAX];
	struct topo *t, *again;
	char *want, *got, *got2;

	snprintf(path, sizeof(path), GOLDEN "/%s.topo", name);
	ck_assert_msg(topo_load(path, &t, err, sizeof(err)) == 0, "%s: %s",
	    name, err);
	got = print_topo(t);
	snprintf(path, sizeof(path), GOLDEN "/%s.out", name);
	want = slurp(path);
	ck_assert_msg(strcmp(got, want) == 0, "%s printed:\n%s", name, got);
	ck_assert_int_eq(topo_parse(got, strlen(got), &again, err,
	    sizeof(err)), 0);
	got2 = print_topo(again);
	ck_assert_str_eq(got2, got);
	topo_free(t);
	topo_free(again);
	free(want);
	free(got);
	free(got2);
}

START_TEST(golden_round_trips)
{
	DIR *d = opendir(GOLDEN);
	struct dirent *e;
	char name[256];
	size_t n;
	int seen = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 6 || n >= sizeof(name) ||
		    strcmp(e->d_name + n - 5, ".topo") != 0)
			continue;
		memcpy(name, e->d_name, n - 5);
		name[n - 5] = '\0';
		check_golden(name);
		seen++;
	}
	closedir(d);
	ck_assert_int_ge(seen, 2);
}
END_TEST

/* The example topologies shipped in testbed/topologies/ parse. */
START_TEST(examples_parse)
{
	DIR *d = opendir("testbed/topologies");
	struct dirent *e;
	char path[512], err[TOPO_ERR_MAX];
	struct topo *t;
	size_t n;
	int seen = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".topo") != 0)
			continue;
		snprintf(path, sizeof(path), "testbed/topologies/%s",
		    e->d_name);
		ck_assert_msg(topo_load(path, &t, err, sizeof(err)) == 0,
		    "%s", err);
		topo_free(t);
		seen++;
	}
	closedir(d);
	ck_assert_int_ge(seen, 2);
}
END_TEST

#define TWO "node a\nnode b\nlink a:x b:y\naddr a:x 10.0.0.1/24\n"

/* Hostile and wrong files, each with the exact error it must give. */
static const struct {
	const char *text;
	const char *err;
} bad[] = {
	{ "", "no node" },
	{ "# only a comment\n", "no node" },
	{ "bogus x\n", "line 1: unknown statement 'bogus'" },
	{ "node\n", "line 1: usage: node NAME [forward]" },
	{ "node a fwd\n", "line 1: usage: node NAME [forward]" },
	{ "node 1a\n", "line 1: '1a' is not a node name (1-15 of "
	    "[A-Za-z0-9_], a letter first)" },
	{ "node a-b\n", "line 1: 'a-b' is not a node name (1-15 of "
	    "[A-Za-z0-9_], a letter first)" },
	{ "node abcdefghijklmnop\n", "line 1: 'abcdefghijklmnop' is not a "
	    "node name (1-15 of [A-Za-z0-9_], a letter first)" },
	{ "node a\nnode a\n", "line 2: node a declared twice" },
	{ "node a\nrouter a router-id 1.1.1.1\n",
	    "line 2: node a declared twice" },
	{ "router r\n", "line 1: router r: no router-id" },
	{ "router r router-id 0.0.0.0\n", "line 1: router-id: '0.0.0.0' "
	    "is not a usable IPv4 address" },
	{ "router r router-id 1.1.1.1 backend kvm\n", "line 1: backend: "
	    "netns, xen or virt, not 'kvm'" },
	{ "router r router-id 1.1.1.1 dataplane xdp\n", "line 1: "
	    "dataplane: bpf or u32, not 'xdp'" },
	{ "router r router-id 1.1.1.1 router-id 1.1.1.2\n", "line 1: "
	    "router: unknown or repeated option 'router-id'" },
	{ "router r router-id\n", "line 1: router-id: missing value" },
	{ "router r router-id 1.1.1.1 linecards a,a\n", "line 1: "
	    "linecards: a given twice" },
	{ "router r router-id 1.1.1.1 linecards ,\n", "line 1: "
	    "linecards: empty list" },
	{ "router r router-id 1.1.1.1\n", "line 1: router r has no link" },
	{ "router r router-id 1.1.1.1 linecards z\nnode b\nlink r:x b:y\n",
	    "line 1: router r: line card z is the end of no link" },
	{ "node a\nrouter-conf a log-level debug\n", "line 2: router-conf: "
	    "a is not a router" },
	{ "router r router-id 1.1.1.1\nrouter-conf r interface x\n",
	    "line 2: router-conf: interface is written from the router "
	    "statement and the links" },
	{ "router-conf r x y\n", "line 1: unknown node 'r' (declare it "
	    "with node or router first)" },
	{ "node a\nlink a:x b:y\n", "line 2: unknown node 'b' (declare it "
	    "with node or router first)" },
	{ "node a\nnode b\nlink a b:y\n", "line 3: 'a': need NODE:INTERFACE" },
	{ "node a\nnode b\nlink a:x/y b:y\n", "line 3: 'x/y' is not an "
	    "interface name" },
	{ "node a\nnode b\nlink a:0123456789abcdef b:y\n", "line 3: "
	    "'0123456789abcdef' is not an interface name" },
	{ "node a\nlink a:x a:x\n", "line 2: a link needs two different "
	    "ends" },
	{ "node a\nnode b\nlink a:lo b:y\n", "line 3: a:lo cannot be a "
	    "link's end" },
	{ TWO "link a:x b:z\n", "line 5: a:x is already the end of a link" },
	{ "node a\nnode b\nlink a:x b:y rate fast\n", "line 3: rate: 'fast' "
	    "is not a rate of at least 8kbit (tc units: 10mbit)" },
	{ "node a\nnode b\nlink a:x b:y rate 1kbit\n", "line 3: rate: "
	    "'1kbit' is not a rate of at least 8kbit (tc units: 10mbit)" },
	{ "node a\nnode b\nlink a:x b:y rate -1mbit\n", "line 3: rate: "
	    "'-1mbit' is not a rate of at least 8kbit (tc units: 10mbit)" },
	{ "node a\nnode b\nlink a:x b:y burst 10k\n", "line 3: burst "
	    "without rate" },
	{ "node a\nnode b\nlink a:x b:y rate 1mbit burst 1k\n", "line 3: "
	    "burst: '1k' is not a size of 1600b to 4gb (tc units: 32k)" },
	{ "node a\nnode b\nlink a:x b:y delay 10\n", "line 3: delay: '10' "
	    "is not a delay of 1us to 10s (500us, 10ms, 1s)" },
	{ "node a\nnode b\nlink a:x b:y delay 11s\n", "line 3: delay: '11s' "
	    "is not a delay of 1us to 10s (500us, 10ms, 1s)" },
	{ "node a\nnode b\nlink a:x b:y delay 0ms\n", "line 3: delay: '0ms' "
	    "is not a delay of 1us to 10s (500us, 10ms, 1s)" },
	{ "node a\nnode b\nlink a:x b:y delay 99999999999999999999us\n",
	    "line 3: delay: '99999999999999999999us' is not a delay of 1us "
	    "to 10s (500us, 10ms, 1s)" },
	{ "node a\nnode b\nlink a:x b:y rate 1mbit rate 2mbit\n", "line 3: "
	    "link: unknown or repeated option 'rate'" },
	{ "node a\nnode b\nlink a:x b:y rate\n", "line 3: usage: link "
	    "NODE:IF NODE:IF [rate RATE] [burst SIZE] [delay TIME]" },
	{ TWO "addr a:x 10.0.0.1\n", "line 5: '10.0.0.1' is not "
	    "A.B.C.D/PLEN (PLEN 1-32)" },
	{ TWO "addr a:x 10.0.0.9/33\n", "line 5: '10.0.0.9/33' is not "
	    "A.B.C.D/PLEN (PLEN 1-32)" },
	{ TWO "addr a:x 10.0.0.9/0\n", "line 5: '10.0.0.9/0' is not "
	    "A.B.C.D/PLEN (PLEN 1-32)" },
	{ TWO "addr a:x 10.0.0.9/+8\n", "line 5: '10.0.0.9/+8' is not "
	    "A.B.C.D/PLEN (PLEN 1-32)" },
	{ TWO "addr a:x 10.0.0.300/24\n", "line 5: '10.0.0.300/24' is not "
	    "A.B.C.D/PLEN (PLEN 1-32)" },
	{ TWO "addr a:x 224.0.0.1/24\n", "line 5: 224.0.0.1/24 is not a "
	    "unicast address" },
	{ TWO "addr b:y 10.0.0.1/24\n", "line 5: address 10.0.0.1/24 "
	    "already given on line 4" },
	{ TWO "addr b:q 10.0.0.2/24\n", "line 5: b:q has no interface q "
	    "(declare its link first)" },
	{ TWO "route a 10.9.0.0/16 10.0.0.2\n", "line 5: usage: route NODE "
	    "PREFIX/PLEN|default via A.B.C.D [dev IF]" },
	{ TWO "route a 10.9.0.1/16 via 10.0.0.2\n", "line 5: 10.9.0.1/16 "
	    "has host bits set" },
	{ TWO "route a default via 10.0.0.2 dev q\n", "line 5: node a has "
	    "no interface q" },
	{ TWO "route a default via 10.0.0.2\nroute a 0.0.0.0/0 via "
	    "10.0.0.3\n", "line 6: a: route to 0.0.0.0/0 already given on "
	    "line 5" },
	{ TWO "route a default via 10.0.1.2\n", "line 5: gateway 10.0.1.2 "
	    "is on no subnet of a" },
	{ TWO "route a default via 10.0.0.1\n", "line 5: gateway 10.0.0.1 "
	    "is on no subnet of a" },
	{ TWO "route b default via 10.0.0.1\n", "line 5: gateway 10.0.0.1 "
	    "is on no subnet of b" },
	{ "node a\nnode b\nnode c\nlink a:x b:y\nlink a:z c:w\n"
	    "addr a:x 10.0.0.1/24\nroute a default via 10.0.0.2 dev z\n",
	    "line 7: gateway 10.0.0.2 is on no subnet of a:z" },
	{ "node a b c d e f g h i j k l m n o p q\n", "line 1: more than "
	    "16 words" },
};

START_TEST(hostile_input)
{
	char err[TOPO_ERR_MAX];
	struct topo *t = NULL;

	err[0] = '\0';
	ck_assert_msg(topo_parse(bad[_i].text, strlen(bad[_i].text), &t, err,
	    sizeof(err)) == -1, "parsed: %s", bad[_i].text);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(err, bad[_i].err);
}
END_TEST

START_TEST(nul_and_long_lines)
{
	char text[TOPO_LINE_MAX + 40], err[TOPO_ERR_MAX];
	static const char nul[] = "node a\nnode b\0c\n";
	struct topo *t = NULL;
	int n;

	ck_assert_int_eq(topo_parse(nul, sizeof(nul) - 1, &t, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "line 2: NUL byte");
	n = snprintf(text, sizeof(text), "node a\n# ");
	memset(text + n, 'x', sizeof(text) - (size_t)n);
	ck_assert_int_eq(topo_parse(text, sizeof(text), &t, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "line 2: longer than 512 bytes");
	ck_assert_ptr_null(t);
}
END_TEST

START_TEST(limits)
{
	char *text = malloc(65536), err[TOPO_ERR_MAX];
	struct topo *t = NULL;
	size_t off = 0;
	int i;

	ck_assert_ptr_nonnull(text);
	for (i = 0; i <= TOPO_NODES_MAX; i++)
		off += (size_t)snprintf(text + off, 65536 - off, "node n%d\n",
		    i);
	ck_assert_int_eq(topo_parse(text, off, &t, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 65: more than 64 nodes");
	off = (size_t)snprintf(text, 65536, "node a\nnode b\n");
	for (i = 0; i <= TOPO_IFS_MAX; i++)
		off += (size_t)snprintf(text + off, 65536 - off,
		    "link a:x%d b:y%d\n", i, i);
	ck_assert_int_eq(topo_parse(text, off, &t, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 35: node a: more than 32 interfaces");
	free(text);
}
END_TEST

START_TEST(lookups)
{
	static const char text[] = TWO;
	char err[TOPO_ERR_MAX];
	struct topo *t;
	const struct topo_node *n;

	ck_assert_int_eq(topo_parse(text, sizeof(text) - 1, &t, err,
	    sizeof(err)), 0);
	n = topo_node_find(t, "b");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(topo_if_find(n, "y"), 0);
	ck_assert_int_eq(topo_if_find(n, "x"), -1);
	ck_assert_ptr_null(topo_node_find(t, "c"));
	ck_assert_uint_eq(t->links[0].node[1], 1);
	ck_assert_int_eq(t->addrs[0].ifidx, 0);
	topo_free(t);
}
END_TEST

START_TEST(missing_file_is_named)
{
	char err[TOPO_ERR_MAX];
	struct topo *t = NULL;

	ck_assert_int_eq(topo_load("/nonexistent/x.topo", &t, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/x.topo: No such file or "
	    "directory");
}
END_TEST

START_TEST(burst_from_rate)
{
	struct topo_shape s = { .rate_bps = 20000000 };

	ck_assert_uint_eq(topo_burst(&s), 25000);	/* 10 ms */
	s.rate_bps = 100000;
	ck_assert_uint_eq(topo_burst(&s), 3200);	/* the floor */
	s.burst_bytes = 65536;
	ck_assert_uint_eq(topo_burst(&s), 65536);
}
END_TEST

/*
 * Mutated copies of a good file (bytes flipped, cut, duplicated lines):
 * each parses, or fails with an error naming a line (or "no node"); the
 * sanitizer build checks that nothing reads out of bounds.
 */
START_TEST(mutations)
{
	static const char alphabet[] = " \t\n#:/.,0123456789abxyzR-";
	char *good = slurp(GOLDEN "/full.topo"), err[TOPO_ERR_MAX], *buf;
	size_t len = strlen(good), n, k, at;
	struct topo *t;
	unsigned seed = 1;
	int i, ok = 0;

	buf = malloc(2 * len + 1);
	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < 3000; i++) {
		memcpy(buf, good, len);
		n = len;
		for (k = 0; k <= (unsigned)i % 4 && n > 0; k++) {
			at = (size_t)rand_r(&seed) % n;
			switch (rand_r(&seed) % 3) {
			case 0:		/* flip a byte */
				buf[at] = alphabet[(size_t)rand_r(&seed) %
				    (sizeof(alphabet) - 1)];
				break;
			case 1:		/* cut the rest */
				n = at;
				break;
			default:	/* repeat a stretch */
				if (n + at <= 2 * len) {
					memmove(buf + 2 * at, buf + at, n - at);
					n += at;
				}
			}
		}
		err[0] = '\0';
		t = NULL;
		if (topo_parse(buf, n, &t, err, sizeof(err)) == 0) {
			ck_assert_ptr_nonnull(t);
			topo_free(t);
			ok++;
			continue;
		}
		ck_assert_ptr_null(t);
		ck_assert_msg(strncmp(err, "line ", 5) == 0 ||
		    strcmp(err, "no node") == 0, "error '%s'", err);
	}
	ck_assert_int_gt(ok, 0);
	free(buf);
	free(good);
}
END_TEST

Suite *
topo_suite(void)
{
	Suite *s = suite_create("topo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, golden_round_trips);
	tcase_add_test(tc, examples_parse);
	tcase_add_loop_test(tc, hostile_input, 0,
	    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, nul_and_long_lines);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, lookups);
	tcase_add_test(tc, missing_file_is_named);
	tcase_add_test(tc, burst_from_rate);
	tcase_add_test(tc, mutations);
	suite_add_tcase(s, tc);
	return s;
}
