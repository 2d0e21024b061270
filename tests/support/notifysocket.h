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

#include <cstring>

namespace relais::test {

// What systemd gives a Type=notify service, played by the test: a Unix datagram socket named
// in NOTIFY_SOCKET, a watchdog period in WATCHDOG_USEC, and, for the journal's levels, a
// standard error file named in JOURNAL_STREAM. The test reads the notifications as they come.
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
    }
    ~NotifySocket() { ::close(m_fd); }
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
    QStringList received()
    {
        drain(0);
        return m_received;
    }

    // Waits until a notification equal to `message` (a first line such as "READY=1") has come
    // after the `after`-th one; its index, or -1 after `timeoutMs`.
    int waitFor(const QString &message, int after = -1, int timeoutMs = 30000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            for (int i = after + 1; i < m_received.size(); ++i) {
                if (m_received[i].split(u'\n').value(0) == message)
                    return i;
            }
            const int left = timeoutMs - int(timer.elapsed());
            if (left <= 0)
                return -1;
            drain(std::min(left, 200));
        }
    }

    int count(const QString &message)
    {
        drain(0);
        int n = 0;
        for (const QString &m : std::as_const(m_received))
            n += m.split(u'\n').value(0) == message ? 1 : 0;
        return n;
    }

private:
    void drain(int timeoutMs)
    {
        pollfd wait{m_fd, POLLIN, 0};
        while (::poll(&wait, 1, timeoutMs) > 0) {
            char buffer[4096];
            const ssize_t size = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (size <= 0)
                break;
            m_received.append(QString::fromUtf8(buffer, size));
            timeoutMs = 0;
        }
    }

    QTemporaryDir m_dir;
    QString m_path;
    int m_fd = -1;
    QStringList m_received;
};

} // namespace relais::test
