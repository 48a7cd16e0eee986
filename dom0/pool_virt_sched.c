/*
 * From the pool's caps to what libvirt's drivers take
 * (dom0/pool_virt_local.h): scheduler parameters by scheduler type, and a
 * cpu list as a cpumap.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/pool_virt_local.h"

#define CREDIT_CAP_MAX	(100u * 1024)	/* percent: 1024 CPUs */

/* Xen's credit cap: percent of one CPU, rounded up, at least 1. */
static unsigned
credit_cap(const struct pool_caps *caps)
{
	uint32_t period = caps->cpu_period_us != 0 ? caps->cpu_period_us :
	    VIRT_PERIOD_DEFAULT_US;
	uint64_t pct;

	if (caps->cpu_quota_us == 0)
		return 0;	/* no cap */
	pct = ((uint64_t)caps->cpu_quota_us * 100 + period - 1) / period;
	if (pct == 0)
		pct = 1;
	return pct > CREDIT_CAP_MAX ? CREDIT_CAP_MAX : (unsigned)pct;
}

int
virt_sched_params(const char *sched, const struct pool_caps *caps,
    unsigned weight, virTypedParameterPtr *params_r, int *n_r)
{
	virTypedParameterPtr p = NULL;
	int n = 0, max = 0, r = 0;

	if (strcmp(sched, "posix") == 0) {
		/* LXC and QEMU: the cgroup's CFS bandwidth; -1 lifts it */
		r = virTypedParamsAddULLong(&p, &n, &max,
		    VIR_DOMAIN_SCHEDULER_VCPU_PERIOD, caps->cpu_period_us != 0 ?
		    caps->cpu_period_us : VIRT_PERIOD_DEFAULT_US);
		if (r == 0)
			r = virTypedParamsAddLLong(&p, &n, &max,
			    VIR_DOMAIN_SCHEDULER_VCPU_QUOTA,
			    caps->cpu_quota_us != 0 ?
			    (long long)caps->cpu_quota_us : -1);
	} else if (strcmp(sched, "credit") == 0 ||
	    strcmp(sched, "credit2") == 0) {
		r = virTypedParamsAddUInt(&p, &n, &max,
		    VIR_DOMAIN_SCHEDULER_WEIGHT, weight);
		if (r == 0)
			r = virTypedParamsAddUInt(&p, &n, &max,
			    VIR_DOMAIN_SCHEDULER_CAP, credit_cap(caps));
	} else if (caps->cpu_quota_us != 0) {
		/* a weight alone ("fair", the test driver's) caps nothing */
		return -ENOTSUP;
	}
	if (r != 0) {
		virTypedParamsFree(p, n);
		return -ENOMEM;
	}
	*params_r = p;
	*n_r = n;
	return 0;
}

/* A decimal CPU number at '*s', advancing it; -1 if none. */
static long
cpu_num(const char **s)
{
	char *end;
	long v;

	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	v = strtol(*s, &end, 10);
	if (errno != 0 || v > 65535)
		return -1;
	*s = end;
	return v;
}

int
virt_cpumap(const char *list, unsigned char *map, size_t maplen)
{
	const char *s = list;
	long lo, hi, c;

	memset(map, 0, maplen);
	if (*s == '\0')
		return -EINVAL;
	for (;;) {
		if ((lo = cpu_num(&s)) < 0)
			return -EINVAL;
		hi = lo;
		if (*s == '-') {
			s++;
			if ((hi = cpu_num(&s)) < lo)
				return -EINVAL;
		}
		if ((size_t)hi >= maplen * 8)
			return -EINVAL;
		for (c = lo; c <= hi; c++)
			VIR_USE_CPU(map, c);
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			return -EINVAL;
	}
}
