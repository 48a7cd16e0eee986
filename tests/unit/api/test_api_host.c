/* host/api_host.c: creation, input dispatch and its counters, refresh
 * jitter and lifetimes, the libevent timer. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "fake.h"
#include "suites.h"
#include "host/api_local.h"

static const struct rsvp_sender_params *
sample_sender(const char *dst, uint16_t tunnel, uint16_t lsp)
{
	static struct rsvp_sender_params p;

	memset(&p, 0, sizeof(p));
	p.dst = fake_addr(dst);
	p.tunnel_id = tunnel;
	p.lsp_id = lsp;
	fake_tspec(&p.tspec, 10);
	return &p;
}

START_TEST(create_needs_send_and_clock)
{
	struct rsvp_host_params p;
	struct rsvp_host *h = (struct rsvp_host *)&p;

	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(rsvp_host_create(&p, &h), -EINVAL);
	ck_assert_ptr_null(h);
	rsvp_host_destroy(NULL);
}
END_TEST

START_TEST(input_counts_what_it_drops)
{
	static const uint8_t garbage[] = { 0x10, 0x01, 0, 0, 0xff, 0, 0, 8 };
	struct fake f, fa;
	struct rsvp_host *h = fake_host(&f, "10.0.2.2");
	struct rsvp_host *a = fake_host(&fa, "10.0.1.1");
	struct rsvp_host_stats st;
	struct rsvp_sender *s;
	struct rsvp_pkt_in in;
	struct rsvp_msg m;
	struct rsvp_obj *o;

	/* Length field 8, 7 bytes given. */
	memset(&in, 0, sizeof(in));
	in.buf = garbage;
	in.len = sizeof(garbage) - 1;
	rsvp_host_input(h, &in);

	/* A ResvTear for a session nobody here has. */
	rsvp_msg_init(&m, RSVP_MSG_RESVTEAR);
	o = rsvp_msg_add(&m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.session_lsp.endpoint = fake_addr("10.0.2.2");
	o->u.session_lsp.tunnel_id = 9;
	o = rsvp_msg_add(&m, RSVP_CLASS_RSVP_HOP, RSVP_CTYPE_IPV4);
	o->u.hop.addr = fake_addr("10.0.1.2");
	o = rsvp_msg_add(&m, RSVP_CLASS_STYLE, RSVP_CTYPE_1);
	o->u.style.options = RSVP_STYLE_FF;
	o = rsvp_msg_add(&m, RSVP_CLASS_FILTER_SPEC,
	    RSVP_CTYPE_LSP_TUNNEL_IPV4);
	o->u.filter_lsp.sender = fake_addr("10.0.1.1");
	fake_input(h, &m, "10.0.1.2", "10.0.2.2");

	/* A Hello: not for hosts. */
	rsvp_msg_init(&m, RSVP_MSG_HELLO);
	o = rsvp_msg_add(&m, RSVP_CLASS_HELLO, RSVP_CTYPE_HELLO_REQUEST);
	o->u.hello.src_instance = 1;
	fake_input(h, &m, "10.0.1.2", "10.0.2.2");

	/* A Path while no receiver is open. */
	ck_assert_int_eq(rsvp_sender_open(a, sample_sender("10.0.2.2", 1, 1),
	    NULL, NULL, &s), 0);
	fake_deliver(&fa, 0, h, 1);

	rsvp_host_stats(h, &st);
	ck_assert_uint_eq(st.rx, 4);
	ck_assert_uint_eq(st.rx_bad, 1);
	ck_assert_uint_eq(st.rx_unknown_session, 2);
	ck_assert_uint_eq(st.rx_ignored_type, 1);
	ck_assert_uint_eq(st.tx, 0);
	rsvp_host_destroy(h);
	rsvp_host_destroy(a);
}
END_TEST

START_TEST(refresh_delay_within_half_to_one_and_a_half_r)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, "10.0.1.1");
	unsigned seed = 3;
	uint64_t d, lo = UINT64_MAX, hi = 0;
	int i;

	/* RFC 2205 3.7: uniform over [0.5R, 1.5R], R = 30 s. */
	f.rnd = 0;
	ck_assert_uint_eq(api_refresh_delay(h), 15000);
	f.rnd = 30000;
	ck_assert_uint_eq(api_refresh_delay(h), 45000);
	for (i = 0; i < 10000; i++) {
		f.rnd = (uint32_t)rand_r(&seed) << 1 ^ (uint32_t)rand_r(&seed);
		d = api_refresh_delay(h);
		ck_assert_uint_ge(d, 15000);
		ck_assert_uint_le(d, 45000);
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	/* Spread over the whole interval, not stuck at one end. */
	ck_assert_uint_lt(lo, 16000);
	ck_assert_uint_gt(hi, 44000);
	/* L = (K + 0.5) * 1.5 * R, K = 3 (RFC 2205 3.7). */
	ck_assert_uint_eq(api_lifetime(h, 30000), 157500);
	ck_assert_uint_eq(api_lifetime(h, 1000), 5250);
	ck_assert_uint_eq(api_lifetime(h, 0), 157500);
	rsvp_host_destroy(h);
}
END_TEST

START_TEST(sender_refresh_follows_the_fake_clock)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, "10.0.1.1");
	struct rsvp_sender *s;
	int64_t next;

	ck_assert_int_eq(rsvp_host_next_timer_ms(h), -1);
	f.rnd = 10000;			/* delay 0.5R + 10000 = 25 s */
	ck_assert_int_eq(rsvp_sender_open(h, sample_sender("10.0.2.2", 1, 1),
	    NULL, NULL, &s), 0);
	ck_assert_uint_eq(f.nsent, 1);
	next = rsvp_host_next_timer_ms(h);
	ck_assert_int_eq(next, 25000);
	f.now += 24999;
	rsvp_host_run_timers(h);
	ck_assert_uint_eq(f.nsent, 1);
	f.now += 1;
	rsvp_host_run_timers(h);
	ck_assert_uint_eq(f.nsent, 2);
	/* A refresh is the same bytes again. */
	ck_assert_uint_eq(fake_sent(&f, 0)->out.len, fake_sent(&f, 1)->out.len);
	ck_assert_mem_eq(fake_sent(&f, 0)->bytes, fake_sent(&f, 1)->bytes,
	    fake_sent(&f, 0)->out.len);
	rsvp_host_destroy(h);
	/* destroy closed the sender: a PathTear. */
	ck_assert_uint_eq(f.nsent, 3);
	ck_assert_uint_eq(fake_last(&f)->type, RSVP_MSG_PATHTEAR);
}
END_TEST

START_TEST(send_errors_are_counted)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, "10.0.1.1");
	struct rsvp_host_stats st;
	struct rsvp_sender *s;

	f.send_rc = -ENETUNREACH;
	ck_assert_int_eq(rsvp_sender_open(h, sample_sender("10.0.2.2", 1, 1),
	    NULL, NULL, &s), 0);
	rsvp_host_stats(h, &st);
	ck_assert_uint_eq(st.tx, 0);
	ck_assert_uint_eq(st.tx_err, 1);
	rsvp_host_destroy(h);
}
END_TEST

static uint64_t
real_now(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static size_t real_sent;

static int
count_send(void *arg, const struct rsvp_pkt_out *out)
{
	(void)arg;
	(void)out;
	real_sent++;
	return 0;
}

START_TEST(libevent_timer_drives_refresh)
{
	struct event_base *base = event_base_new();
	struct rsvp_host_params p;
	struct rsvp_host *h;
	struct rsvp_sender *s;
	struct timeval stop = { 0, 200000 };

	memset(&p, 0, sizeof(p));
	p.base = base;
	p.addr = fake_addr("10.0.1.1");
	p.refresh_ms = 20;		/* refreshes every 10-30 ms */
	p.send = count_send;
	p.now_ms = real_now;
	real_sent = 0;
	ck_assert_int_eq(rsvp_host_create(&p, &h), 0);
	ck_assert_int_eq(rsvp_sender_open(h, sample_sender("10.0.2.2", 1, 1),
	    NULL, NULL, &s), 0);
	event_base_loopexit(base, &stop);
	event_base_dispatch(base);
	/* 200 ms: at least 6 refreshes (one per 30 ms at worst) + the
	 * first Path, at most 20 + 1. */
	ck_assert_uint_ge(real_sent, 7);
	ck_assert_uint_le(real_sent, 21);
	rsvp_host_destroy(h);
	event_base_free(base);
}
END_TEST

START_TEST(many_sessions)
{
	struct fake f;
	struct rsvp_host *h = fake_host(&f, "10.0.1.1");
	struct rsvp_host_stats st;
	struct rsvp_sender *s;
	uint32_t i;

	for (i = 0; i < 20000; i++) {
		f.rnd = i;
		ck_assert_int_eq(rsvp_sender_open(h,
		    sample_sender("10.0.2.2", (uint16_t)(i / 2),
		    (uint16_t)(i % 2)), NULL, NULL, &s), 0);
	}
	ck_assert_uint_eq(h->nsessions, 10000);
	ck_assert_uint_ge(h->nbuckets, 10000);
	ck_assert_int_eq(rsvp_sender_open(h, sample_sender("10.0.2.2", 77, 1),
	    NULL, NULL, &s), -EEXIST);
	/* Every sender refreshes once within 1.5 R. */
	f.now += 45001;
	rsvp_host_run_timers(h);
	rsvp_host_stats(h, &st);
	ck_assert_uint_eq(st.tx, 40000);
	rsvp_host_destroy(h);
	ck_assert_uint_eq(f.nsent, 60000);
}
END_TEST

Suite *
api_host_suite(void)
{
	Suite *s = suite_create("api_host");
	TCase *tc = tcase_create("host");

	tcase_add_test(tc, create_needs_send_and_clock);
	tcase_add_test(tc, input_counts_what_it_drops);
	tcase_add_test(tc, refresh_delay_within_half_to_one_and_a_half_r);
	tcase_add_test(tc, sender_refresh_follows_the_fake_clock);
	tcase_add_test(tc, send_errors_are_counted);
	tcase_add_test(tc, libevent_timer_drives_refresh);
	tcase_add_test(tc, many_sessions);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
