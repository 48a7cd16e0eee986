#!/bin/bash
# quasar-testbed builds a three-node topology from a file (addresses,
# routes, sysctls, shaping, MACs, the router's quasard.conf), `up` is
# idempotent, `exec` keeps the bpffs in sight, quasar-gen's traffic
# reaches quasar-sink through it (UDP and labelled frames, the label
# learnt from a quasar-rsvp session), the shaped link limits throughput,
# quasard starts from the generated quasard.conf, and `down` stops it and
# leaves nothing.
#
#   A a0 ---- r0 R r1 ---- b0 B        (r1-b0 shaped to 20 Mbit/s)
#   10.1.1.1/24  .2  10.1.2.1/24  .2
TOPO_WHAT="testbed topology"
. "$(dirname "$0")/lib/topo.sh"

TB=$BIN/quasar-testbed
for b in quasar-testbed quasar-gen quasar-sink quasar-rsvp; do
	if [ ! -x "$BIN/$b" ]; then
		echo "FAIL: $BIN/$b not built"
		exit 1
	fi
done
PFX=tbt$$
F=$TOPO_DIR/line.topo
RUN=/run/quasar-testbed/$PFX
R_MAC=02:51:00:01:00:00

cleanup() {
	local pid
	for pid in $BG; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	"$TB" -p "$PFX" down "$F" >/dev/null 2>&1
	topo_down
}
BG=
trap cleanup EXIT

cat >"$F" <<'EOF'
node A
router R router-id 10.9.9.1 backend netns dataplane bpf linecards r0,r1
node B
router-conf R refresh-interval 1s
link A:a0 R:r0
link R:r1 B:b0 rate 20mbit
addr A:a0 10.1.1.1/24
addr R:r0 10.1.1.2/24
addr R:r1 10.1.2.1/24
addr B:b0 10.1.2.2/24
addr R:lo 10.9.9.1/32
route A default via 10.1.1.2
route B default via 10.1.2.1
EOF

tb() { "$TB" -p "$PFX" "$@"; }
jqt() { jq -e "$@" >/dev/null; }
ex() { local node=$1; shift; "$TB" -p "$PFX" exec "$F" "$node" "$@"; }
# bg OUT NODE CMD...: CMD in NODE in the background (quasar-testbed exec
# becomes CMD, so BG_PID is CMD's pid), output to OUT.
bg() {
	local out=$1 node=$2; shift 2
	: >"$out"
	"$TB" -p "$PFX" exec "$F" "$node" "$@" >"$out" 2>&1 &
	BG="$BG $!"
	BG_PID=$!
}

# show -j needs no root and builds nothing.
tb -j show "$F" >"$TOPO_DIR/show.json"
check "show -j names the namespaces with the prefix" \
	[ "$(jq -r '.nodes[1].netns' "$TOPO_DIR/show.json")" = "$PFX-R" ]
check "show -j gives R's quasard.conf with the shaped line card" \
	jqt '.nodes[1].router.quasard_conf |
	    contains("interface r1 rate 20000000bit\n")' "$TOPO_DIR/show.json"
check "show builds nothing" [ ! -e "/run/netns/$PFX-A" ]

tb up "$F"
check "up succeeds" [ $? -eq 0 ]
check "up makes the three namespaces" \
	[ -e "/run/netns/$PFX-A" -a -e "/run/netns/$PFX-R" -a \
	    -e "/run/netns/$PFX-B" ]
check "R:r0 has its address" sh -c "ip -n $PFX-R -j addr show dev r0 |
    jq -e '.[0].addr_info | any(.local == \"10.1.1.2\" and
    .prefixlen == 24)' >/dev/null"
check "R:r0 has its deterministic MAC" \
	[ "$(ip -n "$PFX-R" -j link show dev r0 | jq -r '.[0].address')" = \
	    "$R_MAC" ]
check "R:lo has the router id" sh -c "ip -n $PFX-R -br addr show dev lo |
    grep -q 10.9.9.1/32"
check "A routes by default via R" sh -c "ip -n $PFX-A route show default |
    grep -q 'via 10.1.1.2 dev a0'"
check "R forwards, A does not" sh -c "
    [ \$(nsenter --net=/run/netns/$PFX-R cat /proc/sys/net/ipv4/ip_forward) = 1 ] &&
    [ \$(nsenter --net=/run/netns/$PFX-A cat /proc/sys/net/ipv4/ip_forward) = 0 ]"
check "R:r1 is shaped by tbf at 20 Mbit/s" sh -c "tc -n $PFX-R qdisc show \
    dev r1 | grep -q 'tbf 1: root .*rate 20Mbit'"
check "B:b0 is shaped too (both directions)" sh -c "tc -n $PFX-B qdisc \
    show dev b0 | grep -q 'rate 20Mbit'"
check "R:r0 is not shaped" sh -c "! tc -n $PFX-R qdisc show dev r0 |
    grep -q tbf"
check "R.conf in the run directory is what show -j says" \
	[ "$(cat "$RUN/R.conf")" = \
	    "$(jq -r '.nodes[1].router.quasard_conf' "$TOPO_DIR/show.json" |
	    sed '$d')" ]

tb up "$F"
check "a second up succeeds (idempotent)" [ $? -eq 0 ]
check "a second up adds no address twice" [ "$(ip -n "$PFX-R" -j addr \
    show dev r0 | jq '[.[0].addr_info[] | select(.family == "inet")] |
    length')" = 1 ]
tb status "$F" >/dev/null
check "status says up (exit 0)" [ $? -eq 0 ]
check "status -j lists every interface present" \
	[ "$(tb -j status "$F" | jq -r '.state')" = up ]

check "exec runs in the node's namespace" sh -c "'$TB' -p $PFX exec '$F' \
    B ip -br addr show dev b0 | grep -q 10.1.2.2/24"
if mountpoint -q /sys/fs/bpf; then
	check "exec leaves the bpffs in sight (nsenter, not ip netns exec)" \
		[ "$(ex A stat -f -c %T /sys/fs/bpf)" = bpf_fs ]
else
	skip "exec and bpffs (no bpffs mounted on this host)"
fi
check "exec of an unknown node fails" sh -c "! '$TB' -p $PFX exec '$F' \
    Z true 2>/dev/null"

# UDP through R, unshaped direction then shaped: every packet counted.
bg "$TOPO_DIR/sink1.json" B "$BIN/quasar-sink" -u 5001 --idle 1 -T 20 \
    -q --csv "$TOPO_DIR/sink1.csv" -j -
SINK=$BG_PID
sleep 0.3
ex A "$BIN/quasar-gen" -u 10.1.2.2:5001 -r 2000 -c 4000 -s 200 -f 3 -j \
    >"$TOPO_DIR/gen1.json"
wait "$SINK"
j=$TOPO_DIR/sink1.json
check "gen sent 4000 datagrams" [ "$(jq .sent "$TOPO_DIR/gen1.json")" = 4000 ]
check "sink counted 4000 packets of flow 3, none lost" \
	jqt '.flows[0] | .flow == 3 and .packets == 4000 and .lost == 0 and
	    .duplicates == 0 and .reordered == 0' "$j"
check "sink reports a one-way latency (0 < p50 <= p99 < 20 ms)" \
	jqt '.flows[0].latency_us | .p50 > 0 and .p50 <= .p99 and
	    .p99 <= ."p99.9" and .p99 < 20000' "$j"
check "sink CSV has the header and flow 3" sh -c "head -1 \
    '$TOPO_DIR/sink1.csv' | grep -q '^flow,packets,bytes,expected,lost' &&
    grep -q '^3,4000,800000,4000,0,' '$TOPO_DIR/sink1.csv'"

# 40 Mbit/s offered into the 20 Mbit/s link: the link sets the rate.
bg "$TOPO_DIR/sink2.json" B "$BIN/quasar-sink" -u 5001 --idle 1 -T 20 \
    -q -j -
SINK=$BG_PID
sleep 0.3
ex A "$BIN/quasar-gen" -u 10.1.2.2:5001 -b 40mbit -T 3 -s 1000 -f 4 -j \
    >"$TOPO_DIR/gen2.json"
wait "$SINK"
j=$TOPO_DIR/sink2.json
echo "  shaped: offered $(jq '.bps / 1e6 | floor' "$TOPO_DIR/gen2.json") Mbit/s," \
    "delivered $(jq '.flows[0].throughput_bps / 1e6 | . * 10 | floor / 10' "$j")" \
    "Mbit/s, loss $(jq '.flows[0].loss_pct | floor' "$j")%"
check "the shaped link delivers 15-21 Mbit/s of 40" \
	jqt '.flows[0].throughput_bps | . > 15e6 and . < 21e6' "$j"
check "the shaped link drops what does not fit (loss > 25%)" \
	jqt '.flows[0].loss_pct > 25' "$j"
check "queueing in the shaper shows in the latency (p50 > 10 ms)" \
	jqt '.flows[0].latency_us.p50 > 10000' "$j"

# Bursts of 20 ms every 100 ms at 5000 pps for 2 s: 2000 packets; the
# monotonic clock; the progress line on stderr.
bg "$TOPO_DIR/sink5.err" B "$BIN/quasar-sink" -u 5001 --idle 1.5 -T 20 \
    -j "$TOPO_DIR/sink5.json"
SINK=$BG_PID
sleep 0.3
ex A "$BIN/quasar-gen" -u 10.1.2.2:5001 -r 5000 --on 20 --off 80 -T 2 \
    --clock monotonic -f 5 -j >"$TOPO_DIR/gen5.json"
wait "$SINK"
check "on/off bursts send the on-time's share (2000 of 10000)" \
	jqt '.sent == 2000 and .clock == "monotonic"' "$TOPO_DIR/gen5.json"
check "all 2000 arrive, latency measured on the monotonic clock" \
	jqt '.flows[0] | .packets == 2000 and .lost == 0 and
	    .latency_us.p50 > 0 and .latency_us.p99 < 20000' \
	    "$TOPO_DIR/sink5.json"
check "the sink prints a progress line every second" \
	grep -q "^quasar-sink: .* 1 flows .* packets .* pps" \
	    "$TOPO_DIR/sink5.err"

# Labelled frames: R has no MPLS, but a packet socket on r0 sees them.
bg "$TOPO_DIR/sink3.json" R "$BIN/quasar-sink" -i r0 --label 1000 \
    --by-label --idle 1 -T 20 -q -j -
SINK=$BG_PID
sleep 0.3
ex A "$BIN/quasar-gen" -i a0 --dst-mac $R_MAC --dst 10.1.2.2 --label 1000 \
    --tc 5 -r 1000 -c 500 -s 100 -f 9 >/dev/null
wait "$SINK"
check "labelled frames counted per top label" \
	jqt '.key == "label" and (.flows | length) == 1 and
	    .flows[0].label == 1000 and .flows[0].packets == 500 and
	    .flows[0].bytes == 50000 and
	    .flows[0].latency_us.p50 > 0 and .flows[0].latency_us.p99 < 20000' \
	    "$TOPO_DIR/sink3.json"

# Following a quasar-rsvp session: B answers A's Path with label 2000
# (no quasard on R, so the Path goes straight through); the generator
# learns it from the sender's -j output, and holds its frames back when
# the receiver tears the reservation down.
bg "$TOPO_DIR/recv.out" B "$BIN/quasar-rsvp" recv --label 2000 -j
RECV=$BG_PID
listening "$TOPO_DIR/recv.out"
bg "$TOPO_DIR/send.out" A "$BIN/quasar-rsvp" send 10.1.2.2 \
    --tunnel-id 7 --rate 1mbit --burst 10k -j
bg "$TOPO_DIR/sink4.json" R "$BIN/quasar-sink" -i r0 --by-label -T 4 \
    -q -j -
SINK=$BG_PID
sleep 0.3
bg "$TOPO_DIR/gen4.json" A "$BIN/quasar-gen" -i a0 --dst-mac $R_MAC \
    --dst 10.1.2.2 --label-from "$TOPO_DIR/send.out" --tunnel-id 7 \
    --label-wait 10 -r 1000 -T 3 -j
GEN=$BG_PID
wait_for 5 grep -q '"event":"resv"' "$TOPO_DIR/send.out"
sleep 1
kill -TERM "$RECV"
wait "$GEN"
wait "$SINK"
check "the generator learnt label 2000 from quasar-rsvp send -j" \
	jqt '.flows | any(.label == 2000 and .packets > 300)' \
	    "$TOPO_DIR/sink4.json"
check "and held frames back once the Resv was torn down" \
	jqt '.no_label > 300 and .label_changes == 2' \
	    "$TOPO_DIR/gen4.json"

# The runner's way to start quasard: exec with the generated conf, plus
# the QoS statements it chooses (here "backend none": the netns backend
# would want a rate on every line card and the root qdiscs to itself).
# down stops it (SIGTERM) and its pins go.
{ cat "$RUN/R.conf"; echo "backend none"; } >"$TOPO_DIR/R.conf"
bg "$TOPO_DIR/quasard.log" R "$BIN/quasard" -d -f "$TOPO_DIR/R.conf"
QD=$BG_PID
check "quasard starts in R from the generated quasard.conf" \
	wait_for 10 test -s "$RUN/R/quasard.pid"
check "its control socket answers" sh -c "'$BIN/quasarctl' -s $RUN/R.sock \
    -j stats | jq -e . >/dev/null"
check "its data plane pinned under its instance name" \
	test -d "/sys/fs/bpf/quasar/$PFX-R"

tb down "$F"
check "down succeeds" [ $? -eq 0 ]
check "down stopped quasard" sh -c "! kill -0 $QD 2>/dev/null"
check "and its pins are gone" test ! -e "/sys/fs/bpf/quasar/$PFX-R"
check "down leaves no namespace of the run" \
	[ -z "$(ip netns list | grep "^$PFX-")" ]
check "down removes the run directory" [ ! -e "$RUN" ]
tb status "$F" >/dev/null
check "status says down (exit 3)" [ $? -eq 3 ]
tb down "$F"
check "a second down is fine" [ $? -eq 0 ]

[ "$fails" -eq 0 ]
