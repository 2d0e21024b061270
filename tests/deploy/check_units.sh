#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every shipped unit passes "systemd-analyze verify" and stays within its exposure threshold
# of "systemd-analyze security --offline=yes"; the sysusers.d and tmpfiles.d files apply
# cleanly to a scratch root.
# verify checks that each ExecStart= program exists, and neither relais-* nor cage is installed
# on a build machine: it runs on a copy of each unit whose /usr/bin/ programs are stand-in
# scripts in a scratch directory, every other line unchanged.
# Usage: check_units.sh SOURCE_DIR
set -euo pipefail
units="$(realpath "$1")/deploy/systemd"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# shellcheck source=deploy/checklist.sh
source "$(realpath "$1")/deploy/checklist.sh"
# Runs a command that must succeed and say nothing but what it made ("Creating …").
quietly() { # command...
    local output
    output=$("$@" 2>&1) || { echo "$output"; return 1; }
    ! grep -v '^Creating ' <<<"$output" | grep .
}

# Exposure thresholds, on systemd-analyze's scale of 0-100 (exposure 2.0 is 20).
declare -A threshold=([relais-hub.service]=20 [relais-observatory.service]=20
    [relais-kiosk.service]=50)

mkdir -p "$scratch/bin" "$scratch/units"
for unit in "$units"/*.service; do
    name=$(basename "$unit")
    [ -n "${threshold[$name]:-}" ] || { echo "FAILED: $name has no threshold here"; exit 1; }
    for program in $(grep -o '/usr/bin/[a-z-]*' "$unit"); do
        printf '#!/bin/sh\n' >"$scratch/bin/$(basename "$program")"
        chmod +x "$scratch/bin/$(basename "$program")"
    done
    sed "s|/usr/bin/|$scratch/bin/|g" "$unit" >"$scratch/units/$name"
    check "$name: systemd-analyze verify" quietly systemd-analyze verify --man=no "$scratch/units/$name"
    if systemd-analyze security --offline=yes --threshold="${threshold[$name]}" --no-pager \
        "$unit" >"$scratch/security" 2>&1; then
        pass "$name: $(grep -o 'exposure level.*' "$scratch/security"), at most ${threshold[$name]}/100"
    else
        fail "$name: systemd-analyze security above ${threshold[$name]}/100" "$(cat "$scratch/security")"
    fi
done

# The users and directories, made in a scratch root as a package's installation makes them.
root="$scratch/root"
mkdir -p "$root/etc"
# (With --root, the files named on the command line are read inside the root: stdin instead.)
check "sysusers.d files apply" quietly sh -c 'cat "$@" | systemd-sysusers --root="$0" -' "$root" \
    "$units"/*.sysusers
for user in relais-hub relais-observatory relais-kiosk; do
    check "user $user exists" quietly grep -q "^$user:" "$root/etc/passwd"
done
if [ "$(id -u)" -eq 0 ]; then
    check "tmpfiles.d files apply" quietly sh -c 'cat "$@" | systemd-tmpfiles --root="$0" --create -' \
        "$root" "$units"/*.tmpfiles
    check "/etc/relais/private is root's alone" quietly \
        test "$(stat -c '%a %U' "$root/etc/relais/private")" = "700 root"
else
    echo "skipped: tmpfiles.d files (they chown: as root only)"
fi

checks_summary
