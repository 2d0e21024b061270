#!/usr/bin/env bash
# relais-observatory: ingest throughput (mTLS, batches of 500; SQLite, then PostgreSQL) and the
# dashboard's main query over 3,000 sites × 52 weeks, a kiosk's batch while partners log in.
# Prints ingest_records_per_s, batch_ms_alone, batch_ms_under_8_logins, logins_per_s_during,
# ingest_records_per_s_pg, indicators_ms_pg and indicators_ms.
# Usage: tests/bench/observatory.sh [BUILD_DIR] [logins]   (logins: only the batch under logins)
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
shift || true
cmake --build "$build" --target observatory_bench relais-observatory >/dev/null
exec "$build/tests/observatory/observatory_bench" "$@"
