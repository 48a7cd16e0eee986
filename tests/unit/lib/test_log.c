#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "suites.h"

/* Run 'n' rate-limited warnings with stderr captured; return what came out. */
static size_t
capture_rl(struct log_ratelimit *rl, int n, char *out, size_t outlen)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	size_t got;
	int i;

	ck_assert_ptr_nonnull(tmp);
	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	for (i = 0; i < n; i++)
		log_warnx_rl(rl, "bad message %d", i);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	got = fread(out, 1, outlen - 1, tmp);
	out[got] = '\0';
	fclose(tmp);
	return got;
}

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

START_TEST(ratelimit_caps_burst)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(3600, 3);
	char out[4096];

	log_init("test", LOG_LVL_INFO, false);
	capture_rl(&rl, 10, out, sizeof(out));
	ck_assert_int_eq(count_lines(out), 3);
	ck_assert_ptr_nonnull(strstr(out, "bad message 2"));
	ck_assert_ptr_null(strstr(out, "bad message 3"));
	ck_assert_uint_eq(rl.suppressed, 7);
}
END_TEST

START_TEST(ratelimit_reports_suppressed_in_new_window)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(3600, 1);
	char out[4096];

	log_init("test", LOG_LVL_INFO, false);
	capture_rl(&rl, 5, out, sizeof(out));
	ck_assert_int_eq(count_lines(out), 1);
	rl.window_start -= 3600;	/* the window has passed */
	capture_rl(&rl, 1, out, sizeof(out));
	ck_assert_ptr_nonnull(strstr(out, "(4 similar messages suppressed)"));
}
END_TEST

START_TEST(debug_hidden_below_level)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(1, 100);
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);

	log_init("test", LOG_LVL_INFO, false);
	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	log_debug("hidden");
	log_debug_rl(&rl, "hidden too");
	log_info("shown");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	ck_assert_int_eq(ftell(tmp), (long)strlen("test: shown\n"));
	fclose(tmp);
}
END_TEST

Suite *
log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, ratelimit_caps_burst);
	tcase_add_test(tc, ratelimit_reports_suppressed_in_new_window);
	tcase_add_test(tc, debug_hidden_below_level);
	suite_add_tcase(s, tc);
	return s;
}
