#!/bin/bash
# quasard as a daemon in the A - R1 - R2 - B topology (lib/topo.sh):
# config check and print-back, start on both routers (control socket mode
# 0600, pid file, BPF filters on every line card), malformed RSVP sent at
# R1 counted and dropped with the daemon still answering, SIGHUP keeps it
# running, SIGTERM ends it cleanly (exit 0, socket, pid file and filters
# gone); a second daemon on a live socket and a missing line card are
# refused; without -d it becomes a daemon found by its pid file.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="quasard daemon checks"
. tests/integration/lib/topo.sh


# -n: every golden config prints back as expected; a bad one fails
# naming its line.
ok=1
for f in tests/unit/conf/golden/*.conf; do
	case $f in
	*/bad-*) "$BIN/quasard" -n -f "$f" >/dev/null 2>&1 && ok=0 ;;
	*) "$BIN/quasard" -n -f "$f" | cmp -s - "${f%.conf}.out" || ok=0 ;;
	esac
done
check "quasard -n prints every golden config back and refuses the bad ones" \
    test "$ok" -eq 1
err=$("$BIN/quasard" -n -f tests/unit/conf/golden/bad-unknown.conf 2>&1)
check "quasard -n names the bad line" \
    test "$err" = "quasard: tests/unit/conf/golden/bad-unknown.conf: line 4: unknown statement 'router-name'"
"$BIN/quasard" -z >/dev/null 2>&1
check "quasard with a bad option exits 2" test $? -eq 2

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
pass "topology A - R1 - R2 - B"

quasard_conf R1 "refresh-interval 1s"
quasard_conf R2 "refresh-interval 1s"
check "quasard starts on R1" quasard_start R1
check "quasard starts on R2" quasard_start R2
check "control socket is mode 0600" \
    test "$(stat -c %a "$TOPO_DIR/R1.sock")" = 600
check "pid file names the daemon" \
    test "$(cat "$TOPO_DIR/R1/quasard.pid" 2>/dev/null)" = "${QPID[R1]}"
check "BPF filter on line card r1-a" \
    sh -c "nsenter --net=/run/netns/${NS[R1]} tc filter show dev r1-a ingress | grep -q bpf"
check "BPF filter on line card r1-r2" \
    sh -c "nsenter --net=/run/netns/${NS[R1]} tc filter show dev r1-r2 ingress | grep -q bpf"

# A second quasard on R1's live control socket is refused before it
# touches the data plane; a missing line card is named.
on R1 "$BIN/quasard" -d -f "$TOPO_DIR/R1.conf" >"$TOPO_DIR/R1b.log" 2>&1
check "a second quasard on a live control socket exits 1" test $? -eq 1
check "the first one keeps its BPF filter and answers" \
    sh -c "nsenter --net=/run/netns/${NS[R1]} tc filter show dev r1-a ingress | grep -q bpf &&
	'$BIN/quasarctl' -s '$TOPO_DIR/R1.sock' stats >/dev/null"
sed 's/^interface r1-a$/interface krnnone0/; s/^control-socket .*/control-socket '"${TOPO_DIR//\//\\/}"'\/bad.sock/' \
    "$TOPO_DIR/R1.conf" >"$TOPO_DIR/bad.conf"
on R1 "$BIN/quasard" -d -f "$TOPO_DIR/bad.conf" >"$TOPO_DIR/bad.log" 2>&1
check "a missing line card: exit 1, named in the log" \
    sh -c "[ $? -eq 1 ] && grep -q 'interface krnnone0: No such device' '$TOPO_DIR/bad.log'"

stats=$(ctl R1 stats)
check "stats answers" test -n "$stats"
before=$(jq '[.decode[]] | add' <<<"$stats")

# Malformed RSVP at R1 from host A: too short, version 3, a length past
# the bytes, a bad checksum, an object of length 2.
on A python3 - <<'PY'
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 46)
bad = [
    b"\x10\x01\x00",
    b"\x30\x01\x00\x00\x40\x00\x00\x08",
    b"\x10\x01\x00\x00\x40\x00\x00\x40",
    b"\x10\x01\x12\x34\x40\x00\x00\x08",
    b"\x10\x01\x00\x00\x40\x00\x00\x0c\x00\x02\x01\x01",
]
for b in bad:
    s.sendto(b, ("10.0.1.2", 0))
PY
decoded() {
	local now
	now=$(ctl R1 stats) || return 1
	[ "$(jq '[.decode[]] | add' <<<"$now")" -ge $((before + 5)) ]
}
check "5 malformed messages counted as decode drops" wait_for 5 decoded
check "socket stats: the malformed RSVP passed the IP layer (0 bad headers)" \
    test "$(jq .bad_ip_header <<<"$(ctl R1 socket stats)")" = 0
check "R1 still answers after malformed input" \
    sh -c "kill -0 ${QPID[R1]}"
check "session list is empty (nothing malformed created state)" \
    test "$(jq 'if type == "array" then length else .sessions | length end' \
	<<<"$(ctl R1 session list)")" = 0

# SIGHUP: the log level applies at once, other changes are reported, a
# config that does not parse is reported and the running one kept.
cp "$TOPO_DIR/R1.conf" "$TOPO_DIR/R1.conf.orig"
sed -i 's/^log-level debug$/log-level info/; s/^refresh-interval 1s$/refresh-interval 2s/' \
    "$TOPO_DIR/R1.conf"
logged() { grep -q "$1" "$TOPO_DIR/R1.log"; }
kill -HUP "${QPID[R1]}"
check "SIGHUP applies the new log level" \
    wait_for 5 logged "SIGHUP: log level changed"
check "SIGHUP reports a refresh change for the next start" \
    wait_for 5 logged "SIGHUP: refresh-interval/keep-multiplier changed"
echo "router-name x" >>"$TOPO_DIR/R1.conf"
kill -HUP "${QPID[R1]}"
check "SIGHUP with a bad config keeps the running one" \
    wait_for 5 logged "unknown statement 'router-name'; keeping the running config"
cp "$TOPO_DIR/R1.conf.orig" "$TOPO_DIR/R1.conf"
check "SIGHUP leaves quasard running" sh -c "kill -0 ${QPID[R1]}"
ctl_quiet() { ctl "$@" >/dev/null; }
check "quasard answers after SIGHUP" ctl_quiet R1 stats

quasard_stop R1
check "SIGTERM: exit status 0" test $? -eq 0
check "SIGTERM: control socket removed" test ! -e "$TOPO_DIR/R1.sock"
check "SIGTERM: pid file removed" test ! -e "$TOPO_DIR/R1/quasard.pid"
check "SIGTERM: no BPF filter left on r1-a" \
    sh -c "! nsenter --net=/run/netns/${NS[R1]} tc filter show dev r1-a ingress | grep -q bpf"
quasard_stop R2
check "R2 exits 0 too" test $? -eq 0

# Without -d: a daemon in the background, found by its pid file.
on R1 "$BIN/quasard" -f "$TOPO_DIR/R1.conf"
check "quasard without -d returns 0 at once" test $? -eq 0
check "the daemon writes its pid file" \
    wait_for 10 test -s "$TOPO_DIR/R1/quasard.pid"
dpid=$(cat "$TOPO_DIR/R1/quasard.pid" 2>/dev/null)
TOPO_PIDS="$TOPO_PIDS $dpid"
check "the daemon answers on its control socket" ctl_quiet R1 stats
kill -TERM "$dpid" 2>/dev/null
check "SIGTERM ends the daemon and removes its pid file" \
    wait_for 10 test ! -e "$TOPO_DIR/R1/quasard.pid"
check "the daemon process is gone" wait_for 5 sh -c "! kill -0 $dpid 2>/dev/null"

[ "$fails" -eq 0 ]
