#!/usr/bin/env bash
# relais-observatory: ingest throughput (mTLS, batches of 500; SQLite, then PostgreSQL) and the
# dashboard's main query over 3,000 sites × 52 weeks, publishing that fixture's open-data releases,
# and the secrecy rule on a 15 × 12 grid. Prints open_data_suppression_ms, ingest_records_per_s,
# ingest_records_per_s_pg, indicators_ms_pg, indicators_ms and open_data_releases_ms.
# Usage: tests/bench/observatory.sh [BUILD_DIR]
set -euo pipefail
build="${1:-$(dirname "$0")/../../build}"
cmake --build "$build" --target observatory_bench relais-observatory >/dev/null
exec "$build/tests/observatory/observatory_bench"
