/*
 * The bpffs directory where dp_bpf pins its maps, so that entries outlive
 * the process that set them (quasard restarts, forwarding goes on).
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "demux/dp.h"
#include "demux/dp_bpf.h"

#define BPFFS_MAGIC	0xcafe4a11
#define BPFFS_ROOT	"/sys/fs/bpf"

static bool
is_bpffs(const char *path)
{
	struct statfs st;

	return statfs(path, &st) == 0 && (unsigned long)st.f_type ==
	    BPFFS_MAGIC;
}

/* mkdir -p 'dir' with mode 0700. */
static int
mkdir_p(const char *dir)
{
	char buf[PATH_MAX];
	size_t i, n = strlen(dir);

	if (n == 0 || n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return -errno;
		buf[i] = i == n ? '\0' : '/';
	}
	return 0;
}

/*
 * True when the deepest part of 'dir' that exists is on a bpf file
 * system, so that mkdir_p creates nothing elsewhere.
 */
static bool
lands_on_bpffs(const char *dir)
{
	char buf[PATH_MAX];
	char *slash;

	if (snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf))
		return false;
	while (access(buf, F_OK) < 0) {
		slash = strrchr(buf, '/');
		if (slash == NULL || slash == buf)
			return false;
		*slash = '\0';
	}
	return is_bpffs(buf);
}

int
dpb_pin_prepare(const char *dir, bool *fresh_r)
{
	DIR *d;
	struct dirent *de;
	int rc;

	if (!is_bpffs(BPFFS_ROOT) &&
	    strncmp(dir, BPFFS_ROOT "/", strlen(BPFFS_ROOT "/")) == 0) {
		if (mount("bpf", BPFFS_ROOT, "bpf", 0, "mode=0700") < 0) {
			rc = -errno;
			log_warn("dp_bpf: mount bpffs on %s", BPFFS_ROOT);
			return rc;
		}
		log_info("dp_bpf: mounted bpffs on %s", BPFFS_ROOT);
	}
	if (!lands_on_bpffs(dir)) {
		log_warnx("dp_bpf: %s is not on a bpf file system", dir);
		return -ENOTSUP;
	}
	rc = mkdir_p(dir);
	if (rc < 0) {
		log_warnx("dp_bpf: mkdir %s: %s", dir, strerror(-rc));
		return rc;
	}
	d = opendir(dir);
	if (d == NULL) {
		rc = -errno;
		log_warn("dp_bpf: opendir %s", dir);
		return rc;
	}
	*fresh_r = true;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.') {
			*fresh_r = false;
			break;
		}
	}
	closedir(d);
	return 0;
}

int
dpb_pin_remove(const char *dir)
{
	char path[PATH_MAX], parent[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	d = opendir(dir);
	if (d == NULL)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path) || unlink(path) < 0) {
			rc = -EIO;
			log_warn("dp_bpf: unpin %s/%s", dir, de->d_name);
		}
	}
	closedir(d);
	if (rmdir(dir) < 0 && rc == 0) {
		rc = -errno;
		log_warn("dp_bpf: rmdir %s", dir);
	}
	/* DP_PIN_ROOT goes with its last instance. */
	snprintf(parent, sizeof(parent), "%s", dir);
	if (strcmp(dirname(parent), DP_PIN_ROOT) == 0)
		(void)rmdir(parent);
	return rc;
}
