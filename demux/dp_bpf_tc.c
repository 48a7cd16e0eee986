/*
 * dp_bpf's filters on clsact hooks, through libbpf's tc API: one
 * direct-action cls_bpf filter at (DPB_TC_HANDLE, DPB_TC_PRIO) per hook.
 * The clsact qdisc itself stays: other filters may sit on it.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "lib/log.h"
#include "demux/dp_bpf.h"

static const char *
ifname(uint32_t ifindex, char buf[IF_NAMESIZE])
{
	if (if_indextoname(ifindex, buf) == NULL)
		snprintf(buf, IF_NAMESIZE, "ifindex %u", ifindex);
	return buf;
}

int
dpb_tc_attach(uint32_t ifindex, bool ingress, int prog_fd, const char *what)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = (int)ifindex,
	    .attach_point = ingress ? BPF_TC_INGRESS : BPF_TC_EGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts, .handle = DPB_TC_HANDLE,
	    .priority = DPB_TC_PRIO, .prog_fd = prog_fd,
	    .flags = BPF_TC_F_REPLACE);
	char name[IF_NAMESIZE], msg[128];
	int rc;

	rc = bpf_tc_hook_create(&hook);
	if (rc < 0 && rc != -EEXIST) {
		libbpf_strerror(rc, msg, sizeof(msg));
		log_warnx("dp_bpf: %s: clsact on %s: %s", what,
		    ifname(ifindex, name), msg);
		return rc;
	}
	rc = bpf_tc_attach(&hook, &opts);
	if (rc < 0) {
		libbpf_strerror(rc, msg, sizeof(msg));
		log_warnx("dp_bpf: %s: attach to %s %s: %s", what,
		    ifname(ifindex, name), ingress ? "ingress" : "egress", msg);
		return rc;
	}
	log_debug("dp_bpf: %s attached to %s %s", what,
	    ifname(ifindex, name), ingress ? "ingress" : "egress");
	return 0;
}

static bool
filter_present(struct bpf_tc_hook *hook)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, q, .handle = DPB_TC_HANDLE,
	    .priority = DPB_TC_PRIO);

	return bpf_tc_query(hook, &q) == 0;
}

int
dpb_tc_detach(uint32_t ifindex, bool ingress, const char *what)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = (int)ifindex,
	    .attach_point = ingress ? BPF_TC_INGRESS : BPF_TC_EGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts, .handle = DPB_TC_HANDLE,
	    .priority = DPB_TC_PRIO);
	char name[IF_NAMESIZE], msg[128];
	int rc;

	rc = bpf_tc_detach(&hook, &opts);
	/*
	 * A filter that is gone already (with its clsact or its interface)
	 * is detached; the kernel's answer then varies (ENOENT, EINVAL,
	 * ENODEV), so ask whether it is still there.
	 */
	if (rc < 0 && !filter_present(&hook))
		return 0;
	if (rc < 0) {
		libbpf_strerror(rc, msg, sizeof(msg));
		log_warnx("dp_bpf: %s: detach from %s %s: %s", what,
		    ifname(ifindex, name), ingress ? "ingress" : "egress", msg);
	}
	return rc;
}
