#!/usr/bin/env python3
"""A stand-in for systemd's notification socket, for tests.

notify_listen.py SOCKET_PATH binds an AF_UNIX datagram socket at
SOCKET_PATH (what NOTIFY_SOCKET names) and prints one line per datagram as
it arrives: "pid=SENDER_PID MONOTONIC_MS FIELD1 FIELD2 ...", fields being the
newline-separated assignments of the message (READY=1, WATCHDOG=1, ...).
The sender's pid comes from SCM_CREDENTIALS, as systemd reads it for
NotifyAccess=. The line "listening" is printed once the socket is bound, so a
test can wait for it instead of sleeping. Runs until killed.
"""
import os
import socket
import struct
import sys
import time


def main() -> int:
    path = sys.argv[1]
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    sock.bind(path)
    os.chmod(path, 0o777)  # the kiosk runs as another user
    print("listening", flush=True)
    ucred = struct.calcsize("3i")
    while True:
        data, anc, _flags, _addr = sock.recvmsg(4096, socket.CMSG_SPACE(ucred))
        pid = 0
        for level, kind, payload in anc:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                pid = struct.unpack("3i", payload[:ucred])[0]
        fields = " ".join(data.decode("utf-8", "replace").split("\n")).strip()
        print(f"pid={pid} {int(time.monotonic() * 1000)} {fields}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
