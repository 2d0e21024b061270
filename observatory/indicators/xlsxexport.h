// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "table.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace relais::observatory {

// The dashboard's tables as one Excel workbook (libxlsxwriter), for people: a first sheet
// "Sommaire" (the `about` lines, such as the filters, then each table's sheet, id, title and
// note), then one sheet per table written by Table::write as the spreadsheet CSV is: the French
// titles, numbers as numbers, a withheld cell ("<11") as the CSV has it. A text cell is only
// ever text, never a formula, so it needs no guard quote. Empty with `error` when the workbook
// could not be written; nothing stays on disk either way.
std::optional<QByteArray> xlsxWorkbook(const QList<Table> &tables, const QStringList &about,
                                       QString *error);

// The sheets' names for these titles, in their order: at most 31 characters, none of
// []:*?/\, no apostrophe at either end, none empty, each different from the others and from
// "Sommaire" whatever the case (as Excel compares them).
QStringList xlsxSheetNames(const QStringList &titles);

inline constexpr char kXlsxContentType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

} // namespace relais::observatory
