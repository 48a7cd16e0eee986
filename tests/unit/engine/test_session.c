/* The session table. */
#include "dom0/engine_local.h"
#include "fake.h"
#include "suites.h"

START_TEST(many_sessions_grow_the_table)
{
	struct rsvp_session_lsp k = { 0 };
	struct session *s;
	unsigned i;

	k.endpoint = A(ADDR_B);
	k.ext_tunnel_id = A(ADDR_A);
	for (i = 0; i < 5000; i++) {
		k.tunnel_id = (uint16_t)i;
		ck_assert_ptr_nonnull(session_get(F.e, &k));
	}
	ck_assert_uint_eq(F.e->nsessions, 5000);
	ck_assert_uint_ge(F.e->hsize, 5000);
	for (i = 0; i < 5000; i++) {
		k.tunnel_id = (uint16_t)i;
		s = session_find(F.e, &k);
		ck_assert_ptr_nonnull(s);
		ck_assert_uint_eq(s->tunnel_id, i);
		ck_assert_ptr_eq(session_get(F.e, &k), s);
	}
	k.ext_tunnel_id = A(ADDR_B);
	ck_assert_ptr_null(session_find(F.e, &k));
	k.ext_tunnel_id = A(ADDR_A);
	for (i = 0; i < 5000; i++) {
		k.tunnel_id = (uint16_t)i;
		session_put(F.e, session_find(F.e, &k));
	}
	ck_assert_uint_eq(F.e->nsessions, 0);
	ck_assert(TAILQ_EMPTY(&F.e->sessions));
}
END_TEST

Suite *
session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("table");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, many_sessions_grow_the_table);
	suite_add_tcase(s, tc);
	return s;
}
