#!/bin/bash
# The pool's netns backend end to end, through tests/tools/pool-netns-drive:
# two routelets (namespace, veth, cgroup, running quasar-routelet), caps
# checked in cgroupfs, a swap configured and a labelled frame sent into
# rl<N> coming back swapped, reset, death of a routelet reported within a
# second, adoption by a new process, destroy, and the cleanup of a crashed
# controller's leftovers; after each, nothing may be left.  All names
# carry the prefix pnt<pid> so parallel runs do not clash.
set -u
BUILD=${BUILD:-build}
RL=$PWD/$BUILD/bin/quasar-routelet
DRIVE=$BUILD/tests/tools/pool-netns-drive
WHAT="pool netns backend"

. "$(dirname "$0")/lib/check.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: $WHAT (needs root for namespaces and cgroups)"
	exit 0
fi
for b in "$RL" "$DRIVE"; do
	[ -x "$b" ] || { echo "FAIL: $b not built"; exit 1; }
done

P=pnt$$
NSP=$P-rl-		# namespaces $NSP<n>
IFP=${P}r		# dom0 ends $IFP<n>
CGP=quasar-$P		# cgroups $CGP/$IFP<n>
TMP=$(mktemp -d /tmp/$P.XXXXXX)
MAC_RL=02:70:6e:74:00:01	# the routelet's source MAC
MAC_NH=02:70:6e:74:00:02	# its next hop's
DPID=

# cgroupfs files, v1 or v2, from the mount table as the backend reads it
if awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { f = 1 } END { exit !f }' \
    /proc/mounts; then
	CGV=1
	CG_CPU=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)
	CG_MEM=$(awk '$3 == "cgroup" && $4 ~ /(^|,)memory(,|$)/ { print $2; exit }' /proc/mounts)
	CG_SET=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuset(,|$)/ { print $2; exit }' /proc/mounts)
else
	CGV=2
	CG_CPU=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	CG_MEM=$CG_CPU
	CG_SET=$CG_CPU
fi

# The driver reads commands from a fifo and answers into another.
mkfifo "$TMP/in" "$TMP/out"
start_drive() {		# start_drive [VAR=VALUE...]: its environment
	env "$@" "$DRIVE" "$RL" "$NSP" "$IFP" "$CGP" "$TMP" <"$TMP/in" >"$TMP/out" \
	    2>>"$TMP/drive.log" &
	DPID=$!
	exec 3>"$TMP/in" 4<"$TMP/out"
	local l
	read -t 10 -r l <&4
	[ "$l" = ready ]
}
# cmd LINE: send it, print the answer line(s) up to "ok"/"error"
cmd() {
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

cleanup() {
	stop_drive
	# whatever is left: the backend's own cleanup, then by hand
	echo cleanup | "$DRIVE" "$RL" "$NSP" "$IFP" "$CGP" "$TMP" \
	    >/dev/null 2>&1
	local ns
	for ns in $(ip netns list | awk -v p="$NSP" 'index($1, p) == 1 { print $1 }'); do
		ip netns pids "$ns" | xargs -r kill -9
		ip netns del "$ns"
	done
	rmdir "$CG_CPU/$CGP"/* "$CG_CPU/$CGP" "$CG_MEM/$CGP"/* "$CG_MEM/$CGP" \
	    2>/dev/null
	[ -n "$CG_SET" ] && rmdir "$CG_SET/$CGP"/* "$CG_SET/$CGP" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# frames IF LABEL COUNT: labelled frames into IF from dom0's side; prints
# "N LABEL TTL DSTMAC" for what came back from the routelet (N frames)
frames() { python3 tests/tools/mpls_frames.py "$1" "$2" "$3" 02:70:6e:74:00:09 "$MAC_RL"; }

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

nothing_left() {	# nothing_left WHAT: no namespace, link, cgroup, socket
	local n l c s
	n=$(ip netns list | grep -c "^$NSP")
	l=$(ip -o link show | grep -c " $IFP[0-9]*[:@]")
	c=$(find "$CG_CPU/$CGP" "$CG_MEM/$CGP" -mindepth 1 -type d 2>/dev/null |
	    wc -l)
	s=$(ls "$TMP" | grep -c '\.sock$')
	check "$1: nothing left (netns $n, links $l, cgroups $c, sockets $s)" \
	    test "$n$l$c$s" = 0000
}

# --- create two routelets --------------------------------------------
# (the first controller forgets its handles and leaves the routelets to
# the second)
start_drive ||
	{ echo "FAIL: driver did not start"; exit 1; }
check "create routelet 1" test "$(cmd create 1)" = ok
check "create routelet 2" test "$(cmd create 2)" = ok
check "a second create of the same id fails, leaves the first" \
    test "$(cmd create 1)" = "error 22 Invalid argument"
for n in 1 2; do
	check "namespace $NSP$n exists" ip netns exec "$NSP$n" true
	check "dom0 end $IFP$n is up, no address" bash -c \
	    "ip -o link show $IFP$n | grep -q 'state UP' &&
	     test -z \"\$(ip -o addr show dev $IFP$n)\""
	check "routelet end eth0 is inside $NSP$n" \
	    ip -n "$NSP$n" link show eth0 >/dev/null
	pid=$(head -1 "$CG_CPU/$CGP/$IFP$n/cgroup.procs" 2>/dev/null)
	check "routelet $n runs in its cgroup (pid ${pid:-none})" \
	    test "$(cat /proc/${pid:-0}/comm 2>/dev/null)" = quasar-routelet
done
r=$(cmd vif 1)
check "vif 1 names ${IFP}1 with its ifindex ($r)" \
    test "$r" = "ok ${IFP}1 $(cat /sys/class/net/${IFP}1/ifindex)"

# --- caps ------------------------------------------------------------
if [ $CGV = 1 ]; then
	check "the routelets' parent cgroup weighs 100x (cpu.shares 102400)" \
	    test "$(cat $CG_CPU/$CGP/cpu.shares)" = 102400
else
	check "the routelets' parent cgroup weighs 100x (cpu.weight 10000)" \
	    test "$(cat $CG_CPU/$CGP/cpu.weight)" = 10000
fi
check "caps on routelet 1" test "$(cmd caps 1 20000 100000 33554432 0)" = ok
if [ $CGV = 1 ]; then
	check "cpu.cfs_quota_us 20000" test \
	    "$(cat $CG_CPU/$CGP/${IFP}1/cpu.cfs_quota_us)" = 20000
	check "cpu.cfs_period_us 100000" test \
	    "$(cat $CG_CPU/$CGP/${IFP}1/cpu.cfs_period_us)" = 100000
	check "memory.limit_in_bytes 32 MiB" test \
	    "$(cat $CG_MEM/$CGP/${IFP}1/memory.limit_in_bytes)" = 33554432
else
	check "cpu.max 20000 100000" test \
	    "$(cat $CG_CPU/$CGP/${IFP}1/cpu.max)" = "20000 100000"
	check "memory.max 32 MiB" test \
	    "$(cat $CG_MEM/$CGP/${IFP}1/memory.max)" = 33554432
fi
if [ -n "$CG_SET" ]; then
	check "cpuset.cpus 0" test \
	    "$(cat $CG_SET/$CGP/${IFP}1/cpuset.cpus)" = 0
fi
check "caps lifted on routelet 1" test "$(cmd caps 1 0 0 0 -)" = ok
if [ $CGV = 1 ]; then
	check "quota -1 after lifting" test \
	    "$(cat $CG_CPU/$CGP/${IFP}1/cpu.cfs_quota_us)" = -1
fi

# --- swap ------------------------------------------------------------
check "unconfigured routelet 1 sends nothing back" \
    test "$(frames ${IFP}1 1000 3)" = 0
check "bad config refused" test "$(cmd config 1 $TMP/bad.conf)" = \
    "error 22 Invalid argument"
check "swap config 1000 -> 2000 accepted" \
    test "$(cmd config 1 $TMP/swap.conf)" = ok
r=$(frames ${IFP}1 1000 5)
check "5 frames labelled 1000 come back out of ${IFP}1 as 2000, TTL 63, to the next hop ($r)" \
    test "$r" = "5 2000 63 $MAC_NH"
check "routelet 2 (unconfigured) swaps nothing" \
    test "$(frames ${IFP}2 1000 3)" = 0
check "reset routelet 1" test "$(cmd reset 1)" = ok
check "after reset routelet 1 swaps nothing" \
    test "$(frames ${IFP}1 1000 3)" = 0
write_config "$TMP/swap.conf" 3
check "configured again after reset" test "$(cmd config 1 $TMP/swap.conf)" = ok
check "and swaps again" test "$(frames ${IFP}1 1000 2 | cut -d' ' -f1-2)" = "2 2000"
r=$(cmd info 1)
check "info: routelet 1 described, CPU time and rx counter read ($r)" \
    bash -c "[[ '$r' =~ ^ok\ netns\ ${NSP}1\ pid\ [0-9]+\ \|\ cpu\ [1-9][0-9]*\ \|\ rx\ [0-9]+$ ]]"

# --- death (and, while watched, the unasked counters are read) ---------
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
pid2=$(head -1 "$CG_CPU/$CGP/${IFP}2/cgroup.procs")
t0=$(date +%s%3N)
kill -9 "$pid2"
if read -t 3 -r l <&4; then :; else l="none"; fi
set -- $l
if [ "$1" = dead ] && [ "$2" = 2 ]; then
	ms=$(($3 - t0))
	check "death of routelet 2 reported in ${ms} ms (< 1000)" test "$ms" -lt 1000
else
	fail "death of routelet 2 reported (got '$l')"
fi

# --- adoption by a new controller -------------------------------------
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
    test "$(cmd config 1 $TMP/swap.conf)" = ok
check "adopted dead routelet 2 cannot be watched" \
    test "$(cmd watch 2)" = "error 3 No such process"
check "destroy routelet 1" test "$(cmd destroy 1)" = ok
check "destroy dead routelet 2" test "$(cmd destroy 2)" = ok
nothing_left "after destroy"

# --- a failed create leaves nothing ------------------------------------
ip netns add "${NSP}7"
check "create over an existing namespace fails" \
    test "$(cmd create 7)" = "error 17 File exists"
ip netns del "${NSP}7"
mv "$TMP" "$TMP.moved"		# no socket directory: the routelet cannot start
r=$(cmd create 8)
mv "$TMP.moved" "$TMP"
check "create without a socket directory fails ($r)" test "${r%% *}" = error
nothing_left "after failed creates"

# --- leftovers of a crashed controller --------------------------------
check "create routelet 3" test "$(cmd create 3)" = ok
kill -9 "$DPID"
stop_drive
r=$(echo cleanup | "$DRIVE" "$RL" "$NSP" "$IFP" "$CGP" "$TMP" 2>>"$TMP/drive.log")
check "cleanup by prefix finds one routelet's remains ($r)" test "$r" = "ready
ok 1"
nothing_left "after cleanup"
check "parent cgroup $CGP removed" test ! -e "$CG_CPU/$CGP"

[ $fails -eq 0 ] || { sed 's/^/  drive: /' "$TMP/drive.log" | tail -30; exit 1; }
exit 0
