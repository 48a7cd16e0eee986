#include <check.h>
#include <stdint.h>
#include <string.h>

#include "routelet/meminfo.h"
#include "suites.h"

static int
parse(const char *text, uint64_t *kb)
{
	*kb = 0;
	return rl_meminfo_parse(text, strlen(text), kb);
}

START_TEST(finds_mem_available)
{
	uint64_t kb;

	ck_assert_int_eq(parse("MemTotal:          49424 kB\n"
	    "MemFree:           30000 kB\n"
	    "MemAvailable:      27232 kB\n"
	    "Buffers:               0 kB\n", &kb), 0);
	ck_assert_uint_eq(kb, 27232);
	/* the last line without its newline */
	ck_assert_int_eq(parse("MemTotal: 1 kB\nMemAvailable: 7 kB", &kb), 0);
	ck_assert_uint_eq(kb, 7);
}
END_TEST

START_TEST(refuses_what_is_not_it)
{
	uint64_t kb;

	ck_assert_int_eq(parse("", &kb), -1);
	ck_assert_int_eq(parse("MemTotal: 49424 kB\n", &kb), -1);
	ck_assert_int_eq(parse("MemAvailable:\n", &kb), -1);
	ck_assert_int_eq(parse("MemAvailable: kB\n", &kb), -1);
	ck_assert_int_eq(parse("MemAvailable: 12 MB\n", &kb), -1);
	ck_assert_int_eq(parse("MemAvailable: 12 kB trailing\n", &kb), -1);
	ck_assert_int_eq(parse("MemAvailable: -12 kB\n", &kb), -1);
	ck_assert_int_eq(parse("MemAvailable: 99999999999999999999 kB\n",
	    &kb), -1);
	/* not at the start of a line */
	ck_assert_int_eq(parse("XMemAvailable: 12 kB\n", &kb), -1);
}
END_TEST

START_TEST(stops_at_len)
{
	const char text[] = "MemAvailable: 1234 kB\n";
	uint64_t kb = 0;

	/* cut inside the number: the rest is not read */
	ck_assert_int_eq(rl_meminfo_parse(text, 16, &kb), -1);
	ck_assert_int_eq(rl_meminfo_parse(text, sizeof(text) - 2, &kb), 0);
	ck_assert_uint_eq(kb, 1234);
}
END_TEST

START_TEST(reads_this_system)
{
	uint64_t kb = 0;

	ck_assert_int_eq(rl_meminfo_available(&kb), 0);
	ck_assert_uint_gt(kb, 0);
}
END_TEST

Suite *
meminfo_suite(void)
{
	Suite *s = suite_create("meminfo");
	TCase *tc = tcase_create("MemAvailable");

	tcase_add_test(tc, finds_mem_available);
	tcase_add_test(tc, refuses_what_is_not_it);
	tcase_add_test(tc, stops_at_len);
	tcase_add_test(tc, reads_this_system);
	suite_add_tcase(s, tc);
	return s;
}
