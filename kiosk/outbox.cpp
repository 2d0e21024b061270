// SPDX-License-Identifier: EUPL-1.2
#include "outbox.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

namespace relais {

namespace outbox {

void enqueue(Database &database, const OutboxRecord &record)
{
    database.prepare("INSERT INTO outbox (id, kind, site, created_at, body) VALUES (?, ?, ?, ?, ?)")
        .bind(1, record.id)
        .bind(2, record.kind)
        .bind(3, record.site)
        .bind(4, record.createdAt)
        .bind(5, QString::fromUtf8(QJsonDocument(record.body).toJson(QJsonDocument::Compact)))
        .run();
}

QList<OutboxRecord> pending(Database &database, const QString &kind)
{
    Statement query = database.prepare("SELECT id, kind, site, created_at, body FROM outbox "
                                       "WHERE ?1 = '' OR kind = ?1 ORDER BY seq");
    query.bind(1, kind);
    QList<OutboxRecord> records;
    while (query.step())
        records.append({query.text(0), query.text(1), query.text(2), query.text(3),
                        QJsonDocument::fromJson(query.text(4).toUtf8()).object()});
    return records;
}

bool contains(Database &database, const QString &id)
{
    Statement query = database.prepare("SELECT 1 FROM outbox WHERE id = ?");
    query.bind(1, id);
    return query.step();
}

} // namespace outbox

QString newRecordId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString utcTimestamp()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace relais
