#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the dependencies, builds once, and runs every test (ctest, in parallel).
# Benchmarks are not run here: see tests/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh
cd build
ctest --output-on-failure --timeout 600 -j"$(nproc)"
