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
    const bool titled =
        dialect == CsvWriter::Dialect::Spreadsheet && titles.size() == columns.size();
    for (const QString &column : titled ? titles : columns)
        csv.text(column);
    csv.endLine();
    for (const QVariantList &row : rows) {
        for (const QVariant &value : row) {
            switch (value.typeId()) {
            case QMetaType::Double:
                csv.number(value.toDouble(), 1);
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                csv.number(value.toLongLong());
                break;
            default:
                csv.text(value.toString());
            }
        }
        csv.endLine();
    }
    return csv.bytes();
}

} // namespace relais::observatory
