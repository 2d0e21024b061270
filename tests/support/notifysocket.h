// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtDebug>
#include <QTemporaryDir>

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

namespace relais::test {

// What systemd gives a Type=notify service, played by the test: a Unix datagram socket named
// in NOTIFY_SOCKET, a watchdog period in WATCHDOG_USEC, and, for the journal's levels, a
// standard error file named in JOURNAL_STREAM. A thread of its own reads the notifications as
// they come, as systemd does: a datagram socket holds only a few unread (net.unix.max_dgram_qlen,
// 10), after which the service's next notification blocks it, and the test would see a server
// frozen by its own watchdog pings while it waited for something else.
class NotifySocket
{
public:
    NotifySocket()
    {
        m_path = m_dir.filePath(QStringLiteral("notify"));
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, m_path.toLocal8Bit().constData(),
                     sizeof address.sun_path - 1);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            qFatal("cannot bind the notify socket %s", qPrintable(m_path));
        m_reader = std::thread([this] { read(); });
    }
    ~NotifySocket()
    {
        m_stop = true;
        m_reader.join();
        ::close(m_fd);
    }
    NotifySocket(const NotifySocket &) = delete;
    NotifySocket &operator=(const NotifySocket &) = delete;

    // The service's environment: notifications here, the watchdog every `watchdogUsec`.
    QProcessEnvironment environment(quint64 watchdogUsec) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NOTIFY_SOCKET"), m_path);
        environment.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(watchdogUsec));
        return environment;
    }

    // JOURNAL_STREAM for a process whose standard error is `file` (it must exist).
    static QString journalStream(const QString &file)
    {
        struct stat status
        {
        };
        if (::stat(file.toLocal8Bit().constData(), &status) != 0)
            return {};
        return QStringLiteral("%1:%2").arg(quint64(status.st_dev)).arg(quint64(status.st_ino));
    }

    // Every notification received so far, one per datagram ("READY=1", "WATCHDOG=1", …).
    QStringList received() const
    {
        const std::lock_guard lock(m_mutex);
        return m_received;
    }

    // Waits until a notification equal to `message` (a first line such as "READY=1") has come
    // after the `after`-th one; its index, or -1 after `timeoutMs`.
    int waitFor(const QString &message, int after = -1, int timeoutMs = 30000) const
    {
        QElapsedTimer timer;
        timer.start();
        do {
            const QStringList all = received();
            for (int i = after + 1; i < all.size(); ++i) {
                if (all[i].split(u'\n').value(0) == message)
                    return i;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        } while (timer.elapsed() < timeoutMs);
        return -1;
    }

private:
    void read()
    {
        while (!m_stop) {
            pollfd wait{m_fd, POLLIN, 0};
            if (::poll(&wait, 1, 100) <= 0)
                continue;
            char buffer[4096];
            const ssize_t size = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (size <= 0)
                continue;
            const std::lock_guard lock(m_mutex);
            m_received.append(QString::fromUtf8(buffer, size));
        }
    }

    QTemporaryDir m_dir;
    QString m_path;
    int m_fd = -1;
    mutable std::mutex m_mutex;
    QStringList m_received;
    std::atomic<bool> m_stop{false};
    std::thread m_reader;
};

} // namespace relais::test
