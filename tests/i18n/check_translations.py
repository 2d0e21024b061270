#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Check a Qt Linguist .ts file: every message translated, nothing stale.

    check_translations.py FILE.ts
    check_translations.py FILE.ts --sources DIR [DIR ...] --lupdate PATH

Fails (exit 1), listing each offending message, when a message is unfinished,
has an empty translation, is marked vanished/obsolete, or uses other %1, %2...
placeholders than its source text.

With --sources, the .ts is first copied to a temporary file and lupdate is run
on the sources into that copy (the original is never written). A message that
comes out unfinished there is a string in the sources that the .ts lacks; one
that comes out vanished is a string the sources no longer use. Both fail.

With --sources, counts pluralised by hand also fail, since every count goes through Qt
Linguist's numerus (qsTr("%n personnes attendent avant vous.", "", n)):
  - a message that is not numerus with a placeholder followed by a plural word
    ("%1 personnes", "%1 minutes");
  - two messages of one context that differ only by a count and plural endings
    ("%1 seconde" / "%1 secondes", "1 élément en attente" / "%1 éléments en attente");
  - a plural "s" added in the code (count > 1 ? "s" : "").
With --plural-only (the source language's own catalog), lupdate keeps only numerus
messages (-pluralonly).

Standard library only. Exit 0 prints one line, e.g.
    relais_en.ts: 46 messages, all translated
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# %1..%99, also in their localised form %L1.
PLACEHOLDER = re.compile(r"%L?(\d{1,2})")


def placeholders(text):
    return sorted({int(n) for n in PLACEHOLDER.findall(text or "")})


def short(text, limit=60):
    text = (text or "").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_messages(path):
    """Yield (context, source, translation element, message element)."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise SystemExit(f"{os.path.basename(path)}: cannot read: {error}")
    if root.tag != "TS":
        raise SystemExit(f"{os.path.basename(path)}: not a Qt .ts file (root is <{root.tag}>)")
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message.findtext("source") or "", message.find("translation"), message


def translation_texts(translation):
    """The translated strings of a message: one, or one per plural form."""
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def problems_of(path):
    """Return (message count, list of (context, source, problem))."""
    count = 0
    problems = []
    for context, source, translation, _message in read_messages(path):
        count += 1
        if translation is None:
            problems.append((context, source, "no <translation> element"))
            continue
        kind = translation.get("type", "")
        if kind in ("vanished", "obsolete"):
            problems.append((context, source, f"{kind}: no longer in the sources, remove it"))
            continue
        if kind == "unfinished":
            problems.append((context, source, "unfinished"))
            continue
        texts = translation_texts(translation)
        if any(not text.strip() for text in texts):
            problems.append((context, source, "empty translation"))
            continue
        wanted = placeholders(source)
        for text in texts:
            found = placeholders(text)
            if found != wanted:
                show = lambda ns: ", ".join(f"%{n}" for n in ns) or "none"
                problems.append((context, source,
                                 f"placeholders differ: source has {show(wanted)}, "
                                 f"translation \"{short(text)}\" has {show(found)}"))
                break
    return count, problems


# A French plural word: ends in s or x. Words that end so in the singular too and never
# follow a count are left out.
PLURAL_AFTER_PLACEHOLDER = re.compile(r"%L?\d{1,2}[ \u00a0]+(\w+[sx])\b")
NOT_A_COUNTED_WORD = {"vous", "nous", "dans", "sous", "sans", "plus", "très", "mais", "après",
                      "depuis", "alors", "chez", "aux", "des", "les", "ses", "mes", "tes", "ces"}
# A plural ending appended by the code: `n > 1 ? "s" : ""`, `"s" : ""`.
HAND_SUFFIX = re.compile(r"""\?\s*(["'])s\1\s*:|:\s*(["'])s\2\s*[),;]""")


def count_shape(source):
    """The message with counts and plural endings taken out, to find singular/plural pairs."""
    text = re.sub(r"%L?\d{1,2}|\b\d+\b|\b[Uu]ne?\b", "#", source)
    return " ".join(re.sub(r"(?<=\w\w)[sx]$", "", word) for word in text.split())


def hand_plural_problems(messages):
    """messages: (context, source, message element) of every message in the sources."""
    problems = []
    shapes = {}
    for context, source, message in messages:
        if message.get("numerus") == "yes":
            continue
        for word in PLURAL_AFTER_PLACEHOLDER.findall(source):
            if word.lower() not in NOT_A_COUNTED_WORD:
                problems.append((context, source, f"count pluralised by hand (\"{word}\"): "
                                 "use %n and numerus forms"))
                break
        if "#" in count_shape(source):
            shapes.setdefault((context, count_shape(source)), []).append(source)
    for (context, _shape), sources in shapes.items():
        if len(set(sources)) > 1:
            problems.append((context, " / ".join(sorted(set(sources))),
                             "singular and plural chosen by hand: use one %n message"))
    return problems


def source_suffix_problems(directories):
    problems = []
    for directory in directories:
        for folder, _dirs, files in os.walk(directory):
            for name in sorted(files):
                if not name.endswith((".qml", ".cpp", ".h", ".js")):
                    continue
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as file:
                    for number, line in enumerate(file, 1):
                        if HAND_SUFFIX.search(line):
                            problems.append((f"{path}:{number}", line.strip(),
                                             "plural \"s\" added by the code: use %n"))
    return problems


def lupdate_problems(ts_path, sources, lupdate, plural_only=False):
    """Run lupdate on the sources into a copy of ts_path; report what it changes."""
    known = {(context, source) for context, source, _t, _m in read_messages(ts_path)}
    problems = []
    with tempfile.TemporaryDirectory(prefix="check_translations.") as tmp:
        copy = os.path.join(tmp, os.path.basename(ts_path))
        shutil.copyfile(ts_path, copy)
        command = [lupdate, "-locations", "none", *(["-pluralonly"] if plural_only else []),
                   *sources, "-ts", copy]
        try:
            result = subprocess.run(command, capture_output=True, text=True)
        except OSError as error:
            raise SystemExit(f"cannot run lupdate ({lupdate}): {error}")
        if result.returncode != 0:
            sys.stdout.write(result.stdout)
            sys.stdout.write(result.stderr)
            raise SystemExit(f"lupdate failed with exit code {result.returncode}: {' '.join(command)}")
        current = []
        for context, source, translation, message in read_messages(copy):
            kind = translation.get("type", "") if translation is not None else ""
            if kind == "unfinished" and (context, source) not in known:
                problems.append((context, source, "in the sources but missing from the .ts (run lupdate and translate it)"))
            elif kind == "vanished" and (context, source) in known:
                problems.append((context, source, "in the .ts but no longer in the sources (run lupdate -no-obsolete)"))
            if kind not in ("vanished", "obsolete"):
                current.append((context, source, message))
        problems += hand_plural_problems(current)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ts", help="the .ts file to check")
    parser.add_argument("--sources", nargs="+", metavar="DIR",
                        help="also run lupdate on these directories (into a temporary copy)")
    parser.add_argument("--lupdate", metavar="PATH", default="lupdate",
                        help="the lupdate to run with --sources (default: lupdate on PATH)")
    parser.add_argument("--plural-only", action="store_true",
                        help="the source language's catalog: numerus messages only")
    args = parser.parse_args()

    name = os.path.basename(args.ts)
    count, problems = problems_of(args.ts)
    if args.sources:
        # A message already reported above is not reported again.
        reported = {(context, source) for context, source, _p in problems}
        problems += [p for p in lupdate_problems(args.ts, args.sources, args.lupdate,
                                                 args.plural_only)
                     if (p[0], p[1]) not in reported]
        problems += source_suffix_problems(args.sources)

    if problems:
        for context, source, problem in problems:
            print(f"{name}: {context}: \"{short(source)}\": {problem}")
        print(f"{name}: {count} messages, {len(problems)} problem(s)")
        return 1
    print(f"{name}: {count} messages, all translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
