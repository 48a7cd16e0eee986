#!/bin/bash
# The pool's libvirt backend with the LXC driver, end to end, through
# tests/tools/pool-virt-drive: the scenario of pool_netns.sh.  Two
# routelets (transient LXC domains running quasar-routelet, veth dom0 ends
# named by us), caps read back from the containers' cgroups and from
# libvirt, a swap configured and labelled frames sent into rl<N> coming
# back swapped, reset on the same veth, adoption by a new process, death
# (container init killed, routelet process killed) reported within a
# second, destroy, failed creates and the cleanup of a crashed controller;
# after each, no domain, veth or socket may be left.
#
# libvirtd is our own (tests/integration/lib/libvirtd.sh): private
# configuration, state and socket.  The test skips, with the reason, only
# when libvirtd cannot run.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
# (topo.sh's helpers come with its topology, its trap and quasard: not
# sourced; the same few lines as pool_netns.sh)
. tests/integration/lib/check.sh
wait_for() {	# wait_for SECONDS CMD...: retry every 0.1 s
	local i n=$(($1 * 10)); shift
	for ((i = 0; i < n; i++)); do "$@" && return 0; sleep 0.1; done
	return 1
}
RL=$PWD/$BUILD/bin/quasar-routelet
DRIVE=$BUILD/tests/tools/pool-virt-drive
FRAMES=tests/tools/mpls_frames.py
WHAT="pool virt backend (LXC)"

. tests/integration/lib/libvirtd.sh
if why=$(libvirtd_missing); then
	skip "$WHAT ($why)"
	exit 0
fi
for b in "$RL" "$DRIVE"; do
	[ -x "$b" ] || { echo "FAIL: $b not built (libvirt-dev installed?)"; exit 1; }
done

V=pvl$$
NP=$V-rl-		# domains $NP<n>
IFP=${V}r		# dom0 ends $IFP<n>
TMP=$(mktemp -d /tmp/$V.XXXXXX)
RUN=$TMP/run		# the routelets' sockets, passed into the containers
MAC_RL=02:70:76:6c:00:01	# the routelet's source MAC
MAC_NH=02:70:76:6c:00:02	# its next hop's
DPID=
URI=		# once libvirtd runs
mkdir -p "$RUN"

vsh() { virsh -q -c "$URI" "$@"; }
mkfifo "$TMP/in" "$TMP/out"
start_drive() {
	"$DRIVE" "$URI" "$NP" "$IFP" "$RUN" "$RL" <"$TMP/in" >"$TMP/out" \
	    2>>"$TMP/drive.log" &
	DPID=$!
	exec 3>"$TMP/in" 4<"$TMP/out"
	local l
	read -t 15 -r l <&4
	[ "$l" = ready ]
}
cmd() {		# cmd LINE: print the answer line(s) up to "ok"/"error"
	local l
	echo "$*" >&3
	while read -t 20 -r l <&4; do
		echo "$l"
		case $l in ok*|error*) return 0 ;; esac
	done
	echo "error timeout"
}
stop_drive() {
	exec 3>&- 4<&-
	if [ -n "$DPID" ]; then
		kill "$DPID" 2>/dev/null
		wait "$DPID" 2>/dev/null
	fi
	DPID=
}
our_domains() { vsh list --all --name 2>/dev/null | grep "^$NP" ; }

cleanup() {
	stop_drive
	local d
	if [ -n "$URI" ]; then
		for d in $(our_domains); do vsh destroy "$d" >/dev/null 2>&1; done
	fi
	libvirtd_stop
	ip -o link show | awk -F': ' -v p="$IFP" 'index($2, p) == 1 { sub(/@.*/, "", $2); print $2 }' |
	    xargs -r -n1 ip link del 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! libvirtd_start "$TMP"; then
	skip "$WHAT ($LIBVIRTD_WHY)"
	exit 0
fi
URI=$LIBVIRTD_URI

frames() { python3 "$FRAMES" "$1" "$2" "$3" 02:70:76:6c:00:09 "$MAC_RL"; }
write_config() {	# write_config FILE GENERATION
	cat >"$1" <<EOF2
generation $2
in-label 1000
out-label 2000
nexthop-mac $MAC_NH
source-mac $MAC_RL
rate 100000000
bucket 1000000
peak inf
min-unit 64
max-size 1500
EOF2
}
write_config "$TMP/swap.conf" 1
printf 'generation 2\nin-label 1000\n' >"$TMP/bad.conf"

rl_pid() {	# the routelet process of domain $1
	pgrep -f -x "$RL -d -i eth0 -s $RUN/$1.sock" | head -1
}
cg_dir() {	# cg_dir PID CONTROLLER: the cgroup directory of PID
	local p
	p=$(awk -F: -v c="$2" '$2 == c { print $3 }' "/proc/$1/cgroup")
	if [ -n "$p" ]; then
		echo "$(awk -v c="$2" '$3 == "cgroup" && $4 ~ "(^|,)" c "(,|$)" { print $2; exit }' /proc/mounts)$p"
	else
		echo "$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)$(awk -F: '$1 == 0 { print $3 }' "/proc/$1/cgroup")"
	fi
}
nothing_left() {	# nothing_left WHAT: no domain, veth or socket of ours
	local d l s
	d=$(our_domains | wc -l)
	l=$(ip -o link show | grep -c " $IFP[0-9]*[:@]")
	s=$(ls "$RUN" | grep -c '\.sock$')
	check "$1: nothing left (domains $d, links $l, sockets $s)" \
	    test "$d$l$s" = 000
}

# --- create two routelets ------------------------------------------------
start_drive || { echo "FAIL: driver did not start: $(tail -3 "$TMP/drive.log")"; exit 1; }
t0=$(date +%s%3N)
r=$(cmd create 1)
check "create routelet 1 ($(($(date +%s%3N) - t0)) ms: domain started, routelet answering)" \
    test "$r" = ok
check "create routelet 2" test "$(cmd create 2)" = ok
check "a second create of the same id fails, leaves the first" \
    test "$(cmd create 1)" = "error 22 Invalid argument"
for n in 1 2; do
	check "domain $NP$n is running, transient" bash -c \
	    "virsh -q -c '$URI' dominfo $NP$n | grep -q 'State: *running' &&
	     virsh -q -c '$URI' dominfo $NP$n | grep -q 'Persistent: *no'"
	check "dom0 end $IFP$n is up, no address" bash -c \
	    "ip -o link show $IFP$n | grep -q ',UP' &&
	     test -z \"\$(ip -o addr show dev $IFP$n)\""
	pid=$(rl_pid "$NP$n")
	check "quasar-routelet of $NP$n listens on its socket (pid ${pid:-none})" \
	    test "$(cat /proc/"${pid:-0}"/comm 2>/dev/null)" = quasar-routelet
	check "its eth0 is the other end of $IFP$n" test \
	    "$(nsenter -t "${pid:-0}" -n ip -o link show eth0 2>/dev/null |
	       sed -n 's/.*eth0@if\([0-9]*\).*/\1/p')" = \
	    "$(cat /sys/class/net/$IFP$n/ifindex)"
done
r=$(cmd vif 1)
ifindex1=$(cat /sys/class/net/${IFP}1/ifindex)
check "vif 1 names ${IFP}1 with its ifindex ($r)" test "$r" = "ok ${IFP}1 $ifindex1"

# --- caps ----------------------------------------------------------------
pid1=$(rl_pid "${NP}1")
CPU1=$(cg_dir "$pid1" cpu)
MEM1=$(cg_dir "$pid1" memory)
check "caps on routelet 1" test "$(cmd caps 1 20000 100000 33554432 -)" = ok
if [ -e "$CPU1/cpu.cfs_quota_us" ]; then
	check "container cgroup cpu.cfs_quota_us 20000" \
	    test "$(cat "$CPU1/cpu.cfs_quota_us")" = 20000
	check "container cgroup cpu.cfs_period_us 100000" \
	    test "$(cat "$CPU1/cpu.cfs_period_us")" = 100000
	check "container cgroup memory.limit_in_bytes 32 MiB" \
	    test "$(cat "$MEM1/memory.limit_in_bytes")" = 33554432
else
	check "container cgroup cpu.max 20000 100000" \
	    test "$(cat "$CPU1/cpu.max")" = "20000 100000"
	check "container cgroup memory.max 32 MiB" \
	    test "$(cat "$MEM1/memory.max")" = 33554432
fi
check "libvirt's scheduler parameters: vcpu_quota 20000, vcpu_period 100000" \
    bash -c "virsh -q -c '$URI' schedinfo ${NP}1 | grep -q 'vcpu_quota *: 20000' &&
	     virsh -q -c '$URI' schedinfo ${NP}1 | grep -q 'vcpu_period *: 100000'"
check "libvirt's memory: 32768 KiB" \
    bash -c "virsh -q -c '$URI' dommemstat ${NP}1 | grep -q '^actual 32768'"
check "a cpuset is refused: the LXC driver cannot pin live" \
    test "$(cmd caps 1 20000 100000 33554432 0)" = "error 95 Operation not supported"
check "caps lifted on routelet 1" test "$(cmd caps 1 0 0 0 -)" = ok
check "quota -1 and the domain's whole memory after lifting" \
    bash -c "virsh -q -c '$URI' schedinfo ${NP}1 | grep -q 'vcpu_quota *: -1' &&
	     virsh -q -c '$URI' dommemstat ${NP}1 | grep -q '^actual 131072'"

# --- swap ----------------------------------------------------------------
check "unconfigured routelet 1 sends nothing back" \
    test "$(frames ${IFP}1 1000 3)" = 0
check "bad config refused" test "$(cmd config 1 "$TMP/bad.conf")" = \
    "error 22 Invalid argument"
check "swap config 1000 -> 2000 accepted" \
    test "$(cmd config 1 "$TMP/swap.conf")" = ok
r=$(frames ${IFP}1 1000 5)
check "5 frames labelled 1000 come back out of ${IFP}1 as 2000, TTL 63, to the next hop ($r)" \
    test "$r" = "5 2000 63 $MAC_NH"
check "routelet 2 (unconfigured) swaps nothing" \
    test "$(frames ${IFP}2 1000 3)" = 0
check "reset routelet 1" test "$(cmd reset 1)" = ok
check "after reset routelet 1 swaps nothing" \
    test "$(frames ${IFP}1 1000 3)" = 0
check "a fresh routelet process took the old one's place" \
    test -n "$(rl_pid "${NP}1")" -a "$(rl_pid "${NP}1")" != "$pid1"
check "the veth stayed (${IFP}1 ifindex $ifindex1)" \
    test "$(cat /sys/class/net/${IFP}1/ifindex)" = "$ifindex1"
write_config "$TMP/swap.conf" 3
check "configured again after reset" test "$(cmd config 1 "$TMP/swap.conf")" = ok
check "and swaps again" test "$(frames ${IFP}1 1000 2 | cut -d' ' -f1-2)" = "2 2000"
r=$(cmd info 1)
check "info: domain name and state, CPU time and rx counter ($r)" \
    bash -c "[[ '$r' =~ ^ok\ virt\ ${NP}1\ running\ \|\ cpu\ [1-9][0-9]*\ \|\ rx\ [1-9][0-9]*$ ]]"

# --- adoption by a new controller -----------------------------------------
cmd quit >/dev/null
stop_drive
start_drive || { echo "FAIL: second driver did not start"; exit 1; }
r=$(cmd list | sort | tr '\n' ' ')
check "a new controller finds both routelets ($r)" \
    test "$r" = "found 1 found 2 ok "
check "adopted routelet 1 still swaps" \
    test "$(frames ${IFP}1 1000 2 | cut -d' ' -f1-2)" = "2 2000"
write_config "$TMP/swap.conf" 4
check "adopted routelet 1 takes a config" \
    test "$(cmd config 1 "$TMP/swap.conf")" = ok

# --- death (and, while watched, the unasked counters are read) -------------
recvq() {	# bytes waiting on the driver's sockets to the routelets
	ss -xnp | awk -v p="pid=$DPID," 'index($0, p) { n += $3 } END { print n + 0 }'
}
sleep 1.2
q=$(recvq)
check "unwatched, the routelets' counters wait unread ($q bytes)" test "$q" -gt 0
check "watch routelet 1" test "$(cmd watch 1)" = ok
check "watch routelet 2" test "$(cmd watch 2)" = ok
sleep 1.2
q=$(recvq)
check "watched, their counters are read as they come ($q bytes waiting)" \
    test "$q" -eq 0
died_within() {	# died_within ID T0: the driver reports ID dead < 1 s after T0
	local l
	if read -t 3 -r l <&4; then :; else l="none"; fi
	set -- "$1" "$2" $l
	if [ "$3" = dead ] && [ "$4" = "$1" ]; then
		ms=$(($5 - $2))
		check "death of routelet $1 reported in ${ms} ms (< 1000)" test "$ms" -lt 1000
	else
		fail "death of routelet $1 reported (got '$l')"
	fi
}
init2=$(ps -o ppid= -p "$(rl_pid "${NP}2")" | tr -d ' ')
check "routelet 2's container init is its supervisor (pid $init2)" \
    test "$(cat /proc/"${init2:-0}"/comm 2>/dev/null)" = sh
t0=$(date +%s%3N)
kill -9 "$init2"
died_within 2 "$t0"
check "domain ${NP}2 is gone" wait_for 3 bash -c "! virsh -q -c '$URI' list --name | grep -qx ${NP}2"
check "libvirt's lifecycle event of ${NP}2 reached the backend" \
    wait_for 2 grep -q "${NP}2 stopped (event" "$TMP/drive.log"
t0=$(date +%s%3N)
kill -9 "$(rl_pid "${NP}1")"
died_within 1 "$t0"
check "destroy routelet 1" test "$(cmd destroy 1)" = ok
check "destroy dead routelet 2" test "$(cmd destroy 2)" = ok
nothing_left "after destroy"

# --- a failed create leaves nothing ---------------------------------------
ip link add "${IFP}7" type veth peer name "${IFP}7p"
check "create over an existing interface fails" \
    test "$(cmd create 7)" = "error 17 File exists"
ip link del "${IFP}7"
mv "$RUN" "$RUN.moved"	# libvirt cannot pass the socket directory in
r=$(cmd create 8)
mv "$RUN.moved" "$RUN"
check "create without the socket directory fails ($r)" test "${r%% *}" = error
nothing_left "after failed creates"

# --- leftovers of a crashed controller -------------------------------------
check "create routelet 3" test "$(cmd create 3)" = ok
{ kill -9 "$DPID"; wait "$DPID"; } 2>/dev/null
stop_drive
r=$(echo cleanup | "$DRIVE" "$URI" "$NP" "$IFP" "$RUN" "$RL" 2>>"$TMP/drive.log")
check "cleanup by prefix finds one routelet's remains (${r//$'\n'/ })" \
    test "$r" = "ready
ok 1"
nothing_left "after cleanup"

[ $fails -eq 0 ] || { sed 's/^/  drive: /' "$TMP/drive.log" | tail -30; exit 1; }
exit 0
