#!/bin/bash
# Reservation confirmation (RFC 2205 2.6, 3.1.9) through quasard on R1 and
# R2 (lib/topo.sh), R = 1 s.  "recv --confirm" asks with RESV_CONFIRM; the
# sender on A answers with a ResvConf straight to B, which the routers only
# IP-forward, and B prints "confirmed" once (refreshes do not ask again).
# Then a second LSP of the same tunnel, shared explicit (make-before-break,
# RFC 3209 2.5): its request merges into the reservation already in place,
# so the first router upstream of B that holds it (R2: on this line every
# router does, and R2 is the first the Resv reaches) confirms it itself and
# the Resv that goes on upstream carries no RESV_CONFIRM.  Last, R2 and
# B's receiver restart without tearing anything down (Hello is off, so R1
# only learns of it by soft state): R2 holds nothing, so the new
# receiver's first request goes on to R1, where the shared reservation is
# still in place, and R1 confirms it.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="ResvConf through two quasard routers"
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
quasard_conf R1 "refresh-interval 1s" "label-range 1000 1999" \
    "hello-interval off"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999" \
    "hello-interval off"
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
# nconf LSP: how many "confirmed" events B printed for LSP.
nconf() {
	jq -s "map(select(.event == \"confirmed\" and .lsp_id == $1)) | length" \
	    "$TOPO_DIR/recv"
}
conf_node() {
	jq -r -s "map(select(.event == \"confirmed\" and .lsp_id == $1)) |
	    .[0].node" "$TOPO_DIR/recv"
}
# tx NODE TYPE / rx NODE TYPE: messages of TYPE quasard sent / received.
tx() { jq ".tx.$2" <<<"$(ctl "$1" stats)"; }
rx() { jq ".rx.$2" <<<"$(ctl "$1" stats)"; }

spawn B "$TOPO_DIR/recv" "$Q" recv --confirm --refresh 1 -j
RECV=$BG_PID
jwait "$TOPO_DIR/recv" '.event == "listening"' ||
	fail "receiver listens ($(cat "$TOPO_DIR/recv"))"
send_args=(send 10.0.2.2 --tunnel-id 9 --rate 1mbit --burst 10k --se
	--refresh 1 -j)
spawn A "$TOPO_DIR/send1" "$Q" "${send_args[@]}" --lsp-id 1
SEND1=$BG_PID

# 1. The sender's ResvConf crosses R1 and R2 to B.
if jwait "$TOPO_DIR/recv" '.event == "confirmed" and .lsp_id == 1' 100; then
	pass "B prints confirmed for LSP 1"
else
	fail "B prints confirmed ($(cat "$TOPO_DIR/recv" "$TOPO_DIR/send1"))"
fi
check "LSP 1 is confirmed by the sender A (10.0.1.1)" \
    test "$(conf_node 1)" = 10.0.1.1
check "the sender says it sent the ResvConf to B" \
    jwait "$TOPO_DIR/send1" '.event == "confirm_sent" and .lsp_id == 1 and
    .receiver == "10.0.2.2"' 20
check "neither router sent a ResvConf for it" \
    test "$(tx R1 ResvConf) $(tx R2 ResvConf)" = "0 0"
check "the ResvConf passed R1 and R2 as plain IP (quasard saw none)" \
    test "$(rx R1 ResvConf) $(rx R2 ResvConf)" = "0 0"
sleep 3
check "3 s of refreshes later, still confirmed once" test "$(nconf 1)" = 1

# 2. Make-before-break: LSP 2 of the same tunnel merges into LSP 1's
# shared reservation.
spawn A "$TOPO_DIR/send2" "$Q" "${send_args[@]}" --lsp-id 2
SEND2=$BG_PID
if jwait "$TOPO_DIR/recv" '.event == "confirmed" and .lsp_id == 2' 100; then
	pass "B prints confirmed for LSP 2"
else
	fail "B prints confirmed for LSP 2 ($(cat "$TOPO_DIR/recv" \
	    "$TOPO_DIR"/R?.log | tail -40))"
fi
check "LSP 2 is confirmed by R2 (10.0.2.1), where it merged" \
    test "$(conf_node 2)" = 10.0.2.1
check "R2 sent that ResvConf itself" test "$(tx R2 ResvConf)" -ge 1
check "R1 sent none" test "$(tx R1 ResvConf)" = 0
jwait "$TOPO_DIR/send2" '.event == "resv"' 50
check "LSP 2's label still reached the sender" \
    jwait "$TOPO_DIR/send2" '.event == "resv" and .label >= 1000' 50
sleep 2
check "LSP 1 is still confirmed once, LSP 2 once" \
    test "$(nconf 1) $(nconf 2)" = "1 1"
r1_before=$(tx R1 ResvConf)

# 3. B's receiver dies silently and R2 restarts (quasard sends no tears
# when it stops): R1 keeps the reservation for L = 5.25 s, long enough for
# the new receiver's request to merge there.
{ kill -KILL "$RECV"; wait "$RECV"; } 2>/dev/null
if ! quasard_stop R2 || ! quasard_start R2; then
	fail "quasard on R2 restarts ($(tail -20 "$TOPO_DIR/R2.log"))"
fi
spawn B "$TOPO_DIR/recv" "$Q" recv --confirm --refresh 1 -j
RECV=$BG_PID
if jwait "$TOPO_DIR/recv" '.event == "confirmed"' 60; then
	pass "the new receiver gets its first LSP confirmed"
else
	fail "the new receiver gets an LSP confirmed ($(cat "$TOPO_DIR/recv"))"
fi
check "by R1 (10.0.12.1), where the reservation was still in place" \
    test "$(jq -r -s 'map(select(.event == "confirmed")) | .[0].node' \
	"$TOPO_DIR/recv")" = 10.0.12.1
check "R1 sent that ResvConf itself" test "$(tx R1 ResvConf)" -gt "$r1_before"
both_once() { [ "$(nconf 1) $(nconf 2)" = "1 1" ]; }
check "the new receiver has both LSPs confirmed, once each" wait_for 5 both_once

kill -TERM "$SEND2" "$SEND1"
wait "$SEND2"
check "sender of LSP 2 exits 0" test $? -eq 0
wait "$SEND1"
check "sender of LSP 1 exits 0" test $? -eq 0
sent=$(jq -s 'map(select(.event == "stats")) | .[0].resvconf_sent' \
    "$TOPO_DIR/send1")
check "the sender of LSP 1 sent exactly one ResvConf" test "$sent" = 1
sent=$(jq -s 'map(select(.event == "stats")) | .[0].resvconf_sent' \
    "$TOPO_DIR/send2")
check "the sender of LSP 2 sent none (R2 answered)" test "$sent" = 0
check "and printed no confirm_sent" test "$(jq -s \
    'map(select(.event == "confirm_sent")) | length' "$TOPO_DIR/send2")" = 0
kill -TERM "$RECV"
wait "$RECV"
check "receiver exits 0" test $? -eq 0
check "B counted the ResvConfs it got" test "$(jq -s \
    'map(select(.event == "stats")) | .[0].resvconf_rx' "$TOPO_DIR/recv")" -ge 1

quasard_stop R1
check "R1 exits 0" test $? -eq 0
quasard_stop R2
check "R2 exits 0" test $? -eq 0
[ "$fails" -eq 0 ]
