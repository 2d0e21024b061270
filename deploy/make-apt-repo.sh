#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Makes (or adds to) a signed apt repository from Relais's .deb files, for kiosks to follow
# with unattended-upgrades (deploy/examples/unattended-upgrades/). Flat layout that apt reads
# as "Suites: bookworm, Components: main": dists/bookworm/{InRelease,Release,Release.gpg},
# dists/bookworm/main/binary-<arch>/Packages(.gz), pool/main/<package>/. Publish the whole
# directory over HTTPS (any static web server) and hand the public key (relais.asc, written
# beside it) to the kiosks.
# Usage: deploy/make-apt-repo.sh --key KEY_ID --out DIR FILE.deb...
#   KEY_ID: a secret key in the operator's GnuPG keyring (gpg --list-secret-keys), which signs
#   the Release file; its public half is exported to DIR/relais.asc.
# Needs apt-ftparchive (apt-utils) and gpg. Nothing is changed when an argument is wrong.
set -euo pipefail

usage() {
    echo "usage: $0 --key KEY_ID --out DIR FILE.deb..." >&2
    exit 2
}
key=""
out=""
debs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --key) key="${2:-}"; shift 2 || usage ;;
        --out) out="${2:-}"; shift 2 || usage ;;
        -h | --help) usage ;;
        *) debs+=("$1"); shift ;;
    esac
done
[ -n "$key" ] && [ -n "$out" ] && [ ${#debs[@]} -gt 0 ] || usage
command -v apt-ftparchive >/dev/null || { echo "$0: apt-ftparchive is missing (apt-get install apt-utils)" >&2; exit 1; }
gpg --batch --list-secret-keys "$key" >/dev/null 2>&1 \
    || { echo "$0: no secret key \"$key\" in the GnuPG keyring" >&2; exit 1; }
for deb in "${debs[@]}"; do
    dpkg-deb --field "$deb" Package >/dev/null 2>&1 || { echo "$0: not a .deb: $deb" >&2; exit 1; }
done

suite=bookworm
origin="${RELAIS_ORIGIN:-Relais}"
mkdir -p "$out/pool/main"
for deb in "${debs[@]}"; do
    package=$(dpkg-deb --field "$deb" Package)
    mkdir -p "$out/pool/main/$package"
    cp -f "$deb" "$out/pool/main/$package/"
done

cd "$out"
archs=$(for f in pool/main/*/*.deb; do dpkg-deb --field "$f" Architecture; done | sort -u | grep -v '^all$' || true)
[ -n "$archs" ] || archs=amd64
for arch in $archs; do
    dir="dists/$suite/main/binary-$arch"
    mkdir -p "$dir"
    # Packages of this architecture and those of "all".
    apt-ftparchive --arch "$arch" packages pool/main >"$dir/Packages"
    gzip -9nkf "$dir/Packages"
done
apt-ftparchive \
    -o APT::FTPArchive::Release::Origin="$origin" \
    -o APT::FTPArchive::Release::Label="$origin" \
    -o APT::FTPArchive::Release::Suite="$suite" \
    -o APT::FTPArchive::Release::Codename="$suite" \
    -o APT::FTPArchive::Release::Components=main \
    -o APT::FTPArchive::Release::Architectures="$(echo $archs)" \
    release "dists/$suite" >"dists/$suite/Release.new"
mv "dists/$suite/Release.new" "dists/$suite/Release"
rm -f "dists/$suite/InRelease" "dists/$suite/Release.gpg"
gpg --batch --yes --local-user "$key" --clearsign -o "dists/$suite/InRelease" "dists/$suite/Release"
gpg --batch --yes --local-user "$key" --armor --detach-sign -o "dists/$suite/Release.gpg" "dists/$suite/Release"
gpg --batch --armor --export "$key" >relais.asc
echo "make-apt-repo: $(ls pool/main/*/*.deb | wc -l) packages in $out (suite $suite, $archs), signed by $key"
