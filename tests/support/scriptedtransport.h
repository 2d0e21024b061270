// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "sync/synctransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace relais::test {

// A network that answers what the test says, and remembers what it was sent.
class ScriptedTransport : public SyncTransport
{
public:
    std::function<TransportReply(const QJsonObject &batch)> answer;
    QList<QJsonObject> sent;

    TransportReply post(const QString &, const QByteArray &json) override
    {
        sent << QJsonDocument::fromJson(json).object();
        return answer(sent.last());
    }

    // The observatory's answer giving every record of the batch `result`.
    static TransportReply allAre(const QJsonObject &batch, const QString &result)
    {
        QJsonArray results;
        for (const QJsonValue &record : batch.value(QStringLiteral("records")).toArray())
            results.append(QJsonObject{{QStringLiteral("id"), record[QStringLiteral("id")]},
                                       {QStringLiteral("result"), result}});
        return {200,
                QJsonDocument(
                    QJsonObject{{QStringLiteral("api"), 1}, {QStringLiteral("results"), results}})
                    .toJson(QJsonDocument::Compact),
                TransportReply::Failure::None,
                {}};
    }
};

} // namespace relais::test
