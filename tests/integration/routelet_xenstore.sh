#!/bin/bash
# quasar-routelet's xenstore channel (-x) through the real libxenstore.
#
# A real xenstored cannot run on these machines without a hypervisor (see
# docs/routelet.md), so the daemon here is a stand-in: a small xenstored
# written for this test that speaks the xenstore wire protocol (xs_wire.h)
# on a UNIX socket, with one store, watches that fire on writes, and
# transactions without isolation whose commit can be made to fail with
# EAGAIN.  Every client is domain 0, so the routelet's relative paths
# resolve to /local/domain/0/.  libxenstore finds it through XENSTORED_PATH;
# dom0's side is the xenstore-write/-read/-rm tools of xenstore-utils.
#
# Checks: config (the one node quasar/config) applied on a generation
# change, frames swapped, counters and the free memory written every
# second, a bad config refused with the line in quasar/status and the old
# config kept, a text without a generation refused, SIGTERM.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
BIN=$BUILD/bin/quasar-routelet

for t in xenstore-write xenstore-read xenstore-rm; do
	if ! command -v $t >/dev/null; then
		echo "SKIP: routelet xenstore channel ($t missing: apt-get install xenstore-utils)"
		exit 0
	fi
done

RLT_WHAT="routelet xenstore channel"
# shellcheck source=tests/integration/routelet_lib.sh
. tests/integration/routelet_lib.sh

cat >"$TMP/xenstored.py" <<'PY'
import selectors, socket, struct, sys

HOME = '/local/domain/0'
XS_READ, XS_WATCH, XS_UNWATCH, XS_TX_START, XS_TX_END = 2, 4, 5, 6, 7
XS_WRITE, XS_RM, XS_WATCH_EVENT, XS_ERROR = 11, 13, 15, 16
store = {}
watches = []            # (connection, absolute path, token, relative?)
next_tx = [1]
guest_tx = set()        # transactions that touch a relative path

def absolute(p):
    return p if p.startswith('/') else HOME + '/' + p

def send(c, t, rid, tx, payload):
    c.sendall(struct.pack('=IIII', t, rid, tx, len(payload)) + payload)

def fire(path):
    for c, w, tok, rel in list(watches):
        if path == w or path.startswith(w + '/'):
            shown = path[len(HOME) + 1:] if rel else path
            send(c, XS_WATCH_EVENT, 0, 0,
                 shown.encode() + b'\0' + tok.encode() + b'\0')

def handle(c, t, rid, tx, body):
    args = body.split(b'\0')
    if t in (XS_READ, XS_WRITE) and tx and not args[0].startswith(b'/'):
        guest_tx.add(tx)
    if t == XS_READ:
        p = absolute(args[0].decode())
        if p not in store:
            return send(c, XS_ERROR, rid, tx, b'ENOENT\0')
        return send(c, t, rid, tx, store[p])
    if t == XS_WRITE:
        p = absolute(args[0].decode())
        store[p] = body[len(args[0]) + 1:]
        send(c, t, rid, tx, b'OK\0')
        return fire(p)
    if t == XS_RM:
        p = absolute(args[0].decode())
        for k in [k for k in store if k == p or k.startswith(p + '/')]:
            del store[k]
        send(c, t, rid, tx, b'OK\0')
        return fire(p)
    if t == XS_WATCH:
        raw, tok = args[0].decode(), args[1].decode()
        watches.append((c, absolute(raw), tok, not raw.startswith('/')))
        send(c, t, rid, tx, b'OK\0')
        # Like xenstored, a new watch fires once at once.
        return send(c, XS_WATCH_EVENT, 0, 0, args[0] + b'\0' + args[1] + b'\0')
    if t == XS_UNWATCH:
        return send(c, t, rid, tx, b'OK\0')
    if t == XS_TX_START:
        n = next_tx[0]
        next_tx[0] += 1
        return send(c, t, rid, tx, str(n).encode() + b'\0')
    if t == XS_TX_END:
        # /fake/eagain-commits N: the next N commits of transactions that
        # touch relative paths (the routelet's; the tools use absolute
        # ones) lose their race; counted in /fake/lost-races.
        left = int(store.get('/fake/eagain-commits', b'0') or 0)
        guest = tx in guest_tx
        guest_tx.discard(tx)
        if args[0] == b'T' and guest and left > 0:
            store['/fake/eagain-commits'] = str(left - 1).encode()
            lost = int(store.get('/fake/lost-races', b'0')) + 1
            store['/fake/lost-races'] = str(lost).encode()
            return send(c, XS_ERROR, rid, tx, b'EAGAIN\0')
        return send(c, t, rid, tx, b'OK\0')
    send(c, XS_ERROR, rid, tx, b'ENOSYS\0')

def main():
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(sys.argv[1])
    srv.listen(16)
    sel = selectors.DefaultSelector()
    sel.register(srv, selectors.EVENT_READ)
    bufs = {}
    while True:
        for key, _ in sel.select():
            s = key.fileobj
            if s is srv:
                c, _ = srv.accept()
                sel.register(c, selectors.EVENT_READ)
                bufs[c] = b''
                continue
            d = s.recv(65536)
            if not d:
                sel.unregister(s)
                del bufs[s]
                watches[:] = [w for w in watches if w[0] is not s]
                s.close()
                continue
            bufs[s] += d
            while len(bufs[s]) >= 16:
                t, rid, tx, n = struct.unpack('=IIII', bufs[s][:16])
                if len(bufs[s]) < 16 + n:
                    break
                body, bufs[s] = bufs[s][16:16 + n], bufs[s][16 + n:]
                handle(s, t, rid, tx, body)

main()
PY

export XENSTORED_PATH=$TMP/xenstored.sock
python3 "$TMP/xenstored.py" "$XENSTORED_PATH" 2>"$TMP/xenstored.log" &
RLT_PIDS=$!
for _ in $(seq 50); do [ -S "$XENSTORED_PATH" ] && break; sleep 0.1; done
check "xenstored stand-in answers" xenstore-write /fake/eagain-commits 0

D=/local/domain/0/quasar

# wait_for PATH VALUE: up to 3 s for PATH to read VALUE.
wait_for() {
	local i
	for i in $(seq 30); do
		[ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ] && return 0
		sleep 0.1
	done
	return 1
}

ip netns exec "$NS_R" "$BIN" -d -x -i "$IF_R" 2>"$TMP/routelet.log" &
RPID=$!
for _ in $(seq 50); do grep -q "forwarding on" "$TMP/routelet.log" && break; sleep 0.1; done
check "routelet up on xenstore" grep -q "forwarding on" "$TMP/routelet.log"

inject '[["mpls", 3, 1000, 64, 100]]' 0 0.3 >"$TMP/none"
check "nothing forwarded before a generation" \
	test "$(q "$TMP/none" "len(d['back'])")" = 0

# config GEN OUT-LABEL [RATE]: the flow's config text, as dom0 writes it
# to the one node quasar/config.
config() {
	printf 'generation %s\nflow-id 7\nname rlt-xs\nin-label 1000\nout-label %s\nnexthop-mac %s\nsource-mac %s\nrate %s\nbucket 1000000\npeak inf\nmin-unit 64\nmax-size 1500\n' \
	    "$1" "$2" "$MAC_D" "$MAC_R" "${3:-100000000}"
}
xenstore-write $D/config "$(config 1 2000)"
check "generation 1 applied (quasar/status 'ok 1')" wait_for $D/status "ok 1"

inject '[["mpls", 10, 1000, 64, 100]]' 0 0.3 >"$TMP/swap"
check "10 frames swapped to label 2000, TTL 63" test \
	"$(q "$TMP/swap" "[(r['label'], r['ttl']) for r in d['back']] == [(2000, 63)] * 10")" = True
check "MACs from xenstore" test \
	"$(q "$TMP/swap" "all(r['dst'] == '$MAC_D' and r['src'] == '$MAC_R' for r in d['back'])")" = True
check "counters written under quasar/counters/ (tx-packets 10)" \
	wait_for $D/counters/tx-packets 10
check "counters carry the generation" wait_for $D/counters/generation 1
check "bad-label counted (3 before the config)" \
	wait_for $D/counters/bad-label-packets 3
check "the system's free memory is reported (mem-available-kb)" \
	sh -c "xenstore-read $D/counters/mem-available-kb | grep -qE '^[0-9]+\$'"

xenstore-write $D/config "$(config 2 2000 fast)"
check "bad rate refused in quasar/status" \
	wait_for $D/status "error 2: line 8: bad value for 'rate'"
inject '[["mpls", 3, 1000, 64, 100]]' 0 0.3 >"$TMP/old"
check "the old config stays in force" test \
	"$(q "$TMP/old" "[r['label'] for r in d['back']]")" = "[2000, 2000, 2000]"

xenstore-write $D/config "in-label 5"
check "a text without a generation is refused" \
	wait_for $D/status "error 0: no generation line"

xenstore-write $D/config "$(config 4 3000)"
check "generation 4 applied" wait_for $D/status "ok 4"
inject '[["mpls", 3, 1000, 64, 100]]' 0 0.3 >"$TMP/new"
check "the new label is used" test \
	"$(q "$TMP/new" "[r['label'] for r in d['back']]")" = "[3000, 3000, 3000]"
check "counters follow the generation" wait_for $D/counters/generation 4

# The counters' transaction loses two commit races; the next push wins.
xenstore-write $D/counters/tx-packets 0
xenstore-write /fake/eagain-commits 2
check "two counter commits lost their race" wait_for /fake/lost-races 2
check "the next push writes them again (tx-packets 16)" \
	wait_for $D/counters/tx-packets 16

kill -TERM "$RPID"
wait "$RPID"
rc=$?
RPID=
check "SIGTERM exits 0" test "$rc" -eq 0

# The guest image's static build (libxenstore.a) finds the config there.
if [ -x "$BIN-static" ]; then
	xenstore-write $D/status none
	ip netns exec "$NS_R" "$BIN-static" -d -x -i "$IF_R" \
		2>>"$TMP/routelet.log" &
	RPID=$!
	check "static build applies the generation in force at start" \
		wait_for $D/status "ok 4"
	inject '[["mpls", 3, 1000, 64, 100]]' 0 0.3 >"$TMP/static"
	check "static build forwards with it" test \
		"$(q "$TMP/static" "[r['label'] for r in d['back']]")" = "[3000, 3000, 3000]"
	# Its libxenstore has no reader thread: the routelet's own watch
	# thread must still see a new generation at once, not on a tick.
	t0=$(date +%s%N)
	xenstore-write $D/config "$(config 5 3100)"
	wait_for $D/status "ok 5"
	ms=$((($(date +%s%N) - t0) / 1000000))
	check "static build applies a new generation in ${ms} ms (< 500)" \
		test "$ms" -lt 500
	kill -TERM "$RPID"
	wait "$RPID"
	rc=$?
	RPID=
	check "static build exits 0 on SIGTERM" test "$rc" -eq 0
fi

if [ "$fails" -ne 0 ]; then
	echo "routelet log:"; sed 's/^/  /' "$TMP/routelet.log"
fi
[ "$fails" -eq 0 ]
