#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""tap-flood.py IFNAME DST_MAC RATE: brings the host's tap IFNAME up (a
QEMU NIC's multiqueue backend, "# vm-tap:" in tests/vm.sh) and sends it
RATE UDP frames a second to DST_MAC, 60 bytes each, over 64 flows (source
ports 1 to 64) that tun spreads over its queues, until killed. Frames
the tap cannot take (the guest's NIC down, a queue full) are dropped."""
import socket
import struct
import subprocess
import sys
import time


def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    return ~(s + (s >> 16)) & 0xFFFF


def frame(dst, port):
    payload = bytes(18)
    udp = struct.pack("!HHHH", port, 9, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     socket.inet_aton("10.9.0.1"), socket.inet_aton("10.9.0.2"))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return dst + bytes.fromhex("020000000001") + b"\x08\x00" + ip + udp


def main():
    ifname, mac, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
    dst = bytes.fromhex(mac.replace(":", ""))
    frames = [frame(dst, port) for port in range(1, 65)]
    subprocess.run(["ip", "link", "set", "dev", ifname, "up"], check=True)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((ifname, 0))
    tick, n = 0.01, 0
    per_tick = max(1, rate // 100)
    next_t = time.monotonic()
    while True:
        for _ in range(per_tick):
            try:
                sock.send(frames[n % len(frames)])
            except OSError:
                pass
            n += 1
        next_t += tick
        time.sleep(max(0.0, next_t - time.monotonic()))


if __name__ == "__main__":
    main()
