// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "bundlestore.h"
#include "identity/httpstransport.h"
#include "identity/kioskidentity.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace relais {

// Fetches the kiosk's signed configuration bundle from the observatory (GET /v1/bundle, mutual
// TLS) every hour on a worker thread and offers it to the BundleStore, which keeps the last
// good one and records any refusal for the heartbeat.
class BundleUpdater : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    BundleUpdater(KioskIdentity identity, BundleStore::Validator validator,
                  std::shared_ptr<HttpsTransport> transport, Clock clock,
                  QObject *parent = nullptr);
    ~BundleUpdater() override;

    // The check as the timer runs it; does nothing while one is in progress or the kiosk is
    // not enrolled.
    void fetchNow();
    void waitForIdle();
    void start(int intervalMs = 60 * 60 * 1000);
    BundleStatus lastStatus() const { return m_store.lastStatus(); }
    const BundleStore &store() const { return m_store; }

signals:
    void checked(const relais::BundleStatus &status);

private:
    KioskIdentity m_identity;
    BundleStore m_store;
    std::shared_ptr<HttpsTransport> m_transport;
    Clock m_clock;
    bool m_busy = false;
    QTimer m_timer;
    QThreadPool m_worker;
};

} // namespace relais
