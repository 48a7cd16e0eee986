/* rsvp/obj_session_attr.c: SESSION_ATTRIBUTE C-Types 7 and 1. */
#include <check.h>
#include <string.h>

#include "objtest.h"
#include "suites.h"

static struct rsvp_msg msg, out;
static struct rsvp_error err;
static uint8_t buf[TEST_BUF_LEN];

START_TEST(session_attr_round_trips)
{
	static const char *names[] = { "", "a", "abc", "abcd", "abcde" };
	const struct rsvp_session_attr *sa;
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		rsvp_msg_init(&msg, RSVP_MSG_PATH);
		add_session_attr(&msg, RSVP_CTYPE_SA_LSP_TUNNEL, names[i]);
		add_session_attr(&msg, RSVP_CTYPE_SA_LSP_TUNNEL_RA, names[i]);
		roundtrip(&msg, false, &out);
		sa = &out.objs[0].u.session_attr;
		ck_assert_str_eq(sa->name, names[i]);
		ck_assert_uint_eq(sa->name_len, strlen(names[i]));
		ck_assert_uint_eq(sa->setup_prio, 7);
		ck_assert_uint_eq(sa->hold_prio, 0);
		ck_assert_uint_eq(sa->flags, 6);
		sa = &out.objs[1].u.session_attr;
		ck_assert_uint_eq(sa->exclude_any, 0xf0);
		ck_assert_uint_eq(sa->include_any, 0x0f);
		ck_assert_uint_eq(sa->include_all, 0x80000001);
		ck_assert_str_eq(sa->name, names[i]);
		/* Our Name Length is the length before padding. */
		n = encode_ok(&msg, buf);
		ck_assert_uint_eq(buf[8 + 4 + 3], strlen(names[i]));
		ck_assert_uint_eq(n % 4, 0);
	}
}
END_TEST

START_TEST(longest_name_round_trips)
{
	char name[RSVP_NAME_MAX + 1];

	memset(name, 'q', RSVP_NAME_MAX);
	name[RSVP_NAME_MAX] = '\0';
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_session_attr(&msg, RSVP_CTYPE_SA_LSP_TUNNEL, name);
	roundtrip(&msg, false, &out);
	ck_assert_uint_eq(out.objs[0].u.session_attr.name_len, RSVP_NAME_MAX);
}
END_TEST

/* A peer that sends the padded length: "lsp1" + 4 NULs, Name Length 8. */
START_TEST(padded_name_length_accepted)
{
	static const uint8_t body[] = {
		3, 3, 0, 8, 'l', 's', 'p', 'x', 'y', 0, 0, 0,
	};

	ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION_ATTRIBUTE, 7, body,
	    sizeof(body), &out, &err), 0);
	ck_assert_str_eq(out.objs[0].u.session_attr.name, "lspxy");
	ck_assert_uint_eq(out.objs[0].u.session_attr.name_len, 5);
}
END_TEST

START_TEST(session_attr_malformed)
{
	static const struct {
		uint8_t	ctype;
		uint8_t	body[16];
		size_t	len;
	} bad[] = {
		{ 7, { 3, 3, 0, 9, 'a', 'b', 'c', 'd', 0, 0, 0, 0 }, 12 },
		{ 7, { 3, 3, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0 }, 12 },
		{ 7, { 3, 3, 0, 4, 'a', 0, 'b', 0 }, 8 },	/* NUL inside */
		{ 7, { 8, 3, 0, 0 }, 4 },			/* priority 8 */
		{ 7, { 0, 0, 0 }, 0 },
		{ 1, { 0, 0, 0, 0, 0, 0, 0, 0 }, 8 },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(parse_one(RSVP_CLASS_SESSION_ATTRIBUTE,
		    bad[i].ctype, bad[i].body, bad[i].len, &out, &err), -1);
		ck_assert_int_eq(err.reason, RSVP_E_OBJ_BODY);
		ck_assert_uint_ge(err.offset, 12);
		ck_assert_uint_lt(err.offset, 12 + 16);
	}
	/* The encoder wants name_len to match the name. */
	rsvp_msg_init(&msg, RSVP_MSG_PATH);
	add_session_attr(&msg, RSVP_CTYPE_SA_LSP_TUNNEL, "abc")->
	    u.session_attr.name_len = 4;
	ck_assert_int_eq(rsvp_encode(&msg, buf, sizeof(buf)), -1);
}
END_TEST

Suite *
obj_session_attr_suite(void)
{
	Suite *s = suite_create("rsvp_obj_session_attr");
	TCase *tc = tcase_create("session_attr");

	tcase_add_test(tc, session_attr_round_trips);
	tcase_add_test(tc, longest_name_round_trips);
	tcase_add_test(tc, padded_name_length_accepted);
	tcase_add_test(tc, session_attr_malformed);
	suite_add_tcase(s, tc);
	return s;
}
