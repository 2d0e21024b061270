// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"
#include "outbox.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace relais {

// What the observatory said about one record of a batch (observatory/API.md).
struct RecordResult
{
    enum class Kind { Stored, AlreadyStored, Conflict, Rejected, Malformed };
    QString id;
    Kind kind = Kind::Stored;
    QString reason;
};

// Where the sync stands, as the store holds it: it survives restarts.
struct SyncSnapshot
{
    qint64 pending = 0;    // records in the outbox
    qint64 setAside = 0;   // conflicts and rejections kept for a person to look at
    QString oldestPending; // created_at of the oldest record waiting, ISO 8601 UTC, or empty
    QString lastSuccessAt; // the last time the observatory took a batch, or empty
    QString lastFailureAt;
    QString lastFailure;     // a SyncFailure code, empty after a success
    int failures = 0;        // failed attempts in a row
    QString lastHeartbeatAt; // the last heartbeat the observatory took since the sync started
};

} // namespace relais

Q_DECLARE_METATYPE(relais::SyncSnapshot)

namespace relais {

// The sync's side of the kiosk store: which records to send next, and what the observatory's
// answers do to them. A record leaves the outbox only on "stored" or "already stored", in
// the same transaction that notes the success; a conflict or a rejection moves it to
// `outbox_aside`. Nothing else ever removes one (but a kiosk_counts snapshot superseded before
// it left, counts/countsnapshots.h), so a process killed at any point resends at worst what
// the observatory already has, which it answers "already stored".
class SyncLedger
{
public:
    explicit SyncLedger(Database &database) : m_database(database) {}

    QList<OutboxRecord> nextBatch(int limit);
    // Applies the per-record results of one answered batch. Ids not in the outbox are
    // ignored (another round may have settled them).
    void apply(const QList<RecordResult> &results);
    void noteFailure(const QString &code);
    void noteSuccess();
    SyncSnapshot snapshot();
    qint64 newestSequence(); // grows with every new record: a cheap "anything new?"

    struct AsideRecord
    {
        QString id;
        QString kind;
        QString result;
        QString reason;
    };
    QList<AsideRecord> setAside();

private:
    void noteSuccessNow();
    Database &m_database;
};

} // namespace relais
