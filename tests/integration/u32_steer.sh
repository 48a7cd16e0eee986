#!/bin/bash
# The u32 data plane steers by label: frames with label 1000 injected on
# line card egu0 reach routelet vif egv0, label 2000 reaches egw0, other
# labels and other ethertypes stay put; the per-entry counters match; what
# the routelet sends back out of its vif reaches the line card.  One
# quasar-egress instance holds the entries while the frames are sent.
# Needs root; everything lives in one namespace, egr-u32-<pid>.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
TOOL=$BUILD/bin/quasar-egress
NS=egr-u32-$$

. tests/integration/lib/check.sh
cleanup() {
	if [ -n "${TOOLP_PID:-}" ]; then
		kill "$TOOLP_PID" 2>/dev/null
	fi
	ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: u32 steering (needs root)"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: u32 steering (needs python3 to inject frames)"
	exit 0
fi
if [ ! -x "$TOOL" ]; then
	fail "$TOOL is not built"
	exit 1
fi

in_ns() { ip netns exec "$NS" "$@"; }

ip netns add "$NS" || exit 1
in_ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
in_ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1
in_ns ip link set lo up
for p in egu0:egu1 egv0:egv1 egw0:egw1; do
	in_ns ip link add "${p%:*}" type veth peer name "${p#*:}" || exit 1
	in_ns ip link set "${p%:*}" up
	in_ns ip link set "${p#*:}" up
done

# inject DEV ETHERTYPE LABEL COUNT: labelled frames, TTL 64, S=1.
inject() {
	in_ns python3 - "$@" <<'PY'
import socket, struct, sys
dev, etype, label, n = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
lse = (label << 12) | (1 << 8) | 64
frame = (bytes.fromhex("020000000001020000000002") + struct.pack("!HI", etype, lse)
         + b"\x45" + bytes(41))
for _ in range(n):
    s.send(frame)
PY
}

rx() { in_ns cat "/sys/class/net/$1/statistics/rx_packets"; }

# Its log lines go to stderr, its answers to the pipe.
coproc TOOLP { ip netns exec "$NS" "$TOOL"; }
# tool CMD...: send one command, print its answer, fail unless "ok".
tool() {
	local line
	echo "$*" >&"${TOOLP[1]}"
	if ! read -r -t 10 line <&"${TOOLP[0]}"; then
		echo "no answer to: $*"
		return 1
	fi
	echo "$line"
	[[ $line == ok* ]]
}

if tool dp-open u32 >/dev/null && tool dp-linecard egu0 >/dev/null &&
    tool dp-steer 1000 egv0 >/dev/null && tool dp-steer 2000 egw0 >/dev/null
then
	pass "line card egu0 attached, labels 1000 and 2000 steered"
else
	fail "set up u32 steering"
	exit 1
fi
hashed=$(in_ns tc filter show dev egu0 ingress | grep -c "link 1:")
[ "$hashed" -eq 1 ] && pass "one hashing filter links to table 1:" ||
	fail "hashing filter: $(in_ns tc filter show dev egu0 ingress)"

v0=$(rx egv1); w0=$(rx egw1)
inject egu1 0x8847 1000 20
inject egu1 0x8847 2000 7
v1=$(rx egv1); w1=$(rx egw1)
[ $((v1 - v0)) -eq 20 ] && pass "20 frames of label 1000 reached vif egv0" ||
	fail "label 1000: egv0 got $((v1 - v0)) of 20"
[ $((w1 - w0)) -eq 7 ] && pass "7 frames of label 2000 reached vif egw0" ||
	fail "label 2000: egw0 got $((w1 - w0)) of 7"

# Label 1256 hashes to the same bucket as 1000 but has no entry; 0x8848
# (multicast MPLS) and IPv4 frames carrying label 1000's bytes are not
# steered either.
inject egu1 0x8847 1256 5
inject egu1 0x8848 1000 5
inject egu1 0x0800 1000 5
v2=$(rx egv1); w2=$(rx egw1)
[ "$v2" -eq "$v1" ] && [ "$w2" -eq "$w1" ] &&
	pass "other labels and ethertypes are not steered" ||
	fail "stray frames steered: egv0 +$((v2 - v1)), egw0 +$((w2 - w1))"

out=$(tool dp-count 1000)
[[ $out == "ok packets 20 bytes 920" ]] &&
	pass "label 1000 counted 20 packets, 920 bytes (from the label on)" ||
	fail "label 1000 counters: $out"
out=$(tool dp-count 2000)
[[ $out == "ok packets 7 "* ]] && pass "label 2000 counted 7 packets" ||
	fail "label 2000 counters: $out"

# u32 cannot swap: the entry is refused and nothing is steered.
out=$(tool dp-swap 5000 6000 egu0 02:00:00:00:00:09)
v3=$(rx egv1); w3=$(rx egw1)
inject egu1 0x8847 5000 3
[[ $out == error:* ]] && [ "$(rx egv1)" -eq "$v3" ] &&
    [ "$(rx egw1)" -eq "$w3" ] &&
	pass "swap refused by the u32 data plane ($out)" ||
	fail "swap on u32: $out"

# An entry removed stops steering at once.
tool dp-del 2000 >/dev/null
inject egu1 0x8847 2000 3
[ "$(rx egw1)" -eq "$w2" ] && pass "label 2000 unsteered: egw0 gets nothing" ||
	fail "label 2000 still steered after u32-unsteer"

# The routelet's frames come back out of its vif to the line card.
if tool dp-vif egv0 egu0 >/dev/null; then
	u0=$(rx egu1)
	inject egv1 0x8847 3000 9
	u1=$(rx egu1)
	[ $((u1 - u0)) -eq 9 ] &&
		pass "9 frames from vif egv0 reached line card egu0" ||
		fail "vif return: egu0 sent $((u1 - u0)) of 9"
	out=$(tool dp-vif-count egv0)
	[[ $out == "ok packets 9 "* ]] && pass "vif egv0 counted 9 packets" ||
		fail "vif egv0 counters: $out"
else
	fail "attach vif egv0"
fi

tool dp-close teardown >/dev/null
left=$(in_ns tc filter show dev egu0 ingress; in_ns tc filter show dev egv0 ingress)
[ -z "$left" ] && pass "teardown removed every filter" ||
	fail "filters left after teardown: $left"

exit $((fails > 0))
