#!/bin/bash
# Egress classes shape what they should: on a veth line card configured at
# 10 Mbit/s, the network-control class 1:3 (1%: 100 kbit/s, prio 0), two
# flows' classes (2 and 4 Mbit/s) and best effort (the 3.9 Mbit/s left)
# each carry their own rate while the flows and best effort are offered
# twice as much (control gets what it is offered, 80 kbit/s).  Traffic is marked with SO_PRIORITY (skb->priority = the
# class id), which is what the vif-ingress program does for routed frames.
# Needs root; everything lives in one namespace, egr-cls-<pid>.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
TOOL=$BUILD/bin/quasar-egress
NS=egr-cls-$$

. tests/integration/lib/check.sh
cleanup() { ip netns del "$NS" 2>/dev/null; }
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: egress classes (needs root)"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: egress classes (needs python3 to send traffic)"
	exit 0
fi
if [ ! -x "$TOOL" ]; then
	fail "$TOOL is not built"
	exit 1
fi

in_ns() { ip netns exec "$NS" "$@"; }

ip netns add "$NS" || exit 1
in_ns ip link set lo up
in_ns ip link add egc0 type veth peer name egc1 || exit 1
in_ns ip link set egc0 up
in_ns ip link set egc1 up
in_ns ip addr add 192.0.2.1/24 dev egc0
in_ns ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev egc0

LINE=1250000	# bytes/s: 10 Mbit/s
RATE_A=250000
RATE_B=500000
CTL=12500	# 1% of the line
BE=$((LINE - CTL - RATE_A - RATE_B))

out=$(in_ns "$TOOL" "classes egc0 $LINE" "flow-add egc0 $RATE_A 3000" \
	"flow-add egc0 $RATE_B 3000")
if [ $? -ne 0 ]; then
	fail "set up classes: $out"
	exit 1
fi
A=$(sed -n 2p <<<"$out" | awk '{print $2}')
B=$(sed -n 3p <<<"$out" | awk '{print $2}')
pass "classes $A and $B made on egc0"
if grep -q "^ok line $LINE reserved 0 control $CTL\$" <<<"$out"; then
	pass "classes answers the control rate ($CTL B/s)"
else
	fail "classes answered: $(head -1 <<<"$out")"
fi
ctl_line=$(in_ns tc class show dev egc0 classid 1:3)
if grep -q "parent 1:1 prio 0 rate 100Kbit ceil 10Mbit" <<<"$ctl_line"; then
	pass "network control 1:3: prio 0, rate 100Kbit, ceil the line"
else
	fail "network control 1:3: '$ctl_line'"
fi
be_line=$(in_ns tc class show dev egc0 classid 1:2)
if grep -q "parent 1:1 prio 1 rate $((BE * 8 / 1000))Kbit ceil 10Mbit" \
    <<<"$be_line"; then
	pass "best effort 1:2: prio 1, rate line - control - flows"
else
	fail "best effort 1:2: '$be_line'"
fi

# One sender per class, each paced at twice its class's rate, 1000 bytes
# a frame on the wire (958 bytes of UDP payload).
sender() {
	in_ns python3 - "$@" <<'PY'
import socket, sys, time
dur = float(sys.argv[1])
flows = []
for spec in sys.argv[2:]:
    prio, rate = spec.split("=")
    maj, mn = prio.split(":")
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_PRIORITY,
                 (int(maj, 16) << 16) | int(mn, 16))
    # A full queue (the socket's send buffer) must not stall the others.
    s.setblocking(False)
    flows.append([s, 2 * int(rate) / 1000.0, 0])
payload = b"q" * 958
start = time.time()
while True:
    now = time.time() - start
    if now >= dur:
        break
    for f in flows:
        while f[2] < now * f[1]:
            try:
                f[0].sendto(payload, ("192.0.2.2", 9))
            except OSError:
                pass
            f[2] += 1
    time.sleep(0.002)
PY
}

bytes_of() {
	in_ns tc -s class show dev egc0 classid "$1" |
		awk '/Sent/ { print $2; exit }'
}

# Control is offered 10000 B/s (twice 5000), within its 12500.
sender 5 "$A=$RATE_A" "$B=$RATE_B" "0:0=$BE" "1:3=5000" &
spid=$!
sleep 1.5	# let the queues fill
a0=$(bytes_of "$A"); b0=$(bytes_of "$B"); e0=$(bytes_of 1:2)
c0=$(bytes_of 1:3)
t0=$(date +%s.%N)
sleep 3
a1=$(bytes_of "$A"); b1=$(bytes_of "$B"); e1=$(bytes_of 1:2)
c1=$(bytes_of 1:3)
t1=$(date +%s.%N)
wait $spid

# Within -25% / +15% of the reserved rate: the machine is shared and noisy.
check_rate() {
	local name=$1 want=$2 got
	got=$(awk -v d="$3" -v t0="$t0" -v t1="$t1" \
		'BEGIN { printf "%d", d / (t1 - t0) }')
	if [ "$got" -ge $((want * 75 / 100)) ] &&
	    [ "$got" -le $((want * 115 / 100)) ]; then
		pass "$name carried $got B/s (expected $want)"
	else
		fail "$name carried $got B/s, want $want B/s"
	fi
}
check_rate "flow class $A" "$RATE_A" $((a1 - a0))
check_rate "flow class $B" "$RATE_B" $((b1 - b0))
check_rate "best effort 1:2" "$BE" $((e1 - e0))
check_rate "network control 1:3 (all it was offered)" 10000 $((c1 - c0))
c_drops=$(in_ns tc -s class show dev egc0 classid 1:3 |
	awk '/dropped/ { sub(",", "", $7); print $7; exit }')
if [ "$c_drops" = 0 ]; then
	pass "network control dropped nothing under the load"
else
	fail "network control dropped $c_drops packets"
fi

# With the flows idle, best effort borrows up to the line rate (its ceil).
sender 4 "0:0=$LINE" &
spid=$!
sleep 1
e0=$(bytes_of 1:2)
t0=$(date +%s.%N)
sleep 2.5
e1=$(bytes_of 1:2)
t1=$(date +%s.%N)
wait $spid
check_rate "best effort 1:2 alone (borrowing)" "$LINE" $((e1 - e0))

# A re-admitted flow gets its new rate at once; best effort follows.
out=$(in_ns "$TOOL" "classes egc0 $LINE" "flow-change egc0 $A 125000 3000" \
	"class egc0 $A" "class egc0 1:2")
if [ $? -eq 0 ] && grep -q "rate 125000 ceil 125000" <<<"$out" &&
    grep -q "rate $((BE + 125000)) ceil $LINE" <<<"$out"; then
	pass "flow class $A changed to 125000 B/s, best effort grew"
else
	fail "change flow class $A: $out"
fi

# Removing a flow's class sends its frames to best effort.
in_ns "$TOOL" "classes egc0 $LINE" "flow-del egc0 $B" >/dev/null
e0=$(bytes_of 1:2)
sender 0.5 "$B=100000"
e1=$(bytes_of 1:2)
if [ -z "$(in_ns tc class show dev egc0 classid "$B")" ] &&
    [ $((e1 - e0)) -gt 0 ]; then
	pass "flow class $B removed, its frames go to best effort"
else
	fail "flow class $B still there or best effort got nothing"
fi

# Teardown leaves the kernel's default qdisc.
in_ns "$TOOL" "classes egc0 $LINE" "teardown egc0" >/dev/null
if in_ns tc qdisc show dev egc0 | grep -q "noqueue"; then
	pass "teardown restored the default qdisc"
else
	fail "teardown left: $(in_ns tc qdisc show dev egc0)"
fi

exit $((fails > 0))
