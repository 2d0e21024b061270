// SPDX-License-Identifier: EUPL-1.2
#include "enrollmentcontroller.h"

#include <QCoreApplication>
#include <QLocale>

namespace relais {

EnrollmentController::EnrollmentController(KioskIdentity identity,
                                           std::shared_ptr<HttpsTransport> transport, Clock clock,
                                           QObject *parent)
    : QObject(parent), m_identity(std::move(identity)), m_transport(std::move(transport)),
      m_clock(std::move(clock)), m_credentials(m_identity.load())
{
    m_worker.setMaxThreadCount(1);
    m_renewal.setInterval(60 * 60 * 1000);
    connect(&m_renewal, &QTimer::timeout, this, &EnrollmentController::renewIfDue);
    m_renewal.start();
}

EnrollmentController::~EnrollmentController()
{
    // The exchange's result is posted to this object: let it end before the object does.
    m_worker.waitForDone();
}

bool EnrollmentController::expired() const
{
    return m_credentials && m_credentials->expired(m_clock());
}

QString EnrollmentController::observatory() const
{
    return m_credentials ? m_credentials->observatoryUrl : QString();
}

QDate EnrollmentController::certificateEnd() const
{
    return m_credentials ? m_credentials->notAfter.toLocalTime().date() : QDate();
}

QString EnrollmentController::certificateEndText(const QString &language) const
{
    const QDate end = certificateEnd();
    return end.isValid() ? QLocale(language).toString(end, QStringLiteral("d MMMM yyyy"))
                         : QString();
}

void EnrollmentController::enroll(const QString &address, const QString &token)
{
    if (m_busy)
        return;
    run([address, token](EnrollmentClient &client) { return client.enroll(address, token); });
}

void EnrollmentController::clearResult()
{
    m_result.clear();
    emit stateChanged();
}

void EnrollmentController::renewIfDue()
{
    const QDateTime now = m_clock();
    if (m_busy || !m_credentials || m_credentials->expired(now) ||
        now < m_credentials->renewalDue())
        return;
    run([now](EnrollmentClient &client) { return client.renew(now); });
}

void EnrollmentController::waitForIdle()
{
    m_worker.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

void EnrollmentController::showResultForReview(const QString &result)
{
    m_result = result;
    emit stateChanged();
}

void EnrollmentController::run(std::function<EnrollmentClient::Result(EnrollmentClient &)> exchange)
{
    m_busy = true;
    m_result.clear();
    emit stateChanged();
    m_worker.start(
        [this, exchange = std::move(exchange), identity = m_identity, transport = m_transport] {
            EnrollmentClient client(identity, *transport);
            const EnrollmentClient::Result result = exchange(client);
            QMetaObject::invokeMethod(
                this, [this, result] { finish(result); }, Qt::QueuedConnection);
        });
}

void EnrollmentController::finish(const EnrollmentClient::Result &result)
{
    m_busy = false;
    m_result = EnrollmentClient::code(result.outcome);
    const bool changed = result.outcome == EnrollmentClient::Outcome::Enrolled ||
                         result.outcome == EnrollmentClient::Outcome::Renewed;
    m_credentials = m_identity.load();
    emit stateChanged();
    if (changed)
        emit credentialsChanged();
}

} // namespace relais
