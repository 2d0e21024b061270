#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the demo: the kiosk with the demo configuration
# (France Services de Bretenoux). relais-hub and relais-observatory are not built yet; the
# kiosk works offline on its own.
# With a display, the kiosk opens in a window. Without one, it runs on a virtual screen
# (Xvfb) and writes a screenshot of every screen into ./screenshots first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh
kiosk=build/kiosk/relais-kiosk
data=${RELAIS_DEMO_DATA:-$PWD/build/demo-data}
mkdir -p "$data"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    echo "demo: starting the kiosk in a window (store in $data; close the window to stop)"
    exec "$kiosk" --windowed --data-dir "$data"
fi
echo "demo: no display; writing every screen to ./screenshots"
QT_QPA_PLATFORM=offscreen "$kiosk" --screenshots screenshots
echo "demo: starting the kiosk on a virtual screen (Xvfb :42, 1920x1080); Ctrl+C to stop"
Xvfb :42 -screen 0 1920x1080x24 -nolisten tcp &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:42 "$kiosk" --data-dir "$data"
