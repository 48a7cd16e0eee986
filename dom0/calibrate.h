/*
 * The per-packet cost of a routelet, measured on this machine
 * (docs/calibrate.md): quasar-routelet forwards labelled frames through
 * its AF_PACKET ring in a private pair of network namespaces, its frames
 * going back through a redirect and an HTB class as in dom0, and the CPU
 * time charged to its process (user and system, the clock CFS bandwidth
 * control charges to a cgroup's quota) is divided by the frames it sent.
 * The figure is rs_params.pkt_cost_ns of the resource model
 * (flowspec/resource.h, docs/admission.md); quasard --calibrate stores it
 * in a small text file that quasard reads at start.
 */
#ifndef QUASAR_DOM0_CALIBRATE_H
#define QUASAR_DOM0_CALIBRATE_H

#include <stddef.h>
#include <stdint.h>

#define CALIB_FRAME_MIN		60	/* bytes, Ethernet header included */
#define CALIB_FRAME_MAX		1514
#define CALIB_SECONDS_MAX	3600
#define CALIB_RATE_MAX		10000000	/* frames/s */
#define CALIB_FILE_MAX		1024	/* bytes in a calibration file */
#define CALIB_COST_MAX_NS	1e9	/* a second per frame: not a router */

struct calib_result {
	double		pkt_cost_ns;	/* routelet CPU per forwarded frame */
	unsigned	frame_len;	/* bytes per frame measured */
	uint64_t	frames;		/* frames forwarded during the run */
	double		seconds;	/* wall time of the run */
	double		cpu_seconds;	/* the routelet's CPU time in it */
};

struct calib_params {
	const char	*routelet;	/* path of quasar-routelet (or a name
					   looked up in PATH) */
	const char	*ip;		/* "ip" (iproute2), found in PATH */
	unsigned	seconds;	/* measured window, 1..CALIB_SECONDS_MAX */
	unsigned	frame_len;	/* CALIB_FRAME_MIN..CALIB_FRAME_MAX */
	unsigned	rate;		/* frames/s offered, 1..CALIB_RATE_MAX */
};

/* One reading of the counters a result is made of. */
struct calib_sample {
	uint64_t	wall_ns;	/* CLOCK_MONOTONIC */
	uint64_t	cpu_ns;		/* the routelet process's CPU clock */
	uint64_t	frames;		/* its tx-packets counter */
};

/*
 * Fill 'p' with the defaults: "quasar-routelet" and "ip" from PATH, 3 s
 * of 64-byte frames offered at 50,000 frames/s (docs/calibrate.md).
 */
void	calib_params_default(struct calib_params *p);

/*
 * Run the measurement described by 'p' (root: it makes network
 * namespaces; it runs p->ip, tc and nsenter from PATH).  Two anonymous
 * network namespaces joined by a veth pair, quasar-routelet in one,
 * configured over its socket channel to swap one label, a sender child
 * in the other offering frames at p->rate and sending what comes back
 * through tc u32 + mirred and HTB to a veth that drops it; after
 * the routelet's first forwarded frame, the window of p->seconds is
 * measured.  Every process it starts is killed and reaped before it
 * returns, and the namespaces and the veth die with them (also if the
 * calling thread dies: the children have a parent-death signal).
 * Returns 0 with '*r', or -errno with a message in 'err' ('errlen'
 * bytes, NUL-ended).  Blocks for about p->seconds + 1 s.
 */
int	calibrate_run(const struct calib_params *p, struct calib_result *r,
	    char *err, size_t errlen);

/*
 * The result of a window from sample 'a' to sample 'b' of frames of
 * 'frame_len' bytes, into '*r_r'.  Returns 0; -EINVAL if a clock or the
 * counter went back (the routelet restarted) or 'frame_len' is out of
 * range; -ENODATA if no frame was forwarded or no CPU time was charged.
 */
int	calib_result_compute(const struct calib_sample *a,
	    const struct calib_sample *b, unsigned frame_len,
	    struct calib_result *r_r);

/*
 * Whether 'r' is a result a file may hold: every figure finite and in
 * range, and pkt_cost_ns equal to cpu_seconds / frames (to 1e-3).
 * Returns 0 or -EINVAL.
 */
int	calib_result_check(const struct calib_result *r);

/*
 * Store 'r' at 'path' as text ("key value" lines): written to a
 * temporary file next to it, synced, then renamed over 'path', so a
 * reader sees the old file or the new one, never a part.  A missing
 * parent directory (the last component only, e.g. /var/lib/quasar) is
 * made.  Returns 0, -EINVAL if 'r' does not pass calib_result_check, or
 * -errno; on failure 'path' is untouched and no temporary file is left.
 */
int	calibrate_save(const char *path, const struct calib_result *r);

/*
 * Read the result stored at 'path' into '*r_r'.  The file is refused
 * (-EINVAL, the reason logged with its line) unless it is a regular
 * file of at most CALIB_FILE_MAX bytes holding each key exactly once,
 * nothing else but comments and blank lines, and a result that passes
 * calib_result_check; -EFBIG if longer, -errno if it cannot be read.
 * '*r_r' is written only on success.
 */
int	calibrate_load(const char *path, struct calib_result *r_r);

/*
 * Parse calibration text 'text' ('len' bytes) as calibrate_load does.
 * Returns 0 with '*r_r', or -EINVAL with the reason in 'err' ('errlen'
 * bytes).
 */
int	calib_text_parse(const char *text, size_t len,
	    struct calib_result *r_r, char *err, size_t errlen);

/*
 * Write 'r' as calibration text into 'buf' ('cap' bytes, NUL-ended).
 * Returns its length, or -1 if it does not fit.
 */
int	calib_text_format(const struct calib_result *r, char *buf, size_t cap);

#endif
