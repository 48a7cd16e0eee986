#include "demux/egress_htb.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

int
egress_link_speed(const char *ifname, uint64_t *rate_r)
{
	char path[128];
	FILE *f;
	long long mbps;
	int r, rc = -ENODATA;

	r = snprintf(path, sizeof(path), "/sys/class/net/%s/speed", ifname);
	if (r < 0 || (size_t)r >= sizeof(path))
		return -ENAMETOOLONG;
	f = fopen(path, "r");
	if (f == NULL)
		return rc;
	/* Drivers that do not know say -1 (SPEED_UNKNOWN), or fail the read. */
	if (fscanf(f, "%lld", &mbps) == 1 && mbps > 0) {
		*rate_r = (uint64_t)mbps * 1000000 / 8;
		rc = 0;
	}
	fclose(f);
	return rc;
}
