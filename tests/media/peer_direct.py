#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""relais-peer in --direct mode: two processes (kiosk and agent) whose signalling lines are
relayed by this script, as the hub would. The kiosk sends a document and a text; both must
connect, exchange media, and exit 0; the agent must receive the document with its digest."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading

peer = sys.argv[1]
common = ["--direct", "--test-sources", "--size", "320x240", "--fps", "15",
          "--audio-sink", "fakesink", "--local-address", "127.0.0.1"]

with tempfile.TemporaryDirectory() as tmp:
    doc = os.path.join(tmp, "justificatif.bin")
    payload = os.urandom(200 * 1024)
    with open(doc, "wb") as f:
        f.write(payload)
    kiosk = subprocess.Popen([peer, "--role", "kiosk", "--duration", "3", "--send-file", doc,
                              "--text", "bonjour"] + common,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    agent = subprocess.Popen([peer, "--role", "agent"] + common,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    events = {"kiosk": [], "agent": []}

    def pump(name, src, dst):
        for raw in src.stdout:
            line = json.loads(raw)
            if "type" in line:
                try:
                    dst.stdin.write(raw)
                    dst.stdin.flush()
                except (BrokenPipeError, ValueError):
                    pass
            else:
                events[name].append(line)
        try:
            dst.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    threads = [threading.Thread(target=pump, args=("kiosk", kiosk, agent)),
               threading.Thread(target=pump, args=("agent", agent, kiosk))]
    for t in threads:
        t.start()
    try:
        kcode = kiosk.wait(timeout=60)
        acode = agent.wait(timeout=10)
    except subprocess.TimeoutExpired:
        kiosk.kill()
        agent.kill()
        sys.exit("relais-peer did not finish in time")
    for t in threads:
        t.join()

    def find(name, event):
        return [e for e in events[name] if e.get("event") == event]

    failures = []
    if kcode != 0 or acode != 0:
        failures.append(f"exit codes kiosk={kcode} agent={acode}")
    for side in ("kiosk", "agent"):
        if not any(e["state"] == "connected" for e in find(side, "state")):
            failures.append(f"{side} never connected")
        if not any(e["frames_decoded"] > 0 and e["audio_buffers"] > 0 for e in find(side, "stats")):
            failures.append(f"{side} stats show no decoded media")
    if not find("kiosk", "document_sent"):
        failures.append("kiosk: no document_sent")
    received = find("agent", "document_received")
    if not received or received[0]["sha256"] != hashlib.sha256(payload).hexdigest():
        failures.append(f"agent: document missing or digest wrong: {received}")
    if not any(e["text"] == "bonjour" for e in find("agent", "text")):
        failures.append("agent: no text")
    if failures:
        print("\n".join(failures))
        print(json.dumps(events)[:4000])
        sys.exit(1)
    print(f"relais-peer direct: ok ({len(events['kiosk'])} kiosk events, "
          f"{len(events['agent'])} agent events)")
