#!/bin/bash
# The pool's Xen backend (dom0/pool_xen.c) op by op through pool-xen-drive
# in the emulated dom0: create makes routelet domains quasar-rl-<n> that
# xl lists; caps show in xl sched-credit; configure through xenstore makes
# a routelet swap labelled frames sent into its vif<domid>.0 and its
# xenstore counters move; an xl destroy is noticed by the @releaseDomain
# watch; list adopts a domain an admin made with xl create from the
# template; destroy leaves no domain, vif or xenstore tree.  Reports
# pool_assign_ms (set_caps + configure of an idle routelet), to compare
# with xl_create_ms of 20-xl-create.sh.
# shellcheck source=tests/xen/checks/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

IMGS=/quasar/images
PREFIX=quasar-rl-
OUT=/tmp/pool-xen
mkdir -p "$OUT"
: >"$OUT/events"

# The driver as a coprocess; ask CMD [SECS] prints its answer line and
# fails unless it is "ok ...".  Lines it prints unasked (dead, found) go
# to $OUT/events.
start_drive() {
	# configure waits up to 15 s: the emulated guest is slow
	coproc DRV { QUASAR_XEN_CONFIG_MS=15000 \
		pool-xen-drive "$IMGS/routelet-vmlinux" \
		"$IMGS/routelet.cpio.gz" "$PREFIX" 96 2>>"$OUT/drive.err"; }
	# bash unsets DRV_PID when the coprocess ends: kept for the wait
	drv_pid=$DRV_PID
	local line
	read -r -t 30 -u "${DRV[0]}" line && [ "$line" = ready ]
}
ask() {
	local line
	echo "$1" >&"${DRV[1]}"
	while read -r -t "${2:-60}" -u "${DRV[0]}" line; do
		case $line in
		ok*|error*) echo "$line"; [ "${line%% *}" = ok ]; return ;;
		*) echo "$line" >>"$OUT/events" ;;
		esac
	done
	echo "no answer to '$1'"
	return 1
}
stop_drive() {
	ask quit 10 >/dev/null
	wait "$drv_pid" 2>/dev/null
}
# Whatever the checks leave: domains quasar-rl-<n>.
cleanup() {
	local n
	for n in $(xl list | awk '{print $1}' | grep -E "^${PREFIX}[0-9]+\$"); do
		xl destroy "$n" 2>/dev/null
	done
}
trap cleanup EXIT

check "pool-xen-drive starts (libxl, xenstore, @releaseDomain watch)" start_drive
if [ -z "${drv_pid:-}" ]; then
	sed 's/^/  drive: /' "$OUT/drive.err"
	exit 1
fi

t0=$(now_ms)
check "create 1 (domain ${PREFIX}1, routelet running)" ask "create 1" 240
report pool_create_ms $(($(now_ms) - t0))
check "create 2" ask "create 2" 240
check "xl list shows ${PREFIX}1 and ${PREFIX}2" \
	sh -c "xl list | grep -q '^${PREFIX}1 ' && xl list | grep -q '^${PREFIX}2 '"
d1=$(domid "${PREFIX}1")
d2=$(domid "${PREFIX}2")
vif=$(ask "vif 1")
check "vif 1 is vif$d1.0 ($vif)" test "${vif#ok }" != "$vif" -a \
	"$(awk '{print $2}' <<<"$vif")" = "vif$d1.0"
check "vif$d1.0 is up on no bridge" sh -c "ip link show vif$d1.0 | grep -q ',UP' &&
	! ip link show vif$d1.0 | grep -q master"
refused() { ! ask "$1" >/dev/null; }
check "a create of an existing id is refused" refused "create 1"

# Caps: quota 20 ms per 100 ms is a cap of 20%, weight 64, with the
# scheduler Xen runs (credit in make check-xen; credit2 has caps too).
sched=$(xl info | awk '$1 == "xen_scheduler" {print $3}')
check "caps 1 20000 100000 80 MiB 0" ask "caps 1 20000 100000 83886080 0"
line=$(xl "sched-$sched" -d "${PREFIX}1" | awk -v n="${PREFIX}1" '$1 == n')
check "xl sched-$sched shows cap 20 weight 64 ($line)" \
	test "$(awk '{print $4 " " $3}' <<<"$line")" = "20 64"
# The target in xenstore is the backend's doing; the guest's balloon
# follows at its own pace (xl list's Mem, shown).  The target is what the
# guest's own system takes (96 MiB less the mem-available-kb the routelet
# reports) + the cap + 4 MiB, at most the 96 MiB it booted with.
target() { test "$(xenstore-read "/local/domain/$d1/memory/target")" = "$1"; }
check "a cap of 80 MiB leaves all 96 MiB (the guest itself takes more than 16)" \
	target 98304
avail=$(xenstore-read "/local/domain/$d1/quasar/counters/mem-available-kb" 2>/dev/null)
check "the routelet reports the guest's free memory (${avail:-none} KiB)" \
	test -n "$avail"
check "caps 1 with 10 MiB of memory" ask "caps 1 20000 100000 10485760 0"
want=$((98304 - ${avail:-0} + 10240 + 4096))
got=$(xenstore-read "/local/domain/$d1/memory/target")
# the free memory moves by a few pages between the reads
check "the memory target is the guest's share + 10 MiB + 4 MiB ($got KiB, about $want; xl list: $(xl list "${PREFIX}1" | tail -1))" \
	test "$got" -lt 98304 -a "$((got - want))" -le 2048 -a "$((want - got))" -le 2048
check "caps 1 with no limits" ask "caps 1 0 0 0 -"
check "the memory target is back to 96 MiB" target 98304
line=$(xl "sched-$sched" -d "${PREFIX}1" | awk -v n="${PREFIX}1" '$1 == n')
check "cap 0 weight 256 again ($line)" \
	test "$(awk '{print $4 " " $3}' <<<"$line")" = "0 256"

# Configure: a swap 1000 -> 2000 back out of the same vif.
VIF=vif$d1.0
guest_mac=$(xenstore-read "/local/domain/$d1/device/vif/0/mac")
vif_mac=$(cat "/sys/class/net/$VIF/address")
cat >"$OUT/flow.conf" <<EOF
generation 1
flow-id 7
name pool-xen
in-label 1000
out-label 2000
nexthop-mac $vif_mac
source-mac $guest_mac
rate 100000000
bucket 1000000
peak inf
min-unit 64
max-size 1500
EOF
a=$(ask "assign 1 20000 100000 0 $OUT/flow.conf" 30)
check "assign 1 (caps + configure: $a)" test "${a%% *}" = ok
if [ "${a%% *}" = ok ]; then
	read -r _ ms _ caps_ms _ cfg_ms <<<"$a"
	report pool_assign_ms "$ms"
	report pool_assign_caps_ms "$caps_ms"
	report pool_assign_config_ms "$cfg_ms"
fi
Q=/local/domain/$d1/quasar
check "xenstore: quasar/status '$(xenstore-read "$Q/status")', config with in-label 1000" \
	sh -c "xenstore-read $Q/status | grep -q '^ok ' && xenstore-read -R $Q/config | grep -qx 'in-label 1000'"
perm=$(xenstore-ls -p "$Q" 2>/dev/null | awk '$1 == "status" {print $NF}')
check "quasar/ is dom0's, the guest reads it; status is the guest's ($(xenstore-ls -p "/local/domain/$d1" | grep '^quasar' | awk '{print $NF}'), status $perm)" \
	sh -c "xenstore-ls -p /local/domain/$d1 | grep '^quasar ' | grep -q '(n0,r$d1)' &&
	test '$perm' = '(n$d1)'"

bench-sink -i "$VIF" -m 2000 -f -t 63 -d "$vif_mac" -w 0 -W 20 -T 3 \
	>"$OUT/sink.out" 2>&1 &
sink=$!
sleep 1
check "bench-gen sends 300 frames labelled 1000 into $VIF" \
	bench-gen -i "$VIF" -d "$guest_mac" -s "$vif_mac" -m 1000 -t 64 -r 100 -T 3
wait "$sink"
rc=$?
frames=$(sed -n 's/.*frames \([0-9]*\).*/\1/p' "$OUT/sink.out")
check "they come back swapped to 2000, TTL 63 ($(cat "$OUT/sink.out"))" \
	test "$rc" -eq 0 -a "${frames:-0}" -gt 0
# Every frame that came back went through the routelet; the emulated vif
# may lose some on the way in (the guest not scheduled in time).
counter() { tr ';' '\n' <"$OUT/counters" | awk -v n="$1" '$1 == n {print $2}'; }
moved() {
	local c
	c=$(ask "counters 1") || return 1
	echo "${c#ok }" >"$OUT/counters"
	[ "$(counter rx-packets)" -ge "${frames:-1}" ] &&
		[ "$(counter tx-packets)" -ge "${frames:-1}" ] &&
		[ "$(counter rx-packets)" -gt 0 ]
}
wait_for 5 moved
check "the counters op reads rx-packets $(counter rx-packets), tx-packets $(counter tx-packets) >= the $frames frames back" moved
info=$(ask "info 1")
check "info 1: $info" sh -c "echo '$info' | grep -qE '^ok xen ${PREFIX}1 domid $d1 (running|blocked) \| cpu [1-9][0-9]* \| rx [0-9]+'"
check "reset 1 (the null config)" ask "reset 1" 30
check "after the reset in-label is 1048575 and name is gone" \
	sh -c "xenstore-read -R $Q/config | grep -qx 'in-label 1048575' && ! xenstore-read -R $Q/config | grep -q '^name '"

# Death: an admin's xl destroy is noticed by the watch.
check "watch 1" ask "watch 1"
check "watch 2" ask "watch 2"
t0=$(now_ms)
xl destroy "${PREFIX}2"
t1=$(now_ms)
# any question makes the script read what the driver printed meanwhile
dead_seen() { ask "vif 1" >/dev/null; grep -q '^dead 2 ' "$OUT/events"; }
check "the death of ${PREFIX}2 is reported" wait_for 10 dead_seen
dms=$(awk '$1 == "dead" && $2 == 2 {print $3}' "$OUT/events" | head -1)
if [ -n "$dms" ]; then
	# the driver prints the real-time clock: compare with date's
	since_start=$((dms - t0))
	report xen_death_after_xl_destroy_start_ms "$since_start"
	report xen_death_xl_destroy_ms $((t1 - t0))
	check "noticed within 1 s of xl destroy's end (${since_start} ms from its start, xl destroy took $((t1 - t0)) ms)" \
		test "$dms" -le $((t1 + 1000))
fi
check "no death reported for ${PREFIX}1" sh -c "! grep -q '^dead 1 ' $OUT/events"
check "destroy 2 (already gone: nothing to do)" ask "destroy 2" 60

# Adoption: a domain made with xl from the template joins by name.
check "xl create routelet.cfg name=${PREFIX}9" \
	xl create -q "$IMGS/routelet.cfg" "name=\"${PREFIX}9\""
d9=$(domid "${PREFIX}9")
check "quit (forgets: ${PREFIX}1 stays)" stop_drive
check "${PREFIX}1 still runs" sh -c "xl list | grep -q '^${PREFIX}1 '"
: >"$OUT/events"
check "a new pool-xen-drive starts" start_drive
check "list" ask "list" 60
check "list found 1 and 9 ($(tr '\n' ' ' <"$OUT/events"))" \
	sh -c "grep -qx 'found 1' $OUT/events && grep -qx 'found 9' $OUT/events"
check "the adopted ${PREFIX}1 keeps its generation (configure: ok)" \
	ask "config 1 $OUT/flow.conf" 30
# the admin's guest may still be booting: its routelet answers once up
cfg9() { ask "config 9 $OUT/flow.conf" 30 >/dev/null; }
check "the admin's ${PREFIX}9 is configured through xenstore" wait_for 90 cfg9
check "${PREFIX}9: quasar/status '$(xenstore-read "/local/domain/$d9/quasar/status" 2>&1)'" \
	sh -c "xenstore-read /local/domain/$d9/quasar/status | grep -q '^ok '"

check "destroy 1" ask "destroy 1" 60
check "destroy 9" ask "destroy 9" 60
check "xl list has no ${PREFIX}<n> left" \
	sh -c "! xl list | awk '{print \$1}' | grep -qE '^${PREFIX}[0-9]+\$'"
for d in $d1 $d2 $d9; do
	check "vif$d.0 is gone" wait_for 10 test ! -e "/sys/class/net/vif$d.0"
	check "/local/domain/$d is gone" \
		wait_for 10 sh -c "! xenstore-exists /local/domain/$d"
done
cleanup_none() { test "$(ask cleanup 120)" = "ok 0"; }
check "cleanup finds nothing" cleanup_none
stop_drive
if [ "$fails" -ne 0 ]; then
	echo "--- pool-xen-drive's log:"
	tail -n 40 "$OUT/drive.err" | sed 's/^/  | /'
	show_on_failure "${PREFIX}1"
fi
[ "$fails" -eq 0 ]
