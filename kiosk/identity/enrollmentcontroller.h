// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "enrollmentclient.h"
#include "httpstransport.h"
#include "kioskidentity.h"

#include <QDateTime>
#include <QObject>
#include <QQmlEngine>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace relais {

// Mediator mode's "Inscrire cette borne", and the renewal that follows on its own: the
// exchanges with the observatory run on a worker thread, the screen sees the state and the
// outcome of the last attempt as a code it words in plain French.
class EnrollmentController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk owns its enrollment: use Kiosk.enrollment")

    Q_PROPERTY(bool enrolled READ enrolled NOTIFY stateChanged)
    Q_PROPERTY(bool expired READ expired NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(QString result READ result NOTIFY stateChanged)
    Q_PROPERTY(QString deviceId READ deviceId NOTIFY stateChanged)
    Q_PROPERTY(QString observatory READ observatory NOTIFY stateChanged)

public:
    using Clock = std::function<QDateTime()>;

    EnrollmentController(KioskIdentity identity, std::shared_ptr<HttpsTransport> transport,
                         Clock clock, QObject *parent = nullptr);
    ~EnrollmentController() override;

    bool enrolled() const { return m_credentials.has_value(); }
    bool expired() const;
    bool busy() const { return m_busy; }
    // The code of the last attempt (EnrollmentClient::code), empty before any.
    QString result() const { return m_result; }
    QString deviceId() const { return m_credentials ? m_credentials->deviceId : QString(); }
    QString observatory() const;
    QDate certificateEnd() const;
    // "1 mars 2027" in the given language, empty when not enrolled.
    Q_INVOKABLE QString certificateEndText(const QString &language) const;
    // The credentials in use (the hub's mutual TLS takes them from here); null: not enrolled.
    const std::optional<KioskIdentity::Credentials> &credentials() const { return m_credentials; }

    Q_INVOKABLE void enroll(const QString &address, const QString &token);
    Q_INVOKABLE void clearResult();
    // Renews with a new key when two thirds of the certificate's life have passed; the timer
    // calls it every hour.
    void renewIfDue();
    // Blocks until the exchange in progress has finished (tests, shutdown).
    void waitForIdle();
    // Shows an outcome without any exchange, for the screenshot tour only.
    void showResultForReview(const QString &result);

signals:
    void stateChanged();
    // New credentials are on disk: whoever holds a connection with the old ones reconnects.
    void credentialsChanged();

private:
    void run(std::function<EnrollmentClient::Result(EnrollmentClient &)> exchange);
    void finish(const EnrollmentClient::Result &result);

    KioskIdentity m_identity;
    std::shared_ptr<HttpsTransport> m_transport;
    Clock m_clock;
    std::optional<KioskIdentity::Credentials> m_credentials;
    bool m_busy = false;
    QString m_result;
    QTimer m_renewal;
    QThreadPool m_worker;
};

} // namespace relais
