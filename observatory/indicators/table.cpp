#include "table.h"

#include <QJsonArray>

namespace relais::observatory {

namespace {

QByteArray csvField(const QVariant &value)
{
    QByteArray text = value.typeId() == QMetaType::Double
                          ? QByteArray::number(value.toDouble(), 'f', 1)
                          : value.toString().toUtf8();
    if (text.contains(',') || text.contains('"') || text.contains('\n'))
        text = '"' + text.replace("\"", "\"\"") + '"';
    return text;
}

} // namespace

QJsonObject Table::toJson() const
{
    QJsonArray jsonRows;
    for (const QVariantList &row : rows)
        jsonRows.append(QJsonArray::fromVariantList(row));
    return {{QStringLiteral("id"), id},
            {QStringLiteral("title"), title},
            {QStringLiteral("columns"), QJsonArray::fromStringList(columns)},
            {QStringLiteral("titles"), QJsonArray::fromStringList(titles)},
            {QStringLiteral("rows"), jsonRows}};
}

QByteArray Table::toCsv() const
{
    QByteArray out = columns.join(u',').toUtf8() + "\r\n";
    for (const QVariantList &row : rows) {
        QByteArrayList fields;
        for (const QVariant &value : row)
            fields << csvField(value);
        out += fields.join(',') + "\r\n";
    }
    return out;
}

} // namespace relais::observatory
