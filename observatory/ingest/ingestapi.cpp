// SPDX-License-Identifier: EUPL-1.2
#include "ingestapi.h"

#include "batchparser.h"
#include "devices/deviceauth.h"
#include "jsonfields.h"
#include "observatorymetrics.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

namespace relais::observatory {

net::HttpResponse IngestApi::post(const net::HttpRequest &request)
{
    QElapsedTimer took; // the batch's latency, as the kiosk sees it once it is sent
    took.start();
    const auto who = authenticateDevice(request, m_ca, m_registry);
    if (const auto *refusal = std::get_if<net::HttpResponse>(&who))
        return *refusal;
    const Device device = std::get<Device>(who);
    if (!request.header("content-type").startsWith("application/json"))
        return net::HttpResponse::error(415, QStringLiteral("json_required"),
                                        QStringLiteral("send the batch as application/json"));
    QList<IncomingRecord> records;
    try {
        records = parseBatch(request.body, m_maxRecords);
    } catch (const json::FieldError &e) {
        const QString where = e.field.isEmpty() ? QStringLiteral("the body") : e.field;
        return net::HttpResponse::json(
            400, QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("malformed")},
                                           {QStringLiteral("field"), where},
                                           {QStringLiteral("message"), where + u' ' + e.problem}}));
    }
    const QList<RecordResult> results =
        m_writer.write(device.deviceId, device.site, records, m_clock());
    m_metrics.batchTook(double(took.nsecsElapsed()) / 1e9);
    QJsonArray out;
    for (const RecordResult &result : results) {
        m_metrics.recordIngested(outcomeName(result.outcome));
        QJsonObject item{{QStringLiteral("id"), result.id},
                         {QStringLiteral("result"), outcomeName(result.outcome)}};
        if (!result.reason.isEmpty())
            item.insert(QStringLiteral("reason"), result.reason);
        if (!result.detail.isEmpty())
            item.insert(QStringLiteral("detail"), result.detail);
        out.append(item);
    }
    return net::HttpResponse::json(200,
                                   QJsonDocument(QJsonObject{{QStringLiteral("api"), kApiVersion},
                                                             {QStringLiteral("results"), out}}));
}

} // namespace relais::observatory
