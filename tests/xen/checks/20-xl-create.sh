#!/bin/bash
# xl create of a routelet from the shipped template: the time xl takes
# (the baseline a pooled routelet must beat), the guest booting to
# quasar-routelet on eth0, and dom0's end of its vif brought up by
# vif-quasar (no bridge).
. "$(dirname "$0")/lib/common.sh"

xl destroy "$RL_NAME" 2>/dev/null
start=$(now_ms)
if xl create "$RL_CFG" "name=\"$RL_NAME\"" >/tmp/xl-create.log 2>&1; then
	ms=$(($(now_ms) - start))
	pass "xl create $RL_CFG name=$RL_NAME ($ms ms)"
	report xl_create_ms "$ms"
else
	fail "xl create $RL_CFG name=$RL_NAME: $(tail -n 3 /tmp/xl-create.log | tr '\n' ' ')"
	exit 1
fi
d=$(domid "$RL_NAME")
check "xl list shows $RL_NAME (domid ${d:-none})" test -n "$d"
check "the guest's init brought eth0 up" \
	wait_for 120 in_log "$RL_NAME" "routelet-init: eth0"
check "quasar-routelet forwards on eth0 in the guest" \
	wait_for 60 in_log "$RL_NAME" "forwarding on eth0"
report guest_boot_ms $(($(now_ms) - start))
# routelet-init's "memory: MemTotal: N kB MemAvailable: M kB"
mem=$(grep -a -m1 'routelet-init: memory:' "$(guest_log "$RL_NAME")")
check "the guest reports its memory (${mem#*memory: })" test -n "$mem"
report guest_mem_total_kb "$(sed -n 's/.*MemTotal: \([0-9]*\) kB.*/\1/p' <<<"$mem")"
report guest_mem_available_kb "$(sed -n 's/.*MemAvailable: \([0-9]*\) kB.*/\1/p' <<<"$mem")"
check "dom0's end vif$d.0 is up (vif-quasar)" \
	wait_for 10 sh -c "ip link show dev vif$d.0 | grep -q 'state UP'"
check "vif$d.0 is on no bridge" test ! -e "/sys/class/net/vif$d.0/master"
show_on_failure "$RL_NAME"
[ "$fails" -eq 0 ]
