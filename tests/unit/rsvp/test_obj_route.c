/* rsvp/obj_route.c: EXPLICIT_ROUTE and RECORD_ROUTE. */
#include <check.h>
#include <string.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;

START_TEST(ero_round_trips)
{
	const struct rsvp_route *r;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_ero(&msg);
	roundtrip(&msg, false, &out);
	r = &out.objs[0].u.route;
	ck_assert_uint_eq(r->nsub, 3);
	ck_assert_uint_eq(r->sub[0].type, RSVP_SUBOBJ_IPV4);
	ck_assert(!r->sub[0].loose);
	ck_assert_uint_eq(r->sub[0].prefix_len, 32);
	ck_assert_uint_eq(r->sub[0].addr.s_addr, ip("198.51.100.2").s_addr);
	ck_assert_uint_eq(r->sub[1].type, RSVP_SUBOBJ_AS);
	ck_assert(r->sub[1].loose);
	ck_assert_uint_eq(r->sub[1].asn, 64512);
	ck_assert(r->sub[2].loose);
	ck_assert_uint_eq(r->sub[2].prefix_len, 24);
}
END_TEST

START_TEST(rro_round_trips)
{
	const struct rsvp_route *r;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_rro(&msg);
	roundtrip(&msg, false, &out);
	r = &out.objs[0].u.route;
	ck_assert_uint_eq(r->nsub, 3);
	ck_assert_uint_eq(r->sub[0].flags, RSVP_RRO_F_LOCAL_PROT_AVAIL);
	ck_assert_uint_eq(r->sub[1].type, RSVP_SUBOBJ_LABEL);
	ck_assert_uint_eq(r->sub[1].flags, RSVP_RRO_LABEL_F_GLOBAL);
	ck_assert_uint_eq(r->sub[1].label_ctype, 1);
	ck_assert_uint_eq(r->sub[1].label, 1000);
}
END_TEST

START_TEST(empty_and_full_routes_round_trip)
{
	struct rsvp_obj *o;
	int i;

	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	ck_assert_ptr_nonnull(rsvp_msg_add(&msg, RSVP_CLASS_EXPLICIT_ROUTE,
	    RSVP_CTYPE_1));
	o = add_rro(&msg);
	o->u.route.nsub = RSVP_ROUTE_MAX;
	memset(o->u.route.sub, 0, sizeof(o->u.route.sub));
	for (i = 0; i < RSVP_ROUTE_MAX; i++) {
		o->u.route.sub[i].type = RSVP_SUBOBJ_IPV4;
		o->u.route.sub[i].prefix_len = 32;
		o->u.route.sub[i].addr.s_addr = (uint32_t)i;
	}
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].u.route.nsub, 0);
	ck_assert_uint_eq(out.objs[1].u.route.nsub, RSVP_ROUTE_MAX);
}
END_TEST

/* RFC 3209 4.3.4: a bad ERO is answered "Bad EXPLICIT_ROUTE object". */
START_TEST(ero_malformed_maps_to_routing_problem)
{
	static const struct {
		uint8_t	body[12];
		size_t	len;
		size_t	at;	/* offset in the body */
	} bad[] = {
		{ { 0x01, 0x08, 1, 2, 3, 4, 33, 0 }, 8, 0 },	/* /33 */
		{ { 0x01, 0x0c, 1, 2, 3, 4, 32, 0 }, 8, 0 },	/* past end */
		{ { 0x01, 0x03, 1, 2 }, 4, 0 },			/* len 3 */
		{ { 0x01, 0x00, 0, 0 }, 4, 0 },			/* len 0 */
		{ { 0x20, 0x08, 0, 1, 0, 0, 0, 0 }, 8, 0 },	/* AS len 8 */
		{ { 0x01, 0x0c, 1, 2, 3, 4, 32, 0, 0, 0, 0, 0 }, 12, 0 },
		{ { 0x20, 0x04, 0, 1, 0x02, 0x06, 0, 0 }, 8, 4 }, /* len 6 */
		{ { 0x20, 0x04, 0, 1, 0x01 }, 8, 4 },		/* len 0 */
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(parse_one(RSVP_CLASS_EXPLICIT_ROUTE, 1,
		    bad[i].body, bad[i].len, &out, &err), -1);
		ck_assert_int_eq(err.reason, RSVP_E_ROUTE);
		ck_assert_int_eq(err.action, RSVP_ACT_SEND_ERROR);
		ck_assert_uint_eq(err.err_code, RSVP_ERR_ROUTING);
		ck_assert_uint_eq(err.err_value, RSVP_ERRV_RT_BAD_ERO);
		ck_assert_uint_eq(err.offset, 12 + bad[i].at);
	}
}
END_TEST

START_TEST(rro_malformed)
{
	static const struct {
		uint8_t	body[8];
		size_t	len;
	} bad[] = {
		{ { 0x01, 0x08, 1, 2, 3, 4, 40, 0 }, 8 },	/* /40 */
		{ { 0x03, 0x08, 1, 2, 0, 0, 0, 1 }, 8 },	/* label C-Type 2 */
		{ { 0x03, 0x04, 1, 1 }, 4 },			/* short label */
		{ { 0x04, 0x08, 0, 1 }, 4 },			/* past end */
		{ { 0x01, 0x02, 0, 0 }, 4 },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(parse_one(RSVP_CLASS_RECORD_ROUTE, 1,
		    bad[i].body, bad[i].len, &out, &err), -1);
		ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
		ck_assert_int_eq(err.action, RSVP_ACT_DROP);
	}
}
END_TEST

/*
 * Subobjects we do not decode are carried as bytes and come back out
 * unchanged: an IPv6 prefix (RFC 3209 4.3.3.4, 20 bytes) and an
 * unnumbered interface (RFC 3477, 12 bytes), between decoded ones.
 */
START_TEST(other_subobjects_are_carried)
{
	static const uint8_t ero[] = {
		0x01, 0x08, 198, 51, 100, 2, 32, 0,
		0x82, 0x14, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 1, 128, 0,
		0x04, 0x0c, 0, 0, 192, 0, 2, 7, 0, 0, 0, 9,
	};
	static const uint8_t rro[] = {
		0x04, 0x0c, 0, 0, 192, 0, 2, 7, 0, 0, 0, 9,
		0x03, 0x08, 0x00, 0x01, 0, 0, 0x03, 0xe8,
	};
	static uint8_t b[256];
	const struct rsvp_route *r;

	ck_assert_int_eq(parse_one(RSVP_CLASS_EXPLICIT_ROUTE, 1, ero,
	    sizeof(ero), &out, &err), 0);
	r = &out.objs[0].u.route;
	ck_assert_uint_eq(r->nsub, 3);
	ck_assert_uint_eq(r->sub[1].type, RSVP_SUBOBJ_IPV6);
	ck_assert(r->sub[1].loose);
	ck_assert_uint_eq(r->sub[1].raw_len, 18);
	ck_assert_uint_eq(r->raw[r->sub[1].raw_off], 0x20);
	ck_assert_uint_eq(r->sub[2].type, 4);
	ck_assert(!r->sub[2].loose);
	ck_assert_uint_eq(r->sub[2].raw_len, 10);
	ck_assert_uint_eq(r->raw_used, 28);
	ck_assert_int_eq(rsvp_encode(&out, b, sizeof(b)), 12 + sizeof(ero));
	ck_assert_mem_eq(b + 12, ero, sizeof(ero));

	ck_assert_int_eq(parse_one(RSVP_CLASS_RECORD_ROUTE, 1, rro,
	    sizeof(rro), &out, &err), 0);
	r = &out.objs[0].u.route;
	ck_assert_uint_eq(r->sub[0].type, 4);
	ck_assert_uint_eq(r->sub[0].raw_len, 10);
	ck_assert_uint_eq(r->sub[1].label, 1000);
	ck_assert_int_eq(rsvp_encode(&out, b, sizeof(b)), 12 + sizeof(rro));
	ck_assert_mem_eq(b + 12, rro, sizeof(rro));
	/* The encoder checks the bytes it is given. */
	out.objs[0].u.route.sub[0].raw_len = 9;
	ck_assert_int_eq(rsvp_encode(&out, b, sizeof(b)), -1);
	out.objs[0].u.route.sub[0].raw_len = 10;
	out.objs[0].u.route.sub[0].raw_off = 100;
	ck_assert_int_eq(rsvp_encode(&out, b, sizeof(b)), -1);
}
END_TEST

START_TEST(route_bounds)
{
	static uint8_t body[8 * (RSVP_ROUTE_MAX + 1)], b[1024];
	size_t i;

	for (i = 0; i < RSVP_ROUTE_MAX + 1; i++) {
		body[8 * i] = RSVP_SUBOBJ_IPV4;
		body[8 * i + 1] = 8;
		body[8 * i + 6] = 32;
	}
	ck_assert_int_eq(parse_one(RSVP_CLASS_RECORD_ROUTE, 1, body,
	    sizeof(body), &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_uint_eq(err.offset, 12 + 8 * RSVP_ROUTE_MAX);
	ck_assert_int_eq(parse_one(RSVP_CLASS_RECORD_ROUTE, 1, body,
	    sizeof(body) - 8, &out, &err), 0);
	/* Subobjects carried as bytes share RSVP_ROUTE_RAW_MAX per route. */
	memset(body, 0, sizeof(body));
	for (i = 0; i < 8; i++) {
		body[20 * i] = RSVP_SUBOBJ_IPV6;
		body[20 * i + 1] = 20;
	}
	ck_assert_int_eq(parse_one(RSVP_CLASS_RECORD_ROUTE, 1, body, 20 * 7,
	    &out, &err), 0);
	ck_assert_uint_eq(out.objs[0].u.route.raw_used, 7 * 18);
	ck_assert_int_eq(parse_one(RSVP_CLASS_EXPLICIT_ROUTE, 1, body, 20 * 8,
	    &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_uint_eq(err.offset, 12 + 20 * 7);
	ck_assert_int_eq(err.action, RSVP_ACT_SEND_ERROR);
	/* Encoders refuse what they cannot write. */
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_ero(&msg)->u.route.sub[0].type = 0x80;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	/* Other types carry bytes: none here, so Length would be 2. */
	msg.objs[0].u.route.sub[0].type = RSVP_SUBOBJ_LABEL;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_rro(&msg)->u.route.sub[0].type = RSVP_SUBOBJ_AS;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_rro(&msg)->u.route.nsub = RSVP_ROUTE_MAX + 1;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_ero(&msg)->u.route.nsub = RSVP_ROUTE_MAX + 1;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_ero(&msg)->u.route.sub[0].prefix_len = 33;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_rro(&msg)->u.route.sub[0].prefix_len = 33;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	msg.objs[0].u.route.sub[0].prefix_len = 32;
	msg.objs[0].u.route.sub[1].label_ctype = 2;
	ck_assert_int_eq(rsvp_encode(&msg, b, sizeof(b)), -1);
	/* The raw byte bound holds for RRO too. */
	memset(body, 0, sizeof(body));
	for (i = 0; i < 8; i++) {
		body[20 * i] = 0x42;
		body[20 * i + 1] = 20;
	}
	ck_assert_int_eq(parse_one(RSVP_CLASS_RECORD_ROUTE, 1, body, 20 * 8,
	    &out, &err), -1);
	ck_assert_int_eq(err.reason, RSVP_E_BOUND);
	ck_assert_int_eq(err.action, RSVP_ACT_DROP);
}
END_TEST

Suite *
obj_route_suite(void)
{
	Suite *s = suite_create("rsvp_obj_route");
	TCase *tc = tcase_create("route");

	tcase_add_test(tc, ero_round_trips);
	tcase_add_test(tc, rro_round_trips);
	tcase_add_test(tc, empty_and_full_routes_round_trip);
	tcase_add_test(tc, ero_malformed_maps_to_routing_problem);
	tcase_add_test(tc, rro_malformed);
	tcase_add_test(tc, other_subobjects_are_carried);
	tcase_add_test(tc, route_bounds);
	suite_add_tcase(s, tc);
	return s;
}
