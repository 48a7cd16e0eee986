#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routelet/chan_xs.h"
#include "routelet/config.h"
#include "suites.h"

/*
 * A recording fake of xenstore: a flat table of paths, transactions that
 * can be made to lose their commit race, and counts of every call.
 */
#define FAKE_MAX	64

struct fake_xs {
	char path[FAKE_MAX][64];
	char val[FAKE_MAX][RL_CONFIG_TEXT_MAX + 64];
	int n;
	bool watch_fails;
	char watched[64];
	int pending_events;
	int commits_to_fail;	/* < 0: every one */
	xs_tx_t next_tx;
	xs_tx_t open_tx;
	int tx_starts, commits, aborts, tx_writes, reads, status_writes;
};

static struct fake_xs fx;

static int
fake_find(const char *path)
{
	int i;

	for (i = 0; i < fx.n; i++)
		if (strcmp(fx.path[i], path) == 0)
			return i;
	return -1;
}

static void
fake_set(const char *path, const char *val)
{
	int i = fake_find(path);

	if (i < 0) {
		ck_assert_int_lt(fx.n, FAKE_MAX);
		i = fx.n++;
		strcpy(fx.path[i], path);
	}
	strcpy(fx.val[i], val);
}

static const char *
fake_get(const char *path)
{
	int i = fake_find(path);

	return i < 0 ? NULL : fx.val[i];
}

static int
fake_fileno(void *h)
{
	(void)h;
	return 42;
}

static bool
fake_watch(void *h, const char *path, const char *token)
{
	(void)h;
	(void)token;
	if (fx.watch_fails) {
		errno = EACCES;
		return false;
	}
	strcpy(fx.watched, path);
	return true;
}

static bool
fake_read_watch(void *h)
{
	(void)h;
	if (fx.pending_events == 0)
		return false;
	fx.pending_events--;
	return true;
}

static xs_tx_t
fake_tx_start(void *h)
{
	(void)h;
	ck_assert_uint_eq(fx.open_tx, 0);
	fx.tx_starts++;
	fx.open_tx = ++fx.next_tx;
	return fx.open_tx;
}

static char *
fake_read(void *h, xs_tx_t tx, const char *path)
{
	const char *v = fake_get(path);

	(void)h;
	ck_assert(tx == 0 || tx == fx.open_tx);
	fx.reads++;
	if (v == NULL) {
		errno = ENOENT;
		return NULL;
	}
	return strdup(v);
}

static bool
fake_write(void *h, xs_tx_t tx, const char *path, const char *val)
{
	(void)h;
	ck_assert(tx == 0 || tx == fx.open_tx);
	if (tx != 0)
		fx.tx_writes++;
	if (strcmp(path, "quasar/status") == 0)
		fx.status_writes++;
	fake_set(path, val);
	return true;
}

static bool
fake_tx_end(void *h, xs_tx_t tx, bool abort)
{
	(void)h;
	ck_assert_uint_eq(tx, fx.open_tx);
	fx.open_tx = 0;
	if (abort) {
		fx.aborts++;
		return true;
	}
	if (fx.commits_to_fail != 0) {
		if (fx.commits_to_fail > 0)
			fx.commits_to_fail--;
		errno = EAGAIN;
		return false;
	}
	fx.commits++;
	return true;
}

static const struct xs_ops fake_ops = {
	.fileno = fake_fileno,
	.watch = fake_watch,
	.read_watch = fake_read_watch,
	.tx_start = fake_tx_start,
	.read = fake_read,
	.write = fake_write,
	.tx_end = fake_tx_end,
};

static struct chan_xs ch;
static struct rl_fwd fwd;

/* What quasard writes for a flow of generation 'gen', less 'drop'. */
static void
write_config_without(const char *gen, const char *drop)
{
	static const char *const lines[] = {
		"flow-id 7", "in-label 1000", "out-label 2000",
		"nexthop-mac 02:00:00:00:00:02",
		"source-mac 02:00:00:00:00:01", "rate 1000", "bucket 3000",
		"peak inf", "min-unit 64", "max-size 1500", NULL,
	};
	char text[RL_CONFIG_TEXT_MAX + 64];
	size_t len;
	int i;

	len = (size_t)snprintf(text, sizeof(text), "generation %s\n", gen);
	for (i = 0; lines[i] != NULL; i++)
		if (drop == NULL || strncmp(lines[i], drop, strlen(drop)) != 0)
			len += (size_t)snprintf(text + len, sizeof(text) - len,
			    "%s\n", lines[i]);
	fake_set("quasar/config", text);
}

static void
write_config(const char *gen)
{
	write_config_without(gen, NULL);
}

static void
setup(void)
{
	memset(&fx, 0, sizeof(fx));
	rl_fwd_init(&fwd);
	ck_assert_int_eq(chan_xs_init(&ch, &fake_ops, &fx), 0);
}

START_TEST(watches_config)
{
	ck_assert_str_eq(fx.watched, "quasar/config");
	fx.watch_fails = true;
	ck_assert_int_eq(chan_xs_init(&ch, &fake_ops, &fx), -1);
}
END_TEST

START_TEST(nothing_before_a_config)
{
	chan_xs_load(&ch, &fwd, 0);
	ck_assert(!fwd.configured);
	ck_assert_ptr_null(fake_get("quasar/status"));
}
END_TEST

START_TEST(config_read_in_one_request)
{
	write_config("5");
	fx.pending_events = 2;
	chan_xs_input(&ch, &fwd, 0);
	ck_assert(fwd.configured);
	ck_assert_uint_eq(fwd.cfg.generation, 5);
	ck_assert_uint_eq(fwd.cfg.in_label, 1000);
	ck_assert_uint_eq(fwd.cfg.flow_id, 7);
	/* one node, one read, no transaction */
	ck_assert_int_eq(fx.reads, 1);
	ck_assert_int_eq(fx.tx_starts, 0);
	ck_assert_str_eq(fake_get("quasar/status"), "ok 5");
	ck_assert_int_eq(fx.pending_events, 0);

	/* The same generation again is not applied again. */
	fx.pending_events = 1;
	chan_xs_input(&ch, &fwd, 0);
	ck_assert_int_eq(fx.status_writes, 1);
	/* No event, no read. */
	write_config("6");
	chan_xs_input(&ch, &fwd, 0);
	ck_assert_int_eq(fx.reads, 2);
	ck_assert_uint_eq(fwd.cfg.generation, 5);
	/* The next event brings 6. */
	fx.pending_events = 1;
	chan_xs_input(&ch, &fwd, 0);
	ck_assert_uint_eq(fwd.cfg.generation, 6);
	ck_assert_str_eq(fake_get("quasar/status"), "ok 6");
}
END_TEST

START_TEST(bad_config_reported_and_old_kept)
{
	write_config("5");
	chan_xs_load(&ch, &fwd, 0);
	fake_set("quasar/config", "generation 6\nin-label 2001\nrate fast\n");
	chan_xs_load(&ch, &fwd, 0);
	ck_assert_str_eq(fake_get("quasar/status"),
	    "error 6: line 3: bad value for 'rate'");
	ck_assert_uint_eq(fwd.cfg.generation, 5);
	ck_assert_uint_eq(fwd.cfg.in_label, 1000);
	/* Not retried until the generation moves on. */
	chan_xs_load(&ch, &fwd, 0);
	ck_assert_int_eq(fx.status_writes, 2);
}
END_TEST

START_TEST(missing_key_named)
{
	write_config_without("5", "max-size");
	chan_xs_load(&ch, &fwd, 0);
	ck_assert(!fwd.configured);
	ck_assert_str_eq(fake_get("quasar/status"),
	    "error 5: missing key 'max-size'");
}
END_TEST

START_TEST(no_generation_reported)
{
	write_config("5x");
	chan_xs_load(&ch, &fwd, 0);
	ck_assert(!fwd.configured);
	ck_assert_str_eq(fake_get("quasar/status"),
	    "error 0: no generation line");
	/* said once, until the text names a generation */
	chan_xs_load(&ch, &fwd, 0);
	ck_assert_int_eq(fx.status_writes, 1);
	write_config("7");
	chan_xs_load(&ch, &fwd, 0);
	ck_assert_str_eq(fake_get("quasar/status"), "ok 7");
}
END_TEST

START_TEST(oversized_config_refused)
{
	char text[RL_CONFIG_TEXT_MAX + 32];

	memset(text, '#', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	memcpy(text, "generation 8\n", 13);
	fake_set("quasar/config", text);
	chan_xs_load(&ch, &fwd, 0);
	ck_assert(!fwd.configured);
	ck_assert_ptr_nonnull(strstr(fake_get("quasar/status"),
	    "error 8: config is"));
}
END_TEST

START_TEST(counters_written_in_one_transaction)
{
	write_config("5");
	chan_xs_load(&ch, &fwd, 0);
	fwd.cnt.rx_packets = 12;
	fwd.cnt.policed_packets = 2;
	chan_xs_push_counters(&ch, &fwd, 27232);
	ck_assert_int_eq(fx.tx_starts, 1);
	ck_assert_int_eq(fx.commits, 1);
	ck_assert_int_eq(fx.tx_writes, RL_COUNTERS_N + 1);
	ck_assert_str_eq(fake_get("quasar/counters/rx-packets"), "12");
	ck_assert_str_eq(fake_get("quasar/counters/policed-packets"), "2");
	ck_assert_str_eq(fake_get("quasar/counters/generation"), "5");
	ck_assert_str_eq(fake_get("quasar/counters/dropped-packets"), "2");
	ck_assert_str_eq(fake_get("quasar/counters/mem-available-kb"),
	    "27232");
}
END_TEST

START_TEST(unknown_memory_not_written)
{
	chan_xs_push_counters(&ch, &fwd, 0);
	ck_assert_int_eq(fx.tx_writes, RL_COUNTERS_N);
	ck_assert_ptr_null(fake_get("quasar/counters/mem-available-kb"));
}
END_TEST

Suite *
chan_xs_suite(void)
{
	Suite *s = suite_create("chan_xs");
	TCase *tc = tcase_create("fake xenstore");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, watches_config);
	tcase_add_test(tc, nothing_before_a_config);
	tcase_add_test(tc, config_read_in_one_request);
	tcase_add_test(tc, bad_config_reported_and_old_kept);
	tcase_add_test(tc, missing_key_named);
	tcase_add_test(tc, no_generation_reported);
	tcase_add_test(tc, oversized_config_refused);
	tcase_add_test(tc, counters_written_in_one_transaction);
	tcase_add_test(tc, unknown_memory_not_written);
	suite_add_tcase(s, tc);
	return s;
}
