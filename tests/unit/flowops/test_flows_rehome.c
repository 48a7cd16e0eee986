/*
 * dom0/flows_rehome.c: a flow whose routelet dies moves to an idle one
 * make-before-break, or is taken down cleanly when none is idle or a
 * step fails.
 */
#include <string.h>

#include "dom0/flows.h"
#include "rig.h"
#include "suites.h"

static struct rig r;

static void
setup(void)
{
	memset(&r, 0, sizeof(r));
	fake_init(&r.f);
	plane_init(&r.plane);
}

static void
teardown(void)
{
	rig_down(&r, false);
	ck_assert_uint_eq(fake_live(&r.f), 0);
	ck_assert_uint_eq(plane_count(&r.plane), 0);
	fake_fini(&r.f);
}

/* Build one flow; its routelet id in '*id_r'. */
static void
one_flow(uint64_t key, uint32_t label, unsigned *id_r)
{
	struct flow_req req;
	struct flow_err err;
	struct flow_info fi;

	rig_req(&r, &req, key, (uint16_t)key, label, 2000);
	ck_assert_int_eq(flows_set(r.flows, &req, &err), 0);
	ck_assert_int_eq(flows_get(r.flows, key, &fi), 0);
	*id_r = fi.rl_id;
}

START_TEST(moves_make_before_break)
{
	struct flows_stats st;
	struct flow_info fi;
	unsigned id;
	char want[256];

	rig_up(&r, 2, 2, 4, false);
	one_flow(1, 1001, &id);
	ck_assert_uint_eq(id, 0);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1001), 100);
	rig_settle(&r);		/* the pool makes a second idle one */
	r.plane.log[0] = '\0';

	ck_assert(fake_kill(&r.f, 0));
	ck_assert_int_eq(flows_get(r.flows, 1, &fi), 0);
	ck_assert_uint_ne(fi.rl_id, 0);
	ck_assert_uint_eq(fi.vif_ifindex, 100 + fi.rl_id);
	/* New vif in the flow's class, then the flip, then the old vif. */
	snprintf(want, sizeof(want), "vif %u>%u, ilm 1001>%u, vif- 100>0",
	    100 + fi.rl_id, fi.classid, 100 + fi.rl_id);
	ck_assert_str_eq(r.plane.log, want);
	ck_assert_uint_eq(plane_ilm(&r.plane, 1001), 100 + fi.rl_id);
	/* The new routelet runs the old one's config and caps. */
	ck_assert_ptr_nonnull(strstr(r.config[fi.rl_id], "1001"));
	ck_assert_str_eq(r.config[fi.rl_id], r.config[0]);
	ck_assert_uint_ne(r.f.rl[fi.rl_id]->caps.mem_bytes, 0);
	flows_stats(r.flows, &st);
	ck_assert_uint_eq(st.rehomed, 1);
	ck_assert_uint_eq(st.n_flows, 1);
	ck_assert_uint_eq(r.gone_calls, 0);
	rig_settle(&r);
	ck_assert_ptr_null(pool_rl_find(r.pool, 0));	/* remains gone */
	/* It can die again and move again. */
	id = fi.rl_id;
	ck_assert(fake_kill(&r.f, id));
	ck_assert_int_eq(flows_get(r.flows, 1, &fi), 0);
	ck_assert_uint_ne(fi.rl_id, id);
	flows_stats(r.flows, &st);
	ck_assert_uint_eq(st.rehomed, 2);
}
END_TEST

START_TEST(no_idle_routelet)
{
	struct flows_stats st;
	unsigned id;

	rig_up(&r, 1, 1, 1, false);
	one_flow(9, 1002, &id);
	ck_assert(fake_kill(&r.f, id));
	ck_assert(!flows_has(r.flows, 9));
	ck_assert_uint_eq(r.gone_calls, 1);
	ck_assert_uint_eq(r.gone_key, 9);
	ck_assert_uint_eq(r.gone_code, ADM_RSVP_ERR_ADMISSION);
	ck_assert_uint_eq(r.gone_value, ADM_AC_POOL);
	ck_assert_uint_eq(plane_count(&r.plane), 0);	/* nothing left */
	flows_stats(r.flows, &st);
	ck_assert_uint_eq(st.n_flows, 0);
	ck_assert_uint_eq(st.used.n_flows, 0);		/* share given back */
	rig_settle(&r);
	ck_assert_uint_eq(rig_in_state(&r, POOL_RL_IDLE), 1);
}
END_TEST

START_TEST(flip_fails)
{
	unsigned id;

	rig_up(&r, 2, 2, 4, false);
	one_flow(3, 1003, &id);
	rig_settle(&r);
	r.plane.fail_ilm_set = 1;
	ck_assert(fake_kill(&r.f, id));
	ck_assert(!flows_has(r.flows, 3));
	ck_assert_uint_eq(r.gone_value, FLOWS_AC_DATAPLANE);
	ck_assert_uint_eq(plane_count(&r.plane), 0);
	rig_settle(&r);
	ck_assert_uint_eq(rig_in_state(&r, POOL_RL_ASSIGNED), 0);
}
END_TEST

START_TEST(vif_fails)
{
	unsigned id;

	rig_up(&r, 2, 2, 4, false);
	one_flow(4, 1004, &id);
	rig_settle(&r);
	r.plane.fail_vif_attach = 1;
	ck_assert(fake_kill(&r.f, id));
	ck_assert(!flows_has(r.flows, 4));
	ck_assert_uint_eq(plane_count(&r.plane), 0);
	rig_settle(&r);
	ck_assert_uint_eq(rig_in_state(&r, POOL_RL_ASSIGNED), 0);
}
END_TEST

Suite *
flows_rehome_suite(void)
{
	Suite *s = suite_create("flows_rehome");
	TCase *tc = tcase_create("flows_rehome");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, moves_make_before_break);
	tcase_add_test(tc, no_idle_routelet);
	tcase_add_test(tc, flip_fails);
	tcase_add_test(tc, vif_fails);
	suite_add_tcase(s, tc);
	return s;
}
