#!/bin/bash
# An LSP from host A to host B through quasard on R1 and R2 (lib/topo.sh),
# signalled by quasar-rsvp send/recv, R = 1 s so L = (3 + 0.5) x 1.5 x 1
# = 5.25 s: labels at each hop in "lsp list" match what the sender learned
# and the receiver gave; the RRO lists the hops; refreshes keep the state;
# a sender killed without PathTear leaves no state on either router after
# L; PathTear removes it at once; labelled traffic is swapped hop by hop by
# the BPF data plane; malformed messages at R1 leave the LSP alone.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="LSP through two quasard routers"
. tests/integration/lib/topo.sh

Q=$BIN/quasar-rsvp
if [ ! -x "$Q" ]; then
	echo "FAIL: $Q not built"
	exit 1
fi
if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
quasard_conf R1 "refresh-interval 1s" "label-range 1000 1999"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log))"
	exit 1
fi

# jwait FILE JQ-FILTER [TENTHS]: until a JSON line of FILE matches.
jwait() {
	local i
	for ((i = 0; i < ${3:-50}; i++)); do
		jq -e -s "any(.[]; $2)" "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
# lsps NODE: the routers' "lsp list".
lsps() { ctl "$1" "lsp list"; }
nlsps() { jq length <<<"$(lsps "$1")"; }
gone_both() { [ "$(nlsps R1)" = 0 ] && [ "$(nlsps R2)" = 0 ]; }
up_both() {
	[ "$(jq '[.[] | select(.state == "up" or .state == "egress")] | length' \
	    <<<"$(lsps R1)")" = 1 ] &&
	[ "$(jq '[.[] | select(.state == "up" or .state == "egress")] | length' \
	    <<<"$(lsps R2)")" = 1 ]
}

spawn B "$TOPO_DIR/recv" "$Q" recv --label 3333 --refresh 1 -j
RECV=$BG_PID
jwait "$TOPO_DIR/recv" '.event == "listening"' ||
	fail "receiver listens ($(cat "$TOPO_DIR/recv"))"
send_args=(send 10.0.2.2 --tunnel-id 7 --rate 1mbit --burst 10k
	--name krn-lsp --record-route --refresh 1 -j)
spawn A "$TOPO_DIR/send1" "$Q" "${send_args[@]}"
SEND=$BG_PID

# 1. The LSP comes up with consistent labels.
if jwait "$TOPO_DIR/send1" '.event == "resv"' 100; then
	pass "sender gets a Resv through R1 and R2"
else
	fail "sender gets a Resv ($(cat "$TOPO_DIR/send1" "$TOPO_DIR"/R?.log | tail -40))"
fi
wait_for 5 up_both
r1=$(lsps R1)
r2=$(lsps R2)
sent=$(jq -s -c 'map(select(.event == "resv")) | .[0]' "$TOPO_DIR/send1")
l_sender=$(jq .label <<<"$sent")
check "sender's label is R1's in-label ($l_sender)" \
    test "$l_sender" = "$(jq '.[0].in_label' <<<"$r1")"
check "R1's out-label is R2's in-label" \
    test "$(jq '.[0].out_label' <<<"$r1")" = "$(jq '.[0].in_label' <<<"$r2")"
check "R2's out-label is the receiver's 3333" \
    test "$(jq '.[0].out_label' <<<"$r2")" = 3333
check "labels come from each router's own range" \
    sh -c "[ $l_sender -ge 1000 ] && [ $l_sender -le 1999 ] &&
	[ $(jq '.[0].in_label' <<<"$r2") -ge 2000 ]"
check "LSP name on R1 is the sender's" \
    test "$(jq -r '.[0].name' <<<"$r1")" = krn-lsp
check "R1 names the LSP's interfaces (r1-a in, r1-r2 out)" \
    test "$(jq -r '.[0] | .in_interface + " " + .out_interface' <<<"$r1")" = \
	"r1-a r1-r2"
check "RRO at the sender lists R1, R2, B with their labels" \
    test "$(jq -c '[.rro[] | .label]' <<<"$sent")" = \
	"[$l_sender,$(jq '.[0].in_label' <<<"$r2"),3333]"
check "RRO ends at the receiver" \
    test "$(jq -r '.rro[-1].addr' <<<"$sent")" = 10.0.2.2

# 2. Labelled traffic: A sends label L1 to R1; B sees label 3333 after two
# BPF swaps (TTL 64 -> 62).
on B python3 - "$TOPO_DIR/cap" <<'PY' &
import socket, sys, struct
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x8847))
s.bind(("b-r2", 0))
s.settimeout(8)
try:
    while True:
        f = s.recv(2048)
        if len(f) >= 18 and f[12:14] == b"\x88\x47":
            lse = struct.unpack("!I", f[14:18])[0]
            open(sys.argv[1], "w").write("%d %d\n" % (lse >> 12, lse & 0xff))
            break
except socket.timeout:
    pass
PY
CAP=$!
sleep 0.5
mac() { on "$1" ip -br link show dev "$2" | awk '{print $3}'; }
on A python3 - "$(mac R1 r1-a)" "$(mac A a-r1)" "$l_sender" <<'PY'
import socket, struct, sys
dst = bytes.fromhex(sys.argv[1].replace(":", ""))
src = bytes.fromhex(sys.argv[2].replace(":", ""))
lse = (int(sys.argv[3]) << 12) | 0x100 | 64
ip = bytes.fromhex("4500001c0000000040110000") + socket.inet_aton("10.0.1.1") + socket.inet_aton("10.0.2.2") + bytes(8)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("a-r1", 0))
for _ in range(3):
    s.send(dst + src + b"\x88\x47" + struct.pack("!I", lse) + ip)
PY
wait "$CAP"
check "B receives the packet with label 3333, TTL 62 (swapped at R1 and R2)" \
    test "$(cat "$TOPO_DIR/cap" 2>/dev/null)" = "3333 62"

# 2b. Malformed messages at R1 while the LSP is up: counted, dropped, and
# the session untouched.
decode_sum() { jq '[.decode[]] | add' <<<"$(ctl R1 stats)"; }
before=$(decode_sum)
on A python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 46)
for b in (b"\x10\x01\x00", b"\x30\x01\x00\x00\x40\x00\x00\x08",
          b"\x10\x01\x12\x34\x40\x00\x00\x08"):
    s.sendto(b, ("10.0.1.2", 0))
PY
decoded() { [ "$(decode_sum)" -ge $((before + 3)) ]; }
check "3 malformed messages at R1 counted" wait_for 5 decoded
check "the LSP is untouched on R1 and R2" up_both
check "R1 keeps the same labels" \
    test "$(jq -c '.[0] | [.in_label, .out_label]' <<<"$(lsps R1)")" = \
	"$(jq -c '.[0] | [.in_label, .out_label]' <<<"$r1")"

# 3. Refreshes keep the state past L.
sleep 7
check "refreshes keep the LSP on both routers for 7 s > L" up_both

# 4. The sender dies without PathTear: gone on both routers within L.
{ kill -KILL "$SEND"; wait "$SEND"; } 2>/dev/null
t0=$SECONDS
if wait_for 12 gone_both; then
	pass "killed sender's state gone on R1 and R2 after $((SECONDS - t0)) s (L = 5.25 s)"
else
	fail "killed sender's state removed ($(lsps R1) $(lsps R2))"
fi
check "the timeout is counted" \
    test "$(jq '.drops.path_timeout' <<<"$(ctl R1 stats)")" -ge 1

# 5. PathTear removes it at once.
spawn A "$TOPO_DIR/send2" "$Q" "${send_args[@]}" --lsp-id 2
SEND=$BG_PID
jwait "$TOPO_DIR/send2" '.event == "resv"' 100 ||
	fail "second LSP up ($(cat "$TOPO_DIR/send2"))"
kill -TERM "$SEND"
wait "$SEND"
check "sender exits 0 after its PathTear" test $? -eq 0
t0=$SECONDS
if wait_for 1 gone_both; then
	pass "PathTear removes the state on R1 and R2 within 1 s"
else
	fail "PathTear removes the state ($(lsps R1) $(lsps R2))"
fi
labels=$(ctl R1 label list)
check "R1's label went back to the allocator, held down (used 0, held >= 1)" \
    test "$(jq -c '[.used, .held >= 1]' <<<"$labels")" = "[0,true]"

# 6. A strict ERO hop that R1 is not adjacent to: PathErr Routing
# Problem (24) / Bad strict node (2), RFC 3209 4.3.4.
spawn A "$TOPO_DIR/send3" "$Q" send 10.0.2.2 --tunnel-id 8 --rate 1mbit \
    --burst 10k --ero 10.0.1.2,10.0.2.2 --refresh 1 -j
SEND=$BG_PID
if jwait "$TOPO_DIR/send3" '.event == "patherr" and .code == 24 and
    .value == 2' 50; then
	pass "strict hop not adjacent: PathErr Bad strict node at the sender"
else
	fail "PathErr Bad strict node ($(cat "$TOPO_DIR/send3"))"
fi
check "R1 counts the bad strict hop" \
    test "$(jq '.drops.ero_bad_strict' <<<"$(ctl R1 stats)")" -ge 1
kill -TERM "$SEND"
wait "$SEND"
kill -TERM "$RECV"
wait "$RECV"

quasard_stop R1
check "R1 exits 0" test $? -eq 0
quasard_stop R2
check "R2 exits 0" test $? -eq 0
[ "$fails" -eq 0 ]
