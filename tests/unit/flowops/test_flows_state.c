/*
 * dom0/flows_state.c: records written atomically and only when changed;
 * a "restarted" flows (new pool adopting with owners, same plane) takes
 * its flows back on the same routelets, the refreshes claim them (also
 * with a new label), the unclaimed ones expire, and records that cannot
 * be restored leave nothing behind.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "dom0/flows_state.h"
#include "rig.h"
#include "suites.h"

static struct rig r;
static char dir[64];
static struct flows_state *st;

static void
setup(void)
{
	memset(&r, 0, sizeof(r));
	fake_init(&r.f);
	plane_init(&r.plane);
	snprintf(dir, sizeof(dir), "/tmp/test_flowops.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	st = NULL;
}

/* Files in the state directory. */
static unsigned
files(void)
{
	struct dirent *de;
	unsigned n = 0;
	DIR *d = opendir(dir);

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static bool
has_file(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static void
teardown(void)
{
	char cmd[128];

	flows_state_close(st);
	rig_down(&r, false);
	ck_assert_uint_eq(fake_live(&r.f), 0);
	ck_assert_uint_eq(plane_count(&r.plane), 0);
	fake_fini(&r.f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * The engine's flows_set for a refreshed Resv, with the claim of a
 * restored flow that flows_set makes first (docs/flowops.md asks
 * flows.c for that call; made here so the test holds either way).
 */
static void
add_flow(uint64_t key, uint16_t lsp, uint32_t label)
{
	struct flow_req req;
	struct flow_err err;

	rig_req(&r, &req, key, lsp, label, 2000);
	if (!flows_has(r.flows, key))
		(void)flows_state_claim(r.flows, &req);
	ck_assert_int_eq(flows_set(r.flows, &req, &err), 0);
}

/* Two flows, synced, then quasard "restarts" keeping them. */
static void
run_then_restart(unsigned timeout_ms, int want_restored)
{
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	add_flow(1, 1, 1001);
	add_flow(2, 2, 1002);
	ck_assert_int_eq(flows_state_sync(st), 0);
	ck_assert_uint_eq(files(), 2);
	ck_assert(has_file("flow-1001"));
	flows_state_close(st);
	rig_down(&r, true);

	rig_up(&r, 1, 2, 4, true);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	ck_assert_int_eq(flows_state_restore(st, timeout_ms), want_restored);
	rig_settle(&r);
}

struct seen {
	unsigned	n;
	struct flow_info info[4];
};

static void
collect(void *arg, const struct flow_info *fi)
{
	struct seen *s = arg;

	if (s->n < 4)
		s->info[s->n++] = *fi;
}

START_TEST(restart_keeps_flows)
{
	struct flows_stats fs;
	struct seen s = { 0 };
	struct pool_counters pc;
	unsigned configures;

	rig_up(&r, 2, 2, 4, false);
	configures = 0;
	run_then_restart(60000, 2);
	configures = r.f.calls[FAKE_CONFIGURE];
	flows_walk(r.flows, collect, &s);
	ck_assert_uint_eq(s.n, 2);
	if (s.info[0].in_label != 1001) {	/* restored in directory order */
		s.info[2] = s.info[0];
		s.info[0] = s.info[1];
		s.info[1] = s.info[2];
	}
	ck_assert(s.info[0].key & FLOWS_STATE_KEY_RESTORED);
	ck_assert_uint_eq(s.info[0].in_label, 1001);
	ck_assert_uint_eq(s.info[0].rl_id, 0);	/* the same routelets */
	ck_assert_uint_eq(s.info[1].rl_id, 1);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1001), 100);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1002), 101);
	ck_assert_uint_eq(s.info[0].service, IS_SVC_CONTROLLED_LOAD);
	ck_assert(s.info[0].rate == 250000);
	pool_counters(r.pool, &pc);
	ck_assert_uint_eq(pc.claimed, 2);
	ck_assert_uint_eq(pc.in_state[POOL_RL_ASSIGNED], 2);
	flows_stats(r.flows, &fs);
	ck_assert_uint_eq(fs.used.n_flows, 2);	/* admission rebuilt */

	/* The refreshes claim them: no second flow, no new routelet. */
	add_flow(11, 1, 1001);
	ck_assert(flows_has(r.flows, 11));
	flows_stats(r.flows, &fs);
	ck_assert_uint_eq(fs.n_flows, 2);
	ck_assert_uint_eq(fs.admitted, 0);
	ck_assert_uint_eq(fs.used.n_flows, 2);
	ck_assert_uint_eq(r.f.calls[FAKE_CONFIGURE], configures);
	/* One whose label the engine changed moves to the new label. */
	add_flow(12, 2, 2002);
	ck_assert(flows_has(r.flows, 12));
	ck_assert_uint_eq(plane_ilm(&r.plane, 2002), 101);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1002), 0);
	ck_assert_ptr_nonnull(strstr(r.config[1], "2002"));
	flows_stats(r.flows, &fs);
	ck_assert_uint_eq(fs.n_flows, 2);
	ck_assert_uint_eq(fs.admitted, 0);

	ck_assert_int_eq(flows_state_sync(st), 0);
	ck_assert(has_file("flow-1001"));
	ck_assert(has_file("flow-2002"));
	ck_assert(!has_file("flow-1002"));
	/* A flow gone: its record goes. */
	ck_assert_int_eq(flows_del(r.flows, 11), 0);
	ck_assert_int_eq(flows_state_sync(st), 0);
	ck_assert_uint_eq(files(), 1);
	ck_assert_int_eq(flows_state_clear(st), 0);
	ck_assert_uint_eq(files(), 0);
}
END_TEST

static void
count_label(void *arg, uint32_t label)
{
	unsigned *n = arg;

	(*n) += label;
}

/* The engine gives a restored flow's label to another LSP: the holder
 * goes before the claimer takes the label. */
START_TEST(label_taken_by_another_lsp)
{
	struct flows_stats fs;
	unsigned sum = 0;
	uint32_t label;

	rig_up(&r, 2, 2, 4, false);
	run_then_restart(60000, 2);
	flows_state_labels(r.flows, count_label, &sum);
	ck_assert_uint_eq(sum, 1001 + 1002);
	ck_assert_int_eq(flows_state_label(r.flows,
	    &(struct flow_session){ .tunnel_id = 7 }, &label), -ENOENT);
	/* LSP 2's refresh gets label 1001, LSP 1's restored flow had it. */
	add_flow(12, 2, 1001);
	ck_assert(flows_has(r.flows, 12));
	flows_stats(r.flows, &fs);
	ck_assert_uint_eq(fs.n_flows, 1);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1001), 101);	/* LSP 2's */
	ck_assert_uint_eq(plane_ilm(&r.plane, 1002), 0);
	ck_assert_ptr_nonnull(strstr(r.config[1], "1001"));
	ck_assert(!plane_has_vif(&r.plane, 100));
}
END_TEST

START_TEST(sync_writes_changes_only)
{
	struct stat a, b;
	char path[128];

	rig_up(&r, 2, 2, 4, false);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	add_flow(1, 1, 1001);
	ck_assert_int_eq(flows_state_sync(st), 0);
	snprintf(path, sizeof(path), "%s/flow-1001", dir);
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(flows_state_sync(st), 0);
	ck_assert_int_eq(stat(path, &b), 0);
	ck_assert_uint_eq(a.st_ino, b.st_ino);		/* not rewritten */
	ck_assert_uint_eq(a.st_mode & 0777, 0600);
	/* A re-homed flow's record changes. */
	ck_assert(fake_kill(&r.f, 0));
	ck_assert_int_eq(flows_state_sync(st), 0);
	ck_assert_int_eq(stat(path, &b), 0);
	ck_assert_uint_ne(a.st_ino, b.st_ino);
	ck_assert_uint_eq(files(), 1);
}
END_TEST

START_TEST(unclaimed_expire)
{
	struct flows_stats fs;

	rig_up(&r, 2, 2, 4, false);
	run_then_restart(30, 2);
	add_flow(11, 1, 1001);
	usleep(60000);
	event_base_loop(r.base, EVLOOP_NONBLOCK);
	flows_stats(r.flows, &fs);
	ck_assert_uint_eq(fs.n_flows, 1);
	ck_assert(flows_has(r.flows, 11));
	ck_assert_uint_eq(plane_ilm(&r.plane, 1002), 0);
	ck_assert_uint_eq(files(), 1);
	rig_settle(&r);
	ck_assert_uint_eq(rig_in_state(&r, POOL_RL_ASSIGNED), 1);
}
END_TEST

START_TEST(routelet_gone_while_down)
{
	char path[128];
	FILE *fp;

	rig_up(&r, 2, 2, 4, false);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	add_flow(1, 1, 1001);
	add_flow(2, 2, 1002);
	ck_assert_int_eq(flows_state_sync(st), 0);
	flows_state_close(st);
	rig_down(&r, true);
	/* Routelet 1 died meanwhile; a crash left a temporary file; a
	 * record is garbage. */
	free(r.f.rl[1]);
	r.f.rl[1] = NULL;
	r.f.seeded[1] = false;
	snprintf(path, sizeof(path), "%s/.flow-1003.tmp", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fclose(fp);
	snprintf(path, sizeof(path), "%s/flow-1004", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs("quasar-flow 1\nendpoint x\n", fp);
	fclose(fp);

	rig_up(&r, 1, 2, 4, true);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	ck_assert_int_eq(flows_state_restore(st, 60000), 1);
	rig_settle(&r);
	ck_assert(flows_has(r.flows, FLOWS_STATE_KEY_RESTORED | 1) ||
	    flows_has(r.flows, FLOWS_STATE_KEY_RESTORED | 2));
	ck_assert_uint_eq(plane_ilm(&r.plane, 1001), 100);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1002), 0);	/* dropped */
	ck_assert(!plane_has_vif(&r.plane, 101));
	ck_assert_uint_eq(files(), 1);
	ck_assert(!has_file(".flow-1003.tmp"));
	ck_assert(!has_file("flow-1004"));
}
END_TEST

/* A record whose vif index is stale: the routelet's own is used. */
START_TEST(stale_vif_in_record)
{
	char cmd[160];

	rig_up(&r, 2, 2, 4, false);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	add_flow(1, 1, 1001);
	ck_assert_int_eq(flows_state_sync(st), 0);
	flows_state_close(st);
	rig_down(&r, true);
	snprintf(cmd, sizeof(cmd), "sed -i 's/^vif-ifindex .*/vif-ifindex "
	    "999/' %s/flow-1001", dir);
	ck_assert_int_eq(system(cmd), 0);
	rig_up(&r, 1, 2, 4, true);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	ck_assert_int_eq(flows_state_restore(st, 60000), 1);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1001), 100);
	ck_assert(plane_has_vif(&r.plane, 100));
	ck_assert(!plane_has_vif(&r.plane, 999));
	rig_settle(&r);
}
END_TEST

/* More changed records than are fsync'ed one by one: one syncfs. */
START_TEST(many_records)
{
	unsigned i;

	rig_up(&r, 2, 2, 12, false);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	for (i = 0; i < 8; i++) {
		add_flow(1 + i, (uint16_t)(1 + i), 1001 + i);
		rig_settle(&r);
	}
	ck_assert_int_eq(flows_state_sync(st), 0);
	ck_assert_uint_eq(files(), 8);
	ck_assert(!has_file(".flow-1001.tmp"));
	flows_state_close(st);
	rig_down(&r, true);
	rig_up(&r, 1, 2, 12, true);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	ck_assert_int_eq(flows_state_restore(st, 60000), 8);
	rig_settle(&r);
}
END_TEST

/* A quasard that tears down clears the records an earlier one kept. */
START_TEST(clear_stale_records)
{
	FILE *fp;
	char path[128];

	rig_up(&r, 1, 1, 2, false);
	snprintf(path, sizeof(path), "%s/flow-1001", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fclose(fp);
	snprintf(path, sizeof(path), "%s/.flow-1002.tmp", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fclose(fp);
	snprintf(path, sizeof(path), "%s/other", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fclose(fp);
	ck_assert_int_eq(flows_state_open(r.flows, dir, r.base, 0, &st), 0);
	ck_assert_int_eq(flows_state_clear(st), 0);
	ck_assert(!has_file("flow-1001"));
	ck_assert(!has_file(".flow-1002.tmp"));
	ck_assert(has_file("other"));		/* not ours: left alone */
	unlink(path);
}
END_TEST

START_TEST(open_refusals)
{
	char sub[96];

	rig_up(&r, 1, 1, 2, false);
	/* Missing parents are made. */
	snprintf(sub, sizeof(sub), "%s/a/b/flows", dir);
	ck_assert_int_eq(flows_state_open(r.flows, sub, r.base, 0, &st), 0);
	flows_state_close(st);
	st = NULL;
	ck_assert_int_eq(flows_state_open(r.flows, "/proc/nonexistent/x",
	    r.base, 0, &st), -ENOENT);
	ck_assert_ptr_null(st);
}
END_TEST

Suite *
flows_state_suite(void)
{
	Suite *s = suite_create("flows_state");
	TCase *tc = tcase_create("flows_state");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, restart_keeps_flows);
	tcase_add_test(tc, sync_writes_changes_only);
	tcase_add_test(tc, label_taken_by_another_lsp);
	tcase_add_test(tc, unclaimed_expire);
	tcase_add_test(tc, routelet_gone_while_down);
	tcase_add_test(tc, open_refusals);
	tcase_add_test(tc, clear_stale_records);
	tcase_add_test(tc, stale_vif_in_record);
	tcase_add_test(tc, many_records);
	suite_add_tcase(s, tc);
	return s;
}
