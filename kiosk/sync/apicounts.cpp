// SPDX-License-Identifier: EUPL-1.2
#include "apicounts.h"

#include <QDate>
#include <QJsonObject>
#include <QMap>

namespace relais {

namespace {

const QStringList &apiDays()
{
    static const QStringList days = {
        QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
        QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};
    return days;
}

// The grid's kinds of help, named as the observatory's.
const QMap<QString, QString> &apiHelps()
{
    static const QMap<QString, QString> helps = {
        {QStringLiteral("information"), QStringLiteral("information")},
        {QStringLiteral("online"), QStringLiteral("online_procedure")},
        {QStringLiteral("visio"), QStringLiteral("video_call")},
        {QStringLiteral("referral"), QStringLiteral("referral")},
        {QStringLiteral("internet"), QStringLiteral("internet_access")},
        {QStringLiteral("print"), QStringLiteral("print_scan")},
        {QStringLiteral("mediator"), QStringLiteral("information")},
    };
    return helps;
}

} // namespace

QJsonArray apiCountRows(const QJsonArray &kioskRows, const QStringList &countKeys)
{
    QMap<QString, int> counts;
    for (const QJsonValue &value : kioskRows) {
        const QJsonObject row = value.toObject();
        const QString kind = row.value(QStringLiteral("kind")).toString();
        const QString help = apiHelps().value(kind);
        const QDate date =
            QDate::fromString(row.value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (help.isEmpty() || !date.isValid())
            continue;
        const QString agency = kind == QLatin1String("mediator")
                                   ? QString()
                                   : row.value(QStringLiteral("agency")).toString();
        const QString key = help + u'|' + (agency.isEmpty() ? QStringLiteral("none") : agency) +
                            u'|' + QString::number(date.dayOfWeek());
        for (const QString &count : countKeys)
            counts[key] += row.value(count).toInt();
    }
    QJsonArray apiRows;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const QStringList parts = it.key().split(u'|');
        apiRows.append(QJsonObject{{QStringLiteral("help"), parts[0]},
                                   {QStringLiteral("agency"), parts[1]},
                                   {QStringLiteral("day"), apiDays().value(parts[2].toInt() - 1)},
                                   {QStringLiteral("count"), qMin(it.value(), 10000)}});
    }
    return apiRows;
}

std::optional<WeekCounts> gridCounts(const QJsonArray &apiRows, const QList<GridRow> &rows)
{
    WeekCounts counts;
    for (const QJsonValue &value : apiRows) {
        const QJsonObject line = value.toObject();
        const QString help = line.value(QStringLiteral("help")).toString();
        QString agency = line.value(QStringLiteral("agency")).toString();
        if (agency == QLatin1String("none"))
            agency.clear();
        const qsizetype day = apiDays().indexOf(line.value(QStringLiteral("day")).toString());
        // Information without an agency is the mediator's own help; the rest map one to one.
        const QString kind = help == QLatin1String("information") && agency.isEmpty()
                                 ? QStringLiteral("mediator")
                                 : apiHelps().key(help);
        const GridRow row{kind, agency};
        if (day < 0 || kind.isEmpty() || !rows.contains(row))
            return std::nullopt;
        counts[row.key()][day] += line.value(QStringLiteral("count")).toInt();
    }
    return counts;
}

} // namespace relais
