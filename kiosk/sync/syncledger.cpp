// SPDX-License-Identifier: EUPL-1.2
#include "syncledger.h"

#include <QJsonDocument>

namespace relais {

QList<OutboxRecord> SyncLedger::nextBatch(int limit)
{
    Statement query = m_database.prepare(
        "SELECT id, kind, site, created_at, body FROM outbox ORDER BY seq LIMIT ?");
    query.bind(1, static_cast<qint64>(limit));
    QList<OutboxRecord> records;
    while (query.step())
        records.append({query.text(0), query.text(1), query.text(2), query.text(3),
                        QJsonDocument::fromJson(query.text(4).toUtf8()).object()});
    return records;
}

void SyncLedger::apply(const QList<RecordResult> &results)
{
    const QString now = utcTimestamp();
    m_database.transaction([&] {
        Statement remove = m_database.prepare("DELETE FROM outbox WHERE id = ?");
        Statement aside = m_database.prepare(
            "INSERT OR IGNORE INTO outbox_aside "
            "(id, kind, site, created_at, body, result, reason, set_aside_at) "
            "SELECT id, kind, site, created_at, body, ?2, ?3, ?4 FROM outbox WHERE id = ?1");
        for (const RecordResult &result : results) {
            if (result.kind == RecordResult::Kind::Conflict ||
                result.kind == RecordResult::Kind::Rejected ||
                result.kind == RecordResult::Kind::Malformed) {
                static const char *const names[] = {"", "", "conflict", "rejected", "malformed"};
                aside.bind(1, result.id)
                    .bind(2, QString::fromLatin1(names[static_cast<int>(result.kind)]))
                    .bind(3, result.reason.left(500))
                    .bind(4, now)
                    .run();
                aside.reset();
            }
            remove.bind(1, result.id).run();
            remove.reset();
        }
        noteSuccessNow();
    });
}

void SyncLedger::noteFailure(const QString &code)
{
    m_database.transaction([&] {
        m_database
            .prepare("UPDATE sync_state SET last_failure_at = ?, last_failure = ?, "
                     "failures = failures + 1 WHERE id = 1")
            .bind(1, utcTimestamp())
            .bind(2, code)
            .run();
    });
}

void SyncLedger::noteSuccess()
{
    m_database.transaction([&] { noteSuccessNow(); });
}

void SyncLedger::noteSuccessNow()
{
    m_database
        .prepare("UPDATE sync_state SET last_success_at = ?, last_failure = '', failures = 0 "
                 "WHERE id = 1")
        .bind(1, utcTimestamp())
        .run();
}

SyncSnapshot SyncLedger::snapshot()
{
    SyncSnapshot s;
    Statement outbox = m_database.prepare("SELECT count(*), min(created_at) FROM outbox");
    if (outbox.step()) {
        s.pending = outbox.integer(0);
        s.oldestPending = outbox.text(1);
    }
    Statement aside = m_database.prepare("SELECT count(*) FROM outbox_aside");
    if (aside.step())
        s.setAside = aside.integer(0);
    Statement state = m_database.prepare(
        "SELECT last_success_at, last_failure_at, last_failure, failures FROM sync_state");
    if (state.step()) {
        s.lastSuccessAt = state.text(0);
        s.lastFailureAt = state.text(1);
        s.lastFailure = state.text(2);
        s.failures = static_cast<int>(state.integer(3));
    }
    return s;
}

qint64 SyncLedger::newestSequence()
{
    Statement query = m_database.prepare("SELECT coalesce(max(seq), 0) FROM outbox");
    return query.step() ? query.integer(0) : 0;
}

QList<SyncLedger::AsideRecord> SyncLedger::setAside()
{
    Statement query = m_database.prepare(
        "SELECT id, kind, result, reason FROM outbox_aside ORDER BY set_aside_at, id");
    QList<AsideRecord> records;
    while (query.step())
        records.append({query.text(0), query.text(1), query.text(2), query.text(3)});
    return records;
}

} // namespace relais
