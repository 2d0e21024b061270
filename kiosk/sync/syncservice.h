// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "syncledger.h"
#include "syncsettings.h"
#include "syncworker.h"

#include <QObject>
#include <QQmlEngine>
#include <QThread>

namespace relais {

// The sync as the interface sees it: the worker runs on its own thread, and this object (on
// the interface's thread) holds the last state it reported, in plain words for the mediator.
class SyncService : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk owns its sync")
    Q_PROPERTY(bool enabled READ enabled NOTIFY changed)
    Q_PROPERTY(bool allSent READ allSent NOTIFY changed)
    Q_PROPERTY(int pending READ pending NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY wordsChanged)
    Q_PROPERTY(QString failure READ failure NOTIFY wordsChanged)
    Q_PROPERTY(QString setAside READ setAside NOTIFY wordsChanged)
public:
    explicit SyncService(QObject *parent = nullptr);
    ~SyncService() override;

    // Starts the worker thread; `factory` defaults to libcurl (tests give another network).
    void start(SyncSettings settings, SyncWorker::TransportFactory factory = {});
    void stop();
    // Records were added to the outbox: the sync looks at once instead of at its next poll.
    void recordsAdded();
    // Carried by the heartbeats from now on, across restarts of the sync.
    void setBundleStatus(const QJsonObject &status);
    // The printer's and the scanner's state for the heartbeat ("ok", "missing", "error" or
    // "unknown"), from whoever owns them (the print desk checks them on its own threads).
    void setPeripherals(const QString &printer, const QString &scanner);
    // Shows a given state (the screenshot tour uses it; the worker's reports replace it).
    void show(const SyncSnapshot &snapshot);

    bool enabled() const { return m_enabled; }
    bool allSent() const { return m_known && m_snapshot.pending == 0; }
    int pending() const { return static_cast<int>(m_snapshot.pending); }
    QString summary() const;
    QString failure() const;
    QString setAside() const;
    const SyncSnapshot &snapshot() const { return m_snapshot; }
    // The kiosk's language changed: the sentences above are said again in it.
    void retranslate() { emit wordsChanged(); }

signals:
    void changed();
    // The sentences changed: with the state, or with the language.
    void wordsChanged();

private:
    QThread m_thread;
    QJsonObject m_bundleStatus;
    QString m_printer = QStringLiteral("unknown");
    QString m_scanner = QStringLiteral("unknown");
    SyncWorker *m_worker = nullptr;
    SyncSnapshot m_snapshot;
    bool m_enabled = false;
    bool m_known = false;
};

} // namespace relais
