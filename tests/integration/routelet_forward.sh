#!/bin/bash
# quasar-routelet end to end, in two network namespaces joined by a veth
# pair: "dom0" injects labelled frames on its end; the routelet swaps them
# and sends them back out of its end.  A controller speaks the socket
# channel (docs/routelet.md) from the root namespace.
#
# Checks: swap (label, TTL, MACs), pop, drops (bad label, TTL, non-MPLS),
# policing, counters over the socket, reconfiguration under load without
# reordering, a second controller refused, controller reconnection, socket
# mode, idle RSS, and a clean exit on SIGTERM.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
BIN=$BUILD/bin/quasar-routelet

RLT_WHAT="routelet forwarding"
# shellcheck source=tests/integration/routelet_lib.sh
. tests/integration/routelet_lib.sh
SOCK=$TMP/routelet.sock
counter() { tool counters "$SOCK" | awk -v k="$1" '$1 == k { print $2 }'; }

config() {
	# config GEN OUT-LABEL [RATE BUCKET PEAK]
	cat >"$TMP/cfg" <<CFG
generation $1
flow-id 7
name rlt-flow
in-label 1000
out-label $2
nexthop-mac $MAC_D
source-mac $MAC_R
rate ${3:-100000000}
bucket ${4:-1000000}
peak ${5:-inf}
min-unit 64
max-size 1500
CFG
	tool config "$SOCK" "$TMP/cfg"
}

ip netns exec "$NS_R" "$BIN" -d -i "$IF_R" -s "$SOCK" 2>"$TMP/routelet.log" &
RPID=$!
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
check "routelet listens on its socket" test -S "$SOCK"
check "socket mode is 0600" test "$(stat -c %a "$SOCK")" = 600

# Unconfigured: nothing comes back.
inject '[["mpls", 3, 1000, 64, 100]]' 0 0.3 >"$TMP/none"
check "unconfigured routelet forwards nothing" \
	test "$(q "$TMP/none" "len(d['back'])")" = 0

r=$(config 1 2000)
check "config generation 1 acknowledged ($r)" test "$r" = "ok generation 1"

# Swap.
inject '[["mpls", 20, 1000, 64, 100]]' 0 0.3 >"$TMP/swap"
check "20 frames swapped and sent back" test "$(q "$TMP/swap" "len(d['back'])")" = 20
check "out label 2000, TTL 63, bottom of stack" test \
	"$(q "$TMP/swap" "all(r['label'] == 2000 and r['ttl'] == 63 and r['s'] == 1 for r in d['back'])")" = True
check "next-hop and source MAC rewritten" test \
	"$(q "$TMP/swap" "all(r['dst'] == '$MAC_D' and r['src'] == '$MAC_R' for r in d['back'])")" = True
check "payload intact, in order" test \
	"$(q "$TMP/swap" "[r['seq'] for r in d['back']] == list(range(20))")" = True

# Drops: wrong label, TTL 1 and 0, not MPLS.
inject '[["mpls", 2, 1001, 64, 100], ["mpls", 1, 1000, 1, 100], ["mpls", 1, 1000, 0, 100], ["ip", 3, 0, 0, 100]]' 0 0.3 >"$TMP/drops"
check "dropped frames do not come back" test "$(q "$TMP/drops" "len(d['back'])")" = 0
tool counters "$SOCK" >"$TMP/c1"
cv() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/c1"; }
check "bad-label-packets counts 2 (+3 unconfigured)" test "$(cv bad-label-packets)" = 5
check "ttl-expired-packets counts 2" test "$(cv ttl-expired-packets)" = 2
check "not-mpls-packets counts 3" test "$(cv not-mpls-packets)" = 3
check "tx-packets counts 20" test "$(cv tx-packets)" = 20
check "rx-packets counts 30" test "$(cv rx-packets)" = 30
check "counters carry the generation" test "$(cv generation)" = 1

# A bad config is refused, naming the line, and the old one stays.
printf 'generation 9\nin-label 1000\nout-label 7\n' >"$TMP/bad"
r=$(tool config "$SOCK" "$TMP/bad")
check "bad config refused ($r)" test "$r" = "error line 3: bad value for 'out-label'"

# Pop: S=1 gives IPv4, S=0 keeps MPLS with the inner entry untouched.
r=$(config 2 3)
check "config generation 2 (pop) acknowledged" test "$r" = "ok generation 2"
inject '[["mpls", 5, 1000, 64, 100], ["stack", 5, 1000, 64, 100]]' 0 0.3 >"$TMP/pop"
check "pop with S=1 restores the IPv4 ethertype" test \
	"$(q "$TMP/pop" "[r['type'] for r in d['back'][:5]] == ['0800'] * 5")" = True
check "pop with S=0 keeps 0x8847 and the inner label, with the popped TTL - 1" test \
	"$(q "$TMP/pop" "all(r['type'] == '8847' and r['label'] == 99 and r['ttl'] == 63 for r in d['back'][5:]) and len(d['back']) == 10")" = True
check "popped frames are 4 bytes shorter" test \
	"$(q "$TMP/swap" "d['back'][0]['len']") -eq $(( $(q "$TMP/pop" "d['back'][0]['len']") + 4 ))"

# Policing: r 10000 B/s, b 3000 B; 40 frames of 1000 bytes at once.
r=$(config 3 2000 10000 3000)
check "config generation 3 (policer) acknowledged" test "$r" = "ok generation 3"
before=$(counter policed-packets)
inject '[["mpls", 40, 1000, 64, 986]]' 0 0.3 >"$TMP/pol"
n=$(q "$TMP/pol" "len(d['back'])")
after=$(counter policed-packets)
check "policer lets the bucket through, about 3 of 40 ($n)" test "$n" -ge 3 -a "$n" -le 5
check "policed-packets counts the rest" test $((after - before)) -eq $((40 - n))

# Policing by arrival time: frames that keep to the rate (10 frames of
# 1000 bytes, 0.11 s apart, at r = 10000 B/s) but wait in the ring while
# the routelet is not scheduled are judged by when they came.
r=$(config 6 2000 10000 3000)
check "config generation 6 (policer) acknowledged" test "$r" = "ok generation 6"
sleep 0.5	# the bucket fills again
kill -STOP "$RPID"
inject '[["mpls", 10, 1000, 64, 986]]' 0.11 1.5 >"$TMP/late" &
ipid=$!
sleep 1.3
kill -CONT "$RPID"
wait $ipid
n=$(q "$TMP/late" "len(d['back'])")
check "a conforming flow is not policed for the routelet's lateness ($n of 10 back)" \
	test "$n" -eq 10

# Reconfigure under load: label 2000 -> 3000 while frames flow.
config 4 2000 >/dev/null
rx0=$(counter rx-packets)
inject '[["mpls", 3000, 1000, 64, 100]]' 0.0002 1 >"$TMP/load" &
ipid=$!
sleep 0.4
r=$(config 5 3000)
wait $ipid
check "config generation 5 applied under load" test "$r" = "ok generation 5"
python3 - "$TMP/load" >"$TMP/load.v" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
seqs = [r['seq'] for r in d['back']]
labels = [r['label'] for r in d['back']]
switch = sum(1 for a, b in zip(labels, labels[1:]) if a != b)
print(len(seqs), int(seqs == sorted(seqs)), labels.count(2000),
      labels.count(3000), switch, int(labels[:1] == [2000]))
PY
read -r got ordered old new switches first <"$TMP/load.v"
rx1=$(counter rx-packets)
check "every frame the routelet received under reconfiguration came back ($got of $((rx1 - rx0)))" \
	test "$got" -eq $((rx1 - rx0))
# Loss before the routelet (the veth backlog, the ring) is the kernel's on
# a shared two-core machine; it is counted, and a trace is tolerated.
lost=$((3000 - (rx1 - rx0)))
check "at most 3 of 3000 frames lost before the routelet ($lost; ring drops $(counter ring-drop-packets))" \
	test "$lost" -le 3
check "no reordering under reconfiguration" test "$ordered" -eq 1
check "labels switch once, old then new ($old x 2000, $new x 3000)" \
	test "$switches" -eq 1 -a "$first" -eq 1 -a "$old" -gt 0 -a "$new" -gt 0

# One controller at a time; the routelet outlives its controller.
r=$(tool second "$SOCK")
check "a second controller is told busy" test "${r%%:*}" = "3 busy"
r=$(tool push "$SOCK" | awk '$1 == "generation" { print $2 }')
check "a reconnected controller gets counters pushed (generation $r)" test "$r" = 5
inject '[["mpls", 5, 1000, 64, 100]]' 0 0.3 >"$TMP/after"
check "still forwarding after controllers came and went" test \
	"$(q "$TMP/after" "[r['label'] for r in d['back']]")" = "[3000, 3000, 3000, 3000, 3000]"

# The link going down and up again: forwarding resumes, no busy loop.
ip -n "$NS_R" link set "$IF_R" down
sleep 1
t0=$(awk '{ print $14 + $15 }' /proc/$RPID/stat)
sleep 1
t1=$(awk '{ print $14 + $15 }' /proc/$RPID/stat)
check "no busy loop while the link is down ($((t1 - t0)) ticks in 1 s)" \
	test $((t1 - t0)) -le 5
ip -n "$NS_R" link set "$IF_R" up
sleep 0.5
inject '[["mpls", 5, 1000, 64, 100]]' 0 0.3 >"$TMP/updown"
check "forwarding resumes when the link is up again" test \
	"$(q "$TMP/updown" "len(d['back'])")" = 5

# Idle RSS (the ring is 1 MiB and mapped whole).
rss=$(awk '/^VmRSS:/ { print $2 }' /proc/$RPID/status)
echo "idle VmRSS: $rss kB"
if ldd "$BIN" 2>/dev/null | grep -q libasan; then
	echo "SKIP: idle RSS at most 4 MB ($rss kB; ASan's shadow memory counts)"
else
	check "idle RSS at most 4 MB ($rss kB)" test "$rss" -le 4096
fi

kill -TERM "$RPID"
wait "$RPID"
rc=$?
RPID=
check "SIGTERM exits 0" test "$rc" -eq 0
check "socket removed on exit" test ! -e "$SOCK"

# A config file that does not parse stops the start, naming the line.
printf 'generation 1\nin-label 5\n' >"$TMP/badfile"
ip netns exec "$NS_R" "$BIN" -d -i "$IF_R" -s "$SOCK.2" -c "$TMP/badfile" \
	2>"$TMP/badfile.log"
rc=$?
check "a bad config file exits 1" test "$rc" -eq 1
check "and says which line ($(cat "$TMP/badfile.log"))" \
	grep -q "badfile: line 2: bad value for 'in-label'" "$TMP/badfile.log"
"$BIN" -i lo >/dev/null 2>&1
check "usage errors exit 2" test $? -eq 2

# -n: check a file and print it back in canonical form (a golden file).
printf '# keys in any order\nmax-size 1500\ngeneration 3\nin-label 1000\nout-label 3\n\nnexthop-mac 02:00:00:00:00:0A\nsource-mac\t02:00:00:00:00:01\nrate 1000\nbucket 3000\npeak 2000\nmin-unit 64\n' >"$TMP/messy"
cat >"$TMP/golden" <<'GOLD'
generation 3
flow-id 0
in-label 1000
out-label 3
nexthop-mac 02:00:00:00:00:0a
source-mac 02:00:00:00:00:01
rate 1000
bucket 3000
peak 2000
min-unit 64
max-size 1500
GOLD
"$BIN" -n -c "$TMP/messy" >"$TMP/printed" 2>&1
check "-n prints the config back in canonical form" \
	cmp -s "$TMP/printed" "$TMP/golden"
"$BIN" -n -c "$TMP/printed" >"$TMP/printed2" 2>&1
check "-n output parses to itself" cmp -s "$TMP/printed2" "$TMP/golden"
"$BIN" -n -c "$TMP/badfile" >/dev/null 2>&1
check "-n on a bad file exits 1" test $? -eq 1

# The guest image's static build: it starts, and its idle RSS.
if [ -x "$BIN-static" ]; then
	# Configured from a file (-c) this time; config() wrote $TMP/cfg.
	sed -i 's/^out-label .*/out-label 2000/; s/^rate .*/rate 100000000/' \
		"$TMP/cfg"
	ip netns exec "$NS_R" "$BIN-static" -d -i "$IF_R" -s "$SOCK" \
		-c "$TMP/cfg" 2>>"$TMP/routelet.log" &
	RPID=$!
	for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
	inject '[["mpls", 5, 1000, 64, 100]]' 0 0.3 >"$TMP/static"
	check "static build forwards" test "$(q "$TMP/static" "len(d['back'])")" = 5
	rss=$(awk '/^VmRSS:/ { print $2 }' /proc/$RPID/status)
	echo "idle VmRSS (static): $rss kB"
	check "static build idle RSS at most 4 MB ($rss kB)" test "$rss" -le 4096
	kill -TERM "$RPID"
	wait "$RPID"
	rc=$?
	RPID=
	check "static build exits 0 on SIGTERM" test "$rc" -eq 0
fi

# Its interface deleted, a routelet has nothing left to do: it exits 1.
ip netns exec "$NS_R" "$BIN" -d -i "$IF_R" -s "$SOCK" 2>>"$TMP/routelet.log" &
RPID=$!
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
ip -n "$NS_R" link del "$IF_R"
for _ in $(seq 30); do kill -0 "$RPID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$RPID" 2>/dev/null; then
	fail "routelet exits when its interface is deleted"
else
	wait "$RPID"
	rc=$?
	check "routelet exits 1 when its interface is deleted" test "$rc" -eq 1
fi
RPID=

if [ "$fails" -ne 0 ]; then
	echo "routelet log:"; sed 's/^/  /' "$TMP/routelet.log"
fi
[ "$fails" -eq 0 ]
