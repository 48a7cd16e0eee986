#!/bin/bash
# The Xen backend's cpupool: with cpupool "quasar" and CPU 1 configured,
# pool-xen-drive's init makes the cpupool from CPU 1 (taken from Pool-0,
# where dom0 stays), a routelet is created in it and capped with its
# scheduler.  Afterwards the cpupool is removed and CPU 1 given back.
# shellcheck source=tests/xen/checks/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

IMGS=/quasar/images
NAME=quasar-rl-5
OUT=/tmp/pool-xen-cpupool
mkdir -p "$OUT"

restore() {
	xl destroy "$NAME" 2>/dev/null
	if xl cpupool-list | grep -q '^quasar '; then
		xl cpupool-destroy quasar
		xl cpupool-cpu-add Pool-0 1
	fi
}
trap restore EXIT

ncpus=$(xl info | awk '$1 == "nr_cpus" {print $3}')
if [ "${ncpus:-0}" -lt 2 ]; then
	skip "cpupool: $ncpus CPU(s), none to spare for a cpupool"
	exit 0
fi
coproc DRV { pool-xen-drive "$IMGS/routelet-vmlinux" "$IMGS/routelet.cpio.gz" \
	quasar-rl- 96 quasar 1 2>"$OUT/drive.err"; }
drv_pid=$DRV_PID	# bash unsets DRV_PID when the coprocess ends
ask() {
	local line
	echo "$1" >&"${DRV[1]}"
	while read -r -t "${2:-60}" -u "${DRV[0]}" line; do
		case $line in
		ok*|error*) echo "$line"; [ "${line%% *}" = ok ]; return ;;
		esac
	done
	return 1
}
read -r -t 30 -u "${DRV[0]}" line
check "pool-xen-drive starts with cpupool quasar on CPU 1 ($line)" \
	test "$line" = ready
pools=$(xl cpupool-list | awk 'NR > 1 {printf "%s:%s cpus:%s doms; ", $1, $2, $5}')
check "xl cpupool-list shows quasar with 1 CPU, Pool-0 keeps 1 ($pools)" \
	sh -c "xl cpupool-list | awk '\$1 == \"quasar\" {q = \$2} \$1 == \"Pool-0\" {p = \$2} END {exit !(q == 1 && p == 1)}'"
check "dom0 stays in Pool-0" sh -c "xl list -c 0 | awk 'NR == 2 {exit \$NF != \"Pool-0\"}'"
check "create 5" ask "create 5" 240
check "$NAME runs in cpupool quasar ($(xl list -c "$NAME" | tail -1))" \
	sh -c "xl list -c $NAME | awk 'NR == 2 {exit \$NF != \"quasar\"}'"
check "caps 5 (cap 30%)" ask "caps 5 30000 100000 0 -"
sched=$(xl cpupool-list | awk '$1 == "quasar" {print $3}')
line=$(xl "sched-$sched" -d "$NAME" | awk -v n="$NAME" '$1 == n')
check "xl sched-$sched shows cap 30 ($line)" test "$(awk '{print $4}' <<<"$line")" = 30
check "destroy 5" ask "destroy 5" 60
ask quit 10 >/dev/null
wait "$drv_pid" 2>/dev/null
restore
trap - EXIT
check "CPU 1 is back in Pool-0" \
	sh -c "xl cpupool-list | awk '\$1 == \"Pool-0\" {exit \$2 != 2}'"
if [ "$fails" -ne 0 ]; then
	echo "--- pool-xen-drive's log:"
	tail -n 30 "$OUT/drive.err" | sed 's/^/  | /'
fi
[ "$fails" -eq 0 ]
