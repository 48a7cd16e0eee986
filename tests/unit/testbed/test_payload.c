#include <string.h>

#include "lib/mpls.h"
#include "testbed/gen/frame.h"
#include "testbed/traffic/payload.h"
#include "suites.h"

START_TEST(payload_round_trip)
{
	struct tr_payload p = { .flow = 0xdeadbeef, .seq = 0x0102030405060708ull,
	    .ts_ns = 0x1122334455667788ull, .clock = TR_CLOCK_MONOTONIC }, q;
	static const uint8_t want[TR_PAYLOAD_LEN] = {
		'Q', 'S', 'R', 'G', 0xde, 0xad, 0xbe, 0xef,
		1, 2, 3, 4, 5, 6, 7, 8,
		0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
		1, 0, 0, 0,
	};
	uint8_t buf[TR_PAYLOAD_LEN + 4];

	ck_assert_int_eq(tr_payload_write(&p, buf, TR_PAYLOAD_LEN - 1), -1);
	ck_assert_int_eq(tr_payload_write(&p, buf, sizeof(buf)), 0);
	ck_assert_mem_eq(buf, want, sizeof(want));
	ck_assert_int_eq(tr_payload_read(buf, sizeof(buf), &q), 0);
	ck_assert_uint_eq(q.flow, p.flow);
	ck_assert_uint_eq(q.seq, p.seq);
	ck_assert_uint_eq(q.ts_ns, p.ts_ns);
	ck_assert_int_eq(q.clock, TR_CLOCK_MONOTONIC);
}
END_TEST

START_TEST(payload_hostile)
{
	struct tr_payload p = { .flow = 1 }, q;
	uint8_t buf[TR_PAYLOAD_LEN];
	size_t n;

	ck_assert_int_eq(tr_payload_write(&p, buf, sizeof(buf)), 0);
	for (n = 0; n < sizeof(buf); n++)
		ck_assert_int_eq(tr_payload_read(buf, n, &q), -1);
	buf[24] = 2;				/* no such clock */
	ck_assert_int_eq(tr_payload_read(buf, sizeof(buf), &q), -1);
	buf[24] = 0;
	buf[0] = 'X';				/* not our magic */
	ck_assert_int_eq(tr_payload_read(buf, sizeof(buf), &q), -1);
}
END_TEST

/* A frame from testbed/gen's builder: 'kind', label 100, 'size' bytes. */
static int
frame(enum gen_kind kind, uint8_t *buf, size_t size)
{
	struct gen_frame_spec spec = { .kind = kind, .label = 100,
	    .nlabels = 1, .ttl = 9, .size = size };

	return gen_frame_build(&spec, 0, buf, size);
}

START_TEST(frames_found)
{
	struct tr_frame_info fi;
	uint8_t buf[128];

	ck_assert_int_eq(frame(GEN_MPLS, buf, 100), 100);
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), 0);
	ck_assert(fi.labelled);
	ck_assert_uint_eq(fi.top_label, 100);
	ck_assert_uint_eq(fi.top_ttl, 9);
	ck_assert_uint_eq(fi.payload_at, 14 + 4 + 20 + 8);
	ck_assert_uint_eq(fi.payload_len, 100 - 46);
	/* A capture cut inside the payload: only what is there. */
	ck_assert_int_eq(tr_frame_find(buf, 60, &fi), 0);
	ck_assert_uint_eq(fi.payload_len, 60 - 46);
	ck_assert_int_eq(frame(GEN_IPV4, buf, 100), 100);
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), 0);
	ck_assert(!fi.labelled);
	ck_assert_uint_eq(fi.payload_at, 42);
	/* Ethernet padding past the UDP length is not payload. */
	buf[14 + 20 + 4] = 0;
	buf[14 + 20 + 5] = 8 + 10;
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), 0);
	ck_assert_uint_eq(fi.payload_len, 10);
}
END_TEST

START_TEST(frames_hostile)
{
	struct tr_frame_info fi;
	uint8_t buf[128], lse[4] = { 0, 0x06, 0x40, 9 };	/* label 100, S=0 */
	size_t n;
	int i;

	ck_assert_int_eq(frame(GEN_MPLS, buf, 100), 100);
	for (n = 0; n < 46; n++)		/* cut before the payload */
		ck_assert_int_eq(tr_frame_find(buf, n, &fi), -1);
	/* A label stack deeper than TR_MPLS_DEPTH_MAX, never bottom. */
	for (i = 0; i < 9; i++)
		memcpy(buf + 14 + 4 * i, lse, 4);
	ck_assert_int_eq(tr_frame_find(buf, sizeof(buf), &fi), -1);
	ck_assert_int_eq(frame(GEN_IPV4, buf, 100), 100);
	buf[12] = 0x86;				/* IPv6: not ours */
	buf[13] = 0xdd;
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), -1);
	ck_assert_int_eq(frame(GEN_IPV4, buf, 100), 100);
	buf[14] = 0x44;				/* IHL 4: not IPv4 */
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), -1);
	buf[14] = 0x4f;				/* IHL 15: 60 bytes */
	ck_assert_int_eq(tr_frame_find(buf, 70, &fi), -1);
	ck_assert_int_eq(frame(GEN_IPV4, buf, 100), 100);
	buf[14 + 9] = 6;			/* TCP */
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), -1);
	ck_assert_int_eq(frame(GEN_IPV4, buf, 100), 100);
	buf[14 + 7] = 1;			/* a later fragment */
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), -1);
	ck_assert_int_eq(frame(GEN_IPV4, buf, 100), 100);
	buf[14 + 20 + 4] = 0;			/* UDP length 7 */
	buf[14 + 20 + 5] = 7;
	ck_assert_int_eq(tr_frame_find(buf, 100, &fi), -1);
}
END_TEST

START_TEST(clock_names)
{
	enum tr_clock c;

	ck_assert_int_eq(tr_clock_parse("monotonic", &c), 0);
	ck_assert_int_eq(c, TR_CLOCK_MONOTONIC);
	ck_assert_str_eq(tr_clock_name(c), "monotonic");
	ck_assert_int_eq(tr_clock_parse("realtime", &c), 0);
	ck_assert_str_eq(tr_clock_name(c), "realtime");
	ck_assert_int_eq(tr_clock_parse("tai", &c), -1);
}
END_TEST

Suite *
payload_suite(void)
{
	Suite *s = suite_create("payload");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, payload_round_trip);
	tcase_add_test(tc, payload_hostile);
	tcase_add_test(tc, frames_found);
	tcase_add_test(tc, frames_hostile);
	tcase_add_test(tc, clock_names);
	suite_add_tcase(s, tc);
	return s;
}
