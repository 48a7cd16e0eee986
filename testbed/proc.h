/*
 * Running the builder's helpers: iproute2's ip and tc with an argv (no
 * shell), functions inside a named network namespace (setns, as
 * "nsenter --net=/run/netns/NAME": unlike "ip netns exec" it leaves /sys
 * and the bpffs mount alone), and the processes living in a namespace.
 */
#ifndef QUASAR_TESTBED_PROC_H
#define QUASAR_TESTBED_PROC_H

#include <stdbool.h>

#define TB_NETNS_DIR	"/run/netns"

/*
 * Run argv[0] (looked up in PATH) with 'argv', NULL-terminated, and wait.
 * With 'quiet' its stdout and stderr go to /dev/null.  Returns its exit
 * status (0: success), or -1 if it could not run or died of a signal.
 */
int tb_cmd(char *const argv[], bool quiet);

/* Does /run/netns/NAME exist? */
bool tb_netns_exists(const char *name);

/* Enter the network namespace /run/netns/NAME in this process.  0 or -1. */
int tb_netns_enter(const char *name);

/*
 * Run fn(arg) in a child that entered namespace 'name'; its return value
 * (0-255) is the child's exit status.  Returns that status, or -1 if the
 * child could not enter the namespace or died.
 */
int tb_in_netns(const char *name, int (*fn)(void *arg), void *arg);

/*
 * Does this kernel have sch_netem?  Tried in a private, throw-away network
 * namespace on its loopback.
 */
bool tb_netem_available(void);

/*
 * Send SIGTERM to every process whose network namespace is /run/netns/NAME,
 * then SIGKILL after 'grace_ms' to those left.  Returns how many there
 * were.
 */
int tb_netns_kill(const char *name, int grace_ms);

#endif
