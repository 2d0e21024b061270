// SPDX-License-Identifier: EUPL-1.2
#include "syncworker.h"

#include "database.h"
#include "devicescan.h"
#include "heartbeat.h"
#include "processstats.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace relais {

SyncWorker::SyncWorker(SyncSettings settings, TransportFactory factory)
    : m_settings(std::move(settings)), m_factory(std::move(factory)), m_backoff(m_settings.backoff)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        m_waiting = false;
        run();
    });
    m_poll.setInterval(m_settings.pollMs);
    connect(&m_poll, &QTimer::timeout, this, &SyncWorker::poll);
    m_heartbeat.setInterval(m_settings.heartbeatS * 1000);
    connect(&m_heartbeat, &QTimer::timeout, this, &SyncWorker::beat);
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::start()
{
    m_clock.start();
    try {
        m_database = Database::attach(m_settings.storePath);
    } catch (const DatabaseError &error) {
        qCCritical(lcSync) << "the sync cannot open the store:" << error.what();
        return;
    }
    m_ledger = std::make_unique<SyncLedger>(*m_database);
    m_transport = m_factory(m_settings);
    m_engine = std::make_unique<SyncEngine>(*m_ledger, *m_transport, m_settings.batchSize);
    m_engine->setFreeTextQuestions(m_settings.freeTextQuestions);
    m_poll.start();
    m_heartbeat.start();
    publish();
    run();
    QTimer::singleShot(2000, this, &SyncWorker::beat);
}

void SyncWorker::stop()
{
    m_retry.stop();
    m_poll.stop();
    m_heartbeat.stop();
    m_engine.reset();
    m_transport.reset();
    m_ledger.reset();
    m_database.reset();
}

void SyncWorker::nudge()
{
    if (m_engine && !m_waiting && !m_running)
        run();
}

bool SyncWorker::enrolled()
{
    if (m_settings.identity.isComplete())
        return true;
    SyncEngine::Round round;
    round.failure = QLatin1String(syncfailure::notEnrolled);
    round.detail = QStringLiteral("no enrolled identity (identity/kiosk.pem) or no pinned CA");
    m_ledger->noteFailure(round.failure);
    failed(round);
    return false;
}

void SyncWorker::run()
{
    if (!m_engine)
        return;
    try {
        m_seenSequence = m_ledger->newestSequence();
        if (m_ledger->snapshot().pending == 0) {
            m_running = false;
            publish();
            return;
        }
        if (!enrolled())
            return;
        const SyncEngine::Round round = m_engine->sendBatch();
        if (!round.failure.isEmpty()) {
            failed(round);
            return;
        }
        m_backoff.succeeded();
        publish();
        if (round.sent == 0) {
            m_running = false;
            return;
        }
        // Back to the event loop between batches, so that a stop is never kept waiting.
        m_running = true;
        QMetaObject::invokeMethod(this, &SyncWorker::run, Qt::QueuedConnection);
    } catch (const DatabaseError &error) {
        qCCritical(lcSync) << "the sync could not use the store:" << error.what();
        m_running = false;
        SyncEngine::Round round;
        round.failure = QStringLiteral("store");
        failed(round);
    }
}

void SyncWorker::failed(const SyncEngine::Round &round)
{
    m_running = false;
    m_waiting = true;
    const qint64 now = m_clock.elapsed();
    const qint64 at = m_backoff.failed(now);
    qCInfo(lcSync).noquote() << "observatory not reached:" << round.failure << round.detail
                             << "- next try in" << (at - now) / 1000 << "s";
    m_retry.start(static_cast<int>(at - now));
    publish();
}

void SyncWorker::beat()
{
    if (!m_engine || m_running || !m_settings.identity.isComplete())
        return;
    try {
        HeartbeatFacts facts;
        facts.appVersion = QStringLiteral(RELAIS_VERSION);
        facts.uptimeS = millisecondsSinceProcessStart() / 1000;
        facts.sync = m_ledger->snapshot();
        facts.readMachine(m_settings.dataDirectory);
        facts.bundle = m_bundleStatus;
        facts.printer = m_printer;
        facts.scanner = m_scanner;
        if (m_settings.scanDevices) {
            const DeviceScan devices = DeviceScan::now();
            facts.camera = devices.camera;
            facts.microphone = devices.microphone;
        }
        const SyncEngine::Round round = m_engine->sendHeartbeat(m_settings.site, facts.body());
        if (!round.failure.isEmpty()) {
            m_ledger->noteFailure(round.failure);
            qCInfo(lcSync).noquote() << "heartbeat not delivered:" << round.failure << round.detail;
            publish();
            return;
        }
        m_lastHeartbeatAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        publish();
        if (m_waiting) {
            // The observatory answers again: no reason to wait out the backoff.
            m_retry.stop();
            m_waiting = false;
            m_backoff.succeeded();
            run();
        }
    } catch (const DatabaseError &error) {
        qCCritical(lcSync) << "the heartbeat could not read the store:" << error.what();
    }
}

void SyncWorker::poll()
{
    if (!m_engine || m_waiting || m_running)
        return;
    try {
        if (m_ledger->newestSequence() != m_seenSequence)
            run();
    } catch (const DatabaseError &error) {
        qCWarning(lcSync) << "the sync could not read the store:" << error.what();
    }
}

void SyncWorker::publish()
{
    try {
        SyncSnapshot snapshot = m_ledger->snapshot();
        snapshot.lastHeartbeatAt = m_lastHeartbeatAt;
        emit snapshotChanged(snapshot);
    } catch (const DatabaseError &error) {
        qCWarning(lcSync) << "the sync could not read the store:" << error.what();
    }
}

} // namespace relais
