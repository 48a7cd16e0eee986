/*
 * dom0/hello.c: RFC 3209 section 5 Hello with a fake clock and a
 * recording send.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <event2/event.h>

#include "dom0/hello.h"
#include "lib/log.h"
#include "rsvp/rsvp.h"
#include "fake.h"
#include "suites.h"

#define REQ	RSVP_CTYPE_HELLO_REQUEST
#define ACK	RSVP_CTYPE_HELLO_ACK
#define SEED	0x1000

static struct fake f;
static struct hello *h;
static const struct hello_conf conf = {
	.interval_ms = 1000, .dead_ms = 3500, .instance_seed = SEED,
};

static void
setup(void)
{
	struct hello_env env;

	log_init("test_hello", LOG_LVL_WARN, false);
	fake_env(&f, &env);
	ck_assert_int_eq(hello_create(NULL, &conf, &env, &h), 0);
}

static void
teardown(void)
{
	hello_destroy(h);
	h = NULL;
}

/* hello_walk(): append each address to the zero-ended array 'arg'. */
static void
collect(void *arg, const struct hello_nbr_info *nbr)
{
	struct in_addr *out = arg;

	while (out->s_addr != 0)
		out++;
	*out = nbr->addr;
}

/* Bring neighbour 'n' (instance 'inst') up through its REQUEST. */
static void
bring_up(unsigned n, uint32_t inst)
{
	ck_assert_int_eq(fake_hello(h, fake_addr(n), 3, REQ, inst, 0, 1, 1),
	    0);
}

START_TEST(add_sends_request)
{
	const struct fake_sent *s;

	ck_assert_int_eq(hello_nbr_add(h, fake_addr(2), 3), 0);
	ck_assert_int_eq(f.nsent, 1);
	s = &f.sent[0];
	ck_assert_int_eq(s->c_type, REQ);
	ck_assert_uint_eq(s->src_instance, SEED);
	ck_assert_uint_eq(s->dst_instance, 0);
	ck_assert_int_eq(s->send_ttl, 1);
	ck_assert_int_eq(s->out.ttl, 1);
	ck_assert(!s->out.router_alert);
	ck_assert_uint_eq(s->out.dst.s_addr, fake_addr(2).s_addr);
	ck_assert_uint_eq(s->out.ifindex, 3);
	ck_assert_uint_eq(ntohl(s->out.src.s_addr), 0x0a000301);
	/* Again: nothing new. */
	ck_assert_int_eq(hello_nbr_add(h, fake_addr(2), 3), 0);
	ck_assert_int_eq(f.nsent, 1);
	/* A second neighbour has an instance of its own. */
	ck_assert_int_eq(hello_nbr_add(h, fake_addr(3), 4), 0);
	ck_assert_uint_eq(f.sent[1].src_instance, SEED + 1);
}
END_TEST

START_TEST(interface_without_address)
{
	ck_assert_int_eq(hello_nbr_add(h, fake_addr(2), 99), 0);
	ck_assert_int_eq(f.nsent, 1);
	ck_assert_uint_eq(f.sent[0].out.src.s_addr, INADDR_ANY);
}
END_TEST

START_TEST(requests_every_interval)
{
	hello_nbr_add(h, fake_addr(2), 3);
	f.now += 999;
	hello_tick(h);
	ck_assert_int_eq(f.nsent, 1);
	f.now += 1;
	hello_tick(h);
	ck_assert_int_eq(f.nsent, 2);
	hello_tick(h);
	ck_assert_int_eq(f.nsent, 2);
	f.now += 1000;
	hello_tick(h);
	ck_assert_int_eq(f.nsent, 3);
	ck_assert_int_eq(f.sent[2].c_type, REQ);
	ck_assert_uint_eq(hello_get_stats(h)->tx_request, 3);
	/* Never heard: never lost either. */
	f.now += 100000;
	hello_tick(h);
	ck_assert_int_eq(f.nevents, 0);
}
END_TEST

START_TEST(request_answered_with_ack)
{
	const struct fake_sent *s;

	hello_nbr_add(h, fake_addr(2), 3);
	bring_up(2, 0xabc);
	ck_assert_int_eq(f.nsent, 2);
	s = &f.sent[1];
	ck_assert_int_eq(s->c_type, ACK);
	ck_assert_uint_eq(s->src_instance, SEED);
	ck_assert_uint_eq(s->dst_instance, 0xabc);
	ck_assert_int_eq(f.nevents, 1);
	ck_assert_int_eq(f.events[0].ev, HELLO_EV_UP);
	ck_assert_uint_eq(f.events[0].nbr.s_addr, fake_addr(2).s_addr);
	ck_assert_uint_eq(f.events[0].ifindex, 3);
	/* Our next REQUEST carries its instance. */
	f.now += 1000;
	hello_tick(h);
	ck_assert_uint_eq(f.sent[2].dst_instance, 0xabc);
	/* Heard again: no new event. */
	bring_up(2, 0xabc);
	ck_assert_int_eq(f.nevents, 1);
}
END_TEST

START_TEST(ack_brings_up)
{
	hello_nbr_add(h, fake_addr(2), 3);
	ck_assert_int_eq(fake_hello(h, fake_addr(2), 3, ACK, 7, SEED, 1, 1),
	    0);
	ck_assert_int_eq(f.nsent, 1);	/* an ACK is not answered */
	ck_assert_int_eq(f.nevents, 1);
	ck_assert_int_eq(f.events[0].ev, HELLO_EV_UP);
	ck_assert_uint_eq(hello_get_stats(h)->rx_ack, 1);
}
END_TEST

START_TEST(unknown_sender)
{
	/* A REQUEST from a stranger makes it a neighbour. */
	bring_up(5, 0x55);
	ck_assert_int_eq(f.nsent, 1);
	ck_assert_int_eq(f.sent[0].c_type, ACK);
	ck_assert_int_eq(f.nevents, 1);
	/* An ACK from a stranger is dropped. */
	ck_assert_int_eq(fake_hello(h, fake_addr(6), 3, ACK, 9, 1, 1, 1), -1);
	ck_assert_uint_eq(hello_get_stats(h)->rx_unknown_nbr, 1);
	ck_assert_int_eq(f.nevents, 1);
}
END_TEST

START_TEST(restart_new_instance)
{
	const struct hello_stats *st = hello_get_stats(h);

	bring_up(2, 0x100);
	ck_assert_uint_eq(f.sent[0].src_instance, SEED);
	bring_up(2, 0x200);
	ck_assert_int_eq(f.nevents, 2);
	ck_assert_int_eq(f.events[1].ev, HELLO_EV_RESTART);
	ck_assert_uint_eq(st->restarts, 1);
	/*
	 * The ACK echoes its new instance; ours stays, or it would see a
	 * restart of ours and the two of us would never settle.
	 */
	ck_assert_uint_eq(f.sent[f.nsent - 1].dst_instance, 0x200);
	ck_assert_uint_eq(f.sent[f.nsent - 1].src_instance, SEED);
	bring_up(2, 0x200);
	ck_assert_int_eq(f.nevents, 2);
}
END_TEST

START_TEST(restart_our_instance_forgotten)
{
	bring_up(2, 0x100);
	/* Echoing ours, or 0 (not known yet), is fine. */
	fake_hello(h, fake_addr(2), 3, ACK, 0x100, SEED, 1, 1);
	fake_hello(h, fake_addr(2), 3, REQ, 0x100, 0, 1, 1);
	ck_assert_int_eq(f.nevents, 1);
	/* It echoes an instance that is not ours: it lost us. */
	ck_assert_int_eq(fake_hello(h, fake_addr(2), 3, ACK, 0x100, 0x999, 1,
	    1), 0);
	ck_assert_int_eq(f.nevents, 2);
	ck_assert_int_eq(f.events[1].ev, HELLO_EV_RESTART);
}
END_TEST

/*
 * After a loss ours changed; a Hello it sent before it heard the new one
 * still echoes the old, and that is no restart.  Anything else is.
 */
START_TEST(old_instance_in_flight)
{
	bring_up(2, 0x100);
	f.now += 3500;
	hello_tick(h);
	ck_assert_int_eq(f.events[1].ev, HELLO_EV_LOST);
	ck_assert_uint_eq(f.sent[f.nsent - 1].src_instance, SEED + 1);
	fake_hello(h, fake_addr(2), 3, ACK, 0x100, SEED + 1, 1, 1);
	ck_assert_int_eq(f.events[2].ev, HELLO_EV_UP);
	fake_hello(h, fake_addr(2), 3, REQ, 0x100, SEED, 1, 1);
	fake_hello(h, fake_addr(2), 3, REQ, 0x100, 0, 1, 1);
	ck_assert_int_eq(f.nevents, 3);
	fake_hello(h, fake_addr(2), 3, ACK, 0x100, SEED + 7, 1, 1);
	ck_assert_int_eq(f.nevents, 4);
	ck_assert_int_eq(f.events[3].ev, HELLO_EV_RESTART);
}
END_TEST

START_TEST(loss_after_dead_interval)
{
	uint32_t old;

	bring_up(2, 0x100);
	old = f.sent[0].src_instance;
	f.now += 3499;
	hello_tick(h);
	ck_assert_int_eq(f.nevents, 1);
	f.now += 1;
	hello_tick(h);
	ck_assert_int_eq(f.nevents, 2);
	ck_assert_int_eq(f.events[1].ev, HELLO_EV_LOST);
	ck_assert_uint_eq(hello_get_stats(h)->losses, 1);
	/* The REQUEST after the loss: a new instance, its one forgotten. */
	ck_assert_int_eq(f.sent[f.nsent - 1].c_type, REQ);
	ck_assert_uint_ne(f.sent[f.nsent - 1].src_instance, old);
	ck_assert_uint_eq(f.sent[f.nsent - 1].dst_instance, 0);
	/* Lost once, not at every tick. */
	f.now += 10000;
	hello_tick(h);
	ck_assert_int_eq(f.nevents, 2);
	/* Back, still echoing our old instance: up, no restart. */
	ck_assert_int_eq(fake_hello(h, fake_addr(2), 3, REQ, 0x100, old, 1,
	    1), 0);
	ck_assert_int_eq(f.nevents, 3);
	ck_assert_int_eq(f.events[2].ev, HELLO_EV_UP);
}
END_TEST

START_TEST(hello_keeps_alive)
{
	int i;

	bring_up(2, 0x100);
	for (i = 0; i < 10; i++) {
		f.now += 3000;
		hello_tick(h);
		bring_up(2, 0x100);
	}
	ck_assert_int_eq(f.nevents, 1);
}
END_TEST

START_TEST(dropped)
{
	const struct hello_stats *st = hello_get_stats(h);
	struct rsvp_msg *msg = calloc(1, sizeof(*msg));
	struct rsvp_pkt_in in;

	/* Through a router: TTL decremented. */
	ck_assert_int_eq(fake_hello(h, fake_addr(2), 3, REQ, 1, 0, 254, 255),
	    -1);
	ck_assert_uint_eq(st->rx_bad_ttl, 1);
	/* A TTL of 255 sent and received is one hop. */
	ck_assert_int_eq(fake_hello(h, fake_addr(2), 3, REQ, 1, 0, 255, 255),
	    0);
	ck_assert_int_eq(fake_hello(h, fake_addr(3), 3, REQ, 0, 0, 1, 1), -1);
	ck_assert_uint_eq(st->rx_zero_instance, 1);
	memset(&in, 0, sizeof(in));
	in.src = fake_addr(4);
	in.ip_ttl = 1;
	rsvp_msg_init(msg, RSVP_MSG_PATH);
	ck_assert_int_eq(hello_input(h, &in, msg), -1);
	rsvp_msg_init(msg, RSVP_MSG_HELLO);
	msg->send_ttl = 1;
	ck_assert_int_eq(hello_input(h, &in, msg), -1);
	ck_assert_uint_eq(st->rx_no_hello, 2);
	ck_assert_int_eq(f.nevents, 1);
	free(msg);
}
END_TEST

/* The engine_env.hello_input shape: the same as hello_input(). */
START_TEST(input_callback)
{
	struct rsvp_msg *msg = calloc(1, sizeof(*msg));
	struct rsvp_pkt_in in;
	struct rsvp_obj *obj;

	rsvp_msg_init(msg, RSVP_MSG_HELLO);
	msg->send_ttl = 1;
	obj = rsvp_msg_add(msg, RSVP_CLASS_HELLO, REQ);
	obj->u.hello.src_instance = 0x42;
	memset(&in, 0, sizeof(in));
	in.src = fake_addr(7);
	in.ifindex = 5;
	in.ip_ttl = 1;
	hello_input_cb(h, &in, msg);
	ck_assert_int_eq(f.nevents, 1);
	ck_assert_int_eq(f.events[0].ev, HELLO_EV_UP);
	ck_assert_int_eq(f.nsent, 1);
	ck_assert_uint_eq(f.sent[0].dst_instance, 0x42);
	free(msg);
}
END_TEST

START_TEST(send_failure_counted)
{
	f.send_rc = -ENETUNREACH;
	ck_assert_int_eq(hello_nbr_add(h, fake_addr(2), 3), 0);
	ck_assert_uint_eq(hello_get_stats(h)->tx_error, 1);
	ck_assert_uint_eq(hello_get_stats(h)->tx_request, 0);
}
END_TEST

/* The engine removes a lost neighbour from inside the callback. */
START_TEST(delete_from_callback)
{
	struct in_addr got[4];

	bring_up(2, 0x100);
	bring_up(3, 0x200);
	bring_up(4, 0x300);
	f.del_on_event = h;
	f.now += 5000;
	hello_tick(h);
	ck_assert_int_eq(f.nevents, 6);
	ck_assert_int_eq(f.events[3].ev, HELLO_EV_LOST);
	ck_assert_int_eq(f.events[5].ev, HELLO_EV_LOST);
	ck_assert_uint_eq(f.events[5].nbr.s_addr, fake_addr(4).s_addr);
	memset(got, 0, sizeof(got));
	hello_walk(h, collect, got);
	ck_assert_uint_eq(got[0].s_addr, 0);
}
END_TEST

START_TEST(walk_in_address_order)
{
	struct in_addr got[5];

	memset(got, 0, sizeof(got));
	hello_nbr_add(h, fake_addr(30), 3);
	hello_nbr_add(h, fake_addr(2), 3);
	hello_nbr_add(h, fake_addr(200), 3);
	hello_nbr_add(h, fake_addr(9), 3);
	ck_assert_int_eq(hello_nbr_del(h, fake_addr(9)), 0);
	ck_assert_int_eq(hello_nbr_del(h, fake_addr(9)), -1);
	ck_assert_int_eq(errno, ENOENT);
	hello_walk(h, collect, got);
	ck_assert_uint_eq(got[0].s_addr, fake_addr(2).s_addr);
	ck_assert_uint_eq(got[1].s_addr, fake_addr(30).s_addr);
	ck_assert_uint_eq(got[2].s_addr, fake_addr(200).s_addr);
	ck_assert_uint_eq(got[3].s_addr, 0);
}
END_TEST

START_TEST(bad_conf)
{
	struct hello_conf c = conf;
	struct hello_env env;
	struct hello *x;
	struct fake g;

	fake_env(&g, &env);
	c.interval_ms = 0;
	ck_assert_int_eq(hello_create(NULL, &c, &env, &x), -1);
	ck_assert_int_eq(errno, EINVAL);
	c.interval_ms = 1000;
	c.dead_ms = 999;
	ck_assert_int_eq(hello_create(NULL, &c, &env, &x), -1);
	c.dead_ms = 1000;
	env.send = NULL;
	ck_assert_int_eq(hello_create(NULL, &c, &env, &x), -1);
}
END_TEST

START_TEST(random_instance_not_zero)
{
	struct hello_conf c = conf;
	struct hello_env env;
	struct hello *x;
	struct fake g;
	int i;

	fake_env(&g, &env);
	c.instance_seed = 0;
	ck_assert_int_eq(hello_create(NULL, &c, &env, &x), 0);
	for (i = 0; i < 20; i++)
		hello_nbr_add(x, fake_addr(i + 1), 3);
	for (i = 0; i < 20; i++)
		ck_assert_uint_ne(g.sent[i].src_instance, 0);
	hello_destroy(x);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(hello_state_name(HELLO_S_INIT), "init");
	ck_assert_str_eq(hello_state_name(HELLO_S_UP), "up");
	ck_assert_str_eq(hello_state_name(HELLO_S_DOWN), "down");
	ck_assert_str_eq(hello_event_name(HELLO_EV_RESTART), "restart");
	ck_assert_str_eq(hello_event_name(HELLO_EV_LOST), "lost");
}
END_TEST

/*
 * Two Hello speakers on one link: what one sends, the other receives
 * (queued, delivered by wire_run()).
 */
struct wire_pkt {
	int		to;
	uint8_t		buf[64];
	size_t		len;
};

struct wire_side {
	struct wire	*w;
	int		me;
	struct hello	*h;
	int		events[3];	/* by enum hello_event */
};

struct wire {
	uint64_t	now;
	struct wire_side side[2];
	struct wire_pkt	q[64];
	int		nq;
};

static int
w_send(void *arg, const struct rsvp_pkt_out *out)
{
	struct wire_side *s = arg;
	struct wire_pkt *p;

	ck_assert_int_lt(s->w->nq, 64);
	ck_assert_uint_le(out->len, sizeof(p->buf));
	p = &s->w->q[s->w->nq++];
	p->to = 1 - s->me;
	memcpy(p->buf, out->buf, out->len);
	p->len = out->len;
	return 0;
}

static uint64_t
w_now(void *arg)
{
	return ((struct wire_side *)arg)->w->now;
}

static int
w_if_addr(void *arg, unsigned ifindex, struct in_addr *addr_r)
{
	(void)ifindex;
	*addr_r = fake_addr(1 + (unsigned)((struct wire_side *)arg)->me);
	return 0;
}

static void
w_event(void *arg, struct in_addr nbr, unsigned ifindex, enum hello_event ev)
{
	(void)nbr;
	(void)ifindex;
	((struct wire_side *)arg)->events[ev]++;
}

static void
wire_start(struct wire *w, int me, uint32_t seed)
{
	struct wire_side *s = &w->side[me];
	struct hello_conf c = { 1000, 3500, seed };
	struct hello_env env = {
		.send = w_send, .send_arg = s, .now_ms = w_now, .now_arg = s,
		.if_addr = w_if_addr, .if_addr_arg = s,
		.event = w_event, .event_arg = s,
	};

	s->w = w;
	s->me = me;
	memset(s->events, 0, sizeof(s->events));
	ck_assert_int_eq(hello_create(NULL, &c, &env, &s->h), 0);
}

/* Deliver what is queued, until nothing is. */
static void
wire_deliver(struct wire *w)
{
	struct rsvp_msg *msg = malloc(sizeof(*msg));
	struct rsvp_error err;
	struct rsvp_pkt_in in;
	struct wire_pkt p;

	while (w->nq > 0) {
		p = w->q[0];
		memmove(&w->q[0], &w->q[1], (size_t)(w->nq - 1) * sizeof(p));
		w->nq--;
		ck_assert_int_eq(rsvp_decode(p.buf, p.len, msg, &err), 0);
		memset(&in, 0, sizeof(in));
		in.src = fake_addr(1 + (unsigned)(1 - p.to));
		in.ifindex = 3;
		in.ip_ttl = msg->send_ttl;
		ck_assert_int_eq(hello_input(w->side[p.to].h, &in, msg), 0);
	}
	free(msg);
}

/* 'ms' of time in steps of 100 ms, ticking both and delivering. */
static void
wire_run(struct wire *w, unsigned ms)
{
	unsigned t;

	for (t = 0; t < ms; t += 100) {
		w->now += 100;
		hello_tick(w->side[0].h);
		hello_tick(w->side[1].h);
		wire_deliver(w);
	}
}

/*
 * Two routers settle: up on both sides, then a restart of one is seen
 * once by the other and by nobody else, and they stay settled.
 */
START_TEST(two_routers_settle)
{
	struct wire w;

	log_init("test_hello", LOG_LVL_WARN, false);
	memset(&w, 0, sizeof(w));
	w.now = 1000;
	wire_start(&w, 0, 0x1000);
	wire_start(&w, 1, 0x2000);
	hello_nbr_add(w.side[0].h, fake_addr(2), 3);
	wire_deliver(&w);
	wire_run(&w, 10000);
	ck_assert_int_eq(w.side[0].events[HELLO_EV_UP], 1);
	ck_assert_int_eq(w.side[1].events[HELLO_EV_UP], 1);
	ck_assert_int_eq(w.side[0].events[HELLO_EV_RESTART], 0);
	ck_assert_int_eq(w.side[1].events[HELLO_EV_RESTART], 0);

	/* Side 1 restarts (new instances), within the dead interval. */
	hello_destroy(w.side[1].h);
	w.nq = 0;
	wire_start(&w, 1, 0x3000);
	wire_run(&w, 1000);
	wire_run(&w, 20000);
	ck_assert_int_eq(w.side[0].events[HELLO_EV_RESTART], 1);
	ck_assert_int_eq(w.side[0].events[HELLO_EV_LOST], 0);
	ck_assert_int_eq(w.side[1].events[HELLO_EV_UP], 1);
	ck_assert_int_eq(w.side[1].events[HELLO_EV_RESTART], 0);

	/* Side 1 goes silent: lost once; back: up again, settled. */
	hello_destroy(w.side[1].h);
	w.nq = 0;
	w.now += 5000;
	hello_tick(w.side[0].h);
	w.nq = 0;
	ck_assert_int_eq(w.side[0].events[HELLO_EV_LOST], 1);
	wire_start(&w, 1, 0x4000);
	wire_run(&w, 20000);
	ck_assert_int_eq(w.side[0].events[HELLO_EV_UP], 2);
	ck_assert_int_eq(w.side[0].events[HELLO_EV_RESTART], 1);
	ck_assert_int_eq(w.side[1].events[HELLO_EV_RESTART], 0);
	hello_destroy(w.side[0].h);
	hello_destroy(w.side[1].h);
}
END_TEST

static void
stop_loop(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	event_base_loopbreak(arg);
}

/* With an event_base the timer sends the REQUESTs. */
START_TEST(timer_on_base)
{
	struct hello_conf c = conf;
	struct hello_env env;
	struct event_base *base = event_base_new();
	struct timeval tv = { 0, 120 * 1000 };
	struct event *stop;
	struct hello *x;
	struct fake g;

	fake_env(&g, &env);
	c.interval_ms = 20;
	c.dead_ms = 70;
	ck_assert_int_eq(hello_create(base, &c, &env, &x), 0);
	hello_nbr_add(x, fake_addr(2), 3);
	g.now += 1000;
	stop = evtimer_new(base, stop_loop, base);
	evtimer_add(stop, &tv);
	event_base_dispatch(base);
	/* About five ticks at the one fake time: one REQUEST was due. */
	ck_assert_int_eq(g.nsent, 2);
	event_free(stop);
	hello_destroy(x);
	event_base_free(base);
}
END_TEST

Suite *
hello_suite(void)
{
	Suite *s = suite_create("hello");
	TCase *tc = tcase_create("protocol");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_sends_request);
	tcase_add_test(tc, interface_without_address);
	tcase_add_test(tc, requests_every_interval);
	tcase_add_test(tc, request_answered_with_ack);
	tcase_add_test(tc, ack_brings_up);
	tcase_add_test(tc, unknown_sender);
	tcase_add_test(tc, restart_new_instance);
	tcase_add_test(tc, restart_our_instance_forgotten);
	tcase_add_test(tc, old_instance_in_flight);
	tcase_add_test(tc, loss_after_dead_interval);
	tcase_add_test(tc, hello_keeps_alive);
	tcase_add_test(tc, dropped);
	tcase_add_test(tc, input_callback);
	tcase_add_test(tc, send_failure_counted);
	tcase_add_test(tc, delete_from_callback);
	tcase_add_test(tc, walk_in_address_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("setup");
	tcase_add_test(tc, bad_conf);
	tcase_add_test(tc, random_instance_not_zero);
	tcase_add_test(tc, names);
	tcase_add_test(tc, timer_on_base);
	tcase_add_test(tc, two_routers_settle);
	suite_add_tcase(s, tc);
	return s;
}
