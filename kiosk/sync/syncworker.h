// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "backoff.h"
#include "syncengine.h"
#include "syncsettings.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace relais {

class Database;

// The sync's loop, on a thread of its own so that the interface never waits for the network:
// batches until the outbox is empty, then a cheap look for new records every `pollMs`; after
// a failure, a retry on the backoff's schedule; a heartbeat every `heartbeatS`, which is also
// how the kiosk learns that the observatory answers again (and then retries at once).
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    using TransportFactory = std::function<std::unique_ptr<SyncTransport>(const SyncSettings &)>;

    SyncWorker(SyncSettings settings, TransportFactory factory);
    ~SyncWorker() override;

public slots:
    void start();
    void stop();
    void nudge(); // records were added: send them now unless waiting out a failure
    // What the next heartbeats say of the last configuration bundle (BundleStatus::toJson()).
    void setBundleStatus(const QJsonObject &status) { m_bundleStatus = status; }
    void setPeripherals(const QString &printer, const QString &scanner)
    {
        m_printer = printer;
        m_scanner = scanner;
    }

signals:
    void snapshotChanged(const relais::SyncSnapshot &snapshot);

private:
    QJsonObject m_bundleStatus;
    QString m_printer = QStringLiteral("unknown");
    QString m_scanner = QStringLiteral("unknown");
    QString m_lastHeartbeatAt;
    void run();
    void failed(const SyncEngine::Round &round);
    void beat();
    void poll();
    void publish();
    bool enrolled();

    SyncSettings m_settings;
    TransportFactory m_factory;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SyncLedger> m_ledger;
    std::unique_ptr<SyncTransport> m_transport;
    std::unique_ptr<SyncEngine> m_engine;
    Backoff m_backoff;
    // Children, so that they move to the sync's thread with the worker.
    QTimer m_retry{this};
    QTimer m_poll{this};
    QTimer m_heartbeat{this};
    QElapsedTimer m_clock;
    qint64 m_seenSequence = -1;
    bool m_waiting = false; // a failure's retry is pending
    bool m_running = false; // a run of batches is under way
};

} // namespace relais
