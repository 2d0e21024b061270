#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Puts the line "SPDX-License-Identifier: EUPL-1.2" at the top of every source file of the
# repository that can hold a comment (after a shebang or a doctype, which must stay first).
# Data files (JSON, SVG, translations) and documents are left as they are: the LICENSE file at
# the root covers them. Running it again changes nothing.
# Usage: deploy/spdx-headers.sh [--check]   (--check lists the files without the line, exit 1)
set -euo pipefail
cd "$(dirname "$0")/.."

tag="SPDX-License-Identifier: EUPL-1.2"
check=no
[ "${1:-}" = "--check" ] && check=yes

# The comment that holds the tag in a file of this name, empty for a file that takes none.
comment_for() {
    case "$1" in
        *.cpp | *.h | *.qml | *.js | *.mjs) echo "// $tag" ;;
        *.css) echo "/* $tag */" ;;
        *.html) echo "<!-- $tag -->" ;;
        *.sh | *.py | *CMakeLists.txt | *.cmake | .ci/run | *.service | *.conf) echo "# $tag" ;;
        *) echo "" ;;
    esac
}

missing=0
while IFS= read -r -d '' file; do
    line=$(comment_for "$file")
    [ -n "$line" ] || continue
    grep -q "$tag" "$file" && continue
    if [ "$check" = yes ]; then
        echo "no SPDX line: $file"
        missing=$((missing + 1))
        continue
    fi
    first=$(head -n1 "$file")
    case "$first" in
        '#!'* | '<!DOCTYPE'* | '<!doctype'*) sed -i "1a $line" "$file" ;;
        *) sed -i "1i $line" "$file" ;;
    esac
done < <(git ls-files -z)

if [ "$check" = yes ] && [ "$missing" -gt 0 ]; then
    echo "$missing files without \"$tag\" (deploy/spdx-headers.sh adds it)"
    exit 1
fi
exit 0
