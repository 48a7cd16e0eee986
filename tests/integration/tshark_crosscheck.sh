#!/bin/bash
# Cross-check the RSVP encoder against Wireshark's dissector and our own
# dump: rsvp-vectors writes one message of each kind (tests/tools/
# vectors.h holds the values); tshark must decode them without a malformed
# packet, expert error or bad checksum, and read back the key fields; so
# must quasar-rsvp dump, in text and in JSON.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

vectors=$BUILD/tests/tools/rsvp-vectors
dump=$BUILD/bin/quasar-rsvp

. tests/integration/lib/check.sh
# check WHAT EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1 (expected '$2', got '$3')"
	fi
}
# contains WHAT PATTERN FILE: a fixed string is in FILE
contains() {
	if grep -qF -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1 ('$2' not in the output)"
	fi
}

if ! command -v tshark >/dev/null; then
	echo "SKIP: tshark cross-check (tshark is not installed)"
	exit 0
fi
for b in "$vectors" "$dump"; do
	if [ ! -x "$b" ]; then
		fail "$b is built"
		exit 1
	fi
done

tmp=$(mktemp -d /tmp/quasar-xcheck.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
pcap=$tmp/vectors.pcap
if ! "$vectors" "$pcap"; then
	fail "rsvp-vectors writes the test capture"
	exit 1
fi

# tshark runs as root here; keep its warning out of the fields.
ts() { tshark -n -o ip.check_checksum:TRUE -r "$pcap" "$@" 2>/dev/null; }
# Every field the checks read, from one tshark run: a line per frame, a
# tab-separated column per field, repeated values joined by commas.
fields=(_ws.malformed _ws.expert.severity ip.checksum.status ip.opt.ra
	rsvp.msg rsvp.session.tunnel_id rsvp.session.ext_tunnel_id
	rsvp.sender.lsp_id rsvp.sender.ip rsvp.tspec.token_bucket_rate
	rsvp.session_attribute.name rsvp.session_attribute.setup_priority
	rsvp.ero_rro_subobjects.ipv4_hop rsvp.loose_hop rsvp.label.label
	rsvp.style.style rsvp.flowspec.token_bucket_rate rsvp.flowspec.rate)
args=()
for f in "${fields[@]}"; do
	args+=(-e "$f")
done
ts -T fields -E separator=/t -E occurrence=a -E aggregator=, "${args[@]}" \
	>"$tmp/fields.tsv"
# field FRAME NAME: the values of NAME in frame FRAME, comma-separated
field() {
	local i
	for i in "${!fields[@]}"; do
		[ "${fields[i]}" = "$2" ] && break
	done
	awk -F'\t' -v n="$1" -v c=$((i + 1)) 'NR == n { print $c }' \
		"$tmp/fields.tsv"
}
# column NAME: the values of NAME in every frame, comma-separated
column() {
	local n
	for ((n = 1; n <= $(wc -l <"$tmp/fields.tsv"); n++)); do
		field "$n" "$1"
	done | paste -sd, -
}
# num FRAME NAME: the same, as whole decimal numbers (tshark prints floats
# as 1.25e+06 and styles in hex)
num() {
	local v out=
	for v in $(field "$1" "$2" | tr , ' '); do
		if [[ $v == 0x* ]]; then
			v=$((v))
		else
			v=$(printf '%.0f' "$v")
		fi
		out+=${out:+,}$v
	done
	echo "$out"
}

# --- tshark: well-formed, checksums -------------------------------------
check "tshark reads 10 packets" 10 "$(wc -l <"$tmp/fields.tsv")"
check "tshark: no malformed packet" ",,,,,,,,," "$(column _ws.malformed)"
worst=0
for v in $(column _ws.expert.severity | tr , ' '); do
	((v > worst)) && worst=$v
done
# Expert severities: 0x00600000 warning, 0x00800000 error.
check "tshark: no expert error or warning" 1 $((worst < 0x00600000))
check "tshark: every IPv4 header checksum verified good" \
	"1,1,1,1,1,1,1,1,1,1" "$(column ip.checksum.status)"
check "tshark: message types" "1,2,2,3,4,5,6,7,20,20" "$(column rsvp.msg)"

# Wireshark 4.0's RSVP dissector has no checksum preference ("tshark -G
# defaultprefs" lists only rsvp.process_bundle and
# rsvp.generalized_label_options): it always verifies the checksum and
# says so in the -V text only ("[correct]" or "[incorrect, should be
# 0x...]"), with no status field and no expert item.  Read the text.
ts -V >"$tmp/verbose.txt"
check "tshark -V: no Malformed Packet" 0 \
	"$(grep -c 'Malformed Packet' "$tmp/verbose.txt")"
check "tshark -V: 10 RSVP message checksums [correct]" 10 \
	"$(grep -cE 'Message Checksum: 0x[0-9a-f]{4} \[correct\]' \
		"$tmp/verbose.txt")"
check "tshark -V: no RSVP message checksum [incorrect]" 0 \
	"$(grep -c 'Message Checksum: .*incorrect' "$tmp/verbose.txt")"
# And our own sum (RFC 1071) over the RSVP bytes tshark dissects.
cksum_ok=0
while read -r hex; do
	sum=0
	for ((i = 0; i < ${#hex}; i += 4)); do
		w=${hex:i:4}
		[ ${#w} -eq 2 ] && w=${w}00
		sum=$((sum + 16#$w))
	done
	while ((sum >> 16)); do sum=$(((sum & 0xffff) + (sum >> 16))); done
	[ "$sum" -eq 65535 ] && cksum_ok=$((cksum_ok + 1))
done < <(tshark -n -r "$pcap" -T json -x 2>/dev/null |
	sed -n 's/^ *"rsvp_raw": \[$//;T;n;s/^ *"\([0-9a-f]*\)",$/\1/p')
check "RSVP checksums verify over the bytes tshark dissects" 10 "$cksum_ok"
# The check can fail: packet 2 of the malformed set has a bad checksum,
# and tshark and quasar-rsvp must agree on what it should be.
if "$vectors" -m "$tmp/malformed.pcap"; then
	check "tshark and dump agree on a bad checksum" \
		"[incorrect, should be 0xb871] (bad, should be 0xb871)" \
		"$(tshark -n -r "$tmp/malformed.pcap" -Y 'frame.number == 2' -V \
			2>/dev/null | sed -n 's/.*Message Checksum: 0x[0-9a-f]* //p') $(
		"$dump" dump -c 2 -r "$tmp/malformed.pcap" |
			sed -n 's/.*cksum 0x[0-9a-f]* (bad/(bad/p')"
else
	fail "rsvp-vectors -m writes the malformed capture"
fi

# --- tshark: the values encoded (tests/tools/vectors.h) ------------------
check "tshark: Path tunnel id" 4242 "$(field 1 rsvp.session.tunnel_id)"
# tshark shows the extended tunnel id as a number: 10.0.0.1 is 167772161.
check "tshark: Path extended tunnel id" 167772161 \
	"$(field 1 rsvp.session.ext_tunnel_id)"
check "tshark: Path LSP id" 17 "$(field 1 rsvp.sender.lsp_id)"
check "tshark: Path sender template address" 10.0.0.1 \
	"$(field 1 rsvp.sender.ip)"
check "tshark: Path token bucket rate (bytes/s)" 1250000 \
	"$(num 1 rsvp.tspec.token_bucket_rate)"
check "tshark: Path session name" quasar-lsp-1 \
	"$(field 1 rsvp.session_attribute.name)"
check "tshark: Path setup priority" 7 \
	"$(field 1 rsvp.session_attribute.setup_priority)"
check "tshark: Path ERO and RRO hops" \
	10.0.1.2,10.0.2.2,10.0.3.2,10.0.0.9,10.0.0.1 \
	"$(field 1 rsvp.ero_rro_subobjects.ipv4_hop)"
check "tshark: Path ERO loose bits" 0,1,0,0 \
	"$(field 1 rsvp.loose_hop | tr -d ' ' | sed 's/True/1/g;s/False/0/g')"
check "tshark: Router Alert on Path and PathTear only" \
	"1,0,0,0,0,1,0,0,0,0" \
	"$(for ((n = 1; n <= 10; n++)); do field $n ip.opt.ra | grep -c .; done |
		paste -sd, -)"
check "tshark: Resv FF label" 1001 "$(field 2 rsvp.label.label)"
check "tshark: Resv FF style" 10 "$(num 2 rsvp.style.style)"
check "tshark: Resv FF flowspec token bucket rate" 1250000 \
	"$(num 2 rsvp.flowspec.token_bucket_rate)"
check "tshark: Resv FF filter LSP id" 17 "$(field 2 rsvp.sender.lsp_id)"
check "tshark: Resv SE labels" 1002,1003 "$(field 3 rsvp.label.label)"
check "tshark: Resv SE style" 18 "$(num 3 rsvp.style.style)"
check "tshark: Resv SE guaranteed rate R (bytes/s)" 1562500 \
	"$(num 3 rsvp.flowspec.rate)"
check "tshark: Resv SE filter LSP ids" 17,18 "$(field 3 rsvp.sender.lsp_id)"

# --- quasar-rsvp dump, text ----------------------------------------------
out=$tmp/dump.txt
"$dump" dump -r "$pcap" >"$out" 2>"$tmp/dump.err"
check "dump -r exits 0" 0 $?
check "dump: 10 messages with checksum ok" 10 "$(grep -c 'cksum 0x[0-9a-f]* (ok)$' "$out")"
contains "dump: Path tunnel id and extended tunnel id" \
	"tunnel id 4242, extended tunnel id 10.0.0.1" "$out"
contains "dump: Path LSP id" "sender 10.0.0.1, LSP id 17" "$out"
contains "dump: Path token bucket rate" "token bucket rate 10Mbit" "$out"
contains "dump: Path ERO hops, strict and loose" \
	"10.0.1.2/32 strict, 10.0.2.2/32 loose, 10.0.3.2/32 strict, 10.0.0.9/32 strict" \
	"$out"
contains "dump: Path session name and priorities" \
	'setup 7, hold 1, flags 0x06 [label-recording] [SE-style], name "quasar-lsp-1"' \
	"$out"
contains "dump: Path Router Alert and TTL" "ttl 64, id 1, offset 0" "$out"
contains "dump: Resv FF label" "label 1001" "$out"
contains "dump: Resv FF style" "FF (10)" "$out"
contains "dump: Resv SE style" "SE (18)" "$out"
contains "dump: Resv SE second label" "label 1003" "$out"
contains "dump: PathErr error spec named" "code Routing Problem (24)" "$out"

# --- quasar-rsvp dump, JSON ----------------------------------------------
if ! command -v jq >/dev/null; then
	echo "SKIP: dump -j values (jq is not installed)"
	exit $((fails > 0))
fi
js=$tmp/dump.json
"$dump" dump -j -r "$pcap" >"$js"
check "dump -j exits 0" 0 $?
check "dump -j: 10 JSON objects" 10 "$(jq -s length "$js")"
q() { jq -r -s "$1" "$js" | paste -sd, -; }
check "dump -j: message types" "1,2,2,3,4,5,6,7,20,20" "$(q '.[].rsvp.type')"
check "dump -j: checksums ok" 10 "$(q '[.[] | select(.rsvp.cksum_status == "ok")] | length')"
check "dump -j: Path tunnel id" 4242 \
	"$(q '.[0].objects[] | select(.class == 1) | .tunnel_id')"
check "dump -j: Path extended tunnel id" 10.0.0.1 \
	"$(q '.[0].objects[] | select(.class == 1) | .ext_tunnel_id')"
check "dump -j: Path LSP id" 17 \
	"$(q '.[0].objects[] | select(.class == 11) | .lsp_id')"
check "dump -j: Path token bucket rate" "1250000,10Mbit" \
	"$(q '.[0].objects[] | select(.class == 12) | .tspec | .rate_Bps, .rate')"
check "dump -j: Path ERO hops" 10.0.1.2,10.0.2.2,10.0.3.2,10.0.0.9 \
	"$(q '.[0].objects[] | select(.class == 20) | .hops[].address')"
check "dump -j: Path ERO loose bits" false,true,false,false \
	"$(q '.[0].objects[] | select(.class == 20) | .hops[].loose')"
check "dump -j: Path session name" quasar-lsp-1 \
	"$(q '.[0].objects[] | select(.class == 207) | .name')"
check "dump -j: Path Router Alert" true "$(q '.[0].ip.router_alert')"
check "dump -j: Resv FF label" 1001 \
	"$(q '.[1].objects[] | select(.class == 16) | .label')"
check "dump -j: Resv FF style" FF \
	"$(q '.[1].objects[] | select(.class == 8) | .style')"
check "dump -j: Resv SE labels" 1002,1003 \
	"$(q '.[2].objects[] | select(.class == 16) | .label')"
check "dump -j: Resv SE style" SE \
	"$(q '.[2].objects[] | select(.class == 8) | .style')"
exit $((fails > 0))
