# The issue-3 integration topology, sourced by tests/integration/rsvp_*.sh
# (not run by itself):
#
#   hostA a-r1 ---- r1-a  R1  r1-r2 ---- r2-r1  R2  r2-b ---- b-r2 hostB
#        10.0.1.1/24  .2  10.0.12.1/24  .2   10.0.2.1/24        .2
#
# Namespaces are "$P-A", "$P-R1", "$P-R2", "$P-B" with P=krn<pid> unless
# TOPO_PREFIX is set, so parallel runs never share a name; interfaces are
# made inside them.  Static routes, ip_forward on the routers, rp_filter
# off.  quasard runs with "nsenter --net" (not "ip netns exec", which would
# hide the bpffs mount that the data plane pins maps in).
#
# Helpers: pass/fail/check/skip (lib/check.sh); topo_up; topo_down (the trap calls it);
# on NODE CMD... (run on A, R1, R2 or B); bg NODE LOGFILE CMD... (in the
# background, pid remembered and ended by topo_down); quasard_conf NODE
# [extra lines]; quasard_start NODE; quasard_stop NODE; ctl NODE CMD
# (quasarctl -j: the daemon's reply JSON); listening FILE (a receiver is up);
# wait_for SECONDS CMD... (bounded retry every 0.1 s).
set -u

BUILD=${BUILD:-build}
BIN=${BIN:-$BUILD/bin}
P=${TOPO_PREFIX:-krn$$}
TOPO_PIDS=

declare -A NS=([A]=$P-A [R1]=$P-R1 [R2]=$P-R2 [B]=$P-B)
declare -A ROUTER_ID=([R1]=10.0.12.1 [R2]=10.0.12.2)
declare -A LINECARDS=([R1]="r1-a r1-r2" [R2]="r2-r1 r2-b")
declare -A QPID=()

. "$(dirname "${BASH_SOURCE[0]}")/check.sh"

on() { local node=$1; shift; nsenter --net="/run/netns/${NS[$node]}" "$@"; }

spawn() {
	local node=$1 log=$2; shift 2
	nsenter --net="/run/netns/${NS[$node]}" "$@" >"$log" 2>&1 &
	TOPO_PIDS="$TOPO_PIDS $!"
	BG_PID=$!
}

wait_for() {
	local secs=$1 i; shift
	for ((i = 0; i < secs * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

topo_down() {
	local pid n
	for pid in $TOPO_PIDS; do
		kill "$pid" 2>/dev/null
	done
	for pid in $TOPO_PIDS; do
		wait "$pid" 2>/dev/null
	done
	for n in "${NS[@]}"; do
		ip netns del "$n" 2>/dev/null
	done
	for n in R1 R2; do
		rm -rf "/sys/fs/bpf/quasar/$P$n"
	done
	rm -rf "$TOPO_DIR"
}

topo_up() {
	local n
	for n in A R1 R2 B; do
		ip netns add "${NS[$n]}" || return 1
		on "$n" ip link set lo up || return 1
	done
	ip -n "${NS[A]}" link add a-r1 type veth peer name r1-a \
	    netns "${NS[R1]}" &&
	ip -n "${NS[R1]}" link add r1-r2 type veth peer name r2-r1 \
	    netns "${NS[R2]}" &&
	ip -n "${NS[R2]}" link add r2-b type veth peer name b-r2 \
	    netns "${NS[B]}" || return 1
	on A sh -c 'ip addr add 10.0.1.1/24 dev a-r1 && ip link set a-r1 up &&
	    ip route add default via 10.0.1.2' &&
	on R1 sh -c 'ip addr add 10.0.1.2/24 dev r1-a && ip link set r1-a up &&
	    ip addr add 10.0.12.1/24 dev r1-r2 && ip link set r1-r2 up &&
	    ip route add 10.0.2.0/24 via 10.0.12.2' &&
	on R2 sh -c 'ip addr add 10.0.12.2/24 dev r2-r1 &&
	    ip link set r2-r1 up && ip addr add 10.0.2.1/24 dev r2-b &&
	    ip link set r2-b up && ip route add 10.0.1.0/24 via 10.0.12.1' &&
	on B sh -c 'ip addr add 10.0.2.2/24 dev b-r2 && ip link set b-r2 up &&
	    ip route add default via 10.0.2.1' || return 1
	for n in R1 R2; do
		on "$n" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward &&
		    echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter &&
		    echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter' ||
		    return 1
	done
}

# Write $TOPO_DIR/NODE.conf; extra lines (e.g. "refresh-interval 1s")
# follow the defaults below.  Best effort only ("backend none") unless an
# extra line names a backend.
quasard_conf() {
	local node=$1 ifc; shift
	{
		case " $* " in
		*" backend "*) ;;
		*) echo "backend none" ;;
		esac
		echo "router-id ${ROUTER_ID[$node]}"
		for ifc in ${LINECARDS[$node]}; do
			echo "interface $ifc"
		done
		echo "dataplane bpf"
		echo "dataplane-instance $P$node"
		echo "control-socket $TOPO_DIR/$node.sock"
		echo "state-dir $TOPO_DIR/$node"
		echo "log-level debug"
		printf '%s\n' "$@"
	} >"$TOPO_DIR/$node.conf"
}

quasard_start() {
	local node=$1
	[ -f "$TOPO_DIR/$node.conf" ] || quasard_conf "$node"
	spawn "$node" "$TOPO_DIR/$node.log" "$BIN/quasard" -d \
	    -f "$TOPO_DIR/$node.conf"
	QPID[$node]=$BG_PID
	# The pid file is written once everything is set up.
	wait_for 10 test -s "$TOPO_DIR/$node/quasard.pid"
}

# Stop quasard on NODE with SIGTERM; its exit status is the return value.
quasard_stop() {
	local node=$1 pid=${QPID[$1]}
	kill -TERM "$pid" 2>/dev/null || return 1
	wait "$pid"
}

# listening FILE: quasar-rsvp recv, writing to FILE (text or -j), has its
# socket open.  Start a sender only then: a first Path that finds no
# receiver is only repeated at the next refresh.
listening() {
	wait_for 10 sh -c "grep -q '^listening' '$1' ||
	    jq -e -s 'any(.[]; .event == \"listening\")' '$1' >/dev/null 2>&1"
}

# ctl NODE OBJECT [COMMAND]: quasarctl -j against NODE's quasard.
ctl() {
	local node=$1; shift
	"$BIN/quasarctl" -s "$TOPO_DIR/$node.sock" -j $*
}

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: ${TOPO_WHAT:-topology} (needs root for namespaces)"
	exit 0
fi
if ! command -v jq >/dev/null; then
	echo "SKIP: ${TOPO_WHAT:-topology} (needs jq)"
	exit 0
fi
for b in quasard quasarctl; do
	if [ ! -x "$BIN/$b" ]; then
		echo "FAIL: $BIN/$b not built"
		exit 1
	fi
done
TOPO_DIR=$(mktemp -d "/tmp/$P.XXXXXX") || exit 1
trap topo_down EXIT
