#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# relais-kiosk as an operator meets it: a bad configuration is refused with the file and the
# field named, exit code 2 and nothing written; a good one is accepted; --screenshots walks
# every screen; --bench-startup prints its two figures.
set -euo pipefail
kiosk=$1
export QT_QPA_PLATFORM=offscreen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A configuration with a misspelt agency.
cat > "$work/bad.json" <<'JSON'
{ "format": "relais-site-config/1",
  "site": { "id": "46-x", "name": "X", "commune": "X", "territory": "X", "departement": "46" },
  "opening_hours": { "mon": ["09:00-12:00"] },
  "agencies": [ { "id": "caff" } ],
  "languages": ["fr"] }
JSON
mkdir "$work/data"
set +e
"$kiosk" --config "$work/bad.json" --data-dir "$work/data" --windowed >"$work/out" 2>"$work/err"
code=$?
set -e
[ "$code" -eq 2 ] || fail "exit code $code for an invalid configuration, expected 2"
grep -q "$work/bad.json" "$work/err" || fail "the message does not name the file: $(cat "$work/err")"
grep -q 'agencies\[0\].id' "$work/err" || fail "the message does not name the field: $(cat "$work/err")"
grep -q 'not a known agency' "$work/err" || fail "the message does not say what is wrong"
[ -z "$(ls -A "$work/data")" ] || fail "files were written for a refused configuration: $(ls -A "$work/data")"
echo "ok: invalid configuration refused: $(cat "$work/err")"

# Not JSON at all, and a file that does not exist.
printf '\x00\x01garbage' > "$work/garbage.json"
set +e
"$kiosk" --config "$work/garbage.json" --data-dir "$work/data" 2>"$work/err"; code1=$?
"$kiosk" --config "$work/missing.json" --data-dir "$work/data" 2>>"$work/err"; code2=$?
set -e
[ "$code1" -eq 2 ] && [ "$code2" -eq 2 ] || fail "exit codes $code1 $code2, expected 2 2"
[ -z "$(ls -A "$work/data")" ] || fail "files were written for a refused configuration"
echo "ok: garbage and missing configurations refused"

"$kiosk" --check-config >"$work/out" || fail "the demo configuration is refused"
# As an operator checks it over ssh, or a package's install test in a bare root: no display.
env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --check-config >/dev/null 2>&1 ||
    fail "--check-config needs a display"
# The manual page is made from --help and --version at package build, with no display either.
env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --help 2>/dev/null | grep -q -- "--check-config" ||
    fail "--help needs a display"
env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --version 2>/dev/null | grep -q "^relais-kiosk [0-9]" ||
    fail "--version needs a display"
grep -q "valid configuration" "$work/out" || fail "no confirmation for the demo configuration"
echo "ok: $(cat "$work/out")"

"$kiosk" --screenshots "$work/shots" >"$work/out" 2>"$work/err" || fail "--screenshots failed: $(cat "$work/err")"
count=$(find "$work/shots" -name '*.png' -size +10k | wc -l)
written=$(sed -n 's/^\([0-9]*\) screenshots written to .*/\1/p' "$work/out")
# Every screen of the tour, in every size, language and text scale (eight pictures a stop);
# the tour only grows.
[ -n "$written" ] && [ "$written" -ge 296 ] || fail "the tour wrote ${written:-no} screenshots"
[ "$count" -eq "$written" ] || fail "the kiosk says it wrote $written screenshots, found $count"
python3 - "$work/shots" <<'PY'
import struct, sys, pathlib
for png in pathlib.Path(sys.argv[1]).glob("*.png"):
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", png
    width, height = struct.unpack(">II", data[16:24])
    expected = tuple(int(v) for v in png.name.split("-")[0].split("x"))
    assert (width, height) == expected, (png.name, width, height)
PY
echo "ok: $count screenshots of the right sizes"

# A damaged store: moved aside with a log line, a fresh one started, and no crash loop.
mkdir "$work/damaged"
head -c 20000 /dev/urandom > "$work/damaged/kiosk.sqlite"
for run in 1 2; do
    "$kiosk" --bench-startup --data-dir "$work/damaged" >"$work/out" 2>"$work/err-$run" \
        || fail "run $run on a damaged store failed: $(cat "$work/err-$run")"
done
grep -q "is damaged" "$work/err-1" || fail "no log line about the damaged store"
grep -q "is damaged" "$work/err-2" && fail "the second start found the store damaged again"
[ "$(ls "$work/damaged" | grep -c '^kiosk.sqlite.corrupt-')" -eq 1 ] || fail "the damaged store was not moved aside once"
sqlite3 "$work/damaged/kiosk.sqlite" 'PRAGMA integrity_check' | grep -qx ok || fail "the fresh store is not sound"
echo "ok: damaged store moved aside ($(ls "$work/damaged" | grep corrupt | head -1)), fresh store sound"

"$kiosk" --bench-startup >"$work/out" 2>/dev/null || fail "--bench-startup failed"
grep -Eq '^startup_ms: [0-9]+ ms$' "$work/out" || fail "no startup_ms line: $(cat "$work/out")"
grep -Eq '^rss_peak: [0-9]+ kB$' "$work/out" || fail "no rss_peak line: $(cat "$work/out")"
echo "ok: bench-startup prints $(tr '\n' ' ' < "$work/out")"
