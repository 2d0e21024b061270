#!/usr/bin/env bash
# relais-observatory: ingest throughput (mTLS, batches of 500; SQLite, then PostgreSQL) and the
# dashboard's main query over 3,000 sites × 52 weeks. Prints ingest_records_per_s,
# ingest_records_per_s_pg, indicators_ms_pg and indicators_ms.
# Usage: tests/bench/observatory.sh [BUILD_DIR]
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
cmake --build "$build" --target observatory_bench relais-observatory >/dev/null
exec "$build/tests/observatory/observatory_bench"
