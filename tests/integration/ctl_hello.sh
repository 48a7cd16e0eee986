#!/bin/bash
# quasarctl against quasard on R1 and R2 (lib/topo.sh), and Hello between
# them (RFC 3209 section 5): an LSP from host A to host B makes R1 and R2
# RSVP neighbours; "neighbor list" shows each up on the other with the
# other's instance; quasarctl's tables show the LSP; R2 killed and started
# again at once (a stale control socket left behind) is seen by R1 as a
# restart (new Src_Instance), R2 stopped for good as a loss after the dead
# interval.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_PREFIX=${TOPO_PREFIX:-ctl$$}
TOPO_WHAT="quasarctl and Hello between two quasard routers"
. tests/integration/lib/topo.sh

Q=$BIN/quasar-rsvp
QC=$BIN/quasarctl
for b in "$BIN/quasard" "$Q" "$QC"; do
	if [ ! -x "$b" ]; then
		echo "FAIL: $b not built"
		exit 1
	fi
done
if ! command -v jq >/dev/null; then
	echo "SKIP: $TOPO_WHAT (needs jq)"
	exit 0
fi
if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
hello=("refresh-interval 1s" "hello-interval 200ms"
	"hello-dead-interval 2s")
quasard_conf R1 "${hello[@]}" "label-range 1000 1999"
quasard_conf R2 "${hello[@]}" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log))"
	exit 1
fi

# qc NODE ARGS...: quasarctl on NODE's socket.
qc() { local n=$1; shift; "$QC" -s "$TOPO_DIR/$n.sock" "$@"; }
# nbr NODE ADDR JQ: NODE's neighbour ADDR through quasarctl -j.
nbr() {
	qc "$1" -j neighbor list 2>/dev/null |
	    jq -r --arg a "$2" ".neighbors[] | select(.address == \$a) | $3"
}
nbr_is() { [ "$(nbr "$1" "$2" "$3")" = "$4" ]; }
# has WHAT ERE TEXT: TEXT has a line matching ERE (shown when not).
has() {
	if grep -Eq -- "$2" <<<"$3"; then
		pass "$1"
	else
		fail "$1 (no /$2/ in: $3)"
	fi
}
lsp_up() {
	[ "$(qc "$1" -j lsp list | jq -r '.[0].state')" = "$2" ]
}

spawn B "$TOPO_DIR/recv" "$Q" recv --label 3333 --refresh 1 -j
listening "$TOPO_DIR/recv" || fail "receiver on B ($(cat "$TOPO_DIR/recv"))"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 7 --rate 1mbit \
    --burst 10k --name ctl-hello --record-route --refresh 1 -j

if wait_for 15 lsp_up R1 up && wait_for 5 lsp_up R2 up; then
	pass "LSP up on R1 and R2"
else
	fail "LSP up ($(cat "$TOPO_DIR"/R?.log | tail -n 60))"
fi

# Hello: each router sees the other up.
check "R1 sees R2 up by Hello" wait_for 10 nbr_is R1 10.0.12.2 .state up
check "R2 sees R1 up by Hello" wait_for 10 nbr_is R2 10.0.12.1 .state up
check "R1 has R2's instance as R2 has its own" \
    test "$(nbr R1 10.0.12.2 .dst_instance)" = \
    "$(nbr R2 10.0.12.1 .src_instance)"
# (R1 adds A at the first Path it takes as from an adjacent speaker.)
wait_for 5 nbr_is R1 10.0.1.1 .state init
has "host A, which runs no Hello, stays in init on R1" '^init$' \
    "$(nbr R1 10.0.1.1 .state; qc R1 -j n)"

# The human tables against the real daemon.
out=$(qc R1 neighbor list)
has "neighbor list: a row for R2, up" '^10\.0\.12\.2 +(r1-r2|3) +up ' \
    "$out"
out=$(qc R1 s l)
has "session list: the tunnel and its name" '^10\.0\.2\.2 +7 +10\.0\.1\.1 +ctl-hello +1 +1 ' "$out"
out=$(qc R1 l)
has "lsp list: labels in and out" \
    ' up +1[0-9]{3} +2[0-9]{3} +10\.0\.1\.1 +10\.0\.12\.2 +(r1-r2|3) ' "$out"
out=$(qc R2 l)
has "lsp list at the last hop: the receiver's label out" \
    ' up +2[0-9]{3} +3333 ' "$out"
out=$(qc R1 se sh 10.0.2.2 7)
has "session show: detail with the recorded route" "rro: 10.0.12.2" \
    "$out"
out=$(qc R1 la)
has "label list: a swap" '^1[0-9]{3} +rsvp-te +swap ' "$out"
out=$(qc R1 st)
has "stats: Path counted" '^  Path +[1-9]' "$out"
qc R1 se sh 10.0.2.2 8 >/dev/null 2>"$TOPO_DIR/err"
check "session show of no session: exit 1" test $? -eq 1
check "session show of no session: quasard's message" \
    grep -q "^quasard: no such session" "$TOPO_DIR/err"

# R2 restarts within the dead interval: a new instance, seen as a restart.
restarts=$(nbr R1 10.0.12.2 .restarts)
kill -KILL "${QPID[R2]}"
wait "${QPID[R2]}" 2>/dev/null
check "R2's socket is left behind" test -S "$TOPO_DIR/R2.sock"
if quasard_start R2 && wait_for 10 qc R2 stats >/dev/null 2>&1; then
	pass "R2 starts again over its stale socket"
else
	fail "R2 starts again ($(tail -n 5 "$TOPO_DIR/R2.log"))"
fi
check "R1 sees R2's restart" \
    wait_for 10 nbr_is R1 10.0.12.2 .restarts $((restarts + 1))
check "R2 still up on R1 after the restart" nbr_is R1 10.0.12.2 .state up

# R2 goes for good: lost after the dead interval.
quasard_stop R2
check "R1 declares R2 lost" wait_for 10 nbr_is R1 10.0.12.2 .state down
check "R1 counts one loss" nbr_is R1 10.0.12.2 .losses 1
check "R1 counts it in Hello's counters" \
    test "$(qc R1 -j n | jq .counters.losses)" -ge 1

exit $((fails > 0))
