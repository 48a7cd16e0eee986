/* EXPLICIT_ROUTE processing (RFC 3209 4.3.4.1). */
#include "fake.h"
#include "suites.h"

static const struct rsvp_route *
sent_ero(void)
{
	const struct sent *s = fake_last(RSVP_MSG_PATH);
	const struct rsvp_obj *o;

	ck_assert_ptr_nonnull(s);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_EXPLICIT_ROUTE);
	return o != NULL ? &o->u.route : NULL;
}

static uint16_t
patherr_value(void)
{
	const struct sent *s = fake_last(RSVP_MSG_PATHERR);

	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC)->
	    u.error_spec.code, RSVP_ERR_ROUTING);
	return rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC)->u.error_spec.value;
}

START_TEST(strict_adjacent_hop)
{
	const struct rsvp_route *r;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A "," ADDR_R2 "," ADDR_B;
	send_path(&ps);
	r = sent_ero();
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->nsub, 2);
	ck_assert_uint_eq(r->sub[0].addr.s_addr, A(ADDR_R2).s_addr);
	ck_assert_uint_eq(r->sub[1].addr.s_addr, A(ADDR_B).s_addr);
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATH)->out.nexthop.s_addr,
	    A(ADDR_R2).s_addr);
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATH)->out.dst.s_addr,
	    A(ADDR_B).s_addr);
}
END_TEST

START_TEST(strict_not_adjacent_is_bad_strict_node)
{
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A ",10.0.99.1," ADDR_B;
	send_path(&ps);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 0);
	ck_assert_uint_eq(patherr_value(), RSVP_ERRV_RT_BAD_STRICT);
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATHERR)->out.dst.s_addr,
	    A(ADDR_A).s_addr);
	ck_assert_uint_eq(counter(ENGINE_C_ERO_STRICT), 1);
	ck_assert_uint_eq(engine_next_deadline(F.e), UINT64_MAX);
}
END_TEST

START_TEST(loose_hop_by_routing)
{
	const struct rsvp_route *r;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A ",~" ADDR_B;
	send_path(&ps);
	r = sent_ero();
	/* We name the next hop first, strict, then the loose hop. */
	ck_assert_uint_eq(r->nsub, 2);
	ck_assert_uint_eq(r->sub[0].addr.s_addr, A(ADDR_R2).s_addr);
	ck_assert(!r->sub[0].loose);
	ck_assert_uint_eq(r->sub[1].addr.s_addr, A(ADDR_B).s_addr);
	ck_assert(r->sub[1].loose);
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATH)->out.nexthop.s_addr,
	    A(ADDR_R2).s_addr);
}
END_TEST

START_TEST(loose_hop_without_route)
{
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A ",~192.0.2.9";
	send_path(&ps);
	ck_assert_uint_eq(patherr_value(), RSVP_ERRV_RT_BAD_LOOSE);
	ck_assert_uint_eq(counter(ENGINE_C_ERO_LOOSE), 1);
}
END_TEST

START_TEST(first_hop_not_us_is_bad_initial)
{
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R2 "," ADDR_B;
	send_path(&ps);
	ck_assert_uint_eq(patherr_value(), RSVP_ERRV_RT_BAD_INITIAL);
	ck_assert_uint_eq(counter(ENGINE_C_ERO_BAD), 1);
}
END_TEST

START_TEST(our_own_hops_are_removed)
{
	const struct rsvp_route *r;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A "," ADDR_R1_R2 "," ADDR_R2;
	send_path(&ps);
	r = sent_ero();
	ck_assert_uint_eq(r->nsub, 1);
	ck_assert_uint_eq(r->sub[0].addr.s_addr, A(ADDR_R2).s_addr);
}
END_TEST

START_TEST(ero_ending_here_routes_to_endpoint)
{
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ero = ADDR_R1_A;
	send_path(&ps);
	ck_assert_ptr_null(sent_ero());
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATH)->out.nexthop.s_addr,
	    A(ADDR_R2).s_addr);
}
END_TEST

START_TEST(bad_ero_error_removes_existing_state)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	ps.ero = ADDR_R1_A ",10.0.99.1";
	send_path(&ps);
	ck_assert_uint_eq(patherr_value(), RSVP_ERRV_RT_BAD_STRICT);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 1);
}
END_TEST

Suite *
ero_suite(void)
{
	Suite *s = suite_create("ero");
	TCase *tc = tcase_create("explicit_route");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, strict_adjacent_hop);
	tcase_add_test(tc, strict_not_adjacent_is_bad_strict_node);
	tcase_add_test(tc, loose_hop_by_routing);
	tcase_add_test(tc, loose_hop_without_route);
	tcase_add_test(tc, first_hop_not_us_is_bad_initial);
	tcase_add_test(tc, our_own_hops_are_removed);
	tcase_add_test(tc, ero_ending_here_routes_to_endpoint);
	tcase_add_test(tc, bad_ero_error_removes_existing_state);
	suite_add_tcase(s, tc);
	return s;
}
