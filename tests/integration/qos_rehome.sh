#!/bin/bash
# Re-homing (docs/flowops.md): A -> R1 -> R2 -> B, quasard on R1 with the
# netns backend (pool min-idle 2, max-total 3).  A 2 Mbit/s
# Controlled-Load flow carries 1000 labelled frames/s with sequence
# numbers; its routelet is killed with SIGKILL mid-stream.  R1 notices
# within a second and moves the flow make-before-break to an idle
# routelet; at B the gap (frames lost / rate) is under 1 s, no frame is
# reordered or duplicated, and the traffic runs to its end through the
# new routelet.  The dead one's remains go, the pool fills up again.
# Then with no idle routelet (pool resize 0 1) a second kill takes the
# flow down cleanly: PathErr and ResvErr (Admission Control Failure, no
# routelet) reach its ends, nothing is left; once the pool has a
# routelet again the receiver's refresh builds the flow anew.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="re-homing a QoS flow whose routelet died"
TOPO_PREFIX=qrh$$
. tests/integration/lib/topo.sh
. tests/integration/flowops_lib.sh

PPS=1000
SECS=6
if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
fo_conf_r1 "pool min-idle 2 max-idle 3 max-total 3"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(tail -20 "$TOPO_DIR"/R1.log))"
	exit 1
fi
check "R1's pool warms up: 2 idle routelets" \
    wait_for 10 sh -c "[ \$(ip netns list | grep -c '^$NSP') -ge 2 ]"
if ! fo_flow; then
	fail "a 2 Mbit/s flow through R1 ($(tail -30 "$TOPO_DIR/R1.log"))"
	exit 1
fi
pass "a 2 Mbit/s Controlled-Load flow is up through R1 (label $L1)"
old=$(assigned)
pid=$(rl_pid "$old")
check "one routelet holds it ($old, pid $pid)" \
    test "$(assigned | wc -w)" = 1 -a -n "$pid"

fo_traffic $PPS $SECS
sleep 2
t0=$(now_ms)
kill -KILL "$pid"
moved() { a=$(assigned); [ -n "$a" ] && [ "$a" != "$old" ]; }
if wait_for 3 moved; then
	t1=$(now_ms)
	new=$(assigned)
	check "R1 re-homed the flow to $new within 1 s ($((t1 - t0)) ms)" \
	    test $((t1 - t0)) -lt 1000
else
	fail "R1 re-homed the flow ($(grep -i 'rehom\|re-hom\|died' \
	    "$TOPO_DIR/R1.log" | tail -5))"
	new=
fi
check "still one routelet with a flow" test "$(assigned | wc -w)" = 1
wait "$GEN"
wait "$SINK"
sent=$(jq -s '.[-1].sent // .[-1].packets // 0' "$TOPO_DIR/gen.log" \
    2>/dev/null || echo 0)
got=$(sink packets)
lost=$(sink lost)
gap=$((lost * 1000 / PPS))
echo "gen: $(tail -1 "$TOPO_DIR/gen.log")" >&2
echo "sink: $(jq -c '.flows[0] | del(.latency_us)' "$TOPO_DIR/sink.json")" >&2
check "B got the flow before and after the kill ($got frames)" \
    test "$got" -gt $((PPS * (SECS - 2)))
check "the gap at B is under 1 s ($lost frames lost = $gap ms)" \
    test "$gap" -lt 1000
check "no frame reordered at B ($(sink reordered))" test "$(sink reordered)" = 0
check "no frame duplicated at B ($(sink duplicates))" \
    test "$(sink duplicates)" = 0
check "the flow ran to its end: B saw up to the last frames" \
    test "$(sink expected)" -ge $((PPS * SECS - PPS / 5))
if [ -n "$new" ]; then
	tx=$(on R1 ip -s -j link show "$new" | jq '.[0].stats64.rx.packets')
	check "the frames after the kill went through $new ($tx back from it)" \
	    test "${tx:-0}" -ge $((PPS * (SECS - 3)))
fi
check "the dead routelet's remains were destroyed" wait_for 5 \
    grep -q "routelet ${old#rl}: event destroyed, state dead" \
    "$TOPO_DIR/R1.log"
idle_is() { [ "$(idle_count)" = "$1" ]; }
check "the pool is back to 2 idle routelets" wait_for 10 idle_is 2
check "R1 logged the move" grep -q "re-homed from routelet ${old#rl} to ${new#rl}" \
    "$TOPO_DIR/R1.log"
if ctl R1 flow list >"$TOPO_DIR/flows.json" 2>/dev/null; then
	check "quasarctl flow list shows the flow on routelet ${new#rl}" \
	    test "$(jq '.[0].routelet' "$TOPO_DIR/flows.json")" = "${new#rl}"
else
	skip "quasarctl flow list (quasard does not register it yet)"
fi
# --- no idle routelet: the flow is refused cleanly, then comes back ---
qc() { "$BIN/quasarctl" -s "$TOPO_DIR/R1.sock" "$@"; }
nsn_is() { [ "$(ip netns list | grep -c "^$NSP")" = "$1" ]; }
qc pool resize 0 1 >/dev/null
check "pool resize 0 1: only the flow's routelet is left" \
    wait_for 10 nsn_is 1
cur=$(assigned)
kill -KILL "$(rl_pid "$cur")"
check "R1 finds no idle routelet and takes the flow down" wait_for 3 \
    grep -q "label $L1 (rehome): re-homing failed: routelet: no idle routelet" \
    "$TOPO_DIR/R1.log"
# Admission Control Failure, value 0x8003 (ADM_AC_POOL, ours: RFC 2205
# App. B "ss = 10").
check "the sender gets PathErr: admission control, no routelet" \
    jwait "$TOPO_DIR/send" '.event == "patherr" and .code == 1 and
	.value == 32771' 30
check "the receiver gets ResvErr: admission control, no routelet" \
    jwait "$TOPO_DIR/recv" '.event == "resverr" and .code == 1 and
	.value == 32771' 30
check "nothing of the flow is left: no flow, routelet, class" \
    test "$(ctl R1 flow list | jq length) $(assigned | wc -w)" = "0 0"
check "its HTB class is gone" sh -c "! nsenter --net=/run/netns/${NS[R1]} \
    tc class show dev r1-r2 | grep -q 'rate 2Mbit'"
qc pool resize 1 1 >/dev/null
back() { [ "$(ctl R1 flow list | jq length)" = 1 ]; }
check "pool resize 1 1: the receiver's next refresh builds it again" \
    wait_for 10 back

{ kill -TERM "$SEND"; wait "$SEND"; } 2>/dev/null
quasard_stop R1
check "R1 exits 0" test $? = 0
check "no routelet namespace left" test "$(ip netns list | grep -c "^$NSP")" = 0
rmdir "$CG_CPU/$CGP" 2>/dev/null
exit $((fails > 0))
