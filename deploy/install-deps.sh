#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs what Relais needs to build, run and test on Debian 12, from Debian's packages.
# Usage: deploy/install-deps.sh            (run as root, or with sudo available)
set -euo pipefail

packages=(
    # build
    build-essential cmake ninja-build pkg-config git clang-format
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-speech-dev qt6-virtualkeyboard-dev
    libsqlite3-dev libsystemd-dev libssl-dev libcurl4-openssl-dev
    # the units' test (systemd-analyze, systemd-sysusers, systemd-tmpfiles); the apt
    # repository's test (apt-ftparchive, gpg)
    systemd apt-utils gnupg
    # the dashboard's chart and map libraries, compiled into relais-observatory
    libjs-chart.js libjs-leaflet
    # the dashboard's Excel exports; the tests read them back with openpyxl
    libxlsxwriter-dev python3-openpyxl
    # video counter: signalling server, WebRTC engine (webrtcbin + libnice), TURN
    qt6-websockets-dev libqt6websockets6 libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
    libgstreamer-plugins-bad1.0-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good
    gstreamer1.0-plugins-bad gstreamer1.0-nice gstreamer1.0-tools libnice-dev coturn openssl
    # the headset switch: PulseAudio's client library (media/headsetswitch.h)
    libpulse-dev
    # run: QML modules, on-screen keyboard, SVG pictograms, fonts
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml
    qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qtcore
    qml6-module-qttexttospeech qml6-module-qtquick-virtualkeyboard
    qml6-module-qt-labs-folderlistmodel qt6-virtualkeyboard-plugin
    qt6-qpa-plugins libqt6svg6 qt6-image-formats-plugins fonts-noto-core fonts-dejavu-core
    # guided online procedures: the agencies' sites in a locked-down Qt WebEngine view
    qt6-webengine-dev qml6-module-qtwebengine qml6-module-qtwebengine-controlsdelegates
    libqt6webenginequick6 libqt6webenginecore6-bin
    # printing (CUPS through libcups, cups-filters' PDF driver; the tests start their own
    # cupsd) and scanning (SANE; the tests use its "test" backend); PDF pages with QtPdf
    libcups2-dev cups-daemon cups-client cups-filters libsane-dev libsane1 sane-utils
    qt6-pdf-dev libqt6pdf6
    # the print tests' default printer: a CUPS-PDF virtual printer (its backend, run as root,
    # makes the PDF with ghostscript; tests/support/privatecups.h gives it its own instance)
    printer-driver-cups-pdf
    # read aloud: speech-dispatcher with espeak-ng's French voice
    qt6-speech-speechd-plugin speech-dispatcher speech-dispatcher-espeak-ng espeak-ng
    # word suggestions of the on-screen keyboard
    hunspell-fr hunspell-en-gb
    # tests: offscreen and X11 rendering, Qt Quick Test, a null sound sink to record speech
    # and null sinks to plug a headset into (tests/integration/run_with_audio.sh)
    qml6-module-qttest xvfb xauth pulseaudio pulseaudio-utils sqlite3 python3
    # the sync test cuts a network link between namespaces (as root); the enrollment tests
    # show the camera a QR code made by qrencode
    iproute2 qrencode
    # observatory: Qt's PostgreSQL driver, a PostgreSQL server for its tests, Chromium for the
    # dashboard's screenshots
    libqt6sql6-psql postgresql chromium
    # the dashboard test reads the printed summary (pdfinfo, pdftotext, pdftoppm)
    poppler-utils
    # the servers' operations endpoint: promtool (Debian ships it with prometheus) checks that
    # /metrics is valid Prometheus text
    prometheus
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

# npm installs the browser tests' driver (playwright-core), for the tests only: the programs
# build without it. A Node.js from elsewhere may already bring its own node and npm,
# which Debian's packages would conflict with.
if ! command -v node >/dev/null; then
    packages+=(nodejs)
fi
if ! command -v npm >/dev/null; then
    packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
