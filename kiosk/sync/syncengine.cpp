// SPDX-License-Identifier: EUPL-1.2
#include "syncengine.h"

#include "apirecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcSync, "relais.sync", QtInfoMsg)

namespace relais {

std::optional<QList<RecordResult>> parseBatchAnswer(const QByteArray &body, const QStringList &ids)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonValue results = document.object().value(QStringLiteral("results"));
    if (!results.isArray() || results.toArray().size() != ids.size())
        return std::nullopt;
    static const QHash<QString, RecordResult::Kind> kinds = {
        {QStringLiteral("stored"), RecordResult::Kind::Stored},
        {QStringLiteral("already_stored"), RecordResult::Kind::AlreadyStored},
        {QStringLiteral("conflict"), RecordResult::Kind::Conflict},
        {QStringLiteral("rejected"), RecordResult::Kind::Rejected}};
    QList<RecordResult> parsed;
    const QJsonArray array = results.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QString id = o.value(QStringLiteral("id")).toString();
        const QString result = o.value(QStringLiteral("result")).toString();
        if (id != ids.at(i) || !kinds.contains(result))
            return std::nullopt;
        // The reason, and what exactly when the observatory says (which answer of a survey).
        const QString reason = o.value(QStringLiteral("reason")).toString();
        const QString detail = o.value(QStringLiteral("detail")).toString();
        parsed.append({id, kinds.value(result),
                       detail.isEmpty() ? reason : reason + QStringLiteral(": ") + detail});
    }
    return parsed;
}

SyncEngine::SyncEngine(SyncLedger &ledger, SyncTransport &transport, int batchSize)
    : m_ledger(ledger), m_transport(transport), m_batchSize(batchSize)
{}

SyncEngine::Round SyncEngine::sendBatch()
{
    const QList<OutboxRecord> batch = m_ledger.nextBatch(m_batchSize);
    if (batch.isEmpty())
        return {};
    QList<QJsonObject> records;
    QStringList ids;
    for (const OutboxRecord &record : batch) {
        records.append(apiRecord(record, m_freeText));
        ids.append(records.last().value(QStringLiteral("id")).toString());
    }
    Round round = exchange(records, ids);
    if (round.failure.isEmpty())
        return round;
    m_ledger.noteFailure(round.failure);
    return round;
}

SyncEngine::Round SyncEngine::sendHeartbeat(const QString &site, const QJsonObject &body)
{
    const QString id = newRecordId();
    const QJsonObject record =
        apiRecord({id, QStringLiteral("heartbeat"), site, utcTimestamp(), body}, m_freeText);
    Round round = exchange({record}, {id});
    if (round.failure.isEmpty())
        m_ledger.noteSuccess();
    return round;
}

SyncEngine::Round SyncEngine::exchange(const QList<QJsonObject> &records, const QStringList &ids)
{
    Round round;
    round.sent = static_cast<int>(records.size());
    QJsonArray array;
    for (const QJsonObject &record : records)
        array.append(record);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("api"), 1}, {QStringLiteral("records"), array}})
            .toJson(QJsonDocument::Compact);
    const TransportReply reply = m_transport.post(QStringLiteral("/v1/records"), body);
    round.detail = reply.detail;
    switch (reply.failure) {
    case TransportReply::Failure::None:
        break;
    case TransportReply::Failure::Timeout:
        round.failure = QLatin1String(syncfailure::timeout);
        return round;
    case TransportReply::Failure::TlsRefused:
        round.failure = QLatin1String(syncfailure::tlsRefused);
        return round;
    case TransportReply::Failure::Unreachable:
    case TransportReply::Failure::Cut:
        round.failure = QLatin1String(syncfailure::unreachable);
        return round;
    }
    const QJsonObject error = QJsonDocument::fromJson(reply.body).object();
    round.detail =
        QStringLiteral("HTTP %1 %2").arg(reply.status).arg(QString::fromUtf8(reply.body.left(300)));
    if (reply.status == 200) {
        const auto results = parseBatchAnswer(reply.body, ids);
        if (!results) {
            round.failure = QLatin1String(syncfailure::badAnswer);
            return round;
        }
        for (const RecordResult &result : *results)
            if (result.kind != RecordResult::Kind::Stored &&
                result.kind != RecordResult::Kind::AlreadyStored)
                qCWarning(lcSync) << "record" << result.id << "set aside:"
                                  << (result.kind == RecordResult::Kind::Conflict ? "conflict"
                                                                                  : "rejected")
                                  << result.reason;
        m_ledger.apply(*results);
        round.settled = static_cast<int>(results->size());
        return round;
    }
    if (reply.status == 400 && error.value(QStringLiteral("error")) == QLatin1String("malformed")) {
        // The observatory names the record it could not read: that one is set aside (it would
        // be refused forever), the rest goes in the next round.
        static const QRegularExpression field(QStringLiteral("^records\\[(\\d+)\\]"));
        const auto match = field.match(error.value(QStringLiteral("field")).toString());
        const qsizetype index = match.hasMatch() ? match.captured(1).toLongLong() : -1;
        if (index >= 0 && index < ids.size()) {
            qCWarning(lcSync) << "record" << ids.at(index) << "set aside: malformed,"
                              << error.value(QStringLiteral("message")).toString();
            m_ledger.apply({{ids.at(index), RecordResult::Kind::Malformed,
                             error.value(QStringLiteral("message")).toString()}});
            round.settled = 1;
            return round;
        }
        round.failure = QLatin1String(syncfailure::badAnswer);
        return round;
    }
    if (reply.status == 401)
        round.failure = QLatin1String(syncfailure::certificateRefused);
    else if (reply.status == 403 &&
             error.value(QStringLiteral("error")) == QLatin1String(syncfailure::superseded))
        round.failure = QLatin1String(syncfailure::superseded);
    else if (reply.status == 403)
        round.failure = QLatin1String(syncfailure::revoked);
    else if (reply.status >= 500)
        round.failure = QLatin1String(syncfailure::serverError);
    else
        round.failure = QLatin1String(syncfailure::badAnswer);
    return round;
}

} // namespace relais
