#!/bin/bash
# quasar-routelet's transmit paths, in two network namespaces joined by a
# veth pair with a 9000-byte MTU: frames that fit a transmit-ring slot
# (at most 1,990 bytes) and longer ones, which go out on the routelet's
# second socket (docs/routelet.md, "I/O"), mixed in one burst.
#
# Checks: every frame comes back, swapped, at its length and in the order
# sent (the ring's frames are sent before a long one), and the counters
# say so (tx-packets, no send errors).
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
BIN=$BUILD/bin/quasar-routelet

RLT_WHAT="routelet long frames"
# shellcheck source=tests/integration/routelet_lib.sh
. tests/integration/routelet_lib.sh
SOCK=$TMP/routelet.sock

ip -n "$NS_R" link set "$IF_R" mtu 9000 &&
	ip -n "$NS_D" link set "$IF_D" mtu 9000 || {
	echo "FAIL: MTU 9000 on the veth pair"; exit 1; }

cat >"$TMP/cfg" <<CFG
generation 1
in-label 1000
out-label 2000
nexthop-mac $MAC_D
source-mac $MAC_R
rate 100000000
bucket 1000000
peak inf
min-unit 64
max-size 9000
CFG

ip netns exec "$NS_R" "$BIN" -d -i "$IF_R" -s "$SOCK" 2>"$TMP/routelet.log" &
RPID=$!
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
r=$(tool config "$SOCK" "$TMP/cfg")
check "config with max-size 9000 acknowledged ($r)" test "$r" = "ok generation 1"

# The last argument of a spec entry is the IPv4 length; the frame is 18
# bytes more (Ethernet and one label): 1972 fills a slot, 1973 does not.
spec='[["mpls", 5, 1000, 64, 100], ["mpls", 3, 1000, 64, 1972],
       ["mpls", 3, 1000, 64, 1973], ["mpls", 2, 1000, 64, 100],
       ["mpls", 3, 1000, 64, 3982], ["mpls", 4, 1000, 64, 1500]]'
want='[118] * 5 + [1990] * 3 + [1991] * 3 + [118] * 2 + [4000] * 3 + [1518] * 4'
inject "$spec" 0 0.5 >"$TMP/back"
n=$(q "$TMP/back" "len(d['back'])")
check "all 20 frames came back ($n)" test "$n" = 20
check "at their lengths (118, 1990 in a slot; 1991, 4000 on their own)" test \
	"$(q "$TMP/back" "[r['len'] for r in d['back']] == $want")" = True
check "in the order sent" test \
	"$(q "$TMP/back" "[r['seq'] for r in d['back']] == list(range(20))")" = True
check "swapped to 2000, TTL 63" test \
	"$(q "$TMP/back" "all(r['label'] == 2000 and r['ttl'] == 63 for r in d['back'])")" = True

tool counters "$SOCK" >"$TMP/c"
cv() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/c"; }
check "tx-packets counts 20 ($(cv tx-packets))" test "$(cv tx-packets)" = 20
check "no send errors ($(cv send-error-packets))" test "$(cv send-error-packets)" = 0

kill "$RPID"
wait "$RPID"
check "SIGTERM exits 0" test $? -eq 0
RPID=

[ "$fails" -eq 0 ]
