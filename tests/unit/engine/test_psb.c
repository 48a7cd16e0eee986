/* Path state: Path in and on, refresh, expiry, PathTear, PathErr. */
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "suites.h"

START_TEST(path_is_sent_on_with_our_hop)
{
	const struct sent *s;
	const struct rsvp_obj *o;
	struct path_spec ps;

	path_spec_default(&ps);
	send_path(&ps);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 1);
	s = fake_last(RSVP_MSG_PATH);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_B).s_addr);
	ck_assert_uint_eq(s->out.nexthop.s_addr, A(ADDR_R2).s_addr);
	ck_assert_uint_eq(s->out.src.s_addr, A(ADDR_R1_R2).s_addr);
	ck_assert_uint_eq(s->out.ifindex, IF_R2);
	ck_assert_uint_eq(s->out.ttl, 63);
	ck_assert(s->out.router_alert);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_RSVP_HOP);
	ck_assert_uint_eq(o->u.hop.addr.s_addr, A(ADDR_R1_R2).s_addr);
	ck_assert_uint_eq(o->u.hop.lih, IF_R2);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_TIME_VALUES);
	ck_assert_uint_eq(o->u.time.refresh_ms, FAKE_R_MS);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_LABEL_REQUEST));
	/* Ordered control: nothing upstream, nothing programmed yet. */
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(F.nbr_added, 1);
}
END_TEST

START_TEST(path_refresh_keeps_state_and_refreshes_downstream)
{
	struct path_spec ps;
	json_t *r;
	char err[128];
	unsigned i;

	path_spec_default(&ps);
	send_path(&ps);
	fake_clear_sent();
	/* Five minutes of refreshes from A every R. */
	for (i = 0; i < 10; i++) {
		fake_advance(FAKE_R_MS);
		send_path(&ps);
	}
	/* Refreshes of the same Path are not forwarded at once ... */
	ck_assert_uint_ge(fake_count(RSVP_MSG_PATH), 6);
	/* ... but every 0.5R-1.5R: at most 2 per R on average. */
	ck_assert_uint_le(fake_count(RSVP_MSG_PATH), 20);
	ck_assert_uint_eq(counter(ENGINE_C_PATH_TIMEOUT), 0);
	ck_assert_int_eq(engine_query(F.e, "lsp list", NULL, &r, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(json_array_size(r), 1);
	json_decref(r);
}
END_TEST

START_TEST(path_expires_after_lifetime)
{
	struct path_spec ps;
	struct resv_spec rs;
	uint64_t l = (2 * FAKE_K + 1) * 3 * (uint64_t)FAKE_R_MS / 4;
	const struct sent *s;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	/* Resv keeps coming, the Path does not. */
	fake_advance(l - 1000);
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_PATH_TIMEOUT), 0);
	fake_clear_sent();
	fake_advance(2000);
	ck_assert_uint_eq(counter(ENGINE_C_PATH_TIMEOUT), 1);
	ck_assert_uint_eq(F.nilm, 0);
	s = fake_last(RSVP_MSG_PATHTEAR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.nexthop.s_addr, A(ADDR_R2).s_addr);
	ck_assert(s->out.router_alert);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	ck_assert_uint_eq(labels_held(F.labels, F.now), 1);
}
END_TEST

START_TEST(pathtear_removes_and_goes_on)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	fake_clear_sent();
	send_pathtear(7, 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 1);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	/* Nothing left to refresh. */
	fake_clear_sent();
	fake_advance(10 * FAKE_R_MS);
	ck_assert_uint_eq(F.nsent, 0);
	ck_assert_uint_eq(engine_next_deadline(F.e), UINT64_MAX);
}
END_TEST

START_TEST(pathtear_for_nothing_is_counted)
{
	send_pathtear(9, 1);
	ck_assert_uint_eq(counter(ENGINE_C_UNKNOWN_SESSION), 1);
	ck_assert_uint_eq(F.nsent, 0);
}
END_TEST

START_TEST(ttl_mismatch_is_a_non_rsvp_hop)
{
	const struct rsvp_obj *o;
	const struct sent *s;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ip_ttl = 62;		/* two plain IP routers on the way */
	send_path(&ps);
	ck_assert_uint_eq(counter(ENGINE_C_TTL_MISMATCH), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 0);
	s = fake_last(RSVP_MSG_PATHERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC);
	ck_assert_uint_eq(o->u.error_spec.code, RSVP_ERR_ROUTING);
	ck_assert_uint_eq(o->u.error_spec.value, RSVP_ERRV_RT_NON_RSVP);
}
END_TEST

START_TEST(ttl_one_is_not_forwarded)
{
	struct path_spec ps;

	path_spec_default(&ps);
	ps.ip_ttl = ps.send_ttl = 1;
	send_path(&ps);
	ck_assert_uint_eq(counter(ENGINE_C_TTL_EXPIRED), 1);
	ck_assert_uint_eq(F.nsent, 0);
}
END_TEST

START_TEST(path_without_route_gets_patherr)
{
	const struct rsvp_obj *o;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.endpoint = A("192.0.2.1");
	send_path(&ps);
	ck_assert_uint_eq(counter(ENGINE_C_NO_ROUTE), 1);
	o = rsvp_msg_find(fake_last(RSVP_MSG_PATHERR)->msg,
	    RSVP_CLASS_ERROR_SPEC);
	ck_assert_uint_eq(o->u.error_spec.value, RSVP_ERRV_RT_NO_ROUTE);
	ck_assert_uint_eq(o->u.error_spec.node.s_addr, A(ADDR_R1_A).s_addr);
}
END_TEST

START_TEST(patherr_goes_to_the_previous_hop)
{
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct path_spec ps;
	const struct sent *s;
	struct rsvp_obj *o;
	uint16_t i, n = 0;

	path_spec_default(&ps);
	send_path(&ps);
	build_path(&ps, m);
	m->type = RSVP_MSG_PATHERR;
	for (i = 0; i < m->nobjs; i++) {
		uint8_t c = m->objs[i].class_num;

		if (c == RSVP_CLASS_SESSION ||
		    c == RSVP_CLASS_SENDER_TEMPLATE ||
		    c == RSVP_CLASS_SENDER_TSPEC)
			m->objs[n++] = m->objs[i];
	}
	m->nobjs = n;
	o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
	o->u.error_spec.node = A(ADDR_R2);
	o->u.error_spec.code = RSVP_ERR_ROUTING;
	o->u.error_spec.value = RSVP_ERRV_RT_BAD_STRICT;
	/* ERROR_SPEC goes after SESSION. */
	{
		struct rsvp_obj es = m->objs[n];

		memmove(&m->objs[2], &m->objs[1], (n - 1) * sizeof(es));
		m->objs[1] = es;
	}
	fake_clear_sent();
	feed(m, A(ADDR_R2), IF_R2, 255);
	s = fake_last(RSVP_MSG_PATHERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	ck_assert_uint_eq(s->out.ifindex, IF_A);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC)->
	    u.error_spec.node.s_addr, A(ADDR_R2).s_addr);
	/* The path state stays (RFC 2205 3.1.6). */
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 0);
	free(m);
}
END_TEST

START_TEST(changed_path_is_sent_at_once)
{
	struct path_spec ps;

	path_spec_default(&ps);
	send_path(&ps);
	send_path(&ps);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 1);
	ps.sa = true;
	ps.name = "renamed";
	send_path(&ps);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 2);
	ck_assert_str_eq(rsvp_msg_find(fake_last(RSVP_MSG_PATH)->msg,
	    RSVP_CLASS_SESSION_ATTRIBUTE)->u.session_attr.name, "renamed");
}
END_TEST

START_TEST(bad_l3pid_refused)
{
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct path_spec ps;
	uint16_t i;

	path_spec_default(&ps);
	build_path(&ps, m);
	for (i = 0; i < m->nobjs; i++)
		if (m->objs[i].class_num == RSVP_CLASS_LABEL_REQUEST)
			m->objs[i].u.label_request.l3pid = 0x86dd;
	feed(m, ps.phop, ps.ifindex, 64);
	ck_assert_uint_eq(counter(ENGINE_C_BAD_L3PID), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_PATHERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.value, RSVP_ERRV_RT_BAD_L3PID);
	free(m);
}
END_TEST

START_TEST(egress_answers_with_implicit_null)
{
	const struct rsvp_obj *o;
	const struct sent *s;
	struct path_spec ps;

	path_spec_default(&ps);
	ps.endpoint = A(ADDR_R1_R2);	/* the tunnel ends here */
	ps.rro = true;
	send_path(&ps);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATH), 0);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_LABEL)->
	    u.label.label, 3);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_STYLE)->
	    u.style.options, RSVP_STYLE_FF);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_RECORD_ROUTE);
	ck_assert_uint_eq(o->u.route.nsub, 1);
	ck_assert_uint_eq(o->u.route.sub[0].addr.s_addr, A(ADDR_R1_A).s_addr);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
}
END_TEST

START_TEST(pathtear_from_another_hop_ignored)
{
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct path_spec ps;
	uint16_t i, n = 0;

	path_spec_default(&ps);
	send_path(&ps);
	build_path(&ps, m);
	m->type = RSVP_MSG_PATHTEAR;
	for (i = 0; i < m->nobjs; i++) {
		uint8_t c = m->objs[i].class_num;

		if (c != RSVP_CLASS_SESSION && c != RSVP_CLASS_RSVP_HOP &&
		    c != RSVP_CLASS_SENDER_TEMPLATE &&
		    c != RSVP_CLASS_SENDER_TSPEC)
			continue;
		m->objs[n] = m->objs[i];
		if (c == RSVP_CLASS_RSVP_HOP)
			m->objs[n].u.hop.addr = A("10.0.1.9");
		n++;
	}
	m->nobjs = n;
	fake_clear_sent();
	feed(m, A("10.0.1.9"), IF_A, 64);
	ck_assert_uint_eq(counter(ENGINE_C_WRONG_PHOP), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 0);
	free(m);
}
END_TEST

START_TEST(route_change_moves_the_path)
{
	struct path_spec ps;
	struct resv_spec rs;
	const struct sent *s;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	/* Nothing moved: nothing sent. */
	fake_clear_sent();
	engine_routes_changed(F.e);
	ck_assert_uint_eq(F.nsent, 0);
	/* B is now behind 10.0.12.3. */
	F.route_b = 1;
	engine_routes_changed(F.e);
	s = fake_last(RSVP_MSG_PATHTEAR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.nexthop.s_addr, A(ADDR_R2).s_addr);
	s = fake_last(RSVP_MSG_PATH);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.nexthop.s_addr, A("10.0.12.3").s_addr);
	/* The old branch's reservation and LSP are gone, upstream told. */
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVTEAR), 1);
	/* B unreachable: PathErr upstream, state gone. */
	fake_clear_sent();
	F.route_b = 2;
	engine_routes_changed(F.e);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_PATHERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.value, RSVP_ERRV_RT_NO_ROUTE);
	ck_assert_uint_eq(fake_last(RSVP_MSG_PATHERR)->out.dst.s_addr,
	    A(ADDR_A).s_addr);
	ck_assert_uint_eq(fake_count(RSVP_MSG_PATHTEAR), 1);
	ck_assert_uint_eq(engine_next_deadline(F.e), UINT64_MAX);
}
END_TEST

Suite *
psb_suite(void)
{
	Suite *s = suite_create("psb");
	TCase *tc = tcase_create("path");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, path_is_sent_on_with_our_hop);
	tcase_add_test(tc, path_refresh_keeps_state_and_refreshes_downstream);
	tcase_add_test(tc, path_expires_after_lifetime);
	tcase_add_test(tc, pathtear_removes_and_goes_on);
	tcase_add_test(tc, pathtear_for_nothing_is_counted);
	tcase_add_test(tc, pathtear_from_another_hop_ignored);
	tcase_add_test(tc, ttl_mismatch_is_a_non_rsvp_hop);
	tcase_add_test(tc, ttl_one_is_not_forwarded);
	tcase_add_test(tc, path_without_route_gets_patherr);
	tcase_add_test(tc, patherr_goes_to_the_previous_hop);
	tcase_add_test(tc, changed_path_is_sent_at_once);
	tcase_add_test(tc, bad_l3pid_refused);
	tcase_add_test(tc, egress_answers_with_implicit_null);
	tcase_add_test(tc, route_change_moves_the_path);
	suite_add_tcase(s, tc);
	return s;
}
