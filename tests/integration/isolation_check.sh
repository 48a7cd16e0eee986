#!/bin/bash
# experiments/isolation-check.sh over crafted results.csv files (no root,
# no network): each of the three conditions fails on its own, the
# boundaries are the documented ones, another router's or phase's rows
# are not mixed in, the optional p99 floor, and a file without
# well-behaved flows is an error.
set -u
cd "$(dirname "$0")/../.." || exit 2
CHK=experiments/isolation-check.sh
. tests/integration/lib/check.sh
# expect STATUS WHAT ARGS...: the check exits with STATUS.
expect() {
	local want=$1 what=$2 rc; shift 2
	"$CHK" "$@" >"$T/out" 2>&1
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		pass "$what"
	else
		fail "$what (exit $rc, wanted $want): $(cat "$T/out")"
	fi
}

T=$(mktemp -d /tmp/isolation_check.$$.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT

H=experiment,router,phase,flow,kind,lsp,reserved_bps,offered_bps,delivered_bps,sent,received,loss_pct,p50_us,p99_us
# csv FILE LOADED_ROWS...: a file with two well-behaved flows unloaded
# (p99 1000 us) and the given loaded rows of router "quasar", plus a
# plain router whose flows lose everything.
csv() {
	local f=$1; shift
	{
		echo "$H"
		echo "misbehave,quasar,unloaded,good1,qos,16,2000000,2000000,2000000,1000,1000,0,100,1000"
		echo "misbehave,quasar,unloaded,good2,qos,17,2000000,2000000,2000000,1000,1000,0,100,1000"
		printf '%s\n' "$@"
		echo "misbehave,quasar,loaded,bad-line,qos,18,2000000,20000000,2000000,10000,1000,90,100,90000"
		echo "misbehave,plain,unloaded,good1,qos,16,2000000,2000000,2000000,1000,1000,0,10,20"
		echo "misbehave,plain,loaded,good1,qos,16,2000000,2000000,200000,1000,100,90,100000,110000"
	} >"$T/$f"
}
good1() { echo "misbehave,quasar,loaded,good1,qos,16,2000000,2000000,$1,1000,1000,$2,100,$3"; }
good2() { echo "misbehave,quasar,loaded,good2,qos,17,2000000,2000000,$1,1000,1000,$2,100,$3"; }

csv ok.csv "$(good1 2000000 0 2000)" "$(good2 1980000 0.09 1500)"
expect 0 "met: 100% and 99% delivered, loss 0 and 0.09%, p99 2x and 1.5x" \
    "$T/ok.csv" quasar 99 0.1 2
grep -q "isolation target met: 2 of 2 well-behaved flows meet it" "$T/out" &&
    pass "the summary counts 2 of 2" || fail "summary: $(cat "$T/out")"

csv deliv.csv "$(good1 2000000 0 1000)" "$(good2 1970000 0 1000)"
expect 1 "not met: 98.5% delivered" "$T/deliv.csv" quasar 99 0.1 2
grep -q "good2 .*NOT met" "$T/out" && grep -q "good1 .*: met" "$T/out" &&
    pass "only the flow that missed is named" || fail "lines: $(cat "$T/out")"

csv loss.csv "$(good1 2000000 0.1 1000)" "$(good2 2000000 0 1000)"
expect 1 "not met: loss of exactly the limit (0.1%)" "$T/loss.csv" \
    quasar 99 0.1 2

csv p99.csv "$(good1 2000000 0 2001)" "$(good2 2000000 0 1000)"
expect 1 "not met: p99 just over 2x the unloaded" "$T/p99.csv" quasar 99 0.1 2
expect 0 "the same file meets wider margins (p99 <= 5x)" "$T/p99.csv" \
    quasar 95 1 5

csv floor.csv "$(good1 2000000 0 15000)" "$(good2 2000000 0 1000)"
expect 1 "not met: p99 15 ms is 15x the unloaded 1 ms" "$T/floor.csv" \
    quasar 95 1 5
expect 0 "met with a 15 ms floor: 15 ms is at the floor" "$T/floor.csv" \
    quasar 95 1 5 15
csv floor2.csv "$(good1 2000000 0 15001)" "$(good2 2000000 0 1000)"
expect 1 "not met with a 15 ms floor: 15.001 ms is over it" \
    "$T/floor2.csv" quasar 95 1 5 15

csv none.csv "$(good1 2000000 0 -)" "$(good2 2000000 0 1000)"
expect 1 "not met: a flow that delivered nothing has no p99" "$T/none.csv" \
    quasar 95 1 5

expect 1 "the plain router's rows are judged on their own" "$T/ok.csv" \
    plain 99 0.1 2
expect 2 "a router without rows is an error" "$T/ok.csv" kernel 99 0.1 2
expect 2 "a missing argument is a usage error" "$T/ok.csv" quasar 99 0.1

[ "$fails" -eq 0 ]
