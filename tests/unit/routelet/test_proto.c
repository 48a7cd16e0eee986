#include <string.h>

#include "routelet/proto.h"
#include "suites.h"

START_TEST(encode_decode)
{
	uint8_t buf[64];
	struct rl_msg m;
	ssize_t n;

	n = rl_msg_encode(RL_MSG_CONFIG, "abc", 3, buf, sizeof(buf));
	ck_assert_int_eq(n, 11);
	ck_assert_uint_eq(buf[0], RL_PROTO_VERSION);
	ck_assert_uint_eq(buf[1], RL_MSG_CONFIG);
	ck_assert_uint_eq(buf[7], 3);
	ck_assert_int_eq(rl_msg_decode(buf, (size_t)n, &m), 11);
	ck_assert_uint_eq(m.type, RL_MSG_CONFIG);
	ck_assert_uint_eq(m.len, 3);
	ck_assert_mem_eq(m.payload, "abc", 3);

	n = rl_msg_encode(RL_MSG_COUNTERS_GET, NULL, 0, buf, sizeof(buf));
	ck_assert_int_eq(n, RL_MSG_HLEN);
	ck_assert_int_eq(rl_msg_decode(buf, (size_t)n, &m), RL_MSG_HLEN);
	ck_assert_uint_eq(m.len, 0);
}
END_TEST

START_TEST(encode_refuses_what_does_not_fit)
{
	static uint8_t big[RL_MSG_PAYLOAD_MAX + 1];
	static uint8_t buf[RL_MSG_MAX + 16];

	ck_assert_int_eq(rl_msg_encode(RL_MSG_CONFIG, "abc", 3, buf, 10), -1);
	ck_assert_int_eq(rl_msg_encode(RL_MSG_CONFIG, big, sizeof(big), buf,
	    sizeof(buf)), -1);
	ck_assert_int_eq(rl_msg_encode(RL_MSG_CONFIG, big, sizeof(big) - 1,
	    buf, sizeof(buf)), RL_MSG_MAX);
}
END_TEST

START_TEST(partial_input_needs_more)
{
	uint8_t buf[64];
	struct rl_msg m;
	ssize_t n;
	size_t cut;

	n = rl_msg_encode(RL_MSG_OK, "generation 1", 12, buf, sizeof(buf));
	for (cut = 0; cut < (size_t)n; cut++)
		ck_assert_int_eq(rl_msg_decode(buf, cut, &m), 0);
	ck_assert_int_eq(rl_msg_decode(buf, (size_t)n, &m), n);
}
END_TEST

START_TEST(malformed_headers_rejected)
{
	static const uint8_t bad[][RL_MSG_HLEN] = {
		{ 2, 1, 0, 0, 0, 0, 0, 0 },	/* version */
		{ 1, 0, 0, 0, 0, 0, 0, 0 },	/* type 0 */
		{ 1, 6, 0, 0, 0, 0, 0, 0 },	/* type 6 */
		{ 1, 1, 0, 1, 0, 0, 0, 0 },	/* reserved */
		{ 1, 1, 0, 0, 0, 0, 0x10, 0x01 }, /* 4097 bytes */
		{ 1, 1, 0, 0, 0xff, 0xff, 0xff, 0xff },
	};
	struct rl_msg m;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(rl_msg_decode(bad[i], RL_MSG_HLEN, &m), -1);
	/* A bad version is refused from its first byte. */
	ck_assert_int_eq(rl_msg_decode(bad[0], 1, &m), -1);
}
END_TEST

Suite *
proto_suite(void)
{
	Suite *s = suite_create("proto");
	TCase *tc = tcase_create("framing");

	tcase_add_test(tc, encode_decode);
	tcase_add_test(tc, encode_refuses_what_does_not_fit);
	tcase_add_test(tc, partial_input_needs_more);
	tcase_add_test(tc, malformed_headers_rejected);
	suite_add_tcase(s, tc);
	return s;
}
