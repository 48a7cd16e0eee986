#!/bin/bash
# quasar-rsvp's command line: help, prefixes, usage errors (exit 2), I/O
# errors (exit 1), -c.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

vectors=$BUILD/tests/tools/rsvp-vectors
q=$BUILD/bin/quasar-rsvp

. tests/integration/lib/check.sh
# status WHAT EXPECTED CMD...: CMD exits EXPECTED
status() {
	local what=$1 want=$2 r
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	r=$?
	if [ "$r" -eq "$want" ]; then
		pass "$what: exit $want"
	else
		fail "$what: exit $r, expected $want"
	fi
}
# says WHAT STREAM PATTERN: the last command's STREAM holds PATTERN
says() {
	if grep -qF -- "$3" "$tmp/$2"; then
		pass "$1"
	else
		fail "$1 ('$3' not in std$2: $(head -c 300 "$tmp/$2"))"
	fi
}

for b in "$vectors" "$q"; do
	if [ ! -x "$b" ]; then
		fail "$b is built"
		exit 1
	fi
done
tmp=$(mktemp -d /tmp/quasar-cli.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
"$vectors" "$tmp/v.pcap" || { fail "rsvp-vectors"; exit 1; }

status "--help" 0 "$q" --help
says "--help lists dump" out "dump     print the RSVP messages"
status "help dump" 0 "$q" help dump
says "help dump shows its options" out "-r FILE   read a pcap or pcapng file"
status "help with a prefix (help d)" 0 "$q" help d
says "help d is help dump" out "usage: quasar-rsvp dump"
status "dump -h" 0 "$q" dump -h
status "dump --help" 0 "$q" dump --help
says "dump --help shows its options" out "-c COUNT  stop after COUNT packets"
status "no command" 2 "$q"
says "no command prints the usage on stderr" err "usage: quasar-rsvp COMMAND"
status "unknown command" 2 "$q" frobnicate
says "unknown command named" err 'unknown command "frobnicate"'
status "dump without -r or -i" 2 "$q" dump
says "dump without -r or -i says why" err "give one of -r FILE and -i IFACE"
status "dump with both -r and -i" 2 "$q" dump -r x -i y
status "dump with a bad option" 2 "$q" dump -r "$tmp/v.pcap" -Z
says "bad option named" err "quasar-rsvp dump: unknown option -Z"
status "dump -r without its argument" 2 "$q" dump -r
says "missing argument named" err "option -r needs an argument"
status "dump -c 0" 2 "$q" dump -r "$tmp/v.pcap" -c 0
status "dump -c abc" 2 "$q" dump -r "$tmp/v.pcap" -c abc
status "dump with a stray argument" 2 "$q" dump -r "$tmp/v.pcap" extra
status "prefix d runs dump" 0 "$q" d -r "$tmp/v.pcap"
says "prefix d printed messages" out "tunnel id 4242"
status "dump -c 3" 0 "$q" dump -c 3 -r "$tmp/v.pcap"
n=$(grep -c '^[^	]' "$tmp/out")
[ "$n" -eq 3 ] && pass "dump -c 3 prints 3 messages" ||
	fail "dump -c 3 prints $n messages"
status "dump of a missing file" 1 "$q" dump -r "$tmp/nonexistent.pcap"
says "missing file named on stderr" err "nonexistent.pcap"
printf 'this is not a capture file at all\n' >"$tmp/junk"
status "dump of a file that is not a capture" 1 "$q" dump -r "$tmp/junk"
status "dump on a missing interface" 1 "$q" dump -i quasar-no-such-if0
if [ -w /dev/full ]; then
	status "dump to a full disk" 1 sh -c "'$q' dump -r '$tmp/v.pcap' >/dev/full"
fi
exit $((fails > 0))
