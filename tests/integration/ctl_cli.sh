#!/bin/bash
# quasarctl against a control socket with canned replies
# (ctl-fake-quasard): prefix matching, tables, -j, -batch, help, usage
# errors (exit 2), quasard's errors (exit 1), quasard down (exit 1), the
# socket's mode and a second server refused.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

q=$BUILD/bin/quasarctl
fake=$BUILD/tests/tools/ctl-fake-quasard
tmp=$(mktemp -d /tmp/ctl_cli.XXXXXX)
sock=$tmp/quasard.sock
pid=

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

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
		fail "$what: exit $r, expected $want ($(head -c 300 "$tmp/err"))"
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

for b in "$q" "$fake"; do
	if [ ! -x "$b" ]; then
		fail "$b is built"
		exit 1
	fi
done

# quasard down.
status "no daemon" 1 "$q" -s "$sock" session list
says "no daemon: the reason" err "cannot connect to quasard at $sock: No such file or directory"

"$fake" "$sock" 2>"$tmp/fake.log" &
pid=$!
for _ in $(seq 50); do
	[ -S "$sock" ] && break
	sleep 0.1
done
if [ ! -S "$sock" ]; then
	fail "ctl-fake-quasard listens on $sock"
	exit 1
fi

if [ "$(stat -c %a "$sock")" = 600 ]; then
	pass "socket mode 0600"
else
	fail "socket mode $(stat -c %a "$sock"), expected 600"
fi
status "a second server on a live socket" 1 "$fake" "$sock"
says "a second server is told why" err "Address already in use"

# Prefixes, as ip(8).
for words in "session list" "s l" "sess" "se li"; do
	status "'$words'" 0 "$q" -s "$sock" $words
	says "'$words' prints the session table" out "10.0.2.2  12      10.0.1.2  bulk"
done
status "lsp list" 0 "$q" -s "$sock" l
says "lsp list: labels by name" out "1001  imp-null"
status "label list" 0 "$q" -s "$sock" lab
says "label list: footer" out "1 in use, 2 held down"
status "neighbor list" 0 "$q" -s "$sock" n l
status "neighbour list (ip's other spelling)" 0 "$q" -s "$sock" neighbour
says "neighbor list: instances in hex" out "0x12345678    0xabcdef01"
status "stats" 0 "$q" -s "$sock" st
says "stats: drop reasons" out "  ttl_mismatch     3"
status "session show (positional)" 0 "$q" -s "$sock" se sh 10.0.2.2 7
says "session show: detail view" out "extended tunnel id  10.0.1.2"
status "session show (keywords)" 0 "$q" -s "$sock" se sh tun 7 end 10.0.2.2

# -j: quasard's JSON as it is.
status "-j session list" 0 "$q" -s "$sock" -j s l
if command -v jq >/dev/null; then
	if [ "$(jq -r '.[1].name' "$tmp/out")" = bulk ]; then
		pass "-j is quasard's JSON"
	else
		fail "-j output: $(head -c 300 "$tmp/out")"
	fi
else
	says "-j is quasard's JSON" out '"name":"bulk"'
fi
status "-json -pretty" 0 "$q" --socket "$sock" -json -pretty stats
says "-pretty indents" out '  "sessions": 2'

# A command quasarctl has no table entry for: generic printer.
status "daemon-only command" 0 "$q" -s "$sock" debug echo name x n 3
says "daemon-only command: generic print" out "n: 3"
status "help lists the daemon's own commands" 0 "$q" -s "$sock" help
says "help: daemon command" out "debug echo [KEY VALUE ...]"
status "help OBJECT" 0 "$q" help session
says "help OBJECT: usage" out "session show [endpoint] ADDR"
status "OBJECT help" 0 "$q" neighbor help
says "OBJECT help: usage" out "neighbor list"

# Usage errors exit 2; quasard's refusals exit 1 with its message.
status "unknown option" 2 "$q" -x session list
status "no object" 2 "$q" -s "$sock"
status "unknown command of a known object" 2 "$q" -s "$sock" session frob
says "unknown command: message" err 'unknown command "frob" for session'
status "unknown object" 2 "$q" -s "$sock" frobnicate
says "unknown object: message" err 'unknown object "frobnicate"'
status "bad argument" 2 "$q" -s "$sock" se sh 10.0.2 7
says "bad argument: message and usage" err "usage: quasarctl session show"
status "missing argument" 2 "$q" -s "$sock" se sh 10.0.2.2
status "option without its argument" 2 "$q" -s
status "quasard refuses" 1 "$q" -s "$sock" se sh 10.0.2.2 9
says "quasard refuses: its message" err "quasard: no such session"

# -batch: one connection, stops at the first failure.
printf '# comment\n\nsession list\nstats\n' >"$tmp/batch"
status "-batch" 0 "$q" -s "$sock" -batch "$tmp/batch"
says "-batch runs each line" out "sessions: 2"
printf 'stats\nsession frob\nlsp list\n' >"$tmp/batch2"
status "-batch stops at a usage error" 2 "$q" -s "$sock" -b "$tmp/batch2"
says "-batch names the line" err "batch2:2: failed"
if grep -q "imp-null" "$tmp/out"; then
	fail "-batch went on after the failure"
else
	pass "-batch did not run the line after the failure"
fi
status "-batch -force goes on" 2 "$q" -s "$sock" -force -b "$tmp/batch2"
says "-batch -force ran the line after the failure" out "imp-null"
status "-batch from stdin" 0 bash -c "echo 'l l' | '$q' -s '$sock' -b -"
status "-batch of a missing file" 2 "$q" -s "$sock" -b "$tmp/none"

# The server survives a client that sends garbage and one that is too long.
timeout 10 python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(b"garbage\n"); print(s.recv(4096).decode())' "$sock" >"$tmp/g" 2>&1
if grep -q '"ok":false' "$tmp/g"; then
	pass "garbage answered with an error"
else
	fail "garbage: $(head -c 200 "$tmp/g")"
fi
timeout 10 python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
try:
    s.sendall(b"x" * 200000)
except OSError:
    pass
print(s.recv(4096).decode())' "$sock" >"$tmp/big" 2>&1
says "oversize request refused" big "request longer than 65536 bytes"
status "still serving after both" 0 "$q" -s "$sock" stats

kill "$pid"
wait "$pid"
pid=
if [ -e "$sock" ]; then
	fail "socket removed on exit"
else
	pass "socket removed on exit"
fi
exit $((fails > 0))
