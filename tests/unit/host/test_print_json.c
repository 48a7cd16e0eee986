#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "host/print.h"
#include "suites.h"

static uint8_t msg[RSVP_MSG_MAX_LEN];
static uint8_t frame[TEST_FRAME_MAX];
static struct pkt_view v;
static const struct timeval ts0 = { 1700000000, 500000 };

static json_t *
json_of(size_t flen)
{
	json_t *j;

	dissect_packet(LINK_ETHERNET, &ts0, frame, flen, flen, &v);
	j = print_json_view(&v, false);
	ck_assert_ptr_nonnull(j);
	return j;
}

/* The first object of class 'class_num' in the "objects" of 'j'. */
static json_t *
object(json_t *j, int class_num)
{
	json_t *o;
	size_t i;

	json_array_foreach(json_object_get(j, "objects"), i, o)
		if (json_integer_value(json_object_get(o, "class")) ==
		    class_num)
			return o;
	ck_abort_msg("no object of class %d", class_num);
	return NULL;
}

static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	ck_assert_msg(s != NULL, "no string %s", key);
	return s;
}

static json_int_t
num(json_t *o, const char *key)
{
	ck_assert_msg(json_is_integer(json_object_get(o, key)),
	    "no integer %s", key);
	return json_integer_value(json_object_get(o, key));
}

START_TEST(path_keys)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg));
	json_t *j = json_of(test_frame(frame, 46, 0, msg, len));
	json_t *rsvp, *ip, *o, *hops, *tspec;

	ck_assert(json_real_value(json_object_get(j, "time")) ==
	    1700000000.5);
	ck_assert_str_eq(str(j, "status"), "rsvp");
	ip = json_object_get(j, "ip");
	ck_assert_str_eq(str(ip, "src"), "10.0.0.1");
	ck_assert_int_eq(num(ip, "ttl"), 64);
	ck_assert(json_is_true(json_object_get(ip, "router_alert")));
	ck_assert_int_eq(num(ip, "router_alert_value"), 0);
	rsvp = json_object_get(j, "rsvp");
	ck_assert_int_eq(num(rsvp, "type"), 1);
	ck_assert_str_eq(str(rsvp, "type_name"), "Path");
	ck_assert_int_eq(num(rsvp, "length"), (json_int_t)len);
	ck_assert_int_eq(num(rsvp, "send_ttl"), 64);
	ck_assert_str_eq(str(rsvp, "cksum_status"), "ok");
	ck_assert_uint_eq(json_array_size(json_object_get(j, "objects")), 10);
	o = object(j, RSVP_CLASS_SESSION);
	ck_assert_str_eq(str(o, "class_name"), "SESSION");
	ck_assert_int_eq(num(o, "offset"), 8);
	ck_assert_int_eq(num(o, "length"), 16);
	ck_assert_int_eq(num(o, "tunnel_id"), VEC_TUNNEL_ID);
	ck_assert_str_eq(str(o, "ext_tunnel_id"), VEC_EXT_TUNNEL_ID);
	hops = json_object_get(object(j, RSVP_CLASS_EXPLICIT_ROUTE), "hops");
	ck_assert_uint_eq(json_array_size(hops), 4);
	ck_assert_str_eq(str(json_array_get(hops, 1), "address"),
	    VEC_ERO_HOP2);
	ck_assert(json_is_true(json_object_get(json_array_get(hops, 1),
	    "loose")));
	ck_assert(json_is_false(json_object_get(json_array_get(hops, 0),
	    "loose")));
	tspec = json_object_get(object(j, RSVP_CLASS_SENDER_TSPEC), "tspec");
	ck_assert(json_real_value(json_object_get(tspec, "rate_Bps")) ==
	    VEC_RATE_BPS);
	ck_assert_str_eq(str(tspec, "rate"), "10Mbit");
	ck_assert(json_is_null(json_object_get(tspec, "peak_Bps")));
	ck_assert_str_eq(str(tspec, "peak"), "inf");
	o = object(j, RSVP_CLASS_SESSION_ATTRIBUTE);
	ck_assert_str_eq(str(o, "name"), VEC_SESSION_NAME);
	ck_assert_int_eq(num(o, "setup_prio"), VEC_SETUP_PRIO);
	ck_assert_int_eq(num(o, "hold_prio"), VEC_HOLD_PRIO);
	ck_assert_ptr_null(json_object_get(j, "grammar_error"));
	json_decref(j);
}
END_TEST

START_TEST(resv_keys)
{
	size_t len = test_encode(VEC_RESV_SE, msg, sizeof(msg));
	json_t *j = json_of(test_frame(frame, 46, 0, msg, len));
	json_t *o;

	ck_assert_str_eq(str(object(j, RSVP_CLASS_STYLE), "style"), "SE");
	ck_assert_int_eq(num(object(j, RSVP_CLASS_LABEL), "label"),
	    VEC_LABEL_SE);
	o = object(j, RSVP_CLASS_FLOWSPEC);
	ck_assert_str_eq(str(o, "service"), "guaranteed");
	ck_assert_str_eq(str(json_object_get(o, "rspec"), "rate"),
	    "12.5Mbit");
	ck_assert_int_eq(num(json_object_get(o, "rspec"), "slack_us"),
	    VEC_GS_SLACK_US);
	json_decref(j);
}
END_TEST

START_TEST(malformed_keys)
{
	size_t len = test_encode(VEC_PATH, msg, sizeof(msg));
	json_t *j, *e;
	char *line = NULL;
	size_t size = 0;
	FILE *fp;

	msg[0] = 0x20;
	test_fix_cksum(msg, len);
	j = json_of(test_frame(frame, 46, 0, msg, len));
	ck_assert_str_eq(str(j, "status"), "malformed");
	e = json_object_get(j, "error");
	ck_assert_int_eq(num(e, "offset"), 0);
	ck_assert_ptr_null(json_object_get(j, "objects"));
	json_decref(j);
	/* print_json: one compact line */
	fp = open_memstream(&line, &size);
	ck_assert_int_eq(print_json(fp, &v, false), 0);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(line, "\"status\":\"malformed\""));
	ck_assert_ptr_eq(strchr(line, '\n'), line + size - 1);
	free(line);
	/* cut short: the checksum cannot be judged, nor computed */
	j = json_of(test_frame(frame, 46, 0, msg, len - 4));
	e = json_object_get(j, "rsvp");
	ck_assert_str_eq(str(e, "cksum_status"), "unverified");
	ck_assert(json_is_null(json_object_get(e, "cksum_computed")));
	json_decref(j);
	j = json_of(test_frame(frame, 46, 0x2000, msg, 32));
	ck_assert_str_eq(str(j, "status"), "fragment");
	ck_assert(json_is_true(json_object_get(json_object_get(j, "ip"),
	    "mf")));
	json_decref(j);
}
END_TEST

Suite *
print_json_suite(void)
{
	Suite *s = suite_create("print_json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, path_keys);
	tcase_add_test(tc, resv_keys);
	tcase_add_test(tc, malformed_keys);
	suite_add_tcase(s, tc);
	return s;
}
