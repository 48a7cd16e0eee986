#!/bin/bash
# The real pool (dom0/pool.c) over the Xen backend, through pool-xen-pool:
# its worker thread creates the routelet domains (libxl there, with every
# signal blocked in that thread: libxl's SIGCHLD for the vif hotplug
# script goes to the loop's thread); an assign takes an idle one and the
# pool makes another; an admin's xl destroy of the assigned one reaches
# its owner; release and the pool's end leave no domain.
# shellcheck source=tests/xen/checks/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

IMGS=/quasar/images
PREFIX=quasar-rl-
OUT=/tmp/pool-xen-pool
mkdir -p "$OUT"
: >"$OUT/events"

cleanup() {
	local n
	for n in $(xl list | awk '{print $1}' | grep -E "^${PREFIX}[0-9]+\$"); do
		xl destroy "$n" 2>/dev/null
	done
}
trap cleanup EXIT

coproc POOL { pool-xen-pool "$IMGS/routelet-vmlinux" "$IMGS/routelet.cpio.gz" \
	"$PREFIX" 96 2>"$OUT/pool.err"; }
pool_pid=$POOL_PID	# bash unsets POOL_PID when the coprocess ends
ask() {
	local line
	echo "$1" >&"${POOL[1]}"
	while read -r -t "${2:-60}" -u "${POOL[0]}" line; do
		case $line in
		ok*|error*) echo "$line"; [ "${line%% *}" = ok ]; return ;;
		*) echo "$line" >>"$OUT/events" ;;
		esac
	done
	echo "no answer to '$1'"
	return 1
}
read -r -t 30 -u "${POOL[0]}" line
check "pool-xen-pool starts (pool of min-idle 1, max 2)" test "$line" = ready

a=$(ask "idle 1 240" 250)
check "the worker makes an idle routelet ($a)" test "${a%% *}" = ok
: >"$OUT/events"
ask show >/dev/null
check "show: $(tr '\n' ' ' <"$OUT/events")" \
	grep -qE "^rl [0-9]+ idle xen ${PREFIX}[0-9]+ domid [0-9]+ (running|blocked)" "$OUT/events"

vif_mac=00:16:3e:00:00:01
cat >"$OUT/flow.conf" <<EOC
generation 1
in-label 1000
out-label 2000
nexthop-mac $vif_mac
source-mac $vif_mac
rate 100000000
bucket 1000000
peak inf
min-unit 64
max-size 1500
EOC
a=$(ask "assign 20000 100000 $OUT/flow.conf" 60)
check "assign ($a)" test "${a%% *}" = ok
read -r _ id ms <<<"$a"
[ -n "${ms:-}" ] && report pool_assign_real_ms "$ms"
name=$PREFIX$id
line=$(xl sched-credit -d "$name" 2>/dev/null | awk -v n="$name" '$1 == n')
check "xl sched-credit shows cap 20 on $name ($line)" \
	test "$(awk '{print $4}' <<<"$line")" = 20
d=$(domid "$name")
check "its quasar/status is ok ($(xenstore-read "/local/domain/$d/quasar/status" 2>&1))" \
	sh -c "xenstore-read /local/domain/$d/quasar/status | grep -q '^ok '"

a=$(ask "idle 1 240" 250)
check "the pool makes another idle routelet ($a)" test "${a%% *}" = ok
check "xl list shows 2 routelets" \
	test "$(xl list | awk '{print $1}' | grep -cE "^${PREFIX}[0-9]+\$")" -eq 2

: >"$OUT/events"
xl destroy "$name"
dead() { ask show >/dev/null; grep -q "^dead $id\$" "$OUT/events"; }
check "xl destroy $name reaches its owner (dead $id)" wait_for 10 dead
check "release" ask release
check "quit (pool_free: every routelet destroyed)" ask quit 120
wait "$pool_pid" 2>/dev/null
check "xl list has no ${PREFIX}<n> left" \
	sh -c "! xl list | awk '{print \$1}' | grep -qE '^${PREFIX}[0-9]+\$'"
if [ "$fails" -ne 0 ]; then
	echo "--- pool-xen-pool's log:"
	tail -n 40 "$OUT/pool.err" | sed 's/^/  | /'
fi
[ "$fails" -eq 0 ]
