/* The frame: creation, refusals, unknown classes, Hello, neighbours. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "suites.h"

START_TEST(create_needs_functions)
{
	struct engine_env env;
	struct engine *e = (struct engine *)&env;

	memset(&env, 0, sizeof(env));
	ck_assert_int_eq(engine_create(&env, &e), -EINVAL);
	ck_assert_ptr_null(e);
}
END_TEST

START_TEST(counter_names)
{
	unsigned i;

	for (i = 0; i < ENGINE_C_MAX; i++)
		ck_assert_ptr_nonnull(engine_counter_name(i));
	ck_assert_ptr_null(engine_counter_name(ENGINE_C_MAX));
}
END_TEST

START_TEST(malformed_counted_state_untouched)
{
	static const uint8_t junk[] = { 0x10, 0x01, 0x00, 0x00, 0x40, 0x00,
	    0x00, 0x40, 0x00, 0x0c };
	struct rsvp_pkt_in in;
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	fake_clear_sent();
	memset(&in, 0, sizeof(in));
	in.buf = junk;
	in.len = sizeof(junk);
	in.src = A(ADDR_A);
	in.ifindex = IF_A;
	in.ip_ttl = 64;
	engine_input(F.e, &in);
	in.len = 3;
	engine_input(F.e, &in);
	ck_assert_uint_eq(counter(ENGINE_C_DECODE), 2);
	ck_assert_uint_eq(F.nsent, 0);
	ck_assert_uint_eq(F.nilm, 1);
	/* The session still refreshes. */
	send_path(&ps);
	ck_assert_uint_eq(counter(ENGINE_C_UNKNOWN_SESSION), 0);
}
END_TEST

START_TEST(unknown_class_forward_rule)
{
	const struct sent *s;
	struct path_spec ps;
	uint16_t i;
	bool found = false;

	path_spec_default(&ps);
	ps.extra_class = 0xc5;	/* 11bbbbbb: forward unexamined */
	send_path(&ps);
	s = fake_last(RSVP_MSG_PATH);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < s->msg->nobjs; i++) {
		if (s->msg->objs[i].class_num == 0xc5) {
			found = true;
			ck_assert_int_eq(s->msg->objs[i].kind,
			    RSVP_OBJ_FORWARD);
			ck_assert_uint_eq(s->msg->objs[i].u.opaque.len, 4);
		}
	}
	ck_assert(found);
}
END_TEST

START_TEST(unknown_class_forward_rule_in_resv)
{
	const struct sent *s;
	struct path_spec ps;
	struct resv_spec rs;
	uint16_t i;
	bool found = false;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	rs.extra_class = 0xc7;
	send_resv(&rs);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < s->msg->nobjs; i++)
		if (s->msg->objs[i].class_num == 0xc7)
			found = true;
	ck_assert(found);
}
END_TEST

START_TEST(unknown_class_ignore_rule)
{
	const struct sent *s;
	struct path_spec ps;
	uint16_t i;

	path_spec_default(&ps);
	ps.extra_class = 0xc5;
	F.patch_from = 0xc5;
	F.patch_to = 0x85;	/* 10bbbbbb: ignore, do not forward */
	send_path(&ps);
	s = fake_last(RSVP_MSG_PATH);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < s->msg->nobjs; i++)
		ck_assert_uint_ne(s->msg->objs[i].class_num, 0x85);
}
END_TEST

START_TEST(unknown_class_reject_rule)
{
	const struct rsvp_obj *o;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.extra_class = 0xc5;
	F.patch_from = 0xc5;
	F.patch_to = 0x45;	/* 0bbbbbbb: reject with PathErr */
	send_path(&ps);
	ck_assert_uint_eq(counter(ENGINE_C_DECODE), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 0);
	o = rsvp_msg_find(fake_last(RSVP_MSG_PATHERR)->msg,
	    RSVP_CLASS_ERROR_SPEC);
	ck_assert_uint_eq(o->u.error_spec.code, RSVP_ERR_UNKNOWN_CLASS);
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATHERR)->out.dst.s_addr,
	    A(ADDR_A).s_addr);
}
END_TEST

START_TEST(hello_without_handler_counted)
{
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct rsvp_obj *o;

	rsvp_msg_init(m, RSVP_MSG_HELLO);
	m->send_ttl = 1;
	o = rsvp_msg_add(m, RSVP_CLASS_HELLO, RSVP_CTYPE_HELLO_REQUEST);
	o->u.hello.src_instance = 5;
	feed(m, A(ADDR_R2), IF_R2, 1);
	ck_assert_uint_eq(counter(ENGINE_C_HELLO_UNHANDLED), 1);
	free(m);
}
END_TEST

START_TEST(neighbor_down_cleans_its_state)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	ps.tunnel_id = 8;
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	rs.tunnel_id = 8;
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 2);
	/* R2 restarted: its reservations go, ResvTear upstream. */
	fake_clear_sent();
	engine_hello_event(F.e, A(ADDR_R2), IF_R2, HELLO_EV_RESTART);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVTEAR), 2);
	ck_assert_uint_eq(counter(ENGINE_C_NEIGHBOR_DOWN), 2);
	/* A new neighbour coming up changes nothing. */
	engine_hello_event(F.e, A(ADDR_A), IF_A, HELLO_EV_UP);
	ck_assert_uint_eq(counter(ENGINE_C_NEIGHBOR_DOWN), 2);
	/* A lost: its path state goes, PathTear downstream. */
	fake_clear_sent();
	engine_hello_event(F.e, A(ADDR_A), IF_A, HELLO_EV_LOST);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 2);
	ck_assert_uint_eq(engine_next_deadline(F.e), UINT64_MAX);
}
END_TEST

static unsigned hellos;

static void
hello_in(void *arg, const struct rsvp_pkt_in *pkt, const struct rsvp_msg *msg)
{
	ck_assert_ptr_eq(arg, &hellos);
	ck_assert_uint_eq(pkt->ifindex, IF_R2);
	ck_assert_uint_eq(msg->type, RSVP_MSG_HELLO);
	hellos++;
}

START_TEST(hello_handed_over)
{
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct engine_env env;
	struct rsvp_obj *o;

	/* The fake's env with a Hello handler. */
	memset(&env, 0, sizeof(env));
	engine_destroy(F.e);
	F.e = NULL;
	fake_env(&env);
	env.hello_input = hello_in;
	env.hello_arg = &hellos;
	ck_assert_int_eq(engine_create(&env, &F.e), 0);
	rsvp_msg_init(m, RSVP_MSG_HELLO);
	m->send_ttl = 1;
	o = rsvp_msg_add(m, RSVP_CLASS_HELLO, RSVP_CTYPE_HELLO_REQUEST);
	o->u.hello.src_instance = 5;
	hellos = 0;
	feed(m, A(ADDR_R2), IF_R2, 1);
	ck_assert_uint_eq(hellos, 1);
	ck_assert_uint_eq(counter(ENGINE_C_HELLO_UNHANDLED), 0);
	free(m);
}
END_TEST

START_TEST(resvconf_not_ours)
{
	struct rsvp_msg *in = calloc(1, sizeof(*in));
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct resv_spec rs;
	struct rsvp_obj *o;
	uint16_t i;

	/* RFC 2205 3.1.9: SESSION ERROR_SPEC RESV_CONFIRM STYLE flows. */
	resv_spec_default(&rs);
	build_resv(&rs, in);
	rsvp_msg_init(m, RSVP_MSG_RESVCONF);
	*rsvp_msg_add(m, RSVP_CLASS_SESSION, RSVP_CTYPE_LSP_TUNNEL_IPV4) =
	    *rsvp_msg_find(in, RSVP_CLASS_SESSION);
	o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
	o->u.error_spec.node = A(ADDR_A);
	o = rsvp_msg_add(m, RSVP_CLASS_RESV_CONFIRM, RSVP_CTYPE_IPV4);
	o->u.resv_confirm.receiver = A(ADDR_R1_R2);
	for (i = 0; i < in->nobjs; i++) {
		uint8_t c = in->objs[i].class_num;

		if (c == RSVP_CLASS_STYLE || c == RSVP_CLASS_FLOWSPEC ||
		    c == RSVP_CLASS_FILTER_SPEC)
			*rsvp_msg_add(m, c, in->objs[i].c_type) = in->objs[i];
	}
	feed(m, A(ADDR_A), IF_A, 64);
	ck_assert_uint_eq(counter(ENGINE_C_DECODE), 0);
	ck_assert_uint_eq(counter(ENGINE_C_NOT_OURS), 1);
	ck_assert_uint_eq(F.nsent, 0);
	free(in);
	free(m);
}
END_TEST

/*
 * Valid messages with bytes flipped (checksum dropped, so most decode):
 * whatever the engine makes of them, it must not crash, and tearing it
 * down must leave no label and no ILM entry behind.
 */
START_TEST(mutated_messages)
{
	static uint8_t wire[4][RSVP_MSG_MAX_LEN];
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct path_spec ps;
	struct resv_spec rs;
	struct rsvp_pkt_in in;
	uint8_t buf[RSVP_MSG_MAX_LEN];
	ssize_t len[4];
	uint32_t x = 2463534242u;
	unsigned i, k;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A "," ADDR_R2;
	ps.rro = true;
	ps.sa = true;
	ps.name = "fuzz";
	build_path(&ps, m);
	len[0] = rsvp_encode(m, wire[0], sizeof(wire[0]));
	resv_spec_default(&rs);
	rs.rro = true;
	build_resv(&rs, m);
	len[1] = rsvp_encode(m, wire[1], sizeof(wire[1]));
	build_pathtear(7, 1, m);
	len[2] = rsvp_encode(m, wire[2], sizeof(wire[2]));
	build_resvtear(7, 1, m);
	len[3] = rsvp_encode(m, wire[3], sizeof(wire[3]));
	for (i = 0; i < 4; i++)
		ck_assert_int_gt(len[i], 0);
	F.ring = true;
	for (i = 0; i < 20000; i++) {
		/* Mostly Path and Resv, a tear now and then. */
		unsigned which = i % 8 < 6 ? i & 1 : 2 + (i & 1), flips;
		bool from_b = which == 1 || which == 3;

		memcpy(buf, wire[which], (size_t)len[which]);
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		flips = 1 + x % 3;
		for (k = 0; k < flips; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			buf[RSVP_HDR_LEN + x % (uint32_t)(len[which] -
			    RSVP_HDR_LEN)] ^= (uint8_t)(1u << (x >> 29));
		}
		buf[2] = buf[3] = 0;
		memset(&in, 0, sizeof(in));
		in.buf = buf;
		in.len = (size_t)len[which];
		in.src = from_b ? A(ADDR_R2) : A(ADDR_A);
		in.ifindex = from_b ? IF_R2 : IF_A;
		in.ip_ttl = from_b ? 255 : 64;
		engine_input(F.e, &in);
		if (i % 97 == 0)
			fake_advance(FAKE_R_MS / 3);
	}
	ck_assert_uint_gt(counter(ENGINE_C_DECODE), 0);
	{
		char err[64];
		json_t *st, *rx;

		ck_assert_int_eq(engine_query(F.e, "stats", NULL, &st, err,
		    sizeof(err)), 0);
		rx = json_object_get(st, "rx");
		/* Mutated tears got past the decoder too. */
		ck_assert_int_gt(json_integer_value(json_object_get(rx,
		    "PathTear")) + json_integer_value(json_object_get(rx,
		    "ResvTear")), 0);
		json_decref(st);
	}
	engine_destroy(F.e);
	F.e = NULL;
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	free(m);
}
END_TEST

Suite *
engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("input");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, create_needs_functions);
	tcase_add_test(tc, counter_names);
	tcase_add_test(tc, malformed_counted_state_untouched);
	tcase_add_test(tc, unknown_class_forward_rule);
	tcase_add_test(tc, unknown_class_forward_rule_in_resv);
	tcase_add_test(tc, unknown_class_ignore_rule);
	tcase_add_test(tc, unknown_class_reject_rule);
	tcase_add_test(tc, hello_without_handler_counted);
	tcase_add_test(tc, neighbor_down_cleans_its_state);
	tcase_add_test(tc, hello_handed_over);
	tcase_add_test(tc, resvconf_not_ours);
	tcase_add_test(tc, mutated_messages);
	suite_add_tcase(s, tc);
	return s;
}
