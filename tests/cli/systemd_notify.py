#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""relais-kiosk under a systemd-like supervisor: it must send READY=1 once its first frame is
shown, then WATCHDOG=1 regularly while WATCHDOG_USEC is set. The test plays systemd's part
with its own notification socket."""
import os
import socket
import subprocess
import sys
import tempfile
import time

kiosk = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(1.0)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="400000", QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([kiosk, "--windowed", "--data-dir", os.path.join(tmp, "data")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    messages = []
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            try:
                messages.append(sock.recv(4096).decode())
            except socket.timeout:
                pass
            if "READY=1" in messages and messages.count("WATCHDOG=1") >= 5:
                break
            if proc.poll() is not None:
                break
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    ready = messages.count("READY=1")
    pings = messages.count("WATCHDOG=1")
    print(f"messages: READY=1 x{ready}, WATCHDOG=1 x{pings}")
    if ready != 1:
        sys.exit("FAIL: expected exactly one READY=1")
    if pings < 5:
        sys.exit("FAIL: the watchdog was not fed")
print("ok: ready notified once, watchdog fed")
