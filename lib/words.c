/* Words of a config-style line (lib/words.h). */
#include <stdbool.h>

#include "lib/words.h"

static bool
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' ||
	    ch == '\f';
}

int
words_split(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return -1;
		w[n++] = p;
		while (*p != '\0' && !blank(*p) && *p != '#')
			p++;
		if (*p == '#') {
			*p = '\0';
			return n;
		}
		if (*p != '\0')
			*p++ = '\0';
	}
}
