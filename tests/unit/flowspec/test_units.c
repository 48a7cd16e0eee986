#include <math.h>
#include <stdint.h>
#include <string.h>

#include "flowspec/units.h"
#include "suites.h"

struct row {
	const char	*s;
	uint64_t	 v;
};

START_TEST(rates_parse)
{
	static const struct row rows[] = {
		{ "10mbit", 10000000 }, { "1.5Mbit", 1500000 },
		{ "64kbit", 64000 }, { "100kbps", 800000 },
		{ "1gbit", 1000000000 }, { "1000", 1000 }, { "0", 0 },
		{ "8bit", 8 }, { "1kibit", 1024 }, { "1mibps", 8388608 },
		{ "1.5KBPS", 12000 }, { "2.5bps", 20 }, { "0.001kbit", 1 },
		{ "007mbit", 7000000 }, { "1tbit", 1000000000000ULL },
		{ "1.25gibit", 1342177280 },
		{ "18446744073709551615", UINT64_MAX },
		{ "18446744073709551615bit", UINT64_MAX },
		{ "2305843009213693951bps", 18446744073709551608ULL },
	};
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_msg(units_parse_rate_bits(rows[i].s, &v) == 0,
		    "%s refused", rows[i].s);
		ck_assert_msg(v == rows[i].v, "%s gave %llu", rows[i].s,
		    (unsigned long long)v);
	}
}
END_TEST

START_TEST(bad_rates_are_refused)
{
	static const char *bad[] = {
		"", "mbit", "-1mbit", "+1mbit", " 1mbit", "1 mbit", "1mbit ",
		"1.5", "1.", ".5mbit", "1..5mbit", "1.5.5mbit", "10xbit",
		"10mbitx", "1e6", "0x10", "nan", "inf", "1mbit\n", "1k",
		"18446744073709551616", "18446744073709551616bit",
		"2305843009213693952bps", "18446744073709551.616kbit",
		"99999999999999999999999999999mbit",
		"0.00000000000000000000000000001tbit", "1.0001kbit",
	};
	uint64_t v = 42;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(units_parse_rate_bits(bad[i], &v) == -1,
		    "\"%s\" accepted", bad[i]);
	ck_assert_uint_eq(v, 42);
}
END_TEST

START_TEST(sizes_parse)
{
	static const struct row rows[] = {
		{ "64k", 65536 }, { "64kb", 65536 }, { "64KB", 65536 },
		{ "1500", 1500 }, { "1500b", 1500 }, { "1m", 1048576 },
		{ "1mb", 1048576 }, { "1g", 1073741824 }, { "8kbit", 1024 },
		{ "1mbit", 131072 }, { "1.5k", 1536 }, { "0", 0 },
		{ "0.5k", 512 }, { "17179869183g", 18446744072635809792ULL },
		{ "18446744073709551615", UINT64_MAX },
	};
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_msg(units_parse_size_bytes(rows[i].s, &v) == 0,
		    "%s refused", rows[i].s);
		ck_assert_msg(v == rows[i].v, "%s gave %llu", rows[i].s,
		    (unsigned long long)v);
	}
}
END_TEST

START_TEST(bad_sizes_are_refused)
{
	static const char *bad[] = {
		"", "k", "-1", "+1", "1.5", "1bit", "1kbitx", "1 k", "1kib",
		"1t", "1kbps", "0.001k", "18446744073709551616",
		"17179869184g", "1k\t", "١",
	};
	uint64_t v = 42;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(units_parse_size_bytes(bad[i], &v) == -1,
		    "\"%s\" accepted", bad[i]);
	ck_assert_uint_eq(v, 42);
}
END_TEST

START_TEST(rates_print_readably)
{
	static const struct row rows[] = {
		{ "10Mbit", 10000000 }, { "1.5Mbit", 1500000 },
		{ "64Kbit", 64000 }, { "999bit", 999 }, { "0bit", 0 },
		{ "1Kbit", 1000 }, { "1.234Kbit", 1234 },
		{ "1000.001Kbit", 1000001 }, { "1Gbit", 1000000000 },
		{ "2.048Mbit", 2048000 }, { "12Tbit", 12000000000000ULL },
		{ "1.5Kbit", 1500 }, { "1.05Gbit", 1050000000 },
		{ "18446744073709551.615Kbit", UINT64_MAX },
	};
	char buf[UNITS_STRLEN];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_int_eq(units_print_rate_bits(rows[i].v, buf,
		    sizeof(buf)), (int)strlen(rows[i].s));
		ck_assert_str_eq(buf, rows[i].s);
	}
}
END_TEST

START_TEST(sizes_print_readably)
{
	static const struct row rows[] = {
		{ "64Kb", 65536 }, { "1Mb", 1048576 }, { "1500b", 1500 },
		{ "1536b", 1536 }, { "0b", 0 }, { "3Gb", 3221225472ULL },
		{ "1024Gb", 1099511627776ULL },
		{ "18446744073709551615b", UINT64_MAX },
	};
	char buf[UNITS_STRLEN];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_int_eq(units_print_size_bytes(rows[i].v, buf,
		    sizeof(buf)), (int)strlen(rows[i].s));
		ck_assert_str_eq(buf, rows[i].s);
	}
}
END_TEST

START_TEST(printing_round_trips)
{
	char buf[UNITS_STRLEN];
	uint64_t x = 1, v, ten = 1;
	int i;

	/* Powers of ten and the numbers just below them, then a spread of
	 * others from a linear congruential generator. */
	for (i = 0; i < 2000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		if (i < 40) {
			ten = i % 20 == 0 ? 1 : ten * 10;
			v = ten - (uint64_t)(i / 20);
		} else
			v = x >> (i % 64);
		ck_assert_int_gt(units_print_rate_bits(v, buf, sizeof(buf)), 0);
		ck_assert_int_eq(units_parse_rate_bits(buf, &x), 0);
		ck_assert_msg(x == v, "rate %s", buf);
		ck_assert_int_gt(units_print_size_bytes(v, buf, sizeof(buf)), 0);
		ck_assert_int_eq(units_parse_size_bytes(buf, &x), 0);
		ck_assert_msg(x == v, "size %s", buf);
		x ^= (uint64_t)i << 32;
	}
}
END_TEST

START_TEST(short_buffers_are_refused)
{
	char buf[UNITS_STRLEN];

	ck_assert_int_eq(units_print_rate_bits(10000000, buf, 6), -1);
	ck_assert_int_eq(units_print_rate_bits(10000000, buf, 7), 6);
	ck_assert_str_eq(buf, "10Mbit");
	ck_assert_int_eq(units_print_size_bytes(65536, buf, 4), -1);
	ck_assert_int_eq(units_print_size_bytes(65536, buf, 5), 4);
	ck_assert_int_eq(units_print_size_bytes(1, buf, 0), -1);
}
END_TEST

START_TEST(intserv_conversions)
{
	ck_assert_float_eq(units_bits_to_is_rate(8000000), 1e6f);
	ck_assert_float_eq(units_bits_to_is_rate(12), 1.5f);
	ck_assert_uint_eq(units_is_rate_to_bits(125000.0f), 1000000);
	ck_assert_uint_eq(units_is_rate_to_bits(0.07f), 1);
	ck_assert_uint_eq(units_is_rate_to_bits(0.06f), 0);
	ck_assert_uint_eq(units_is_rate_to_bits(INFINITY), UINT64_MAX);
	ck_assert_uint_eq(units_is_rate_to_bits(1e19f), UINT64_MAX);
	ck_assert_uint_eq(units_is_rate_to_bits(NAN), 0);
	ck_assert_uint_eq(units_is_rate_to_bits(-1), 0);
	ck_assert_float_eq(units_bytes_to_is_size(65536), 65536.0f);
	ck_assert_uint_eq(units_is_rate_to_bits(units_bits_to_is_rate(
	    64000)), 64000);
}
END_TEST

Suite *
units_suite(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, rates_parse);
	tcase_add_test(tc, bad_rates_are_refused);
	tcase_add_test(tc, sizes_parse);
	tcase_add_test(tc, bad_sizes_are_refused);
	tcase_add_test(tc, rates_print_readably);
	tcase_add_test(tc, sizes_print_readably);
	tcase_add_test(tc, printing_round_trips);
	tcase_add_test(tc, short_buffers_are_refused);
	tcase_add_test(tc, intserv_conversions);
	suite_add_tcase(s, tc);
	return s;
}
