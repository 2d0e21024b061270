#include "weeklygrid.h"

#include "outbox.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace relais {

QString weekStateName(WeekState state)
{
    switch (state) {
    case WeekState::Open:
        return QStringLiteral("open");
    case WeekState::Closed:
        return QStringLiteral("closed");
    case WeekState::Sent:
        return QStringLiteral("sent");
    case WeekState::Correcting:
        return QStringLiteral("correcting");
    }
    return {};
}

WeeklyGrid::WeeklyGrid(Database &database, QString siteId, const QStringList &agencies,
                       QTimeZone zone)
    : m_database(database), m_siteId(std::move(siteId)), m_rows(gridRows(agencies)),
      m_zone(std::move(zone))
{}

WeekCounts WeeklyGrid::automatic(IsoWeek week) const
{
    return automaticCounts(m_database, week, m_zone);
}

WeekCounts WeeklyGrid::desk(IsoWeek week) const
{
    Statement query =
        m_database.prepare("SELECT kind, agency, day, count FROM desk_count WHERE iso_week = ?");
    query.bind(1, week.label());
    WeekCounts counts;
    while (query.step())
        counts[GridRow{query.text(0), query.text(1)}.key()][query.integer(2) - 1] =
            static_cast<int>(query.integer(3));
    return counts;
}

std::optional<WeeklyReport> WeeklyGrid::latestReport(IsoWeek week) const
{
    Statement query = m_database.prepare(
        "SELECT id, version, coalesce(replaces, ''), created_at, body FROM weekly_report "
        "WHERE iso_week = ? ORDER BY version DESC LIMIT 1");
    query.bind(1, week.label());
    if (!query.step())
        return std::nullopt;
    return WeeklyReport{
        query.text(0), week,          static_cast<int>(query.integer(1)),
        query.text(2), query.text(3), QJsonDocument::fromJson(query.text(4).toUtf8()).object()};
}

WeekState WeeklyGrid::state(IsoWeek week) const
{
    const auto report = latestReport(week);
    if (!report)
        return WeekState::Open;
    Statement correcting = m_database.prepare("SELECT 1 FROM week_correction WHERE iso_week = ?");
    correcting.bind(1, week.label());
    if (correcting.step())
        return WeekState::Correcting;
    return outbox::contains(m_database, report->id) ? WeekState::Closed : WeekState::Sent;
}

WeeklyGrid::Change WeeklyGrid::setDeskCount(IsoWeek week, const GridRow &row, int weekday,
                                            int count)
{
    if (!week.isValid() || !m_rows.contains(row) || weekday < 1 || weekday > 7 || count < 0 ||
        count > 100000)
        return Change::Invalid;
    const WeekState current = state(week);
    if (current == WeekState::Closed || current == WeekState::Sent)
        return Change::WeekClosed;
    m_database.transaction([&] {
        m_database
            .prepare("INSERT INTO desk_count (iso_week, kind, agency, day, count) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (iso_week, kind, agency, day) "
                     "DO UPDATE SET count = excluded.count")
            .bind(1, week.label())
            .bind(2, row.kind)
            .bind(3, row.agency)
            .bind(4, static_cast<qint64>(weekday))
            .bind(5, static_cast<qint64>(count))
            .run();
    });
    return Change::Done;
}

QJsonObject WeeklyGrid::reportBody(IsoWeek week, int version, const QString &replaces) const
{
    const WeekCounts automaticCounts = automatic(week);
    const WeekCounts deskCounts = desk(week);
    QJsonArray rows;
    for (const GridRow &row : m_rows) {
        const auto automaticRow = automaticCounts.value(row.key());
        const auto deskRow = deskCounts.value(row.key());
        for (int day = 0; day < 7; ++day) {
            if (automaticRow[day] == 0 && deskRow[day] == 0)
                continue;
            rows.append(QJsonObject{
                {QStringLiteral("kind"), row.kind},
                {QStringLiteral("agency"),
                 row.agency.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row.agency)},
                {QStringLiteral("date"), week.day(day + 1).toString(Qt::ISODate)},
                {QStringLiteral("automatic"), automaticRow[day]},
                {QStringLiteral("desk"), deskRow[day]},
            });
        }
    }
    return {
        {QStringLiteral("site"), m_siteId},
        {QStringLiteral("iso_week"), week.label()},
        {QStringLiteral("version"), version},
        {QStringLiteral("replaces"),
         replaces.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(replaces)},
        {QStringLiteral("rows"), rows},
    };
}

std::optional<WeeklyReport> WeeklyGrid::close(IsoWeek week)
{
    if (!week.isValid())
        return std::nullopt;
    std::optional<WeeklyReport> made;
    m_database.transaction([&] {
        const auto previous = latestReport(week);
        const WeekState current = state(week);
        if (current == WeekState::Closed || current == WeekState::Sent)
            return;
        WeeklyReport report;
        report.id = newRecordId();
        report.week = week;
        report.version = previous ? previous->version + 1 : 1;
        report.replaces = previous ? previous->id : QString();
        report.createdAt = utcTimestamp();
        report.body = reportBody(week, report.version, report.replaces);
        Statement insert = m_database.prepare(
            "INSERT INTO weekly_report (id, iso_week, version, replaces, created_at, body) "
            "VALUES (?, ?, ?, nullif(?, ''), ?, ?)");
        insert.bind(1, report.id)
            .bind(2, week.label())
            .bind(3, static_cast<qint64>(report.version))
            .bind(4, report.replaces)
            .bind(5, report.createdAt)
            .bind(6, QString::fromUtf8(QJsonDocument(report.body).toJson(QJsonDocument::Compact)))
            .run();
        m_database.prepare("DELETE FROM week_correction WHERE iso_week = ?")
            .bind(1, week.label())
            .run();
        outbox::enqueue(m_database, {report.id, QStringLiteral("weekly_report"), m_siteId,
                                     report.createdAt, report.body});
        made = report;
    });
    return made;
}

bool WeeklyGrid::startCorrection(IsoWeek week)
{
    const WeekState current = state(week);
    if (current != WeekState::Closed && current != WeekState::Sent)
        return false;
    m_database.transaction([&] {
        m_database.prepare("INSERT OR IGNORE INTO week_correction (iso_week) VALUES (?)")
            .bind(1, week.label())
            .run();
    });
    return true;
}

QList<WeekSummary> WeeklyGrid::recentWeeks(IsoWeek last, int count) const
{
    QList<WeekSummary> weeks;
    IsoWeek week = last;
    for (int i = 0; i < count; ++i, week = week.previous()) {
        const auto report = latestReport(week);
        weeks.append({week, state(week), report ? report->version : 0});
    }
    return weeks;
}

} // namespace relais
