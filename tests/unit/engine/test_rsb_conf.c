/* dom0/rsb_conf.c: a RESV_CONFIRM goes upstream with a new or larger
 * reservation, and is answered here when the request merges into one
 * already in place (RFC 2205 2.6, 3.1.9). */
#include <string.h>

#include "fake.h"
#include "suites.h"

static void
path(uint16_t lsp_id, uint8_t sa_flags)
{
	struct path_spec ps;

	path_spec_default(&ps);
	ps.lsp_id = lsp_id;
	ps.sa = true;
	ps.sa_flags = sa_flags;
	send_path(&ps);
}

/* How many objects of 'class_num' 'm' has. */
static unsigned
nobj(const struct rsvp_msg *m, uint8_t class_num)
{
	unsigned i, n = 0;

	for (i = 0; i < m->nobjs; i++)
		n += m->objs[i].class_num == class_num;
	return n;
}

START_TEST(new_reservation_sends_confirm_upstream)
{
	const struct sent *s;
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	rs.confirm = A(ADDR_B);
	send_resv(&rs);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM));
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM)->
	    u.resv_confirm.receiver.s_addr, A(ADDR_B).s_addr);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVCONF), 0);
	/* Once: our refreshes do not ask again. */
	fake_clear_sent();
	fake_advance(2 * FAKE_R_MS);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM));
}
END_TEST

START_TEST(request_in_place_is_confirmed_here)
{
	const struct sent *s;
	const struct rsvp_obj *o;
	struct resv_spec rs;
	static const uint8_t order[] = {
		RSVP_CLASS_SESSION, RSVP_CLASS_ERROR_SPEC,
		RSVP_CLASS_RESV_CONFIRM, RSVP_CLASS_STYLE, RSVP_CLASS_FLOWSPEC,
		RSVP_CLASS_FILTER_SPEC, RSVP_CLASS_LABEL,
	};
	size_t i;

	path(1, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	fake_clear_sent();
	rs.confirm = A(ADDR_B);
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVCONF), 1);
	s = fake_last(RSVP_MSG_RESVCONF);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_B).s_addr);
	ck_assert_uint_eq(s->out.src.s_addr, A(ADDR_R1_R2).s_addr);
	ck_assert_uint_eq(s->out.ifindex, 0);
	ck_assert(!s->out.router_alert);
	ck_assert_uint_eq(s->msg->nobjs, sizeof(order));
	for (i = 0; i < sizeof(order); i++)
		ck_assert_uint_eq(s->msg->objs[i].class_num, order[i]);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC);
	ck_assert_uint_eq(o->u.error_spec.node.s_addr, A(ADDR_R1_R2).s_addr);
	ck_assert_uint_eq(o->u.error_spec.code, 0);
	ck_assert_uint_eq(o->u.error_spec.value, 0);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM)->
	    u.resv_confirm.receiver.s_addr, A(ADDR_B).s_addr);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_FILTER_SPEC)->
	    u.filter_lsp.lsp_id, 1);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_LABEL)->
	    u.label.label, 100);
	/* The request stopped here: our refresh does not carry it. */
	fake_advance(2 * FAKE_R_MS);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM));
}
END_TEST

START_TEST(larger_request_goes_upstream)
{
	const struct sent *s;
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	fake_clear_sent();
	rs.confirm = A(ADDR_B);
	rs.rate = 200000;
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVCONF), 0);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM));
}
END_TEST

/* Make-before-break (RFC 3209 2.5): the new LSP's request merges into
 * the shared reservation of the old one; its label still goes upstream,
 * the confirmation comes from here. */
START_TEST(se_new_lsp_merges_and_is_confirmed_here)
{
	const struct sent *s;
	struct resv_spec rs;

	path(1, RSVP_SA_F_SE_STYLE);
	resv_spec_default(&rs);
	rs.style = RSVP_STYLE_SE;
	send_resv(&rs);
	path(2, RSVP_SA_F_SE_STYLE);
	fake_clear_sent();
	rs.nflows = 2;
	rs.lsp_id[1] = 2;
	rs.label[1] = 101;
	rs.confirm = A(ADDR_B);
	send_resv(&rs);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(nobj(s->msg, RSVP_CLASS_FILTER_SPEC), 2);
	ck_assert_ptr_null(rsvp_msg_find(s->msg, RSVP_CLASS_RESV_CONFIRM));
	s = fake_last(RSVP_MSG_RESVCONF);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVCONF), 1);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_STYLE)->
	    u.style.options, RSVP_STYLE_SE);
	ck_assert_uint_eq(nobj(s->msg, RSVP_CLASS_FLOWSPEC), 1);
	ck_assert_uint_eq(nobj(s->msg, RSVP_CLASS_FILTER_SPEC), 2);
	ck_assert_uint_eq(nobj(s->msg, RSVP_CLASS_LABEL), 2);
}
END_TEST

START_TEST(resvconf_to_us_is_counted)
{
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	rs.confirm = A(ADDR_B);
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVCONF), 1);
	feed(fake_last(RSVP_MSG_RESVCONF)->msg, A(ADDR_R2), IF_R2, 255);
	ck_assert_uint_eq(counter(ENGINE_C_NOT_OURS), 1);
}
END_TEST

Suite *
rsb_conf_suite(void)
{
	Suite *s = suite_create("rsb_conf");
	TCase *tc = tcase_create("rsb_conf");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, new_reservation_sends_confirm_upstream);
	tcase_add_test(tc, request_in_place_is_confirmed_here);
	tcase_add_test(tc, larger_request_goes_upstream);
	tcase_add_test(tc, se_new_lsp_merges_and_is_confirmed_here);
	tcase_add_test(tc, resvconf_to_us_is_counted);
	suite_add_tcase(s, tc);
	return s;
}
