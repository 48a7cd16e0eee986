#!/bin/bash
# The routelet's xenstore channel against the real xenstored, with a real
# domid and permissions: dom0 gives the guest /local/domain/<domid>/quasar,
# writes its config text to the one node quasar/config and reads
# quasar/status; labelled
# frames sent from dom0 into vif<domid>.0 come back swapped (1000 -> 2000)
# with TTL 63, the vif's counters and the counters the guest writes to
# quasar/counters/ move.
. "$(dirname "$0")/lib/common.sh"

d=$(domid "$RL_NAME") || { fail "no domain $RL_NAME (20-xl-create failed?)"; exit 1; }
Q=/local/domain/$d/quasar
VIF=vif$d.0
guest_mac=$(xenstore-read "/local/domain/$d/device/vif/0/mac")
vif_mac=$(cat "/sys/class/net/$VIF/address")
check "guest MAC in xenstore ($guest_mac), dom0 end $VIF ($vif_mac)" \
	test -n "$guest_mac" -a -n "$vif_mac"

# Owner dom0, nobody else, the guest may read and write.
xenstore-rm "$Q" 2>/dev/null
check "dom0 makes $Q for the guest" \
	sh -c "xenstore-write $Q '' && xenstore-chmod $Q n0 b$d"
# config GEN OUT-LABEL [RATE]: the flow's config text (routelet/config.h)
config() {
	printf 'generation %s\nflow-id 7\nname xen-test\nin-label 1000\nout-label %s\nnexthop-mac %s\nsource-mac %s\nrate %s\nbucket 1000000\npeak inf\nmin-unit 64\nmax-size 1500\n' \
	    "$1" "$2" "$vif_mac" "$guest_mac" "${3:-100000000}"
}
start=$(now_ms)
check "dom0 writes the config (quasar/config, generation 1)" \
	xenstore-write "$Q/config" "$(config 1 2000)"
st() { test "$(xenstore-read "$Q/$1" 2>/dev/null)" = "$2"; }
check "the guest applied generation 1 (quasar/status 'ok 1')" \
	wait_for 30 st status "ok 1"
report xenstore_config_ms $(($(now_ms) - start))
check "the guest writes its counters (quasar/counters/generation 1)" \
	wait_for 10 st counters/generation 1

rx0=$(cat "/sys/class/net/$VIF/statistics/rx_packets")
tx0=$(cat "/sys/class/net/$VIF/statistics/tx_packets")
# The sink counts only label 2000 (-f): the frames dom0 sends carry 1000.
bench-sink -i "$VIF" -m 2000 -f -t 63 -d "$vif_mac" -w 0 -W 20 -T 3 \
	>/tmp/sink.out 2>&1 &
sink=$!
sleep 1
check "bench-gen sends 300 frames labelled 1000 TTL 64 into $VIF" \
	bench-gen -i "$VIF" -d "$guest_mac" -s "$vif_mac" -m 1000 -t 64 \
	-r 100 -T 3
wait "$sink"
rc=$?
frames=$(sed -n 's/.*frames \([0-9]*\).*/\1/p' /tmp/sink.out)
check "frames come back on $VIF as label 2000, TTL 63 (bench-sink: $(cat /tmp/sink.out))" \
	test "$rc" -eq 0 -a "${frames:-0}" -gt 0
rx1=$(cat "/sys/class/net/$VIF/statistics/rx_packets")
tx1=$(cat "/sys/class/net/$VIF/statistics/tx_packets")
check "$VIF counters moved (tx $tx0 -> $tx1, rx $rx0 -> $rx1)" \
	test $((tx1 - tx0)) -ge 300 -a $((rx1 - rx0)) -ge "${frames:-1}"
moved() { test "$(xenstore-read "$Q/counters/$1" 2>/dev/null || echo 0)" -ge "$2"; }
# The emulated vif may drop some on the way in: the guest counts at least
# every frame that came back.
check "xenstore counters moved: rx-packets >= ${frames:-1}" \
	wait_for 5 moved rx-packets "${frames:-1}"
check "xenstore counters moved: tx-packets >= ${frames:-1}" \
	wait_for 5 moved tx-packets "${frames:-1}"
echo "guest counters: $(for c in rx-packets tx-packets dropped-packets bad-label-packets; do
	printf '%s=%s ' "$c" "$(xenstore-read "$Q/counters/$c" 2>/dev/null)"; done)"

# A bad value is refused and the status names it; the old config stays.
xenstore-write "$Q/config" "$(config 2 2000 fast)"
check "a bad rate is refused in quasar/status" \
	wait_for 10 sh -c "xenstore-read $Q/status | grep -q '^error 2:'"
xenstore-write "$Q/config" "$(config 3 3000)"
check "generation 3 applied" wait_for 10 st status "ok 3"
show_on_failure "$RL_NAME"
[ "$fails" -eq 0 ]
