/*
 * What the routelet's own system has free: MemAvailable of
 * /proc/meminfo.  A Xen routelet reports it in xenstore, so that dom0 can
 * size the guest's memory target from what the guest itself takes
 * (docs/pool-xen.md, "Memory").
 */
#ifndef ROUTELET_MEMINFO_H
#define ROUTELET_MEMINFO_H

#include <stddef.h>
#include <stdint.h>

/*
 * Find the "MemAvailable: N kB" line in the 'len' bytes of /proc/meminfo
 * text at 'text'.  Returns 0 with N in *kb_r, or -1 if the line is
 * missing or malformed.
 */
int rl_meminfo_parse(const char *text, size_t len, uint64_t *kb_r);
/* Read /proc/meminfo: 0 with MemAvailable in *kb_r, or -1 with errno. */
int rl_meminfo_available(uint64_t *kb_r);

#endif
