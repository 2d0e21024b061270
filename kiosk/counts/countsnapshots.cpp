// SPDX-License-Identifier: EUPL-1.2
#include "countsnapshots.h"

#include "helpkinds.h"
#include "isoweek.h"
#include "outbox.h"
#include "visitcounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace relais {

namespace {

// One week's counts as rows, in a stable order so that unchanged counts compare equal.
QJsonArray countRows(IsoWeek week, const WeekCounts &counts)
{
    QMap<QString, std::array<int, 7>> sorted;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        sorted.insert(it.key(), it.value());
    QJsonArray rows;
    for (auto it = sorted.cbegin(); it != sorted.cend(); ++it) {
        const QString agency = it.key().section(u'/', 1);
        for (int day = 0; day < 7; ++day) {
            if (it.value()[day] == 0)
                continue;
            rows.append(QJsonObject{
                {QStringLiteral("kind"), it.key().section(u'/', 0, 0)},
                {QStringLiteral("agency"),
                 agency.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(agency)},
                {QStringLiteral("date"), week.day(day + 1).toString(Qt::ISODate)},
                {QStringLiteral("count"), it.value()[day]},
            });
        }
    }
    return rows;
}

} // namespace

CountSnapshots::CountSnapshots(Database &database, QString siteId, QTimeZone zone)
    : m_database(database), m_siteId(std::move(siteId)), m_zone(std::move(zone))
{}

int CountSnapshots::update()
{
    int queued = 0;
    m_database.transaction([&] {
        Statement watch = m_database.prepare("SELECT journal_seq FROM count_watch WHERE id = 1");
        const qint64 seen = watch.step() ? watch.integer(0) : 0;
        Statement fresh = m_database.prepare(
            "SELECT max(seq), min(wall_utc), max(wall_utc) FROM journal WHERE seq > ?");
        fresh.bind(1, seen);
        if (!fresh.step() || fresh.text(1).isEmpty())
            return;
        const qint64 newest = fresh.integer(0);
        const auto weekOf = [&](const QString &utc) {
            return IsoWeek::containing(
                QDateTime::fromString(utc, Qt::ISODateWithMs).toTimeZone(m_zone).date());
        };
        const IsoWeek last = weekOf(fresh.text(2));
        for (IsoWeek week = weekOf(fresh.text(1)); week <= last; week = week.next()) {
            const QJsonArray rows = countRows(week, automaticCounts(m_database, week, m_zone));
            const QString text =
                QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
            Statement previous =
                m_database.prepare("SELECT sequence, rows FROM count_snapshot WHERE iso_week = ?");
            previous.bind(1, week.label());
            const bool before = previous.step();
            if (before ? previous.text(1) == text : rows.isEmpty())
                continue;
            const qint64 sequence = before ? previous.integer(0) + 1 : 1;
            m_database
                .prepare("INSERT INTO count_snapshot (iso_week, sequence, rows) VALUES (?, ?, ?) "
                         "ON CONFLICT (iso_week) DO UPDATE SET sequence = excluded.sequence, "
                         "rows = excluded.rows")
                .bind(1, week.label())
                .bind(2, sequence)
                .bind(3, text)
                .run();
            // A snapshot still waiting is superseded by this one: only the newest counts, so a
            // kiosk offline for a week does not pile up hundreds. One already on its way is
            // harmless (an older sequence).
            m_database
                .prepare("DELETE FROM outbox WHERE kind = 'kiosk_counts' AND "
                         "json_extract(body, '$.iso_week') = ?")
                .bind(1, week.label())
                .run();
            const QString now = utcTimestamp();
            outbox::enqueue(m_database,
                            {newRecordId(), QStringLiteral("kiosk_counts"), m_siteId, now,
                             QJsonObject{{QStringLiteral("site"), m_siteId},
                                         {QStringLiteral("iso_week"), week.label()},
                                         {QStringLiteral("sequence"), sequence},
                                         {QStringLiteral("rows"), rows}}});
            ++queued;
        }
        m_database.prepare("UPDATE count_watch SET journal_seq = ? WHERE id = 1")
            .bind(1, newest)
            .run();
    });
    return queued;
}

} // namespace relais
