// SPDX-License-Identifier: EUPL-1.2
#include "visitcounts.h"

#include "helpkinds.h"

#include <QSet>

namespace relais {

namespace {

// The grid row a journal event counts in, or an empty kind when it counts in none.
GridRow rowFor(const QString &type, const QString &activity, const QString &agency)
{
    if (type == QLatin1String("agency_chosen"))
        return {QStringLiteral("information"), agency};
    if (type == QLatin1String("call_started"))
        return {QStringLiteral("visio"), agency};
    if (activity == QLatin1String("online") && !agency.isEmpty())
        return {QStringLiteral("online"), agency};
    for (const char *kind : {"print", "internet", "mediator"}) {
        if (activity == QLatin1String(kind))
            return {activity, QString()};
    }
    return {};
}

} // namespace

WeekCounts automaticCounts(Database &database, IsoWeek week, const QTimeZone &zone)
{
    Statement query =
        database.prepare("SELECT type, wall_utc, json_extract(payload, '$.session'), "
                         "coalesce(json_extract(payload, '$.activity'), ''), "
                         "coalesce(json_extract(payload, '$.agency'), '') FROM journal "
                         "WHERE wall_utc >= ? AND wall_utc < ? "
                         "AND type IN ('agency_chosen', 'activity_chosen', 'call_started')");
    query.bind(1, week.startUtc(zone).toString(Qt::ISODateWithMs));
    query.bind(2, week.endUtc(zone).toString(Qt::ISODateWithMs));
    WeekCounts counts;
    QSet<QString> seen;
    while (query.step()) {
        const GridRow row = rowFor(query.text(0), query.text(3), query.text(4));
        if (row.kind.isEmpty())
            continue;
        const QDateTime when = QDateTime::fromString(query.text(1), Qt::ISODateWithMs);
        const int day = when.toTimeZone(zone).date().dayOfWeek();
        const QString session = query.text(2);
        const QString marker = QStringLiteral("%1|%2|%3").arg(session, row.key()).arg(day);
        if (seen.contains(marker))
            continue;
        seen.insert(marker);
        counts[row.key()][day - 1] += 1;
    }
    return counts;
}

} // namespace relais
