/*
 * libFuzzer target for rsvp/: parse the input; when it parses, run the
 * grammar check, encode it, parse the encoding and abort if the two
 * messages differ or if encoding what was parsed fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rsvp/rsvp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const struct rsvp_error *err)
{
	fprintf(stderr, "fuzz_rsvp: %s", what);
	if (err != NULL)
		fprintf(stderr, ": %s at byte %zu", err->text != NULL ?
		    err->text : "?", err->offset);
	fputc('\n', stderr);
	abort();
}

/* The objects of 'a' and 'b' are the same, offsets aside. */
static void
same_objects(const struct rsvp_msg *a, const struct rsvp_msg *b)
{
	uint16_t i;

	if (a->type != b->type || a->flags != b->flags ||
	    a->send_ttl != b->send_ttl || a->nobjs != b->nobjs)
		fail("header or object count changed in the round trip", NULL);
	for (i = 0; i < a->nobjs; i++) {
		if (a->objs[i].class_num != b->objs[i].class_num ||
		    a->objs[i].c_type != b->objs[i].c_type ||
		    a->objs[i].kind != b->objs[i].kind)
			fail("object class or C-Type changed", NULL);
		if (memcmp(&a->objs[i].u, &b->objs[i].u,
		    sizeof(a->objs[i].u)) != 0)
			fail("object body changed in the round trip", NULL);
	}
	if (b->nignored != 0)
		fail("the encoder wrote an object 3.10 says to drop", NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rsvp_msg m1, m2;
	static uint8_t enc1[RSVP_MSG_MAX_LEN], enc2[RSVP_MSG_MAX_LEN];
	struct rsvp_error err;
	ssize_t n1, n2;

	/*
	 * The decoder writes only the fields of each body; zero both
	 * messages so that the bytes it leaves alone compare equal.
	 */
	memset(&m1, 0, sizeof(m1));
	memset(&m2, 0, sizeof(m2));
	if (rsvp_parse(data, size, &m1, &err) < 0)
		return 0;
	(void)rsvp_validate(&m1, &err);
	n1 = rsvp_encode(&m1, enc1, sizeof(enc1));
	if (n1 < 0)
		fail("a parsed message does not encode", NULL);
	if (rsvp_parse(enc1, (size_t)n1, &m2, &err) < 0)
		fail("the encoding does not parse", &err);
	same_objects(&m1, &m2);
	n2 = rsvp_encode(&m2, enc2, sizeof(enc2));
	if (n2 != n1 || memcmp(enc1, enc2, (size_t)n1) != 0)
		fail("encode(parse(encode(m))) differs from encode(m)", NULL);
	return 0;
}
