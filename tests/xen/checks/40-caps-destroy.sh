#!/bin/bash
# Caps and teardown with xl: a credit-scheduler cap set with
# xl sched-credit reads back; xl destroy removes the domain, its vif and
# its xenstore tree.
. "$(dirname "$0")/lib/common.sh"

d=$(domid "$RL_NAME") || { fail "no domain $RL_NAME (20-xl-create failed?)"; exit 1; }
check "xl sched-credit -d $RL_NAME -c 20" xl sched-credit -d "$RL_NAME" -c 20
line=$(xl sched-credit -d "$RL_NAME" | awk -v n="$RL_NAME" '$1 == n')
cap=$(awk '{print $4}' <<<"$line")
check "the cap reads back as 20 (xl sched-credit: $line)" test "$cap" = 20
check "xl sched-credit -d $RL_NAME -w 512" xl sched-credit -d "$RL_NAME" -w 512
weight=$(xl sched-credit -d "$RL_NAME" | awk -v n="$RL_NAME" '$1 == n {print $3}')
check "the weight reads back as 512" test "$weight" = 512

start=$(now_ms)
check "xl destroy $RL_NAME" xl destroy "$RL_NAME"
report xl_destroy_ms $(($(now_ms) - start))
check "$RL_NAME is gone from xl list" sh -c "! xl list | grep -q '^$RL_NAME '"
check "vif$d.0 is gone" wait_for 10 test ! -e "/sys/class/net/vif$d.0"
check "/local/domain/$d is gone from xenstore" \
	wait_for 10 sh -c "! xenstore-exists /local/domain/$d"
[ "$fails" -eq 0 ]
