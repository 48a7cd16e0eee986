#!/bin/bash
# RSVP Hello between quasard on R1 and R2 (RFC 3209 5; lib/topo.sh), with
# R = 10 s so that only Hello can explain a cleanup within seconds:
# the routers become Hello neighbours once an LSP crosses them; R2
# restarted (killed, started again) is seen by R1 as a restart and the
# state R1 learned from it is removed; R2 gone for good is declared lost
# after the dead interval.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="Hello between two quasard routers"
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
for n in R1 R2; do
	quasard_conf "$n" "refresh-interval 10s" "hello-interval 500ms" \
	    "hello-dead-interval 2s"
done
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log))"
	exit 1
fi

# nbr NODE ADDR KEY: KEY of neighbour ADDR in NODE's "neighbor list".
nbr() {
	jq -r --arg a "$2" ".neighbors[] | select(.address == \$a) | .$3" \
	    <<<"$(ctl "$1" "neighbor list")"
}
drops() { jq ".drops.$2" <<<"$(ctl "$1" stats)"; }
is_up() { [ "$(nbr "$1" "$2" state)" = up ]; }
restarted() { [ "$(nbr R1 10.0.12.2 restarts)" -ge 1 ] 2>/dev/null; }
cleaned() { [ "$(drops R1 neighbor_down)" -ge 1 ]; }
lost() {
	[ "$(nbr R1 10.0.12.2 state)" = down ] &&
	[ "$(nbr R1 10.0.12.2 losses)" -ge 1 ]
}

spawn B "$TOPO_DIR/recv" "$Q" recv --label 3333 --refresh 10 -j
listening "$TOPO_DIR/recv" || fail "receiver on B ($(cat "$TOPO_DIR/recv"))"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 9 --rate 1mbit \
    --burst 10k --refresh 10 -j
lsp_up() { jq -e -s 'any(.[]; .event == "resv")' "$TOPO_DIR/send" \
    >/dev/null 2>&1; }
check "LSP up through R1 and R2" wait_for 10 lsp_up
both_up() { is_up R1 10.0.12.2 && is_up R2 10.0.12.1; }
check "R1 and R2 are Hello neighbours (up on both sides)" wait_for 5 both_up
check "R1 holds the LSP's reservation from R2" \
    test "$(jq '.[0].out_label' <<<"$(ctl R1 'lsp list')")" != null

# Restart R2: killed without a word, started again at once.
{ kill -KILL "${QPID[R2]}"; wait "${QPID[R2]}"; } 2>/dev/null
rm -f "$TOPO_DIR/R2/quasard.pid"	# left by SIGKILL
t0=$SECONDS
quasard_start R2 || fail "quasard restarts on R2 ($(cat "$TOPO_DIR/R2.log"))"
if wait_for 5 restarted; then
	pass "R1 sees R2's restart by Hello after $((SECONDS - t0)) s (R = 10 s)"
else
	fail "R1 sees R2's restart ($(ctl R1 'neighbor list'))"
fi
check "R1 removed the state it held through R2" wait_for 2 cleaned

# R2 gone for good: lost after the dead interval (2 s).
check "R1 and R2 neighbours again" wait_for 5 is_up R1 10.0.12.2
{ kill -KILL "${QPID[R2]}"; wait "${QPID[R2]}"; } 2>/dev/null
t0=$SECONDS
if wait_for 5 lost; then
	pass "R1 declares R2 lost after $((SECONDS - t0)) s (dead interval 2 s)"
else
	fail "R1 declares R2 lost ($(ctl R1 'neighbor list'))"
fi

quasard_stop R1
check "R1 exits 0" test $? -eq 0
[ "$fails" -eq 0 ]
