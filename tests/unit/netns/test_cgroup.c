/*
 * dom0/cgroup.c on a fake cgroupfs: plain directories in a temp dir and a
 * mount table that points at them.  Control files are written as a shell
 * does (created if missing), so the fake needs none made beforehand.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom0/cgroup.h"
#include "suites.h"

static char tmp[64];

static void
setup(void)
{
	strcpy(tmp, "/tmp/test_cgroup.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void
teardown(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	ck_assert_int_eq(system(cmd), 0);
}

static void
put(const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
get(const char *rel, char *buf, size_t cap)
{
	char path[PATH_MAX];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s missing", path);
	n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void
mk(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	ck_assert_int_eq(mkdir(path, 0755), 0);
}

static bool
exists(const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	return stat(path, &st) == 0;
}

/* A v1 mount table with cpu,cpuacct, memory and cpuset, plus systemd's. */
static void
v1_mounts(struct cgroup_root *root)
{
	char text[4 * PATH_MAX], mounts[PATH_MAX];

	mk("cpu");
	mk("memory");
	mk("cpuset");
	mk("unified");
	snprintf(text, sizeof(text),
	    "proc /proc proc rw 0 0\n"
	    "cgroup2 %s/unified cgroup2 rw,nsdelegate 0 0\n"
	    "cgroup %s/cpu cgroup rw,relatime,cpu,cpuacct 0 0\n"
	    "cgroup %s/memory cgroup rw,relatime,memory 0 0\n"
	    "cgroup %s/cpuset cgroup rw,relatime,cpuset 0 0\n",
	    tmp, tmp, tmp, tmp);
	put("mounts", text);
	put("cpuset/cpuset.cpus", "0-1\n");
	put("cpuset/cpuset.mems", "0\n");
	snprintf(mounts, sizeof(mounts), "%s/mounts", tmp);
	ck_assert_int_eq(cgroup_detect(mounts, root), 0);
}

static void
v2_mounts(struct cgroup_root *root)
{
	char text[2 * PATH_MAX], mounts[PATH_MAX];

	mk("unified");
	snprintf(text, sizeof(text),
	    "sysfs /sys sysfs rw 0 0\n"
	    "cgroup2 %s/unified cgroup2 rw,nsdelegate 0 0\n", tmp);
	put("mounts", text);
	put("unified/cgroup.subtree_control", "");
	put("unified/cpuset.cpus.effective", "0-3\n");
	snprintf(mounts, sizeof(mounts), "%s/mounts", tmp);
	ck_assert_int_eq(cgroup_detect(mounts, root), 0);
}

START_TEST(detect_v1_hybrid)
{
	struct cgroup_root root;
	char want[PATH_MAX];

	v1_mounts(&root);
	ck_assert_int_eq(root.version, CGROUP_V1);
	snprintf(want, sizeof(want), "%s/cpu", tmp);
	ck_assert_str_eq(root.cpu, want);
	snprintf(want, sizeof(want), "%s/memory", tmp);
	ck_assert_str_eq(root.memory, want);
	snprintf(want, sizeof(want), "%s/cpuset", tmp);
	ck_assert_str_eq(root.cpuset, want);
	ck_assert_str_eq(root.unified, "");
}
END_TEST

START_TEST(detect_v2_and_none)
{
	struct cgroup_root root;
	char mounts[PATH_MAX];

	v2_mounts(&root);
	ck_assert_int_eq(root.version, CGROUP_V2);
	ck_assert_str_eq(root.cpu, "");
	put("mounts", "proc /proc proc rw 0 0\n");
	snprintf(mounts, sizeof(mounts), "%s/mounts", tmp);
	ck_assert_int_eq(cgroup_detect(mounts, &root), -ENOENT);
	snprintf(mounts, sizeof(mounts), "%s/nothing", tmp);
	ck_assert_int_eq(cgroup_detect(mounts, &root), -ENOENT);
}
END_TEST

START_TEST(format_v1_v2)
{
	struct cgroup_caps caps = { 0 };
	char buf[32];

	ck_assert_int_eq(cgroup_format_cpu(CGROUP_V1, &caps, buf,
	    sizeof(buf)), 2);
	ck_assert_str_eq(buf, "-1");
	ck_assert_int_gt(cgroup_format_cpu(CGROUP_V2, &caps, buf,
	    sizeof(buf)), 0);
	ck_assert_str_eq(buf, "max 100000");
	ck_assert_int_gt(cgroup_format_mem(CGROUP_V2, &caps, buf,
	    sizeof(buf)), 0);
	ck_assert_str_eq(buf, "max");
	ck_assert_int_gt(cgroup_format_mem(CGROUP_V1, &caps, buf,
	    sizeof(buf)), 0);
	ck_assert_str_eq(buf, "-1");

	caps.cpu_quota_us = 25000;
	caps.cpu_period_us = 50000;
	caps.mem_bytes = 16777216;
	cgroup_format_cpu(CGROUP_V1, &caps, buf, sizeof(buf));
	ck_assert_str_eq(buf, "25000");
	cgroup_format_cpu(CGROUP_V2, &caps, buf, sizeof(buf));
	ck_assert_str_eq(buf, "25000 50000");
	cgroup_format_mem(CGROUP_V1, &caps, buf, sizeof(buf));
	ck_assert_str_eq(buf, "16777216");
	/* too small a buffer fails */
	ck_assert_int_eq(cgroup_format_cpu(CGROUP_V2, &caps, buf, 5), -1);
}
END_TEST

START_TEST(v1_create_caps_remove)
{
	struct cgroup_root root;
	struct cgroup_caps caps = { .cpu_quota_us = 20000,
	    .cpu_period_us = 100000, .mem_bytes = 8388608, .cpuset = "1" };
	char buf[64];
	pid_t pid;

	v1_mounts(&root);
	ck_assert_int_eq(cgroup_create(&root, "quasar/rl3"), 0);
	ck_assert(exists("cpu/quasar/rl3"));
	ck_assert(exists("memory/quasar/rl3"));
	/* cpuset copied down level by level so tasks may join */
	get("cpuset/quasar/cpuset.cpus", buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-1");
	get("cpuset/quasar/rl3/cpuset.mems", buf, sizeof(buf));
	ck_assert_str_eq(buf, "0");
	/* existing is fine */
	ck_assert_int_eq(cgroup_create(&root, "quasar/rl3"), 0);

	ck_assert_int_eq(cgroup_set_caps(&root, "quasar/rl3", &caps), 0);
	get("cpu/quasar/rl3/cpu.cfs_quota_us", buf, sizeof(buf));
	ck_assert_str_eq(buf, "20000");
	get("cpu/quasar/rl3/cpu.cfs_period_us", buf, sizeof(buf));
	ck_assert_str_eq(buf, "100000");
	get("memory/quasar/rl3/memory.limit_in_bytes", buf, sizeof(buf));
	ck_assert_str_eq(buf, "8388608");
	get("cpuset/quasar/rl3/cpuset.cpus", buf, sizeof(buf));
	ck_assert_str_eq(buf, "1");

	/* lifting: -1 and the parent's cpus */
	memset(&caps, 0, sizeof(caps));
	ck_assert_int_eq(cgroup_set_caps(&root, "quasar/rl3", &caps), 0);
	get("cpu/quasar/rl3/cpu.cfs_quota_us", buf, sizeof(buf));
	ck_assert_str_eq(buf, "-1");
	get("memory/quasar/rl3/memory.limit_in_bytes", buf, sizeof(buf));
	ck_assert_str_eq(buf, "-1");
	get("cpuset/quasar/rl3/cpuset.cpus", buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-1");

	ck_assert_int_eq(cgroup_attach(&root, "quasar/rl3", 4242), 0);
	get("memory/quasar/rl3/cgroup.procs", buf, sizeof(buf));
	ck_assert_str_eq(buf, "4242");
	ck_assert_int_eq(cgroup_first_pid(&root, "quasar/rl3", &pid), 0);
	ck_assert_int_eq(pid, 4242);

	/* a fake dir with files in it cannot be rmdir'ed: empty them */
	{
		char cmd[PATH_MAX * 2];

		snprintf(cmd, sizeof(cmd), "find %s -path '*/rl3/*' -type f "
		    "-delete", tmp);
		ck_assert_int_eq(system(cmd), 0);
	}
	ck_assert_int_eq(cgroup_remove(&root, "quasar/rl3"), 0);
	ck_assert(!exists("cpu/quasar/rl3"));
	ck_assert(!exists("cpuset/quasar/rl3"));
	ck_assert(exists("cpu/quasar"));
	/* gone already is fine */
	ck_assert_int_eq(cgroup_remove(&root, "quasar/rl3"), 0);
}
END_TEST

START_TEST(v2_create_caps)
{
	struct cgroup_root root;
	struct cgroup_caps caps = { .cpu_quota_us = 5000,
	    .cpu_period_us = 10000, .mem_bytes = 4194304 };
	char buf[64];

	v2_mounts(&root);
	ck_assert_int_eq(cgroup_create(&root, "quasar"), 0);
	/* the controllers are enabled in the parent (the last write stays) */
	get("unified/cgroup.subtree_control", buf, sizeof(buf));
	ck_assert_str_eq(buf, "+cpuset");
	put("unified/quasar/cgroup.subtree_control", "");
	put("unified/quasar/cpuset.cpus.effective", "0-3\n");
	ck_assert_int_eq(cgroup_create(&root, "quasar/rl7"), 0);
	ck_assert_int_eq(cgroup_set_caps(&root, "quasar/rl7", &caps), 0);
	get("unified/quasar/rl7/cpu.max", buf, sizeof(buf));
	ck_assert_str_eq(buf, "5000 10000");
	get("unified/quasar/rl7/memory.max", buf, sizeof(buf));
	ck_assert_str_eq(buf, "4194304");
	get("unified/quasar/rl7/cpuset.cpus", buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-3");
}
END_TEST

/* Debian's own mounts: cpuacct in a hierarchy of its own, four in all. */
START_TEST(v1_four_hierarchies)
{
	char text[4 * PATH_MAX], mounts[PATH_MAX];
	struct cgroup_root root;
	uint64_t ns;

	mk("cpu");
	mk("cpuacct");
	mk("memory");
	mk("cpuset");
	snprintf(text, sizeof(text),
	    "cgroup %s/cpu cgroup rw,relatime,cpu 0 0\n"
	    "cgroup %s/cpuacct cgroup rw,relatime,cpuacct 0 0\n"
	    "cgroup %s/cpuset cgroup rw,relatime,cpuset 0 0\n"
	    "cgroup %s/memory cgroup rw,relatime,memory 0 0\n",
	    tmp, tmp, tmp, tmp);
	put("mounts", text);
	put("cpuset/cpuset.cpus", "0-1\n");
	put("cpuset/cpuset.mems", "0\n");
	snprintf(mounts, sizeof(mounts), "%s/mounts", tmp);
	ck_assert_int_eq(cgroup_detect(mounts, &root), 0);
	ck_assert_int_eq(cgroup_create(&root, "quasar/rl1"), 0);
	ck_assert(exists("cpu/quasar/rl1"));
	ck_assert(exists("cpuacct/quasar/rl1"));
	ck_assert(exists("memory/quasar/rl1"));
	ck_assert(exists("cpuset/quasar/rl1"));
	put("cpuacct/quasar/rl1/cpuacct.usage", "42\n");
	ck_assert_int_eq(cgroup_cpu_usage(&root, "quasar/rl1", &ns), 0);
	ck_assert_uint_eq(ns, 42);
}
END_TEST

START_TEST(weight_v1_v2)
{
	struct cgroup_root root;
	char buf[64];

	v1_mounts(&root);
	mk("cpu/quasar");
	ck_assert_int_eq(cgroup_set_weight(&root, "quasar", 10000), 0);
	get("cpu/quasar/cpu.shares", buf, sizeof(buf));
	ck_assert_str_eq(buf, "102400");
	ck_assert_int_eq(cgroup_set_weight(&root, "quasar", 100), 0);
	get("cpu/quasar/cpu.shares", buf, sizeof(buf));
	ck_assert_str_eq(buf, "1024");
	ck_assert_int_eq(cgroup_set_weight(&root, "quasar", 0), -EINVAL);
	ck_assert_int_eq(cgroup_set_weight(&root, "quasar", 10001), -EINVAL);
}
END_TEST

START_TEST(weight_v2)
{
	struct cgroup_root root;
	char buf[64];

	v2_mounts(&root);
	mk("unified/quasar");
	ck_assert_int_eq(cgroup_set_weight(&root, "quasar", 10000), 0);
	get("unified/quasar/cpu.weight", buf, sizeof(buf));
	ck_assert_str_eq(buf, "10000");
}
END_TEST

START_TEST(cpu_usage_v1)
{
	struct cgroup_root root;
	uint64_t ns;

	v1_mounts(&root);
	mk("cpu/rl1");
	put("cpu/rl1/cpuacct.usage", "123456789\n");
	ck_assert_int_eq(cgroup_cpu_usage(&root, "rl1", &ns), 0);
	ck_assert_uint_eq(ns, 123456789);
	put("cpu/rl1/cpuacct.usage", "12x\n");
	ck_assert_int_eq(cgroup_cpu_usage(&root, "rl1", &ns), -EPROTO);
	ck_assert_int_eq(cgroup_cpu_usage(&root, "rl2", &ns), -ENOENT);
}
END_TEST

START_TEST(cpu_usage_v2)
{
	struct cgroup_root root;
	uint64_t ns;

	v2_mounts(&root);
	mk("unified/rl1");
	put("unified/rl1/cpu.stat", "usage_usec 2500\nuser_usec 2000\n"
	    "system_usec 500\n");
	ck_assert_int_eq(cgroup_cpu_usage(&root, "rl1", &ns), 0);
	ck_assert_uint_eq(ns, 2500000);
	put("unified/rl1/cpu.stat", "nr_periods 0\nusage_usec 7\n");
	ck_assert_int_eq(cgroup_cpu_usage(&root, "rl1", &ns), 0);
	ck_assert_uint_eq(ns, 7000);
	put("unified/rl1/cpu.stat", "user_usec 2000\n");
	ck_assert_int_eq(cgroup_cpu_usage(&root, "rl1", &ns), -EPROTO);
}
END_TEST

static int nfound;

static void
count_found(void *arg, const char *child)
{
	(void)arg;
	ck_assert_int_eq(strncmp(child, "rl", 2), 0);
	nfound++;
}

START_TEST(list_and_failures)
{
	struct cgroup_root root;
	struct cgroup_caps caps = { 0 };

	v1_mounts(&root);
	ck_assert_int_eq(cgroup_create(&root, "quasar/rl1"), 0);
	ck_assert_int_eq(cgroup_create(&root, "quasar/rl2"), 0);
	ck_assert_int_eq(cgroup_create(&root, "quasar/other"), 0);
	nfound = 0;
	ck_assert_int_eq(cgroup_list(&root, "quasar", "rl", count_found,
	    NULL), 0);
	ck_assert_int_eq(nfound, 2);
	ck_assert_int_eq(cgroup_list(&root, "none", "rl", count_found,
	    NULL), 0);
	ck_assert_int_eq(nfound, 2);
	/* a control file that cannot be written: the error comes back */
	mk("cpu/quasar/rl1/cpu.cfs_quota_us");
	ck_assert_int_eq(cgroup_set_caps(&root, "quasar/rl1", &caps),
	    -EISDIR);
	ck_assert_int_eq(cgroup_create(&root, "/abs"), -EINVAL);
	/* a failed create leaves nothing: memory's hierarchy is a file */
	put("memory/bad", "");
	ck_assert_int_ne(cgroup_create(&root, "bad/rl9"), 0);
	ck_assert(!exists("cpu/bad"));
}
END_TEST

Suite *
cgroup_suite(void)
{
	Suite *s = suite_create("cgroup");
	TCase *tc = tcase_create("cgroup");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, detect_v1_hybrid);
	tcase_add_test(tc, detect_v2_and_none);
	tcase_add_test(tc, format_v1_v2);
	tcase_add_test(tc, v1_create_caps_remove);
	tcase_add_test(tc, v2_create_caps);
	tcase_add_test(tc, list_and_failures);
	tcase_add_test(tc, v1_four_hierarchies);
	tcase_add_test(tc, weight_v1_v2);
	tcase_add_test(tc, weight_v2);
	tcase_add_test(tc, cpu_usage_v1);
	tcase_add_test(tc, cpu_usage_v2);
	suite_add_tcase(s, tc);
	return s;
}
