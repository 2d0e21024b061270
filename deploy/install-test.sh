#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the built .deb files with apt into a fresh Debian 12 root made by mmdebstrap from
# Debian's mirror (the one this machine's apt uses), then checks inside it that each package
# brought its user, its unit and its directories, and that each program's --check-config
# passes on the annotated examples the package ships (with the paths the examples name
# pointed at scratch files: certificates made by relais-provision inside the root).
# Usage: deploy/install-test.sh [DIR_WITH_DEBS]   (default: the folder above the source tree,
#        where dpkg-buildpackage leaves them). As root: mmdebstrap's root mode and chroot.
# It prints "N passed, N failed" and exits 1 when anything failed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
debs_dir="$(realpath "${1:-$here/..}")"
[ "$(id -u)" -eq 0 ] || { echo "install-test: run as root (mmdebstrap --mode=root, chroot)" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { echo "install-test: apt-get install mmdebstrap" >&2; exit 2; }
mapfile -t debs < <(ls "$debs_dir"/relais-*.deb 2>/dev/null | grep -v -- '-dbgsym_')
[ ${#debs[@]} -gt 0 ] || { echo "install-test: no relais-*.deb in $debs_dir" >&2; exit 2; }

root=$(mktemp -d /var/tmp/relais-install-test.XXXXXX) # empty: mmdebstrap fills it
cleanup() {
    for m in proc sys dev; do umount -l "$root/$m" 2>/dev/null || true; done
    rm -rf "$root"
}
trap cleanup EXIT
# shellcheck source=deploy/checklist.sh
source "$(dirname "$0")/checklist.sh"
in_root() { chroot "$root" "$@"; }

mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
echo "install-test: a Debian 12 root from ${mirror:-deb.debian.org}, then apt install ${debs[*]##*/}"
mmdebstrap --mode=root --variant=apt --quiet bookworm "$root" ${mirror:+"$mirror"} \
    --skip=cleanup/tmp \
    --customize-hook='mkdir -p "$1/tmp/debs"' \
    --customize-hook="copy-in ${debs[*]} /tmp/debs" \
    --customize-hook='chroot "$1" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/debs/*.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }"'

installed() { in_root dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
scratch=/tmp/relais-check
in_root mkdir -p "$scratch"

if installed relais-hub; then
    check "relais-hub: user relais-hub" in_root getent passwd relais-hub
    check "relais-hub: unit installed" test -f "$root/lib/systemd/system/relais-hub.service"
    check "relais-hub: /etc/relais/private is 0700 root" \
        test "$(in_root stat -c '%a %U' /etc/relais/private)" = "700 root"
    check "relais-hub: example shipped" test -f "$root/usr/share/doc/relais-hub/examples/hub.json"
    in_root relais-hub make-demo-cert --out "$scratch" >/dev/null
    in_root cp "$scratch/hub-cert.pem" "$scratch/device-ca.pem"
    in_root sh -c "od -An -N32 -tx1 /dev/urandom | tr -d ' \\n' > $scratch/turn-secret"
    sed -e "s|/etc/relais|$scratch|g" -e "s|/var/lib/relais-hub|$scratch|g" \
        "$root/usr/share/doc/relais-hub/examples/hub.json" >"$root$scratch/hub.json"
    check "relais-hub --check-config on the shipped example" \
        in_root env CREDENTIALS_DIRECTORY="$scratch" relais-hub --check-config --config "$scratch/hub.json"
fi
if installed relais-observatory && installed relais-provision; then
    check "relais-observatory: user relais-observatory" in_root getent passwd relais-observatory
    # (stat inside the root: the group exists there, not on this machine)
    check "relais-observatory: /etc/relais/ca belongs to its group" \
        test "$(in_root stat -c '%a %G' /etc/relais/ca)" = "750 relais-observatory"
    in_root relais-provision init-ca --ca-dir "$scratch/ca" >/dev/null
    in_root relais-provision server-cert --ca-dir "$scratch/ca" --out "$scratch" --host localhost >/dev/null
    in_root cp "$scratch/server-cert.pem" "$scratch/observatory-cert.pem"
    in_root cp "$scratch/server-key.pem" "$scratch/observatory-key.pem"
    sed -e "s|/etc/relais|$scratch|g" -e "s|/var/lib/relais-observatory|$scratch|g" \
        "$root/usr/share/doc/relais-observatory/examples/observatory.json" >"$root$scratch/observatory.json"
    check "relais-observatory --check-config on the shipped example" \
        in_root env CREDENTIALS_DIRECTORY="$scratch" relais-observatory --check-config \
        --config "$scratch/observatory.json"
fi
if installed relais-kiosk; then
    check "relais-kiosk: user relais-kiosk" in_root getent passwd relais-kiosk
    check "relais-kiosk: PAM session file" test -f "$root/etc/pam.d/relais-kiosk"
    check "relais-kiosk --check-config on the shipped example" \
        in_root env QT_QPA_PLATFORM=offscreen relais-kiosk --check-config \
        --config /usr/share/doc/relais-kiosk/examples/site.json
fi

checks_summary
