# Shared by the routelet_*.sh tests; sourced, not run (not executable).
#
# Sourcing it: checks root and the binary, makes two network namespaces
# joined by a veth pair ($NS_R/$IF_R/$MAC_R for the routelet, $NS_D/$IF_D/
# $MAC_D for dom0's side; all named rlt<pid>*), a temporary directory
# $TMP, a trap that removes them and ends $RPID and $RLT_PIDS, and the
# helpers pass/fail/check, tool (controller for the socket channel),
# inject (frames in from dom0's side, what came back as JSON) and q (a
# Python expression over such JSON).  Set RLT_WHAT (what the script
# checks, for the SKIP line) before sourcing.
. "$(dirname "${BASH_SOURCE[0]}")/lib/check.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: $RLT_WHAT (needs root for namespaces)"
	exit 0
fi
if [ ! -x "$BIN" ]; then
	echo "FAIL: $BIN not built"
	exit 1
fi

P=rlt$$
NS_R=$P-r		# the routelet
NS_D=$P-d		# dom0's side
IF_R=${P}r
IF_D=${P}d
MAC_R=02:72:6c:74:00:01
MAC_D=02:72:6c:74:00:02
TMP=$(mktemp -d /tmp/$P.XXXXXX)
RPID=

RLT_PIDS=		# more processes to end on exit (a script adds its own)

cleanup() {
	local pid
	[ -n "$RPID" ] && kill "$RPID" 2>/dev/null && wait "$RPID" 2>/dev/null
	for pid in $RLT_PIDS; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	ip netns del "$NS_R" 2>/dev/null
	ip netns del "$NS_D" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# The controller and the injector, in one small program.
cat >"$TMP/tool.py" <<'PY'
import json, os, socket, struct, sys, time

def recvall(s, n):
    b = b''
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError
        b += c
    return b

def send_msg(s, t, payload=b''):
    s.sendall(struct.pack('!BBHI', 1, t, 0, len(payload)) + payload)

def recv_msg(s):
    v, t, r, n = struct.unpack('!BBHI', recvall(s, 8))
    return t, recvall(s, n).decode()

def ctl_connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(path)
    return s

def wait_reply(s, types):
    while True:
        t, p = recv_msg(s)
        if t in types:
            return t, p

def mac(s):
    return bytes(int(x, 16) for x in s.split(':'))

def lse(label, ttl, s=1, tc=0):
    return struct.pack('!I', label << 12 | tc << 9 | s << 8 | ttl)

def ipv4(seq, size):
    body = struct.pack('!I', seq) + b'\xab' * max(0, size - 24)
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(body), seq & 0xffff,
                       0, 64, 17, 0, b'\x0a\0\0\x01', b'\x0a\0\0\x02') + body

def frame(kind, seq, label, ttl, size, src, dst):
    eth = mac(dst) + mac(src)
    if kind == 'ip':
        return eth + b'\x08\x00' + ipv4(seq, size)
    if kind == 'stack':
        return eth + b'\x88\x47' + lse(label, ttl, 0) + lse(99, 5) + ipv4(seq, size)
    return eth + b'\x88\x47' + lse(label, ttl) + ipv4(seq, size)

def inject(ifname, src, dst, spec, gap, wait):
    """spec: list of [kind, count, label, ttl, size]; prints what came back."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)   # SO_RCVBUFFORCE
    s.bind((ifname, 0))
    seq = 0
    for kind, count, label, ttl, size in spec:
        for _ in range(count):
            s.send(frame(kind, seq, label, ttl, size, src, dst))
            seq += 1
            if gap:
                time.sleep(gap)
    s.settimeout(wait)
    back = []
    try:
        while True:
            data, addr = s.recvfrom(4096)
            if addr[2] == socket.PACKET_OUTGOING or data[6:12] != mac(dst):
                continue
            r = {'dst': data[0:6].hex(':'), 'src': data[6:12].hex(':'),
                 'type': data[12:14].hex(), 'len': len(data)}
            off = 14
            if r['type'] == '8847':
                (e,) = struct.unpack('!I', data[14:18])
                r.update(label=e >> 12, ttl=e & 0xff, s=(e >> 8) & 1)
                off = 18
                if not r['s']:
                    (e,) = struct.unpack('!I', data[18:22])
                    r.update(inner=e >> 12, inner_ttl=e & 0xff)
                    off = 22
            r['seq'] = struct.unpack('!I', data[off + 20:off + 24])[0]
            back.append(r)
            s.settimeout(wait)
    except socket.timeout:
        pass
    print(json.dumps({'sent': seq, 'back': back}))

def main():
    cmd = sys.argv[1]
    if cmd == 'config':          # config SOCK FILE -> prints OK/ERROR text
        s = ctl_connect(sys.argv[2])
        send_msg(s, 1, open(sys.argv[3], 'rb').read())
        t, p = wait_reply(s, (2, 3))
        print(('ok ' if t == 2 else 'error ') + p)
    elif cmd == 'counters':      # counters SOCK -> "key value" lines
        s = ctl_connect(sys.argv[2])
        send_msg(s, 4)
        t, p = wait_reply(s, (5,))
        sys.stdout.write(p)
    elif cmd == 'push':          # push SOCK -> first unasked counters
        s = ctl_connect(sys.argv[2])
        t, p = wait_reply(s, (5,))
        sys.stdout.write(p)
    elif cmd == 'second':        # second SOCK: hold one, try another
        a = ctl_connect(sys.argv[2])
        send_msg(a, 4)
        wait_reply(a, (5,))
        b = ctl_connect(sys.argv[2])
        t, p = recv_msg(b)
        print(t, p)
    elif cmd == 'inject':        # inject IF SRC DST SPEC-JSON GAP WAIT
        inject(sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5]),
               float(sys.argv[6]), float(sys.argv[7]))

main()
PY

tool() { python3 "$TMP/tool.py" "$@"; }
inject() { ip netns exec "$NS_D" python3 "$TMP/tool.py" inject "$IF_D" "$MAC_D" "$MAC_R" "$@"; }
q() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }

# Topology.
ip netns add "$NS_R" && ip netns add "$NS_D" &&
ip link add "$IF_R" netns "$NS_R" address $MAC_R type veth \
	peer name "$IF_D" netns "$NS_D" address $MAC_D || {
	echo "FAIL: topology"; exit 1; }
for ns in "$NS_R" "$NS_D"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$NS_R" link set "$IF_R" up
ip -n "$NS_D" link set "$IF_D" up

