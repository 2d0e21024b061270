// SPDX-License-Identifier: EUPL-1.2
#include "calloutcomesapi.h"

#include "callwrapup.h"
#include "jsonfields.h"
#include "records.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace relais::observatory {

namespace {

// The first day an outcome may name: older is a hub's clock gone wrong, not a call.
const QDate kFirstDay(2020, 1, 1);

net::HttpResponse unauthorized(bool presented)
{
    net::HttpResponse response = net::HttpResponse::error(
        401, presented ? QStringLiteral("invalid_token") : QStringLiteral("token_required"),
        presented ? QStringLiteral("this token is not one of the configuration's \"hubs\"")
                  : QStringLiteral("send the hub's token as 'Authorization: Bearer …'"));
    response.addHeader("WWW-Authenticate", "Bearer realm=\"relais-observatory\"");
    return response;
}

QJsonObject result(const QString &id, const QString &status, const QString &error = {})
{
    QJsonObject object{{QStringLiteral("id"), id}, {QStringLiteral("status"), status}};
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}

} // namespace

QString CallOutcomesApi::refusal(const QJsonObject &outcome) const
{
    const QString agency = outcome.value(QStringLiteral("agency")).toString();
    if (agency.size() > 64 || !json::isIdentifier(agency))
        return QStringLiteral("\"agency\" must be lowercase letters, digits and '-'");
    const QString site = outcome.value(QStringLiteral("site")).toString();
    if (site.size() > 64 ||
        !m_store.scalar(QStringLiteral("SELECT 1 FROM sites WHERE id = ?"), {site}).isValid())
        return QStringLiteral("\"site\" is not a site of this observatory");
    const QDate day =
        QDate::fromString(outcome.value(QStringLiteral("day")).toString(), Qt::ISODate);
    if (!day.isValid())
        return QStringLiteral("\"day\" must be a date, YYYY-MM-DD");
    if (day < kFirstDay || day > m_clock().toUTC().date().addDays(1))
        return QStringLiteral("\"day\" is not a day a call can have ended");
    if (!wrapup::isOutcome(outcome.value(QStringLiteral("outcome")).toString()))
        return QStringLiteral("\"outcome\" is not one of the wrap-up outcomes");
    return {};
}

net::HttpResponse CallOutcomesApi::post(const net::HttpRequest &request)
{
    bool presented = false;
    const QByteArray token = request.bearerToken(&presented);
    const HubEntry *hub = token.isEmpty() ? nullptr : hubForToken(m_config, token);
    if (!hub)
        return unauthorized(presented);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonArray outcomes = document.object().value(QStringLiteral("outcomes")).toArray();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        !document.object().value(QStringLiteral("outcomes")).isArray())
        return net::HttpResponse::error(400, QStringLiteral("bad_request"),
                                        QStringLiteral("expected {\"outcomes\": [...]}"));
    if (outcomes.isEmpty() || outcomes.size() > m_config.maxRecordsPerBatch)
        return net::HttpResponse::error(
            400, QStringLiteral("bad_request"),
            QStringLiteral("send 1 to %1 outcomes at a time").arg(m_config.maxRecordsPerBatch));
    // Every id is checked before anything is written: a result must name what it answers.
    for (const QJsonValue &value : outcomes) {
        const QString id = value.toObject().value(QStringLiteral("id")).toString();
        if (id.size() != 36 || QUuid::fromString(id).isNull())
            return net::HttpResponse::error(400, QStringLiteral("bad_request"),
                                            QStringLiteral("every outcome needs an \"id\" (UUID)"));
    }
    QJsonArray results;
    const QString received = Store::timeText(m_clock());
    m_store.transaction([&] {
        QSqlQuery insert = m_store.prepare(QStringLiteral(
            "INSERT INTO call_wrapups (id, hub, site, agency, day, week, outcome, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
        for (const QJsonValue &value : outcomes) {
            const QJsonObject outcome = value.toObject();
            const QString id = outcome.value(QStringLiteral("id")).toString();
            if (const QString why = refusal(outcome); !why.isEmpty()) {
                results.append(result(id, QStringLiteral("refused"), why));
                continue;
            }
            const QString day = outcome.value(QStringLiteral("day")).toString();
            Store::run(insert, {id, hub->id, outcome.value(QStringLiteral("site")).toString(),
                                outcome.value(QStringLiteral("agency")).toString(), day,
                                isoWeek(QDate::fromString(day, Qt::ISODate)),
                                outcome.value(QStringLiteral("outcome")).toString(), received});
            results.append(result(id, insert.numRowsAffected() > 0 ? QStringLiteral("stored")
                                                                   : QStringLiteral("duplicate")));
        }
    });
    return net::HttpResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("results"), results}}));
}

} // namespace relais::observatory
