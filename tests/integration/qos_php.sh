#!/bin/bash
# A QoS flow whose routelet pops (penultimate-hop popping, RFC 3032 2.1):
# A -> R1 -> R2, the tunnel ends at R2, whose quasard answers as egress
# with implicit null; R1 (netns backend) admits the flow, and its routelet
# pops the only label, so IPv4 leaves it.  dom0's vif program must send
# those IPv4 frames on in the flow's class like labelled ones: R2 then
# routes them to B, where every frame is counted with IP TTL 62 (64 on
# the label at A, uniform TTL through R1's pop, R2's IPv4 forwarding).
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="a QoS flow popped by its routelet"
TOPO_PREFIX=qp$$
. tests/integration/lib/topo.sh
. tests/integration/qos_lib.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
qos_conf_r1 "pool min-idle 1 max-idle 2 max-total 2" "reservable 0.5"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log | tail -20))"
	exit 1
fi

spawn A "$TOPO_DIR/send" "$Q" send 10.0.12.2 --tunnel-id 21 --rate 4mbit \
    --burst 32k --name php --refresh 1 -j
SEND=$BG_PID
if jwait "$TOPO_DIR/send" '.event == "resv"' 100; then
	pass "the sender gets its Resv (R2 egress, R1 admits the flow)"
else
	fail "the sender gets its Resv ($(tail -30 "$TOPO_DIR/R1.log"))"
fi
r1_up() { [ "$(lsp_r1 '.[0].state')" = '"up"' ]; }
wait_for 5 r1_up
L1=$(lsp_r1 '.[0].in_label')
check "R1's LSP is a QoS flow" test "$(lsp_r1 '.[0].qos')" = true
fl=$(ctl R1 flow list)
check "R1's flow pops: its out label is implicit null ($(jq -c '.[0].out_label' <<<"$fl"))" \
    test "$(jq '.[0].out_label' <<<"$fl")" = 3
rl=$(assigned)
check "one routelet took it ($rl)" test "$(assigned | wc -l)" = 1

count_ipv4 B b-r2 10.0.1.1 62 "$TOPO_DIR/count"
SINK=$BG_PID
sleep 0.5
spawn A "$TOPO_DIR/gen" "$BIN/bench-gen" -i a-r1 -d "$(mac R1 r1-a)" \
    -s "$(mac A a-r1)" -m "$L1" -a 10.0.1.1,10.0.2.2 -l 128 -r 1000 \
    -b 8 -T 3
GEN=$BG_PID
wait "$GEN"
wait "$SINK"
sent=$(awk '/^sent/ { print $2 }' "$TOPO_DIR/gen")
read -r got other <"$TOPO_DIR/count"
check "B gets every frame as IPv4 with TTL 62 ($got of $sent)" \
    test "${got:-0}" = "${sent:-x}"
check "none with another TTL ($other)" test "${other:-x}" = 0
fl=$(ctl R1 flow list)
check "the routelet delivered them (delivered $(jq '.[0].delivered_packets' <<<"$fl"))" \
    test "$(jq '.[0].delivered_packets' <<<"$fl")" -ge "${sent:-1}"

{ kill -TERM "$SEND"; wait "$SEND"; } 2>/dev/null
check "PathTear: the routelet goes back to the pool" wait_for 5 \
    sh -c "[ -z \"\$(cd $CG_CPU/$CGP && for d in rl*; do
	q=\$(cat \$d/cpu.cfs_quota_us \$d/cpu.max 2>/dev/null | cut -d' ' -f1);
	[ \"\$q\" = -1 ] || [ \"\$q\" = max ] || echo \$d; done)\" ]"
quasard_stop R1
check "R1 exits 0" test $? = 0
check "no routelet namespace left" \
    test "$(ip netns list | grep -c "^$NSP")" = 0
rmdir "$CG_CPU/$CGP" "$CG_MEM/$CGP" 2>/dev/null
exit $((fails > 0))
