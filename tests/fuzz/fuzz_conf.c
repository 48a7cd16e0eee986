/*
 * fuzz_conf: libFuzzer target over conf_parse().  Whatever parses must
 * print back to text that parses to the same printout (the -n promise of
 * quasard.conf(5)); anything else may only be refused, never crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 'c' printed into a malloc'd string. */
static char *
printed(const struct conf *c)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (f == NULL)
		abort();
	if (conf_print(c, f) != 0)
		abort();
	fclose(f);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[CONF_ERR_MAX];
	struct conf c, again;
	char *first, *second;

	if (conf_parse((const char *)data, size, &c, err, sizeof(err)) != 0) {
		if (err[0] == '\0' || memchr(err, '\0', sizeof(err)) == NULL)
			abort();
		return 0;
	}
	first = printed(&c);
	if (conf_parse(first, strlen(first), &again, err, sizeof(err)) != 0)
		abort();
	second = printed(&again);
	if (strcmp(first, second) != 0)
		abort();
	free(first);
	free(second);
	return 0;
}
