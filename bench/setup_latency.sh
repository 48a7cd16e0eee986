#!/bin/bash
# QoS flow setup latency (docs/flowops.md): from the Resv (flows_set) to
# the first frame its routelet forwards, p50 and p99 over
# BENCH_SETUP_FLOWS flows (default 200) from a warm pool of
# BENCH_SETUP_WARM netns routelets (default 8), against the same
# measurement of a best-effort swap in dom0.  Target: p99 <= 5 ms.
# Three namespaces of its own (A -> R -> B), torn down at the end; needs
# root and $BUILD/bin/bench-setup, quasar-routelet (make bench).
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.." || exit 2
bin=$BUILD/bin/bench-setup
rl=$BUILD/bin/quasar-routelet
if [ "$(id -u)" -ne 0 ]; then
	echo "bench/setup_latency.sh: needs root (namespaces, BPF, cgroups);" \
	    "not run"
	exit 0
fi
for f in "$bin" "$rl"; do
	if [ ! -x "$f" ]; then
		echo "bench/setup_latency.sh: $f not built (make bench)" >&2
		exit 1
	fi
done
P=sla$$
cleanup() {
	local n
	for n in A R B; do
		ip netns del "$P-$n" 2>/dev/null
	done
}
trap cleanup EXIT
for n in A R B; do
	ip netns add "$P-$n" || exit 1
	ip -n "$P-$n" link set lo up
done
ip -n "$P-A" link add a-r type veth peer name r-a netns "$P-R" &&
ip -n "$P-R" link add r-b type veth peer name b-r netns "$P-B" &&
ip -n "$P-A" link set a-r up && ip -n "$P-R" link set r-a up &&
ip -n "$P-R" link set r-b up && ip -n "$P-B" link set b-r up || exit 1
log=$(mktemp /tmp/$P.XXXXXX)
# The routelets log to the driver's stderr: kept aside, shown on failure.
if ! nsenter --net="/run/netns/$P-R" "$bin" -A "/run/netns/$P-A" \
    -B "/run/netns/$P-B" -i r-a -o r-b -a a-r -b b-r \
    -r "$(realpath "$rl")" -n "${BENCH_SETUP_FLOWS:-200}" \
    -w "${BENCH_SETUP_WARM:-8}" 2>"$log"; then
	grep -v '^quasar-routelet:' "$log" >&2
	rm -f "$log"
	exit 1
fi
rm -f "$log"
