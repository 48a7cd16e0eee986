#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/conf.h"
#include "suites.h"

/* Run from the top of the tree (tests/run.sh does). */
#define GOLDEN	"tests/unit/conf/golden"

static char *
slurp(const char *path, size_t *len_r)
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
	if (len_r != NULL)
		*len_r = len;
	return buf;
}

static char *
print_conf(const struct conf *c)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(conf_print(c, f), 0);
	fclose(f);
	return out;
}

/* NAME.conf parses and prints back exactly as NAME.out; the printout
 * parses to the same config. */
static void
check_good(const char *name)
{
	char path[512], err[CONF_ERR_MAX];
	struct conf c, again;
	char *want, *got, *got2;

	snprintf(path, sizeof(path), GOLDEN "/%s.conf", name);
	ck_assert_msg(conf_load(path, &c, err, sizeof(err)) == 0,
	    "%s: %s", name, err);
	got = print_conf(&c);
	snprintf(path, sizeof(path), GOLDEN "/%s.out", name);
	want = slurp(path, NULL);
	ck_assert_msg(strcmp(got, want) == 0, "%s printed:\n%s", name, got);
	ck_assert_int_eq(conf_parse(got, strlen(got), &again, err,
	    sizeof(err)), 0);
	got2 = print_conf(&again);
	ck_assert_str_eq(got2, got);
	free(want);
	free(got);
	free(got2);
}

/* bad-NAME.conf fails with exactly the message in bad-NAME.err. */
static void
check_bad(const char *name)
{
	char path[512], expect[CONF_ERR_MAX + 600], err[CONF_ERR_MAX];
	struct conf c;
	char *want;
	size_t len;

	snprintf(path, sizeof(path), GOLDEN "/%s.err", name);
	want = slurp(path, &len);
	if (len > 0 && want[len - 1] == '\n')
		want[len - 1] = '\0';
	snprintf(path, sizeof(path), GOLDEN "/%s.conf", name);
	snprintf(expect, sizeof(expect), "%s: %s", path, want);
	memset(&c, 0xa5, sizeof(c));
	ck_assert_msg(conf_load(path, &c, err, sizeof(err)) != 0,
	    "%s parsed", name);
	ck_assert_str_eq(err, expect);
	ck_assert_uint_eq(((uint8_t *)&c)[0], 0xa5);	/* untouched */
	free(want);
}

START_TEST(golden_files)
{
	DIR *d = opendir(GOLDEN);
	struct dirent *e;
	char name[256];
	size_t n;
	int good = 0, bad = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 6 || n >= sizeof(name) ||
		    strcmp(e->d_name + n - 5, ".conf") != 0)
			continue;
		memcpy(name, e->d_name, n - 5);
		name[n - 5] = '\0';
		if (strncmp(name, "bad-", 4) == 0) {
			check_bad(name);
			bad++;
		} else {
			check_good(name);
			good++;
		}
	}
	closedir(d);
	ck_assert_int_ge(good, 3);
	ck_assert_int_ge(bad, 20);
}
END_TEST

START_TEST(defaults_follow_rfc2205)
{
	struct conf c;

	conf_defaults(&c);
	ck_assert_uint_eq(c.refresh_ms, 30000);
	ck_assert_uint_eq(c.keep_multiplier, 3);
	ck_assert_uint_eq(c.labels.min, 16);
	ck_assert_uint_eq(c.labels.max, 1048575);
	ck_assert_str_eq(c.ctl_path, "/run/quasar/quasard.sock");
	ck_assert_int_eq(c.dataplane, DP_BACKEND_BPF);
	ck_assert_uint_eq(c.n_ifs, 0);
}
END_TEST

START_TEST(overlong_line_is_refused)
{
	char text[CONF_LINE_MAX + 40], err[CONF_ERR_MAX];
	struct conf c;
	int n;

	n = snprintf(text, sizeof(text), "router-id 1.2.3.4\n# ");
	memset(text + n, 'x', sizeof(text) - (size_t)n);
	ck_assert_int_eq(conf_parse(text, sizeof(text), &c, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "line 2: line longer than 512 bytes");
}
END_TEST

START_TEST(interfaces_found_by_name)
{
	static const char text[] = "router-id 1.2.3.4\ninterface a\n"
	    "interface b rate 1gbit\n";
	char err[CONF_ERR_MAX];
	struct conf c;
	const struct conf_if *ci;

	ck_assert_int_eq(conf_parse(text, sizeof(text) - 1, &c, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(c.n_ifs, 2);
	ci = conf_if_find(&c, "b");
	ck_assert_ptr_nonnull(ci);
	ck_assert_uint_eq(ci->rate_bps, 1000000000ull);
	ck_assert_ptr_null(conf_if_find(&c, "c"));
}
END_TEST

START_TEST(too_many_interfaces)
{
	char text[CONF_IF_MAX * 20 + 64], err[CONF_ERR_MAX];
	struct conf c;
	size_t off;
	int i;

	off = (size_t)snprintf(text, sizeof(text), "router-id 1.2.3.4\n");
	for (i = 0; i <= CONF_IF_MAX; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "interface e%d\n", i);
	ck_assert_int_eq(conf_parse(text, off, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 66: more than 64 interfaces");
}
END_TEST

START_TEST(missing_file_is_named)
{
	char err[CONF_ERR_MAX];
	struct conf c;

	ck_assert_int_eq(conf_load("/nonexistent/q.conf", &c, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/q.conf: No such file or "
	    "directory");
}
END_TEST

START_TEST(flows_defaults_and_fractions)
{
	static const char text[] = "router-id 1.2.3.4\ninterface a\n"
	    "interface b reservable 0.05\nreservable 0.8\n"
	    "dom0-reserve 1.5\n";
	char err[CONF_ERR_MAX];
	struct conf c;

	conf_defaults(&c);
	ck_assert_int_eq(c.backend, CONF_BACKEND_NETNS);
	ck_assert_uint_eq(c.pool_min_idle, 2);
	ck_assert_uint_eq(c.pool_max_total, 16);
	ck_assert_uint_eq(c.cpu_budget_mc, 0);	/* online cores - reserve */
	ck_assert_uint_eq(c.pkt_cost_ns, 0);	/* the calibration file */
	ck_assert_int_eq(conf_parse(text, sizeof(text) - 1, &c, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(c.dom0_reserve_mc, 1500);
	/* The line card's own fraction wins over the global one. */
	ck_assert_double_eq_tol(conf_if_reservable(&c, conf_if_find(&c, "a")),
	    0.8, 1e-12);
	ck_assert_double_eq_tol(conf_if_reservable(&c, conf_if_find(&c, "b")),
	    0.05, 1e-12);
	ck_assert_str_eq(conf_backend_name(CONF_BACKEND_NONE), "none");
	ck_assert_str_eq(conf_backend_name(CONF_BACKEND_XEN), "xen");
}
END_TEST

Suite *
conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, golden_files);
	tcase_add_test(tc, defaults_follow_rfc2205);
	tcase_add_test(tc, overlong_line_is_refused);
	tcase_add_test(tc, interfaces_found_by_name);
	tcase_add_test(tc, too_many_interfaces);
	tcase_add_test(tc, missing_file_is_named);
	tcase_add_test(tc, flows_defaults_and_fractions);
	suite_add_tcase(s, tc);
	return s;
}
