# SPDX-License-Identifier: EUPL-1.2
# Sourced by the deployment checks (deploy/install-test.sh, tests/deploy/check_*.sh): each check
# says "ok: …" or "FAILED: …" with the command's output indented, and the script ends with the
# counts and fails when one check failed.
passes=0
failures=0
pass() { # what
    echo "ok: $1"
    passes=$((passes + 1))
}
fail() { # what, output
    echo "FAILED: $1"
    echo "$2" | sed 's/^/    /'
    failures=$((failures + 1))
}
check() { # what, command...
    local what="$1" output
    shift
    if output=$("$@" 2>&1); then pass "$what"; else fail "$what" "$output"; fi
}
checks_summary() {
    echo "$passes passed, $failures failed"
    [ "$failures" -eq 0 ]
}
