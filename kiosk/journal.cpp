// SPDX-License-Identifier: EUPL-1.2
#include "journal.h"

#include "monotonicclock.h"
#include "outbox.h"

#include <QJsonDocument>

namespace relais {

Journal::Journal(Database &database, QString siteId)
    : m_database(database), m_siteId(std::move(siteId))
{}

JournalEvent Journal::append(const QString &type, const QJsonObject &payload)
{
    const MonotonicTime now = monotonicNow();
    JournalEvent event{newRecordId(),    type,           m_siteId, now.bootId,
                       now.milliseconds, utcTimestamp(), payload};
    m_database.transaction([&] {
        m_database
            .prepare("INSERT INTO journal (id, type, site_id, boot_id, mono_ms, wall_utc, payload) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, event.id)
            .bind(2, event.type)
            .bind(3, event.siteId)
            .bind(4, event.bootId)
            .bind(5, event.monotonicMs)
            .bind(6, event.wallUtc)
            .bind(7, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)))
            .run();
        // The same event, with the same id, waits for the observatory.
        outbox::enqueue(m_database, {event.id,
                                     QStringLiteral("journal_event"),
                                     m_siteId,
                                     event.wallUtc,
                                     {{QStringLiteral("type"), type},
                                      {QStringLiteral("boot_id"), event.bootId},
                                      {QStringLiteral("mono_ms"), event.monotonicMs},
                                      {QStringLiteral("payload"), payload}}});
    });
    return event;
}

QList<JournalEvent> Journal::events(qsizetype limit) const
{
    Statement query = m_database.prepare(
        "SELECT id, type, site_id, boot_id, mono_ms, wall_utc, payload FROM journal "
        "ORDER BY seq LIMIT ?");
    query.bind(1, static_cast<qint64>(limit));
    QList<JournalEvent> result;
    while (query.step()) {
        result.append({query.text(0), query.text(1), query.text(2), query.text(3), query.integer(4),
                       query.text(5), QJsonDocument::fromJson(query.text(6).toUtf8()).object()});
    }
    return result;
}

qint64 Journal::count() const
{
    Statement query = m_database.prepare("SELECT count(*) FROM journal");
    return query.step() ? query.integer(0) : 0;
}

} // namespace relais
