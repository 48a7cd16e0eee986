/* Programming best-effort LSPs: neighbour resolution, removal. */
#include "fake.h"
#include "suites.h"

START_TEST(waits_for_neighbor_mac)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	F.neigh_pending = true;
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 0);
	ck_assert_uint_eq(counter(ENGINE_C_NEIGH_WAIT), 1);
	fake_advance(1000);
	ck_assert_uint_eq(counter(ENGINE_C_NEIGH_WAIT), 2);
	F.neigh_pending = false;
	fake_advance(1000);
	ck_assert_uint_eq(F.nilm, 1);
	ck_assert_uint_eq(fake_count(RSVP_MSG_RESV), 1);
	ck_assert_uint_eq(rsvp_msg_find(fake_last(RSVP_MSG_RESV)->msg,
	    RSVP_CLASS_LABEL)->u.label.label, 16);
}
END_TEST

START_TEST(destroy_removes_entries)
{
	struct path_spec ps;
	struct resv_spec rs;

	path_spec_default(&ps);
	send_path(&ps);
	resv_spec_default(&rs);
	send_resv(&rs);
	ck_assert_uint_eq(F.nilm, 1);
	engine_destroy(F.e);
	F.e = NULL;
	ck_assert_uint_eq(F.nilm, 0);
	ck_assert_uint_eq(labels_used(F.labels), 0);
}
END_TEST

Suite *
lsp_dp_suite(void)
{
	Suite *s = suite_create("lsp_dp");
	TCase *tc = tcase_create("program");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, waits_for_neighbor_mac);
	tcase_add_test(tc, destroy_removes_entries);
	suite_add_tcase(s, tc);
	return s;
}
