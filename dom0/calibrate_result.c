/*
 * A calibration's result (dom0/calibrate.h): the arithmetic from two
 * samples, the checks a stored result must pass, and its file: "key
 * value" lines, written atomically (temporary file, fsync, rename) and
 * read back strictly, since an operator may have edited it.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom0/calibrate.h"
#include "lib/log.h"

#define CALIB_MIN_CPU_S		1e-6	/* printed to 1e-9: keep it > 0 */
#define CALIB_MIN_WALL_S	1e-3
#define CALIB_TOLERANCE		1e-3	/* cost vs cpu / frames, relative */
#define CALIB_LINE_MAX		128

enum calib_key { K_COST, K_FRAME_LEN, K_FRAMES, K_SECONDS, K_CPU, K_N };

static const char *const calib_keys[K_N] = {
	[K_COST] = "pkt-cost-ns",
	[K_FRAME_LEN] = "frame-len",
	[K_FRAMES] = "frames",
	[K_SECONDS] = "seconds",
	[K_CPU] = "cpu-seconds",
};

int
calib_result_compute(const struct calib_sample *a,
    const struct calib_sample *b, unsigned frame_len,
    struct calib_result *r_r)
{
	struct calib_result r;

	if (frame_len < CALIB_FRAME_MIN || frame_len > CALIB_FRAME_MAX ||
	    b->wall_ns <= a->wall_ns || b->cpu_ns < a->cpu_ns ||
	    b->frames < a->frames)
		return -EINVAL;
	if (b->frames == a->frames || b->cpu_ns == a->cpu_ns)
		return -ENODATA;
	r.frame_len = frame_len;
	r.frames = b->frames - a->frames;
	r.seconds = (double)(b->wall_ns - a->wall_ns) * 1e-9;
	r.cpu_seconds = (double)(b->cpu_ns - a->cpu_ns) * 1e-9;
	r.pkt_cost_ns = (double)(b->cpu_ns - a->cpu_ns) / (double)r.frames;
	*r_r = r;
	return 0;
}

int
calib_result_check(const struct calib_result *r)
{
	double want;

	if (!isfinite(r->pkt_cost_ns) || !isfinite(r->seconds) ||
	    !isfinite(r->cpu_seconds))
		return -EINVAL;
	if (r->frame_len < CALIB_FRAME_MIN || r->frame_len > CALIB_FRAME_MAX ||
	    r->frames == 0 || r->seconds < CALIB_MIN_WALL_S ||
	    r->cpu_seconds < CALIB_MIN_CPU_S || r->pkt_cost_ns <= 0 ||
	    r->pkt_cost_ns > CALIB_COST_MAX_NS)
		return -EINVAL;
	want = r->cpu_seconds * 1e9 / (double)r->frames;
	if (fabs(r->pkt_cost_ns - want) > CALIB_TOLERANCE * want)
		return -EINVAL;
	return 0;
}

int
calib_text_format(const struct calib_result *r, char *buf, size_t cap)
{
	int n;

	n = snprintf(buf, cap,
	    "# quasard --calibrate: CPU time of quasar-routelet per frame "
	    "forwarded\n"
	    "%s %.3f\n%s %u\n%s %llu\n%s %.6f\n%s %.9f\n",
	    calib_keys[K_COST], r->pkt_cost_ns,
	    calib_keys[K_FRAME_LEN], r->frame_len,
	    calib_keys[K_FRAMES], (unsigned long long)r->frames,
	    calib_keys[K_SECONDS], r->seconds,
	    calib_keys[K_CPU], r->cpu_seconds);
	return n < 0 || (size_t)n >= cap ? -1 : n;
}

/* A decimal fraction: digits, at most one '.', no sign, no exponent. */
static bool
parse_decimal(const char *s, double *v_r)
{
	const char *p;
	char *end;
	int dots = 0, digits = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p == '.')
			dots++;
		else if (*p >= '0' && *p <= '9')
			digits++;
		else
			return false;
	}
	if (digits == 0 || dots > 1 || digits > 30)
		return false;
	errno = 0;
	*v_r = strtod(s, &end);
	return errno == 0 && *end == '\0' && isfinite(*v_r);
}

/* Digits only, no sign, up to 'max'. */
static bool
parse_unsigned(const char *s, uint64_t max, uint64_t *v_r)
{
	uint64_t v = 0;
	unsigned d;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		d = (unsigned)(*s - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*v_r = v;
	return true;
}

static bool
parse_value(enum calib_key k, const char *val, struct calib_result *r)
{
	uint64_t u;

	switch (k) {
	case K_COST:
		return parse_decimal(val, &r->pkt_cost_ns);
	case K_FRAME_LEN:
		if (!parse_unsigned(val, CALIB_FRAME_MAX, &u))
			return false;
		r->frame_len = (unsigned)u;
		return true;
	case K_FRAMES:
		return parse_unsigned(val, UINT64_MAX, &r->frames);
	case K_SECONDS:
		return parse_decimal(val, &r->seconds);
	case K_CPU:
		return parse_decimal(val, &r->cpu_seconds);
	case K_N:
		break;
	}
	return false;
}

/*
 * One line (no '\n', NUL-ended, at most CALIB_LINE_MAX bytes): "key
 * value", separated by spaces or tabs, nothing after the value.
 */
static int
parse_line(char *line, unsigned lineno, struct calib_result *r,
    bool seen[K_N], char *err, size_t errlen)
{
	char *key, *val, *p;
	unsigned k;

	key = line + strspn(line, " \t");
	if (*key == '\0' || *key == '#')
		return 0;
	p = key + strcspn(key, " \t");
	if (*p == '\0') {
		snprintf(err, errlen, "line %u: no value", lineno);
		return -EINVAL;
	}
	*p++ = '\0';
	val = p + strspn(p, " \t");
	p = val + strcspn(val, " \t");
	if (p[strspn(p, " \t")] != '\0') {
		snprintf(err, errlen, "line %u: more than one value", lineno);
		return -EINVAL;
	}
	*p = '\0';
	for (k = 0; k < K_N; k++)
		if (strcmp(key, calib_keys[k]) == 0)
			break;
	if (k == K_N) {
		snprintf(err, errlen, "line %u: unknown key \"%.32s\"", lineno,
		    key);
		return -EINVAL;
	}
	if (seen[k]) {
		snprintf(err, errlen, "line %u: %s given twice", lineno,
		    calib_keys[k]);
		return -EINVAL;
	}
	seen[k] = true;
	if (!parse_value(k, val, r)) {
		snprintf(err, errlen, "line %u: bad %s \"%.32s\"", lineno,
		    calib_keys[k], val);
		return -EINVAL;
	}
	return 0;
}

int
calib_text_parse(const char *text, size_t len, struct calib_result *r_r,
    char *err, size_t errlen)
{
	struct calib_result r;
	bool seen[K_N] = { false };
	char line[CALIB_LINE_MAX + 1];
	const char *p = text, *end = text + len, *nl;
	unsigned lineno = 0, k;
	size_t n;
	int rc;

	memset(&r, 0, sizeof(r));
	if (len > CALIB_FILE_MAX) {
		snprintf(err, errlen, "longer than %d bytes", CALIB_FILE_MAX);
		return -EINVAL;
	}
	if (memchr(text, '\0', len) != NULL) {
		snprintf(err, errlen, "a NUL byte in the text");
		return -EINVAL;
	}
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		if (n > CALIB_LINE_MAX) {
			snprintf(err, errlen, "line %u: longer than %d bytes",
			    lineno, CALIB_LINE_MAX);
			return -EINVAL;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		rc = parse_line(line, lineno, &r, seen, err, errlen);
		if (rc != 0)
			return rc;
		p += n + (nl != NULL);
	}
	for (k = 0; k < K_N; k++)
		if (!seen[k]) {
			snprintf(err, errlen, "%s missing", calib_keys[k]);
			return -EINVAL;
		}
	if (calib_result_check(&r) != 0) {
		snprintf(err, errlen, "figures out of range or inconsistent "
		    "(pkt-cost-ns must be cpu-seconds / frames)");
		return -EINVAL;
	}
	*r_r = r;
	return 0;
}

int
calibrate_load(const char *path, struct calib_result *r_r)
{
	char buf[CALIB_FILE_MAX + 1], err[160];
	struct stat st;
	size_t len = 0;
	ssize_t n;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1)
		return -errno;
	if (fstat(fd, &st) == -1) {
		rc = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		log_warnx("%s: not a regular file", path);
		rc = -EINVAL;
		goto out;
	}
	/* read one byte more than allowed, to see that there is more */
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			rc = -errno;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > CALIB_FILE_MAX) {
		log_warnx("%s: longer than %d bytes", path, CALIB_FILE_MAX);
		rc = -EFBIG;
		goto out;
	}
	rc = calib_text_parse(buf, len, r_r, err, sizeof(err));
	if (rc != 0)
		log_warnx("%s: %s", path, err);
 out:
	close(fd);
	return rc;
}

/* Write all of 'buf' to 'fd'. */
static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory of 'path' into 'dir' ('cap' bytes). */
static int
parent_dir(const char *path, char *dir, size_t cap)
{
	char copy[PATH_MAX];
	int n;

	n = snprintf(copy, sizeof(copy), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(copy))
		return -ENAMETOOLONG;
	n = snprintf(dir, cap, "%s", dirname(copy));
	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

/* Make the directory 'dir' if it is missing (not its parents). */
static int
ensure_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0) {
		log_info("made %s", dir);
		return 0;
	}
	return errno == EEXIST ? 0 : -errno;
}

/* fsync the directory 'dir', so a rename in it is on disk. */
static int
sync_dir(const char *dir)
{
	int fd, rc = 0;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1)
		return -errno;
	if (fsync(fd) == -1)
		rc = -errno;
	close(fd);
	return rc;
}

int
calibrate_save(const char *path, const struct calib_result *r)
{
	char text[CALIB_FILE_MAX], dir[PATH_MAX], tmp[PATH_MAX];
	int fd = -1, len, n, rc;

	if (calib_result_check(r) != 0)
		return -EINVAL;
	len = calib_text_format(r, text, sizeof(text));
	if (len < 0)
		return -EINVAL;
	rc = parent_dir(path, dir, sizeof(dir));
	if (rc != 0)
		return rc;
	n = snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return -ENAMETOOLONG;
	rc = ensure_dir(dir);
	if (rc != 0)
		return rc;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd == -1)
		return -errno;
	if (fchmod(fd, 0644) == -1) {
		rc = -errno;
		goto out;
	}
	rc = write_all(fd, text, (size_t)len);
	if (rc == 0 && fsync(fd) == -1)
		rc = -errno;
	if (rc != 0)
		goto out;
	if (close(fd) == -1) {
		fd = -1;
		rc = -errno;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		rc = -errno;
		goto out;
	}
	/* the new file is in place; a failed directory sync only delays it */
	n = sync_dir(dir);
	if (n != 0)
		log_warnx("fsync %s: %s", dir, strerror(-n));
 out:
	if (fd != -1)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	return rc;
}
