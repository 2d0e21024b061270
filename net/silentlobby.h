// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QHostAddress>
#include <QObject>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace relais::net {

// Where accepted connections wait until they send their first bytes, on a thread of its own.
// A server's event loop scans every descriptor it watches at each turn (glib's poll): two
// thousand silent sockets held there made each turn, and so a kiosk's call setup through the
// hub, two to three times slower. Here they wait in one epoll set on another thread; the owner's
// loop sees a connection only once it speaks (its TLS ClientHello), and one that stays silent past
// its deadline is closed here.
class SilentLobby : public QObject
{
    Q_OBJECT
public:
    explicit SilentLobby(QObject *parent = nullptr);
    ~SilentLobby() override;

    // Takes `descriptor` (an accepted socket); spoke() or expired() follows on this object's
    // thread, once.
    void park(qintptr descriptor, const QHostAddress &address, int deadlineMs);
    int parked() const;

signals:
    // The peer sent something (or closed): the descriptor is the caller's again.
    void spoke(qintptr descriptor, const QHostAddress &address);
    // Nothing came within the deadline: the descriptor is already closed.
    void expired(const QHostAddress &address);

private:
    struct Guest
    {
        int fd;
        QHostAddress address;
        qint64 deadline; // CLOCK_MONOTONIC, ms
    };
    void run();
    void wake();

    mutable std::mutex m_mutex;
    std::vector<Guest> m_incoming; // parked, not yet in the thread's poll set
    int m_count = 0;
    bool m_stopping = false;
    int m_wakeFds[2] = {-1, -1};
    std::thread m_thread;
};

} // namespace relais::net
