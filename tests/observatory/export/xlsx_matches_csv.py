#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
# /usr/bin/python3: Debian's, which has python3-openpyxl, whatever python3 comes first in PATH.
"""The dashboard's Excel workbook read back with openpyxl, against the spreadsheet CSV and the
JSON of the same view, all fetched from the real observatory by the dashboard's browser test.

Usage: xlsx_matches_csv.py WORKBOOK.xlsx TABLES.json CSV_DIR

TABLES.json is /dashboard/api/tables for the view; CSV_DIR holds <id>.csv for every table,
fetched with format=tableur. Checks: the workbook's Sommaire lists one sheet per table of the
JSON, with sheet names Excel accepts; each CSV starts with a byte order mark and its header is
the table's French titles; each sheet's cells are the CSV's (the same rows, the same text, the
same numbers), a number where the JSON has a number and text where it has text (a withheld cell
"<11" included). Prints what differs and exits 1 on any difference.
"""
import csv
import io
import json
import os
import re
import sys

import openpyxl

FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NUMBER = re.compile(r"^-?\d+(,\d+)?$")
# CsvWriter puts a ' before a text that a spreadsheet would run as a formula; a workbook's text
# cell never runs, so it has none.
GUARDED = tuple("=+-@\t\r")

problems = []


def fail(what):
    problems.append(what)


def csv_rows(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{os.path.basename(path)}: no UTF-8 byte order mark")
        return []
    text = raw[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def same(sheet_value, csv_value, json_value, where):
    if isinstance(json_value, (int, float)) and not isinstance(json_value, bool):
        if not isinstance(sheet_value, (int, float)):
            fail(f"{where}: {sheet_value!r} is not a number in the workbook (JSON {json_value!r})")
            return
        if not NUMBER.match(csv_value) or float(csv_value.replace(",", ".")) != float(sheet_value):
            fail(f"{where}: workbook {sheet_value!r}, CSV {csv_value!r}")
        return
    if isinstance(sheet_value, (int, float)):
        fail(f"{where}: {sheet_value!r} is a number in the workbook, text in the JSON ({json_value!r})")
        return
    text = "" if sheet_value is None else sheet_value
    if csv_value[:1] == "'" and csv_value[1:2] and csv_value[1] in GUARDED:
        csv_value = csv_value[1:]
    if text != csv_value:
        fail(f"{where}: workbook {text!r}, CSV {csv_value!r}")


def main():
    workbook_path, tables_path, csv_dir = sys.argv[1:4]
    tables = json.load(open(tables_path, encoding="utf-8"))["tables"]
    book = openpyxl.load_workbook(workbook_path, read_only=True, data_only=True)
    if book.sheetnames[0] != "Sommaire":
        fail(f"the first sheet is {book.sheetnames[0]!r}, not Sommaire")
    summary = list(book["Sommaire"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(summary) if row[0] == "Feuille") + 1
    listed = {row[1]: row[0] for row in summary[start:] if row[0]}
    if set(listed) != set(tables):
        fail(f"the Sommaire lists {sorted(listed)}, the dashboard {sorted(tables)}")
    names = [name.lower() for name in book.sheetnames]
    if len(set(names)) != len(names):
        fail(f"sheet names repeat: {book.sheetnames}")
    for name in book.sheetnames:
        if len(name) > 31 or FORBIDDEN.search(name) or name.startswith("'") or name.endswith("'"):
            fail(f"sheet name Excel refuses: {name!r}")
    compared = 0
    for table_id, table in tables.items():
        if table_id not in listed:
            continue
        if len(table["titles"]) != len(table["columns"]):
            fail(f"{table_id}: {len(table['titles'])} titles for {len(table['columns'])} columns")
        rows = csv_rows(os.path.join(csv_dir, table_id + ".csv"))
        if not rows:
            fail(f"{table_id}: empty CSV")
            continue
        if rows[0] != table["titles"]:
            fail(f"{table_id}: CSV header {rows[0]}, titles {table['titles']}")
        if rows[0] == table["columns"] and any(t != c for t, c in zip(table["titles"], table["columns"])):
            fail(f"{table_id}: CSV header is the column ids")
        sheet = [list(r) for r in book[listed[table_id]].iter_rows(values_only=True)]
        if len(sheet) != len(rows):
            fail(f"{table_id}: {len(sheet)} rows in the workbook, {len(rows)} in the CSV")
            continue
        for c, title in enumerate(rows[0]):
            if sheet[0][c] != title:
                fail(f"{table_id}: workbook header {sheet[0]}, CSV {rows[0]}")
                break
        for r, (line, cells) in enumerate(zip(rows[1:], sheet[1:]), start=1):
            json_row = table["rows"][r - 1]
            cells = cells + [None] * (len(line) - len(cells))
            if len(line) != len(json_row) or len(cells) != len(line):
                fail(f"{table_id} row {r}: {len(cells)} cells, CSV {len(line)}, JSON {len(json_row)}")
                continue
            for c, (cell, value, json_value) in enumerate(zip(cells, line, json_row)):
                same(cell, value, json_value, f"{table_id} row {r} column {table['columns'][c]}")
                compared += 1
    for problem in problems[:40]:
        print("FAILED:", problem)
    if problems:
        print(f"{len(problems)} differences")
        return 1
    print(f"ok: {len(tables)} tables, {compared} cells the same in the workbook and the CSV")
    return 0


if __name__ == "__main__":
    sys.exit(main())
