#include "routelet/meminfo.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define MEMINFO_KEY	"MemAvailable:"
#define MEMINFO_MAX	8192	/* /proc/meminfo is about 1.5 KiB */

int
rl_meminfo_parse(const char *text, size_t len, uint64_t *kb_r)
{
	const size_t klen = sizeof(MEMINFO_KEY) - 1;
	const char *p = text, *end = text + len, *nl;
	uint64_t kb = 0;
	int digits = 0;

	for (; p < end; p = nl + (nl < end)) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) < klen || memcmp(p, MEMINFO_KEY, klen))
			continue;
		for (p += klen; p < nl && *p == ' '; p++)
			;
		for (; p < nl && *p >= '0' && *p <= '9'; p++, digits++) {
			if (kb > (UINT64_MAX - 9) / 10)
				return -1;
			kb = kb * 10 + (uint64_t)(*p - '0');
		}
		if (digits == 0 || (size_t)(nl - p) != 3 ||
		    memcmp(p, " kB", 3) != 0)
			return -1;
		*kb_r = kb;
		return 0;
	}
	return -1;
}

int
rl_meminfo_available(uint64_t *kb_r)
{
	char buf[MEMINFO_MAX];
	ssize_t n;
	int fd, saved;

	if ((fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	saved = errno;
	close(fd);
	if (n < 0) {
		errno = saved;
		return -1;
	}
	if (rl_meminfo_parse(buf, (size_t)n, kb_r) < 0) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}
