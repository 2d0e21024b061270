#include "tlslistener.h"

#include <QSslSocket>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace relais::net {

namespace {

QHostAddress peerOf(qintptr handle)
{
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    if (::getpeername(static_cast<int>(handle), reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

} // namespace

TlsListener::TlsListener(ConnectionGuard &guard, RefusalLog &log, QObject *parent)
    : QTcpServer(parent), m_guard(guard), m_log(log)
{
    // Nothing waits in the pending queue (see the class comment); the guard is the limit.
    setMaxPendingConnections(guard.limits().total);
}

void TlsListener::incomingConnection(qintptr handle)
{
    const QHostAddress address = peerOf(handle);
    if (address.isNull()) {
        ::close(static_cast<int>(handle));
        return;
    }
    if (!m_guard.admit(address)) {
        // Closed before any TLS work: a refused connection costs the server almost nothing.
        ::close(static_cast<int>(handle));
        m_log.refused(address, m_guard.untrustedFrom(address) >= m_guard.limits().perAddress
                                   ? "too many connections from this address"
                                   : "the server is full");
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        m_guard.release(address, false);
        ::close(static_cast<int>(handle));
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_tls);
    auto *timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    auto handedOver = std::make_shared<bool>(false);
    auto drop = [this, socket, address, handedOver] {
        if (*handedOver)
            return;
        *handedOver = true; // released once, whichever of timeout, error or close comes first
        m_guard.release(address, false);
        socket->abort();
        socket->deleteLater();
    };
    connect(timeout, &QTimer::timeout, socket, drop);
    connect(socket, &QSslSocket::errorOccurred, socket, drop);
    connect(socket, &QSslSocket::disconnected, socket, drop);
    connect(socket, &QSslSocket::encrypted, this, [this, socket, address, timeout, handedOver] {
        if (*handedOver)
            return;
        *handedOver = true;
        delete timeout;
        disconnect(socket, nullptr, socket, nullptr);
        disconnect(socket, &QSslSocket::encrypted, this, nullptr);
        emit encrypted(socket, address);
    });
    timeout->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace relais::net
