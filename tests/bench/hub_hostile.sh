#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A kiosk's call setup through relais-hub while 2,000 idle connections and 50 wrong passwords a
# second are held off, and without them, in one run. Prints hub_hostile_call_setup_unloaded,
# hub_hostile_call_setup_loaded and hub_hostile_ratio.
# Usage: tests/bench/hub_hostile.sh [BUILD_DIR] [--idle N] [--guesses N]
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
shift || true
cmake --build "$build" --target hub_hostile_bench relais-hub >/dev/null
# 2,000 connections and their far ends are 4,000 descriptors between the bench and the hub.
ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec "$build/tests/hub/hub_hostile_bench" "$@"
