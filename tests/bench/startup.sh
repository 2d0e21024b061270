#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Startup benchmark: runs relais-kiosk --bench-startup (demo configuration, offscreen) N times
# and prints the medians as `name: value unit`. Not part of the test suite.
# Usage: tests/bench/startup.sh [build-dir] [runs]
set -euo pipefail
build=${1:-build}
runs=${2:-5}
export QT_QPA_PLATFORM=offscreen
startup=()
rss=()
for _ in $(seq "$runs"); do
    out=$("$build/qml/App/relais-kiosk" --bench-startup 2>/dev/null)
    startup+=("$(sed -n 's/^startup_ms: \([0-9]*\) ms$/\1/p' <<<"$out")")
    rss+=("$(sed -n 's/^rss_peak: \([0-9]*\) kB$/\1/p' <<<"$out")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "startup_ms: $(median "${startup[@]}") ms"
echo "rss_peak: $(median "${rss[@]}") kB"
echo "runs: $runs"
