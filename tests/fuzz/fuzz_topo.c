/*
 * fuzz_topo: libFuzzer target over topo_parse() (testbed topology files).
 * Whatever parses must print back to text that parses to the same
 * printout, as docs/testbed.md promises; anything else may only be
 * refused with a message, never crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testbed/topo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 't' printed into a malloc'd string. */
static char *
printed(const struct topo *t)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (f == NULL)
		abort();
	if (topo_print(t, f) != 0)
		abort();
	fclose(f);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	struct topo *t, *again;
	char *first, *second;

	err[0] = '\0';
	if (topo_parse((const char *)data, size, &t, err, sizeof(err)) != 0) {
		if (err[0] == '\0' || memchr(err, '\0', sizeof(err)) == NULL)
			abort();
		return 0;
	}
	first = printed(t);
	if (topo_parse(first, strlen(first), &again, err, sizeof(err)) != 0)
		abort();
	second = printed(again);
	if (strcmp(first, second) != 0)
		abort();
	topo_free(t);
	topo_free(again);
	free(first);
	free(second);
	return 0;
}
