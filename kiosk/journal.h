// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace relais {

struct JournalEvent
{
    QString id; // UUIDv4, made once here and never changed
    QString type;
    QString siteId;
    QString bootId;
    qint64 monotonicMs = 0;
    QString wallUtc; // ISO 8601, UTC, milliseconds
    QJsonObject payload;
};

// The append-only journal of anonymous events. Each append is one durable transaction, which
// also queues the event in the outbox for the observatory.
class Journal
{
public:
    Journal(Database &database, QString siteId);

    // Throws DatabaseError when the store refuses the write; the event is then not recorded.
    JournalEvent append(const QString &type, const QJsonObject &payload = {});
    QList<JournalEvent> events(qsizetype limit = -1) const;
    qint64 count() const;
    Database &database() const { return m_database; }
    const QString &siteId() const { return m_siteId; }

private:
    Database &m_database;
    QString m_siteId;
};

} // namespace relais
