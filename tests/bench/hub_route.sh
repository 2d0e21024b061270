#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# sdp/ice routing latency through relais-hub with 200 kiosks connected (50 in calls).
# Prints hub_route_p50_ms and hub_route_p99_ms. Usage: tests/bench/hub_route.sh [BUILD_DIR]
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
cmake --build "$build" --target hub_route_bench relais-hub >/dev/null
exec "$build/tests/hub/hub_route_bench"
