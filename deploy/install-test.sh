#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the built .deb files with apt into a fresh Debian 12 root made by mmdebstrap from
# Debian's mirror (the one this machine's apt uses), then, inside it:
# - each package brought its user, its unit and its directories;
# - the French install guides' steps (docs/fr): certificates, /etc/relais files and modes,
#   --check-config on the annotated examples the packages ship;
# - the hub and the observatory start as their units start them (the unit's ExecStart, User,
#   WorkingDirectory, StateDirectory and LoadCredential, read from the installed unit file),
#   answer /healthz, their /metrics pass `promtool check metrics`, and SIGTERM ends them with 0;
# - the kiosk starts as its unit starts it, cage and all, with cage's headless backend in place
#   of the screen; a screenshot (grim) must show the attract screen, not a black output.
#   It is kept as $RELAIS_INSTALL_SCREENSHOT (default /var/tmp/relais-install-test-kiosk.png).
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
started=()
cleanup() {
    for pid in "${started[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for m in proc sys dev; do umount -R -l "$root/$m" 2>/dev/null || true; done
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
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
scratch=/root/relais-check
in_root mkdir -p "$scratch"

# What the unit file says, for "start it as its unit would".
unit_values() { # unit, key: every value of key=, in order
    sed -n "s/^$2=//p" "$root/lib/systemd/system/$1"
}
# Starts a unit's ExecStart the way systemd would for the settings the units use: its user and
# group, its state and cache directories, its credentials copied to a directory only that user
# reads, its environment and working directory. Extra VAR=value arguments are added to the
# environment. Its PID is left in started_pid (the program itself: chroot, setpriv and env each
# exec), a child of this shell so that its exit status can be waited for.
start_like_unit() { # unit, log file in the root, VAR=value...
    local unit="$1" log="$2" user group workdir exec_start creds item mode
    shift 2
    user=$(unit_values "$unit" User)
    group=$(unit_values "$unit" Group)
    workdir=$(unit_values "$unit" WorkingDirectory)
    exec_start=$(unit_values "$unit" ExecStart)
    mode=$(unit_values "$unit" StateDirectoryMode)
    for item in $(unit_values "$unit" StateDirectory); do
        in_root install -d -o "$user" -g "$group" -m "${mode:-0755}" "/var/lib/$item"
    done
    mode=$(unit_values "$unit" CacheDirectoryMode)
    for item in $(unit_values "$unit" CacheDirectory); do
        in_root install -d -o "$user" -g "$group" -m "${mode:-0755}" "/var/cache/$item"
    done
    creds="/run/credentials/$unit"
    in_root install -d -o "$user" -m 0500 "$creds"
    while IFS=: read -r id path; do
        [ -n "$id" ] && in_root install -o "$user" -m 0400 "$path" "$creds/$id"
    done < <(unit_values "$unit" LoadCredential)
    local env=(PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "CREDENTIALS_DIRECTORY=$creds")
    # shellcheck disable=SC2207 # the units' Environment= values hold no spaces
    env+=($(unit_values "$unit" Environment) "$@")
    chroot "$root" setpriv --reuid="$user" --regid="$group" --init-groups \
        env -i "${env[@]}" sh -c "cd '${workdir:-/}' && exec $exec_start" >"$root$log" 2>&1 &
    started_pid=$!
    started+=("$started_pid")
}
wait_for_http() { # url: up to 30 s for an answer
    for _ in $(seq 60); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
    return 1
}
healthz_ok() { # url: 200 and "ok" in the body
    curl -fsS "$1" | grep -q '"status" *: *"ok"'
}
metrics_pass_promtool() { # url
    local text
    text=$(curl -fsS "$1") && [ -n "$text" ] && echo "$text" | promtool check metrics
}
# As systemd stops a unit: its ExecStop= commands as its user, then SIGTERM to what is left.
# In this shell, not through check's command substitution: only the parent can wait for it.
stop_like_unit() { # what, unit, pid, seconds
    local command user
    user=$(unit_values "$2" User)
    while read -r command; do
        [ -n "$command" ] || continue
        chroot "$root" setpriv --reuid="$user" --regid="$user" --init-groups \
            env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin sh -c "exec ${command#-}" || true
    done < <(unit_values "$2" ExecStop)
    stops_with_zero "$1" "$3" "$4"
}
stops_with_zero() { # what, pid, seconds
    local status=0 waited=0
    kill -TERM "$2" 2>/dev/null || true
    while kill -0 "$2" 2>/dev/null && [ "$waited" -lt $((2 * $3)) ]; do
        sleep 0.5
        waited=$((waited + 1))
    done
    if kill -0 "$2" 2>/dev/null; then
        fail "$1" "still running after $3 s"
        return
    fi
    wait "$2" || status=$?
    if [ "$status" -eq 0 ]; then pass "$1 (after $((waited / 2)) s)"; else fail "$1" "exit status $status"; fi
}
run_server_like_unit() { # name, operations port
    local name="$1" port="$2" pid
    start_like_unit "$name.service" "/var/log/$name-test.log"
    pid=$started_pid
    if ! wait_for_http "http://127.0.0.1:$port/healthz"; then
        fail "$name: started as its unit, answers /healthz" "$(cat "$root/var/log/$name-test.log")"
        return
    fi
    check "$name: started as its unit (user $name), /healthz says ok" \
        healthz_ok "http://127.0.0.1:$port/healthz"
    check "$name: /metrics passes promtool check metrics" \
        metrics_pass_promtool "http://127.0.0.1:$port/metrics"
    # (numbers: the user exists in the root, not on this machine)
    check "$name: runs as the user $name" test "$(ps -o uid= -p "$pid" | tr -d ' ')" = "$(in_root id -u "$name")"
    stop_like_unit "$name: stopped as systemd stops it (SIGTERM), status 0 within 10 s" \
        "$name.service" "$pid" 10
}

if installed relais-observatory && installed relais-provision; then
    check "relais-observatory: user relais-observatory" in_root getent passwd relais-observatory
    # (stat inside the root: the group exists there, not on this machine)
    check "relais-observatory: /etc/relais/ca belongs to its group" \
        test "$(in_root stat -c '%a %G' /etc/relais/ca)" = "750 relais-observatory"
    # docs/fr/installer-hub-observatoire.md, 3.1 to 3.3
    in_root sh -e -c '
        relais-provision init-ca --ca-dir /etc/relais/ca --name "Relais observatoire" >/dev/null
        chgrp relais-observatory /etc/relais/ca/ca-key.pem /etc/relais/ca/ca-cert.pem
        chmod 0640 /etc/relais/ca/ca-key.pem /etc/relais/ca/ca-cert.pem
        relais-provision server-cert --ca-dir /etc/relais/ca --out /root/observatoire-cert --host localhost >/dev/null
        install -m 0644 /root/observatoire-cert/server-cert.pem /etc/relais/observatory-cert.pem
        install -m 0600 /root/observatoire-cert/server-key.pem /etc/relais/private/observatory-key.pem
        rm -r /root/observatoire-cert
        cp /usr/share/doc/relais-observatory/examples/observatory.json /etc/relais/observatory.json
        chown root:relais-observatory /etc/relais/observatory.json
        chmod 0640 /etc/relais/observatory.json'
    check "relais-observatory --check-config on the shipped example" \
        in_root env CREDENTIALS_DIRECTORY=/etc/relais/private relais-observatory --check-config \
        --config /etc/relais/observatory.json
    run_server_like_unit relais-observatory 9102
fi
if installed relais-hub; then
    check "relais-hub: user relais-hub" in_root getent passwd relais-hub
    check "relais-hub: unit installed" test -f "$root/lib/systemd/system/relais-hub.service"
    check "relais-hub: /etc/relais/private is 0700 root" \
        test "$(in_root stat -c '%a %U' /etc/relais/private)" = "700 root"
    check "relais-hub: example shipped" test -f "$root/usr/share/doc/relais-hub/examples/hub.json"
    # docs/fr/installer-hub-observatoire.md, 4 (the TURN secret) and 5.1, 5.2: a certificate
    # of the local authority stands in for the one the guide takes from the town's authority.
    in_root relais-hub make-demo-cert --out "$scratch" >/dev/null
    in_root sh -e -c "
        (umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \\n' > /etc/relais/private/turn-secret)
        install -m 0644 $scratch/hub-cert.pem /etc/relais/hub-cert.pem
        install -m 0600 $scratch/hub-key.pem /etc/relais/private/hub-key.pem
        if [ -f /etc/relais/ca/ca-cert.pem ]; then
            install -m 0644 /etc/relais/ca/ca-cert.pem /etc/relais/device-ca.pem
        else
            install -m 0644 $scratch/hub-cert.pem /etc/relais/device-ca.pem
        fi
        cp /usr/share/doc/relais-hub/examples/hub.json /etc/relais/hub.json
        chown root:relais-hub /etc/relais/hub.json
        chmod 0640 /etc/relais/hub.json"
    check "relais-hub --check-config on the shipped example" \
        in_root env CREDENTIALS_DIRECTORY=/etc/relais/private relais-hub --check-config \
        --config /etc/relais/hub.json
    run_server_like_unit relais-hub 9101
fi

# The share of the most common colour in a PPM image, and how many colours it has: a black or
# blank output is one colour.
ppm_looks_drawn() { # ppm file
    python3 - "$1" <<'PY'
import collections, sys
data = open(sys.argv[1], "rb").read()
fields, pos = [], 0
while len(fields) < 4:  # P6, width, height, maxval, separated by whitespace
    while data[pos:pos + 1].isspace(): pos += 1
    end = pos
    while not data[end:end + 1].isspace(): end += 1
    fields.append(data[pos:end]); pos = end
pixels = data[pos + 1:]
width, height = int(fields[1]), int(fields[2])
counts = collections.Counter(pixels[i:i + 3] for i in range(0, len(pixels), 3 * 7))
common, n = counts.most_common(1)[0]
share = n / sum(counts.values())
print(f"{width}x{height}, {len(counts)} colours, the most common {common.hex()} on {share:.0%}")
sys.exit(0 if len(counts) >= 16 and share < 0.95 and common != b"\0\0\0" else 1)
PY
}
if installed relais-kiosk; then
    check "relais-kiosk: user relais-kiosk" in_root getent passwd relais-kiosk
    check "relais-kiosk: PAM session file" test -f "$root/etc/pam.d/relais-kiosk"
    check "relais-kiosk --check-config on the shipped example" \
        in_root env QT_QPA_PLATFORM=offscreen relais-kiosk --check-config \
        --config /usr/share/doc/relais-kiosk/examples/site.json
    # docs/fr/installer-une-borne.md: the site's configuration in /etc/relais/site.json.
    in_root sh -e -c '
        cp /usr/share/doc/relais-kiosk/examples/site.json /etc/relais/site.json
        chown root:relais-kiosk /etc/relais/site.json
        chmod 0640 /etc/relais/site.json'
    # What logind gives the session (its runtime directory), and grim to take the screenshot
    # (a tool of this test only). cage's headless backend stands in for the screen.
    in_root sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends grim >/dev/null'
    kiosk_uid=$(in_root id -u relais-kiosk)
    in_root install -d -o relais-kiosk -g relais-kiosk -m 0700 "/run/user/$kiosk_uid"
    start_like_unit relais-kiosk.service /var/log/relais-kiosk-test.log \
        "XDG_RUNTIME_DIR=/run/user/$kiosk_uid" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1
    pid=$started_pid
    shot="/run/user/$kiosk_uid/attract.ppm"
    for _ in $(seq 60); do # the attract screen within 30 s (the first start compiles QML)
        sleep 0.5
        [ -S "$root/run/user/$kiosk_uid/wayland-0" ] || continue
        in_root setpriv --reuid=relais-kiosk --regid=relais-kiosk --init-groups \
            env -i "XDG_RUNTIME_DIR=/run/user/$kiosk_uid" WAYLAND_DISPLAY=wayland-0 \
            grim -t ppm "$shot" 2>/dev/null || continue
        ppm_looks_drawn "$root$shot" >/dev/null && break
    done
    if [ -f "$root$shot" ] && ppm_looks_drawn "$root$shot" >/dev/null; then
        pass "relais-kiosk: started as its unit (cage, user relais-kiosk), the attract screen shows ($(ppm_looks_drawn "$root$shot"))"
    else
        fail "relais-kiosk: started as its unit, the attract screen shows" \
            "$( [ -f "$root$shot" ] && ppm_looks_drawn "$root$shot"; cat "$root/var/log/relais-kiosk-test.log")"
    fi
    screenshot="${RELAIS_INSTALL_SCREENSHOT:-/var/tmp/relais-install-test-kiosk.png}"
    in_root setpriv --reuid=relais-kiosk --regid=relais-kiosk --init-groups \
        env -i "XDG_RUNTIME_DIR=/run/user/$kiosk_uid" WAYLAND_DISPLAY=wayland-0 \
        grim "/run/user/$kiosk_uid/attract.png" 2>/dev/null &&
        cp "$root/run/user/$kiosk_uid/attract.png" "$screenshot" && echo "install-test: screenshot in $screenshot"
    check "relais-kiosk: data only under /var/lib/relais-kiosk, owned by relais-kiosk" \
        test "$(in_root stat -c '%a %U' /var/lib/relais-kiosk)" = "700 relais-kiosk"
    stop_like_unit "relais-kiosk: stopped as systemd stops it (ExecStop=, then SIGTERM), cage's status 0 within 10 s" \
        relais-kiosk.service "$pid" 10
fi

checks_summary
