/* Reservation state: ordered labels, FF, SE, ResvTear, ResvErr, expiry. */
#include <stdlib.h>
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
	ps.name = "tun7";
	send_path(&ps);
}

START_TEST(lsp_up_with_ordered_labels)
{
	const struct dp_ilm *ilm;
	const struct sent *s;
	const struct rsvp_obj *o;
	struct resv_spec rs;

	path(1, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	/* Our label comes from the allocator, lowest first. */
	ck_assert_uint_eq(labels_used(F.labels), 1);
	ilm = fake_ilm(16);
	ck_assert_ptr_nonnull(ilm);
	ck_assert_int_eq(ilm->action, DP_ILM_SWAP);
	ck_assert_uint_eq(ilm->out_label, 100);
	ck_assert_uint_eq(ilm->out_ifindex, IF_R2);
	ck_assert_uint_eq(ilm->dst_mac[5], 2);
	ck_assert_uint_eq(ilm->src_mac[5], 1);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	ck_assert_uint_eq(s->out.ifindex, IF_A);
	ck_assert(!s->out.router_alert);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_LABEL);
	ck_assert_uint_eq(o->u.label.label, 16);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_RSVP_HOP);
	ck_assert_uint_eq(o->u.hop.addr.s_addr, A(ADDR_R1_A).s_addr);
	o = rsvp_msg_find(s->msg, RSVP_CLASS_FILTER_SPEC);
	ck_assert_uint_eq(o->u.filter_lsp.lsp_id, 1);
	ck_assert_uint_eq(o->u.filter_lsp.sender.s_addr, A(ADDR_A).s_addr);
	ck_assert_ptr_nonnull(rsvp_msg_find(s->msg, RSVP_CLASS_FLOWSPEC));
	/* A refresh with the same label changes nothing upstream. */
	fake_clear_sent();
	send_resv(&rs);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
	/* A new downstream label: same label upstream, new swap. */
	rs.label[0] = 200;
	send_resv(&rs);
	ck_assert_uint_eq(fake_ilm(16)->out_label, 200);
	ck_assert_uint_eq(labels_used(F.labels), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg,
	    RSVP_CLASS_LABEL)->u.label.label, 16);
}
END_TEST

START_TEST(implicit_null_downstream_pops)
{
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	rs.label[0] = 3;
	send_resv(&rs);
	ck_assert_int_eq(fake_ilm(16)->action, DP_ILM_POP);
}
END_TEST

START_TEST(resv_without_path_gets_resverr)
{
	const struct rsvp_obj *o;
	struct resv_spec rs;

	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_UNKNOWN_SESSION), 1);
	o = rsvp_msg_find(fake_last(RSVP_MSG_RESVERR)->msg,
	    RSVP_CLASS_ERROR_SPEC);
	ck_assert_uint_eq(o->u.error_spec.code, RSVP_ERR_NO_PATH);
	ck_assert_uint_eq(fake_last(RSVP_MSG_RESVERR)->out.dst.s_addr,
	    A(ADDR_R2).s_addr);
}
END_TEST

START_TEST(unknown_sender_gets_resverr)
{
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	rs.lsp_id[0] = 9;
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_UNKNOWN_SENDER), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESVERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.code, RSVP_ERR_NO_SENDER);
	ck_assert_uint_eq(F.nilm, 0);
}
END_TEST

START_TEST(reserved_label_refused)
{
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	rs.label[0] = 7;
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_BAD_LABEL), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESVERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.value, RSVP_ERRV_RT_BAD_LABEL);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
}
END_TEST

START_TEST(resv_from_wrong_interface_ignored)
{
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	rs.ifindex = IF_A;
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_WRONG_NHOP), 1);
	ck_assert_uint_eq(F.nilm, 0);
}
END_TEST

START_TEST(ff_two_senders_two_descriptors)
{
	const struct sent *s;
	struct resv_spec rs;
	uint16_t i, nfilter = 0, nflowspec = 0;

	path(1, 0);
	path(2, 0);
	resv_spec_default(&rs);
	rs.nflows = 2;
	rs.lsp_id[1] = 2;
	rs.label[1] = 101;
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 2);
	ck_assert_uint_eq(fake_ilm(16)->out_label, 100);
	ck_assert_uint_eq(fake_ilm(17)->out_label, 101);
	s = fake_last(RSVP_MSG_RESV);
	for (i = 0; i < s->msg->nobjs; i++) {
		nfilter += s->msg->objs[i].class_num == RSVP_CLASS_FILTER_SPEC;
		nflowspec += s->msg->objs[i].class_num == RSVP_CLASS_FLOWSPEC;
	}
	ck_assert_uint_eq(nfilter, 2);
	ck_assert_uint_eq(nflowspec, 2);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_STYLE)->
	    u.style.options, RSVP_STYLE_FF);
}
END_TEST

/*
 * Make-before-break (RFC 3209 2.5, 4.6.4): LSP 2 of the tunnel comes up
 * sharing LSP 1's reservation, then LSP 1 is torn down.
 */
START_TEST(se_shares_and_makes_before_break)
{
	const struct sent *s;
	struct resv_spec rs;
	uint16_t i, nfilter = 0, nflowspec = 0;

	path(1, RSVP_SA_F_SE_STYLE);
	resv_spec_default(&rs);
	rs.style = RSVP_STYLE_SE;
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	path(2, RSVP_SA_F_SE_STYLE);
	rs.nflows = 2;
	rs.lsp_id[1] = 2;
	rs.label[1] = 101;
	fake_clear_sent();
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 2);
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
	for (i = 0; i < s->msg->nobjs; i++) {
		nfilter += s->msg->objs[i].class_num == RSVP_CLASS_FILTER_SPEC;
		nflowspec += s->msg->objs[i].class_num == RSVP_CLASS_FLOWSPEC;
	}
	ck_assert_uint_eq(nfilter, 2);
	ck_assert_uint_eq(nflowspec, 1);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_STYLE)->
	    u.style.options, RSVP_STYLE_SE);
	/* Break: the old LSP goes, the new one stays up. */
	fake_clear_sent();
	send_pathtear(7, 1);
	ck_assert_uint_eq(F.nilm, 1);
	ck_assert_ptr_nonnull(fake_ilm(17));
	s = fake_last(RSVP_MSG_RESV);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_FILTER_SPEC)->
	    u.filter_lsp.lsp_id, 2);
}
END_TEST

START_TEST(ff_and_se_conflict)
{
	struct resv_spec rs;

	path(1, 0);
	path(2, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	rs.style = RSVP_STYLE_SE;
	rs.lsp_id[0] = 2;
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_STYLE_CONFLICT), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESVERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.code,
	    RSVP_ERR_CONFLICT_STYLE);
	ck_assert_uint_eq(F.nilm, 1);
}
END_TEST

START_TEST(resvtear_removes_lsp_keeps_path)
{
	const struct sent *s;
	struct resv_spec rs;

	path(1, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	fake_clear_sent();
	send_resvtear(7, 1);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
	ck_assert_uint_eq(labels_held(F.labels, F.now), 1);
	s = fake_last(RSVP_MSG_RESVTEAR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_A).s_addr);
	/* The path state stays and is refreshed downstream. */
	fake_clear_sent();
	fake_advance(2 * FAKE_R_MS);
	ck_assert_uint_ge(fake_count(RSVP_MSG_PATH), 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
	/* A new Resv brings the LSP back. */
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	ck_assert_uint_eq(labels_used(F.labels), 1);
}
END_TEST

START_TEST(resv_expires_after_lifetime)
{
	struct path_spec ps;
	struct resv_spec rs;
	unsigned i;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	fake_clear_sent();
	/* Path keeps coming, the Resv does not. */
	for (i = 0; i < 6; i++) {
		fake_advance(FAKE_R_MS);
		send_path(&ps);
	}
	ck_assert_uint_eq(counter(ENGINE_C_RESV_TIMEOUT), 1);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVTEAR), 1);
	/* Upstream was refreshed until then. */
	ck_assert_uint_ge(fake_count(RSVP_MSG_RESV), 1);
}
END_TEST

START_TEST(resverr_goes_downstream)
{
	struct rsvp_msg *in = calloc(1, sizeof(*in));
	struct rsvp_msg *m = calloc(1, sizeof(*m));
	struct resv_spec rs;
	struct rsvp_obj *o;
	const struct sent *s;
	uint16_t i;

	path(1, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	/* A ResvErr from A about our reservation. */
	build_resv(&rs, in);
	rsvp_msg_init(m, RSVP_MSG_RESVERR);
	for (i = 0; i < in->nobjs; i++) {
		uint8_t c = in->objs[i].class_num;

		if (c == RSVP_CLASS_TIME_VALUES || c == RSVP_CLASS_LABEL)
			continue;
		o = rsvp_msg_add(m, c, in->objs[i].c_type);
		*o = in->objs[i];
		if (c != RSVP_CLASS_RSVP_HOP)
			continue;
		o->u.hop.addr = A(ADDR_A);
		o = rsvp_msg_add(m, RSVP_CLASS_ERROR_SPEC, RSVP_CTYPE_IPV4);
		o->u.error_spec.node = A(ADDR_A);
		o->u.error_spec.code = RSVP_ERR_ADMISSION;
		o->u.error_spec.value = RSVP_ERRV_ADM_BANDWIDTH;
	}
	fake_clear_sent();
	feed(m, A(ADDR_A), IF_A, 255);
	s = fake_last(RSVP_MSG_RESVERR);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->out.dst.s_addr, A(ADDR_R2).s_addr);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_RSVP_HOP)->
	    u.hop.addr.s_addr, A(ADDR_R1_R2).s_addr);
	ck_assert_uint_eq(rsvp_msg_find(s->msg, RSVP_CLASS_ERROR_SPEC)->
	    u.error_spec.code, RSVP_ERR_ADMISSION);
	/* From the wrong side it goes nowhere. */
	fake_clear_sent();
	feed(m, A(ADDR_R2), IF_R2, 255);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESVERR), 0);
	ck_assert_uint_eq(counter(ENGINE_C_WRONG_PHOP), 1);
	free(in);
	free(m);
}
END_TEST

START_TEST(label_space_exhausted)
{
	struct resv_spec rs;
	uint32_t l;

	/* Someone else in the box took every label. */
	while (labels_alloc(F.labels, F.now, &l) == 0)
		;
	path(1, 0);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(counter(ENGINE_C_LABEL_ALLOC), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESVERR)->msg,
	    RSVP_CLASS_ERROR_SPEC)->u.error_spec.value,
	    RSVP_ERRV_RT_LABEL_ALLOC);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
}
END_TEST

Suite *
rsb_suite(void)
{
	Suite *s = suite_create("rsb");
	TCase *tc = tcase_create("resv");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, lsp_up_with_ordered_labels);
	tcase_add_test(tc, implicit_null_downstream_pops);
	tcase_add_test(tc, resv_without_path_gets_resverr);
	tcase_add_test(tc, unknown_sender_gets_resverr);
	tcase_add_test(tc, reserved_label_refused);
	tcase_add_test(tc, resv_from_wrong_interface_ignored);
	tcase_add_test(tc, ff_two_senders_two_descriptors);
	tcase_add_test(tc, se_shares_and_makes_before_break);
	tcase_add_test(tc, ff_and_se_conflict);
	tcase_add_test(tc, resvtear_removes_lsp_keeps_path);
	tcase_add_test(tc, resv_expires_after_lifetime);
	tcase_add_test(tc, resverr_goes_downstream);
	tcase_add_test(tc, label_space_exhausted);
	suite_add_tcase(s, tc);
	return s;
}
