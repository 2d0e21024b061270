#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every C++ file of the project is formatted with the root .clang-format.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(git ls-files -co --exclude-standard '*.cpp' '*.h' 2>/dev/null || find kiosk qml tests -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files formatted"
