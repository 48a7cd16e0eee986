#include <stdio.h>
#include <string.h>

#include "routelet/config.h"
#include "suites.h"

static const char good[] =
    "generation 42\n"
    "flow-id 7\n"
    "name flow-7\n"
    "in-label 1000\n"
    "out-label 2000\n"
    "nexthop-mac 02:00:00:00:00:02\n"
    "source-mac 02:00:00:00:00:01\n"
    "rate 125000\n"
    "bucket 10000\n"
    "peak inf\n"
    "min-unit 64\n"
    "max-size 1500\n";

static int
parse(const char *text, struct rl_config *cfg, char *err, size_t errlen)
{
	return rl_config_parse(text, strlen(text), cfg, err, errlen);
}

/* 'good' with the line starting with 'key' replaced by 'line'. */
static void
with_line(char *out, size_t cap, const char *key, const char *line)
{
	const char *p = good, *nl;
	size_t klen = strlen(key);

	out[0] = '\0';
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && p[klen] == ' ')
			strncat(out, line, cap - strlen(out) - 1);
		else
			strncat(out, p, (size_t)(nl - p + 1));
		p = nl + 1;
	}
}

START_TEST(parses_every_key)
{
	struct rl_config c;
	char err[RL_ERR_MAX];

	ck_assert_int_eq(parse(good, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.generation, 42);
	ck_assert_uint_eq(c.flow_id, 7);
	ck_assert_str_eq(c.name, "flow-7");
	ck_assert_uint_eq(c.in_label, 1000);
	ck_assert_uint_eq(c.out_label, 2000);
	ck_assert_uint_eq(c.nexthop_mac[5], 2);
	ck_assert_uint_eq(c.source_mac[5], 1);
	ck_assert_uint_eq(c.tspec.rate, 125000);
	ck_assert_uint_eq(c.tspec.bucket, 10000);
	ck_assert(c.tspec.peak == POLICER_RATE_INF);
	ck_assert_uint_eq(c.tspec.min_unit, 64);
	ck_assert_uint_eq(c.tspec.max_size, 1500);
}
END_TEST

START_TEST(format_round_trips)
{
	struct rl_config c, c2;
	char err[RL_ERR_MAX], text[RL_CONFIG_TEXT_MAX];

	ck_assert_int_eq(parse(good, &c, err, sizeof(err)), 0);
	ck_assert_int_eq(rl_config_format(&c, text, sizeof(text)),
	    (int)strlen(good));
	ck_assert_str_eq(text, good);

	test_config(&c);
	c.tspec.peak = 250000;
	c.out_label = 3;
	ck_assert_int_gt(rl_config_format(&c, text, sizeof(text)), 0);
	ck_assert_int_eq(parse(text, &c2, err, sizeof(err)), 0);
	ck_assert_mem_eq(&c, &c2, sizeof(c));
	/* Too small a buffer fails cleanly. */
	ck_assert_int_eq(rl_config_format(&c, text, 40), -1);
}
END_TEST

START_TEST(comments_blank_lines_and_optional_keys)
{
	struct rl_config c;
	char err[RL_ERR_MAX], text[1024];

	snprintf(text, sizeof(text), "# a flow\n\n%s", good);
	ck_assert_int_eq(parse(text, &c, err, sizeof(err)), 0);
	with_line(text, sizeof(text), "name", "");
	ck_assert_int_eq(parse(text, &c, err, sizeof(err)), 0);
	ck_assert_str_eq(c.name, "");
	/* No final newline is fine too. */
	text[strlen(text) - 1] = '\0';
	ck_assert_int_eq(parse(text, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.tspec.max_size, 1500);
}
END_TEST

/* Each hostile variant of 'good' and the message it must give. */
static const struct {
	const char *key;
	const char *line;
	const char *err;
} hostile[] = {
	{ "rate", "colour blue\n", "line 8: unknown key 'colour'" },
	{ "rate", "\033[2Jrate 5\n", "line 8: unknown key" },
	{ "rate", "ra\xc3\xa9te 5\n", "line 8: unknown key" },
	{ "rate", "rate 1\nrate 2\n", "line 9: 'rate' already set on line 8" },
	{ "rate", "", "missing key 'rate'" },
	{ "in-label", "", "missing key 'in-label'" },
	{ "rate", "rate\n", "line 8: expected 'key value'" },
	{ "rate", " rate 5\n", "line 8: expected 'key value'" },
	{ "rate", "rate 5 6\n", "line 8: expected one value after 'rate'" },
	{ "rate", "rate 5 \n", "line 8: expected one value after 'rate'" },
	{ "rate", "rate 5\r\n", "line 8: expected one value after 'rate'" },
	{ "rate", "rate -5\n", "line 8: bad value for 'rate'" },
	{ "rate", "rate +5\n", "line 8: bad value for 'rate'" },
	{ "rate", "rate 0x10\n", "line 8: bad value for 'rate'" },
	{ "rate", "rate 0\n", "line 8: bad value for 'rate'" },
	{ "rate", "rate 1000000000001\n", "line 8: bad value for 'rate'" },
	{ "generation", "generation 18446744073709551616\n",
	    "line 1: bad value for 'generation'" },
	{ "generation", "generation 99999999999999999999999\n",
	    "line 1: bad value for 'generation'" },
	{ "flow-id", "flow-id 4294967296\n", "line 2: bad value for 'flow-id'" },
	{ "in-label", "in-label 15\n", "line 4: bad value for 'in-label'" },
	{ "in-label", "in-label 1048576\n", "line 4: bad value for 'in-label'" },
	{ "out-label", "out-label 1\n", "line 5: bad value for 'out-label'" },
	{ "out-label", "out-label 7\n", "line 5: bad value for 'out-label'" },
	{ "nexthop-mac", "nexthop-mac 02:00:00:00:00\n",
	    "line 6: bad value for 'nexthop-mac'" },
	{ "source-mac", "source-mac 02:00:00:00:00:0g\n",
	    "line 7: bad value for 'source-mac'" },
	{ "name", "name a/b\n", "line 3: bad value for 'name'" },
	{ "name", "name abcdefghijabcdefghijabcdefghijab\n",
	    "line 3: bad value for 'name'" },
	{ "peak", "peak 1000\n", "line 10: peak below rate" },
	{ "peak", "peak infinity\n", "line 10: bad value for 'peak'" },
	{ "min-unit", "min-unit 1501\n", "line 11: min-unit above max-size" },
	{ "max-size", "max-size 65536\n", "line 12: bad value for 'max-size'" },
	{ "max-size", "max-size 0\n", "line 12: bad value for 'max-size'" },
	{ "bucket", "bucket 4000000001\n", "line 9: bad value for 'bucket'" },
};

START_TEST(hostile_lines_rejected)
{
	struct rl_config c, before;
	char err[RL_ERR_MAX], text[1024];

	test_config(&c);
	before = c;
	with_line(text, sizeof(text), hostile[_i].key, hostile[_i].line);
	ck_assert_int_eq(parse(text, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, hostile[_i].err);
	ck_assert_mem_eq(&c, &before, sizeof(c));
}
END_TEST

START_TEST(long_lines_nul_and_size_rejected)
{
	struct rl_config c;
	char err[RL_ERR_MAX], text[RL_CONFIG_TEXT_MAX + 2];
	char line[RL_CONFIG_LINE_MAX + 8];

	/* A line one byte over the limit, right after a valid one. */
	memset(line, 'x', sizeof(line));
	memcpy(line, "name ", 5);
	line[RL_CONFIG_LINE_MAX + 1] = '\0';
	snprintf(text, sizeof(text), "generation 1\n%s\n", line);
	ck_assert_int_eq(parse(text, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 2: longer than 128 bytes");

	/* A NUL inside a line. */
	memcpy(text, "generation 1\0junk\n", 18);
	ck_assert_int_eq(rl_config_parse(text, 18, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 1: NUL byte");

	/* A whole block over the limit, even of blank lines. */
	memset(text, '\n', sizeof(text));
	ck_assert_int_eq(rl_config_parse(text, RL_CONFIG_TEXT_MAX + 1, &c,
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err, "config is 2049 bytes, more than 2048");

	/* Nothing at all names the first missing key. */
	ck_assert_int_eq(rl_config_parse("", 0, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "missing key 'generation'");
	/* A zero-sized error buffer is left alone. */
	ck_assert_int_eq(rl_config_parse("", 0, &c, err, 0), -1);
}
END_TEST

START_TEST(every_truncation_fails_or_parses)
{
	struct rl_config c;
	char err[RL_ERR_MAX];
	size_t n, len = strlen(good);
	int ok = 0;

	/* Only the cuts after the last key's digits can parse. */
	for (n = 0; n <= len; n++)
		if (rl_config_parse(good, n, &c, err, sizeof(err)) == 0)
			ok++;
	/* "max-size 150", "1500" and "1500\n"; 1 and 15 are below m. */
	ck_assert_int_eq(ok, 3);
}
END_TEST

START_TEST(generation_of_text_that_may_not_parse)
{
	uint64_t g = 0;

#define GEN(t) rl_config_generation((t), strlen(t), &g)
	ck_assert_int_eq(GEN("generation 12\nin-label x\n"), 0);
	ck_assert_uint_eq(g, 12);
	ck_assert_int_eq(GEN("# c\nrate 5\ngeneration\t7"), 0);
	ck_assert_uint_eq(g, 7);
	ck_assert_int_eq(GEN("generation 18446744073709551615\n"), 0);
	ck_assert_uint_eq(g, UINT64_MAX);
	ck_assert_int_eq(GEN(""), -1);
	ck_assert_int_eq(GEN("in-label 5\n"), -1);
	ck_assert_int_eq(GEN("generation\n"), -1);
	ck_assert_int_eq(GEN("generation \n"), -1);
	ck_assert_int_eq(GEN("generation 5x\n"), -1);
	ck_assert_int_eq(GEN("generation -5\n"), -1);
	ck_assert_int_eq(GEN("generation 18446744073709551616\n"), -1);
	ck_assert_int_eq(GEN("generations 5\n"), -1);
	ck_assert_int_eq(GEN(" generation 5\n"), -1);
#undef GEN
	/* only the 'len' bytes given are read */
	ck_assert_int_eq(rl_config_generation("generation 5", 11, &g), -1);
}
END_TEST

Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, parses_every_key);
	tcase_add_test(tc, format_round_trips);
	tcase_add_test(tc, comments_blank_lines_and_optional_keys);
	tcase_add_loop_test(tc, hostile_lines_rejected, 0,
	    (int)(sizeof(hostile) / sizeof(hostile[0])));
	tcase_add_test(tc, long_lines_nul_and_size_rejected);
	tcase_add_test(tc, every_truncation_fails_or_parses);
	tcase_add_test(tc, generation_of_text_that_may_not_parse);
	suite_add_tcase(s, tc);
	return s;
}
