// SPDX-License-Identifier: EUPL-1.2
#include "siteweekclient.h"

#include "apicounts.h"
#include "clientidentity.h"
#include "observatorytransport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace relais {

std::optional<SiteWeek> parseSiteWeek(const QByteArray &body, const QString &week,
                                      const QList<GridRow> &rows)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (answer.value(QStringLiteral("week")).toString() != week ||
        !answer.contains(QStringLiteral("desk")))
        return std::nullopt;
    SiteWeek site;
    const QJsonValue desk = answer.value(QStringLiteral("desk"));
    if (desk.isNull())
        return site;
    const QJsonObject version = desk.toObject();
    site.closed = true;
    site.id = version.value(QStringLiteral("id")).toString();
    site.version = version.value(QStringLiteral("version")).toInt();
    site.closedAt = QDateTime::fromString(version.value(QStringLiteral("closed_at")).toString(),
                                          Qt::ISODateWithMs);
    site.kiosk = version.value(QStringLiteral("kiosk")).toString();
    if (site.id.isEmpty() || site.version < 1 || !site.closedAt.isValid())
        return std::nullopt;
    // A report from before kiosk_counts holds its kiosk's own counts: they are not the desk's.
    if (version.value(QStringLiteral("counts")) == QLatin1String("desk"))
        site.desk = gridCounts(version.value(QStringLiteral("rows")).toArray(), rows);
    return site;
}

SiteWeekClient::SiteWeekClient(KioskIdentity identity, std::shared_ptr<HttpsTransport> transport,
                               QList<GridRow> rows, QObject *parent)
    : QObject(parent), m_identity(std::move(identity)), m_transport(std::move(transport)),
      m_rows(std::move(rows))
{
    m_worker.setMaxThreadCount(1);
}

SiteWeekClient::~SiteWeekClient()
{
    m_worker.waitForDone();
}

void SiteWeekClient::waitForIdle()
{
    m_worker.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

void SiteWeekClient::check(IsoWeek week)
{
    const ClientIdentity identity = ClientIdentity::enrolled(m_identity);
    if (!identity.isComplete()) {
        emit checked(week.label(), {SiteWeekCheck::Outcome::NotEnrolled, {}});
        return;
    }
    m_worker.start([this, identity, label = week.label(), transport = m_transport, rows = m_rows] {
        // Short limits: the mediator is waiting in front of the grid.
        ObservatoryTransport observatory(transport, identity, {5, 10, 10});
        const TransportReply reply = observatory.get(QStringLiteral("/v1/weeks/") + label);
        SiteWeekCheck result;
        if (reply.failure == TransportReply::Failure::None && reply.status == 200) {
            if (const auto site = parseSiteWeek(reply.body, label, rows)) {
                result.outcome = SiteWeekCheck::Outcome::Answered;
                result.site = *site;
            }
        }
        if (result.outcome != SiteWeekCheck::Outcome::Answered)
            qCInfo(lcSync).noquote() << "could not ask the observatory about week" << label
                                     << reply.status << reply.detail;
        QMetaObject::invokeMethod(
            this, [this, label, result] { emit checked(label, result); }, Qt::QueuedConnection);
    });
}

} // namespace relais
