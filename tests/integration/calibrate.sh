#!/bin/bash
# The routelet's per-packet cost measured (dom0/calibrate.c, through
# tests/tools/calibrate-drive, which takes the rate and duration): a 2 s
# run as root, its figure positive, finite and above the element's own
# cost (bench-routelet), the saved file loaded back; quasard --calibrate
# (3 s) storing a file in its state directory; a run whose driver is
# killed -9 leaves no process and no file (while it runs, the routelet's
# frames are seen going back through the redirect and HTB class that
# stand for dom0's return path); runs that cannot start fail cleanly.  The socket directories go under a private TMPDIR (prefix
# cal<pid>), which also marks every process of ours for pgrep.
set -u
BUILD=${BUILD:-build}
RL=$PWD/$BUILD/bin/quasar-routelet
BENCH=$BUILD/bin/bench-routelet
DRIVE=$PWD/$BUILD/tests/tools/calibrate-drive
WHAT="calibrate"

. "$(dirname "$0")/lib/check.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: $WHAT (needs root for network namespaces)"
	exit 0
fi
for b in "$RL" "$BENCH" "$DRIVE"; do
	[ -x "$b" ] || { echo "FAIL: $b not built"; exit 1; }
done

TMP=$(mktemp -d /tmp/cal$$.XXXXXX)
BGPID=
cleanup() {
	# the driver's children die with it (their parent-death signal)
	[ -n "$BGPID" ] && kill -9 "$BGPID" 2>/dev/null
	sleep 0.2
	rm -rf "$TMP"
}
trap cleanup EXIT
export TMPDIR=$TMP

# Nothing of a run left: no process naming directory $1 (the driver and
# its sender child by their -o FILE, the routelet by its socket), no
# socket directory in it.
nothing_left() {
	local dir=$1 i
	for ((i = 0; i < 20; i++)); do
		pgrep -f "$dir" >/dev/null || break
		sleep 0.1
	done
	! pgrep -f "$dir" >/dev/null &&
	    [ -z "$(find "$dir" -maxdepth 1 -name 'quasar-calib.*' 2>/dev/null)" ]
}

running() { pgrep -f "$1" >/dev/null; }
# exit status $1 is 1 and file $3 says $2
failed_with() { [ "$1" -eq 1 ] && grep -q "$2" "$3"; }

# key VALUE from calibrate-drive's output
field() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }

# --- a short calibration, saved and loaded back
mkdir -p "$TMP/run"
TMPDIR=$TMP/run "$DRIVE" -r "$RL" -T 2 -o "$TMP/run/state/calibration" \
    >"$TMP/run.out" 2>"$TMP/run.err"
rc=$?
check "a 2 s calibration succeeds (exit $rc)" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || sed 's/^/  /' "$TMP/run.err"
cost=$(field pkt-cost-ns "$TMP/run.out")
frames=$(field frames "$TMP/run.out")
secs=$(field seconds "$TMP/run.out")
cpu=$(field cpu-seconds "$TMP/run.out")
echo "  measured: ${cost:-?} ns per frame, ${frames:-?} frames in ${secs:-?} s, routelet CPU ${cpu:-?} s"
check "the figure is a positive finite number" \
    awk -v c="${cost:-x}" 'BEGIN { exit !(c ~ /^[0-9]+(\.[0-9]+)?$/ && c + 0 > 0) }'
# 50,000 frames/s offered for 2 s: most of them forwarded
check "the routelet forwarded most of what was offered (${frames:-0} of 100000)" \
    awk -v f="${frames:-0}" 'BEGIN { exit !(f >= 50000) }'
check "its CPU time fits in the window (one thread)" \
    awk -v c="${cpu:-9}" -v s="${secs:-0}" 'BEGIN { exit !(c > 0 && c <= s * 1.05) }'

"$BENCH" 3 1000000 >"$TMP/bench.out" 2>&1
elem=$(awk '$1 == "swap" { print $2; exit }' "$TMP/bench.out")
echo "  element alone (bench-routelet, swap): ${elem:-?} ns per frame"
check "the figure is above the element's own cost (${cost:-?} > ${elem:-?} ns)" \
    awk -v c="${cost:-0}" -v e="${elem:-x}" 'BEGIN { exit !(e ~ /^[0-9.]+$/ && c > e) }'
check "the figure is plausible (under 100 us per frame)" \
    awk -v c="${cost:-1e9}" 'BEGIN { exit !(c < 100000) }'

loaded=$(awk '$1 == "loaded" { print $3 }' "$TMP/run.out")
check "the saved file loads back with the same figure" [ "${loaded:-x}" = "${cost:-y}" ]
"$DRIVE" -L "$TMP/run/state/calibration" >"$TMP/load.out" 2>&1
check "calibrate_load in a new process reads it" \
    [ "$(field pkt-cost-ns "$TMP/load.out")" = "${cost:-y}" ]
check "no temporary file beside it" \
    [ "$(ls -A "$TMP/run/state")" = calibration ]
check "the run left no process and no socket directory" nothing_left "$TMP/run"

# --- quasard --calibrate: the same run, stored in its state directory
Q=$BUILD/bin/quasard
if [ -x "$Q" ]; then
	mkdir -p "$TMP/q"
	cat >"$TMP/q/quasard.conf" <<-EOF
	router-id 10.255.0.1
	interface lo
	state-dir $TMP/q/state
	routelet $RL
	EOF
	TMPDIR=$TMP/q "$Q" --calibrate -f "$TMP/q/quasard.conf" \
	    >"$TMP/q.out" 2>"$TMP/q.err"
	rc=$?
	check "quasard --calibrate succeeds (exit $rc)" [ "$rc" -eq 0 ]
	[ "$rc" -eq 0 ] || sed 's/^/  /' "$TMP/q.err"
	"$DRIVE" -L "$TMP/q/state/calibration" >"$TMP/q.load" 2>&1
	qcost=$(field pkt-cost-ns "$TMP/q.load")
	echo "  quasard --calibrate: ${qcost:-?} ns per frame"
	check "and its state directory holds a file that loads" \
	    awk -v c="${qcost:-x}" 'BEGIN { exit !(c ~ /^[0-9.]+$/ && c > 0) }'
	check "quasard's run left no process and no socket directory" \
	    nothing_left "$TMP/q"
else
	echo "SKIP: quasard --calibrate ($Q not built)"
fi

# --- the driver killed -9 mid-run: the children die with it
mkdir -p "$TMP/kill"
TMPDIR=$TMP/kill "$DRIVE" -r "$RL" -T 20 -o "$TMP/kill/calibration" \
    >/dev/null 2>"$TMP/kill.err" &
BGPID=$!
forwarding() { grep -q "config generation 1 applied" "$TMP/kill.err"; }
for ((i = 0; i < 50; i++)); do forwarding && break; sleep 0.1; done
check "a long run has started" forwarding
check "its routelet runs" running "$TMP/kill/quasar-calib"
# the sender child: the driver's child that is not the routelet
sender=$(ps -o pid=,args= --ppid "$BGPID" | awk '$2 != "'"$RL"'" { print $1 }')
sent_back() {		# packets through the HTB class of the return path
	nsenter --net="/proc/$sender/ns/net" tc -s class show dev out0 |
	    awk '$1 == "Sent" { print $4; exit }'
}
n1=$(sent_back); sleep 0.3; n2=$(sent_back)
check "the swapped frames go back through the redirect and HTB (${n1:-?} then ${n2:-?} packets)" \
    awk -v a="${n1:-x}" -v b="${n2:-x}" 'BEGIN { exit !(a ~ /^[0-9]+$/ && b > a) }'
{ kill -9 "$BGPID"; wait "$BGPID"; } 2>/dev/null	# no "Killed" line
BGPID=
check "after kill -9 of the driver no process and no socket directory is left" \
    nothing_left "$TMP/kill"

# --- runs that cannot start fail cleanly
mkdir -p "$TMP/bad"
TMPDIR=$TMP/bad "$DRIVE" -r /bin/false -T 1 -o "$TMP/bad/calibration" \
    >/dev/null 2>"$TMP/bad.err"
rc=$?
check "a routelet that exits at once fails the run (exit $rc)" \
    failed_with "$rc" "did not start" "$TMP/bad.err"
TMPDIR=$TMP/bad "$DRIVE" -r "$RL" -i /nonexistent/ip -T 1 \
    -o "$TMP/bad/calibration" >/dev/null 2>"$TMP/bad.err"
rc=$?
check "a missing ip(8) fails the run (exit $rc)" \
    failed_with "$rc" "link add" "$TMP/bad.err"
check "the failed runs left nothing, no file either" \
    eval 'nothing_left "$TMP/bad" && [ ! -e "$TMP/bad/calibration" ]'
"$DRIVE" -r "$RL" -T 0 >/dev/null 2>"$TMP/bad.err"
rc=$?
check "a zero duration is refused (exit $rc)" \
    failed_with "$rc" "seconds 1-" "$TMP/bad.err"

[ "$fails" -eq 0 ]
