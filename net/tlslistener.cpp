// SPDX-License-Identifier: EUPL-1.2
#include "tlslistener.h"

#include <QSslSocket>

#include <memory>

#include <poll.h>
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
    // Qt's default of 50 leaves a flood's connections in the kernel's queue, unseen and
    // uncounted, while a legitimate client's waits behind them: the listener takes them and
    // the guard decides.
    setListenBacklogSize(1024);
    m_resume.setSingleShot(true);
    m_resume.setInterval(1000);
    connect(&m_resume, &QTimer::timeout, this, &QTcpServer::resumeAccepting);
    connect(this, &QTcpServer::acceptError, this, &TlsListener::resumeAfterAcceptError);
    connect(&m_lobby, &SilentLobby::spoke, this, &TlsListener::spoke);
    connect(&m_lobby, &SilentLobby::expired, this,
            [this](const QHostAddress &address) { m_guard.release(address, false); });
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
        const ConnectionGuard::Limits &limits = m_guard.limits();
        m_log.refused(address, m_guard.untrustedFrom(address) >= limits.perAddress
                                   ? QStringLiteral("per-address cap %1").arg(limits.perAddress)
                                   : QStringLiteral("cap for anonymous connections %1")
                                         .arg(limits.total - limits.reservedForTrusted));
        return;
    }
    // A client whose first bytes came with the accept (a kiosk's ClientHello follows its
    // connect at once) goes straight to this loop; the lobby's thread hops are for the others.
    pollfd first{static_cast<int>(handle), POLLIN, 0};
    if (::poll(&first, 1, 0) > 0) {
        spoke(handle, address);
        return;
    }
    // Counted from now, but watched by this server's loop only once it speaks.
    m_lobby.park(handle, address, m_silentTimeoutMs);
}

void TlsListener::spoke(qintptr handle, const QHostAddress &address)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        m_guard.release(address, false);
        ::close(static_cast<int>(handle));
        delete socket;
        return;
    }
    auto handedOver = std::make_shared<bool>(false);
    connect(socket, &QObject::destroyed, this, [this, address, handedOver] {
        if (!*handedOver)
            m_guard.release(address, false);
    });
    emit accepted(socket, address);
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }

    if (m_lowDelay)
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSslConfiguration(m_tls);
    // Whichever of timeout, error or close comes first; the destroyed() above gives the place
    // back.
    auto drop = [socket] {
        socket->disconnect(socket);
        socket->abort();
        socket->deleteLater();
    };
    QTimer *timeout = nullptr;
    if (m_handshakeTimeoutMs > 0) {
        timeout = new QTimer(socket);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, socket, drop);
        timeout->start(m_handshakeTimeoutMs);
    }
    connect(socket, &QSslSocket::errorOccurred, socket, drop);
    connect(socket, &QSslSocket::disconnected, socket, drop);
    connect(socket, &QSslSocket::encrypted, this, [this, socket, address, timeout, handedOver] {
        if (*handedOver)
            return;
        *handedOver = true;
        delete timeout;
        socket->disconnect(socket);
        disconnect(socket, nullptr, this, nullptr);
        emit encrypted(socket, address);
    });
    connect(
        socket, &QIODevice::readyRead, socket,
        [socket] {
            if (socket->mode() == QSslSocket::UnencryptedMode)
                socket->startServerEncryption();
        },
        Qt::SingleShotConnection);
}

void TlsListener::resumeAfterAcceptError()
{
    // Out of descriptors, QTcpServer stops accepting for good. Connections close (the
    // handshake timeout or the owner's deadline sees to anonymous ones), so accepting resumes
    // a little later.
    qWarning("%s: could not accept a connection (%s), accepting again in 1 s",
             qPrintable(m_log.server()), qPrintable(errorString()));
    if (!isListening())
        return;
    m_resume.start();
}

} // namespace relais::net
