/*
 * Caps of a routelet domain: the scheduler's cap and weight, the memory
 * target and the vCPU's hard affinity; and the cpupool routelets run in.
 * The arithmetic is separate from the libxl calls so that the unit test
 * checks it without a hypervisor.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/pool_xen_local.h"
#include "lib/log.h"

#define XEN_WEIGHT_DEFAULT	256	/* credit's and credit2's default */
#define XEN_WEIGHT_MAX		65535
#define XEN_CAP_MAX		100	/* one vCPU: 100% of one CPU */

unsigned
xen_caps_cap_pct(uint32_t quota_us, uint32_t period_us)
{
	uint64_t pct;

	if (quota_us == 0 || period_us == 0)
		return 0;
	/* rounded up: a cap never gives less than the quota */
	pct = ((uint64_t)quota_us * 100 + period_us - 1) / period_us;
	return pct > XEN_CAP_MAX ? XEN_CAP_MAX : (unsigned)pct;
}

unsigned
xen_caps_weight(unsigned cap_pct)
{
	uint64_t w;

	if (cap_pct == 0)
		return XEN_WEIGHT_DEFAULT;
	if (cap_pct >= XEN_CAP_MAX)
		return XEN_WEIGHT_MAX;
	/*
	 * Against one busy domain of default weight the routelet's share is
	 * w / (w + 256); this w makes that share its cap.
	 */
	w = (uint64_t)XEN_WEIGHT_DEFAULT * cap_pct / (XEN_CAP_MAX - cap_pct);
	if (w < 1)
		w = 1;
	return w > XEN_WEIGHT_MAX ? XEN_WEIGHT_MAX : (unsigned)w;
}

uint64_t
xen_caps_mem_kb(uint64_t mem_bytes, unsigned memory_mb, uint64_t guest_kb)
{
	uint64_t full = (uint64_t)memory_mb * 1024;
	uint64_t cap_kb = mem_bytes / 1024 + (mem_bytes % 1024 != 0);

	if (mem_bytes == 0 || guest_kb == 0 || guest_kb >= full ||
	    cap_kb >= full - guest_kb)
		return full;
	if (guest_kb + cap_kb + XEN_MEMORY_MARGIN_KB >= full)
		return full;
	return guest_kb + cap_kb + XEN_MEMORY_MARGIN_KB;
}

int
xen_caps_cpuset(const char *s, uint64_t *mask_r)
{
	unsigned long a, b;
	uint64_t mask = 0;
	char *end;

	if (*s == '\0') {
		*mask_r = 0;
		return 0;
	}
	for (;;) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		a = strtoul(s, &end, 10);
		b = a;
		if (*end == '-') {
			s = end + 1;
			if (*s < '0' || *s > '9')
				return -EINVAL;
			b = strtoul(s, &end, 10);
		}
		if (a > b || b >= 64)
			return -EINVAL;
		for (; a <= b; a++)
			mask |= 1ull << a;
		if (*end == '\0')
			break;
		if (*end != ',')
			return -EINVAL;
		s = end + 1;
	}
	*mask_r = mask;
	return 0;
}

/* Cap and weight with the cpupool's scheduler, if it has them. */
static int
apply_sched(struct xen_be *be, struct xen_rl *rl, const struct pool_caps *c)
{
	libxl_domain_sched_params p;
	unsigned cap = xen_caps_cap_pct(c->cpu_quota_us, c->cpu_period_us);
	int rc;

	if (be->sched != LIBXL_SCHEDULER_CREDIT &&
	    be->sched != LIBXL_SCHEDULER_CREDIT2) {
		if (cap == 0)
			return 0;
		log_warnx("xen: %s: scheduler %s has no cap; the CPU cap "
		    "(%u%%) cannot be applied", rl->name,
		    libxl_scheduler_to_string(be->sched), cap);
		return -ENOTSUP;
	}
	libxl_domain_sched_params_init(&p);
	p.sched = be->sched;
	p.cap = (int)cap;
	p.weight = (int)xen_caps_weight(cap);
	rc = libxl_domain_sched_params_set(be->ctx, rl->domid, &p);
	if (rc != 0)
		log_warnx("xen: %s: %s cap %u weight %d: libxl error %d",
		    rl->name, libxl_scheduler_to_string(be->sched), cap,
		    p.weight, rc);
	libxl_domain_sched_params_dispose(&p);
	return rc != 0 ? xen_errno(rc) : 0;
}

/* The vCPU's hard affinity: the CPUs of 'mask', or all when 0. */
static int
apply_cpuset(struct xen_be *be, struct xen_rl *rl, uint64_t mask)
{
	libxl_bitmap map;
	unsigned cpu;
	int rc;

	libxl_bitmap_init(&map);
	rc = libxl_cpu_bitmap_alloc(be->ctx, &map, 0);
	if (rc != 0)
		goto out;
	if (mask == 0)
		libxl_bitmap_set_any(&map);
	for (cpu = 0; cpu < 64 && mask != 0; cpu++)
		if (mask & (1ull << cpu))
			libxl_bitmap_set(&map, (int)cpu);
	rc = libxl_set_vcpuaffinity(be->ctx, rl->domid, 0, &map, NULL);
	if (rc != 0)
		log_warnx("xen: %s: vCPU affinity: libxl error %d", rl->name,
		    rc);
 out:
	libxl_bitmap_dispose(&map);
	return rc != 0 ? xen_errno(rc) : 0;
}

/*
 * Learn what the guest's own system takes while it has all of its booted
 * memory: then the guest's free memory is all it could give up.  Measured
 * under a lower target, before the balloon has got there, the guest would
 * look smaller than it is; the last measure at full memory is kept.
 */
static void
learn_guest(struct xen_be *be, struct xen_rl *rl)
{
	uint64_t full = (uint64_t)be->conf.memory_mb * 1024, avail;

	if (rl->caps_known && rl->mem_kb != full)
		return;
	if (xen_chan_mem_available(&xen_xs_real, be->xs_loop, rl->domid,
	    &avail) != 0 || avail >= full)
		return;
	rl->guest_kb = full - avail;
}

/* The memory target: 'kb' for a cap of 'mem_bytes'. */
static int
apply_mem(struct xen_be *be, struct xen_rl *rl, uint64_t mem_bytes,
    uint64_t kb)
{
	int rc;

	if (mem_bytes != 0)
		log_info("xen: %s: memory cap %llu KiB: target %llu KiB (the "
		    "guest takes %llu KiB%s, %u MiB booted)", rl->name,
		    (unsigned long long)(mem_bytes / 1024),
		    (unsigned long long)kb, (unsigned long long)rl->guest_kb,
		    rl->guest_kb == 0 ? ": not yet known" : "",
		    be->conf.memory_mb);
	rc = libxl_set_memory_target(be->ctx, rl->domid, (int64_t)kb, 0, 1);
	if (rc != 0) {
		log_warnx("xen: %s: memory target %llu KiB: libxl error %d",
		    rl->name, (unsigned long long)kb, rc);
		return xen_errno(rc);
	}
	return 0;
}

/*
 * Each of the three is set only when it changes (each is a hypercall or
 * a xenstore write, tens of milliseconds in an emulated dom0); after a
 * failure all three are set again next time.
 */
int
xen_caps_apply(struct xen_be *be, struct xen_rl *rl,
    const struct pool_caps *caps)
{
	unsigned cap = xen_caps_cap_pct(caps->cpu_quota_us,
	    caps->cpu_period_us);
	bool known = rl->caps_known;
	uint64_t kb, mask;
	int rc;

	rc = xen_caps_cpuset(caps->cpuset, &mask);
	if (rc != 0) {
		log_warnx("xen: %s: bad cpuset '%s'", rl->name, caps->cpuset);
		return rc;
	}
	learn_guest(be, rl);
	kb = xen_caps_mem_kb(caps->mem_bytes, be->conf.memory_mb,
	    rl->guest_kb);
	rl->caps_known = false;
	if (!known || cap != rl->cap_pct) {
		rc = apply_sched(be, rl, caps);
		if (rc != 0)
			return rc;
	}
	if (!known || kb != rl->mem_kb) {
		rc = apply_mem(be, rl, caps->mem_bytes, kb);
		if (rc != 0)
			return rc;
	}
	if (!known || mask != rl->cpu_mask) {
		rc = apply_cpuset(be, rl, mask);
		if (rc != 0)
			return rc;
	}
	rl->caps_known = true;
	rl->cap_pct = cap;
	rl->mem_kb = kb;
	rl->cpu_mask = mask;
	return 0;
}

/* Make cpupool be->cpupool from the CPUs of be->cpupool_cpus. */
static int
make_cpupool(struct xen_be *be)
{
	libxl_bitmap map;
	libxl_uuid uuid;
	uint64_t mask;
	unsigned cpu;
	int rc;

	libxl_bitmap_init(&map);
	rc = xen_caps_cpuset(be->cpupool_cpus, &mask);
	if (rc != 0 || mask == 0) {
		log_warnx("xen: cpupool %s does not exist and cpupool-cpus "
		    "'%s' names no CPUs to make it from", be->cpupool,
		    be->cpupool_cpus);
		rc = -EINVAL;
		goto out;
	}
	rc = libxl_cpu_bitmap_alloc(be->ctx, &map, 0);
	if (rc != 0) {
		rc = xen_errno(rc);
		goto out;
	}
	for (cpu = 0; cpu < 64; cpu++) {
		if (!(mask & (1ull << cpu)))
			continue;
		/* dom0 stays in Pool-0, on the CPUs left there */
		rc = libxl_cpupool_cpuremove(be->ctx, 0, (int)cpu);
		if (rc != 0) {
			log_warnx("xen: cannot take CPU %u from Pool-0: libxl "
			    "error %d", cpu, rc);
			rc = xen_errno(rc);
			goto out;
		}
		libxl_bitmap_set(&map, (int)cpu);
	}
	libxl_uuid_generate(&uuid);
	be->poolid = LIBXL_CPUPOOL_POOLID_ANY;
	rc = libxl_cpupool_create(be->ctx, be->cpupool, be->sched, map, &uuid,
	    &be->poolid);
	if (rc != 0) {
		log_warnx("xen: cannot make cpupool %s: libxl error %d",
		    be->cpupool, rc);
		/* the CPUs go back to Pool-0 */
		libxl_cpupool_cpuadd_cpumap(be->ctx, 0, &map);
		rc = xen_errno(rc);
		goto out;
	}
	log_info("xen: made cpupool %s (id %u) on CPUs %s", be->cpupool,
	    be->poolid, be->cpupool_cpus);
 out:
	libxl_bitmap_dispose(&map);
	return rc;
}

int
xen_caps_cpupool(struct xen_be *be)
{
	libxl_cpupoolinfo info;
	int rc;

	rc = libxl_get_scheduler(be->ctx);
	if (rc < 0) {
		log_warnx("xen: cannot read the scheduler: libxl error %d", rc);
		return xen_errno(rc);
	}
	be->sched = (libxl_scheduler)rc;
	be->poolid = 0;
	if (be->cpupool[0] != '\0') {
		if (libxl_name_to_cpupoolid(be->ctx, be->cpupool,
		    &be->poolid) != 0) {
			rc = make_cpupool(be);
			if (rc != 0)
				return rc;
		}
		libxl_cpupoolinfo_init(&info);
		rc = libxl_cpupool_info(be->ctx, &info, be->poolid);
		if (rc == 0)
			be->sched = info.sched;
		libxl_cpupoolinfo_dispose(&info);
		if (rc != 0)
			return xen_errno(rc);
	}
	if (be->sched == LIBXL_SCHEDULER_CREDIT ||
	    be->sched == LIBXL_SCHEDULER_CREDIT2)
		log_info("xen: routelets in cpupool %u, scheduler %s: CPU "
		    "caps are the scheduler's cap and weight", be->poolid,
		    libxl_scheduler_to_string(be->sched));
	else
		log_warnx("xen: routelets in cpupool %u, scheduler %s: it "
		    "has no cap, CPU caps cannot be applied", be->poolid,
		    libxl_scheduler_to_string(be->sched));
	return 0;
}
