// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "csvwriter.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace relais::observatory {

// One result table as the dashboard shows it and the CSV export writes it: column ids (for
// programs), column titles (in French, for people) and rows of plain values.
struct Table
{
    QString id;
    QString title;
    QStringList columns;
    QStringList titles;
    QList<QVariantList> rows;
    QString note = {}; // in French, for people, when the rows are withheld (why, and where to look)

    // A table whose rows are periods (the first column, `period`), its other columns to add.
    static Table byPeriod(const QString &id, const QString &title);

    QJsonObject toJson() const;
    // Data: a header line of column ids, for programs. Spreadsheet: of column titles, for people.
    QByteArray toCsv(CsvWriter::Dialect dialect = CsvWriter::Dialect::Data) const;
    // The header line (the titles when `titled` and every column has one, else the ids), then
    // the rows: numbers as numbers (decimals with one decimal), the rest as text.
    void write(CellWriter &out, bool titled) const;
};

} // namespace relais::observatory
