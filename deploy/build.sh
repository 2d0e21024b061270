#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Configures and builds Relais into ./build (Ninja, RelWithDebInfo). Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
