// SPDX-License-Identifier: EUPL-1.2
#include "calloutcomeuploader.h"

#include "hublog.h"
#include "hubstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <algorithm>

namespace relais::hub {

CallOutcomeUploader::CallOutcomeUploader(const ObservatoryLink &link, HubStore &store,
                                         QObject *parent)
    : QObject(parent), m_link(link), m_store(store)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &CallOutcomeUploader::send);
}

void CallOutcomeUploader::wake()
{
    if (!m_busy)
        QTimer::singleShot(0, this, &CallOutcomeUploader::send);
}

void CallOutcomeUploader::send()
{
    if (m_busy)
        return;
    m_retry.stop();
    const QList<CallOutcomeRecord> outcomes = m_store.unsentCallOutcomes(kBatch);
    if (outcomes.isEmpty())
        return;
    QJsonArray list;
    QStringList ids;
    for (const CallOutcomeRecord &outcome : outcomes) {
        list.append(QJsonObject{{QStringLiteral("id"), outcome.id},
                                {QStringLiteral("agency"), outcome.agency},
                                {QStringLiteral("site"), outcome.site},
                                {QStringLiteral("day"), outcome.day.toString(Qt::ISODate)},
                                {QStringLiteral("outcome"), outcome.outcome}});
        ids << outcome.id;
    }
    QUrl url = m_link.url;
    url.setPath(QStringLiteral("/v1/call-outcomes"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_link.token);
    request.setTransferTimeout(30000);
    if (!m_link.caPath.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_link.caPath));
        request.setSslConfiguration(tls);
    }
    m_busy = true;
    QNetworkReply *reply =
        m_network.post(request, QJsonDocument(QJsonObject{{QStringLiteral("outcomes"), list}})
                                    .toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, ids] { answered(reply, ids); });
}

void CallOutcomeUploader::answered(QNetworkReply *reply, const QStringList &sent)
{
    reply->deleteLater();
    m_busy = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0)
        return retryLater(reply->errorString());
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    if (status != 200)
        return retryLater(QStringLiteral("HTTP %1: %2")
                              .arg(status)
                              .arg(answer.value(QStringLiteral("message")).toString()));
    // An outcome the observatory refused would be refused again: it is marked too, and said.
    QStringList answeredFor;
    for (const QJsonValue &value : answer.value(QStringLiteral("results")).toArray()) {
        const QJsonObject result = value.toObject();
        const QString id = result.value(QStringLiteral("id")).toString();
        if (!sent.contains(id))
            continue;
        answeredFor << id;
        if (result.value(QStringLiteral("status")).toString() == QLatin1String("refused"))
            qCWarning(lcHubCall).noquote() << "the observatory refused call outcome" << id << ":"
                                           << result.value(QStringLiteral("error")).toString();
    }
    if (answeredFor.isEmpty())
        return retryLater(QStringLiteral("the observatory's answer names none of the outcomes"));
    m_store.markCallOutcomesSent(answeredFor, QDateTime::currentDateTimeUtc());
    m_failures = 0;
    qCInfo(lcHubCall) << "sent" << answeredFor.size() << "call outcomes to the observatory";
    emit exchanged(int(answeredFor.size()), {});
    wake(); // more may be waiting
}

void CallOutcomeUploader::retryLater(const QString &problem)
{
    const int seconds = std::min(kLongestRetryS, kFirstRetryS << std::min(m_failures, 6));
    ++m_failures;
    qCWarning(lcHubCall).noquote() << "call outcomes not sent to the observatory (" << problem
                                   << "); next try in" << seconds << "s";
    m_retry.start(seconds * 1000);
    emit exchanged(0, problem);
}

} // namespace relais::hub
