/*
 * The calibration file (dom0/calibrate_result.c): the text round trip,
 * hostile texts, and save/load on a temporary directory (atomic
 * replacement, no temporary left behind, refusals that touch nothing).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom0/calibrate.h"
#include "suites.h"

static const char good_text[] =
    "# measured\n"
    "pkt-cost-ns 1700.000\n"
    "frame-len 64\n"
    "frames 100000\n"
    "seconds 2.000000\n"
    "cpu-seconds 0.170000000\n";

static const struct calib_result good = {
	.pkt_cost_ns = 1712.345678, .frame_len = 1514, .frames = 123457,
	.seconds = 3.0001234, .cpu_seconds = 1712.345678e-9 * 123457,
};

static char tmp[64];

static void
setup(void)
{
	strcpy(tmp, "/tmp/test_calibrate.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	ck_assert_int_eq(system(cmd), 0);
}

static int
parse(const char *text, size_t len, struct calib_result *r)
{
	char err[160];

	return calib_text_parse(text, len, r, err, sizeof(err));
}

START_TEST(text_round_trip)
{
	struct calib_result r;
	char text[CALIB_FILE_MAX];
	int n;

	n = calib_text_format(&good, text, sizeof(text));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(parse(text, (size_t)n, &r), 0);
	ck_assert_uint_eq(r.frame_len, good.frame_len);
	ck_assert_uint_eq(r.frames, good.frames);
	/* to the precision printed */
	ck_assert_double_eq_tol(r.pkt_cost_ns, good.pkt_cost_ns, 5e-4);
	ck_assert_double_eq_tol(r.seconds, good.seconds, 5e-7);
	ck_assert_double_eq_tol(r.cpu_seconds, good.cpu_seconds, 5e-10);
	/* too small a buffer */
	ck_assert_int_eq(calib_text_format(&good, text, 20), -1);
}
END_TEST

START_TEST(text_accepts)
{
	static const char *const ok[] = {
		good_text,
		/* comments, blank lines, tabs, trailing blanks, any order */
		"\n  # c\n\tframes\t100000  \nframe-len 64\n\n"
		"cpu-seconds 0.17\nseconds 2\npkt-cost-ns 1700\n",
		/* no final newline */
		"pkt-cost-ns 1700\nframe-len 64\nframes 100000\n"
		"seconds 2\ncpu-seconds .17",
	};
	struct calib_result r;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		memset(&r, 0, sizeof(r));
		ck_assert_msg(parse(ok[i], strlen(ok[i]), &r) == 0,
		    "text %zu refused", i);
		ck_assert_uint_eq(r.frames, 100000);
		ck_assert_double_eq_tol(r.pkt_cost_ns, 1700.0, 1e-9);
	}
}
END_TEST

/* good_text with line 'key' replaced by 'line' (NULL: removed). */
static void
with_line(const char *key, const char *line, char *out, size_t cap)
{
	const char *p = good_text, *nl;
	size_t klen = strlen(key);

	out[0] = '\0';
	for (; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && p[klen] == ' ') {
			if (line != NULL) {
				strncat(out, line, cap - strlen(out) - 1);
				strncat(out, "\n", cap - strlen(out) - 1);
			}
		} else
			strncat(out, p, (size_t)(nl - p + 1));
	}
}

START_TEST(text_refuses)
{
	static const struct { const char *key, *line; } bad[] = {
		{ "frames", NULL },			/* missing */
		{ "frames", "frames 100000\nframes 100000" },	/* twice */
		{ "frames", "frames 100000\nspeed 3" },	/* unknown */
		{ "frames", "frames" },			/* no value */
		{ "frames", "frames " },
		{ "frames", "frames 100000 100000" },	/* two values */
		{ "frames", "frames -100000" },
		{ "frames", "frames +100000" },
		{ "frames", "frames 1e5" },
		{ "frames", "frames 0x186a0" },
		{ "frames", "frames 18446744073709551616" },	/* 2^64 */
		{ "frames", "frames 100000\r" },	/* CRLF */
		{ "frames", "frames 0" },
		{ "frame-len", "frame-len 59" },
		{ "frame-len", "frame-len 1515" },
		{ "frame-len", "frame-len 4294967360" },	/* wraps to 64 */
		{ "pkt-cost-ns", "pkt-cost-ns nan" },
		{ "pkt-cost-ns", "pkt-cost-ns inf" },
		{ "pkt-cost-ns", "pkt-cost-ns 1.7e3" },
		{ "pkt-cost-ns", "pkt-cost-ns -1700" },
		{ "pkt-cost-ns", "pkt-cost-ns 1.700.0" },
		{ "pkt-cost-ns", "pkt-cost-ns ." },
		{ "pkt-cost-ns", "pkt-cost-ns 0" },
		{ "pkt-cost-ns", "pkt-cost-ns 1800" },	/* not cpu / frames */
		{ "pkt-cost-ns", "pkt-cost-ns "
		    "1700.0000000000000000000000000000000001" },	/* long */
		{ "cpu-seconds", "cpu-seconds 0" },
		{ "cpu-seconds", "cpu-seconds 0.000000000" },
		{ "seconds", "seconds 0" },
		{ "seconds", "seconds 0x2p0" },
	};
	struct calib_result r, keep;
	char text[CALIB_FILE_MAX * 2];
	size_t i;

	memset(&keep, 0x5a, sizeof(keep));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		with_line(bad[i].key, bad[i].line, text, sizeof(text));
		r = keep;
		ck_assert_msg(parse(text, strlen(text), &r) == -EINVAL,
		    "bad text %zu taken: %s", i, text);
		ck_assert_mem_eq(&r, &keep, sizeof(r));
	}
}
END_TEST

START_TEST(text_refuses_bytes)
{
	struct calib_result r;
	char text[CALIB_FILE_MAX + 64], err[160];
	size_t len = strlen(good_text);

	/* a NUL byte: the rest of the line would be unseen by C strings */
	memcpy(text, good_text, len);
	text[5] = '\0';
	ck_assert_int_eq(parse(text, len, &r), -EINVAL);
	/* a line of 129 bytes, even a comment */
	memset(text, '#', 129);
	memcpy(text + 129, good_text, len);
	ck_assert_int_eq(parse(text, 129 + len, &r), -EINVAL);
	text[128] = '\n';
	ck_assert_int_eq(parse(text, 129 + len, &r), 0);
	/* over CALIB_FILE_MAX in all */
	memset(text, '\n', sizeof(text));
	memcpy(text + sizeof(text) - len, good_text, len);
	ck_assert_int_eq(calib_text_parse(text, sizeof(text), &r, err,
	    sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "longer than"));
	/* the reason names the line */
	ck_assert_int_eq(calib_text_parse("frames 1\nframes 1\n", 18, &r,
	    err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 2: frames given twice");
}
END_TEST

/* The names in directory 'dir' but "." and "..", counted. */
static int
count_entries(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
put(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(save_load)
{
	char dir[128], path[PATH_MAX];
	struct calib_result r, other = good;
	struct stat st;

	/* the missing state directory is made, the file is 0644 */
	snprintf(dir, sizeof(dir), "%s/state", tmp);
	snprintf(path, sizeof(path), "%s/calibration", dir);
	ck_assert_int_eq(calibrate_save(path, &good), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	ck_assert_int_eq(count_entries(dir), 1);
	ck_assert_int_eq(calibrate_load(path, &r), 0);
	ck_assert_uint_eq(r.frames, good.frames);
	ck_assert_double_eq_tol(r.pkt_cost_ns, good.pkt_cost_ns, 5e-4);
	/* a new result replaces the old one */
	other.frames = 10;
	other.cpu_seconds = other.pkt_cost_ns * 10 * 1e-9;
	ck_assert_int_eq(calibrate_save(path, &other), 0);
	ck_assert_int_eq(calibrate_load(path, &r), 0);
	ck_assert_uint_eq(r.frames, 10);
	ck_assert_int_eq(count_entries(dir), 1);
	/* an invalid result is not written: the old file stays */
	other.pkt_cost_ns = -1;
	ck_assert_int_eq(calibrate_save(path, &other), -EINVAL);
	ck_assert_int_eq(calibrate_load(path, &r), 0);
	ck_assert_uint_eq(r.frames, 10);
	ck_assert_int_eq(count_entries(dir), 1);
}
END_TEST

START_TEST(save_fails_cleanly)
{
	char path[PATH_MAX], dir[128];

	/* only the last directory is made, not its parents */
	snprintf(path, sizeof(path), "%s/a/b/calibration", tmp);
	ck_assert_int_eq(calibrate_save(path, &good), -ENOENT);
	ck_assert_int_eq(count_entries(tmp), 0);
	/* a directory in the way: rename fails, no temporary is left */
	snprintf(dir, sizeof(dir), "%s/calibration", tmp);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/x", dir);
	put(path, "x", 1);
	ck_assert_int_ne(calibrate_save(dir, &good), 0);
	ck_assert_int_eq(count_entries(tmp), 1);
	ck_assert_int_eq(count_entries(dir), 1);
}
END_TEST

START_TEST(load_refuses)
{
	char path[PATH_MAX], big[CALIB_FILE_MAX + 1];
	struct calib_result r, keep;

	memset(&keep, 0x5a, sizeof(keep));
	r = keep;
	snprintf(path, sizeof(path), "%s/none", tmp);
	ck_assert_int_eq(calibrate_load(path, &r), -ENOENT);
	/* a directory, a FIFO (no writer: must not hang) */
	ck_assert_int_eq(calibrate_load(tmp, &r), -EINVAL);
	snprintf(path, sizeof(path), "%s/fifo", tmp);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(calibrate_load(path, &r), -EINVAL);
	/* one byte over the limit */
	snprintf(path, sizeof(path), "%s/big", tmp);
	memset(big, '\n', sizeof(big));
	memcpy(big, good_text, strlen(good_text));
	put(path, big, sizeof(big));
	ck_assert_int_eq(calibrate_load(path, &r), -EFBIG);
	/* at the limit it is fine */
	put(path, big, sizeof(big) - 1);
	ck_assert_int_eq(calibrate_load(path, &keep), 0);
	memset(&keep, 0x5a, sizeof(keep));
	/* hostile contents */
	snprintf(path, sizeof(path), "%s/bad", tmp);
	put(path, "pkt-cost-ns 1700\n", 17);
	ck_assert_int_eq(calibrate_load(path, &r), -EINVAL);
	put(path, "", 0);
	ck_assert_int_eq(calibrate_load(path, &r), -EINVAL);
	ck_assert_mem_eq(&r, &keep, sizeof(r));
}
END_TEST

Suite *
calibrate_file_suite(void)
{
	Suite *s = suite_create("calibrate_file");
	TCase *tc = tcase_create("file");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, text_round_trip);
	tcase_add_test(tc, text_accepts);
	tcase_add_test(tc, text_refuses);
	tcase_add_test(tc, text_refuses_bytes);
	tcase_add_test(tc, save_load);
	tcase_add_test(tc, save_fails_cleanly);
	tcase_add_test(tc, load_refuses);
	suite_add_tcase(s, tc);
	return s;
}
