// SPDX-License-Identifier: EUPL-1.2
#include "syncservice.h"

#include "identity/curltransport.h"
#include "observatorytransport.h"
#include "syncstatus.h"

namespace relais {

SyncService::SyncService(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<relais::SyncSnapshot>();
    m_thread.setObjectName(QStringLiteral("relais-sync"));
    connect(this, &SyncService::changed, this, &SyncService::wordsChanged);
}

SyncService::~SyncService()
{
    stop();
}

void SyncService::start(SyncSettings settings, SyncWorker::TransportFactory factory)
{
    if (m_worker)
        return;
    if (!factory)
        factory = [](const SyncSettings &s) -> std::unique_ptr<SyncTransport> {
            return std::make_unique<ObservatoryTransport>(std::make_shared<CurlTransport>(),
                                                          s.identity, s.timeouts);
        };
    m_worker = new SyncWorker(std::move(settings), std::move(factory));
    m_worker->setBundleStatus(m_bundleStatus);
    m_worker->setPeripherals(m_printer, m_scanner);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, &SyncWorker::start);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::snapshotChanged, this, &SyncService::show);
    m_enabled = true;
    m_thread.start(QThread::LowPriority);
    emit changed();
}

void SyncService::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, &SyncWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

void SyncService::setBundleStatus(const QJsonObject &status)
{
    m_bundleStatus = status;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, status] { worker->setBundleStatus(status); });
}

void SyncService::setPeripherals(const QString &printer, const QString &scanner)
{
    m_printer = printer;
    m_scanner = scanner;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, printer, scanner] {
            worker->setPeripherals(printer, scanner);
        });
}

void SyncService::recordsAdded()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::nudge, Qt::QueuedConnection);
}

void SyncService::show(const SyncSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_known = true;
    m_enabled = true;
    emit changed();
}

QString SyncService::summary() const
{
    if (!m_known)
        return {};
    return SyncStatusText::summary(m_snapshot, QDateTime::currentDateTime());
}

QString SyncService::failure() const
{
    return SyncStatusText::failure(m_snapshot);
}

QString SyncService::setAside() const
{
    return SyncStatusText::setAside(m_snapshot);
}

} // namespace relais
