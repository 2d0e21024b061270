// SPDX-License-Identifier: EUPL-1.2
#include "weekapi.h"

#include "batchparser.h"
#include "devices/deviceauth.h"
#include "siteweeks.h"

#include <QJsonArray>
#include <QJsonObject>

namespace relais::observatory {

net::HttpResponse WeekApi::get(const net::HttpRequest &request) const
{
    const auto who = authenticateDevice(request, m_ca, m_registry);
    if (const auto *refusal = std::get_if<net::HttpResponse>(&who))
        return *refusal;
    const Device device = std::get<Device>(who);
    const QString week = request.path.section(u'/', 3);
    if (!mondayOfIsoWeek(week).isValid())
        return net::HttpResponse::json(
            400, QJsonDocument(
                     QJsonObject{{QStringLiteral("error"), QStringLiteral("malformed")},
                                 {QStringLiteral("field"), QStringLiteral("week")},
                                 {QStringLiteral("message"),
                                  QStringLiteral("week expected an ISO week like 2026-W47")}}));
    QJsonValue desk(QJsonValue::Null);
    if (const auto current = currentDeskVersion(m_store, device.site, week)) {
        QJsonArray rows;
        for (const ReportRow &r : current->rows)
            rows.append(QJsonObject{{QStringLiteral("help"), r.help},
                                    {QStringLiteral("agency"), r.agency},
                                    {QStringLiteral("day"), r.day},
                                    {QStringLiteral("count"), r.count}});
        const QDateTime closedAt = QDateTime::fromString(current->closedAt, Qt::ISODateWithMs);
        desk = QJsonObject{{QStringLiteral("id"), current->recordId},
                           {QStringLiteral("version"), current->version},
                           {QStringLiteral("replaces"), current->replaces.isEmpty()
                                                            ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(current->replaces)},
                           {QStringLiteral("closed_at"),
                            closedAt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))},
                           {QStringLiteral("kiosk"), current->deviceId.section(u'/', 1)},
                           {QStringLiteral("counts"), current->includesDevice.isEmpty()
                                                          ? QStringLiteral("desk")
                                                          : QStringLiteral("kiosk_and_desk")},
                           {QStringLiteral("rows"), rows}};
    }
    return net::HttpResponse::json(200,
                                   QJsonDocument(QJsonObject{{QStringLiteral("api"), kApiVersion},
                                                             {QStringLiteral("week"), week},
                                                             {QStringLiteral("desk"), desk}}));
}

} // namespace relais::observatory
