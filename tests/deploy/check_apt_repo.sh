#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# deploy/make-apt-repo.sh makes a repository that apt trusts with the operator's key and
# only with it: a small package is published with a throwaway key, apt (in a scratch
# configuration, nothing of this machine's) reads it through Signed-By and offers the
# package; a Release changed after signing, and the same repository checked against another
# key, are refused; wrong arguments change nothing.
# Usage: check_apt_repo.sh SOURCE_DIR
set -euo pipefail
script="$(realpath "$1")/deploy/make-apt-repo.sh"
scratch=$(mktemp -d)
trap 'gpgconf --homedir "$scratch/gnupg" --kill all >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
# shellcheck source=deploy/checklist.sh
source "$(realpath "$1")/deploy/checklist.sh"

# A throwaway signing key, and another one.
export GNUPGHOME="$scratch/gnupg"
mkdir -m 0700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key "Relais test <depot@relais.invalid>" ed25519 sign 1d 2>/dev/null
gpg --batch --quiet --passphrase '' --quick-gen-key "Other <other@relais.invalid>" ed25519 sign 1d 2>/dev/null
key=$(gpg --list-secret-keys 2>/dev/null --with-colons "depot@relais.invalid" | awk -F: '/^fpr/ {print $10; exit}')
other=$(gpg --list-secret-keys 2>/dev/null --with-colons "other@relais.invalid" | awk -F: '/^fpr/ {print $10; exit}')
gpg --batch --armor --export "$other" >"$scratch/other.asc"

# A package to publish.
mkdir -p "$scratch/pkg/DEBIAN"
printf 'Package: relais-repo-test\nVersion: 1.2.3\nArchitecture: all\nMaintainer: Relais <depot@relais.invalid>\nDescription: test\n test\n' \
    >"$scratch/pkg/DEBIAN/control"
dpkg-deb --build --root-owner-group "$scratch/pkg" "$scratch/relais-repo-test_1.2.3_all.deb" >/dev/null

repo="$scratch/repo"
check "wrong arguments are refused and write nothing" \
    sh -c '! "$0" --key nobody --out "$1" "$2" 2>/dev/null && [ ! -e "$1" ]' \
    "$script" "$repo" "$scratch/relais-repo-test_1.2.3_all.deb"
check "the repository is made" "$script" --key "$key" --out "$repo" "$scratch/relais-repo-test_1.2.3_all.deb"

# apt with a configuration of its own, reading the repository as a kiosk would.
apt_with() { # keyfile, apt command...
    local keyfile="$1"
    shift
    local dir="$scratch/apt-$(basename "$keyfile")"
    mkdir -p "$dir/sources.list.d" "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/preferences.d"
    printf 'Types: deb\nURIs: file:%s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' \
        "$repo" "$keyfile" >"$dir/sources.list.d/relais.sources"
    "$@" -o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$dir/sources.list.d" \
        -o Dir::Etc::preferencesparts="$dir/preferences.d" -o Dir::State::lists="$dir/lists" \
        -o Dir::Cache="$dir/cache" -o APT::Architecture=amd64 -o APT::Sandbox::User=root
}
# Passes when the command's output (stdout and stderr) matches, or does not match, a pattern.
expect() { # what, matches|lacks, pattern, command...
    local what="$1" mode="$2" pattern="$3"
    shift 3
    local output
    output=$("$@" 2>&1) || true
    if { [ "$mode" = matches ] && grep -qE "$pattern" <<<"$output"; } ||
        { [ "$mode" = lacks ] && ! grep -qE "$pattern" <<<"$output"; }; then
        pass "$what"
    else
        fail "$what" "$output"
    fi
}
expect "apt trusts it with relais.asc" lacks '^(W|E|Err):' \
    apt_with "$repo/relais.asc" apt-get update
expect "apt offers relais-repo-test 1.2.3 from it" matches 'Candidate: 1\.2\.3' \
    apt_with "$repo/relais.asc" apt-cache policy relais-repo-test
expect "another key is refused" matches 'NO_PUBKEY|not signed' \
    apt_with "$scratch/other.asc" apt-get update

# A Release changed after signing: the signature no longer holds.
sed -i 's/^Origin: Relais/Origin: Someone else/' "$repo/dists/bookworm/InRelease"
expect "a changed InRelease is refused" matches 'BADSIG|not valid|not signed' \
    apt_with "$repo/relais.asc" apt-get update

checks_summary
