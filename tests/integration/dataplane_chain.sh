#!/bin/bash
# The whole data path of one box, in four namespaces:
#
#   sender --a/la--> dom0 --v/r--> routelet --r/v--> dom0 --lb/b--> sink
#   (line card A)     demux        quasar-routelet    vif return,  (line card B)
#                                  swaps 1000->2000   egress class
#
# Labelled frames go in at line card A; the sink checks the swapped label,
# the TTL and the MACs, and the counters are compared with what was sent:
# the demux entry, the flow's egress class on line card B (reached through
# skb->priority set by the vif program), the best-effort swap in dom0
# (3000->4000, best-effort class), then the same routelet path again with
# the u32 data plane.  dom0 is driven by quasar-egress, the routelet by its
# own config file.  Needs root, python3, and both demux's and the
# routelet's builds; namespaces and links are named egrch<pid>*.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
TOOL=$BUILD/bin/quasar-egress
RL=$BUILD/bin/quasar-routelet
P=egrch$$
NS_A=$P-a NS_D=$P-d NS_R=$P-r NS_B=$P-b
TMP=$(mktemp -d "/tmp/$P.XXXXXX")
RPID=

. tests/integration/lib/check.sh
cleanup() {
	[ -n "${TOOLP_PID:-}" ] && kill "$TOOLP_PID" 2>/dev/null
	[ -n "$RPID" ] && kill "$RPID" 2>/dev/null && wait "$RPID" 2>/dev/null
	for ns in "$NS_A" "$NS_D" "$NS_R" "$NS_B"; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: data-plane chain (needs root)"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: data-plane chain (needs python3 to send and capture)"
	exit 0
fi
for b in "$TOOL" "$RL"; do
	if [ ! -x "$b" ]; then
		fail "$b is not built"
		exit 1
	fi
done

MAC_A=02:65:67:00:00:aa	MAC_LA=02:65:67:00:00:0a
MAC_V=02:65:67:00:00:0c	MAC_R=02:65:67:00:00:cc
MAC_LB=02:65:67:00:00:0b	MAC_B=02:65:67:00:00:bb

for ns in "$NS_A" "$NS_D" "$NS_R" "$NS_B"; do
	ip netns add "$ns" || exit 1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
# link NS1 IF1 MAC1 NS2 IF2 MAC2
link() {
	ip link add "$2" netns "$1" address "$3" type veth \
		peer name "$5" netns "$4" address "$6" || exit 1
	ip -n "$1" link set "$2" up
	ip -n "$4" link set "$5" up
}
link "$NS_A" "${P}a" $MAC_A "$NS_D" "${P}la" $MAC_LA
link "$NS_D" "${P}v" $MAC_V "$NS_R" "${P}r" $MAC_R
link "$NS_D" "${P}lb" $MAC_LB "$NS_B" "${P}b" $MAC_B

# The routelet: label 1000 in, 2000 out, towards the sink.
cat >"$TMP/routelet.conf" <<EOC
generation 1
in-label 1000
out-label 2000
nexthop-mac $MAC_B
source-mac $MAC_LB
rate 100000000
bucket 1000000
peak inf
min-unit 1
max-size 1500
EOC
ip netns exec "$NS_R" "$RL" -i "${P}r" -s "$TMP/routelet.sock" \
	-c "$TMP/routelet.conf" -d 2>"$TMP/routelet.log" &
RPID=$!

# dom0: one quasar-egress for the whole test, with a private bpffs.
coproc TOOLP { ip netns exec "$NS_D" sh -c \
	'mount -t bpf bpf /sys/fs/bpf && exec "$0"' "$TOOL"; }
tool() {
	local line
	echo "$*" >&"${TOOLP[1]}"
	if ! read -r -t 20 line <&"${TOOLP[0]}"; then
		echo "no answer to: $*"
		return 1
	fi
	echo "$line"
	[[ $line == ok* ]]
}
# step WHAT CMD...: a set-up command that must work.
step() {
	local what=$1 out
	shift
	if ! out=$(tool "$@"); then
		fail "$what: $out"
		exit 1
	fi
	echo "$out"
}

cls=$(step "egress classes" classes "${P}lb" 12500000)
flow=$(step "flow class" flow-add "${P}lb" 1250000 64000)
CLASS=${flow#ok }
step "open bpf data plane" dp-open bpf egrchain >/dev/null
step "line card A" dp-linecard "${P}la" >/dev/null
step "steer 1000" dp-steer 1000 "${P}v" >/dev/null
step "vif return" dp-vif "${P}v" "${P}lb" "$CLASS" >/dev/null
step "best-effort swap" dp-swap 3000 4000 "${P}lb" $MAC_B >/dev/null
pass "dom0 set up: $cls, flow class $CLASS, bpf data plane"

for _ in $(seq 50); do
	[ -S "$TMP/routelet.sock" ] && break
	sleep 0.1
done
if ! kill -0 "$RPID" 2>/dev/null; then
	fail "quasar-routelet did not start: $(cat "$TMP/routelet.log")"
	exit 1
fi

# capture SECONDS: print "label ttl dst src" for each MPLS frame at the sink.
capture() {
	ip netns exec "$NS_B" python3 - "${P}b" "$1" <<'PY'
import socket, struct, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((sys.argv[1], 0))
s.settimeout(0.2)
end = time.time() + float(sys.argv[2])
while time.time() < end:
    try:
        f = s.recv(2048)
    except socket.timeout:
        continue
    if len(f) < 18 or f[12:14] != b"\x88\x47":
        continue
    lse = struct.unpack("!I", f[14:18])[0]
    print(lse >> 12, lse & 0xff, f[0:6].hex(":"), f[6:12].hex(":"))
PY
}

# send LABEL COUNT: frames from the sender to line card A, TTL 64.
send() {
	ip netns exec "$NS_A" python3 - "${P}a" "$MAC_LA" "$MAC_A" "$1" "$2" <<'PY'
import socket, struct, sys
dev, dst, src, label, n = sys.argv[1:6]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
hdr = bytes.fromhex(dst.replace(":", "") + src.replace(":", ""))
frame = hdr + struct.pack("!HI", 0x8847, (int(label) << 12) | 0x100 | 64)
# A whole IPv4 header (TTL 9, checksum right) and 80 bytes of UDP.
ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 100, 0, 0, 9, 17, 0,
    bytes([10, 0, 1, 1]), bytes([10, 0, 2, 1])))
t = sum((ip[i] << 8) | ip[i + 1] for i in range(0, 20, 2))
t = (t & 0xffff) + (t >> 16)
ip[10:12] = struct.pack("!H", ~t & 0xffff)
frame += bytes(ip) + bytes(80)
for _ in range(int(n)):
    s.send(frame)
PY
}

# run LABEL COUNT: send while capturing; the capture lands in $TMP/cap.
run() {
	capture 3 >"$TMP/cap" &
	local cpid=$!
	sleep 0.5
	send "$1" "$2"
	wait $cpid
}

# expect WHAT COUNT LABEL: exactly COUNT frames, all label LABEL, TTL 63,
# from line card B to the sink.
expect() {
	local what=$1 n=$2 label=$3 got
	got=$(grep -c . "$TMP/cap")
	good=$(grep -c "^$label 63 $MAC_B $MAC_LB\$" "$TMP/cap")
	if [ "$got" -eq "$n" ] && [ "$good" -eq "$n" ]; then
		pass "$what: $n frames at the sink, label $label, TTL 63, MACs rewritten"
	else
		fail "$what: $good of $n good frames, $got in all: $(sort "$TMP/cap" | uniq -c | head -3)"
	fi
}

# counter WHAT CMD... -- WANT: the command's answer starts with WANT.
counter() {
	local what=$1 want=$2 out
	shift 2
	out=$(tool "$@")
	if [[ $out == "ok $want"* ]]; then
		pass "$what: $want"
	else
		fail "$what: $out, want $want"
	fi
}

# The packets class $1 of line card B has sent (not in a pipeline: the
# coprocess's descriptors are not passed to one).
class_packets() {
	local out
	out=$(tool class "${P}lb" "$1")
	sed -n 's/.* packets \([0-9]*\) .*/\1/p' <<<"$out"
}

# 1. The QoS flow through the routelet, bpf data plane.
be0=$(class_packets 1:2)
run 1000 200
expect "bpf: flow via routelet" 200 2000
counter "bpf: demux entry 1000" "packets 200" dp-count 1000
counter "bpf: flow class $CLASS on line card B" "rate 1250000 ceil 1250000" \
	class "${P}lb" "$CLASS"
[ "$(class_packets "$CLASS")" -eq 200 ] &&
	pass "bpf: all 200 frames went through flow class $CLASS" ||
	fail "bpf: flow class $CLASS sent $(class_packets "$CLASS") of 200"

# 2. A best-effort LSP swapped in dom0 itself.
run 3000 50
expect "bpf: best-effort swap in dom0" 50 4000
counter "bpf: demux entry 3000" "packets 50" dp-count 3000
be1=$(class_packets 1:2)
[ $((be1 - be0)) -eq 50 ] &&
	pass "bpf: the 50 best-effort frames went through class 1:2" ||
	fail "bpf: best effort 1:2 sent $((be1 - be0)) frames, want 50"

# 2b. A best-effort LSP popped in dom0 (penultimate hop): IPv4 leaves,
# its TTL taken from the label's (uniform model) and its checksum fixed.
step "best-effort pop" dp-pop 3001 "${P}lb" $MAC_B >/dev/null
ip netns exec "$NS_B" python3 - "${P}b" 3 >"$TMP/cap" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind((sys.argv[1], 0))
s.settimeout(0.2)
end = time.time() + float(sys.argv[2])
def csum(b):
    t = sum((b[i] << 8) | b[i + 1] for i in range(0, len(b), 2))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return t
while time.time() < end:
    try:
        f = s.recv(2048)
    except socket.timeout:
        continue
    if f[12:14] == b"\x08\x00":
        print(f[22], "ok" if csum(f[14:34]) == 0xffff else "bad")
PY
cpid=$!
sleep 0.5
send 3001 20
wait $cpid
n=$(grep -c '^63 ok$' "$TMP/cap")
[ "$n" -eq 20 ] &&
	pass "bpf: best-effort pop in dom0: 20 IPv4 frames, TTL 63, checksum good" ||
	fail "bpf: best-effort pop: $n of 20 good IPv4 frames: $(head -3 "$TMP/cap")"
be1=$(class_packets 1:2)

# 3. The same routelet path with the u32 data plane (no class: these
# kernels have no act_skbedit, so returning frames go to best effort).
step "close bpf" dp-close teardown >/dev/null
step "open u32 data plane" dp-open u32 egrchain >/dev/null
step "u32 line card A" dp-linecard "${P}la" >/dev/null
step "u32 steer 1000" dp-steer 1000 "${P}v" >/dev/null
step "u32 vif return" dp-vif "${P}v" "${P}lb" >/dev/null
run 1000 100
expect "u32: flow via routelet" 100 2000
counter "u32: demux entry 1000" "packets 100" dp-count 1000
counter "u32: vif return" "packets 100" dp-vif-count "${P}v"
be2=$(class_packets 1:2)
[ $((be2 - be1)) -eq 100 ] &&
	pass "u32: the 100 frames went through best effort 1:2" ||
	fail "u32: best effort 1:2 sent $((be2 - be1)) frames, want 100"
step "close u32" dp-close teardown >/dev/null
step "egress teardown" teardown "${P}lb" >/dev/null
left=$(ip netns exec "$NS_D" tc filter show dev "${P}la" ingress)
[ -z "$left" ] && pass "teardown left no filters on line card A" ||
	fail "filters left on line card A: $left"

exit $((fails > 0))
