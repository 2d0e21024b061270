// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace relais {

// Runs tasks one after the other on a thread of its own, started at the first task: device
// libraries (libcups, SANE) block for seconds, and SANE must only ever be called from one
// thread. Destroying the worker runs the tasks already queued, then stops the thread.
class SerialWorker
{
public:
    explicit SerialWorker(const QString &name);
    ~SerialWorker();
    SerialWorker(const SerialWorker &) = delete;
    SerialWorker &operator=(const SerialWorker &) = delete;

    void post(std::function<void()> task);
    // Runs `task` on the worker's thread and returns once it has run (teardown of what lives
    // there).
    void runAndWait(std::function<void()> task);

private:
    void start();

    QString m_name;
    QThread m_thread;
    QObject *m_context = nullptr;
};

} // namespace relais
