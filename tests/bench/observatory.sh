#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# relais-observatory: ingest throughput (mTLS, batches of 500; SQLite, then PostgreSQL) and the
# dashboard's main query over 3,000 sites × 52 weeks, publishing that fixture's open-data releases,
# the secrecy rule on a 15 × 12 grid, and a kiosk's batch while partners log in. Prints
# open_data_suppression_ms, ingest_records_per_s, batch_ms_alone, batch_ms_under_8_logins,
# logins_per_s_during, ingest_records_per_s_pg, indicators_ms_pg, indicators_ms and
# open_data_releases_ms.
# Usage: tests/bench/observatory.sh [BUILD_DIR] [logins]   (logins: only the batch under logins)
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
shift || true
cmake --build "$build" --target observatory_bench relais-observatory >/dev/null
exec "$build/tests/observatory/observatory_bench" "$@"
