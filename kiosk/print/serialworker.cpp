// SPDX-License-Identifier: EUPL-1.2
#include "serialworker.h"

#include <QMetaObject>

namespace relais {

SerialWorker::SerialWorker(const QString &name) : m_name(name) {}

SerialWorker::~SerialWorker()
{
    if (!m_thread.isRunning())
        return;
    // The tasks already queued run first, then the thread ends.
    QMetaObject::invokeMethod(m_context, [context = m_context] {
        delete context;
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

void SerialWorker::start()
{
    if (m_context)
        return;
    m_thread.setObjectName(m_name);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

void SerialWorker::post(std::function<void()> task)
{
    start();
    QMetaObject::invokeMethod(m_context, std::move(task), Qt::QueuedConnection);
}

void SerialWorker::runAndWait(std::function<void()> task)
{
    if (QThread::currentThread() == &m_thread) {
        task();
        return;
    }
    start();
    QMetaObject::invokeMethod(m_context, std::move(task), Qt::BlockingQueuedConnection);
}

} // namespace relais
