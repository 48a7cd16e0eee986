#!/bin/bash
# quasarctl pool show, pool resize, routelet list and flow list against
# quasard with the netns backend (docs/flowops.md, quasarctl(8)):
# A -> R1 -> R2 -> B, a 2 Mbit/s Controlled-Load flow through R1 with
# labelled traffic; the replies match cgroupfs, the namespaces, the
# traffic sent, and the text tables print.  Skipped while quasard does
# not register the commands (docs/flows.md, open request 1).
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="quasarctl pool, routelet and flow commands"
TOPO_PREFIX=qct$$
. tests/integration/lib/topo.sh
. tests/integration/flowops_lib.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
fo_conf_r1 "pool min-idle 2 max-idle 3 max-total 4"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(tail -20 "$TOPO_DIR"/R1.log))"
	exit 1
fi
if ! "$BIN/quasarctl" -s "$TOPO_DIR/R1.sock" -j pool show >/dev/null 2>&1
then
	skip "$TOPO_WHAT: quasard does not register them yet"
	exit 0
fi
qc() { "$BIN/quasarctl" -s "$TOPO_DIR/R1.sock" "$@"; }
nsn() { ip netns list | grep -c "^$NSP"; }
nsn_is() { [ "$(nsn)" = "$1" ]; }

check "the pool warms up: 2 idle routelets" wait_for 10 \
    sh -c "[ \$(ip netns list | grep -c '^$NSP') -ge 2 ]"
ps=$(ctl R1 pool show)
check "pool show: backend netns, limits 2/3/4" test \
    "$(echo "$ps" | jq -c '[.backend, .min_idle, .max_idle, .max_total]')" \
    = '["netns",2,3,4]'
check "pool show: 2 idle, nothing assigned, 2 created" test \
    "$(echo "$ps" | jq -c '[.routelets.idle, .routelets.assigned,
	.counters.created]')" = '[2,0,2]'
check "pool show prints its limits line" sh -c \
    "'$BIN/quasarctl' -s '$TOPO_DIR/R1.sock' pool show |
     grep -q '^backend netns: min-idle 2, max-idle 3, max-total 4$'"

if ! fo_flow; then
	fail "a 2 Mbit/s flow through R1 ($(tail -30 "$TOPO_DIR/R1.log"))"
	exit 1
fi
pass "a 2 Mbit/s Controlled-Load flow is up through R1 (label $L1)"
rl=$(assigned)
fo_traffic 500 2
wait "$GEN"
wait "$SINK"
sent=$(jq -s '.[-1].sent // 0' "$TOPO_DIR/gen.log" 2>/dev/null || echo 0)

fl=$(ctl R1 flow list)
check "flow list: one flow" test "$(echo "$fl" | jq length)" = 1
check "flow list: its session, sender, name" test \
    "$(echo "$fl" | jq -c '.[0] | [.endpoint, .tunnel_id, .sender, .name]')" \
    = '["10.0.2.2",11,"10.0.1.1","rehome"]'
check "flow list: controlled-load at 2 Mbit/s (250000 B/s)" test \
    "$(echo "$fl" | jq -c '.[0] | [.service, .rate]')" \
    = '["controlled-load",250000]'
check "flow list: routelet ${rl#rl}, in label $L1, a class" test \
    "$(echo "$fl" | jq -c '.[0] | [.routelet, .in_label, (.class != null)]')" \
    = "[${rl#rl},$L1,true]"
check "flow list: the demux steered the $sent frames to it" \
    test "$(echo "$fl" | jq '.[0].steered_packets')" -ge "$sent"
check "flow list: its routelet delivered them" \
    test "$(echo "$fl" | jq '.[0].delivered_packets // 0')" -ge $((sent - 5))
check "flow list prints a table" sh -c "'$BIN/quasarctl' -s \
    '$TOPO_DIR/R1.sock' flow list | grep -q '^ENDPOINT .* RESTORED$'"

rls=$(ctl R1 routelet list)
me=$(echo "$rls" | jq -c ".[] | select(.id == ${rl#rl})")
check "routelet list: $rl assigned to the flow" test \
    "$(echo "$me" | jq -c '[.state, .interface, .flow, .flow_label]')" \
    = "[\"assigned\",\"$rl\",\"10.0.2.2 11/1\",$L1]"
q=$(cat "$CG_CPU/$CGP/$rl/cpu.cfs_quota_us" "$CG_CPU/$CGP/$rl/cpu.max" \
    2>/dev/null | head -1 | cut -d' ' -f1)
check "routelet list: its CPU cap is cgroupfs's ($q us)" \
    test "$(echo "$me" | jq .cpu_quota_us)" = "$q"
check "routelet list: it used CPU time" \
    test "$(echo "$me" | jq '.cpu_ns // 0')" -gt 0
check "routelet list: its counters say it forwarded the frames" \
    test "$(echo "$me" | jq '.counters.tx_packets // 0')" -ge $((sent - 5))
check "routelet list: the others are idle with no flow" test \
    "$(echo "$rls" | jq -c "[.[] | select(.id != ${rl#rl}) |
	.state + (.flow // \"-\")] | unique")" = '["idle-"]'
check "routelet list prints a table" sh -c "'$BIN/quasarctl' -s \
    '$TOPO_DIR/R1.sock' routelet list | grep -q '^ID .*POLICED  *BACKEND$'"

check "pool resize 3 4: min-idle 3, max-idle kept at 3" test \
    "$(qc -j pool resize 3 4 | jq -c '[.min_idle, .max_idle, .max_total]')" \
    = '[3,3,4]'
check "the pool grows to 3 idle + 1 assigned namespaces" \
    wait_for 10 nsn_is 4
out=$(qc pool resize 3 2 2>&1)
check "pool resize 3 2 is refused (exit 1) and says why" \
    sh -c "! '$BIN/quasarctl' -s '$TOPO_DIR/R1.sock' pool resize 3 2 \
	>/dev/null 2>&1 && echo '$out' | grep -q 'min_idle (3) <= max_idle'"
check "pool resize min 0 max 2 max-idle 1: the idle ones above go" \
    test "$(qc -j pool resize min 0 max 2 max-idle 1 | jq -c \
	'[.min_idle, .max_idle, .max_total]')" = '[0,1,2]'
if wait_for 10 nsn_is 2; then
	pass "1 idle + 1 assigned namespaces remain"
else
	fail "1 idle + 1 assigned namespaces remain ($(nsn): $(qc pool show))"
fi

{ kill -TERM "$SEND"; wait "$SEND"; } 2>/dev/null
check "the flow goes: flow list is empty" wait_for 5 \
    sh -c "[ \"\$('$BIN/quasarctl' -s '$TOPO_DIR/R1.sock' -j flow list |
	jq length)\" = 0 ]"
quasard_stop R1
check "R1 exits 0" test $? = 0
check "no routelet namespace left" test "$(nsn)" = 0
rmdir "$CG_CPU/$CGP" 2>/dev/null
exit $((fails > 0))
