// SPDX-License-Identifier: EUPL-1.2
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
    case WeekState::Refused:
        return QStringLiteral("refused");
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
    return report(week, true);
}

std::optional<WeeklyReport> WeeklyGrid::report(IsoWeek week, bool refusedToo) const
{
    // The last made: a refused closing and the site's versions may share a number.
    Statement query = m_database.prepare(
        "SELECT id, version, coalesce(replaces, ''), created_at, body FROM weekly_report "
        "WHERE iso_week = ?1 AND (?2 OR id NOT IN (SELECT id FROM outbox_aside)) "
        "ORDER BY rowid DESC LIMIT 1");
    query.bind(1, week.label()).bind(2, static_cast<qint64>(refusedToo));
    if (!query.step())
        return std::nullopt;
    return WeeklyReport{
        query.text(0), week,          static_cast<int>(query.integer(1)),
        query.text(2), query.text(3), QJsonDocument::fromJson(query.text(4).toUtf8()).object()};
}

WeekState WeeklyGrid::state(IsoWeek week) const
{
    // A correction may take over a version closed on another kiosk, with none made here.
    Statement correcting = m_database.prepare("SELECT 1 FROM week_correction WHERE iso_week = ?");
    correcting.bind(1, week.label());
    if (correcting.step())
        return WeekState::Correcting;
    const auto report = latestReport(week);
    if (!report)
        return WeekState::Open;
    Statement refused = m_database.prepare("SELECT 1 FROM outbox_aside WHERE id = ?");
    refused.bind(1, report->id);
    if (refused.step())
        return WeekState::Refused;
    return outbox::contains(m_database, report->id) ? WeekState::Closed : WeekState::Sent;
}

bool WeeklyGrid::closedElsewhere(IsoWeek week, const SiteWeek &site) const
{
    if (!site.closed)
        return false;
    const auto mine = report(week, false);
    if (mine && mine->id == site.id)
        return false;
    return !mine || mine->version <= site.version;
}

WeeklyGrid::Change WeeklyGrid::setDeskCount(IsoWeek week, const GridRow &row, int weekday,
                                            int count)
{
    if (!week.isValid() || !m_rows.contains(row) || weekday < 1 || weekday > 7 || count < 0 ||
        count > 100000)
        return Change::Invalid;
    const WeekState current = state(week);
    if (current != WeekState::Open && current != WeekState::Correcting)
        return Change::WeekClosed;
    m_database.transaction([&] { writeDeskCount(week, row, weekday, count); });
    return Change::Done;
}

void WeeklyGrid::writeDeskCount(IsoWeek week, const GridRow &row, int weekday, int count)
{
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
}

QJsonObject WeeklyGrid::reportBody(IsoWeek week, int version, const QString &replaces) const
{
    // The desk's counts only: this kiosk's own go as kiosk_counts (countsnapshots.h), and the
    // other kiosks of the site send theirs.
    const WeekCounts deskCounts = desk(week);
    QJsonArray rows;
    for (const GridRow &row : m_rows) {
        const auto deskRow = deskCounts.value(row.key());
        for (int day = 0; day < 7; ++day) {
            if (deskRow[day] == 0)
                continue;
            rows.append(QJsonObject{
                {QStringLiteral("kind"), row.kind},
                {QStringLiteral("agency"),
                 row.agency.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row.agency)},
                {QStringLiteral("date"), week.day(day + 1).toString(Qt::ISODate)},
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
        {QStringLiteral("counts"), QStringLiteral("desk")},
        {QStringLiteral("rows"), rows},
    };
}

std::optional<WeeklyReport> WeeklyGrid::close(IsoWeek week)
{
    if (!week.isValid())
        return std::nullopt;
    std::optional<WeeklyReport> made;
    m_database.transaction([&] {
        const WeekState current = state(week);
        if (current != WeekState::Open && current != WeekState::Correcting)
            return;
        // The version this one replaces: the site's, taken over from another kiosk, or this
        // kiosk's last one the observatory did not refuse.
        Statement base = m_database.prepare("SELECT coalesce(base_id, ''), "
                                            "coalesce(base_version, 0) FROM week_correction "
                                            "WHERE iso_week = ?");
        base.bind(1, week.label());
        const auto previous = report(week, false);
        QString replaces = previous ? previous->id : QString();
        int version = previous ? previous->version + 1 : 1;
        if (base.step() && !base.text(0).isEmpty()) {
            replaces = base.text(0);
            version = static_cast<int>(base.integer(1)) + 1;
        }
        WeeklyReport report;
        report.id = newRecordId();
        report.week = week;
        report.version = version;
        report.replaces = replaces;
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
    if (current != WeekState::Closed && current != WeekState::Sent && current != WeekState::Refused)
        return false;
    m_database.transaction([&] {
        m_database.prepare("INSERT OR IGNORE INTO week_correction (iso_week) VALUES (?)")
            .bind(1, week.label())
            .run();
    });
    return true;
}

bool WeeklyGrid::startCorrection(IsoWeek week, const SiteWeek &site)
{
    if (!week.isValid() || !closedElsewhere(week, site) || !site.desk)
        return false;
    m_database.transaction([&] {
        m_database
            .prepare("INSERT INTO week_correction (iso_week, base_id, base_version) "
                     "VALUES (?, ?, ?) ON CONFLICT (iso_week) DO UPDATE SET "
                     "base_id = excluded.base_id, base_version = excluded.base_version")
            .bind(1, week.label())
            .bind(2, site.id)
            .bind(3, static_cast<qint64>(site.version))
            .run();
        // The desk's counts are the site's: those of the version being corrected.
        m_database.prepare("DELETE FROM desk_count WHERE iso_week = ?").bind(1, week.label()).run();
        for (auto it = site.desk->cbegin(); it != site.desk->cend(); ++it) {
            const GridRow row{it.key().section(u'/', 0, 0), it.key().section(u'/', 1)};
            for (int day = 1; day <= 7; ++day)
                if (it.value()[day - 1] > 0)
                    writeDeskCount(week, row, day, it.value()[day - 1]);
        }
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
