#!/usr/bin/env python3
# mpls_frames.py IF LABEL COUNT SRC_MAC RL_MAC: send COUNT MPLS frames
# (LABEL, TTL 64, to RL_MAC from SRC_MAC, an IPv4/UDP payload) into IF
# from dom0's side and listen 0.5 s for what the routelet sends back from
# RL_MAC.  Prints "N LABEL TTL DSTMAC" of the last frame back (N frames),
# or "0".  For the pool backends' integration tests.
import socket
import struct
import sys

ifname, label, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
src, rl = sys.argv[4], sys.argv[5]


def mac(m):
    return bytes(int(x, 16) for x in m.split(':'))


s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((ifname, 0))
ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 1, 0, 64, 17, 0,
                 b'\x0a\0\0\x01', b'\x0a\0\0\x02') + b'\0' * 8
for i in range(count):
    s.send(mac(rl) + mac(src) + b'\x88\x47' +
           struct.pack('!I', label << 12 | 1 << 8 | 64) + ip)
s.settimeout(0.5)
back = []
try:
    while True:
        d, a = s.recvfrom(2048)
        if a[2] == socket.PACKET_OUTGOING or d[6:12] != mac(rl):
            continue
        (e,) = struct.unpack('!I', d[14:18])
        back.append((e >> 12, e & 0xff, d[0:6].hex(':')))
except socket.timeout:
    pass
if back:
    print(len(back), *back[-1])
else:
    print(0)
