#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A real adviser's login while 800 wrong hellos arrive at once from 800 addresses.
# Prints login_unloaded_ms, login_during_flood_ms and flood_refused_busy.
# Usage: tests/bench/hub_login.sh [BUILD_DIR]
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
cmake --build "$build" --target hub_login_bench >/dev/null
exec "$build/tests/hub/hub_login_bench"
