#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""No dependency runs upwards or sideways between the programs' folders.

    check_dependencies.py REPOSITORY

Each `#include "..."` of a C++ file is resolved against the repository's own files (first
beside the including file, then anywhere by its path's ending) and must land in a folder the
including folder may use:

    common/        nothing else
    provisioning/  common/
    surveys/       common/
    media/         common/, provisioning/
    kiosk/         common/, provisioning/, surveys/, media/
    qml/           kiosk/ and what it uses
    net/           nothing else
    hub/           common/, net/, provisioning/
    observatory/   common/, net/, provisioning/, surveys/
    tests/X/       any program's folder, tests/support/, and tests/X/ itself; never another
                   test folder's files

A header the repository does not hold (Qt's, the system's) is not ours to check. Exit 1 lists
every include that crosses a line; exit 0 prints one line with the counts.
"""

import os
import re
import subprocess
import sys

ALLOWED = {
    "common": {"common"},
    "provisioning": {"provisioning", "common"},
    "surveys": {"surveys", "common"},
    "media": {"media", "common", "provisioning"},
    "kiosk": {"kiosk", "common", "provisioning", "surveys", "media"},
    "qml": {"qml", "kiosk", "common", "provisioning", "surveys", "media"},
    "net": {"net"},
    "hub": {"hub", "common", "net", "provisioning"},
    "observatory": {"observatory", "common", "net", "provisioning", "surveys"},
}
PROGRAM_FOLDERS = set(ALLOWED)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def area(path):
    """The folder that owns a file: 'hub', 'qml', 'tests/unit', ..."""
    parts = path.split("/")
    if parts[0] == "tests" and len(parts) > 2:
        return "tests/" + parts[1]
    return parts[0]


def allowed_for(owner):
    if owner.startswith("tests/"):
        return PROGRAM_FOLDERS | {owner, "tests/support"}
    return ALLOWED.get(owner)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    files = subprocess.run(
        ["git", "-C", root, "ls-files", "-co", "--exclude-standard", "*.cpp", "*.h"],
        check=True, capture_output=True, text=True).stdout.split()
    files = [f for f in files if os.path.exists(os.path.join(root, f))]
    known = set(files)
    crossings, checked = [], 0
    for path in files:
        owner = area(path)
        allowed = allowed_for(owner)
        if allowed is None:
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for name in INCLUDE.findall(text):
            beside = os.path.normpath(os.path.join(os.path.dirname(path), name))
            if beside in known:
                targets = [beside]
            else:
                targets = [k for k in known if k == name or k.endswith("/" + name)]
            if not targets:
                continue
            checked += 1
            if not any(area(t) in allowed for t in targets):
                crossings.append(f"{path}: #include \"{name}\" reaches into "
                                 f"{', '.join(sorted({area(t) + '/' for t in targets}))}")
    for line in crossings:
        print(line)
    if crossings:
        print(f"{len(crossings)} include(s) cross a folder's line (see {sys.argv[0]})")
        return 1
    print(f"folder dependencies: {checked} includes in {len(files)} files, none crosses a line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
