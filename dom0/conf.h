/*
 * quasard's configuration, /etc/quasar/quasard.conf (docs/man/quasard.conf.5).
 *
 * One statement per line; '#' starts a comment; words are separated by
 * blanks.  conf_parse() reads the text strictly (unknown statements,
 * duplicates, bad values are errors naming the line); conf_print() writes a
 * parsed config back in the same syntax, every setting spelled out, so
 * that parse(print(c)) == c.
 */
#ifndef QUASAR_DOM0_CONF_H
#define QUASAR_DOM0_CONF_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "demux/dp.h"
#include "dom0/labels.h"
#include "lib/log.h"

#define CONF_PATH_DEFAULT	"/etc/quasar/quasard.conf"
#define CONF_CTL_DEFAULT	"/run/quasar/quasard.sock"
#define CONF_STATE_DEFAULT	"/var/lib/quasar"
#define CONF_DP_INSTANCE_DEFAULT "quasard"

#define CONF_IF_MAX		64	/* line cards */
#define CONF_PATH_MAX		108	/* sizeof(sun_path), NUL included */
#define CONF_LINE_MAX		512	/* bytes in a line, without '\n' */
#define CONF_ERR_MAX		256	/* bytes in an error message */

/* Defaults: RFC 2205 3.7 (R = 30 s, K = 3). */
#define CONF_REFRESH_MS_DEFAULT		30000u
#define CONF_KEEP_MULT_DEFAULT		3u
/*
 * RFC 3209 5.3 suggests a 5 ms Hello interval; quasard is one thread that
 * also refreshes up to 100,000 sessions, so a 5 ms deadline would turn
 * every busy moment into a false neighbour loss.  We default to 1 s and a
 * dead interval of 3.5 intervals (the ratio the RFC uses).
 */
#define CONF_HELLO_MS_DEFAULT		1000u
#define CONF_HELLO_DEAD_MS_DEFAULT	3500u
#define CONF_LABEL_HOLDDOWN_MS_DEFAULT	5000u

/* QoS flows (docs/flows.md): the routelet backend and the capacity. */
#define CONF_POOL_MIN_IDLE_DEFAULT	2u
#define CONF_POOL_MAX_IDLE_DEFAULT	4u
#define CONF_POOL_MAX_TOTAL_DEFAULT	16u
#define CONF_POOL_MAX			4096u
#define CONF_RESERVABLE_DEFAULT		900u	/* per mille: 0.9 */
#define CONF_DOM0_RESERVE_DEFAULT	500u	/* milli-cores: 0.5 */
#define CONF_MEMORY_BUDGET_DEFAULT	(512ull << 20)
#define CONF_CORES_MAX			4096000u	/* milli-cores */
#define CONF_PKT_COST_NS_MAX		1000000000u

/*
 * The Xen and libvirt backends (docs/flows.md).  The routelet images are
 * not installed by `make install` (images/ builds them), so their paths
 * have no default: backend xen, and virt on a xen: URI, need them named.
 */
#define CONF_NAME_MAX			64	/* a cpupool's name, NUL included */
#define CONF_URI_MAX			256	/* a libvirt URI, NUL included */
#define CONF_GUEST_MEMORY_DEFAULT	(128ull << 20)
#define CONF_XEN_MEMORY_MIN		(96ull << 20)	/* Debian's kernel */
#define CONF_GUEST_MEMORY_MIN		(16ull << 20)
#define CONF_GUEST_MEMORY_MAX		(64ull << 30)
#define CONF_VIRT_URI_DEFAULT		"lxc:///system"

/* Where QoS flows run: their routelets' kind (docs/flows.md). */
enum conf_backend {
	CONF_BACKEND_NONE = 0,	/* no QoS flows: every LSP best effort */
	CONF_BACKEND_NETNS,	/* a namespace + cgroup per routelet */
	CONF_BACKEND_XEN,	/* a Xen PV domain per routelet (libxl) */
	CONF_BACKEND_VIRT,	/* a libvirt domain per routelet (LXC, Xen) */
};

/* What quasard leaves of its QoS flows when it exits (docs/flowops.md). */
enum conf_on_exit {
	CONF_ON_EXIT_TEARDOWN = 0,	/* every flow and routelet goes */
	CONF_ON_EXIT_KEEP,		/* they go on; the next start adopts */
};

/* A line card: an interface RSVP runs on and labelled traffic enters. */
struct conf_if {
	char name[IF_NAMESIZE];
	uint64_t rate_bps;	/* bits/s; 0: not configured (link speed) */
	bool has_reservable;	/* else the global 'reservable' */
	unsigned reservable_pm;	/* per mille of the rate flows may take */
};

struct conf {
	struct in_addr router_id;	/* 0.0.0.0: not set (an error) */
	struct conf_if ifs[CONF_IF_MAX];
	size_t n_ifs;

	struct labels_params labels;

	uint32_t refresh_ms;		/* R, RFC 2205 3.7 */
	unsigned keep_multiplier;	/* K, RFC 2205 3.7 */
	uint32_t hello_ms;		/* 0: Hello off (RFC 3209 5) */
	uint32_t hello_dead_ms;

	enum dp_backend dataplane;
	char dp_instance[DP_INSTANCE_MAX];

	char ctl_path[CONF_PATH_MAX];
	char state_dir[CONF_PATH_MAX];
	enum log_level log_level;

	enum conf_backend backend;
	unsigned pool_min_idle;
	unsigned pool_max_idle;
	unsigned pool_max_total;
	unsigned reservable_pm;		/* per mille, 0..1000 */
	unsigned cpu_budget_mc;		/* milli-cores; 0: online - reserve */
	unsigned dom0_reserve_mc;	/* milli-cores */
	uint64_t memory_budget;		/* bytes */
	uint32_t pkt_cost_ns;		/* 0: the calibration file */
	char routelet[CONF_PATH_MAX];	/* "": next to quasard */
	enum conf_on_exit on_exit;

	/* backend xen */
	char xen_kernel[CONF_PATH_MAX];	/* "": not set (an error) */
	char xen_ramdisk[CONF_PATH_MAX];	/* "": not set (an error) */
	uint64_t xen_memory;		/* bytes, >= CONF_XEN_MEMORY_MIN */
	char xen_cpupool[CONF_NAME_MAX];	/* "": Pool-0 */
	char xen_cpupool_cpus[CONF_NAME_MAX];	/* "": none moved */

	/* backend virt */
	char virt_uri[CONF_URI_MAX];
	char virt_kernel[CONF_PATH_MAX];	/* xen: URIs only */
	char virt_initrd[CONF_PATH_MAX];	/* xen: URIs only */
	uint64_t virt_memory;		/* bytes */
};

/* Whether libvirt URI 'uri' names the Xen driver ("xen:///system"). */
bool conf_uri_is_xen(const char *uri);
/* "none", "netns", "xen", "virt". */
const char *conf_backend_name(enum conf_backend b);
/* The reservable fraction (0..1) of line card 'ci' under 'c'. */
double conf_if_reservable(const struct conf *c, const struct conf_if *ci);

/* Fill 'c' with the defaults (no router id, no interfaces). */
void conf_defaults(struct conf *c);

/*
 * Parse 'len' bytes of config text at 'text' into 'c_r'.  Returns 0, or
 * -1 with "line N: what" in 'err' ('errlen' bytes); 'c_r' is untouched
 * on failure.
 */
int conf_parse(const char *text, size_t len, struct conf *c_r, char *err,
    size_t errlen);
/* Read and parse the file at 'path'; errors are prefixed "path:". */
int conf_load(const char *path, struct conf *c_r, char *err, size_t errlen);
/* Write 'c' to 'f' in the config syntax.  0, or -1 on a write error. */
int conf_print(const struct conf *c, FILE *f);

/* The line card named 'name', or NULL. */
const struct conf_if *conf_if_find(const struct conf *c, const char *name);

#endif
