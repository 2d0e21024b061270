#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the dependencies, builds, and runs the demo on this machine: relais-hub with its
# demo configuration (wss://127.0.0.1:8443/v1), a demo CAF adviser (relais-peer with a test
# picture, answering every call), and the kiosk with the demo site (France Services de
# Bretenoux): "CAF" → "Parler à un conseiller en visio" places a real call through the hub.
# relais-observatory serves its partners' dashboard with a demo territory on
# https://127.0.0.1:8444/ (logins lot, carsat, bouriane; password relais-demo).
# With a display, the kiosk opens in a window. Without one, it runs on a virtual screen
# (Xvfb) and writes a screenshot of every screen into ./screenshots first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh
kiosk=build/qml/App/relais-kiosk
data=${RELAIS_DEMO_DATA:-$PWD/build/demo-data}
mkdir -p "$data"

# Starts NAME's demo script in the background (log: build/NAME-demo.log) and waits up to
# TRIES × 0.2 s for the log to show PATTERN; its process id is left in $started.
start_server() {
    local name=$1 script=$2 pattern=$3 tries=$4 log=build/$1-demo.log
    bash "$script" build > "$log" 2>&1 &
    started=$!
    for _ in $(seq "$tries"); do
        grep -q "$pattern" "$log" 2>/dev/null && return 0
        kill -0 $started 2>/dev/null || { echo "demo: relais-$name did not start:"; cat "$log"; exit 1; }
        sleep 0.2
    done
}

# The observatory first: the hub sends its advisers' wrap-ups there (hub/run-demo.sh).
start_server observatory observatory/run-demo.sh "listening on" 150
observatory=$started
trap 'kill $observatory 2>/dev/null || true' EXIT
echo "demo: partners' dashboard at $(grep -o 'https://[^ ]*' build/observatory-demo.log | head -1)dashboard/ (logins lot, carsat, bouriane; password relais-demo; log: build/observatory-demo.log)"

start_server hub hub/run-demo.sh "wss://" 50
hub=$started
trap 'kill $hub $observatory 2>/dev/null || true' EXIT
echo "demo: relais-hub serving $(grep -o 'wss://[^ ]*' build/hub-demo.log | head -1) (log: build/hub-demo.log)"
echo "demo: agents' console at https://127.0.0.1:8445/ (organisme caf, identifiant conseillere, mot de passe relais-demo; accept the demo certificate)"
echo "demo: the CAF's supervision at https://127.0.0.1:8445/supervision.html (organisme caf, identifiant responsable, mot de passe relais-demo)"

# The demo adviser: answers the CAF's calls with a test picture, then waits for the next one.
(
    while kill -0 $hub 2>/dev/null; do
        build/media/peer/relais-peer --role agent --hub wss://localhost:8443/v1 \
            --ca build/hub-demo/hub-cert.pem --agency caf --login demo --password relais-demo \
            --test-sources --local-address 127.0.0.1 --audio-sink fakesink \
            >> build/agent-demo.log 2>&1 || true
        sleep 2
    done
) &
agent=$!
trap 'pkill -P $agent 2>/dev/null; kill $agent $observatory $hub 2>/dev/null || true' EXIT
# Chromium (the guided browser) refuses to start as root with its sandbox on; the deployed
# kiosk runs as its own unprivileged user with the sandbox. A demo run as root turns it off.
if [ "$(id -u)" -eq 0 ]; then
    export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:-} --no-sandbox"
fi
echo "demo: a CAF adviser answers video calls (log: build/agent-demo.log)"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    echo "demo: starting the kiosk in a window (store in $data; close the window to stop)"
    "$kiosk" --windowed --data-dir "$data"
    exit $?
fi
echo "demo: no display; writing every screen to ./screenshots"
QT_QPA_PLATFORM=offscreen "$kiosk" --screenshots screenshots
echo "demo: starting the kiosk on a virtual screen (Xvfb :42, 1920x1080); Ctrl+C to stop"
Xvfb :42 -screen 0 1920x1080x24 -nolisten tcp &
xvfb=$!
trap 'pkill -P $agent 2>/dev/null; kill $xvfb $agent $observatory $hub 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:42 "$kiosk" --data-dir "$data"
