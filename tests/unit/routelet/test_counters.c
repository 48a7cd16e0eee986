#include <string.h>

#include "routelet/counters.h"
#include "suites.h"

START_TEST(formats_every_counter)
{
	struct rl_counters c;
	char buf[1024];
	int n;

	memset(&c, 0, sizeof(c));
	c.rx_packets = 10;
	c.rx_bytes = 1000;
	c.tx_packets = 4;
	c.policed_packets = 3;
	c.bad_label_packets = 1;
	c.ttl_expired_packets = 1;
	c.send_error_packets = 1;
	n = rl_counters_format(&c, 9, buf, sizeof(buf));
	ck_assert_int_eq(n, (int)strlen(buf));
	ck_assert_ptr_nonnull(strstr(buf, "generation 9\n"));
	ck_assert_ptr_nonnull(strstr(buf, "rx-packets 10\nrx-bytes 1000\n"));
	ck_assert_ptr_nonnull(strstr(buf, "tx-packets 4\n"));
	ck_assert_ptr_nonnull(strstr(buf, "policed-packets 3\n"));
	ck_assert_ptr_nonnull(strstr(buf, "bad-label-packets 1\n"));
	ck_assert_ptr_nonnull(strstr(buf, "send-error-packets 1\n"));
	/* Everything that was not sent, whatever the reason. */
	ck_assert_ptr_nonnull(strstr(buf, "dropped-packets 6\n"));
}
END_TEST

START_TEST(full_buffer_fails)
{
	struct rl_counters c;
	char buf[64];

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(rl_counters_format(&c, 1, buf, sizeof(buf)), -1);
	ck_assert_int_eq(rl_counters_format(&c, 1, buf, 0), -1);
}
END_TEST

Suite *
counters_suite(void)
{
	Suite *s = suite_create("counters");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, formats_every_counter);
	tcase_add_test(tc, full_buffer_fails);
	suite_add_tcase(s, tc);
	return s;
}
