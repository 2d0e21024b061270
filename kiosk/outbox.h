// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace relais {

// A record waiting for the observatory: its id is made once, at creation, and the record is
// never edited; the sync (a later piece) removes it once the observatory acknowledges it.
struct OutboxRecord
{
    QString id;
    QString kind; // survey_response, weekly_report, kiosk_counts, journal_event
    QString site;
    QString createdAt; // ISO 8601, UTC
    QJsonObject body;
};

namespace outbox {

// Adds the record; call it inside the transaction that writes what the record describes, so
// that both are stored or neither is.
void enqueue(Database &database, const OutboxRecord &record);
QList<OutboxRecord> pending(Database &database, const QString &kind = QString());
bool contains(Database &database, const QString &id);

} // namespace outbox

// A new random UUID, without braces.
QString newRecordId();
// Now, as ISO 8601 UTC with milliseconds.
QString utcTimestamp();

} // namespace relais
