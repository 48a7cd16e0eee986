#!/bin/bash
# A quasard restart that keeps the QoS flows forwarding (on-exit keep;
# docs/flows.md, docs/flowops.md): A -> R1 -> R2 -> B, R1 with the netns
# backend.  A 2 Mbit/s flow is up and labelled traffic runs through its
# routelet; quasard on R1 stops (SIGTERM) and starts again while the
# traffic runs: the routelet, its HTB class and the ILM entry stay, the
# new quasard restores the flow from its state directory, the next Resv
# refresh claims it with the same label on the same routelet, and B sees
# a gap under 100 ms (mostly none).  Then a start with on-exit teardown
# removes everything.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="QoS flows across a quasard restart"
TOPO_PREFIX=qs$$
. tests/integration/lib/topo.sh
. tests/integration/qos_lib.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
# No Hello: R2 would take R1's restart for a neighbour's (RFC 3209 5.3)
# and flush the LSP; graceful restart (RFC 3473) is not built.
qos_conf_r1 "pool min-idle 1 max-idle 2 max-total 2" "on-exit keep" \
    "hello-interval off"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999" \
    "hello-interval off"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log | tail -20))"
	exit 1
fi
spawn B "$TOPO_DIR/recv" "$Q" recv --label 3333 --reserve 2mbit \
    --refresh 1 -j
listening "$TOPO_DIR/recv" || fail "receiver listens"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 31 --rate 8mbit \
    --burst 64k --name qos-r --refresh 1 -j
check "the flow is admitted" jwait "$TOPO_DIR/send" '.event == "resv"' 100
flow() { ctl R1 flow list | jq -c "$1"; }
wait_for 5 sh -c "[ \"\$(ls $CG_CPU/$CGP 2>/dev/null | grep -c '^rl')\" -ge 1 ]"
before=$(flow '.[0] | [.in_label, .interface, .class]')
L1=$(flow '.[0].in_label')
check "flow list: label, routelet, class ($before)" \
    test "$(flow 'length')" = 1

count_label B b-r2 3333 62 "$TOPO_DIR/count"
COUNT=$BG_PID
sleep 0.5
spawn A "$TOPO_DIR/gen" "$BIN/bench-gen" -i a-r1 -d "$(mac R1 r1-a)" \
    -s "$(mac A a-r1)" -m "$L1" -l 128 -r 1800 -b 8 -T 8
GEN=$BG_PID
sleep 2
quasard_stop R1
check "quasard on R1 exits 0, keeping its flows" test $? = 0
check "the routelet still runs" test "$(assigned | wc -l)" = 1
check "its ILM entry and class stay" \
    test "$(ilm_entries) $(flow_classes)" = "1 1"
check "quasard on R1 starts again" quasard_start R1
restored() { [ "$(flow '.[0].restored')" = false ] &&
	[ "$(flow 'length')" = 1 ]; }
check "the refresh claims the restored flow" wait_for 5 restored
check "same label, routelet and class after the restart" \
    test "$(flow '.[0] | [.in_label, .interface, .class]')" = "$before"
check "one routelet, one ILM entry, one class" \
    test "$(assigned | wc -l) $(ilm_entries) $(flow_classes)" = "1 1 1"
wait "$GEN"
wait "$COUNT"
sent=$(awk '/^sent/ { print $2 }' "$TOPO_DIR/gen")
read -r got other <"$TOPO_DIR/count"
# Mostly none is lost; re-attaching the line cards' and the vif's
# filters at the start has cost up to 25 frames (14 ms) under load.
lost=$(( ${sent:-0} - ${got:-0} ))
check "B gets the flow across the restart: $got of $sent, a gap of $((lost * 1000 / 1800)) ms (< 100 ms)" \
    test "${got:-0}" -gt 0 -a "$lost" -ge 0 -a "$lost" -lt 180
# A Path refresh that crosses R1 while no quasard runs there is IP
# forwarded, and R2 sees its TTL and send_TTL differ: PathErr 24/8 from
# R2 (RFC 3209 4.8), the restart's gap and nothing else.
perr=$(jq -c 'select(.event == "patherr" and
    (.code != 24 or .value != 8 or .node != "10.0.12.2"))' \
    "$TOPO_DIR/send" | head -1)
check "no PathErr at the sender but R2's for the gap${perr:+: $perr}" \
    test -z "$perr"

# A start with on-exit teardown takes the kept flows back, then leaves
# nothing at its exit.
quasard_stop R1
sed -i 's/^on-exit keep$/on-exit teardown/' "$TOPO_DIR/R1.conf"
check "quasard starts with on-exit teardown" quasard_start R1
quasard_stop R1
check "R1 exits 0" test $? = 0
check "no routelet namespace or cgroup left" test \
    "$(ip netns list | grep -c "^$NSP") $(find "$CG_CPU/$CGP" -mindepth 1 -type d 2>/dev/null | wc -l)" = "0 0"
check "no HTB tree left on r1-r2" \
    sh -c "! nsenter --net=/run/netns/${NS[R1]} tc qdisc show dev r1-r2 |
	grep -q htb"
exit $((fails > 0))
