#include "silentlobby.h"

#include <QMetaObject>

#include <algorithm>

#include <fcntl.h>
#include <poll.h>
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
    std::vector<Guest> guests;
    std::vector<pollfd> fds;
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
            guests.insert(guests.end(), m_incoming.begin(), m_incoming.end());
            m_incoming.clear();
        }
        qint64 next = -1;
        fds.assign(1, pollfd{m_wakeFds[0], POLLIN, 0});
        for (const Guest &guest : guests) {
            fds.push_back(pollfd{guest.fd, POLLIN, 0});
            next = next < 0 ? guest.deadline : std::min(next, guest.deadline);
        }
        const int timeout = next < 0 ? -1 : int(std::max<qint64>(0, next - nowMs()));
        if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR)
            break;
        if (fds[0].revents & POLLIN) {
            char drain[64];
            while (::read(m_wakeFds[0], drain, sizeof drain) > 0) {
            }
        }
        const qint64 now = nowMs();
        std::vector<Guest> staying;
        staying.reserve(guests.size());
        for (size_t i = 0; i < guests.size(); ++i) {
            const Guest &guest = guests[i];
            const bool spoke = fds[i + 1].revents != 0;
            if (!spoke && guest.deadline > now) {
                staying.push_back(guest);
                continue;
            }
            {
                std::lock_guard lock(m_mutex);
                --m_count;
            }
            if (spoke) {
                QMetaObject::invokeMethod(
                    this,
                    [this, fd = guest.fd, address = guest.address] {
                        emit this->spoke(fd, address);
                    },
                    Qt::QueuedConnection);
            } else {
                ::close(guest.fd);
                QMetaObject::invokeMethod(
                    this, [this, address = guest.address] { emit expired(address); },
                    Qt::QueuedConnection);
            }
        }
        guests.swap(staying);
    }
    for (const Guest &guest : guests)
        ::close(guest.fd);
}

} // namespace relais::net
