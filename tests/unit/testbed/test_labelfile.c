#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testbed/traffic/labelfile.h"
#include "suites.h"

/* quasar-rsvp send -j output, as host/cmd_send.c writes it. */
#define RESV(tid, label) "{\"event\":\"resv\",\"dst\":\"10.0.2.2\"," \
	"\"tunnel_id\":" #tid ",\"lsp_id\":1,\"label\":" #label "," \
	"\"style\":\"FF\",\"nhop\":\"10.0.1.2\",\"rro\":[]}\n"
#define LOST(tid) "{\"event\":\"resv_lost\",\"dst\":\"10.0.2.2\"," \
	"\"tunnel_id\":" #tid ",\"lsp_id\":1,\"reason\":\"resvtear\"}\n"

static void
append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(follows_one_session)
{
	char path[] = "/tmp/test_labelfile.XXXXXX";
	struct tr_labelfile lf;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	tr_labelfile_init(&lf, path, 5);
	ck_assert_int_eq(tr_labelfile_poll(&lf), 0);	/* no file yet */
	append(path, "{\"event\":\"listening\"}\n");
	ck_assert_int_eq(tr_labelfile_poll(&lf), 0);
	ck_assert(!lf.have_label);
	/* Another session's Resv, then ours cut in the middle of a line. */
	append(path, RESV(4, 1000));
	append(path, "{\"event\":\"resv\",\"dst\":\"10.0.2.2\",\"tunnel_id\":5,");
	ck_assert_int_eq(tr_labelfile_poll(&lf), 0);
	ck_assert(!lf.have_label);
	append(path, "\"lsp_id\":1,\"label\":1001}\n");
	ck_assert_int_eq(tr_labelfile_poll(&lf), 1);
	ck_assert(lf.have_label);
	ck_assert_uint_eq(lf.label, 1001);
	append(path, RESV(5, 1001));		/* a refresh: no change */
	ck_assert_int_eq(tr_labelfile_poll(&lf), 0);
	append(path, RESV(5, 2002));
	ck_assert_int_eq(tr_labelfile_poll(&lf), 1);
	ck_assert_uint_eq(lf.label, 2002);
	append(path, LOST(5));
	ck_assert_int_eq(tr_labelfile_poll(&lf), 1);
	ck_assert(!lf.have_label);
	ck_assert_uint_eq(lf.changes, 3);
	unlink(path);
}
END_TEST

START_TEST(hostile_lines_are_ignored)
{
	static const char *const lines[] = {
		"", "not json", "[1,2]", "{\"event\":5}",
		"{\"event\":\"resv\"}",
		"{\"event\":\"resv\",\"label\":\"16\"}",
		"{\"event\":\"resv\",\"label\":-1}",
		"{\"event\":\"resv\",\"label\":1048576}",
		"{\"event\":\"resv\",\"label\":99999999999999999999999}",
		"{\"event\":\"resv\",\"tunnel_id\":\"5\",\"label\":16}",
	};
	struct tr_labelfile lf;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		tr_labelfile_init(&lf, "/nonexistent", i == 9 ? 5 : -1);
		ck_assert_int_eq(tr_labelfile_line(&lf, lines[i],
		    strlen(lines[i])), 0);
		ck_assert(!lf.have_label);
	}
	/* Any session when no tunnel id is asked for. */
	tr_labelfile_init(&lf, "/nonexistent", -1);
	ck_assert_int_eq(tr_labelfile_line(&lf, RESV(9, 16),
	    strlen(RESV(9, 16)) - 1), 1);
	ck_assert_uint_eq(lf.label, 16);
}
END_TEST

START_TEST(overlong_line_is_skipped)
{
	char path[] = "/tmp/test_labelfile.XXXXXX", *big;
	struct tr_labelfile lf;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	big = malloc(3 * TR_LABELFILE_LINE_MAX);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 3 * TR_LABELFILE_LINE_MAX - 2);
	big[3 * TR_LABELFILE_LINE_MAX - 2] = '\n';
	big[3 * TR_LABELFILE_LINE_MAX - 1] = '\0';
	append(path, big);
	append(path, RESV(1, 77));
	tr_labelfile_init(&lf, path, 1);
	ck_assert_int_eq(tr_labelfile_poll(&lf), 1);
	ck_assert_uint_eq(lf.label, 77);
	free(big);
	unlink(path);
}
END_TEST

Suite *
labelfile_suite(void)
{
	Suite *s = suite_create("labelfile");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, follows_one_session);
	tcase_add_test(tc, hostile_lines_are_ignored);
	tcase_add_test(tc, overlong_line_is_skipped);
	suite_add_tcase(s, tc);
	return s;
}
