/*
 * Control groups for routelets: one cgroup per routelet (quasar/rl<N>)
 * with a CPU quota, a memory limit and an optional cpuset, on either
 * cgroup version.  The version is found at start from a mount table
 * (/proc/mounts): v1 when the cpu and memory controllers are mounted as v1
 * hierarchies (cpuset and cpuacct too if mounted; a hybrid host's empty
 * cgroup2 mount is ignored), else v2 on the unified cgroup2 mount.
 */
#ifndef QUASAR_DOM0_CGROUP_H
#define QUASAR_DOM0_CGROUP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum cgroup_version {
	CGROUP_V1 = 1,
	CGROUP_V2 = 2,
};

/* Where the hierarchies are mounted; "" where there is none. */
struct cgroup_root {
	enum cgroup_version	version;
	char			unified[PATH_MAX];	/* v2 */
	char			cpu[PATH_MAX];		/* v1 */
	char			memory[PATH_MAX];	/* v1 */
	char			cpuset[PATH_MAX];	/* v1, optional */
	char			cpuacct[PATH_MAX];	/* v1, optional; often
							 * the cpu one */
};

/* The limits of one cgroup; 0 or "" lifts a limit. */
struct cgroup_caps {
	uint32_t	cpu_quota_us;	/* per cpu_period_us */
	uint32_t	cpu_period_us;	/* 0: the kernel's 100000 */
	uint64_t	mem_bytes;
	const char	*cpuset;	/* "0-1"; NULL or "" = all */
};

/*
 * Read the mount table at 'mounts' (/proc/mounts format) and fill
 * 'root_r'.  Returns 0, or -ENOENT if neither version is usable.
 */
int	cgroup_detect(const char *mounts, struct cgroup_root *root_r);

/*
 * Make cgroup 'name' (a relative path such as "quasar/rl3", parents made
 * as needed) in every hierarchy.  v2: enables +cpu +memory (+cpuset) in
 * each parent's cgroup.subtree_control; v1 cpuset: copies cpuset.cpus and
 * cpuset.mems down from the parent so tasks can join.  An existing cgroup
 * is fine.  Returns 0 or -errno (what it made is removed again).
 */
int	cgroup_create(const struct cgroup_root *root, const char *name);

/*
 * Write 'caps' to cgroup 'name': v1 cpu.cfs_period_us, cpu.cfs_quota_us
 * (-1 without quota), memory.limit_in_bytes (-1), cpuset.cpus; v2 cpu.max
 * ("max PERIOD" or "QUOTA PERIOD"), memory.max ("max"), cpuset.cpus.
 * Returns 0 or -errno.
 */
int	cgroup_set_caps(const struct cgroup_root *root, const char *name,
	    const struct cgroup_caps *caps);

/*
 * Give cgroup 'name' the CPU weight 'weight' on cgroup v2's scale (1 to
 * 10000, the default 100): v2 cpu.weight, v1 cpu.shares (1024 per 100).
 * Returns 0, -EINVAL out of range, or -errno.
 */
int	cgroup_set_weight(const struct cgroup_root *root, const char *name,
	    unsigned weight);

/* Move process 'pid' into cgroup 'name' in every hierarchy. */
int	cgroup_attach(const struct cgroup_root *root, const char *name,
	    pid_t pid);

/*
 * The first process found in cgroup 'name' (its cgroup.procs) in
 * '*pid_r'.  Returns 0, -ESRCH if it is empty, or -errno.
 */
int	cgroup_first_pid(const struct cgroup_root *root, const char *name,
	    pid_t *pid_r);

/*
 * The CPU time the processes of cgroup 'name' have used, in ns: v1
 * cpuacct.usage (with the cpu controller, as systemd mounts it, or in its
 * own hierarchy), v2 usage_usec of cpu.stat.  Returns 0, or -ENOENT when
 * the hierarchy does not account CPU, or -errno.
 */
int	cgroup_cpu_usage(const struct cgroup_root *root, const char *name,
	    uint64_t *ns_r);

/*
 * Remove cgroup 'name' (it must hold no process) from every hierarchy;
 * one that is already gone is fine.  Returns 0 or the first -errno.
 */
int	cgroup_remove(const struct cgroup_root *root, const char *name);

/*
 * Call found(arg, child) for each cgroup directly under 'parent' whose
 * name starts with 'prefix' (in the cpu or unified hierarchy).  Returns
 * 0 or -errno; a missing parent is an empty one.
 */
int	cgroup_list(const struct cgroup_root *root, const char *parent,
	    const char *prefix, void (*found)(void *arg, const char *child),
	    void *arg);

/*
 * The text cgroup_set_caps writes, for tests and logs: the CPU limit
 * (v1: the quota, "-1" or microseconds; v2: cpu.max) and the memory limit
 * into 'buf' ('cap' bytes).  Return the length or -1 if it does not fit.
 */
int	cgroup_format_cpu(enum cgroup_version v, const struct cgroup_caps *caps,
	    char *buf, size_t cap);
int	cgroup_format_mem(enum cgroup_version v, const struct cgroup_caps *caps,
	    char *buf, size_t cap);

#endif
