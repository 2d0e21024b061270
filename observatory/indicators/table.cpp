// SPDX-License-Identifier: EUPL-1.2
#include "table.h"

#include "csvwriter.h"

#include <QJsonArray>

namespace relais::observatory {

Table Table::byPeriod(const QString &id, const QString &title)
{
    return {id, title, {QStringLiteral("period")}, {QStringLiteral("Période")}, {}};
}

QJsonObject Table::toJson() const
{
    QJsonArray jsonRows;
    for (const QVariantList &row : rows)
        jsonRows.append(QJsonArray::fromVariantList(row));
    QJsonObject out{{QStringLiteral("id"), id},
                    {QStringLiteral("title"), title},
                    {QStringLiteral("columns"), QJsonArray::fromStringList(columns)},
                    {QStringLiteral("titles"), QJsonArray::fromStringList(titles)},
                    {QStringLiteral("rows"), jsonRows}};
    if (!note.isEmpty())
        out.insert(QStringLiteral("note"), note);
    return out;
}

QByteArray Table::toCsv(CsvWriter::Dialect dialect) const
{
    CsvWriter csv(dialect);
    write(csv, dialect == CsvWriter::Dialect::Spreadsheet);
    return csv.bytes();
}

void Table::write(CellWriter &out, bool titled) const
{
    for (const QString &column : titled &&titles.size() == columns.size() ? titles : columns)
        out.text(column);
    out.endLine();
    for (const QVariantList &row : rows) {
        for (const QVariant &value : row) {
            switch (value.typeId()) {
            case QMetaType::Double:
                out.number(value.toDouble(), 1);
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                out.number(value.toLongLong());
                break;
            default:
                out.text(value.toString());
            }
        }
        out.endLine();
    }
}

} // namespace relais::observatory
