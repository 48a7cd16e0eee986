#!/bin/bash
# QoS flows end to end (docs/flows.md): A -> R1 -> R2 -> B, quasard on R1
# with the netns backend (pool of 3, min-idle 2), R2 best effort.  A 2
# Mbit/s Controlled-Load reservation (sender TSpec 8 Mbit/s, 64 KiB
# bucket; receiver --reserve 2mbit) is admitted on R1: a routelet takes it
# with the CPU quota and memory limit the resource model gives, an HTB
# class of 2 Mbit/s on r1-r2, an ILM entry steering its label to the
# routelet; labelled traffic at 1.8 Mbit/s reaches B with B's label
# through the routelet (its veth counters move; B counts them all); the receiver restarts
# with --reserve 4mbit while the traffic runs: the same routelet gets the
# new quota, the class 4 Mbit/s, no frame is lost; PathTear gives the
# routelet back to the pool, the class and the ILM entry go; quasard's
# exit leaves no namespace, cgroup or HTB tree behind.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="QoS flows through quasard's netns backend"
TOPO_PREFIX=qf$$
. tests/integration/lib/topo.sh
. tests/integration/qos_lib.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
qos_conf_r1 "pool min-idle 2 max-idle 3 max-total 3" "reservable 0.5"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log | tail -20))"
	exit 1
fi
check "R1's pool warms up: 2 idle routelets" wait_for 10 \
    sh -c "[ \$(ip netns list | grep -c '^$NSP') -ge 2 ]"

# --- (a) a 2 Mbit/s Controlled-Load flow -------------------------------
spawn B "$TOPO_DIR/recv1" "$Q" recv --label 3333 --reserve 2mbit \
    --refresh 1 -j
RECV=$BG_PID
listening "$TOPO_DIR/recv1" || fail "receiver listens"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 11 --rate 8mbit \
    --burst 64k --name qos-a --refresh 1 -j
SEND=$BG_PID
if jwait "$TOPO_DIR/send" '.event == "resv"' 100; then
	pass "the sender gets its Resv through R1 (flow admitted)"
else
	fail "the sender gets its Resv ($(tail -30 "$TOPO_DIR/R1.log"))"
fi
r1_up() { [ "$(lsp_r1 '.[0].state')" = '"up"' ]; }
wait_for 5 r1_up
L1=$(lsp_r1 '.[0].in_label')
check "R1's lsp list shows a QoS flow" test "$(lsp_r1 '.[0].qos')" = true
rl=$(assigned)
check "one routelet of R1 took the flow ($rl)" test "$(assigned | wc -l)" = 1
q2=$(qos_expect_quota 2000000 65536 64)
check "its CPU quota is the model's ($q2 us per 100 ms)" \
    test "$(quota "$rl")" = "$q2"
mexp=$(( (12 << 20) + 65536 + 1500 ))
m=$(mem "$rl")
check "its memory limit is base + rings + b + M ($m ~ $mexp)" \
    test $(( m <= mexp && m > mexp - 4096 )) = 1
check "an HTB class of 2 Mbit/s on r1-r2" sh -c \
    "on() { nsenter --net=/run/netns/${NS[R1]} \"\$@\"; };
     on tc class show dev r1-r2 | grep -q 'rate 2Mbit ceil 2Mbit'"
check "R1's ILM holds the flow's label $L1 (one entry)" \
    test "$(ilm_entries)" = 1

# --- traffic, and (c) the reservation grows while it runs -------------
rx_before=$(on R1 ip -s -j link show "$rl" | jq '.[0].stats64.rx.packets')
count_label B b-r2 3333 62 "$TOPO_DIR/count"
SINK=$BG_PID
sleep 0.5
spawn A "$TOPO_DIR/gen" "$BIN/bench-gen" -i a-r1 -d "$(mac R1 r1-a)" \
    -s "$(mac A a-r1)" -m "$L1" -l 128 -r 1800 -b 8 -T 6
GEN=$BG_PID
sleep 2
{ kill -KILL "$RECV"; wait "$RECV"; } 2>/dev/null
spawn B "$TOPO_DIR/recv2" "$Q" recv --label 3333 --reserve 4mbit \
    --refresh 1 -j
RECV=$BG_PID
q4=$(qos_expect_quota 4000000 65536 64)
check "the reservation grows: same routelet, quota $q2 -> $q4 us" \
    wait_for 4 sh -c "[ \"\$(cat $CG_CPU/$CGP/$rl/cpu.cfs_quota_us \
	$CG_CPU/$CGP/$rl/cpu.max 2>/dev/null | cut -d' ' -f1)\" = $q4 ]"
check "the class grows to 4 Mbit/s" sh -c \
    "nsenter --net=/run/netns/${NS[R1]} tc class show dev r1-r2 |
     grep -q 'rate 4Mbit ceil 4Mbit'"
check "still one routelet, one ILM entry" \
    test "$(assigned | wc -l) $(ilm_entries)" = "1 1"
wait "$GEN"
wait "$SINK"
sent=$(awk '/^sent/ { print $2 }' "$TOPO_DIR/gen")
read -r got other <"$TOPO_DIR/count"
fl=$(ctl R1 flow list)
check "B gets every frame with label 3333, none lost across the change ($got of $sent; policed $(jq '.[0].policed_packets' <<<"$fl"))" \
    test "${got:-0}" = "${sent:-x}"
check "no frame with another label or TTL ($other)" test "${other:-x}" = 0
rx_after=$(on R1 ip -s -j link show "$rl" | jq '.[0].stats64.rx.packets')
check "the frames went through routelet $rl (its veth got $((rx_after - rx_before)) back)" \
    test $((rx_after - rx_before)) -ge "${sent:-1}"

check "flow list: one Controlled-Load flow on routelet $rl, 4 Mbit/s" \
    test "$(jq -c '[length, .[0].service, .[0].interface, .[0].rate]' \
	<<<"$fl")" = "[1,\"controlled-load\",\"$rl\",500000]"
check "the routelet's own counters: it delivered every frame" \
    test "$(jq '.[0].delivered_packets' <<<"$fl")" -ge "${sent:-1}"

# --- (d) teardown: PathTear gives the routelet back -------------------
{ kill -TERM "$SEND"; wait "$SEND"; } 2>/dev/null
check "PathTear: no routelet assigned on R1" wait_for 5 \
    sh -c "[ -z \"\$(cd $CG_CPU/$CGP && for d in rl*; do
	q=\$(cat \$d/cpu.cfs_quota_us \$d/cpu.max 2>/dev/null | cut -d' ' -f1);
	[ \"\$q\" = -1 ] || [ \"\$q\" = max ] || echo \$d; done)\" ]"
check "the routelet is idle again (3 idle)" test "$(idle_rls)" = 3
check "its class is gone from r1-r2" test "$(flow_classes)" = 0
check "its ILM entry is gone" test "$(ilm_entries)" = 0

# --- quasard's exit leaves nothing -----------------------------------
quasard_stop R1
check "R1 exits 0" test $? = 0
check "no routelet namespace left" \
    test "$(ip netns list | grep -c "^$NSP")" = 0
check "no routelet cgroup left" \
    test "$(find "$CG_CPU/$CGP" -mindepth 1 -type d 2>/dev/null | wc -l)" = 0
check "no HTB tree left on r1-r2" \
    sh -c "! nsenter --net=/run/netns/${NS[R1]} tc qdisc show dev r1-r2 |
	grep -q htb"
rmdir "$CG_CPU/$CGP" "$CG_MEM/$CGP" 2>/dev/null
exit $((fails > 0))
