#!/bin/bash
# The Xen toolstack in dom0: the hypervisor is Xen 4.17 with the credit
# scheduler (caps need it), xenstored and xenconsoled run, xl answers.
. "$(dirname "$0")/lib/common.sh"

info=$(xl info 2>&1)
check "xl info answers" test -n "$(grep '^xen_version' <<<"$info")"
ver=$(awk -F': *' '/^xen_version/ {print $2}' <<<"$info")
sched=$(awk -F': *' '/^xen_scheduler/ {print $2}' <<<"$info")
check "Xen 4.17 (xl info: xen_version $ver)" test "${ver#4.17.}" != "$ver"
check "credit scheduler (xl info: xen_scheduler $sched)" test "$sched" = credit
check "xenstored runs" pgrep -x 'oxenstored|xenstored'
check "xenconsoled runs" pgrep -x xenconsoled
check "xl list shows Domain-0" sh -c 'xl list | grep -q "^Domain-0 "'
check "xenstore answers (/local/domain/0/name is Domain-0)" \
	test "$(xenstore-read /local/domain/0/name 2>/dev/null)" = Domain-0
report dom0_free_mb "$(awk -F': *' '/^free_memory/ {print $2}' <<<"$info")"
[ "$fails" -eq 0 ]
