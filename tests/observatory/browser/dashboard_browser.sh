#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The dashboard in headless Chromium against a real relais-observatory with demo data.
# Usage: dashboard_browser.sh OBSERVATORY_EXE NODE_MODULES_DIR SCREENSHOT_DIR
set -euo pipefail
exe=$1 modules=$2 shots=$3
work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
config=$("$exe" make-demo-setup --out "$work" --port 0)
"$exe" demo-data --config "$config" >/dev/null
"$exe" serve --config "$config" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    url=$(grep -o 'https://127.0.0.1:[0-9]*' "$work/serve.log" || true)
    [ -n "$url" ] && break
    sleep 0.2
done
[ -n "$url" ] || { cat "$work/serve.log"; echo "relais-observatory did not start"; exit 1; }
rm -rf "$shots"
node "$(dirname "$0")/dashboard.mjs" "$url" "$shots" "$modules"
echo "screenshots: $shots"
