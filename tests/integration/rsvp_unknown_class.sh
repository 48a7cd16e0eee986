#!/bin/bash
# Objects of unknown class in a Path from host A through quasard on R1 and
# R2 (lib/topo.sh), as RFC 2205 3.10 says, end to end:
#   class 0bbbbbbb (100): the message is rejected, PathErr "Unknown object
#                         class" (code 13) back to the sender;
#   class 10bbbbbb (130): ignored, not forwarded: the Path reaches B
#                         without it;
#   class 11bbbbbb (200): forwarded unexamined: the Path reaches B with it,
#                         byte for byte.
# The Paths are built here in Python (SESSION LSP_TUNNEL_IPv4, RSVP_HOP,
# TIME_VALUES, LABEL_REQUEST, SENDER_TEMPLATE, SENDER_TSPEC, then the
# unknown object), sent with Router Alert; B listens on a raw socket.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="unknown-class objects through two quasard routers"
. tests/integration/lib/topo.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log))"
	exit 1
fi

cat >"$TOPO_DIR/path.py" <<'PY'
# path.py send CLASS TUNNEL | listen OUTFILE SECONDS
import socket, struct, sys, time

def obj(cls, ctype, body):
    return struct.pack("!HBB", 4 + len(body), cls, ctype) + body

def cksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def path(unknown_class, tunnel):
    a = socket.inet_aton
    body = b"".join([
        obj(1, 7, a("10.0.2.2") + struct.pack("!HH", 0, tunnel) + a("10.0.1.1")),
        obj(3, 1, a("10.0.1.1") + struct.pack("!I", 0)),
        obj(5, 1, struct.pack("!I", 30000)),
        obj(19, 1, struct.pack("!HH", 0, 0x0800)),
        obj(11, 7, a("10.0.1.1") + struct.pack("!HH", 0, 1)),
        obj(12, 2, struct.pack("!HHBBHBBHfffII", 0, 7, 1, 0, 6, 127, 0, 5,
                               125000.0, 10000.0, float("inf"), 64, 1500)),
        obj(unknown_class, 1, b"krn-" + bytes([unknown_class]) * 4),
    ])
    hdr = struct.pack("!BBHBBH", 0x10, 1, 0, 64, 0, 8 + len(body))
    m = hdr + body
    return m[:2] + struct.pack("!H", cksum(m)) + m[4:]

def objects(m):
    off, out = 8, []
    while off + 4 <= len(m):
        ln, cls, ct = struct.unpack("!HBB", m[off:off + 4])
        if ln < 4:
            break
        out.append((cls, ct, m[off + 4:off + ln]))
        off += ln
    return out

if sys.argv[1] == "send":
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 46)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 64)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, b"\x94\x04\x00\x00")
    s.sendto(path(int(sys.argv[2]), int(sys.argv[3])), ("10.0.2.2", 0))
else:
    # Print "TYPE CLASS/CTYPE:hexbody ..." for each RSVP message that
    # arrives within SECONDS (Hello included: quasard greets hosts too).
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 46)
    end = time.monotonic() + float(sys.argv[3])
    with open(sys.argv[2], "w") as f:
        while time.monotonic() < end:
            s.settimeout(max(end - time.monotonic(), 0.01))
            try:
                d = s.recv(65535)
            except socket.timeout:
                break
            m = d[(d[0] & 15) * 4:]
            f.write("%d %s\n" % (m[1], " ".join(
                "%d/%d:%s" % (c, t, b.hex()) for c, t, b in objects(m))))
            f.flush()
PY

# listen NODE FILE: capture RSVP on NODE for 4 s in the background.
listen() {
	on "$1" python3 "$TOPO_DIR/path.py" listen "$2" 4 &
	LISTEN=$!
	sleep 0.3
}

# 0bbbbbbb: PathErr, code 13, value = class << 8 | C-Type (RFC 2205 A.5).
listen A "$TOPO_DIR/a100"
on A python3 "$TOPO_DIR/path.py" send 100 100
wait "$LISTEN"
check "class 100 (0bbbbbbb): PathErr Unknown object class back at the sender" \
    grep -Eq '^3 .* 6/1:[0-9a-f]{8}000d6401' "$TOPO_DIR/a100"
check "class 100: no path state on R1" \
    test "$(ctl R1 'lsp list')" = "[]"

# 10bbbbbb: ignored and dropped; the Path goes on without it.
listen B "$TOPO_DIR/b130"
on A python3 "$TOPO_DIR/path.py" send 130 130
wait "$LISTEN"
check "class 130 (10bbbbbb): the Path reaches B" \
    grep -q '^1 1/7:0a0002020000008' "$TOPO_DIR/b130"
check "class 130: B's Path carries no class 130" \
    sh -c "! grep -q ' 130/1:' '$TOPO_DIR/b130'"

# 11bbbbbb: forwarded unexamined, the same bytes.
listen B "$TOPO_DIR/b200"
on A python3 "$TOPO_DIR/path.py" send 200 200
wait "$LISTEN"
check "class 200 (11bbbbbb): the Path reaches B with the object unchanged" \
    grep -q ' 200/1:6b726e2dc8c8c8c8' "$TOPO_DIR/b200"
check "class 200 and 130 Paths left state on R1 and R2" \
    test "$(jq length <<<"$(ctl R2 'lsp list')")" = 2

quasard_stop R1
check "R1 exits 0" test $? -eq 0
quasard_stop R2
check "R2 exits 0" test $? -eq 0
[ "$fails" -eq 0 ]
