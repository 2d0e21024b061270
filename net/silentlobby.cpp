// SPDX-License-Identifier: EUPL-1.2
#include "silentlobby.h"

#include <QMetaObject>

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fcntl.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

namespace relais::net {

namespace {

qint64 nowMs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

} // namespace

SilentLobby::SilentLobby(QObject *parent) : QObject(parent)
{
    if (::pipe2(m_wakeFds, O_CLOEXEC | O_NONBLOCK) != 0)
        qFatal("SilentLobby: no pipe");
    m_thread = std::thread([this] { run(); });
}

SilentLobby::~SilentLobby()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    wake();
    m_thread.join();
    for (const Guest &guest : m_incoming)
        ::close(guest.fd);
    ::close(m_wakeFds[0]);
    ::close(m_wakeFds[1]);
}

void SilentLobby::park(qintptr descriptor, const QHostAddress &address, int deadlineMs)
{
    {
        std::lock_guard lock(m_mutex);
        m_incoming.push_back({int(descriptor), address, nowMs() + deadlineMs});
        ++m_count;
    }
    wake();
}

int SilentLobby::parked() const
{
    std::lock_guard lock(m_mutex);
    return m_count;
}

void SilentLobby::wake()
{
    const char byte = 0;
    [[maybe_unused]] const auto written = ::write(m_wakeFds[1], &byte, 1);
}

void SilentLobby::run()
{
    // epoll, not poll(): a server's worst moment is a flood's thousands of connections arriving
    // and expiring together, and poll() would go over every one of them for each arrival.
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll < 0)
        qFatal("SilentLobby: no epoll");
    epoll_event wakeEvent{};
    wakeEvent.events = EPOLLIN;
    wakeEvent.data.fd = m_wakeFds[0];
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, m_wakeFds[0], &wakeEvent);

    std::unordered_map<int, Guest> guests;
    std::multimap<qint64, int> deadlines;
    // The guest leaves the lobby (and its epoll set) before anyone else may reuse its number.
    auto leave = [&](std::unordered_map<int, Guest>::iterator guest) {
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, guest->first, nullptr);
        auto [from, to] = deadlines.equal_range(guest->second.deadline);
        for (auto it = from; it != to; ++it) {
            if (it->second == guest->first) {
                deadlines.erase(it);
                break;
            }
        }
        Guest left = guest->second;
        guests.erase(guest);
        std::lock_guard lock(m_mutex);
        --m_count;
        return left;
    };

    std::vector<epoll_event> events(256);
    for (;;) {
        std::vector<Guest> arrived;
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
            arrived.swap(m_incoming);
        }
        for (const Guest &guest : arrived) {
            epoll_event event{};
            event.events = EPOLLIN | EPOLLRDHUP;
            event.data.fd = guest.fd;
            if (::epoll_ctl(epoll, EPOLL_CTL_ADD, guest.fd, &event) != 0) {
                // Not a socket epoll can watch: the owner's loop takes it as it is.
                {
                    std::lock_guard lock(m_mutex);
                    --m_count;
                }
                QMetaObject::invokeMethod(
                    this, [this, guest] { emit spoke(guest.fd, guest.address); },
                    Qt::QueuedConnection);
                continue;
            }
            guests.emplace(guest.fd, guest);
            deadlines.emplace(guest.deadline, guest.fd);
        }
        const int timeout =
            deadlines.empty() ? -1 : int(std::max<qint64>(0, deadlines.begin()->first - nowMs()));
        const int ready = ::epoll_wait(epoll, events.data(), int(events.size()), timeout);
        if (ready < 0 && errno != EINTR)
            break;
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_wakeFds[0]) {
                char drain[64];
                while (::read(m_wakeFds[0], drain, sizeof drain) > 0) {
                }
                continue;
            }
            const auto guest = guests.find(fd);
            if (guest == guests.end())
                continue;
            const Guest left = leave(guest);
            QMetaObject::invokeMethod(
                this, [this, left] { emit spoke(left.fd, left.address); }, Qt::QueuedConnection);
        }
        const qint64 now = nowMs();
        while (!deadlines.empty() && deadlines.begin()->first <= now) {
            const Guest left = leave(guests.find(deadlines.begin()->second));
            ::close(left.fd);
            QMetaObject::invokeMethod(
                this, [this, address = left.address] { emit expired(address); },
                Qt::QueuedConnection);
        }
    }
    for (const auto &[fd, guest] : guests)
        ::close(fd);
    ::close(epoll);
}

} // namespace relais::net
