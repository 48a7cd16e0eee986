#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>

#include "suites.h"

/*
 * Move the process into a new network namespace with its own view of
 * /sys (as "ip netns exec" does), so /sys/class/net shows its links.
 */
int
netns_enter(void)
{
	if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0)
		return -1;
	if (mount("", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return -1;
	if (umount2("/sys", MNT_DETACH) != 0)
		return -1;
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) != 0)
		return -1;
	/* No IPv6 chatter (router solicitations) to upset packet counts. */
	return system("ip link set lo up && "
	    "sysctl -qw net.ipv6.conf.default.disable_ipv6=1 && "
	    "sysctl -qw net.ipv6.conf.all.disable_ipv6=1") == 0 ? 0 : -1;
}

/* Run a shell command that must succeed (test fixtures only). */
void
sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

uint32_t
ifindex_of(const char *ifname)
{
	unsigned idx = if_nametoindex(ifname);

	ck_assert_msg(idx != 0, "no interface %s", ifname);
	return idx;
}
