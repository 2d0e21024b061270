#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A server host builds relais-hub, relais-observatory and relais-provision with none of the
# kiosk's development packages: configure with -DRELAIS_BUILD_KIOSK=OFF and build the three
# programs while Qt Quick, Qt WebEngine, Qt Pdf, Qt TextToSpeech, GStreamer, CUPS and SANE's
# development files are hidden (empty folders and files mounted over them in a private mount
# namespace, so the machine itself is untouched).
#
#   server_only_build.sh SOURCE_DIR BUILD_DIR
#
# Needs root for the mount namespace (CI runs as root); without it, it says so and does nothing.
set -euo pipefail
source_dir=$(realpath "$1")
build_dir=$2

if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
    echo "server_only_build: SKIPPED, needs root and unshare to hide the kiosk's packages"
    exit 0
fi

if [ -z "${RELAIS_HIDDEN:-}" ]; then
    exec env RELAIS_HIDDEN=1 unshare --mount --propagation private "$0" "$@"
fi

# What a server host does not have. Each path that exists is hidden; the list is checked
# below, so that a package that moved its files makes this test fail instead of pass.
multiarch=$(gcc -print-multiarch)
libdir=/usr/lib/$multiarch
hidden=(
    "$libdir"/cmake/Qt6Quick* "$libdir"/cmake/Qt6Qml* "$libdir"/cmake/Qt6WebEngine*
    "$libdir"/cmake/Qt6Pdf* "$libdir"/cmake/Qt6TextToSpeech* "$libdir"/cmake/Qt6QuickControls2*
    "$libdir"/cmake/Qt6VirtualKeyboard* "$libdir"/cmake/Qt6QuickTest*
    /usr/include/$multiarch/qt6/QtQuick /usr/include/$multiarch/qt6/QtQml
    /usr/include/$multiarch/qt6/QtWebEngineQuick /usr/include/$multiarch/qt6/QtWebEngineCore
    /usr/include/$multiarch/qt6/QtPdf
    /usr/include/gstreamer-1.0 "$libdir"/pkgconfig/gstreamer-*.pc
    /usr/include/cups /usr/bin/cups-config
    /usr/include/sane "$libdir"/pkgconfig/sane-backends.pc
)
empty_dir=$(mktemp -d)
empty_file=$(mktemp)
count=0
for path in "${hidden[@]}"; do
    [ -e "$path" ] || continue
    if [ -d "$path" ]; then
        mount --bind "$empty_dir" "$path"
    else
        mount --bind "$empty_file" "$path"
    fi
    count=$((count + 1))
done
for must in "$libdir/cmake/Qt6Quick" /usr/include/gstreamer-1.0 /usr/include/cups \
    "$libdir/pkgconfig/sane-backends.pc"; do
    if [ -e "$must" ] && [ -n "$(ls -A "$must" 2>/dev/null)" ] && [ -d "$must" ]; then
        echo "server_only_build: $must is still visible" >&2
        exit 1
    fi
done
echo "server_only_build: $count paths of the kiosk's stack hidden"

rm -rf "$build_dir"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DRELAIS_BUILD_KIOSK=OFF -DRELAIS_BUILD_TESTS=OFF ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
# One job at the lowest priority: this runs beside the rest of the suite, whose timings it
# must not disturb.
nice -n 19 cmake --build "$build_dir" -j1 --target relais-hub relais-observatory relais-provision
for program in hub/relais-hub observatory/relais-observatory observatory/relais-provision; do
    "$build_dir/$program" --help >/dev/null
done
echo "server_only_build: relais-hub, relais-observatory and relais-provision built and run"
rm -rf "$build_dir"
