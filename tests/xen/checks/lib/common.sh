# shellcheck shell=bash
# Helpers of the checks that run in dom0 under tests/xen/ (sourced by
# /quasar/checks/NN-*.sh; this directory is not a check itself).
#
# pass/fail/skip/check print the lines the harness collects; report
# prints a measurement (REPORT: name=value); wait_for SECONDS CMD...
# retries every 0.2 s; now_ms; domid NAME; guest_log NAME.
set -u
export PATH=/quasar/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The routelet domain the checks 20-40 create, use and destroy.
RL_NAME=quasar-rl-test
RL_CFG=/quasar/images/routelet.cfg
fails=0

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
skip() { echo "SKIP: $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
report() { echo "REPORT: $1=$2"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

wait_for() {
	local secs=$1 i; shift
	for ((i = 0; i < secs * 5; i++)); do
		"$@" && return 0
		sleep 0.2
	done
	return 1
}

# domid NAME: the domain's id, or nothing (status 1) if it does not exist.
domid() { xl domid "$1" 2>/dev/null; }

# guest_log NAME: the guest's console as xenconsoled keeps it.
guest_log() { echo "/var/log/xen/console/guest-$1.log"; }

# in_log NAME TEXT: TEXT is in the guest's console.
in_log() { grep -qF -- "$2" "$(guest_log "$1")" 2>/dev/null; }

# show_on_failure NAME: the tail of the guest's console, for the log.
show_on_failure() {
	[ "$fails" -eq 0 ] && return 0
	echo "--- console of $1 (last 40 lines):"
	tail -n 40 "$(guest_log "$1")" 2>/dev/null | sed 's/^/  | /'
}
