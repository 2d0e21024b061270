#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The kiosk's sync: 10,000 records flushed over mutual TLS to a local relais-observatory, and
# the sync's CPU when idle. Prints sync_backlog_s and sync_idle_cpu_percent.
# Usage: tests/bench/sync.sh [BUILD_DIR] [IDLE_SECONDS]
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
cmake --build "$build" --target sync_bench relais-observatory >/dev/null
exec "$build/tests/sync/sync_bench" "${2:-60}"
