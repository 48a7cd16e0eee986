#!/bin/bash
# quasar-rsvp dump on a capture of truncated and corrupted packets (made by
# rsvp-vectors -m, in the order listed in tests/tools/rsvp_vectors.c): it
# must print each error and where it was found, go on with the next packet,
# never crash or hang, and exit 0.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

vectors=$BUILD/tests/tools/rsvp-vectors
dump=$BUILD/bin/quasar-rsvp

. tests/integration/lib/check.sh
check() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1 (expected '$2', got '$3')"
	fi
}
# packet N PATTERN WHAT: the text of packet N (header line and its
# indented lines) holds the fixed string PATTERN
packet() {
	local text
	text=$(awk -v n="$1" '/^[^\t]/ { p++ } p == n' "$out")
	if grep -qF -- "$2" <<<"$text"; then
		pass "packet $1: $3"
	else
		fail "packet $1: $3 ('$2' not in: $text)"
	fi
}

for b in "$vectors" "$dump"; do
	if [ ! -x "$b" ]; then
		fail "$b is built"
		exit 1
	fi
done
tmp=$(mktemp -d /tmp/quasar-malformed.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
pcap=$tmp/malformed.pcap
if ! "$vectors" -m "$pcap"; then
	fail "rsvp-vectors -m writes the capture"
	exit 1
fi

out=$tmp/dump.txt
timeout 30 "$dump" dump -r "$pcap" >"$out" 2>"$tmp/err"
check "dump of malformed packets exits 0" 0 $?
check "dump prints nothing on stderr" "" "$(cat "$tmp/err")"
check "dump shows all 13 packets" 13 "$(grep -c '^[^	]' "$out")"
packet 1 "(unverified, message incomplete)" "truncated message: checksum not judged"
packet 1 "malformed: bad message length: length field past the bytes received, at byte 6" \
	"truncated message: error and offset"
packet 2 "cksum 0xe271 (bad, should be 0xb871)" "bad checksum shown with the right one"
packet 2 "tunnel id 4242" "message with a bad checksum still decoded"
packet 3 "malformed: bad object length: object length less than 4, at byte 8, object SESSION (1) C-Type 7" \
	"zero object length: error, offset and object"
packet 4 "malformed: truncated object: object runs past the message, at byte 8, object SESSION (1)" \
	"object past the message"
packet 5 "at byte 8, object 100 C-Type 7; a router answers with error code Unknown object class (13), value 0x6407 (class 100, C-Type 7)" \
	"unknown 0bbbbbbb class rejected with its error (RFC 2205 3.10)"
packet 6 "malformed: bad version: not RSVP version 1, at byte 0" "version 2"
packet 7 "shorter than the common header" "4-byte message"
packet 8 "RSVP fragment (offset 0, 64 bytes, more follow), not decoded" \
	"IPv4 fragment shown, not decoded"
packet 9 "IP malformed: truncated IPv4 header, at byte 16" "snap length cut the IPv4 header"
packet 10 "IPv4 option length runs past the header, at byte 20" "bad IPv4 option length"
packet 11 "SENDER_TSPEC (12) IntServ (2), length 36: malformed IntServ body" \
	"bad IntServ body reported in its object"
packet 11 "RECORD_ROUTE (21)" "objects after a bad IntServ body still shown"
packet 12 "unknown class, forwarded unexamined (RFC 2205 3.10, 11bbbbbb): 0xdeadbeef" \
	"unknown 11bbbbbb class forwarded"
packet 12 "150 C-Type 1, length 8: unknown class, ignored and not forwarded" \
	"unknown 10bbbbbb class ignored"
packet 13 "label 1001" "the good Resv after the bad packets is decoded"

js=$tmp/dump.json
timeout 30 "$dump" dump -j -r "$pcap" >"$js" 2>"$tmp/err"
check "dump -j of malformed packets exits 0" 0 $?
check "dump -j writes one line per packet" 13 "$(wc -l <"$js")"
if command -v jq >/dev/null; then
	check "dump -j: every line is JSON, statuses in order" \
		"malformed,rsvp,malformed,malformed,malformed,malformed,malformed,fragment,ip_malformed,ip_malformed,rsvp,rsvp,rsvp" \
		"$(jq -r .status "$js" | paste -sd, -)"
	check "dump -j: error offsets" "6,8,8,8,0,4" \
		"$(jq -r 'select(.status == "malformed") | .error.offset' "$js" | paste -sd, -)"
	check "dump -j: bad checksum status" "bad" \
		"$(jq -r -s '.[1].rsvp.cksum_status' "$js")"
	check "dump -j: unknown object fates" "forward,ignore" \
		"$(jq -r -s '[.[11].objects[] | .fate // empty] | join(",")' "$js")"
else
	echo "SKIP: dump -j content (jq is not installed)"
fi

# Every prefix of the capture: cut files end inside a record; the dump
# must stop cleanly (0 for a clean end, 1 for a truncated file), not hang.
size=$(stat -c %s "$pcap")
bad=0
for ((cut = 0; cut < size; cut += 11)); do
	head -c "$cut" "$pcap" >"$tmp/cut.pcap"
	timeout 10 "$dump" dump -r "$tmp/cut.pcap" >/dev/null 2>"$tmp/cut.err"
	r=$?
	# Sanitizers exit 1 too: look at what was said.
	if [ "$r" -gt 1 ] || grep -qE 'Sanitizer|runtime error' "$tmp/cut.err"
	then
		bad=$((bad + 1))
		echo "cut at $cut: exit $r"
		head -n 5 "$tmp/cut.err"
	fi
done
check "dump of every truncated capture file exits 0 or 1, no crash or hang" 0 "$bad"

# Random damage: 200 copies of the good capture, each with 8 bytes of its
# packets (not of the pcap record headers) overwritten at random (seeded,
# so a failure repeats).  Text and JSON must both survive every one with
# exit 0 and nothing on stderr.
"$vectors" "$tmp/good.pcap"
size=$(stat -c %s "$tmp/good.pcap")
starts=()
lens=()
for ((off = 24; off + 16 <= size; off += 16 + len)); do
	len=$(od -An -tu4 -j $((off + 8)) -N4 "$tmp/good.pcap" | tr -d ' ')
	starts+=($((off + 16)))
	lens+=("$len")
done
RANDOM=2205
bad=0
for ((k = 0; k < 200; k++)); do
	cp "$tmp/good.pcap" "$tmp/hit.pcap"
	for ((j = 0; j < 8; j++)); do
		p=$((RANDOM % ${#starts[@]}))
		off=$((starts[p] + RANDOM % lens[p]))
		printf "\\x$(printf %02x $((RANDOM % 256)))" |
			dd of="$tmp/hit.pcap" bs=1 seek="$off" conv=notrunc \
			status=none
	done
	for mode in "" -j; do
		timeout 10 "$dump" dump $mode -r "$tmp/hit.pcap" >/dev/null \
			2>"$tmp/hit.err"
		r=$?
		if [ "$r" -ne 0 ] || [ -s "$tmp/hit.err" ]; then
			bad=$((bad + 1))
			cp "$tmp/hit.pcap" "/tmp/quasar-dump-hit-$k.pcap"
			echo "damaged capture $k (dump $mode): exit $r," \
				"kept in /tmp/quasar-dump-hit-$k.pcap"
			head -n 5 "$tmp/hit.err"
		fi
	done
done
check "dump of 200 captures with damaged packets exits 0, nothing on stderr" 0 "$bad"
exit $((fails > 0))
