#!/bin/bash
# quasar-rsvp dump reads every link type it claims (Ethernet, 802.1Q,
# raw IP, LINKTYPE_IPV4, Linux SLL and SLL2, BSD NULL and LOOP), in pcap
# and, converted by editcap, in pcapng.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

vectors=$BUILD/tests/tools/rsvp-vectors
dump=$BUILD/bin/quasar-rsvp

. tests/integration/lib/check.sh

for b in "$vectors" "$dump"; do
	if [ ! -x "$b" ]; then
		fail "$b is built"
		exit 1
	fi
done
tmp=$(mktemp -d /tmp/quasar-links.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT

# decoded FILE WHAT: all 10 vectors decode with a good checksum and the
# Path's tunnel id
decoded() {
	local out n
	out=$(timeout 30 "$dump" dump -r "$1" 2>&1)
	n=$(grep -c 'cksum 0x[0-9a-f]* (ok)$' <<<"$out")
	if [ "$n" -eq 10 ] && grep -qF "tunnel id 4242" <<<"$out"; then
		pass "$2: 10 messages decoded"
	else
		fail "$2: $n of 10 messages decoded"
	fi
}

for link in ether vlan raw ipv4 sll sll2 null loop; do
	f=$tmp/$link.pcap
	if ! "$vectors" -l "$link" "$f"; then
		fail "rsvp-vectors -l $link"
		continue
	fi
	decoded "$f" "link type $link (pcap)"
	if command -v editcap >/dev/null; then
		editcap -F pcapng "$f" "$tmp/$link.pcapng" 2>/dev/null
		decoded "$tmp/$link.pcapng" "link type $link (pcapng)"
	fi
done
out=$("$dump" dump -v -r "$tmp/vlan.pcap" | grep -c 'ethertype 0x0800, vlan 100$')
if [ "$out" -eq 10 ]; then
	pass "dump -v shows the 802.1Q VLAN id"
else
	fail "dump -v shows the 802.1Q VLAN id ($out of 10)"
fi
# Standard input.
if "$dump" dump -r - <"$tmp/ether.pcap" | grep -qF "tunnel id 4242"; then
	pass "dump -r - reads standard input"
else
	fail "dump -r - reads standard input"
fi
exit $((fails > 0))
