#!/bin/bash
# A quasard restart with `backend xen` and `on-exit keep` (docs/flowops.md):
# a 2 Mbit/s flow from A to B has its routelet domain; quasard stops
# (SIGTERM) and the domain stays, still configured, and labelled frames
# still reach B through it (dom0's pinned data plane); quasard starts
# again and re-adopts the domain by name and xenstore: the flow, claimed
# by the next Resv refresh, is back on the same domain with the same
# label, and frames pass; a routelet an admin makes with
# `xl create routelet.cfg name=quasar-rl-9` joins the pool; a start with
# on-exit teardown then removes every routelet domain, the admin's too.
# shellcheck source=tests/xen/checks/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

OUT=/tmp/quasard-xen-restart
# shellcheck source=tests/xen/checks/lib/quasard.sh
. "$(dirname "$0")/lib/quasard.sh"

qx_hosts
check "hosts A and B as namespaces on dom0's line cards qa0, qb0" test $? = 0
qx_conf "on-exit keep"
check "quasard starts with backend xen and on-exit keep" qx_start
idle_ready() { [ -n "$(rl_field idle id)" ]; }
check "its pool makes an idle routelet domain" wait_for 300 idle_ready

ip netns exec "$NB" quasar-rsvp recv --label 3333 --reserve 2mbit \
    --refresh 1 -j >"$OUT/recv" 2>&1 &
RECVPID=$!
wait_for 10 has_event "$OUT/recv" listening
ip netns exec "$NA" quasar-rsvp send 10.9.2.2 --tunnel-id 21 --rate 8mbit \
    --burst 64k --name qos-k --refresh 1 -j >"$OUT/send" 2>&1 &
SENDPID=$!
check "the flow is admitted" wait_for 60 has_event "$OUT/send" resv
L1=$(json_num "$(qctl lsp list)" in_label)
L2=$(json_num "$(qctl flow list)" out_label)
desc=$(rl_field assigned backend)
name=$(awk '{print $2}' <<<"$desc")
domid=$(awk '{print $4}' <<<"$desc")
check "it has a routelet domain ($desc)" test -n "$domid"
got=$(qx_frames "${L1:-0}" "${L2:-3333}")
check "frames labelled ${L1:-?} reach B as ${L2:-?} ($got of 200)" \
    test "$got" -ge 195

# --- quasard stops: the domain and the data plane stay -------------------
kill -TERM "$QPID"
wait "$QPID"
check "quasard exits 0" test $? = 0
QPID=
check "$name (domid $domid) still runs" test "$(domid "$name")" = "$domid"
cfg=$(xenstore-read -R "/local/domain/$domid/quasar/config" 2>/dev/null)
check "its xenstore config still swaps ${L1:-?}" \
    grep -qx "in-label ${L1:-?}" <<<"$cfg"
got=$(qx_frames "${L1:-0}" "${L2:-3333}")
check "frames still reach B through it with quasard down ($got of 200)" \
    test "$got" -ge 195

# --- quasard starts again and re-adopts the domain ------------------------
check "quasard starts again" qx_start
same() {
	local d
	d=$(rl_field assigned backend)
	[ "$(awk '{print $2 " " $4}' <<<"$d")" = "$name $domid" ] &&
	    qctl flow list | grep -qE "\"in_label\": *${L1:-x}[,}]"
}
check "the flow is back on $name (domid $domid) with label ${L1:-?}" \
    wait_for 30 same
check "quasard's log: it adopted $name" \
    grep -q "pool: routelet [0-9]* adopted: xen $name domid $domid " \
    "$OUT/quasard.log"
got=$(qx_frames "${L1:-0}" "${L2:-3333}")
check "frames pass again ($got of 200)" test "$got" -ge 195
check "no other domain replaced it (xl list: $(our_domains | tr '\n' ' '))" \
    test "$(domid "$name")" = "$domid"

# --- a routelet an admin makes with xl joins the pool ---------------------
check "quasarctl pool resize min 1 max 4 max-idle 3" \
    quasarctl -s "$SOCK" pool resize min 1 max 4 max-idle 3
xl destroy "${PREFIX}9" 2>/dev/null
check "xl create $RL_CFG name=${PREFIX}9 (an admin's routelet)" \
    xl create -q "$RL_CFG" "name=\"${PREFIX}9\""
joined() { qctl routelet list | grep -qE "\"backend\": *\"xen ${PREFIX}9 "; }
check "it joins the pool once its routelet runs (routelet list: $(rl_field idle backend))" \
    wait_for 120 joined
check "quasard's log: made outside quasard, it joins" \
    grep -q "made outside quasard joins the pool: xen ${PREFIX}9 " \
    "$OUT/quasard.log"

# --- a start with on-exit teardown removes everything --------------------
kill "$SENDPID" "$RECVPID" 2>/dev/null
wait "$SENDPID" "$RECVPID" 2>/dev/null
SENDPID= RECVPID=
kill -TERM "$QPID"
wait "$QPID"
QPID=
qx_conf "on-exit teardown"
check "quasard starts with on-exit teardown" qx_start
kill -TERM "$QPID"
wait "$QPID"
check "and exits 0" test $? = 0
QPID=
check "no ${PREFIX}<n> domain left (xl list)" test -z "$(our_domains)"
qx_show_on_failure
[ "$fails" -eq 0 ]
