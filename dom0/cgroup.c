/*
 * Control groups on v1 or v2 (dom0/cgroup.h).  Every file is written with
 * one write(2) of the whole value, as cgroupfs wants.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom0/cgroup.h"
#include "lib/log.h"

#define CG_VALUE_MAX	64
#define CG_HIER_MAX	4	/* v1: cpu, cpuacct, memory, cpuset */
#define CG_STAT_MAX	1024	/* cpu.stat has a dozen lines */

/* Copy 'src' into a PATH_MAX buffer; false if it does not fit. */
static bool
set_path(char dst[PATH_MAX], const char *src)
{
	size_t n = strlen(src);

	if (n >= PATH_MAX)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

/* Does the comma-separated option list 'opts' hold 'opt'? */
static bool
has_opt(const char *opts, const char *opt)
{
	size_t n = strlen(opt);
	const char *p = opts;

	while (*p != '\0') {
		const char *end = strchr(p, ',');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);

		if (len == n && memcmp(p, opt, n) == 0)
			return true;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return false;
}

int
cgroup_detect(const char *mounts, struct cgroup_root *root_r)
{
	struct cgroup_root root;
	char line[1024], dev[256], dir[PATH_MAX], type[64], opts[512];
	FILE *f;
	int rc = 0;

	memset(&root, 0, sizeof(root));
	f = fopen(mounts, "re");
	if (f == NULL)
		return -errno;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%255s %4095s %63s %511s", dev, dir, type,
		    opts) != 4)
			continue;
		if (strcmp(type, "cgroup2") == 0) {
			if (root.unified[0] == '\0')
				set_path(root.unified, dir);
		} else if (strcmp(type, "cgroup") == 0) {
			if (has_opt(opts, "cpu") && root.cpu[0] == '\0')
				set_path(root.cpu, dir);
			if (has_opt(opts, "memory") && root.memory[0] == '\0')
				set_path(root.memory, dir);
			if (has_opt(opts, "cpuset") && root.cpuset[0] == '\0')
				set_path(root.cpuset, dir);
			if (has_opt(opts, "cpuacct") && root.cpuacct[0] == '\0')
				set_path(root.cpuacct, dir);
		}
	}
	fclose(f);

	if (root.cpu[0] != '\0' && root.memory[0] != '\0') {
		root.version = CGROUP_V1;
		root.unified[0] = '\0';
	} else if (root.unified[0] != '\0') {
		root.version = CGROUP_V2;
		root.cpu[0] = root.memory[0] = root.cpuset[0] = '\0';
		root.cpuacct[0] = '\0';
	} else {
		rc = -ENOENT;
		goto out;
	}
	*root_r = root;
 out:
	return rc;
}

/* The hierarchies in use: 'dirs' gets up to CG_HIER_MAX mount points. */
static size_t
hierarchies(const struct cgroup_root *root, const char *dirs[CG_HIER_MAX])
{
	size_t n = 0;

	if (root->version == CGROUP_V2) {
		dirs[n++] = root->unified;
		return n;
	}
	dirs[n++] = root->cpu;
	if (strcmp(root->memory, root->cpu) != 0)
		dirs[n++] = root->memory;
	if (root->cpuset[0] != '\0' && strcmp(root->cpuset, root->cpu) != 0 &&
	    strcmp(root->cpuset, root->memory) != 0)
		dirs[n++] = root->cpuset;
	if (root->cpuacct[0] != '\0' && strcmp(root->cpuacct, root->cpu) != 0)
		dirs[n++] = root->cpuacct;
	return n;
}

/* "<mnt>/<name>[/<file>]" into 'buf'; -ENAMETOOLONG if it does not fit. */
static int
cg_path(char *buf, size_t cap, const char *mnt, const char *name,
    const char *file)
{
	int n;

	if (file != NULL)
		n = snprintf(buf, cap, "%s/%s/%s", mnt, name, file);
	else
		n = snprintf(buf, cap, "%s/%s", mnt, name);
	if (n < 0 || (size_t)n >= cap)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * Write 'value' to <mnt>/<name>/<file> in one write, opened as a shell's
 * "echo value > file" opens it.
 */
static int
cg_write(const char *mnt, const char *name, const char *file,
    const char *value)
{
	char path[PATH_MAX];
	size_t len = strlen(value);
	ssize_t r;
	int fd, rc;

	rc = cg_path(path, sizeof(path), mnt, name, file);
	if (rc != 0)
		return rc;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1)
		return -errno;
	r = write(fd, value, len);
	if (r == -1)
		rc = -errno;
	else if ((size_t)r != len)
		rc = -EIO;
	close(fd);
	if (rc != 0)
		log_debug("cgroup: write '%s' to %s: %s", value, path,
		    strerror(-rc));
	return rc;
}

/* Read <mnt>/<name>/<file> into 'buf' ('cap' bytes), trailing '\n' cut. */
static int
cg_read(const char *mnt, const char *name, const char *file, char *buf,
    size_t cap)
{
	char path[PATH_MAX];
	ssize_t r;
	int fd, rc;

	rc = cg_path(path, sizeof(path), mnt, name, file);
	if (rc != 0)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -errno;
	r = read(fd, buf, cap - 1);
	rc = r == -1 ? -errno : 0;
	close(fd);
	if (rc != 0)
		return rc;
	buf[r] = '\0';
	while (r > 0 && buf[r - 1] == '\n')
		buf[--r] = '\0';
	return 0;
}

/*
 * Prepare a new directory 'name' (parent 'parent', "" for the mount):
 * v2 enables the controllers for its children in the parent; v1 cpuset
 * copies the parent's cpus and mems into it.
 */
static int
cg_prepare(const struct cgroup_root *root, const char *mnt,
    const char *parent, const char *name)
{
	char val[256];
	int rc = 0;

	if (root->version == CGROUP_V2) {
		const char *ctl[] = { "+cpu", "+memory", "+cpuset" };
		size_t i;

		for (i = 0; i < 3; i++) {
			rc = cg_write(mnt, parent, "cgroup.subtree_control",
			    ctl[i]);
			/* cpuset is optional on v2 */
			if (rc != 0 && i == 2)
				rc = 0;
			if (rc != 0)
				return rc;
		}
		return 0;
	}
	if (strcmp(mnt, root->cpuset) != 0)
		return 0;
	rc = cg_read(mnt, parent, "cpuset.cpus", val, sizeof(val));
	if (rc == 0 && val[0] != '\0')
		rc = cg_write(mnt, name, "cpuset.cpus", val);
	if (rc == 0)
		rc = cg_read(mnt, parent, "cpuset.mems", val, sizeof(val));
	if (rc == 0 && val[0] != '\0')
		rc = cg_write(mnt, name, "cpuset.mems", val);
	return rc;
}

/*
 * Make every level of 'name' under 'mnt'.  'made_r' gets the depth of the
 * first level this call made (0 if none), so a failure can undo only that.
 */
static int
cg_mkdirs(const struct cgroup_root *root, const char *mnt, const char *name,
    size_t *made_r)
{
	char rel[PATH_MAX], parent[PATH_MAX], path[PATH_MAX];
	size_t depth = 0, len = strlen(name), i;
	int rc;

	*made_r = 0;
	if (len == 0 || len >= sizeof(rel) || name[0] == '/')
		return -EINVAL;
	parent[0] = '\0';
	for (i = 0; i <= len; i++) {
		if (name[i] != '/' && name[i] != '\0')
			continue;
		memcpy(rel, name, i);
		rel[i] = '\0';
		depth++;
		rc = cg_path(path, sizeof(path), mnt, rel, NULL);
		if (rc != 0)
			return rc;
		if (mkdir(path, 0755) == 0) {
			if (*made_r == 0)
				*made_r = depth;
			rc = cg_prepare(root, mnt, parent, rel);
			if (rc != 0)
				return rc;
		} else if (errno != EEXIST) {
			return -errno;
		}
		memcpy(parent, rel, i + 1);
	}
	return 0;
}

/* Remove the levels of 'name' under 'mnt' from the deepest up to 'depth'. */
static void
cg_rmdirs(const char *mnt, const char *name, size_t depth)
{
	char rel[PATH_MAX], path[PATH_MAX];
	size_t levels = 1, i, len = strlen(name);
	char *slash;

	for (i = 0; i < len; i++)
		if (name[i] == '/')
			levels++;
	memcpy(rel, name, len + 1);
	for (; levels >= depth && levels > 0; levels--) {
		if (cg_path(path, sizeof(path), mnt, rel, NULL) == 0)
			rmdir(path);
		slash = strrchr(rel, '/');
		if (slash == NULL)
			break;
		*slash = '\0';
	}
}

int
cgroup_create(const struct cgroup_root *root, const char *name)
{
	const char *dirs[CG_HIER_MAX];
	size_t made[CG_HIER_MAX] = { 0 };
	size_t n = hierarchies(root, dirs), i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		rc = cg_mkdirs(root, dirs[i], name, &made[i]);
		if (rc != 0)
			goto out;
	}
 out:
	if (rc != 0) {
		log_warnx("cgroup: create %s: %s", name, strerror(-rc));
		for (i = 0; i < n; i++)
			if (made[i] != 0)
				cg_rmdirs(dirs[i], name, made[i]);
	}
	return rc;
}

int
cgroup_format_cpu(enum cgroup_version v, const struct cgroup_caps *caps,
    char *buf, size_t cap)
{
	uint32_t period = caps->cpu_period_us != 0 ? caps->cpu_period_us :
	    100000;
	int n;

	if (v == CGROUP_V1) {
		if (caps->cpu_quota_us == 0)
			n = snprintf(buf, cap, "-1");
		else
			n = snprintf(buf, cap, "%" PRIu32, caps->cpu_quota_us);
	} else {
		if (caps->cpu_quota_us == 0)
			n = snprintf(buf, cap, "max %" PRIu32, period);
		else
			n = snprintf(buf, cap, "%" PRIu32 " %" PRIu32,
			    caps->cpu_quota_us, period);
	}
	if (n < 0 || (size_t)n >= cap)
		return -1;
	return n;
}

int
cgroup_format_mem(enum cgroup_version v, const struct cgroup_caps *caps,
    char *buf, size_t cap)
{
	int n;

	if (caps->mem_bytes == 0)
		n = snprintf(buf, cap, "%s", v == CGROUP_V1 ? "-1" : "max");
	else
		n = snprintf(buf, cap, "%" PRIu64, caps->mem_bytes);
	if (n < 0 || (size_t)n >= cap)
		return -1;
	return n;
}

/* The cpuset to write: the caps' one, or the parent's for "all". */
static int
cpuset_value(const struct cgroup_root *root, const char *mnt,
    const char *name, const struct cgroup_caps *caps, char *buf, size_t cap)
{
	char parent[PATH_MAX];
	const char *slash = strrchr(name, '/');
	size_t plen = slash != NULL ? (size_t)(slash - name) : 0;
	int n;

	if (caps->cpuset != NULL && caps->cpuset[0] != '\0') {
		n = snprintf(buf, cap, "%s", caps->cpuset);
		return n < 0 || (size_t)n >= cap ? -EINVAL : 0;
	}
	memcpy(parent, name, plen);
	parent[plen] = '\0';
	return cg_read(mnt, parent, root->version == CGROUP_V2 ?
	    "cpuset.cpus.effective" : "cpuset.cpus", buf, cap);
}

int
cgroup_set_caps(const struct cgroup_root *root, const char *name,
    const struct cgroup_caps *caps)
{
	char cpu[CG_VALUE_MAX], mem[CG_VALUE_MAX], period[CG_VALUE_MAX];
	char cpus[256];
	const char *cpuset_mnt;
	int rc;

	if (cgroup_format_cpu(root->version, caps, cpu, sizeof(cpu)) < 0 ||
	    cgroup_format_mem(root->version, caps, mem, sizeof(mem)) < 0)
		return -EINVAL;
	if (root->version == CGROUP_V1) {
		snprintf(period, sizeof(period), "%" PRIu32,
		    caps->cpu_period_us != 0 ? caps->cpu_period_us : 100000);
		/* lift the quota first: a new period may not fit the old */
		rc = cg_write(root->cpu, name, "cpu.cfs_quota_us", "-1");
		if (rc == 0)
			rc = cg_write(root->cpu, name, "cpu.cfs_period_us",
			    period);
		if (rc == 0)
			rc = cg_write(root->cpu, name, "cpu.cfs_quota_us", cpu);
		if (rc == 0)
			rc = cg_write(root->memory, name,
			    "memory.limit_in_bytes", mem);
		cpuset_mnt = root->cpuset;
	} else {
		rc = cg_write(root->unified, name, "cpu.max", cpu);
		if (rc == 0)
			rc = cg_write(root->unified, name, "memory.max", mem);
		cpuset_mnt = root->unified;
	}
	if (rc != 0)
		goto out;
	if (cpuset_mnt[0] == '\0') {
		if (caps->cpuset != NULL && caps->cpuset[0] != '\0')
			rc = -EOPNOTSUPP;
		goto out;
	}
	rc = cpuset_value(root, cpuset_mnt, name, caps, cpus, sizeof(cpus));
	if (rc == -ENOENT && (caps->cpuset == NULL || caps->cpuset[0] == '\0'))
		rc = 0;		/* v2 without the cpuset controller */
	else if (rc == 0)
		rc = cg_write(cpuset_mnt, name, "cpuset.cpus", cpus);
 out:
	if (rc != 0)
		log_warnx("cgroup: caps on %s: %s", name, strerror(-rc));
	return rc;
}

int
cgroup_set_weight(const struct cgroup_root *root, const char *name,
    unsigned weight)
{
	char val[CG_VALUE_MAX];

	if (weight < 1 || weight > 10000)
		return -EINVAL;
	if (root->version == CGROUP_V2) {
		snprintf(val, sizeof(val), "%u", weight);
		return cg_write(root->unified, name, "cpu.weight", val);
	}
	/* v1's cpu.shares (2 to 262144, 1024 the default): 10 to 102400 */
	snprintf(val, sizeof(val), "%u", weight * 1024 / 100);
	return cg_write(root->cpu, name, "cpu.shares", val);
}

int
cgroup_attach(const struct cgroup_root *root, const char *name, pid_t pid)
{
	const char *dirs[CG_HIER_MAX];
	char val[CG_VALUE_MAX];
	size_t n = hierarchies(root, dirs), i;
	int rc;

	snprintf(val, sizeof(val), "%ld", (long)pid);
	for (i = 0; i < n; i++) {
		rc = cg_write(dirs[i], name, "cgroup.procs", val);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
cgroup_first_pid(const struct cgroup_root *root, const char *name,
    pid_t *pid_r)
{
	char buf[CG_VALUE_MAX], *end;
	const char *mnt = root->version == CGROUP_V2 ? root->unified :
	    root->cpu;
	long v;
	int rc;

	rc = cg_read(mnt, name, "cgroup.procs", buf, sizeof(buf));
	if (rc != 0)
		return rc;
	if (buf[0] == '\0')
		return -ESRCH;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno != 0 || v <= 0 || (*end != '\n' && *end != '\0'))
		return -EPROTO;
	*pid_r = (pid_t)v;
	return 0;
}

int
cgroup_cpu_usage(const struct cgroup_root *root, const char *name,
    uint64_t *ns_r)
{
	char buf[CG_STAT_MAX], *p, *end;
	unsigned long long v;
	bool v2 = root->version == CGROUP_V2;
	int rc;

	if (!v2 && root->cpuacct[0] == '\0')
		return -ENOENT;
	rc = cg_read(v2 ? root->unified : root->cpuacct, name,
	    v2 ? "cpu.stat" : "cpuacct.usage", buf, sizeof(buf));
	if (rc != 0)
		return rc;
	p = buf;
	if (v2) {
		/* "usage_usec N" is a line of its own, the first one today */
		while (strncmp(p, "usage_usec ", 11) != 0) {
			if ((p = strchr(p, '\n')) == NULL)
				return -EPROTO;
			p++;
		}
		p += 11;
	}
	errno = 0;
	v = strtoull(p, &end, 10);
	if (errno != 0 || end == p || (*end != '\n' && *end != '\0'))
		return -EPROTO;
	*ns_r = v2 ? (uint64_t)v * 1000 : (uint64_t)v;
	return 0;
}

int
cgroup_remove(const struct cgroup_root *root, const char *name)
{
	const char *dirs[CG_HIER_MAX];
	char path[PATH_MAX];
	size_t n = hierarchies(root, dirs), i;
	int rc = 0, r;

	for (i = 0; i < n; i++) {
		r = cg_path(path, sizeof(path), dirs[i], name, NULL);
		if (r == 0 && rmdir(path) == -1 && errno != ENOENT)
			r = -errno;
		if (r != 0 && rc == 0)
			rc = r;
	}
	return rc;
}

int
cgroup_list(const struct cgroup_root *root, const char *parent,
    const char *prefix, void (*found)(void *arg, const char *child),
    void *arg)
{
	char path[PATH_MAX];
	const char *mnt = root->version == CGROUP_V2 ? root->unified :
	    root->cpu;
	struct dirent *de;
	DIR *d;
	int rc;

	rc = cg_path(path, sizeof(path), mnt, parent, NULL);
	if (rc != 0)
		return rc;
	d = opendir(path);
	if (d == NULL)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d)) != NULL) {
		if (de->d_type != DT_DIR ||
		    strncmp(de->d_name, prefix, strlen(prefix)) != 0 ||
		    strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		found(arg, de->d_name);
	}
	closedir(d);
	return 0;
}
