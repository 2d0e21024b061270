#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs relais-observatory with a demo territory (20 sites of the Lot, a year of weeks) on
# https://127.0.0.1:8444/ from BUILD_DIR/observatory-demo, made on the first run.
# Dashboard logins: lot, carsat, bouriane (password relais-demo). Usage: run-demo.sh [BUILD_DIR]
set -euo pipefail
build="$(cd "${1:-$(dirname "$0")/../build}" && pwd)"
exe="$build/observatory/relais-observatory"
dir="$build/observatory-demo"
if [ ! -f "$dir/observatory.sqlite" ]; then
    mkdir -p "$dir"
    "$exe" make-demo-setup --out "$dir" --port "${RELAIS_OBSERVATORY_PORT:-8444}" >/dev/null
    "$exe" demo-data --config "$dir/observatory.json"
fi
exec "$exe" serve --config "$dir/observatory.json"
