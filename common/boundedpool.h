// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace relais {

// Work that must not run on the event loop (a password hash), on a few threads of its own,
// with a bounded queue: when `capacity` jobs are queued or running, submit() refuses at once
// so that the caller can answer "busy" instead of letting the queue, and everyone's wait,
// grow without bound. Its threads run at idle priority (SCHED_IDLE on Linux): a server's event
// loop (a kiosk's call being set up, a batch being stored) always goes before a hash, so a flood
// of logins costs the others nothing but otherwise idle CPU.
class BoundedPool
{
public:
    BoundedPool(int threads, int capacity) : m_capacity(capacity)
    {
        m_pool.setMaxThreadCount(threads);
        m_pool.setThreadPriority(QThread::IdlePriority);
    }
    ~BoundedPool() { m_pool.waitForDone(); }
    BoundedPool(const BoundedPool &) = delete;
    BoundedPool &operator=(const BoundedPool &) = delete;

    // Runs `work` on a worker, then `done` with its result on `context`'s thread (never when
    // `context` is gone). False, and nothing run, when the pool is full.
    template<typename T>
    bool submit(QObject *context, std::function<T()> work, std::function<void(T)> done)
    {
        if (m_inFlight.fetch_add(1) >= m_capacity) {
            m_inFlight.fetch_sub(1);
            return false;
        }
        m_pool.start([this, context = QPointer<QObject>(context), work = std::move(work),
                      done = std::move(done)]() mutable {
            T result = work();
            m_inFlight.fetch_sub(1);
            if (context)
                QMetaObject::invokeMethod(
                    context.data(),
                    [context, result = std::move(result), done = std::move(done)] {
                        if (context)
                            done(result);
                    },
                    Qt::QueuedConnection);
        });
        return true;
    }

    int inFlight() const { return m_inFlight.load(); }
    int capacity() const { return m_capacity; }

private:
    QThreadPool m_pool;
    const int m_capacity;
    std::atomic<int> m_inFlight{0};
};

} // namespace relais
