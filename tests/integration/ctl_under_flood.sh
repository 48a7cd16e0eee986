#!/bin/bash
# The control plane under a best-effort flood (docs/egress.md, network
# control): A -> R1 -> R2 -> B, quasard on R1 with the netns backend (so
# its line cards carry the HTB classes; r1-r2 configured at 2 Mbit/s), R2
# best effort, Hello at its default interval (1 s, dead after 3.5 s) and
# refreshes every second, reservable 1 (lowered to what HTB leaves).  A Controlled-Load LSP is set up; then plain
# IPv4 from A to B (bench-gen, 22 Mbit/s, 11 times r1-r2's rate) floods
# R1's best-effort class on r1-r2 for 12 s: best effort drops, but R1's
# RSVP messages (SO_PRIORITY = class 1:3) are counted in the
# network-control class with no drop, no neighbour is declared dead on
# either side and the LSP stays up.  Then the proof by contrast: class
# 1:3 and its ARP filter deleted (RSVP and ARP fall back to best effort),
# the same flood makes R2 declare R1 lost within seconds.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="RSVP Hello and refreshes under a best-effort flood"
TOPO_PREFIX=cf$$
. tests/integration/lib/topo.sh
. tests/integration/qos_lib.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
qos_conf_r1 "pool min-idle 1 max-idle 1 max-total 1" "reservable 1"
sed -i 's/^interface r1-r2 rate 20mbit$/interface r1-r2 rate 2mbit/' \
    "$TOPO_DIR/R1.conf"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log | tail -20))"
	exit 1
fi

# nbr NODE ADDR KEY: KEY of neighbour ADDR in NODE's "neighbor list".
nbr() {
	jq -r --arg a "$2" ".neighbors[] | select(.address == \$a) | .$3" \
	    <<<"$(ctl "$1" "neighbor list")"
}
is_up() { [ "$(nbr "$1" "$2" state)" = up ]; }
both_up() { is_up R1 10.0.12.2 && is_up R2 10.0.12.1; }
losses() { echo $(( $(nbr R1 10.0.12.2 losses) + $(nbr R2 10.0.12.1 losses) )); }
lsp_up() { [ "$(ctl "$1" "lsp list" | jq -r '.[0].state')" = up ]; }
# cls CLASSID FIELD: "sent" bytes, "pkts" or "dropped" of a class on r1-r2.
cls() {
	on R1 tc -s class show dev r1-r2 classid "$1" | awk -v f="$2" '
	    /Sent/ { gsub(",", ""); if (f == "sent") print $2;
	        if (f == "pkts") print $4; if (f == "dropped") print $7; exit }'
}

# 250000 B/s less 8000 (control) and 1250 (best effort's floor).
check "R1 lowers reservable 1 on r1-r2 to what HTB leaves flows (0.963)" \
    grep -q "flows: r1-r2: reservable 1.000 lowered to 0.963" \
    "$TOPO_DIR/R1.log"
ctl_line=$(on R1 tc class show dev r1-r2 classid 1:3)
check "r1-r2 has network control 1:3 (prio 0, 64 kbit/s, ceil 2 Mbit/s)" \
    grep -q "parent 1:1 prio 0 rate 64Kbit ceil 2Mbit" <<<"$ctl_line"

spawn B "$TOPO_DIR/recv" "$Q" recv --label 3333 --refresh 1 -j
listening "$TOPO_DIR/recv" || fail "receiver on B ($(cat "$TOPO_DIR/recv"))"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 5 --rate 512kbit \
    --burst 10k --refresh 1 -j
SEND=$BG_PID
resv() { jwait "$TOPO_DIR/send" '.event == "resv"' 100; }
check "LSP up through R1 and R2, admitted as a flow on R1" resv
check "R1 holds it as a QoS flow" \
    test "$(ctl R1 "lsp list" | jq -r '.[0].qos')" = true
check "R1 and R2 are Hello neighbours" wait_for 10 both_up
check "RSVP from R1 is counted in 1:3 before the flood" \
    test "$(cls 1:3 pkts)" -gt 0

# --- the flood: 2000 frames/s of 1400 bytes into a 2 Mbit/s line card --
c_pkts0=$(cls 1:3 pkts)
be_drop0=$(cls 1:2 dropped)
spawn A "$TOPO_DIR/gen" "$BIN/bench-gen" -i a-r1 -d "$(mac R1 r1-a)" \
    -s "$(mac A a-r1)" -a 10.0.1.1,10.0.2.2 -l 1400 -r 2000 -T 13
GEN=$BG_PID
sleep 1
lost_at=
for ((i = 0; i < 24; i++)); do		# 12 s, every 0.5 s
	if ! both_up || [ "$(losses)" -ne 0 ]; then
		lost_at=$((i * 5))
		break
	fi
	sleep 0.5
done
be_drop1=$(cls 1:2 dropped)
be_sent=$(cls 1:2 sent)
check "the flood saturates best effort on r1-r2 ($((be_drop1 - be_drop0)) dropped)" \
    test $((be_drop1 - be_drop0)) -gt 1000
if [ -z "$lost_at" ]; then
	pass "no neighbour declared dead during 12 s of flood (Hello every 1 s)"
else
	fail "a neighbour went down after $((lost_at / 10)) s of flood ($(ctl R1 'neighbor list') $(ctl R2 'neighbor list'))"
fi
# The sender's events: its reservation never went away.
no_loss() {
	jq -e -s 'all(.[]; .event != "resv_lost" and .event != "patherr")' \
	    "$TOPO_DIR/send" >/dev/null
}
check "the sender never lost its Resv nor got a PathErr" no_loss
lsp_up R1 && lsp_up R2
check "R1 and R2 still hold the LSP up" test $? -eq 0
c_pkts1=$(cls 1:3 pkts)
check "R1's RSVP messages went through 1:3 during the flood ($((c_pkts1 - c_pkts0)) packets)" \
    test $((c_pkts1 - c_pkts0)) -ge 12
check "network control dropped nothing" test "$(cls 1:3 dropped)" = 0
wait "$GEN" 2>/dev/null
echo "flood: best effort sent $be_sent bytes, dropped $((be_drop1 - be_drop0)) packets"

# --- the contrast: without 1:3, RSVP queues behind the flood ----------
check "both neighbours still up before the contrast" wait_for 5 both_up
{ on R1 tc filter del dev r1-r2 parent 1: protocol arp prio 1 &&
    on R1 tc class del dev r1-r2 classid 1:3; } ||
    fail "delete the ARP filter and class 1:3 on r1-r2"
spawn A "$TOPO_DIR/gen2" "$BIN/bench-gen" -i a-r1 -d "$(mac R1 r1-a)" \
    -s "$(mac A a-r1)" -a 10.0.1.1,10.0.2.2 -l 1400 -r 2000 -T 12
t0=$SECONDS
r2_lost() { [ "$(nbr R2 10.0.12.1 losses)" -ge 1 ]; }
if wait_for 11 r2_lost; then
	pass "without network control the same flood makes R2 declare R1 lost ($((SECONDS - t0)) s)"
else
	fail "without network control R2 kept R1 ($(ctl R2 'neighbor list'))"
fi
kill "$BG_PID" 2>/dev/null

[ "$fails" -eq 0 ]
