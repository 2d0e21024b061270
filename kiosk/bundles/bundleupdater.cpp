// SPDX-License-Identifier: EUPL-1.2
#include "bundleupdater.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace relais {

BundleUpdater::BundleUpdater(KioskIdentity identity, BundleStore::Validator validator,
                             std::shared_ptr<HttpsTransport> transport, Clock clock,
                             QObject *parent)
    : QObject(parent), m_identity(identity),
      m_store(QFileInfo(identity.directory()).path(), identity, std::move(validator)),
      m_transport(std::move(transport)), m_clock(std::move(clock))
{
    m_worker.setMaxThreadCount(1);
    connect(&m_timer, &QTimer::timeout, this, &BundleUpdater::fetchNow);
}

BundleUpdater::~BundleUpdater()
{
    m_worker.waitForDone();
}

void BundleUpdater::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void BundleUpdater::waitForIdle()
{
    m_worker.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

void BundleUpdater::fetchNow()
{
    const auto credentials = m_identity.load();
    if (m_busy || !credentials)
        return;
    m_busy = true;
    HttpsRequest request;
    request.url = credentials->observatoryUrl + QStringLiteral("/v1/bundle");
    request.trustedCaPem = m_identity.trustedCaPem();
    request.clientCertPem = credentials->certPem;
    request.clientKeyPem = credentials->keyPem;
    // The store is touched on the worker only while the interface thread waits for the
    // result; its files are replaced atomically, so a reader never sees half of one.
    const QString site = credentials->deviceId.section(u'/', 0, 0);
    m_worker.start([this, request, site, transport = m_transport, now = m_clock()] {
        const HttpsResponse response = transport->perform(request);
        BundleStatus status;
        if (response.failure != HttpsResponse::Failure::None) {
            status =
                m_store.recordFailure(response.failure == HttpsResponse::Failure::UntrustedServer
                                          ? QStringLiteral("untrusted_server")
                                          : QStringLiteral("unreachable"),
                                      response.detail, now);
        } else if (response.status != 200) {
            const QString error = QJsonDocument::fromJson(response.body)
                                      .object()
                                      .value(QStringLiteral("error"))
                                      .toString();
            status = m_store.recordFailure(
                response.status == 404 ? QStringLiteral("no_bundle") : QStringLiteral("refused"),
                QStringLiteral("HTTP %1 %2").arg(response.status).arg(error), now);
        } else {
            status = m_store.offer(response.body, now, site);
        }
        QMetaObject::invokeMethod(
            this,
            [this, status] {
                m_busy = false;
                emit checked(status);
            },
            Qt::QueuedConnection);
    });
}

} // namespace relais
