#!/bin/bash
# quasar-rsvp dump -i: a live capture on one end of a veth pair in a
# network namespace of its own, while rsvp-vectors -o sends the test
# messages out of the other end, among ARP requests that the filter
# "ip proto 46" must keep away.  -c stops it; so does SIGINT.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

vectors=$BUILD/tests/tools/rsvp-vectors
dump=$BUILD/bin/quasar-rsvp
. tests/integration/lib/check.sh

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
	echo "SKIP: dump -i live capture (needs root and iproute2)"
	exit 0
fi
for b in "$vectors" "$dump"; do
	if [ ! -x "$b" ]; then
		fail "$b is built"
		exit 1
	fi
done

ns=qhost-live-$$
a=qhl$$a
b=qhl$$b
tmp=$(mktemp -d /tmp/quasar-live.XXXXXX) || exit 2
dpid=
cleanup() {
	[ -n "$dpid" ] && kill "$dpid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
if ! ip netns add "$ns" ||
	! ip -n "$ns" link add "$a" type veth peer name "$b" ||
	! ip -n "$ns" link set "$a" up || ! ip -n "$ns" link set "$b" up; then
	fail "namespace $ns with veth $a/$b"
	exit 1
fi
in_ns() { ip netns exec "$ns" "$@"; }

# Wait (5 s at most) until the dump holds its packet socket, then a little
# for the filter to be attached.
wait_capture() {
	local i
	for ((i = 0; i < 50; i++)); do
		if ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'socket:'; then
			sleep 0.3
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# 1. -c 10 -j: the ten vectors, in order, then exit 0 by itself.
ip netns exec "$ns" "$dump" dump -i "$b" -c 10 -j >"$tmp/live.json" 2>"$tmp/err" &
dpid=$!
if ! wait_capture "$dpid"; then
	fail "dump -i starts capturing ($(cat "$tmp/err"))"
	exit 1
fi
in_ns "$vectors" -o "$a" || fail "rsvp-vectors -o sends the frames"
for ((i = 0; i < 50; i++)); do
	kill -0 "$dpid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$dpid" 2>/dev/null; then
	fail "dump -i -c 10 stops after 10 packets"
	kill "$dpid"
fi
wait "$dpid"
r=$?
dpid=
[ "$r" -eq 0 ] && pass "dump -i -c 10 exits 0" || fail "dump -i -c 10 exits $r"
types=$(sed -n 's/.*"rsvp":{[^}]*"type":\([0-9]*\).*/\1/p' "$tmp/live.json" |
	paste -sd, -)
if [ "$types" = "1,2,2,3,4,5,6,7,20,20" ]; then
	pass "dump -i captured the 10 messages in order"
else
	fail "dump -i captured types '$types'"
fi
if grep -q '"tunnel_id":4242' "$tmp/live.json"; then
	pass "dump -i decoded the Path live"
else
	fail "dump -i decoded the Path live"
fi

# 2. No count, -v (which would show non-RSVP packets): ARP from a ping to
# nowhere, the malformed set, then SIGINT; the dump exits 0 and has
# printed the RSVP it saw and nothing else.
ip -n "$ns" addr add 192.0.2.1/24 dev "$a"
ip netns exec "$ns" "$dump" dump -v -i "$b" >"$tmp/live.txt" 2>"$tmp/err" &
dpid=$!
if ! wait_capture "$dpid"; then
	fail "dump -i starts capturing again"
	exit 1
fi
in_ns ping -c 2 -i 0.2 -W 1 -I "$a" 192.0.2.2 >/dev/null 2>&1
in_ns "$vectors" -m -o "$a" || fail "rsvp-vectors -m -o sends the frames"
sleep 0.5
kill -INT "$dpid"
for ((i = 0; i < 30; i++)); do
	kill -0 "$dpid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$dpid" 2>/dev/null; then
	fail "dump -i stops on SIGINT"
	kill -KILL "$dpid"
fi
wait "$dpid"
r=$?
dpid=
[ "$r" -eq 0 ] && pass "dump -i exits 0 on SIGINT" ||
	fail "dump -i exits $r on SIGINT"
if grep -qF "malformed: bad version" "$tmp/live.txt" &&
	grep -qF "label 1001" "$tmp/live.txt"; then
	pass "dump -i shows malformed messages live and goes on"
else
	fail "dump -i shows malformed messages live and goes on"
fi
if grep -qE 'not IPv4 \(|, not RSVP, skipped' "$tmp/live.txt"; then
	fail "the capture filter keeps ARP and other protocols out"
else
	pass "the capture filter keeps ARP and other protocols out"
fi
exit $((fails > 0))
