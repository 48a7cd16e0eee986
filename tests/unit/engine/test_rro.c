/* RECORD_ROUTE (RFC 3209 4.4): our hop in Path and Resv, labels, loops. */
#include "fake.h"
#include "suites.h"

START_TEST(path_rro_gets_our_outgoing_address)
{
	const struct rsvp_obj *o;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.rro = true;
	send_path(&ps);
	o = rsvp_msg_find(fake_last(RSVP_MSG_PATH)->msg,
	    RSVP_CLASS_RECORD_ROUTE);
	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(o->u.route.nsub, 2);
	ck_assert_uint_eq(o->u.route.sub[0].addr.s_addr, A(ADDR_R1_R2).s_addr);
	ck_assert_uint_eq(o->u.route.sub[1].addr.s_addr, A(ADDR_A).s_addr);
}
END_TEST

START_TEST(resv_rro_with_label_recording)
{
	const struct rsvp_route *r;
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	ps.rro = true;
	ps.sa = true;
	ps.sa_flags = RSVP_SA_F_LABEL_RECORDING;
	ps.name = "rec";
	send_path(&ps);
	resv_spec_default(&rs);
	rs.rro = true;
	send_resv(&rs);
	r = &rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg,
	    RSVP_CLASS_RECORD_ROUTE)->u.route;
	/* Our address, our label, then what R2 recorded. */
	ck_assert_uint_eq(r->nsub, 5);
	ck_assert_uint_eq(r->sub[0].type, RSVP_SUBOBJ_IPV4);
	ck_assert_uint_eq(r->sub[0].addr.s_addr, A(ADDR_R1_A).s_addr);
	ck_assert_uint_eq(r->sub[1].type, RSVP_SUBOBJ_LABEL);
	ck_assert_uint_eq(r->sub[1].label, 16);
	ck_assert_uint_eq(r->sub[2].addr.s_addr, A(ADDR_R2).s_addr);
	ck_assert_uint_eq(r->sub[3].label, 100);
	ck_assert_uint_eq(r->sub[4].addr.s_addr, A(ADDR_B).s_addr);
}
END_TEST

START_TEST(resv_rro_without_label_recording)
{
	const struct rsvp_route *r;
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	ps.rro = true;
	send_path(&ps);
	resv_spec_default(&rs);
	rs.rro = true;
	send_resv(&rs);
	r = &rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg,
	    RSVP_CLASS_RECORD_ROUTE)->u.route;
	ck_assert_uint_eq(r->nsub, 4);
	ck_assert_uint_eq(r->sub[0].addr.s_addr, A(ADDR_R1_A).s_addr);
	ck_assert_uint_eq(r->sub[1].addr.s_addr, A(ADDR_R2).s_addr);
}
END_TEST

START_TEST(loop_in_path_rro)
{
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct path_spec ps;
	uint16_t i;

	path_spec_default(&ps);
	ps.rro = true;
	build_path(&ps, m);
	for (i = 0; i < m->nobjs; i++)
		if (m->objs[i].class_num == RSVP_CLASS_RECORD_ROUTE)
			m->objs[i].u.route.sub[0].addr = A(ADDR_R1_R2);
	feed(m, ps.phop, ps.ifindex, 64);
	ck_assert_uint_eq(counter(ENGINE_C_RRO_LOOP), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_PATHERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.value, RSVP_ERRV_RT_RRO_LOOP);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 0);
	free(m);
}
END_TEST

Suite *
rro_suite(void)
{
	Suite *s = suite_create("rro");
	TCase *tc = tcase_create("record_route");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, path_rro_gets_our_outgoing_address);
	tcase_add_test(tc, resv_rro_with_label_recording);
	tcase_add_test(tc, resv_rro_without_label_recording);
	tcase_add_test(tc, loop_in_path_rro);
	suite_add_tcase(s, tc);
	return s;
}
