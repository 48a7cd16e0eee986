/* host/api_sock.c: the parts that need no raw socket: clock and source
 * address. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <time.h>

#include "fake.h"
#include "suites.h"

START_TEST(clock_is_monotonic_ms)
{
	uint64_t a = rsvp_host_clock_ms(NULL), b;
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	b = rsvp_host_clock_ms(NULL);
	ck_assert_uint_ge(b - a, 20);
	ck_assert_uint_lt(b - a, 2000);
}
END_TEST

START_TEST(source_towards_loopback)
{
	struct in_addr src;

	int rc;

	/* In a namespace whose lo is down there is no route at all. */
	rc = rsvp_host_source_for(fake_addr("127.0.0.1"), &src);
	ck_assert_msg(rc == 0 || rc == -ENETUNREACH, "rc %d", rc);
	if (rc == 0)
		ck_assert_str_eq(inet_ntoa(src), "127.0.0.1");
	/* The broadcast address is no unicast destination: an errno. */
	ck_assert_int_lt(rsvp_host_source_for(fake_addr("255.255.255.255"),
	    &src), 0);
}
END_TEST

Suite *
api_sock_suite(void)
{
	Suite *s = suite_create("api_sock");
	TCase *tc = tcase_create("sock");

	tcase_add_test(tc, clock_is_monotonic_ms);
	tcase_add_test(tc, source_towards_loopback);
	suite_add_tcase(s, tc);
	return s;
}
